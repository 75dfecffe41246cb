import Foundation
import XCTest

/// `staffcast capacity` end to end on a history of constant demand, where every figure follows by
/// hand: 10 contacts every 30 minutes, 24/7, AHT 180 s, 80/20, 30 % shrinkage, 36 h contracts.
///
/// Traffic A = 10 × 180 / 1800 = 1 Erlang. Erlang C with N = 2: B(2, 1) = 0.5 / 2.5 = 0.2,
/// C = 2 × 0.2 / (2 − 1 × 0.8) = 1/3, SL = 1 − (1/3) e^(−(2 − 1) 20 / 180) = 0.702 < 0.8; N = 3:
/// B(3, 1) = 0.2 / 3.2 = 0.0625, C = 3 × 0.0625 / (3 − 0.9375) = 0.0909,
/// SL = 1 − 0.0909 e^(−2 × 20 / 180) = 0.927 ≥ 0.8: 3 agents in all 336 intervals of a week.
/// Required FTE = 336 × 3 × 0.5 h / (1 − 0.3) / 36 h = 20.
final class CapacityCommandTests: XCTestCase {
    static func write(in directory: URL, capacity: String, weeks: Int = 4) throws -> URL {
        var csv = "timestamp,channel,contacts\n"
        // 4 weeks from Monday 2025-01-06 (history ends Sunday 2 February, 24:00).
        let start = 1_736_121_600
        for i in 0..<(weeks * 336) {
            let date = Date(timeIntervalSince1970: TimeInterval(start + i * 1800))
            csv += ISO8601DateFormatter().string(from: date) + ",phone,10\n"
        }
        try Data(csv.utf8).write(to: directory.appendingPathComponent("history.csv"))
        let config = """
            {"history": "history.csv", "timezone": "UTC", "interval": "30m", "model": "snaive",
             "channels": {"phone": {"aht_seconds": 180, "service_level": "80/20", "shrinkage": 0.3}},
             "capacity": \(capacity)}
            """
        let url = directory.appendingPathComponent("plan.json")
        try Data(config.utf8).write(to: url)
        return url
    }

    func rows(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// 20 FTE required every week; 20 today with 5 % attrition a week, hires productive at once.
    /// Available without hires: 20 × 0.95^w (19 in week 1, 18.05 in week 2). Week 1 short 1 →
    /// 1 person starting in week 1; week 2: 18.05 + 1 × 0.95 = 19, short 1 → 1 more in week 2.
    func testConstantDemandGivesTheHiringPlanByArithmetic() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try Self.write(
            in: directory, capacity: #"{"headcount": {"phone": 20}, "attrition_per_week": 0.05, "quantile": "p50"}"#)
        let out = directory.appendingPathComponent("reports")
        let result = try CLI.run([
            "capacity", "--config", config.path, "--from", "2025-W06", "--weeks", "3", "--out-dir", out.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(
            result.stderr.contains("less than a year"),
            "4 weeks of history cannot show the yearly season: \(result.stderr)")
        let folder = out.appendingPathComponent("capacity-2025-W06")
        let capacity = rows(try String(contentsOf: folder.appendingPathComponent("capacity.csv"), encoding: .utf8))
        XCTAssertEqual(capacity.map { $0["week"] }, ["2025-W06", "2025-W07", "2025-W08"])
        for row in capacity {
            XCTAssertEqual(Double(row["forecast"] ?? ""), 3360, "336 intervals × 10")
            XCTAssertEqual(Double(row["required_fte_p50"] ?? "") ?? 0, 20, accuracy: 1e-9)
            // The week's range is its total's (WeeklyBand): four weeks of history hold too few
            // weekly backtest errors, so the stated assumption σ = 0.1 with normal quantiles,
            // 3360 · exp(±1.2816 · 0.1) — not the sum of the intervals' bounds.
            XCTAssertEqual(Double(row["lo80"] ?? "") ?? 0, 3360 * exp(-1.2815515655446004 * 0.1), accuracy: 0.01)
            XCTAssertEqual(Double(row["hi80"] ?? "") ?? 0, 3360 * exp(1.2815515655446004 * 0.1), accuracy: 0.01)
            XCTAssertEqual(Double(row["hi95"] ?? "") ?? 0, 3360 * exp(1.959963984540054 * 0.1), accuracy: 0.01)
        }
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any]
        let choice = (manifest?["model_choice"] as? [String: [String: Any]])?["phone"]
        XCTAssertEqual(choice?["model"] as? String, "snaive", "the one model named, with what it scored")
        XCTAssertEqual(capacity.map { Double($0["available_fte"] ?? "") ?? -1 }, [20, 19, 18.05])
        XCTAssertEqual(capacity.map { Double($0["available_fte_with_hires"] ?? "") ?? -1 }, [20, 20, 20])
        let hiring = rows(try String(contentsOf: folder.appendingPathComponent("hiring_plan.csv"), encoding: .utf8))
        XCTAssertEqual(hiring.map { $0["start_week"] }, ["2025-W07", "2025-W08"])
        XCTAssertEqual(hiring.map { $0["hires"] }, ["1", "1"])
        XCTAssertEqual(hiring.map { $0["source"] }, ["recommended", "recommended"])
        let html = try String(contentsOf: folder.appendingPathComponent("capacity.html"), encoding: .utf8)
        XCTAssertTrue(html.contains(">hire 1</text>"), "the hiring start is marked on the chart")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("manifest.json").path))
        // Same input, same bytes.
        let first = try Data(contentsOf: folder.appendingPathComponent("capacity.csv"))
        let again = try CLI.run([
            "capacity", "--config", config.path, "--from", "2025-W06", "--weeks", "3", "--out-dir", out.path, "--quiet",
        ])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("capacity.csv")), first)
    }

    func testBadInputIsRefusedAndNothingIsPublished() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("reports")
        let cases: [(String, [String], Int32, String)] = [
            (#"{"headcount": {"phone": 20}}"#, ["--weeks", "27"], 64, "1 to 26"),
            (
                #"{"headcount": {"phone": 20}, "attrition_per_week": 1}"#, ["--weeks", "3"], 65,
                "capacity.attrition_per_week"
            ),
            (
                #"{"headcount": {"phone": 20}, "hires": [{"channel": "phone", "start": "2025-01-27", "count": 2}]}"#,
                ["--weeks", "3"], 65, "capacity.hires[0].start"
            ),
            (#"{"headcount": {"chat": 20}}"#, ["--weeks", "3"], 65, "capacity.headcount"),
            (
                #"{"headcount": {"phone": 20}, "hires": [{"channel": "mail", "start": "2025-03-03", "count": 2}]}"#,
                ["--weeks", "3"], 65, "capacity.hires[0].channel"
            ),
        ]
        for (capacity, flags, status, text) in cases {
            let config = try Self.write(in: directory, capacity: capacity, weeks: 2)
            let result = try CLI.run(
                ["capacity", "--config", config.path, "--from", "2025-W06", "--out-dir", out.path] + flags)
            XCTAssertEqual(result.status, status, "\(capacity) \(flags): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(text), "\(capacity): \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("capacity-2025-W06").path))
        }
    }
}
