import XCTest

@testable import Queueing

/// Blended versus separate teams in simulation, against Erlang C (an independent formula).
final class SkillRoutingTests: XCTestCase {
    static let interval = 1800.0, aht = 300.0, target = 20.0

    /// Fewest agents for 80 % in 20 s by Erlang C.
    static func erlangAgents(_ contacts: Double) -> Int {
        var n = 1
        while ErlangC.metrics(
            contacts: contacts, intervalSeconds: interval, ahtSeconds: aht, agents: n, targetSeconds: target
        ).serviceLevel < 0.8 { n += 1 }
        return n
    }

    static func simulate(contacts: Double, teams: [[Int]], replications: Int = 150) throws
        -> [SkillRoutingChannelResult]
    {
        let hours = 12
        let channels = (0..<2).map { c in
            SkillRoutingSetup.Channel(
                name: "c\(c)", contacts: Array(repeating: contacts, count: 2 * hours),
                handleTime: .exponential(meanSeconds: aht),
                targetSeconds: target)
        }
        // A day of duty for everyone; the queue starts empty.
        let agents = teams.map { skills in
            SkillRoutingSetup.Agent(
                skills: skills, ranks: Array(repeating: 0, count: skills.count), duty: [0...Double(hours) * 3600 + 3600]
            )
        }
        return try SkillRoutingSimulator.run(
            SkillRoutingSetup(
                intervalSeconds: interval, channels: channels, agents: agents, seed: 11, replications: replications))
    }

    func testPoolingTwoEqualQueuesSavesAgents() throws {
        let contacts = 10.0
        let separate = Self.erlangAgents(contacts)
        let pooled = Self.erlangAgents(2 * contacts)
        // Erlang C: 10 calls of 300 s per half hour need `separate` agents alone, twice the calls `pooled`.
        let saving = 1 - Double(pooled) / Double(2 * separate)
        XCTAssertGreaterThan(saving, 0.15)
        XCTAssertLessThan(saving, 0.35)

        // Separate teams: each channel behaves as M/M/N with its own agents.
        let apart = try Self.simulate(
            contacts: contacts, teams: Array(repeating: [0], count: separate) + Array(repeating: [1], count: separate))
        let expectedApart = ErlangC.metrics(
            contacts: contacts, intervalSeconds: Self.interval, ahtSeconds: Self.aht, agents: separate,
            targetSeconds: Self.target
        ).serviceLevel
        for channel in apart { XCTAssertEqual(channel.serviceLevel, expectedApart, accuracy: 0.03, channel.name) }

        // One blended team of `pooled` agents with both skills: M/M/N on the summed arrivals.
        let blended = try Self.simulate(contacts: contacts, teams: Array(repeating: [0, 1], count: pooled))
        let expectedBlended = ErlangC.metrics(
            contacts: 2 * contacts, intervalSeconds: Self.interval, ahtSeconds: Self.aht, agents: pooled,
            targetSeconds: Self.target
        ).serviceLevel
        for channel in blended {
            XCTAssertEqual(channel.serviceLevel, expectedBlended, accuracy: 0.03, channel.name)
            XCTAssertGreaterThan(channel.serviceLevel, 0.77)
        }

        // The same head count split into two single-skill teams misses the target.
        let split = try Self.simulate(
            contacts: contacts,
            teams: Array(repeating: [0], count: pooled / 2) + Array(repeating: [1], count: pooled - pooled / 2))
        XCTAssertLessThan(split[0].serviceLevel, 0.75, "fewer dedicated agents than Erlang C asks for")
    }

    func testPoolingSavesLessAtHigherVolume() {
        // The economy of scale flattens: at 100 contacts per half hour pooling saves far less.
        let low = 1 - Double(Self.erlangAgents(20)) / Double(2 * Self.erlangAgents(10))
        let high = 1 - Double(Self.erlangAgents(200)) / Double(2 * Self.erlangAgents(100))
        XCTAssertLessThan(high, low / 2)
        XCTAssertGreaterThan(high, 0)
    }

    func testPreferenceOrderDecidesWhoWaits() throws {
        // Everybody prefers channel 0: when both queues hold contacts channel 0 goes first, so its
        // service level is the higher of two equally loaded channels.
        let channels = (0..<2).map { c in
            SkillRoutingSetup.Channel(
                name: "c\(c)", contacts: Array(repeating: 16, count: 16),
                handleTime: .exponential(meanSeconds: Self.aht), targetSeconds: Self.target)
        }
        let agents = (0..<6).map { _ in
            SkillRoutingSetup.Agent(skills: [0, 1], ranks: [0, 1], duty: [0...8 * 3600 + 3600])
        }
        let result = try SkillRoutingSimulator.run(
            SkillRoutingSetup(
                intervalSeconds: Self.interval, channels: channels, agents: agents, seed: 5, replications: 60))
        XCTAssertGreaterThan(result[0].serviceLevel, result[1].serviceLevel + 0.1)
    }

    func testSameSeedSameResult() throws {
        XCTAssertEqual(
            try Self.simulate(contacts: 10, teams: Array(repeating: [0, 1], count: 5), replications: 3),
            try Self.simulate(contacts: 10, teams: Array(repeating: [0, 1], count: 5), replications: 3))
    }
}
