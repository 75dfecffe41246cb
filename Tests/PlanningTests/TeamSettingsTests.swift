import Foundation
import XCTest

@testable import Planning

/// The config's "team" entry: paths resolved against the config's folder, mistakes named by key.
final class TeamSettingsTests: XCTestCase {
    static let path = "/plans/shop/plan.json"

    func parse(_ json: String) throws -> PlanConfig {
        try PlanConfigReader.parse(data: Data(json.utf8), path: Self.path)
    }

    func config(_ extra: String = "") -> String {
        #"{"history": "calls.csv", "channels": {"calls": {"aht_seconds": 300, "service_level": "80/20"}}\#(extra.isEmpty ? "" : ", " + extra)}"#
    }

    func assertRefused(_ json: String, key: String, _ words: String, file: StaticString = #filePath, line: UInt = #line)
    {
        do {
            _ = try parse(json)
            XCTFail("accepted: \(json)", file: file, line: line)
        } catch {
            guard case .config(let path, let errorKey, let message) = error as? PlanningError else {
                return XCTFail("expected a config error at \(key), got \(error)", file: file, line: line)
            }
            XCTAssertEqual(path, Self.path, file: file, line: line)
            XCTAssertEqual(errorKey, key, message, file: file, line: line)
            XCTAssertTrue(message.contains(words), "'\(message)' lacks '\(words)'", file: file, line: line)
        }
    }

    func testTeamPathsResolveAgainstTheConfig() throws {
        let c = try parse(
            config(
                #""team": {"agents": "team.csv", "requests": "in/requests.csv", "previous_roster": "/srv/last/roster.csv", "moves": 500}"#
            ))
        XCTAssertEqual(
            c.team,
            TeamSettings(
                agentsPath: "/plans/shop/team.csv", agentsPathAsWritten: "team.csv",
                requestsPath: "/plans/shop/in/requests.csv", requestsPathAsWritten: "in/requests.csv",
                previousRosterPath: "/srv/last/roster.csv", moves: 500))
        XCTAssertNil(try parse(config()).team, "no team: shift counts only")
    }

    func testTeamMistakes() {
        assertRefused(config(#""team": "team.csv""#), key: "team", "expected an object")
        assertRefused(config(#""team": {"requests": "r.csv"}"#), key: "team.agents", "missing")
        assertRefused(
            config(#""team": {"agents": "t.csv", "agent": "x"}"#), key: "team.agent", "did you mean \"agents\"?")
        assertRefused(config(#""team": {"agents": "t.csv", "moves": 2.5}"#), key: "team.moves", "whole number")
    }
}
