import Foundation
import XCTest

/// `plan` with a roster of several weeks, published week after week into one folder: the weeks the
/// earlier run published are kept as published, a new unavailability changes only what it must,
/// `roster_changes.csv` lists each change, the agent's calendar cancels the shift, and a roster
/// edited after publication is refused rather than trusted.
final class RosterRepublishTests: XCTestCase {
    func testTheNextWeekKeepsThePublishedDays() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try RosterCommandTests.config(
            in: directory,
            team:
                #", "team": {"agents": "team.csv", "requests": "requests.csv", "moves": 5, "weeks": 2}, "shifts": {"lengths": ["8h"], "start_every": "1h"}"#
        )
        let out = directory.appendingPathComponent("reports")
        func plan(_ week: String) throws -> CLIResult {
            try CLI.run(["plan", "--config", config.path, "--week", week, "--out-dir", out.path, "--quiet"])
        }
        let first = try plan("2003-W36")
        XCTAssertEqual(first.status, 0, first.stderr)
        let w36 = out.appendingPathComponent("2003-W36")
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: w36.appendingPathComponent("roster_changes.csv").path),
            "nothing was published before W36")
        let published = try Self.shifts(w36.appendingPathComponent("roster.csv"))
        // After publication A2 asks for a day of the second week off, one they were rostered on.
        let day = try XCTUnwrap(published.keys.filter { $0.hasPrefix("A2 2003-09-1") }.sorted().first)
        let date = String(day.dropFirst(3))
        try Data("agent,date,kind,shift,weight\nA2,\(date),unavailable,,\n".utf8).write(
            to: directory.appendingPathComponent("requests.csv"))
        let second = try plan("2003-W37")
        XCTAssertEqual(second.status, 0, second.stderr)
        let w37 = out.appendingPathComponent("2003-W37")
        let now = try Self.shifts(w37.appendingPathComponent("roster.csv"))
        let changes = try String(contentsOf: w37.appendingPathComponent("roster_changes.csv"), encoding: .utf8)
        let rows = changes.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        XCTAssertTrue(changes.hasPrefix("agent,date,before,after,reason\n"), changes)
        XCTAssertTrue(
            rows.contains { $0[0] == "A2" && $0[1] == date && $0[3] == "off" && $0[4] == "unavailable" }, changes)
        // Every day of W37 the first run published is as it was, but for the listed ones.
        let listed = Set(rows.map { $0[0] + " " + $0[1] })
        for agent in ["A1", "A2", "A3"] {
            for d in 8...14 {
                let key = "\(agent) 2003-09-\(String(format: "%02d", d))"
                if listed.contains(key) {
                    XCTAssertNotEqual(published[key], now[key], key)
                } else {
                    XCTAssertEqual(published[key], now[key], key)
                }
            }
        }
        XCTAssertLessThanOrEqual(rows.count, 4, changes)
        // The agent's calendar of the new week sends the shift as cancelled.
        let calendar = try String(contentsOf: w37.appendingPathComponent("calendars/A2.ics"), encoding: .utf8)
        let uid = "UID:shift-" + date.replacingOccurrences(of: "-", with: "") + "-"
        let event = try XCTUnwrap(calendar.components(separatedBy: "BEGIN:VEVENT").first { $0.contains(uid) })
        XCTAssertTrue(event.contains("STATUS:CANCELLED"), event)

        // A roster edited after its publication is refused, not kept.
        let handle = try FileHandle(forWritingTo: w36.appendingPathComponent("roster.csv"))
        handle.seekToEndOfFile()
        handle.write(Data("\n".utf8))
        try handle.close()
        let edited = try plan("2003-W37")
        XCTAssertEqual(edited.status, 65, edited.stderr)
        XCTAssertTrue(edited.stderr.contains("roster.csv") && edited.stderr.contains("SHA-256"), edited.stderr)
    }

    /// "agent date" → "start,end" of each shift in a roster.csv.
    static func shifts(_ url: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            result[f[0] + " " + f[2]] = f[3] + "," + f[4]
        }
        return result
    }
}
