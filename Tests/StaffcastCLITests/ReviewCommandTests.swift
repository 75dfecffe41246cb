import Foundation
import XCTest

/// `staffcast review` end to end on a plan of the bank's 2003-W30 (published once for the class).
final class ReviewCommandTests: XCTestCase {
    nonisolated(unsafe) static var directory: URL?

    /// The plan folder, published on first use into a fresh temporary directory.
    static func planFolder() throws -> URL {
        if let directory { return directory.appendingPathComponent("reports/2003-W30") }
        let root = try CLI.temporaryDirectory()
        let history = CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv").path
        let config = """
            {"history": "\(history)", "timezone": "UTC", "interval": "30m", "backtest_origins": 2,
             "channels": {"calls": {"aht_seconds": 300, "service_level": "80/20", "max_occupancy": 0.85, "shrinkage": 0.3}}}
            """
        try Data(config.utf8).write(to: root.appendingPathComponent("plan.json"))
        let result = try CLI.run([
            "plan", "--config", root.appendingPathComponent("plan.json").path, "--week", "2003-W30",
            "--out-dir", root.appendingPathComponent("reports").path, "--quiet",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        directory = root
        return root.appendingPathComponent("reports/2003-W30")
    }

    static func removePlan() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
        directory = nil
    }

    override class func tearDown() {
        removePlan()
        super.tearDown()
    }

    /// A copy of the plan folder to work on.
    func copyOfPlan() throws -> URL {
        let copy = try CLI.temporaryDirectory().appendingPathComponent("2003-W30")
        try FileManager.default.copyItem(at: try Self.planFolder(), to: copy)
        return copy
    }

    func lines(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Actuals = the forecast rounded to whole contacts (the replay needs whole arrivals): WAPE is
    /// then exactly Σ|round(f) − f| / Σ round(f), computed here from forecast.csv; and the
    /// service level is the plan's own — the one `simulate --replay` gives for the same
    /// arrivals and the scheduled heads net of shrinkage (⌊heads × 7 / 10⌋ at shrinkage 0.3).
    func testActualsEqualToTheForecastGiveWAPEOfTheRoundingAndThePlansSimulatedLevel() throws {
        let plan = try copyOfPlan()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let forecast = try lines(plan.appendingPathComponent("forecast.csv")).dropFirst()
        var actuals = "timestamp,channel,contacts\n"
        var absolute = 0.0
        var total = 0.0
        for row in forecast {
            let mean = try XCTUnwrap(Double(row[2]))
            let whole = mean.rounded()
            absolute += abs(whole - mean)
            total += whole
            actuals += "\(row[0]),\(row[1]),\(Int(whole))\n"
        }
        let actualsURL = plan.appendingPathComponent("../actuals.csv").standardized
        try Data(actuals.utf8).write(to: actualsURL)
        let result = try CLI.run([
            "review", "--plan", plan.path, "--actuals", actualsURL.path, "--seed", "3", "--replications", "4",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("calls 2003-W30: "), result.stdout)
        let review = try lines(plan.appendingPathComponent("review.csv"))
        XCTAssertEqual(
            review[0].joined(separator: ","),
            "channel,date,contacts_forecast,contacts_actual,intervals,wape,bias,coverage80,coverage95,service_level,service_measure,over_agent_hours,under_agent_hours"
        )
        XCTAssertEqual(review.count, 1 + 5 + 1, "five weekdays, then the week")
        let week = try XCTUnwrap(review.last)
        XCTAssertEqual(week[1], "2003-W30")
        XCTAssertEqual(try XCTUnwrap(Double(week[3])), total)
        XCTAssertEqual(try XCTUnwrap(Double(week[5])), absolute / total, accuracy: 1e-12)
        XCTAssertLessThan(absolute / total, 0.0005, "rounding moves each interval by at most half a contact")
        XCTAssertEqual(week[7], "1")
        XCTAssertEqual(week[8], "1")
        XCTAssertEqual(week[10], "simulated")

        // The same replay through `simulate`.
        var staffing = "timestamp,channel,agents\n"
        for row in try lines(plan.appendingPathComponent("coverage.csv")).dropFirst() {
            let heads = try XCTUnwrap(Int(row[3]))
            staffing += "\(row[0]),\(row[1]),\(heads * 7 / 10)\n"
        }
        let staffingURL = plan.appendingPathComponent("../staffing.csv").standardized
        try Data(staffing.utf8).write(to: staffingURL)
        let simulated = try CLI.run([
            "simulate", "--arrivals", actualsURL.path, "--staffing", staffingURL.path, "--aht", "300",
            "--sl-seconds", "20", "--replay", "--seed", "3", "--replications", "4",
            "--out", plan.appendingPathComponent("../simulated.csv").standardized.path,
        ])
        XCTAssertEqual(simulated.status, 0, simulated.stderr)
        let line = try XCTUnwrap(
            simulated.stdout.split(separator: "\n").first { $0.hasPrefix("calls: service level ") })
        let level = try XCTUnwrap(Double(line.dropFirst("calls: service level ".count).prefix(6)))
        XCTAssertEqual(
            try XCTUnwrap(Double(week[9])), level, accuracy: 0.00005, "review \(week[9]) vs simulate \(line)")

        let intervals = try lines(plan.appendingPathComponent("review_intervals.csv"))
        XCTAssertEqual(
            intervals[0].joined(separator: ","),
            "timestamp,channel,forecast,lo80,hi80,lo95,hi95,actual,aht_seconds,scheduled_heads,scheduled_agents,required_agents,agent_gap,service_level"
        )
        let html = try String(contentsOf: plan.appendingPathComponent("review.html"), encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && !html.contains("<script"))
    }

    func testActualsOfAnotherWeekExit65NamingTheWeekAndWriteNothing() throws {
        let plan = try copyOfPlan()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let actualsURL = plan.appendingPathComponent("../actuals.csv").standardized
        try Data("timestamp,calls\n2003-08-04T09:00:00Z,500\n2003-08-04T09:30:00Z,510\n".utf8).write(to: actualsURL)
        let result = try CLI.run(["review", "--plan", plan.path, "--actuals", actualsURL.path])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(
            result.stderr.contains("none in the plan's week 2003-W30 (2003-07-21T00:00:00Z to 2003-07-28T00:00:00Z)"),
            result.stderr)
        XCTAssertTrue(result.stderr.contains("run from 2003-08-04T09:00:00Z"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plan.appendingPathComponent("review.csv").path))
    }

    func testMissingChannelExit65NamingIt() throws {
        let plan = try copyOfPlan()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let actualsURL = plan.appendingPathComponent("../actuals.csv").standardized
        try Data("timestamp,channel,contacts\n2003-07-21T09:00:00Z,email,5\n".utf8).write(to: actualsURL)
        let result = try CLI.run(["review", "--plan", plan.path, "--actuals", actualsURL.path])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(
            result.stderr.contains("no actuals for calls") && result.stderr.contains("not in the plan: email"),
            result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plan.appendingPathComponent("review.csv").path))
    }

    func testMissingManifestAndEditedFileAreRefused() throws {
        let plan = try copyOfPlan()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let actuals = CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv").path
        let forecastURL = plan.appendingPathComponent("forecast.csv")
        let original = try Data(contentsOf: forecastURL)
        try Data((String(decoding: original, as: UTF8.self) + "\n").utf8).write(to: forecastURL)
        let edited = try CLI.run(["review", "--plan", plan.path, "--actuals", actuals])
        XCTAssertEqual(edited.status, 65, edited.stderr)
        XCTAssertTrue(edited.stderr.contains("forecast.csv: its SHA-256"), edited.stderr)
        try original.write(to: forecastURL)
        try FileManager.default.removeItem(at: plan.appendingPathComponent("manifest.json"))
        let missing = try CLI.run(["review", "--plan", plan.path, "--actuals", actuals])
        XCTAssertEqual(missing.status, 66, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("manifest.json: no manifest.json in the plan folder"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plan.appendingPathComponent("review.csv").path))
        let help = try CLI.run(["review", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--actuals FILE") && help.stdout.contains("--columns"), help.stdout)
    }
}
