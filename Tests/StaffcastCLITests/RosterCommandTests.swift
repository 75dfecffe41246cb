import Foundation
import XCTest

/// `staffcast roster` and `plan` with a team, on the bundled bank data (one channel, "calls").
final class RosterCommandTests: XCTestCase {
    static let team = """
        id,name,skills,min_hours,max_hours,max_shifts,max_days_in_a_row,min_days_off_in_a_row,max_weekends,earliest_start,latest_end
        A1,Anna,calls,24,40,,5,2,1,06:00,22:00
        A2,Bram,calls,24,40,,5,2,1,06:00,22:00
        A3,Chloe,calls,0,24,3,3,1,1,12:00,22:00
        """

    static func config(
        in directory: URL, team: String = #", "team": {"agents": "team.csv", "requests": "requests.csv"}"#
    )
        throws -> URL
    {
        try Data(Self.team.utf8).write(to: directory.appendingPathComponent("team.csv"))
        try Data("agent,date,kind,shift,weight\nA1,2003-09-01,unavailable,,\n".utf8).write(
            to: directory.appendingPathComponent("requests.csv"))
        let history = CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv").path
        let text = """
            {"history": "\(history)", "timezone": "UTC", "interval": "30m", "backtest_origins": 2\(team),
             "channels": {"calls": {"aht_seconds": 300, "service_level": "80/20", "max_occupancy": 0.85, "shrinkage": 0.3}}}
            """
        let url = directory.appendingPathComponent("plan.json")
        try Data(text.utf8).write(to: url)
        return url
    }

    func testRosterWritesNamedAgentsWithinTheirRules() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try Self.config(in: directory)
        let out = directory.appendingPathComponent("roster.csv")
        let run = try CLI.run(["roster", "--config", config.path, "--week", "2003-W36", "--out", out.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        XCTAssertEqual(
            rows.first?.joined(separator: ","),
            "agent,name,date,shift_start,shift_end,break_start,break_end,channel,activity_start,activity_end")
        XCTAssertGreaterThan(rows.count, 5)
        for row in rows.dropFirst() {
            XCTAssertEqual(row[7], "calls")
            // Anna is unavailable on Monday 2003-09-01; Chloe starts no earlier than 12:00.
            XCTAssertFalse(row[0] == "A1" && row[2] == "2003-09-01")
            if row[0] == "A3" { XCTAssertGreaterThanOrEqual(String(row[3].dropFirst(11).prefix(5)), "12:00") }
        }
        // The same inputs, the same bytes; plan publishes the roster files in the week's folder.
        let again = directory.appendingPathComponent("again.csv")
        XCTAssertEqual(
            try CLI.run(["roster", "--config", config.path, "--week", "2003-W36", "--out", again.path, "--quiet"])
                .status, 0)
        XCTAssertEqual(try Data(contentsOf: out), try Data(contentsOf: again))
        let plan = try CLI.run([
            "plan", "--config", config.path, "--week", "2003-W36", "--out-dir",
            directory.appendingPathComponent("reports").path, "--quiet",
        ])
        XCTAssertEqual(plan.status, 0, plan.stderr)
        let week = directory.appendingPathComponent("reports/2003-W36")
        XCTAssertEqual(try Data(contentsOf: week.appendingPathComponent("roster.csv")), try Data(contentsOf: out))
        for name in ["agent_hours.csv", "roster_coverage.csv", "uncovered.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: week.appendingPathComponent(name).path), name)
        }
        XCTAssertTrue(
            try String(contentsOf: week.appendingPathComponent("report.html"), encoding: .utf8).contains("<h2>Roster"))
        // The manifest hashes the team and requests files as read (checked with sha256sum).
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: week.appendingPathComponent("manifest.json")))
            as? [String: Any]
        let inputs = manifest?["inputs"] as? [[String: Any]] ?? []
        for (role, file) in [("team", "team.csv"), ("requests", "requests.csv")] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [directory.appendingPathComponent(file).path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let digest = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
            XCTAssertEqual(inputs.first { $0["role"] as? String == role }?["sha256"] as? String, String(digest), role)
        }
    }

    func testRosterNeedsATeamAndKnownAgents() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let noTeam = try Self.config(in: directory, team: "")
        let out = directory.appendingPathComponent("roster.csv")
        let missing = try CLI.run(["roster", "--config", noTeam.path, "--out", out.path])
        XCTAssertEqual(missing.status, 65)
        XCTAssertTrue(missing.stderr.contains("team: missing"), missing.stderr)
        let config = try Self.config(in: directory)
        try Data("agent,date,kind,shift,weight\nZ9,2003-09-01,unavailable,,\n".utf8).write(
            to: directory.appendingPathComponent("requests.csv"))
        let unknown = try CLI.run(["roster", "--config", config.path, "--out", out.path])
        XCTAssertEqual(unknown.status, 65)
        XCTAssertTrue(unknown.stderr.contains("requests.csv:2:1: 'Z9' is not an agent of the team"), unknown.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "no partial output")
    }
}
