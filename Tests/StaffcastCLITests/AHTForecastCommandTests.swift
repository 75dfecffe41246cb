import Foundation
import XCTest

/// The AHT forecast through the CLI: `plan` without aht_seconds in the config, `forecast`'s
/// aht_seconds column, and `staff` reading it back.
final class AHTForecastCommandTests: XCTestCase {
    /// Six weeks (Mon 2025-01-06 … Fri 2025-02-14) of weekdays 08:00–18:00 in 30-minute
    /// intervals, long format with aht_seconds: 400 s before noon, 250 s after (±5 % noise).
    static func history(withAHT: Bool = true) -> String {
        var lines = [withAHT ? "timestamp,channel,contacts,aht_seconds" : "timestamp,channel,contacts"]
        var state: UInt64 = 7
        func noise() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        for day in 0..<42 where day % 7 < 5 {
            let date = Calendar(identifier: .gregorian).date(
                byAdding: .day, value: day,
                to: Date(timeIntervalSince1970: 1_736_121_600))!  // 2025-01-06
            let dayText = ISO8601DateFormatter().string(from: date).prefix(10)
            for slot in 16..<36 {
                let time = String(format: "%02d:%02d", slot / 2, slot % 2 * 30)
                let contacts = 40 + (slot % 5) * 3
                let aht = (slot < 24 ? 400.0 : 250.0) * (1 + 0.05 * noise())
                lines.append(
                    "\(dayText)T\(time):00Z,calls,\(contacts)" + (withAHT ? ",\(String(format: "%.1f", aht))" : ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func writeConfig(_ directory: URL, channel: String, history: String = history()) throws -> URL {
        let historyURL = directory.appendingPathComponent("history.csv")
        try Data(history.utf8).write(to: historyURL)
        let url = directory.appendingPathComponent("plan.json")
        try Data(
            """
            {"history": "history.csv", "timezone": "UTC", "interval": "30m", "backtest_origins": 2, "model": "snaive",
             "channels": {"calls": \(channel)}}
            """.utf8
        ).write(to: url)
        return url
    }

    func table(_ url: URL) throws -> [[String: String]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    func testPlanStaffsWithTheForecastAHTWhenTheConfigHasNone() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try writeConfig(directory, channel: #"{"service_level": "80/20", "shrinkage": 0.3}"#)
        let out = directory.appendingPathComponent("reports")
        let result = try CLI.run(["plan", "--config", config.path, "--out-dir", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let week = out.appendingPathComponent("2025-W08")
        let requirements = try table(week.appendingPathComponent("requirements.csv"))
        XCTAssertEqual(requirements.count, 100, "5 days × 20 open intervals")
        for row in requirements {
            let hour = Int(row["timestamp"]!.dropFirst(11).prefix(2))!
            let expected = hour < 12 ? 400.0 : 250.0
            let aht = try XCTUnwrap(Double(row["aht_seconds"]!))
            XCTAssertEqual(aht, expected, accuracy: expected * 0.1, row["timestamp"]!)
        }
        // The staffing follows: a morning interval needs more agents than an afternoon one of equal volume.
        let morning = requirements.first { $0["timestamp"] == "2025-02-17T08:00:00Z" }!
        let afternoon = requirements.first { $0["timestamp"] == "2025-02-17T13:00:00Z" }!  // slot 26: 26 % 5 == 16 % 5
        XCTAssertEqual(morning["contacts"], afternoon["contacts"])
        XCTAssertGreaterThan(Int(morning["agents"]!)!, Int(afternoon["agents"]!)!)
        let forecastLines = try String(contentsOf: week.appendingPathComponent("forecast.csv"), encoding: .utf8).split(
            separator: "\n")
        XCTAssertEqual(forecastLines.first, "timestamp,channel,forecast,lo80,hi80,lo95,hi95,aht_seconds")
        let manifest = try String(contentsOf: week.appendingPathComponent("manifest.json"), encoding: .utf8)
        XCTAssertTrue(
            manifest.contains(#""aht_source": "forecast""#) || manifest.contains(#""aht_source":"forecast""#), manifest)
    }

    func testConfigAHTWinsUnlessTheChannelAsksForTheForecast() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (settings, forecastAHT) in [
            (#"{"aht_seconds": 300, "service_level": "80/20"}"#, false),
            (#"{"aht_seconds": 300, "aht": "forecast", "service_level": "80/20"}"#, true),
        ] {
            let config = try writeConfig(directory, channel: settings)
            let out = directory.appendingPathComponent("reports-\(forecastAHT)")
            let result = try CLI.run(["plan", "--config", config.path, "--out-dir", out.path, "--quiet"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let requirements = try table(out.appendingPathComponent("2025-W08/requirements.csv"))
            let values = Set(requirements.map { $0["aht_seconds"]! })
            if forecastAHT {
                XCTAssertGreaterThan(values.count, 2, "per-interval forecast AHT")
            } else {
                XCTAssertEqual(values, ["300"])
            }
        }
    }

    func testPlanWithoutAnyAHTNamesTheConfigKey() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try writeConfig(
            directory, channel: #"{"service_level": "80/20"}"#, history: Self.history(withAHT: false))
        let out = directory.appendingPathComponent("reports")
        let result = try CLI.run(["plan", "--config", config.path, "--out-dir", out.path, "--quiet"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("channels.calls.aht_seconds"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("2025-W08").path))
        let bad = try writeConfig(
            directory, channel: #"{"aht_seconds": 300, "aht": "predicted", "service_level": "80/20"}"#)
        let rejected = try CLI.run(["plan", "--config", bad.path, "--out-dir", out.path, "--quiet"])
        XCTAssertNotEqual(rejected.status, 0)
        XCTAssertTrue(rejected.stderr.contains("channels.calls.aht"), rejected.stderr)
    }

    func testForecastWritesTheAHTColumnOnlyWhenTheHistoryHasAHT() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for withAHT in [true, false] {
            let history = directory.appendingPathComponent("h\(withAHT).csv")
            try Data(Self.history(withAHT: withAHT).utf8).write(to: history)
            let out = directory.appendingPathComponent("f\(withAHT).csv")
            let result = try CLI.run([
                "forecast", "--history", history.path, "--horizon", "3d", "--model", "snaive", "--out", out.path,
            ])
            XCTAssertEqual(result.status, 0, result.stderr)
            let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map(String.init)
            if withAHT {
                XCTAssertEqual(lines[0], "timestamp,channel,forecast,lo80,hi80,lo95,hi95,aht_seconds")
                let rows = try table(out)
                XCTAssertEqual(rows.count, 20)
                for row in rows {
                    let hour = Int(row["timestamp"]!.dropFirst(11).prefix(2))!
                    XCTAssertEqual(Double(row["aht_seconds"]!)!, hour < 12 ? 400 : 250, accuracy: 25, row["timestamp"]!)
                }
            } else {
                XCTAssertEqual(lines[0], "timestamp,channel,forecast,lo80,hi80,lo95,hi95")
            }
        }
    }

    func testStaffUsesTheForecastFilesAHTColumnWhenNoAHTIsGiven() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let forecast = directory.appendingPathComponent("forecast.csv")
        try Data(
            """
            timestamp,channel,forecast,lo80,hi80,lo95,hi95,aht_seconds
            2025-03-03T09:00:00Z,phone,100,90,110,85,120,180
            2025-03-03T09:30:00Z,phone,100,90,110,85,120,360

            """.utf8
        ).write(to: forecast)
        let out = directory.appendingPathComponent("requirements.csv")
        let result = try CLI.run([
            "staff", "--forecast", forecast.path, "--sl", "80/20", "--shrinkage", "0.3", "--out", out.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try table(out)
        // 100 contacts per 30 min at 180 s, 80/20 → 14 agents (reference case R0001); twice the AHT needs more.
        XCTAssertEqual(rows[0]["aht_seconds"], "180")
        XCTAssertEqual(rows[0]["agents"], "14")
        XCTAssertEqual(rows[1]["aht_seconds"], "360")
        XCTAssertGreaterThan(Int(rows[1]["agents"]!)!, 24)
        // --aht wins over the column.
        let given = try CLI.run([
            "staff", "--forecast", forecast.path, "--aht", "180", "--sl", "80/20", "--out", out.path,
        ])
        XCTAssertEqual(given.status, 0, given.stderr)
        XCTAssertEqual(Set(try table(out).map { $0["aht_seconds"]! }), ["180"])

        // Neither --aht nor the column (or an empty cell): a clear usage error.
        let bare = directory.appendingPathComponent("bare.csv")
        try Data("timestamp,channel,forecast\n2025-03-03T09:00:00Z,phone,100\n2025-03-03T09:30:00Z,phone,100\n".utf8)
            .write(to: bare)
        let missing = try CLI.run(["staff", "--forecast", bare.path, "--sl", "80/20", "--out", out.path])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("aht_seconds") && missing.stderr.contains("--aht"), missing.stderr)
        let holes = directory.appendingPathComponent("holes.csv")
        try Data(
            "timestamp,channel,forecast,aht_seconds\n2025-03-03T09:00:00Z,phone,100,200\n2025-03-03T09:30:00Z,phone,100,\n"
                .utf8
        ).write(to: holes)
        let hole = try CLI.run(["staff", "--forecast", holes.path, "--sl", "80/20", "--out", out.path])
        XCTAssertEqual(hole.status, 64)
        XCTAssertTrue(hole.stderr.contains("2025-03-03T09:30:00Z"), hole.stderr)
    }
}
