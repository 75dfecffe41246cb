import Foundation
import XCTest

/// `staffcast reforecast` end to end on the bank's 2003-W30 plan (`ReviewCommandTests.planFolder`).
final class ReforecastCommandTests: XCTestCase {
    func lines(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Actuals = 1.2 × the plan's forecast (whole contacts) for Wednesday 2003-07-23 up to 12:00:
    /// the rest of the day comes out at the level factor × the forecast, a factor near 1.2
    /// (shrunk toward 1: within 0.035), and the tight plan (scheduled = required in most
    /// intervals) is short by several agents.
    func testPlantedTwentyPercentMorning() throws {
        let plan = try ReviewCommandTests.planFolder()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let forecast = lines(try String(contentsOf: plan.appendingPathComponent("forecast.csv"), encoding: .utf8))
            .dropFirst()
        var actuals = "timestamp,channel,contacts\n"
        var planned = 0.0
        var actual = 0.0
        for row in forecast where row[0].hasPrefix("2003-07-23T") && row[0] < "2003-07-23T12:00" {
            let mean = try XCTUnwrap(Double(row[2]))
            planned += mean
            actual += (1.2 * mean).rounded()
            actuals += "\(row[0]),\(row[1]),\(Int((1.2 * mean).rounded()))\n"
        }
        let actualsURL = directory.appendingPathComponent("today.csv")
        let out = directory.appendingPathComponent("reforecast.csv")
        try Data(actuals.utf8).write(to: actualsURL)
        let result = try CLI.run([
            "reforecast", "--plan", plan.path, "--actuals", actualsURL.path, "--now", "2003-07-23T12:00:00Z",
            "--out", out.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("calls: level factor ") })
        let factor = try XCTUnwrap(Double(summary.dropFirst("calls: level factor ".count).prefix(5)))
        XCTAssertEqual(factor, 1.2, accuracy: 0.035, String(summary))
        XCTAssertLessThan(factor, actual / planned, "shrunk toward 1")
        XCTAssertTrue(summary.contains("actual/plan so far \(threeDecimals(actual / planned))"), String(summary))
        let rows = lines(try String(contentsOf: out, encoding: .utf8))
        XCTAssertEqual(
            rows[0].joined(separator: ","),
            "timestamp,channel,planned_forecast,reforecast,required_agents,scheduled_agents,short_agents")
        XCTAssertEqual(rows[1][0], "2003-07-23T12:00:00Z")
        XCTAssertTrue(rows.contains { $0[0].hasPrefix("2003-07-24T") }, "tomorrow's rows follow")
        var short = 0
        for row in rows.dropFirst() where row[0].hasPrefix("2003-07-23") {
            let plannedValue = try XCTUnwrap(Double(row[2]))
            let updated = try XCTUnwrap(Double(row[3]))
            XCTAssertEqual(updated / plannedValue, factor, accuracy: 0.0006, row.joined(separator: ","))
            let required = try XCTUnwrap(Int(row[4]))
            let scheduled = try XCTUnwrap(Int(row[5]))
            XCTAssertEqual(Int(row[6]), max(0, required - scheduled))
            short += required > scheduled ? 1 : 0
        }
        XCTAssertGreaterThan(short, 10, "a +17 % afternoon on a plan staffed to its forecast")
    }

    func testBadInput() throws {
        let plan = try ReviewCommandTests.planFolder()
        let bank = CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv").path
        let outside = try CLI.run([
            "reforecast", "--plan", plan.path, "--actuals", bank, "--now", "2003-08-20T12:00:00Z",
        ])
        XCTAssertEqual(outside.status, 64, outside.stderr)
        XCTAssertTrue(outside.stderr.contains("outside the plan's week 2003-W30"), outside.stderr)
        let later = try CLI.run(["reforecast", "--plan", plan.path, "--actuals", bank, "--now", "2003-07-23T12:00:00Z"])
        XCTAssertEqual(later.status, 0, later.stderr)
        XCTAssertTrue(later.stderr.contains("ignored: only intervals that ended by --now count"), later.stderr)
        XCTAssertTrue(
            later.stdout.hasPrefix("timestamp,channel,planned_forecast,"), "the CSV goes to stdout by default")
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let other = directory.appendingPathComponent("other.csv")
        try Data("timestamp,channel,contacts\n2003-07-23T09:00:00Z,calls,5\n2003-07-23T09:00:00Z,chat,5\n".utf8).write(
            to: other)
        let out = directory.appendingPathComponent("reforecast.csv")
        let extra = try CLI.run([
            "reforecast", "--plan", plan.path, "--actuals", other.path, "--now", "2003-07-23T12:00:00Z", "--out",
            out.path,
        ])
        XCTAssertEqual(extra.status, 65, extra.stderr)
        XCTAssertTrue(extra.stderr.contains("not in the plan: chat"), extra.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// The summary prints the ratio with three decimals.
    private func threeDecimals(_ x: Double) -> String { String(format: "%.3f", x) }

    override class func tearDown() {
        ReviewCommandTests.removePlan()
        super.tearDown()
    }
}
