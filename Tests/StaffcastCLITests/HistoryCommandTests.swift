import Foundation
import XCTest

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
        try Data(
            """
            timestamp,channel,contacts,aht_seconds
            2025-10-26T02:30:00+01:00,phone,7,300
            2025-10-26T02:30:00+02:00,phone,5,
            2025-10-26T02:00:00+01:00,phone,6,310
            2025-10-26T01:30:00+02:00,chat,3,240.5

            """.utf8
        ).write(to: history)
        let result = try CLI.run([
            "inspect", "--history", history.path, "--timezone", "Europe/Amsterdam", "--dump", "-",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(
            result.stdout,
            """
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
        let result = try CLI.run([
            "forecast", "--history", "datasets/bank_calls.csv", "--interval", "30m", "--horizon", "7d",
            "--model", "snaive", "--out", out.path,
        ])
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
            XCTAssertLessThanOrEqual(numbers[1], numbers[0])
            XCTAssertLessThanOrEqual(numbers[0], numbers[2])
            XCTAssertLessThanOrEqual(numbers[3], numbers[1])
            XCTAssertLessThanOrEqual(numbers[2], numbers[4])
        }
    }

    // MARK: Input mapping

    private let presets = "Tests/StaffcastCoreTests/Fixtures/presets/"

    func testInspectReadsAPresetToTheSameRecordsAsTheNativeFile() throws {
        let mapped = try CLI.run([
            "inspect", "--history", presets + "genesys-wfm.csv", "--format", "genesys-wfm", "--dump", "-",
        ])
        XCTAssertEqual(mapped.status, 0, mapped.stderr)
        let native = try CLI.run(["inspect", "--history", presets + "genesys-wfm.native.csv", "--dump", "-"])
        XCTAssertEqual(native.status, 0, native.stderr)
        XCTAssertEqual(mapped.stdout, native.stdout)
        XCTAssertEqual(
            mapped.stdout,
            """
            timestamp,channel,contacts,aht_seconds
            2025-01-06T08:00:00Z,Chat,6,300
            2025-01-06T08:00:00Z,Voice,16,285.714286
            2025-01-06T08:15:00Z,Chat,5,250
            2025-01-06T08:15:00Z,Voice,9,300

            """)
        // A hand-written mapping of the same file.
        let columns =
            "timestamp=Interval Start UTC Date,queue=Queue,channel=Media Type,split=Skill Set,split=Language,contacts=Offered,"
            + "handled=Interactions Handled,handle_time=Total Handle Time (Seconds)"
        let byHand = try CLI.run([
            "inspect", "--history", presets + "genesys-wfm.csv", "--columns", columns, "--dump", "-",
        ])
        XCTAssertEqual(byHand.status, 0, byHand.stderr)
        XCTAssertEqual(byHand.stdout, native.stdout)
    }

    func testInspectSaysWhichMissingRowPolicyItUsed() throws {
        let unknown = try CLI.run([
            "inspect", "--history", presets + "amazon-connect.csv", "--format", "amazon-connect", "--missing",
            "unknown",
        ])
        XCTAssertEqual(unknown.status, 0, unknown.stderr)
        XCTAssertTrue(
            unknown.stdout.hasPrefix("missing rows: unknown (intervals absent from the file are unknown, not zero;"),
            unknown.stdout)
        let zero = try CLI.run(["inspect", "--history", presets + "amazon-connect.csv", "--format", "amazon-connect"])
        XCTAssertTrue(
            zero.stdout.hasPrefix("missing rows: zero (2 intervals absent from the file read as 0 contacts)\n"),
            zero.stdout)
        let json = try CLI.run([
            "inspect", "--history", presets + "amazon-connect.csv", "--format", "amazon-connect", "--json",
        ])
        XCTAssertTrue(json.stdout.contains("\"missing_rows\": \"zero\",\n  \"zero_filled_intervals\": 2,"), json.stdout)
        // The dump carries the abandoned contacts the export has.
        let dump = try CLI.run([
            "inspect", "--history", presets + "amazon-connect.csv", "--format", "amazon-connect", "--dump", "-",
        ])
        XCTAssertEqual(
            dump.stdout,
            """
            timestamp,channel,contacts,aht_seconds,abandoned
            2025-03-04T09:00:00Z,CHAT,5,600,0
            2025-03-04T09:00:00Z,VOICE,14,300,2
            2025-03-04T09:15:00Z,VOICE,0,,0
            2025-03-04T09:30:00Z,VOICE,0,,0
            2025-03-04T09:45:00Z,VOICE,3,240,0

            """)
    }

    func testBadMappingOptionsAreUsageErrorsNamingTheFlag() throws {
        let cases: [([String], Int32, String)] = [
            (["--columns", "timestamp=T,contact=C"], 64, "--columns: unknown role 'contact'; did you mean contacts?"),
            (["--format", "genesys-wmf"], 64, "--format: unknown format 'genesys-wmf'; did you mean genesys-wfm?"),
            (
                ["--format", "nice-iex", "--encoding", "latin-1"], 64,
                "--encoding: expected utf-8, utf-16, windows-1252, got 'latin-1'"
            ),
            (
                ["--format", "nice-iex", "--date-order", "ddmmyyyy"], 64,
                "--date-order: expected dmy, mdy, ymd, got 'ddmmyyyy'"
            ),
            (["--format", "nice-iex", "--channel-map", "/no/such/map.csv"], 66, "/no/such/map.csv: no such file"),
            (
                ["--format", "genesys-wfm", "--duration-unit", "min"], 64,
                "--duration-unit: expected s, ms, hh:mm:ss, got 'min'"
            ),
        ]
        for (flags, status, words) in cases {
            let result = try CLI.run(["inspect", "--history", presets + "genesys-wfm.csv"] + flags)
            XCTAssertEqual(result.status, status, "\(flags): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(words), "\(flags): \(result.stderr)")
        }
    }

    func testAQueueMissingFromTheChannelMapIsNamed() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let map = directory.appendingPathComponent("queues.csv")
        try Data("queue,channel\nWQ0123456789abcdef0123456789abcdef,voice\n".utf8).write(to: map)
        let result = try CLI.run([
            "inspect", "--history", presets + "twilio-taskrouter.csv", "--format", "twilio-taskrouter", "--channel-map",
            map.path,
        ])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(
            result.stderr.contains(
                "twilio-taskrouter.csv:4:1: queue 'WQfedcba9876543210fedcba9876543210' is not in the channel map"),
            result.stderr)
        try Data("queue,channel\nWQ0123456789abcdef0123456789abcdef,voice\n*,chat\n".utf8).write(to: map)
        let catchAll = try CLI.run([
            "inspect", "--history", presets + "twilio-taskrouter.csv", "--format", "twilio-taskrouter", "--channel-map",
            map.path, "--dump", "-",
        ])
        XCTAssertEqual(catchAll.status, 0, catchAll.stderr)
        XCTAssertTrue(catchAll.stdout.contains("2025-04-01T12:00:00Z,chat,10,,0"), catchAll.stdout)
    }

    func testOffsetsWithoutATimezoneAreWarnedAbout() throws {
        let result = try CLI.run(["inspect", "--history", presets + "nice-iex.native.csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(
            result.stderr.contains(
                "nice-iex.native.csv:2: the timestamps carry UTC offsets other than Z, but no --timezone was given"),
            result.stderr)
        let named = try CLI.run([
            "inspect", "--history", presets + "nice-iex.native.csv", "--timezone", "America/New_York",
        ])
        XCTAssertFalse(named.stderr.contains("no --timezone"), named.stderr)
    }

    // MARK: plan reads the history through the config's "input"

    /// The bank demo's config, pointing at `history` in `directory`, with `extra` top-level keys.
    private func bankConfig(in directory: URL, history: String, extra: String = "") throws -> URL {
        let config = directory.appendingPathComponent("plan.json")
        try Data(
            """
            { "history": "\(history)", "timezone": "UTC", "interval": "30m", "model": "snaive", "backtest_origins": 1,
              \(extra)
              "channels": { "calls": { "aht_seconds": 300, "service_level": "80/20", "max_occupancy": 0.85, "shrinkage": 0.3 } } }
            """.utf8
        ).write(to: config)
        return config
    }

    func testPlanReadsADutchExportThroughTheConfigInputToTheSamePlan() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The bank's history as Dutch Excel writes it: date d-m-yyyy, time, channel, count.
        let bank = try String(
            contentsOf: CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv"), encoding: .utf8)
        var dutch = "Datum;Tijd;Kanaal;Aantal\r\n"
        for line in bank.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            let stamp = fields[0]  // 2003-03-03T07:00:00Z
            let year = stamp.prefix(4)
            let month = Int(stamp.dropFirst(5).prefix(2))!
            let day = Int(stamp.dropFirst(8).prefix(2))!
            dutch += "\(day)-\(month)-\(year);\(stamp.dropFirst(11).prefix(5));calls;\(fields[1])\r\n"
        }
        try Data(dutch.utf8).write(to: directory.appendingPathComponent("bank_nl.csv"))
        try FileManager.default.copyItem(
            at: CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv"),
            to: directory.appendingPathComponent("bank_calls.csv"))
        let nativeConfig = try bankConfig(in: directory, history: "bank_calls.csv")
        let native = try CLI.run([
            "plan", "--config", nativeConfig.path, "--week", "2003-W36", "--out-dir",
            directory.appendingPathComponent("native").path, "--quiet",
        ])
        XCTAssertEqual(native.status, 0, native.stderr)
        let dutchConfig = try bankConfig(
            in: directory, history: "bank_nl.csv", extra: #""input": {"format": "excel-nl"},"#)
        let mapped = try CLI.run([
            "plan", "--config", dutchConfig.path, "--week", "2003-W36", "--out-dir",
            directory.appendingPathComponent("mapped").path, "--quiet",
        ])
        XCTAssertEqual(mapped.status, 0, mapped.stderr)
        for file in ["forecast.csv", "requirements.csv", "schedule.csv"] {
            let a = try Data(contentsOf: directory.appendingPathComponent("native/2003-W36/" + file))
            let b = try Data(contentsOf: directory.appendingPathComponent("mapped/2003-W36/" + file))
            XCTAssertEqual(a, b, file)
        }
        // A mistake in the input object names its key.
        let typo = try bankConfig(
            in: directory, history: "bank_nl.csv",
            extra: #""input": {"format": "excel-nl", "columns": {"contact": "Aantal"}},"#)
        let refused = try CLI.run(["plan", "--config", typo.path, "--week", "2003-W36", "--out-dir", directory.path])
        XCTAssertEqual(refused.status, 65)
        XCTAssertTrue(
            refused.stderr.contains("plan.json: input.columns.contact: unknown role 'contact'; did you mean contacts?"),
            refused.stderr)
    }

    func testWeekNextRefusesAStaleHistoryWithTheDates() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            at: CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv"),
            to: directory.appendingPathComponent("bank_calls.csv"))
        let config = try bankConfig(in: directory, history: "bank_calls.csv")
        // The history ends Friday 2003-08-29; next week after 2003-10-01 is 2003-W41 (Monday 2003-10-06): 38 days.
        let stale = try CLI.run([
            "plan", "--config", config.path, "--week", "next", "--now", "2003-10-01T06:00:00Z", "--out-dir",
            directory.path,
        ])
        XCTAssertEqual(stale.status, 65)
        XCTAssertTrue(
            stale.stderr.contains(
                "the history ends on 2003-08-29 (its last interval ends 2003-08-29T21:30:00Z), 38 days before 2003-W41 starts on 2003-10-06; more than 14 days is stale"
            ), stale.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("2003-W41").path))
        // A config may allow more days.
        let lenient = try bankConfig(in: directory, history: "bank_calls.csv", extra: #""stale_after_days": 40,"#)
        let allowed = try CLI.run([
            "plan", "--config", lenient.path, "--week", "next", "--now", "2003-10-01T06:00:00Z", "--out-dir",
            directory.path, "--quiet",
        ])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("2003-W41/forecast.csv").path))
    }

    func testPlanRefusesToPlanInUTCSilentlyWhenTheHistoryCarriesOffsets() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            at: CLI.projectRoot.appendingPathComponent(presets + "nice-iex.native.csv"),
            to: directory.appendingPathComponent("history.csv"))
        let config = directory.appendingPathComponent("plan.json")
        try Data(#"{"history": "history.csv", "channels": {"*": {"aht_seconds": 300, "service_level": "80/20"}}}"#.utf8)
            .write(to: config)
        let result = try CLI.run(["plan", "--config", config.path, "--out-dir", directory.path])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(
            result.stderr.contains("plan.json: timezone: missing, but the history's timestamps carry UTC offsets"),
            result.stderr)
    }
}
