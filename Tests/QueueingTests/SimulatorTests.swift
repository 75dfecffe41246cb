import TestSupport
import XCTest

@testable import Queueing

/// The simulator against the formulas it must agree with on stationary cases, and its own rules
/// (reproducibility, replay counts, staffing drops). Expected values come from the reference
/// tables (50-digit mpmath) or closed forms, never from an earlier run.
final class SimulatorTests: XCTestCase {
    /// Pools the intervals after the first (warm-up: the queue starts empty).
    private func pooled(_ result: SimulationResult) -> (
        serviceLevel: Double, abandonRate: Double, asa: Double, occupancy: Double
    ) {
        let steady = result.intervals.dropFirst()
        let offered = steady.reduce(0) { $0 + $1.offered }
        let answered = steady.reduce(0) { $0 + $1.answered }
        return (
            steady.reduce(0) { $0 + $1.answeredWithinTarget } / offered,
            steady.reduce(0) { $0 + $1.abandoned } / offered,
            steady.reduce(0) { $0 + $1.answeredWaitSeconds } / answered,
            steady.reduce(0) { $0 + $1.busyAgentSeconds } / steady.reduce(0) { $0 + $1.staffedAgentSeconds }
        )
    }

    private func stationary(
        contacts: Double, agents: Int, intervals: Int, handleTime: SimulationSetup.HandleTime,
        patience: Double? = nil, target: Double, replications: Int = 2, seed: UInt64 = 7
    ) throws -> SimulationResult {
        try Simulator.run(
            SimulationSetup(
                intervalSeconds: 1800, contacts: Array(repeating: contacts, count: intervals),
                agents: Array(repeating: agents, count: intervals), handleTime: handleTime,
                patienceSeconds: patience, targetSeconds: target, seed: seed, replications: replications))
    }

    /// R0001: 100 contacts per 30 minutes, AHT 180 s, 14 agents: SL(20 s) 0.88835, ASA over all
    /// contacts C·AHT/(N − A) = 0.174132·180/4 = 7.836 s, occupancy 10/14.
    func testStationaryQueueMatchesErlangC() throws {
        let result = try stationary(
            contacts: 100, agents: 14, intervals: 400, handleTime: .exponential(meanSeconds: 180), target: 20)
        let measured = pooled(result)
        assertClose(measured.serviceLevel, 0.8883500191794668842482187, absolute: 0.01)
        assertClose(measured.asa, 0.174131933595049842644707 * 180 / 4, relative: 0.1)
        assertClose(measured.occupancy, 10.0 / 14.0, absolute: 0.01)
        XCTAssertEqual(measured.abandonRate, 0)
    }

    /// A0038: 100 contacts per 30 minutes, AHT 180 s, patience 180 s, 12 agents, T 20 s:
    /// SL 0.802304, abandonment 0.0530916.
    func testStationaryQueueWithPatienceMatchesErlangA() throws {
        let result = try stationary(
            contacts: 100, agents: 12, intervals: 400, handleTime: .exponential(meanSeconds: 180),
            patience: 180, target: 20)
        let measured = pooled(result)
        assertClose(measured.serviceLevel, 0.8023038672844355197051628, absolute: 0.01)
        assertClose(measured.abandonRate, 0.05309162537074251853407504, absolute: 0.005)
    }

    /// One agent, Poisson arrivals at load 0.5, handle time mean 100 s: the Pollaczek–Khinchine
    /// mean wait ρ·m·(1 + CV²) / (2(1 − ρ)) is 50 s for constant times, 62.5 s for CV 0.5 and
    /// 100 s for exponential — the CV really reaches the handle times.
    func testHandleTimeVariabilityFollowsPollaczekKhinchine() throws {
        for (handle, expectedWait) in [
            (SimulationSetup.HandleTime.lognormal(meanSeconds: 100, cv: 0), 50.0),
            (.lognormal(meanSeconds: 100, cv: 0.5), 62.5), (.exponential(meanSeconds: 100), 100),
        ] {
            let result = try stationary(
                contacts: 9, agents: 1, intervals: 4000, handleTime: handle, target: 20, replications: 1)
            let measured = pooled(result)
            assertClose(measured.asa, expectedWait, relative: 0.06, "\(handle)")
            assertClose(measured.occupancy, 0.5, absolute: 0.01, "\(handle)")
        }
    }

    /// Per-interval handle times replace the law's mean: a law of mean 90 s scaled to 180 s in
    /// every interval is R0001 again (SL 0.88835; at 90 s the load would be 5 Erlangs on 14 agents
    /// and SL ≈ 1); scaled to the law's own mean the run is the same bytes; a wrong count is refused.
    func testIntervalHandleTimesReplaceTheMean() throws {
        var setup = SimulationSetup(
            intervalSeconds: 1800, contacts: Array(repeating: 100, count: 400),
            agents: Array(repeating: 14, count: 400), handleTime: .exponential(meanSeconds: 90),
            targetSeconds: 20, seed: 7, replications: 2)
        setup.intervalAHTSeconds = Array(repeating: 180, count: 400)
        let measured = pooled(try Simulator.run(setup))
        assertClose(measured.serviceLevel, 0.8883500191794668842482187, absolute: 0.01)
        assertClose(measured.occupancy, 10.0 / 14.0, absolute: 0.01)

        var halves = setup
        halves.handleTime = .lognormal(meanSeconds: 180, cv: 0.8)
        halves.intervalAHTSeconds = nil
        let plain = try Simulator.run(halves)
        halves.intervalAHTSeconds = Array(repeating: 180, count: 400)
        XCTAssertEqual(try Simulator.run(halves), plain)

        halves.intervalAHTSeconds = [180]
        XCTAssertThrowsError(try Simulator.run(halves)) { error in
            guard case .invalidParameter(let name, _) = error as? QueueingError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, .ahtSeconds)
        }
    }

    func testSameSeedSameResultsAndOtherSeedOtherResults() throws {
        let setup = SimulationSetup(
            intervalSeconds: 900, contacts: [40, 80, 120, 60], agents: [5, 9, 12, 4],
            handleTime: .lognormal(meanSeconds: 240, cv: 0.8), patienceSeconds: 120, targetSeconds: 20,
            seed: 42, replications: 5)
        let first = try Simulator.run(setup)
        XCTAssertEqual(first, try Simulator.run(setup))
        var other = setup
        other.seed = 43
        XCTAssertNotEqual(first.replicationServiceLevels, try Simulator.run(other).replicationServiceLevels)
        XCTAssertEqual(first.replicationServiceLevels.count, 5)
        // Replications differ from one another (independent streams).
        XCTAssertEqual(Set(first.replicationServiceLevels).count, 5)
    }

    func testReplayOffersExactlyTheCountsAndAccountsForEveryContact() throws {
        let counts: [Double] = [0, 17, 3, 250, 42]
        let result = try Simulator.run(
            SimulationSetup(
                intervalSeconds: 1800, contacts: counts, agents: [1, 2, 1, 20, 0],
                handleTime: .exponential(meanSeconds: 300), patienceSeconds: 600,
                targetSeconds: 30, arrivals: .replay, seed: 3, replications: 3))
        XCTAssertEqual(result.intervals.map(\.offered), counts)
        for interval in result.intervals {
            XCTAssertEqual(interval.answered + interval.abandoned, interval.offered)
            XCTAssertTrue((0...1).contains(interval.serviceLevel))
            XCTAssertTrue((0...1).contains(interval.occupancy))
        }
        // Nobody on duty in the last interval and after it: everyone arriving then abandons, and
        // the only staffed time is the interval-3 agents finishing their last contacts.
        XCTAssertEqual(result.intervals[4].abandoned, 42)
        XCTAssertGreaterThan(result.intervals[4].staffedAgentSeconds, 0)
        XCTAssertEqual(result.intervals[4].busyAgentSeconds, result.intervals[4].staffedAgentSeconds)
        XCTAssertEqual(result.intervals[0].serviceLevel, 1)
    }

    func testWithoutPatienceAndWithoutAgentsContactsStayUnanswered() throws {
        let result = try Simulator.run(
            SimulationSetup(
                intervalSeconds: 900, contacts: [5, 5], agents: [0, 0],
                handleTime: .exponential(meanSeconds: 60), targetSeconds: 20,
                arrivals: .replay))
        XCTAssertEqual(result.unanswered, 10)
        XCTAssertEqual(result.answered, 0)
        XCTAssertEqual(result.serviceLevel.mean, 0)
    }

    /// One contact in the first half hour taking exactly an hour; one agent, then none, then one.
    /// `.finish`: the agent stays to finish (interval 1 fully staffed and busy) and the contact ends
    /// in interval 2 after `arrival` seconds. `.preempt`: interval 1 has nobody; the contact resumes
    /// at the start of interval 2 with 1800 + arrival seconds left, so interval 2 is fully busy.
    func testStaffingDropFinishesOrPreemptsTheContact() throws {
        func run(_ departure: SimulationSetup.Departure) throws -> SimulationResult {
            try Simulator.run(
                SimulationSetup(
                    intervalSeconds: 1800, contacts: [1, 0, 0], agents: [1, 0, 1],
                    handleTime: .lognormal(meanSeconds: 3600, cv: 0), targetSeconds: 20,
                    arrivals: .replay, departure: departure, seed: 11))
        }
        let finish = try run(.finish)
        let preempt = try run(.preempt)
        let arrival = 1800 - finish.intervals[0].busyAgentSeconds
        XCTAssertGreaterThan(arrival, 0)
        XCTAssertEqual(finish.intervals[1].staffedAgentSeconds, 1800)
        XCTAssertEqual(finish.intervals[1].occupancy, 1)
        assertClose(finish.intervals[2].busyAgentSeconds, arrival, absolute: 1e-6)
        XCTAssertEqual(preempt.intervals[0].busyAgentSeconds, finish.intervals[0].busyAgentSeconds)
        XCTAssertEqual(preempt.intervals[1].staffedAgentSeconds, 0)
        XCTAssertEqual(preempt.intervals[1].busyAgentSeconds, 0)
        XCTAssertEqual(preempt.intervals[2].occupancy, 1)
        for result in [finish, preempt] {
            XCTAssertEqual(result.answered, 1)
            XCTAssertEqual(result.intervals[0].serviceLevel, 1)
        }
    }

    /// A staffing drop with work in progress: under `.finish` the staff who stay take the queue
    /// sooner than under `.preempt` (taken-back contacts queue ahead), so waits are no shorter.
    func testPreemptionNeverAnswersFasterOnABusyDrop() throws {
        var setup = SimulationSetup(
            intervalSeconds: 900, contacts: Array(repeating: 120, count: 40),
            agents: (0..<40).map { $0 % 2 == 0 ? 40 : 30 },
            handleTime: .exponential(meanSeconds: 200), targetSeconds: 20, seed: 5, replications: 2)
        let finish = try Simulator.run(setup)
        setup.departure = .preempt
        let preempt = try Simulator.run(setup)
        XCTAssertGreaterThan(finish.serviceLevel.mean, preempt.serviceLevel.mean)
    }

    func testConfidenceIntervalUsesStudentT() {
        let interval = ConfidenceInterval(samples: [1, 2, 3])
        XCTAssertEqual(interval.mean, 2)
        assertClose(interval.halfWidth, 4.302652729749462 / 3.0.squareRoot(), relative: 1e-9)
        XCTAssertTrue(ConfidenceInterval(samples: [0.9]).halfWidth.isNaN)
        // Reference quantiles (scipy.stats.t.ppf(0.975, df)).
        assertClose(StudentT.quantile975(degreesOfFreedom: 30), 2.042272456301238, absolute: 1e-9)
        assertClose(StudentT.quantile975(degreesOfFreedom: 31), 2.039513446396408, absolute: 1e-7)
        assertClose(StudentT.quantile975(degreesOfFreedom: 60), 2.0002978220142604, absolute: 1e-7)
        assertClose(StudentT.quantile975(degreesOfFreedom: 1000), 1.9623390808264083, absolute: 1e-7)
    }

    func testBadInputNamesTheField() {
        func name(_ setup: SimulationSetup) -> String? {
            do {
                _ = try Simulator.run(setup)
                return nil
            } catch {
                if case .invalidParameter(let name, _) = error { return name.rawValue }
                return nil
            }
        }
        let good = SimulationSetup(
            intervalSeconds: 900, contacts: [10], agents: [2], handleTime: .exponential(meanSeconds: 60),
            targetSeconds: 20)
        var setup = good
        setup.agents = [2, 3]
        XCTAssertEqual(name(setup), "agents")
        setup = good
        setup.handleTime = .exponential(meanSeconds: -5)
        XCTAssertEqual(name(setup), "aht_seconds")
        setup = good
        setup.handleTime = .lognormal(meanSeconds: 60, cv: .nan)
        XCTAssertEqual(name(setup), "aht_cv")
        setup = good
        setup.patienceSeconds = 0
        XCTAssertEqual(name(setup), "patience_seconds")
        setup = good
        setup.replications = 0
        XCTAssertEqual(name(setup), "replications")
        setup = good
        setup.contacts = [.infinity]
        XCTAssertEqual(name(setup), "contacts")
        setup = good
        setup.contacts = [1e9]
        setup.replications = 10
        XCTAssertEqual(name(setup), "contacts")
        XCTAssertNil(name(good))
    }

    /// Found by `make fuzz` (case 1222): an interval's occupancy came out 1.0000000000000007 from
    /// summing clipped service pieces. Rounding above 1 is clamped; a real excess is not hidden.
    func testOccupancyRoundingAboveOneIsClamped() {
        XCTAssertEqual(Simulator.occupancy(busy: 1800 * (1 + 7e-16), staffed: 1800), 1)
        XCTAssertEqual(Simulator.occupancy(busy: 900, staffed: 1800), 0.5)
        XCTAssertEqual(Simulator.occupancy(busy: 5, staffed: 0), 0)
        XCTAssertGreaterThan(Simulator.occupancy(busy: 1900, staffed: 1800), 1)
    }
}
