import Foundation
import XCTest

/// The commands added last round under bad input: a capacity plan whose short weeks no hire can
/// reach says what they need instead of "no hires needed"; planned hires off a week's first day or
/// past the horizon are said, not moved or dropped; `roster` refuses a bad `--out` before any
/// work and a previous roster of the same week.
final class NewCommandsRulesTests: XCTestCase {
    func testShortWeeksNoHireReachesAreNotNoHiresNeeded() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 10 FTE for a requirement of 20, and training longer than the horizon.
        let config = try CapacityCommandTests.write(
            in: directory, capacity: #"{"headcount": {"phone": 10}, "training_weeks": 8, "quantile": "p50"}"#)
        let result = try CLI.run([
            "capacity", "--config", config.path, "--from", "2025-W06", "--weeks", "3",
            "--out-dir", directory.appendingPathComponent("reports").path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stdout.contains("no hires needed"), result.stdout)
        XCTAssertTrue(
            result.stdout.contains("no hire reaches 3 short weeks (2025-W06…2025-W08) in time"), result.stdout)
        XCTAssertTrue(result.stdout.contains("overtime, temporary agents"), result.stdout)
    }

    func testPlannedHiresOffTheWeeksFirstDayOrPastTheHorizonAreSaid() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try CapacityCommandTests.write(
            in: directory,
            capacity:
                #"{"headcount": {"phone": 20}, "quantile": "p50", "hires": [{"channel": "phone", "start": "2025-02-12", "count": 2}, {"channel": "phone", "start": "2099-01-05", "count": 3}]}"#
        )
        let result = try CLI.run([
            "capacity", "--config", config.path, "--from", "2025-W06", "--weeks", "3",
            "--out-dir", directory.appendingPathComponent("reports").path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(
            result.stderr.contains(
                "capacity.hires[0]: 2 phone hire(s) starting 2025-02-12, a Wednesday: counted from their week 2025-W07"),
            result.stderr)
        XCTAssertTrue(
            result.stderr.contains(
                "capacity.hires[1]: 3 phone hire(s) starting 2099-01-05 begin after the plan's last week"),
            result.stderr)
    }

    func testRosterRefusesABadOutBeforeAnyWork() throws {
        let empty = try CLI.run(["roster", "--config", "datasets/webshop_demo.json", "--out", ""])
        XCTAssertEqual(empty.status, 64, empty.stderr)
        XCTAssertTrue(empty.stderr.contains("--out: expected a file name"), empty.stderr)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let start = Date()
        let folder = try CLI.run(["roster", "--config", "datasets/webshop_demo.json", "--out", directory.path])
        XCTAssertEqual(folder.status, 73, folder.stderr)
        XCTAssertTrue(folder.stderr.contains("it is a directory"), folder.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "refused before the plan and the search run")
    }
}
