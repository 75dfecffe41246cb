import Foundation
import XCTest

/// `staffcast plan` on the bundled bank data: the contract's files, identical reruns, nothing
/// published on failure.
final class PlanCommandTests: XCTestCase {
    static let files = [
        "forecast.csv", "requirements.csv", "schedule.csv", "coverage.csv", "weekly_staffing.csv",
        "report.html", "manifest.json",
    ]

    func demoConfig(in directory: URL, channelSettings: String? = nil, extra: String = "", name: String = "plan.json")
        throws -> URL
    {
        let history = CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv").path
        let settings =
            channelSettings
            ?? #"{"aht_seconds": 300, "service_level": "80/20", "max_occupancy": 0.85, "shrinkage": 0.3}"#
        let config = """
            {"history": "\(history)", "timezone": "UTC", "interval": "30m", "backtest_origins": 2,\(extra)
             "channels": {"calls": \(settings)}}
            """
        let url = directory.appendingPathComponent(name)
        try Data(config.utf8).write(to: url)
        return url
    }

    func testPlansTheWeekAfterTheHistoryAndRerunsIdentically() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try demoConfig(in: directory)
        let out = directory.appendingPathComponent("reports")
        let first = try CLI.run(["plan", "--config", config.path, "--out-dir", out.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        // The history ends Friday 2003-08-29 (ISO week 35): the default is 2003-W36.
        let week = out.appendingPathComponent("2003-W36")
        var firstBytes: [String: Data] = [:]
        for file in Self.files {
            firstBytes[file] = try Data(contentsOf: week.appendingPathComponent(file))
        }
        let forecast = String(decoding: firstBytes["forecast.csv"]!, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(forecast.first, "timestamp,channel,forecast,lo80,hi80,lo95,hi95")
        // Weekdays only (the bank is closed at weekends), 07:00 to 21:00 and the lone 21:00 slot.
        XCTAssertTrue(forecast[1].hasPrefix("2003-09-01T07:00:00Z,calls,"), String(forecast[1]))
        XCTAssertFalse(forecast.contains { $0.hasPrefix("2003-09-06") || $0.hasPrefix("2003-09-07") })
        let weekly = String(decoding: firstBytes["weekly_staffing.csv"]!, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(
            weekly.first, "date,channel,contacts,workload_hours,agent_hours_required,headcount_peak,scheduled_hours")
        XCTAssertEqual(weekly.count, 8, "one row per day of the week for the one channel")
        let requirements = String(decoding: firstBytes["requirements.csv"]!, as: UTF8.self).split(separator: "\n")
        XCTAssertTrue(
            requirements[0].hasPrefix(
                "timestamp,channel,contacts,aht_seconds,agents,headcount,service_level,asa_seconds,occupancy,abandon_rate"
            ))
        XCTAssertEqual(requirements.count, forecast.count)
        let schedule = String(decoding: firstBytes["schedule.csv"]!, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(schedule.first, "date,channel,shift_start,shift_end,break_start,break_end,agents")
        XCTAssertGreaterThan(schedule.count, 1)
        // Every open interval is covered: the coverage gap is never negative, and the weekly
        // scheduled hours are at least the required agent-hours.
        let coverage = String(decoding: firstBytes["coverage.csv"]!, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(coverage.first, "timestamp,channel,required,scheduled,gap,service_level")
        for line in coverage.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            XCTAssertGreaterThanOrEqual(Int(fields[4]) ?? -1, 0, String(line))
        }
        for line in weekly.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertGreaterThanOrEqual(Double(fields[6]) ?? -1, Double(fields[4]) ?? .infinity, String(line))
        }

        let second = try CLI.run(["plan", "--config", config.path, "--out-dir", out.path, "--quiet"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.stdout, "")
        for file in Self.files {
            XCTAssertEqual(
                try Data(contentsOf: week.appendingPathComponent(file)), firstBytes[file], "\(file) differs on rerun")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter {
            $0.contains("partial") || $0.contains("old")
        }
        XCTAssertEqual(leftovers, [])
    }

    /// Issue 9: with US holidays alone, Labor Day — which the history (March–August) has never
    /// seen — is forecast as a normal Monday and the manifest says so; declared closed in the
    /// events file it forecasts 0 and the Tuesday after carries the post-holiday surge.
    func testUnseenLaborDayStaysOpenAndADeclaredClosureClosesIt() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let events = directory.appendingPathComponent("closures.csv")
        try Data("name,start,end,channel,kind\nLabor Day,2003-09-01,2003-09-01,,closure\n".utf8).write(to: events)
        var totals: [String: [String: Double]] = [:]
        var counts: [String: [String: Int]] = [:]
        var manifests: [String: String] = [:]
        for (label, extra) in [
            ("plain", ""), ("us", #" "holidays": ["US"],"#),
            ("declared", #" "holidays": ["US"], "events": "closures.csv","#),
        ] {
            let config = try demoConfig(in: directory, extra: extra, name: "\(label).json")
            let out = directory.appendingPathComponent(label)
            let run = try CLI.run(["plan", "--config", config.path, "--out-dir", out.path, "--quiet"])
            XCTAssertEqual(run.status, 0, run.stderr)
            let week = out.appendingPathComponent("2003-W36")
            let csv = try String(contentsOf: week.appendingPathComponent("forecast.csv"), encoding: .utf8)
            for line in csv.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",")
                let date = String(fields[0].prefix(10))
                totals[label, default: [:]][date, default: 0] += Double(fields[2])!
                counts[label, default: [:]][date, default: 0] += 1
                if label == "declared" && date == "2003-09-01" { XCTAssertEqual(Double(fields[2]), 0, String(line)) }
            }
            manifests[label] = try String(contentsOf: week.appendingPathComponent("manifest.json"), encoding: .utf8)
        }
        XCTAssertEqual(
            counts["declared"]?["2003-09-01"], counts["plain"]?["2003-09-01"], "the closed day keeps its rows")
        let plainMonday = try XCTUnwrap(totals["plain"]?["2003-09-01"])
        XCTAssertGreaterThan(plainMonday, 1000)
        XCTAssertGreaterThan(try XCTUnwrap(totals["us"]?["2003-09-01"]), 0.8 * plainMonday, "unseen: a normal Monday")
        XCTAssertEqual(totals["declared"]?["2003-09-01"], 0)
        let tuesday = try XCTUnwrap(totals["declared"]?["2003-09-02"])
        let plainTuesday = try XCTUnwrap(totals["plain"]?["2003-09-02"])
        XCTAssertGreaterThan(tuesday, plainTuesday * 1.03)
        XCTAssertTrue(
            manifests["us"]!.contains("2003-09-01 holiday Labor Day: not in the history, forecast as a normal Monday"),
            manifests["us"]!)
        XCTAssertTrue(
            manifests["declared"]!.contains("2003-09-01 holiday Labor Day: closed (declared closure)"),
            manifests["declared"]!)
        XCTAssertFalse(manifests["plain"]!.contains("Labor Day"))
    }

    func testBadConfigPublishesNothing() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("reports")
        let cases: [(String, String)] = [
            (#"{"service_level": "80/20", "shrinkage": 0.3}"#, "channels.calls.aht_seconds"),
            (#"{"aht_seconds": "300", "service_level": "80/20"}"#, "channels.calls.aht_seconds"),
            (#"{"aht_seconds": 300, "service_level": "80/20", "shrinkage": 1.2}"#, "channels.calls.shrinkage"),
            (#"{"aht_seconds": 300, "service_level": "eighty"}"#, "channels.calls.service_level"),
            (#"{"aht_seconds": 300, "service_level": "80/20", "shrinkge": 0.3}"#, "channels.calls.shrinkge"),
        ]
        for (settings, key) in cases {
            let config = try demoConfig(in: directory, channelSettings: settings)
            let result = try CLI.run(["plan", "--config", config.path, "--out-dir", out.path])
            XCTAssertEqual(result.status, 65, "\(settings): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(key), "\(settings): \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("2003-W36").path))
        }
        // A shift longer than the day, and a wrong-typed breaks flag.
        for (shifts, key) in [(#"{"lengths": ["25h"]}"#, "shifts"), (#"{"breaks": "yes"}"#, "shifts.breaks")] {
            let config = try demoConfig(in: directory)
            var text = try String(contentsOf: config, encoding: .utf8)
            text = text.replacingOccurrences(of: #""channels":"#, with: #""shifts": \#(shifts), "channels":"#)
            try Data(text.utf8).write(to: config)
            let result = try CLI.run(["plan", "--config", config.path, "--out-dir", out.path])
            XCTAssertEqual(result.status, 65, "\(shifts): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(key), "\(shifts): \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("2003-W36").path))
        }
        let broken = directory.appendingPathComponent("broken.json")
        try Data("{\"history\": ".utf8).write(to: broken)
        XCTAssertEqual(try CLI.run(["plan", "--config", broken.path, "--out-dir", out.path]).status, 65)
        XCTAssertEqual(
            try CLI.run(["plan", "--config", directory.appendingPathComponent("none.json").path]).status, 66)
    }

    func testWeekThatDoesNotExistAndUnwritableOutput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try demoConfig(in: directory)
        let week54 = try CLI.run(["plan", "--config", config.path, "--week", "2026-W54", "--out-dir", directory.path])
        XCTAssertEqual(week54.status, 64)
        XCTAssertTrue(week54.stderr.contains("2026-W54"))
        // A file where the output directory should be: nothing can be written.
        let blocker = directory.appendingPathComponent("blocked")
        try Data("x".utf8).write(to: blocker)
        let blocked = try CLI.run(["plan", "--config", config.path, "--out-dir", blocker.path])
        XCTAssertEqual(blocked.status, 73, blocked.stderr)
    }

    func testWeekNextCountsFromNow() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try demoConfig(in: directory)
        let result = try CLI.run([
            "plan", "--config", config.path, "--week", "next", "--now", "2003-08-20T10:00:00Z",
            "--out-dir", directory.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        // 2003-08-20 is in ISO week 34; next is W35, which the history already covers: it is
        // forecast from its start without peeking at the known days.
        let manifest = try String(
            contentsOf: directory.appendingPathComponent("2003-W35/manifest.json"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"forecast_origin\": \"2003-08-25T00:00:00Z\""), manifest)
    }

    func testWeeklyToursKeepStartAndDaysOff() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try demoConfig(in: directory)
        var text = try String(contentsOf: config, encoding: .utf8)
        text = text.replacingOccurrences(
            of: #""channels":"#, with: #""shifts": {"lengths": ["8h"], "tours": true}, "channels":"#)
        try Data(text.utf8).write(to: config)
        let result = try CLI.run(["plan", "--config", config.path, "--out-dir", directory.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let week = directory.appendingPathComponent("2003-W36")
        let schedule = try String(contentsOf: week.appendingPathComponent("schedule.csv"), encoding: .utf8).split(
            separator: "\n")
        XCTAssertEqual(schedule.first, "date,channel,shift_start,shift_end,break_start,break_end,agents,tour")
        // Each tour works 5 days at one clock time.
        var days: [String: Set<String>] = [:]
        var starts: [String: Set<String>] = [:]
        for line in schedule.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            days[f[7], default: []].insert(f[0])
            starts[f[7], default: []].insert(String(f[2].dropFirst(11)))
        }
        XCTAssertFalse(days.isEmpty)
        for (tour, worked) in days {
            XCTAssertEqual(worked.count, 5, tour)
            XCTAssertEqual(starts[tour]?.count, 1, tour)
        }
        for line in try String(contentsOf: week.appendingPathComponent("coverage.csv"), encoding: .utf8).split(
            separator: "\n"
        ).dropFirst() {
            XCTAssertGreaterThanOrEqual(
                Int(line.split(separator: ",", omittingEmptySubsequences: false)[4]) ?? -1, 0, String(line))
        }
    }

    func withShifts(_ shifts: String, in directory: URL) throws -> URL {
        let config = try demoConfig(in: directory)
        var text = try String(contentsOf: config, encoding: .utf8)
        text = text.replacingOccurrences(of: #""channels":"#, with: #""shifts": \#(shifts), "channels":"#)
        try Data(text.utf8).write(to: config)
        return config
    }

    /// Templates with start windows, days, costs and a custom break: every shift obeys them, and
    /// what they cannot reach (the 21:00 slot after the last evening shift ends) is published as a
    /// shortfall rather than refused.
    func testShiftTemplatesFromTheConfig() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try withShifts(
            #"""
            {"templates": [
              {"name": "early", "length": "8h", "earliest_start": "07:00", "latest_start": "10:00", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
               "break": {"length": "30m", "earliest_start": "3h", "latest_end": "5h"}},
              {"name": "evening", "length": "4h", "earliest_start": "17:00", "latest_start": "17:00", "cost": 1.25, "break": false}]}
            """#, in: directory)
        let result = try CLI.run(["plan", "--config", config.path, "--out-dir", directory.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("uncovered"), result.stderr)
        let week = directory.appendingPathComponent("2003-W36")
        let schedule = try String(contentsOf: week.appendingPathComponent("schedule.csv"), encoding: .utf8).split(
            separator: "\n")
        XCTAssertGreaterThan(schedule.count, 1)
        for line in schedule.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let start = String(f[2].dropFirst(11).prefix(5))
            let end = String(f[3].dropFirst(11).prefix(5))
            if start >= "17:00" {
                XCTAssertEqual(start, "17:00")
                XCTAssertEqual(end, "21:00")
                XCTAssertEqual(f[4], "", String(line))
            } else {
                XCTAssertTrue(start >= "07:00" && start <= "10:00", String(line))
                // The break starts 3 h to 4.5 h into the shift.
                let breakStart = String(f[4].dropFirst(11).prefix(5))
                let minutes = { (t: String) in Int(t.prefix(2))! * 60 + Int(t.suffix(2))! }
                XCTAssertTrue((180...270).contains(minutes(breakStart) - minutes(start)), String(line))
            }
        }
        let shortfall = try String(contentsOf: week.appendingPathComponent("coverage.csv"), encoding: .utf8).split(
            separator: "\n"
        )
        .filter { $0.contains("T21:00:00Z") && !$0.hasPrefix("2003-09-01") }
        XCTAssertFalse(shortfall.isEmpty)
        XCTAssertTrue(
            shortfall.allSatisfy { Int($0.split(separator: ",")[4])! < 0 }, "21:00 cannot be covered: \(shortfall)")
    }

    func testBadShiftTemplatesAreConfigErrors() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [(String, String, String)] = [
            (
                #"{"templates": [{"length": "8h", "break": {"length": "30m", "earliest_start": "7h", "latest_end": "9h"}}]}"#,
                "shifts.templates[0]", "outside"
            ),
            (
                #"{"templates": [{"length": "8h", "earliest_start": "12:00", "latest_start": "10:00"}]}"#,
                "shifts.templates[0]", "empty"
            ),
            (#"{"templates": [{"length": "8h", "days": ["Funday"]}]}"#, "shifts.templates[0].days[0]", "Mon"),
            (#"{"templates": [{"length": "8h"}], "lengths": ["6h"]}"#, "shifts.lengths", "either"),
        ]
        for (shifts, key, words) in cases {
            let config = try withShifts(shifts, in: directory)
            let result = try CLI.run(["plan", "--config", config.path, "--out-dir", directory.path])
            XCTAssertEqual(result.status, 65, "\(shifts): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(key) && result.stderr.contains(words), "\(shifts): \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("2003-W36").path))
        }
    }
}
