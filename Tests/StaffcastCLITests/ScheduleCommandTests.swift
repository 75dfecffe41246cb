import Foundation
import XCTest

/// `staffcast schedule` on the shared reference week (../shared/reference/requirements_week.csv,
/// copied as Tests/SchedulingTests/Fixtures): 8/6/4-hour shifts, no breaks → 15,446 agent-hours.
final class ScheduleCommandTests: XCTestCase {
    /// The reference week as a requirements CSV (Monday 2024-01-01, UTC).
    func writeReferenceRequirements(to url: URL) throws {
        let fixture = CLI.projectRoot.appendingPathComponent("Tests/SchedulingTests/Fixtures/requirements_week.csv")
        let lines = try String(contentsOf: fixture, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        var text = "timestamp,channel,contacts,aht_seconds,agents,headcount\n"
        for line in lines {
            let f = line.split(separator: ",").map(String.init)
            let day = Int(f[0])!
            let period = Int(f[1])!
            let hh = period / 2
            let mm = period % 2 * 30
            text += String(format: "2024-01-%02dT%02d:%02d:00Z,voice,%@,300,%@,%@\n", 1 + day, hh, mm, f[3], f[5], f[5])
        }
        try Data(text.utf8).write(to: url)
    }

    func testReferenceWeekScheduleAndCoverage() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let requirements = directory.appendingPathComponent("requirements.csv")
        try writeReferenceRequirements(to: requirements)
        let out = directory.appendingPathComponent("schedule.csv")
        let coverage = directory.appendingPathComponent("coverage.csv")
        let result = try CLI.run([
            "schedule", "--requirements", requirements.path, "--shifts", "8h,6h,4h", "--no-breaks",
            "--sl-seconds", "20", "--out", out.path, "--coverage", coverage.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(
            result.stdout, "LP lower bound: 15446 agent-hours (LP optimum 15446)\nagent-hours: 15446\ngap: 0 %\n")
        let shifts = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        XCTAssertEqual(
            shifts[0].joined(separator: ","), "date,channel,shift_start,shift_end,break_start,break_end,agents")
        let formatter = ISO8601DateFormatter()
        var hours = 0.0
        for row in shifts.dropFirst() {
            let start = try XCTUnwrap(formatter.date(from: String(row[2])))
            let end = try XCTUnwrap(formatter.date(from: String(row[3])))
            XCTAssertEqual(row[4], "")
            XCTAssertEqual(row[5], "")
            hours += end.timeIntervalSince(start) / 3600 * Double(try XCTUnwrap(Int(row[6])))
        }
        XCTAssertEqual(hours, 15_446)
        let cover = try String(contentsOf: coverage, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(cover[0], "timestamp,channel,required,scheduled,gap,service_level")
        XCTAssertEqual(cover.count, 1 + 7 * 48)
        for line in cover.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            XCTAssertGreaterThanOrEqual(Int(f[3])!, Int(f[2])!, String(line))
            XCTAssertEqual(Int(f[4])!, Int(f[3])! - Int(f[2])!)
        }
    }

    func testBreaksAppearInTheirWindow() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let requirements = directory.appendingPathComponent("requirements.csv")
        var text = "timestamp,channel,headcount\n"
        for slot in 16..<34 {
            text += String(format: "2025-03-03T%02d:%02d:00+01:00,chat,%d\n", slot / 2, slot % 2 * 30, 3 + slot % 3)
        }
        try Data(text.utf8).write(to: requirements)
        let out = directory.appendingPathComponent("schedule.csv")
        let coverage = directory.appendingPathComponent("coverage.csv")
        let result = try CLI.run([
            "schedule", "--requirements", requirements.path, "--shifts", "8h", "--timezone", "Europe/Amsterdam",
            "--out", out.path, "--coverage", coverage.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let formatter = ISO8601DateFormatter()
        let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertFalse(rows.isEmpty)
        for line in rows {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertTrue(f[2].hasSuffix("+01:00"), f[2])
            let start = try XCTUnwrap(formatter.date(from: f[2]))
            let end = try XCTUnwrap(formatter.date(from: f[3]))
            let breakStart = try XCTUnwrap(formatter.date(from: f[4]))
            let breakEnd = try XCTUnwrap(formatter.date(from: f[5]))
            XCTAssertEqual(breakEnd.timeIntervalSince(breakStart), 1800)
            XCTAssertGreaterThanOrEqual(breakStart.timeIntervalSince(start), 7200)
            XCTAssertGreaterThanOrEqual(end.timeIntervalSince(breakEnd), 7200)
        }
        let cover = try String(contentsOf: coverage, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(cover[0], "timestamp,channel,required,scheduled,gap")  // no workload columns: no service level
        XCTAssertEqual(cover.count, 1 + 18)
        XCTAssertTrue(cover.dropFirst().allSatisfy { Int($0.split(separator: ",")[4])! >= 0 })
    }

    /// A week needing 2 agents 09:00–13:00 on weekdays and 1 at the weekend, 4-hour tours: 12
    /// agent-days need at least 3 tours of 5 days (60 agent-hours), e.g. off Sat–Sun, Sun–Mon and
    /// Tue–Wed; each tour's 5 rows carry its label in the last column.
    func testToursWriteOneRowPerWorkingDay() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let requirements = directory.appendingPathComponent("requirements.csv")
        var text = "timestamp,channel,headcount\n"
        for day in 0..<7 {
            for slot in 18..<26 {
                text += String(
                    format: "2025-03-%02dT%02d:%02d:00Z,phone,%d\n", 3 + day, slot / 2, slot % 2 * 30, day < 5 ? 2 : 1)
            }
        }
        try Data(text.utf8).write(to: requirements)
        let out = directory.appendingPathComponent("schedule.csv")
        let coverage = directory.appendingPathComponent("coverage.csv")
        let result = try CLI.run([
            "schedule", "--requirements", requirements.path, "--shifts", "4h", "--no-breaks", "--tours",
            "--interval", "30m", "--out", out.path, "--coverage", coverage.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("agent-hours: 60\n"), result.stdout)
        let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        XCTAssertEqual(
            rows[0].joined(separator: ","), "date,channel,shift_start,shift_end,break_start,break_end,agents,tour")
        var daysByTour: [String: [String]] = [:]
        var agentDays = 0
        for row in rows.dropFirst() {
            XCTAssertEqual(row.count, 8)
            XCTAssertTrue(row[2].hasSuffix("T09:00:00Z"), row[2])
            XCTAssertTrue(row[7].hasPrefix("4h 09:00 off "), row[7])
            daysByTour[row[7], default: []].append(row[0])
            agentDays += Int(row[6])!
        }
        XCTAssertEqual(agentDays, 15)
        for (tour, dates) in daysByTour { XCTAssertEqual(Set(dates).count, 5, tour) }
        let cover = try String(contentsOf: coverage, encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertEqual(cover.count, 7 * 8)
        XCTAssertTrue(cover.allSatisfy { Int($0.split(separator: ",")[4])! >= 0 })
    }

    func testBadInputExitCodesAndNoPartialOutput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("schedule.csv")
        let coverage = directory.appendingPathComponent("coverage.csv")
        func run(_ csv: String, _ extra: [String] = ["--shifts", "4h"]) throws -> CLIResult {
            let requirements = directory.appendingPathComponent("requirements.csv")
            try Data(csv.utf8).write(to: requirements)
            return try CLI.run(
                [
                    "schedule", "--requirements", requirements.path, "--out", out.path, "--coverage", coverage.path,
                    "--interval", "30m",
                ] + extra)
        }
        // One agent at 06:00 and at 09:30: a single 4-hour shift from 06:00 is the only cheapest cover.
        let good = "timestamp,channel,headcount\n2025-03-03T06:00:00Z,phone,1\n2025-03-03T09:30:00Z,phone,1\n"

        let negative = try run(
            "timestamp,channel,headcount\n2025-03-03T09:00:00Z,phone,2\n2025-03-03T09:30:00Z,phone,-1\n")
        XCTAssertEqual(negative.status, 65)
        XCTAssertTrue(negative.stderr.contains("requirements.csv:3:"), negative.stderr)
        XCTAssertTrue(negative.stderr.contains("whole, non-negative number of agents, got '-1'"), negative.stderr)

        let fractional = try run("timestamp,channel,headcount\n2025-03-03T09:00:00Z,phone,2.5\n")
        XCTAssertEqual(fractional.status, 65)
        XCTAssertTrue(fractional.stderr.contains("requirements.csv:2:"), fractional.stderr)

        // 4-hour shifts every 12 hours start at 00:00 and 12:00: 06:00 and 09:30 are out of reach.
        let unreachable = try run(good, ["--shifts", "4h", "--start-every", "12h"])
        XCTAssertEqual(unreachable.status, 65)
        XCTAssertTrue(
            unreachable.stderr.contains(
                "no shift can cover 2 open interval(s): phone 2025-03-03T06:00:00Z needing 1, phone 2025-03-03T09:30:00Z needing 1"
            ),
            unreachable.stderr)

        XCTAssertEqual(
            try run(good, ["--config", "/nonexistent/plan.json"]).status, 66, "a missing config is missing input")
        let mixed = try run(good, ["--config", "plan.json", "--shifts", "4h"])
        XCTAssertEqual(mixed.status, 64)
        XCTAssertTrue(mixed.stderr.contains("--shifts cannot be combined with --config"), mixed.stderr)
        let long = try run(good, ["--shifts", "26h"])
        XCTAssertEqual(long.status, 64)
        XCTAssertTrue(long.stderr.contains("longer than the day"), long.stderr)
        XCTAssertEqual(try run(good, ["--shifts", "8h,soon"]).status, 64)
        XCTAssertEqual(try run(good, ["--shifts", "50m"]).status, 64, "not a whole number of 30-minute intervals")
        XCTAssertEqual(
            try CLI.run(["schedule", "--requirements", "x.csv", "--shifts", "4h"]).status, 64, "missing --out")

        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: coverage.path))

        let ok = try run(good)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(ok.stdout, "LP lower bound: 4 agent-hours (LP optimum 4)\nagent-hours: 4\ngap: 0 %\n")
        XCTAssertEqual(
            try String(contentsOf: out, encoding: .utf8),
            "date,channel,shift_start,shift_end,break_start,break_end,agents\n"
                + "2025-03-03,phone,2025-03-03T06:00:00Z,2025-03-03T10:00:00Z,,,1\n")
    }

    /// `--config` takes the templates and the time zone from a plan config's "shifts" and "timezone".
    func testTemplatesFromAPlanConfig() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("plan.json")
        try Data(
            #"""
            {"history": "unused.csv", "timezone": "Europe/Amsterdam",
             "shifts": {"templates": [{"name": "morning", "length": "4h", "earliest_start": "08:00", "latest_start": "08:00", "break": false}]},
             "channels": {"*": {"aht_seconds": 300, "service_level": "80/20"}}}
            """#.utf8
        ).write(to: config)
        let requirements = directory.appendingPathComponent("requirements.csv")
        try Data(
            "timestamp,channel,headcount\n2025-03-03T09:00:00+01:00,phone,2\n2025-03-03T10:30:00+01:00,phone,1\n".utf8
        ).write(to: requirements)
        let out = directory.appendingPathComponent("schedule.csv")
        let result = try CLI.run([
            "schedule", "--requirements", requirements.path, "--config", config.path, "--interval", "30m",
            "--out", out.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        // The only template starts at 08:00 local and lasts 4 h: two agents cover both intervals.
        XCTAssertEqual(
            try String(contentsOf: out, encoding: .utf8),
            "date,channel,shift_start,shift_end,break_start,break_end,agents\n"
                + "2025-03-03,phone,2025-03-03T08:00:00+01:00,2025-03-03T12:00:00+01:00,,,2\n")
    }
}
