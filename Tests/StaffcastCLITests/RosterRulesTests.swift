import Foundation
import XCTest

/// `staffcast roster --rules nl-atw --rules-report FILE` and `"team": {"rules": …}` on the bundled
/// bank data (RosterCommandTests' team, with one agent whose id begins like a formula): the rule
/// report's rows and its formula-safe cells, `plan`'s roster_rules.csv, and refusals.
final class RosterRulesTests: XCTestCase {
    static let header =
        "agent,week,shifts,hours,longest_shift_hours,night_shifts,longest_night_series,most_shifts_in_a_row,shortest_rest_hours,shortest_rest_after_night_hours,longest_rest_hours,sundays_free"

    func config(in directory: URL, rules: String) throws -> URL {
        let url = try RosterCommandTests.config(
            in: directory,
            team:
                #", "team": {"agents": "team.csv", "moves": 5\#(rules)}, "shifts": {"lengths": ["8h"], "start_every": "1h"}"#
        )
        let team = RosterCommandTests.team + "\n=SUM(A1),Formula,calls,0,40,,5,2,1,06:00,22:00\n"
        try Data(team.utf8).write(to: directory.appendingPathComponent("team.csv"))
        return url
    }

    func testRosterWritesTheRuleReport() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try config(in: directory, rules: "")
        let out = directory.appendingPathComponent("roster.csv")
        let report = directory.appendingPathComponent("roster_rules.csv")
        let run = try CLI.run([
            "roster", "--config", config.path, "--week", "2003-W36", "--weeks", "2", "--out", out.path, "--rules",
            "nl-atw", "--rules-report", report.path, "--quiet",
        ])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = try String(contentsOf: report, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, Self.header)
        // Four agents, two weeks and the period each.
        XCTAssertEqual(lines.count, 1 + 4 * 3)
        XCTAssertEqual(
            lines.dropFirst().map { String($0.split(separator: ",")[1]) }.prefix(3),
            ["2003-09-01", "2003-09-08", "period"])
        XCTAssertTrue(lines.contains { $0.hasPrefix("'=SUM(A1),2003-09-01,") }, "the formula-like id is quoted")
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            XCTAssertEqual(cells.count, 12, line)
            XCTAssertLessThanOrEqual(Double(cells[3]) ?? 0, 55, line)
            if let rest = Double(cells[8]) { XCTAssertGreaterThanOrEqual(rest, 11, line) }
            if cells[1] != "period", let longest = Double(cells[10]) { XCTAssertGreaterThanOrEqual(longest, 36, line) }
        }
    }

    func testPlanWritesTheRuleReportWithTheRoster() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try config(in: directory, rules: #", "rules": {"preset": "nl-atw", "max_shift_hours": 10}"#)
        let reports = directory.appendingPathComponent("reports")
        let run = try CLI.run([
            "plan", "--config", config.path, "--week", "2003-W36", "--out-dir", reports.path, "--quiet",
        ])
        XCTAssertEqual(run.status, 0, run.stderr)
        let week = reports.appendingPathComponent("2003-W36")
        let text = try String(contentsOf: week.appendingPathComponent("roster_rules.csv"), encoding: .utf8)
        XCTAssertTrue(text.hasPrefix(Self.header + "\n"))
        let manifest = try String(contentsOf: week.appendingPathComponent("manifest.json"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("roster_rules.csv"), "the manifest hashes it")
    }

    func testMistakesAreRefused() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("roster.csv").path
        let bad = try config(in: directory, rules: #", "rules": {"preset": "nl-atw", "weekly_rest_hours": -36}"#)
        var run = try CLI.run(["roster", "--config", bad.path, "--week", "2003-W36", "--out", out])
        XCTAssertEqual(run.status, 65, run.stderr)
        XCTAssertTrue(run.stderr.contains("team.rules.weekly_rest_hours"), run.stderr)
        let plain = try config(in: directory, rules: "")
        run = try CLI.run(["roster", "--config", plain.path, "--out", out, "--rules", "nl-atv"])
        XCTAssertEqual(run.status, 64, run.stderr)
        XCTAssertTrue(run.stderr.contains("nl-atw"), run.stderr)
        run = try CLI.run(["roster", "--config", plain.path, "--out", out, "--rules-report", out + ".rules"])
        XCTAssertEqual(run.status, 64, run.stderr)
        XCTAssertTrue(run.stderr.contains("--rules-report"), run.stderr)
    }
}
