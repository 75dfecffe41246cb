import XCTest
import Foundation

/// `inspect`, `forecast` and `backtest` through the binary: outputs, and nothing written on bad input.
final class HistoryCommandTests: XCTestCase {
    func testBadHistoryLeavesNoOutputFile() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("calls.csv")
        try Data("timestamp,calls\n2003-03-03T07:00:00Z,10\n2003-03-03T07:30:00Z,-4\n".utf8).write(to: bad)
        let out = directory.appendingPathComponent("forecast.csv")
        let result = try CLI.run(["forecast", "--history", bad.path, "--horizon", "1d", "--out", out.path])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.contains("calls.csv:3:"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        let dump = directory.appendingPathComponent("dump.csv")
        XCTAssertEqual(try CLI.run(["inspect", "--history", bad.path, "--dump", dump.path]).status, 65)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dump.path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["calls.csv"])
    }

    func testInspectDumpsRecordsAsUnderstood() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let history = directory.appendingPathComponent("long.csv")
        // Out of order, on the repeated hour of a fall-back day, given with their offsets.
        try Data("""
        timestamp,channel,contacts,aht_seconds
        2025-10-26T02:30:00+01:00,phone,7,300
        2025-10-26T02:30:00+02:00,phone,5,
        2025-10-26T02:00:00+01:00,phone,6,310
        2025-10-26T01:30:00+02:00,chat,3,240.5

        """.utf8).write(to: history)
        let result = try CLI.run(["inspect", "--history", history.path, "--timezone", "Europe/Amsterdam", "--dump", "-"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
        timestamp,channel,contacts,aht_seconds
        2025-10-26T01:30:00+02:00,chat,3,240.5
        2025-10-26T02:30:00+02:00,phone,5,
        2025-10-26T02:00:00+01:00,phone,6,310
        2025-10-26T02:30:00+01:00,phone,7,300

        """)
    }

    func testForecastWritesTheContractColumns() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("forecast.csv")
        let result = try CLI.run(["forecast", "--history", "datasets/bank_calls.csv", "--interval", "30m", "--horizon", "7d",
                                  "--model", "snaive", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "timestamp,channel,forecast,lo80,hi80,lo95,hi95")
        // A week after Friday 2003-08-29 20:30–21:00: five weekdays of 07:00–21:00 (28 half-hours)
        // plus the lone 21:00 slot the bank answers.
        XCTAssertEqual(lines.count - 1, 5 * 29)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            XCTAssertEqual(fields.count, 7)
            let numbers = fields.dropFirst(2).compactMap { Double($0) }
            XCTAssertEqual(numbers.count, 5)
            XCTAssertTrue(numbers.allSatisfy { $0 >= 0 })
            XCTAssertLessThanOrEqual(numbers[1], numbers[0]); XCTAssertLessThanOrEqual(numbers[0], numbers[2])
            XCTAssertLessThanOrEqual(numbers[3], numbers[1]); XCTAssertLessThanOrEqual(numbers[2], numbers[4])
        }
    }
}
