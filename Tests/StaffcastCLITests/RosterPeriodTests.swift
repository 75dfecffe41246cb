import Foundation
import XCTest

/// `staffcast roster --weeks N --coverage FILE --calendars DIR --seconds S` on the bundled bank
/// data (RosterCommandTests' team of three): two weeks as one period, the coverage file, one
/// calendar per agent that a re-run updates instead of duplicating, and a time limit.
final class RosterPeriodTests: XCTestCase {
    func testTwoWeeksCoverageAndCalendars() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Few templates and moves: the period is what is tested, not the search.
        let config = try RosterCommandTests.config(
            in: directory,
            team: #", "team": {"agents": "team.csv", "moves": 5}, "shifts": {"lengths": ["8h"], "start_every": "1h"}"#)
        let out = directory.appendingPathComponent("roster.csv")
        let coverage = directory.appendingPathComponent("roster_coverage.csv")
        let calendars = directory.appendingPathComponent("calendars")
        let arguments = [
            "roster", "--config", config.path, "--week", "2003-W36", "--weeks", "2", "--out", out.path, "--coverage",
            coverage.path, "--calendars", calendars.path, "--quiet",
        ]
        let run = try CLI.run(arguments)
        XCTAssertEqual(run.status, 0, run.stderr)
        // Two weeks: shifts on dates of both, coverage for both.
        let dates = Set(
            try String(contentsOf: out, encoding: .utf8).split(separator: "\n").dropFirst().map {
                String($0.split(separator: ",")[2])
            })
        XCTAssertTrue(
            dates.contains { $0 < "2003-09-08" } && dates.contains { $0 >= "2003-09-08" }, "\(dates.sorted())")
        XCTAssertTrue(dates.allSatisfy { $0 >= "2003-09-01" && $0 <= "2003-09-14" })
        let coverageText = try String(contentsOf: coverage, encoding: .utf8)
        XCTAssertTrue(coverageText.hasPrefix("timestamp,channel,required,rostered,gap\n"))
        XCTAssertTrue(coverageText.contains("\n2003-09-12T"), "the second week's Friday is covered too")
        // One calendar per agent; a re-run gives the same files (same UIDs, nothing added).
        let files = try FileManager.default.contentsOfDirectory(atPath: calendars.path).sorted()
        XCTAssertEqual(files, ["A1.ics", "A2.ics", "A3.ics"])
        let first = try Data(contentsOf: calendars.appendingPathComponent("A1.ics"))
        XCTAssertEqual(try CLI.run(arguments).status, 0)
        XCTAssertEqual(try Data(contentsOf: calendars.appendingPathComponent("A1.ics")), first)
        let text = String(decoding: first, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        XCTAssertTrue(text.contains("BEGIN:VTIMEZONE\r\nTZID:UTC\r\n"))
        XCTAssertTrue(text.contains("DTSTART;TZID=UTC:200309"))
    }

    func testFlagsAreChecked() throws {
        for (flag, value) in [
            ("--weeks", "7"), ("--weeks", "0"), ("--weeks", "+2"), ("--seconds", "-1"), ("--seconds", "1e3"),
        ] {
            let run = try CLI.run(["roster", "--config", "x.json", "--out", "r.csv", flag, value])
            XCTAssertEqual(run.status, 64, "\(flag) \(value): \(run.stderr)")
        }
    }

    /// A time limit cuts the search's improving moves, not the roster: a second is enough for a
    /// week of three agents, the run ends soon after and the roster is whole.
    func testTheSearchStopsAtItsTimeLimit() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try RosterCommandTests.config(
            in: directory, team: #", "team": {"agents": "team.csv", "moves": 10000000}"#)
        let out = directory.appendingPathComponent("roster.csv")
        let start = Date()
        let run = try CLI.run([
            "roster", "--config", config.path, "--week", "2003-W36", "--out", out.path, "--seconds", "1", "--quiet",
        ])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(start), 30, "10 million moves would take far longer")
        XCTAssertGreaterThan(try String(contentsOf: out, encoding: .utf8).split(separator: "\n").count, 5)
    }
}
