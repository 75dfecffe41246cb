import Foundation
import XCTest

/// Two weeks of a chat channel open around the clock, planned one after the other into one folder:
/// the first week's Sunday-night shifts run into the next Monday and are counted there as coverage
/// already bought, not bought twice. The history is four weeks of a constant 20 chats an hour, so
/// both weeks forecast and require the same (seasonal naive), and the nights are easy to check.
final class WeekBoundaryTests: XCTestCase {
    var folder: URL!
    var config: URL!

    override func setUpWithError() throws {
        folder = try CLI.temporaryDirectory()
        // 2025-10-27 (Monday) 00:00 CET … 2025-11-24 00:00 CET, hourly, in UTC timestamps.
        var history = "timestamp,channel,contacts\n"
        let first: Int64 = 1_761_519_600
        for hour in 0..<(28 * 24) {
            history +=
                "\(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(first + Int64(hour) * 3600)))),chat,20\n"
        }
        try Data(history.utf8).write(to: folder.appendingPathComponent("history.csv"))
        config = folder.appendingPathComponent("plan.json")
        let json = """
            {"history": "history.csv", "timezone": "Europe/Amsterdam", "interval": "1h", "model": "snaive",
             "backtest_origins": 1,
             "shifts": {"templates": [
               {"name": "day", "length": "8h", "earliest_start": "07:00", "latest_start": "15:00", "start_every": "1h", "break": false},
               {"name": "night", "length": "9h", "earliest_start": "22:00", "latest_start": "23:00", "start_every": "1h", "break": false}]},
             "channels": {"chat": {"aht_seconds": 300, "service_level": "80/60", "shrinkage": 0}}}
            """
        try Data(json.utf8).write(to: config)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func plan(_ week: String) throws -> CLIResult {
        try CLI.run([
            "plan", "--config", config.path, "--week", week, "--out-dir", folder.appendingPathComponent("reports").path,
        ])
    }

    func table(_ week: String, _ file: String) throws -> [[String: String]] {
        let text = try String(
            contentsOf: folder.appendingPathComponent("reports/\(week)/\(file)"), encoding: .utf8)
        let lines = text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    func testSundayNightShiftsOfOneWeekAreTheNextWeeksMondayNight() throws {
        let first = try plan("2025-W48")
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("no published plan of 2025-W47"), first.stderr)
        // The week's own Sunday-night shifts end on the next Monday, and its first night is its own.
        let shifts = try table("2025-W48", "schedule.csv")
        XCTAssertTrue(
            shifts.contains { $0["date"] == "2025-11-30" && $0["shift_end"]?.hasPrefix("2025-12-01T") == true })
        XCTAssertTrue(
            shifts.contains { $0["date"] == "2025-11-23" }, "the night before the week is covered by its own shifts")
        let sundayNight = shifts.filter {
            $0["date"] == "2025-11-30" && $0["shift_end"]?.hasPrefix("2025-12-01T") == true
        }
        .reduce(0) { $0 + (Int($1["agents"] ?? "") ?? 0) }

        let second = try plan("2025-W49")
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertFalse(second.stderr.contains("no published plan"), second.stderr)
        let coverage = try table("2025-W49", "coverage.csv")
        for row in coverage {
            XCTAssertGreaterThanOrEqual(Int(row["scheduled"] ?? "") ?? -1, Int(row["required"] ?? "") ?? 0, "\(row)")
        }
        // Monday 00:00–07:00: only the week before's Sunday-night shifts are there.
        let monday = coverage.filter { ($0["timestamp"] ?? "") < "2025-12-01T07:00" }
        XCTAssertEqual(monday.count, 7)
        for row in monday {
            XCTAssertEqual(row["carried_in"], String(sundayNight), "\(row)")
            XCTAssertEqual(row["scheduled"], row["carried_in"], "\(row)")
        }
        // Not bought twice: no shift of this week starts on the Sunday before it.
        XCTAssertFalse(try table("2025-W49", "schedule.csv").contains { $0["date"] == "2025-11-30" })
        let manifest = try String(
            contentsOf: folder.appendingPathComponent("reports/2025-W49/manifest.json"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"previous_week\": {\n      \"week\": \"2025-W48\""), manifest)
    }

    /// A previous week whose schedule was edited after publishing is not trusted: refused, naming it.
    func testAnEditedPreviousScheduleIsRefused() throws {
        XCTAssertEqual(try plan("2025-W48").status, 0)
        let path = folder.appendingPathComponent("reports/2025-W48/schedule.csv")
        var text = try String(contentsOf: path, encoding: .utf8)
        text += "2025-11-30,chat,2025-11-30T23:00:00+01:00,2025-12-01T08:00:00+01:00,,,1\n"
        try Data(text.utf8).write(to: path)
        let result = try plan("2025-W49")
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("schedule.csv"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("reports/2025-W49").path))
    }
}
