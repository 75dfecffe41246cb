import Rostering
import XCTest

@testable import DemoData

final class DemoTeamTests: XCTestCase {
    /// The bundled demo team is this generator's output, byte for byte.
    func testTheBundledTeamIsTheGenerators() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let bundled = try String(
            contentsOfFile: root.appendingPathComponent("datasets/webshop_team.csv").path, encoding: .utf8)
        XCTAssertEqual(bundled, DemoTeam.csv(), "regenerate: staffcast-datagen --team datasets/webshop_team.csv")
    }

    func testGeneratedTeamIsDeterministicReadableAndMixed() throws {
        let text = DemoTeam.csv(agents: 1_000)
        XCTAssertEqual(text, DemoTeam.csv(agents: 1_000), "the same seed gives the same bytes")
        XCTAssertNotEqual(text, DemoTeam.csv(agents: 1_000, seed: 7))
        let team = try TeamReader.parseTeam(text: text, file: "team.csv")
        XCTAssertEqual(team.count, 1_000)
        XCTAssertEqual(Set(team.map(\.id)).count, 1_000)
        XCTAssertEqual(team.first?.id, "A0001")
        XCTAssertEqual(team.last?.id, "A1000")
        // The demo's 22 night workers of 344, scaled: 64 (22 × 1000 / 344 = 63.95).
        let nights = team.filter { $0.earliestStartSeconds == 22 * 3600 }
        XCTAssertEqual(nights.count, 64)
        for agent in nights {
            XCTAssertEqual(agent.latestEndSeconds, 8 * 3600 + 1800)
            XCTAssertEqual(Set(agent.skills.map(\.channel)), ["chat", "whatsapp"])
            XCTAssertEqual(Set(agent.skills.map(\.rank)).count, 1)
        }
        // Students (12–16 h): (46 + 14) × 1000 / 344 → 134 + 41.
        XCTAssertEqual(team.filter { $0.maxHoursPerWeek == 16 }.count, 134 + 41)
        let channels = Set(team.flatMap { $0.skills.map(\.channel) })
        XCTAssertEqual(channels, ["phone", "chat", "whatsapp", "email", "social"])
        XCTAssertGreaterThan(team.filter { $0.skills.count > 1 }.count, 900)
        let demo = try TeamReader.parseTeam(text: DemoTeam.csv(), file: "team.csv")
        XCTAssertEqual(demo.count, 344)
        XCTAssertEqual(demo.first?.id, "A001")
    }
}
