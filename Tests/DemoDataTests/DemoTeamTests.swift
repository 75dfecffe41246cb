import Rostering
import XCTest

@testable import DemoData

final class DemoTeamTests: XCTestCase {
    func testGeneratedTeamIsDeterministicReadableAndMixed() throws {
        let text = DemoTeam.csv(agents: 1_000)
        XCTAssertEqual(text, DemoTeam.csv(agents: 1_000), "the same seed gives the same bytes")
        XCTAssertNotEqual(text, DemoTeam.csv(agents: 1_000, seed: 7))
        let team = try TeamReader.parseTeam(text: text, file: "team.csv")
        XCTAssertEqual(team.count, 1_000)
        XCTAssertEqual(Set(team.map(\.id)).count, 1_000)
        XCTAssertEqual(team.first?.id, "A0001")
        XCTAssertEqual(team.last?.id, "A1000")
        // 7 % night workers (22:00–08:00, chat or WhatsApp), 15 % students, 23 % part-timers.
        let nights = team.filter { $0.earliestStartSeconds == 22 * 3600 }
        XCTAssertEqual(nights.count, 70)
        for agent in nights {
            XCTAssertEqual(agent.latestEndSeconds, 8 * 3600)
            XCTAssertEqual(Set(agent.skills.map(\.channel)), ["chat", "whatsapp"])
            XCTAssertEqual(Set(agent.skills.map(\.rank)).count, 1)
        }
        XCTAssertEqual(team.filter { $0.maxHoursPerWeek == 16 }.count, 150)
        XCTAssertEqual(team.filter { $0.maxHoursPerWeek == 24 }.count, 230)
        XCTAssertEqual(team.filter { $0.minHoursPerWeek >= 32 }.count, 550)
        // Every channel has agents, most of them blended.
        let channels = Set(team.flatMap { $0.skills.map(\.channel) })
        XCTAssertEqual(channels, ["phone", "chat", "whatsapp", "email", "social"])
        XCTAssertGreaterThan(team.filter { $0.skills.count > 1 }.count, 700)
    }
}
