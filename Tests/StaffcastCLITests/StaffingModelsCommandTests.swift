import Foundation
import XCTest

/// Chat concurrency on `erlang`/`staff`, deferred work and what-if scenarios on `plan`.
final class StaffingModelsCommandTests: XCTestCase {
    static let base = ["erlang", "--contacts", "100", "--interval", "30m", "--aht", "180", "--sl", "80/20"]

    func agents(_ extra: [String]) throws -> Int {
        let result = try CLI.run(Self.base + extra + ["--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try XCTUnwrap(object?["agents"] as? Int, result.stdout)
    }

    /// Reference R0001: 100 contacts in 30 min, AHT 180 s, 80/20 → 14 agents by Erlang C; K = 1
    /// gives exactly the Erlang C answer, K = 3 needs fewer agents.
    func testConcurrencyOneIsErlangCAndThreeNeedsFewer() throws {
        let plain = try CLI.run(Self.base + ["--json"])
        let one = try CLI.run(Self.base + ["--concurrency", "1", "--json"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(try agents([]), 14)
        XCTAssertEqual(try agents(["--concurrency", "1"]), 14)
        // Every metric identical except the concurrency field.
        XCTAssertEqual(one.stdout, plain.stdout)
        let three = try agents(["--concurrency", "3"])
        XCTAssertLessThan(three, 14)
        XCTAssertGreaterThan(three, 3, "10 Erlangs over 3 slots per agent still need more than 3.33 agents")
        // Handle time growing with concurrency costs agents compared with a flat AHT.
        XCTAssertGreaterThan(try agents(["--aht-by-concurrency", "180,260,340"]), three)
        // With --agents the chat model evaluates: 5 agents at K = 3 is stable, 3 is not.
        let evaluated = try CLI.run(Self.base + ["--concurrency", "3", "--agents", "3", "--json"])
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr)
        XCTAssertTrue(evaluated.stdout.contains("\"stable\": false"), evaluated.stdout)
    }

    func testBadConcurrencyIsAUsageError() throws {
        for bad in [
            ["--concurrency", "0"], ["--concurrency", "0.5"], ["--concurrency", "-1"], ["--concurrency", "x"],
            ["--concurrency", "2", "--aht-by-concurrency", "180,200,220"], ["--aht-by-concurrency", "180,-5"],
            ["--concurrency", "2", "--patience", "60"],
        ] {
            let result = try CLI.run(Self.base + bad)
            XCTAssertEqual(result.status, 64, "\(bad): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(bad[0]), "\(bad): \(result.stderr)")
        }
        // A measured average concurrency is a rate: 2.5 conversations at once on average.
        let average = try CLI.run(Self.base + ["--concurrency", "2.5", "--json"])
        XCTAssertEqual(average.status, 0, average.stderr)
        XCTAssertTrue(average.stdout.contains("\"concurrency\": 2.5"), average.stdout)
        // Reference R0001 (100 calls, 30 min, 180 s, 80/20): 14 Erlang C slots; ⌊6 × 2.5⌋ = 15
        // reaches them, ⌊5 × 2.5⌋ = 12 does not.
        XCTAssertEqual(try agents(["--concurrency", "2.5"]), 6)
        // --patience with K = 1 stays Erlang A.
        XCTAssertEqual(try CLI.run(Self.base + ["--concurrency", "1", "--patience", "60"]).status, 0)
    }

    func testStaffWithConcurrency() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let forecast = directory.appendingPathComponent("f.csv")
        try Data("timestamp,channel,forecast\n2025-01-06T09:00:00Z,chat,100\n2025-01-06T09:30:00Z,chat,50\n".utf8)
            .write(to: forecast)
        func agentsColumn(_ extra: [String]) throws -> [Int] {
            let out = directory.appendingPathComponent("r.csv")
            let result = try CLI.run(
                ["staff", "--forecast", forecast.path, "--aht", "180", "--sl", "80/20", "--out", out.path] + extra)
            XCTAssertEqual(result.status, 0, result.stderr)
            let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").dropFirst()
            return lines.map { Int($0.split(separator: ",", omittingEmptySubsequences: false)[4]) ?? -1 }
        }
        XCTAssertEqual(try agentsColumn(["--concurrency", "1"]), try agentsColumn([]))
        XCTAssertEqual(try agentsColumn([])[0], 14)
        let chat = try agentsColumn(["--concurrency", "3"])
        XCTAssertTrue(zip(chat, try agentsColumn([])).allSatisfy { $0 < $1 }, "\(chat)")
        let bad = try CLI.run([
            "staff", "--forecast", forecast.path, "--aht", "180", "--sl", "80/20", "--concurrency", "0",
            "--out", directory.appendingPathComponent("x.csv").path,
        ])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("--concurrency"), bad.stderr)
    }

    func config(in directory: URL, calls: String, extra: String = "") throws -> URL {
        let history = CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv").path
        let text = """
            {"history": "\(history)", "timezone": "UTC", "interval": "30m", "backtest_origins": 2,\(extra)
             "channels": {"calls": \(calls)}}
            """
        let url = directory.appendingPathComponent("plan.json")
        try Data(text.utf8).write(to: url)
        return url
    }

    func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testBadChatAndDeadlineConfigExits65NamingTheKey() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases = [
            (#"{"aht_seconds": 300, "service_level": "80/20", "concurrency": 0}"#, "channels.calls.concurrency"),
            (#"{"aht_seconds": 300, "service_level": "80/20", "concurrency": 0.5}"#, "channels.calls.concurrency"),
            (
                #"{"aht_seconds": 300, "service_level": "80/20", "concurrency": 1.5, "aht_by_concurrency": [300, 320]}"#,
                "channels.calls.aht_by_concurrency"
            ),
            (
                #"{"aht_seconds": 300, "service_level": "80/20", "concurrency": 2, "aht_by_concurrency": [300]}"#,
                "channels.calls.aht_by_concurrency"
            ),
            (
                #"{"aht_seconds": 300, "service_level": "80/20", "concurrency": 2, "patience": 60}"#,
                "channels.calls.patience"
            ),
            (#"{"aht_seconds": 300, "deadline": "soon"}"#, "channels.calls.deadline"),
            (#"{"aht_seconds": 300, "deadline": "24h", "service_level": "80/20"}"#, "channels.calls.service_level"),
            (#"{"aht_seconds": 300, "deadline": "24h", "shrinkage": 1}"#, "channels.calls.shrinkage"),
        ]
        for (settings, key) in cases {
            let out = directory.appendingPathComponent("out")
            let result = try CLI.run([
                "plan", "--config", try config(in: directory, calls: settings).path, "--out-dir", out.path,
            ])
            XCTAssertEqual(result.status, 65, "\(settings): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(key), "\(settings): \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        }
        let badScenario = try config(
            in: directory, calls: #"{"aht_seconds": 300, "service_level": "80/20"}"#,
            extra: #" "scenarios": [{"name": "x", "volume_factor": {"chat": 0.5}}],"#)
        let result = try CLI.run([
            "plan", "--config", badScenario.path, "--out-dir", directory.appendingPathComponent("o").path,
        ])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("scenarios[0].volume_factor.chat"), result.stderr)
    }

    /// The bank's calls planned as deferred work with a 24-hour (open time) deadline: requirements
    /// never show a negative backlog, agents are needed somewhere, and replaying the plan's own
    /// handled counts never lets a contact pass its deadline.
    func testPlanWithADeadlineChannel() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try config(
            in: directory, calls: #"{"aht_seconds": 300, "deadline": "24h", "shrinkage": 0.3, "opening_backlog": 0}"#)
        let out = directory.appendingPathComponent("reports")
        let result = try CLI.run(["plan", "--config", url.path, "--out-dir", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let table = try rows(out.appendingPathComponent("2003-W36/requirements.csv"))
        XCTAssertEqual(table[0].suffix(3), ["backlog", "oldest_age_seconds", "rule"])
        XCTAssertEqual(
            Array(table[0].prefix(10)),
            [
                "timestamp", "channel", "contacts", "aht_seconds", "agents", "headcount",
                "service_level", "asa_seconds", "occupancy", "abandon_rate",
            ])
        let body = table.dropFirst()
        XCTAssertGreaterThan(body.count, 100)
        var maxAgents = 0
        var arrived = 0.0
        var handledCapacity = 0.0
        var previousBacklog = 0.0
        for row in body {
            let contacts = try XCTUnwrap(Double(row[2]))
            let agents = try XCTUnwrap(Int(row[4]))
            let headcount = try XCTUnwrap(Int(row[5]))
            let backlog = try XCTUnwrap(Double(row[11]), row.joined(separator: ","))
            XCTAssertGreaterThanOrEqual(backlog, 0, row.joined(separator: ","))
            XCTAssertEqual(row[6], "1")
            XCTAssertEqual(row[7], "")
            XCTAssertEqual(row[9], "")
            XCTAssertEqual(headcount, Int((Double(agents) / 0.7 - 1e-9).rounded(.up)), row.joined(separator: ","))
            // Conservation: backlog = previous backlog + arrivals − handled, with handled ≤ capacity.
            let handled = previousBacklog + contacts - backlog
            XCTAssertLessThanOrEqual(handled, Double(agents) * 1800 / 300 + 0.01, row.joined(separator: ","))
            XCTAssertGreaterThanOrEqual(handled, -0.01, row.joined(separator: ","))
            previousBacklog = backlog
            arrived += contacts
            handledCapacity += Double(agents) * 6
            maxAgents = max(maxAgents, agents)
        }
        XCTAssertGreaterThan(maxAgents, 0)
        // 48 open half-hours make 24 h: everything that arrived by the week's third-to-last open
        // day is handled by the end, so the closing backlog is below the last days' arrivals.
        XCTAssertLessThan(previousBacklog, arrived)
        XCTAssertGreaterThan(handledCapacity, 0)
        let coverage = try rows(out.appendingPathComponent("2003-W36/coverage.csv"))
        XCTAssertTrue(coverage.dropFirst().allSatisfy { (Int($0[4]) ?? -1) >= 0 })
    }

    func testScenariosAreRestaffedFromTheSameForecast() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenarios =
            #" "scenarios": [{"name": "chatbot", "volume_factor": {"calls": 0.8}}, {"name": "strict", "service_level": "95/10"}, {"name": "slower", "aht_factor": {"*": 1.1}, "shrinkage": 0.35}],"#
        let url = try config(
            in: directory,
            calls: #"{"aht_seconds": 300, "service_level": "80/20", "max_occupancy": 0.85, "shrinkage": 0.3}"#,
            extra: scenarios)
        let out = directory.appendingPathComponent("reports")
        let result = try CLI.run(["plan", "--config", url.path, "--out-dir", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let table = try rows(out.appendingPathComponent("2003-W36/scenarios.csv"))
        XCTAssertEqual(table[0], ["scenario", "channel", "contacts", "agent_hours_required", "headcount_peak"])
        XCTAssertEqual(table.dropFirst().map { $0[0] }, ["baseline", "chatbot", "strict", "slower"])
        var hours: [String: Double] = [:]
        var contacts: [String: Double] = [:]
        for row in table.dropFirst() {
            hours[row[0]] = Double(row[3])
            contacts[row[0]] = Double(row[2])
        }
        let baseline = try XCTUnwrap(hours["baseline"])
        XCTAssertLessThan(try XCTUnwrap(hours["chatbot"]), baseline)
        XCTAssertGreaterThan(try XCTUnwrap(hours["strict"]), baseline)
        XCTAssertGreaterThan(try XCTUnwrap(hours["slower"]), baseline)
        XCTAssertEqual(try XCTUnwrap(contacts["chatbot"]), 0.8 * (contacts["baseline"] ?? 0), accuracy: 0.01)
        XCTAssertEqual(contacts["strict"], contacts["baseline"])
        // The baseline row is the plan's own weekly total.
        let weekly = try rows(out.appendingPathComponent("2003-W36/weekly_staffing.csv"))
        XCTAssertEqual(weekly.dropFirst().reduce(0) { $0 + (Double($1[4]) ?? 0) }, baseline, accuracy: 0.01)
        // No scenarios, no scenarios.csv.
        let plain = try config(in: directory, calls: #"{"aht_seconds": 300, "service_level": "80/20"}"#)
        let out2 = directory.appendingPathComponent("plain")
        XCTAssertEqual(try CLI.run(["plan", "--config", plain.path, "--out-dir", out2.path, "--quiet"]).status, 0)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: out2.appendingPathComponent("2003-W36/scenarios.csv").path))
    }
}
