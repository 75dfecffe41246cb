import Foundation
import Queueing
import Scheduling
import StaffcastCore
import XCTest

@testable import Planning

/// The plan config reader: every key read into the typed config, and every mistake named by its
/// key path.
final class PlanConfigReaderTests: XCTestCase {
    static let path = "/plans/shop/plan.json"
    static let channel = #""calls": {"aht_seconds": 300, "service_level": "80/20"}"#

    func parse(_ json: String) throws -> PlanConfig {
        do { return try PlanConfigReader.parse(data: Data(json.utf8), path: Self.path) } catch { throw error }
    }

    /// A config made of `history`, `channels` (the calls entry unless given) and `extra` keys.
    func config(channels: String = channel, _ extra: String = "") -> String {
        #"{"history": "calls.csv", "channels": {\#(channels)}\#(extra.isEmpty ? "" : ", " + extra)}"#
    }

    /// Asserts that `json` is refused at `key`, with a message containing `words`.
    func assertRefused(
        _ json: String, key: String, _ words: String = "", file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            _ = try PlanConfigReader.parse(data: Data(json.utf8), path: Self.path)
            XCTFail("accepted: \(json)", file: file, line: line)
        } catch {
            guard case .config(let path, let errorKey, let message) = error else {
                return XCTFail("expected a config error at \(key), got \(error)", file: file, line: line)
            }
            XCTAssertEqual(path, Self.path, file: file, line: line)
            XCTAssertEqual(errorKey, key, "\(message) — for \(json)", file: file, line: line)
            XCTAssertTrue(
                words.isEmpty || message.contains(words), "'\(message)' lacks '\(words)'", file: file, line: line)
        }
    }

    func testEveryTopLevelKeyIsRead() throws {
        let c = try parse(
            config(
                channels: Self.channel + #", "*": {"deadline": "24h", "shrinkage": 0.2}"#,
                #""timezone": "Europe/Amsterdam", "interval": "15m", "value_column": "offered", "channel_name": "phone", "model": "wavg6", "backtest_origins": 6, "staff_to": "p95", "holidays": ["NL", "BE"], "events": "events/retail.csv", "shifts": {"lengths": ["8h", "4h"], "start_every": "15m", "breaks": false, "tours": true}, "scenarios": [{"name": "bot", "volume_factor": {"calls": 0.8, "*": 1.1}, "aht_factor": {"calls": 1.2}, "service_level": "90/30", "shrinkage": 0.4}]"#
            ))
        XCTAssertEqual(c.historyPath, "/plans/shop/calls.csv")
        XCTAssertEqual(c.historyPathAsWritten, "calls.csv")
        XCTAssertEqual(c.calendar.identifier, "Europe/Amsterdam")
        XCTAssertEqual(c.intervalSeconds, 900)
        XCTAssertEqual(c.valueColumn, "offered")
        XCTAssertEqual(c.channelName, "phone")
        XCTAssertEqual(c.model, "wavg6")
        XCTAssertEqual(c.backtestOrigins, 6)
        XCTAssertEqual(c.staffTo, .p95)
        XCTAssertEqual(c.holidays, ["NL", "BE"])
        XCTAssertEqual(c.eventsPath, "/plans/shop/events/retail.csv")
        XCTAssertEqual(c.eventsPathAsWritten, "events/retail.csv")
        XCTAssertEqual(c.shifts.templates.map(\.lengthSeconds), [8 * 3600, 4 * 3600])
        XCTAssertEqual(c.shifts.templates.map(\.startEverySeconds), [900, 900])
        XCTAssertTrue(c.shifts.templates.allSatisfy { $0.breakRule == nil })
        XCTAssertTrue(c.shifts.tours)
        XCTAssertEqual(
            c.scenarios,
            [
                Scenario(
                    name: "bot", volumeFactor: ["calls": 0.8, "*": 1.1], ahtFactor: ["calls": 1.2],
                    serviceLevel: ServiceLevelText.Target(fraction: 0.9, seconds: 30), shrinkage: 0.4)
            ])
        XCTAssertEqual(c.scenarios[0].volume(for: "chat"), 1.1)
        XCTAssertEqual(c.scenarios[0].aht(for: "chat"), 1)
        // "*" serves a channel the config does not name; the named one keeps its own entry.
        XCTAssertEqual(try c.policy(for: "email").kind, .deferred(DeferredRules(deadlineSeconds: 86_400)))
        XCTAssertEqual(try c.policy(for: "calls").kind, .queue)
    }

    func testDefaults() throws {
        let c = try parse(config())
        XCTAssertEqual(c.calendar.identifier, "UTC")
        XCTAssertNil(c.intervalSeconds)
        XCTAssertEqual(c.model, "auto")
        XCTAssertEqual(c.backtestOrigins, 4)
        XCTAssertEqual(c.staffTo, .p50)
        XCTAssertEqual(c.holidays, [])
        XCTAssertNil(c.eventsPath)
        XCTAssertEqual(c.scenarios, [])
        // 8 h, 6 h and 4 h on any half hour; the standard unpaid 30-minute break from 6 h.
        XCTAssertEqual(c.shifts.templates.map(\.lengthSeconds), [28_800, 21_600, 14_400])
        XCTAssertEqual(c.shifts.templates.map { $0.breakRule?.lengthSeconds }, [1800, 1800, nil])
        XCTAssertFalse(c.shifts.tours)
        XCTAssertEqual(c.data, Data(config().utf8))
        let calls = try c.policy(for: "calls")
        XCTAssertEqual(calls.ahtSeconds, 300)
        XCTAssertEqual(calls.target.serviceLevel, 0.8)
        XCTAssertEqual(calls.target.targetSeconds, 20)
        XCTAssertEqual(calls.target.shrinkage, 0)
        XCTAssertEqual(calls.ahtSource, .configured)
        XCTAssertThrowsError(try c.policy(for: "chat")) { error in
            guard case .config(_, let key, let message)? = error as? PlanningError else { return XCTFail("\(error)") }
            XCTAssertEqual(key, "channels")
            XCTAssertTrue(message.contains("'chat'"), message)
        }
        let absolute = try parse(#"{"history": "/data/calls.csv", "channels": {\#(Self.channel)}}"#)
        XCTAssertEqual(absolute.historyPath, "/data/calls.csv")
    }

    func testEveryChannelKey() throws {
        let erlangA = try parse(
            config(
                channels:
                    #""calls": {"aht_seconds": 240, "service_level": "80/20", "asa_seconds": 30, "max_occupancy": 0.9, "shrinkage": 0.35, "patience": 90, "max_abandon_rate": 0.04}"#
            )
        ).policy(for: "calls")
        XCTAssertEqual(
            erlangA.target,
            StaffingTarget(
                serviceLevel: 0.8, targetSeconds: 20, maxASASeconds: 30, maxOccupancy: 0.9,
                shrinkage: 0.35, patienceSeconds: 90, maxAbandonRate: 0.04))
        XCTAssertEqual(erlangA.kind, .queue)

        let chat = try parse(
            config(
                channels:
                    #""chat": {"concurrency": 3, "aht_by_concurrency": [300, 360, 420], "service_level": "80/60"}"#)
        ).policy(for: "chat")
        XCTAssertEqual(chat.kind, .chat(concurrency: 3, ahtByConcurrency: [300, 360, 420]))
        XCTAssertEqual(chat.ahtSeconds, 300)
        XCTAssertEqual(chat.ahtSource, .configured, "per-level handle times count as configured")
        // Concurrency without levels: the channel AHT at every level; the levels alone set K.
        let flat = try parse(
            config(channels: #""chat": {"concurrency": 2, "aht_seconds": 500, "service_level": "80/60"}"#)
        ).policy(for: "chat")
        XCTAssertEqual(flat.chatAHT, [500, 500])
        let implied = try parse(
            config(channels: #""chat": {"aht_by_concurrency": [200, 250], "service_level": "80/60"}"#)
        ).policy(for: "chat")
        XCTAssertEqual(implied.kind.concurrency, 2)
        // K = 1 with one level is a plain queue with that handle time.
        let one = try parse(config(channels: #""chat": {"aht_by_concurrency": [222], "service_level": "80/60"}"#))
            .policy(for: "chat")
        XCTAssertEqual(one.kind, .queue)
        XCTAssertEqual(one.ahtSeconds, 222)

        let mail = try parse(config(channels: #""email": {"deadline": "8h", "aht_seconds": 360, "shrinkage": 0.2}"#))
            .policy(for: "email")
        XCTAssertEqual(mail.kind, .deferred(DeferredRules(deadlineSeconds: 28_800)))
        XCTAssertEqual(mail.target.shrinkage, 0.2)
        XCTAssertNil(mail.target.serviceLevel)

        // AHT sources: none given → forecast; "aht": "forecast" → preferred; levels win over it.
        XCTAssertEqual(
            try parse(config(channels: #""calls": {"service_level": "80/20"}"#)).policy(for: "calls").ahtSource,
            .forecast)
        XCTAssertEqual(
            try parse(config(channels: #""calls": {"aht": "forecast", "aht_seconds": 300, "service_level": "80/20"}"#))
                .policy(for: "calls").ahtSource, .forecastPreferred)
        XCTAssertEqual(
            try parse(config(channels: #""calls": {"aht": "config", "aht_seconds": 300, "service_level": "80/20"}"#))
                .policy(for: "calls").ahtSource, .configured)
        XCTAssertEqual(
            try parse(
                config(
                    channels:
                        #""chat": {"aht": "forecast", "aht_by_concurrency": [200, 250], "service_level": "80/60"}"#)
            ).policy(for: "chat").ahtSource, .configured)
        // An ASA or an abandonment cap alone is a target too.
        XCTAssertEqual(
            try parse(config(channels: #""calls": {"aht_seconds": 300, "asa_seconds": 20}"#)).policy(for: "calls")
                .target.maxASASeconds, 20)
        XCTAssertEqual(
            try parse(config(channels: #""calls": {"aht_seconds": 300, "patience": 60, "max_abandon_rate": 0.05}"#))
                .policy(for: "calls").target.maxAbandonRate, 0.05)
    }

    func testTopLevelMistakes() {
        assertRefused("{", key: "(file)", "not valid JSON")
        assertRefused("[1, 2]", key: "(file)", "JSON object")
        assertRefused(config(#""histroy": "x.csv""#), key: "histroy", #"did you mean "history"?"#)
        assertRefused(#"{"channels": {\#(Self.channel)}}"#, key: "history", "missing")
        assertRefused(#"{"history": "", "channels": {\#(Self.channel)}}"#, key: "history", "path of the history CSV")
        assertRefused(
            #"{"history": 7, "channels": {\#(Self.channel)}}"#, key: "history", "expected a string, got a number")
        assertRefused(config(#""timezone": "Mars/Base""#), key: "timezone", "Mars/Base")
        assertRefused(config(#""timezone": true"#), key: "timezone", "expected a string, got a boolean")
        assertRefused(config(#""interval": "soon""#), key: "interval", "soon")
        assertRefused(config(#""model": 3"#), key: "model", "expected a string")
        for origins in ["0", "1.5", "53", "true"] {
            assertRefused(config(#""backtest_origins": \#(origins)"#), key: "backtest_origins")
        }
        assertRefused(config(#""staff_to": "p90""#), key: "staff_to", "p50, p80 or p95")
        assertRefused(#"{"history": "h.csv"}"#, key: "channels", "missing")
        assertRefused(#"{"history": "h.csv", "channels": {}}"#, key: "channels", "non-empty")
        assertRefused(#"{"history": "h.csv", "channels": []}"#, key: "channels", "non-empty")
        assertRefused(config(#""holidays": "US""#), key: "holidays", "array of country codes")
        assertRefused(config(#""holidays": ["US", 1]"#), key: "holidays", "array of country codes")
        assertRefused(config(#""holidays": ["XX"]"#), key: "holidays", "XX")
        assertRefused(config(#""events": """#), key: "events", "path of the events CSV")
        assertRefused(config(#""value_column": 1"#), key: "value_column", "expected a string")
        assertRefused(config(#""channel_name": []"#), key: "channel_name", "expected a string, got an array")
    }

    func testChannelMistakes() {
        func refused(_ entry: String, _ key: String, _ words: String = "", line: UInt = #line) {
            assertRefused(
                config(channels: #""calls": \#(entry)"#), key: "channels.calls" + (key.isEmpty ? "" : "." + key), words,
                line: line)
        }
        refused(#""fast""#, "", "expected an object")
        refused(#"{"aht_second": 300, "service_level": "80/20"}"#, "aht_second", #"did you mean "aht_seconds"?"#)
        for aht in ["-5", "0", "90000", #""300""#] {
            refused(#"{"aht_seconds": \#(aht), "service_level": "80/20"}"#, "aht_seconds")
        }
        refused(#"{"aht": "both", "aht_seconds": 300, "service_level": "80/20"}"#, "aht", "forecast")
        refused(#"{"aht_seconds": 300}"#, "service_level", "missing")
        refused(#"{"aht_seconds": 300, "service_level": "80"}"#, "service_level", "P/T")
        refused(#"{"aht_seconds": 300, "service_level": "0/20"}"#, "service_level", "above 0")
        refused(#"{"aht_seconds": 300, "service_level": "80/20", "asa_seconds": -1}"#, "asa_seconds", "positive")
        refused(#"{"aht_seconds": 300, "service_level": "80/20", "max_occupancy": 1.5}"#, "max_occupancy", "fraction")
        refused(#"{"aht_seconds": 300, "service_level": "80/20", "shrinkage": 1}"#, "shrinkage", "fraction")
        refused(
            #"{"aht_seconds": 300, "service_level": "80/20", "shrinkage": "30%"}"#, "shrinkage", "expected a number")
        refused(#"{"aht_seconds": 300, "service_level": "80/20", "patience": 0}"#, "patience", "at least 1 second")
        refused(#"{"aht_seconds": 300, "service_level": "80/20", "patience": 1e-17}"#, "patience", "at least 1 second")
        refused(
            #"{"aht_seconds": 300, "service_level": "80/20", "max_abandon_rate": 0.05}"#, "max_abandon_rate",
            #""patience""#)
        refused(#"{"aht_seconds": 300, "patience": 60, "max_abandon_rate": 2}"#, "max_abandon_rate", "fraction")
        for k in ["0.5", "0", "101", "true"] {
            refused(#"{"aht_seconds": 300, "service_level": "80/20", "concurrency": \#(k)}"#, "concurrency")
        }
        refused(
            #"{"service_level": "80/20", "aht_by_concurrency": []}"#, "aht_by_concurrency", "one per concurrency level")
        refused(
            #"{"service_level": "80/20", "aht_by_concurrency": 300}"#, "aht_by_concurrency", "one per concurrency level"
        )
        refused(
            #"{"service_level": "80/20", "aht_by_concurrency": [300, true]}"#, "aht_by_concurrency[1]",
            "handle time of 1 to 86400 seconds")
        refused(
            #"{"service_level": "80/20", "aht_by_concurrency": [300, -1]}"#, "aht_by_concurrency[1]",
            "handle time of 1 to 86400 seconds")
        refused(
            #"{"service_level": "80/20", "concurrency": 3, "aht_by_concurrency": [300, 360]}"#, "aht_by_concurrency",
            "gives 2 handle times")
        refused(
            #"{"aht_seconds": 300, "service_level": "80/20", "concurrency": 2, "patience": 60}"#, "patience",
            "not modelled")
        refused(#"{"deadline": "soon"}"#, "deadline", "duration of open time")
        refused(#"{"deadline": "0h"}"#, "deadline", "duration of open time")
        for key in ["service_level", "asa_seconds", "patience", "max_abandon_rate", "max_occupancy", "concurrency"] {
            let value = key == "service_level" ? #""80/20""# : "1"
            refused(#"{"deadline": "24h", "\#(key)": \#(value)}"#, key, "does not apply to deferred work")
        }
        refused(
            #"{"deadline": "24h", "aht_by_concurrency": [300, 400]}"#, "aht_by_concurrency",
            "does not apply to deferred work")
        refused(#"{"deadline": "24h", "shrinkage": -0.1}"#, "shrinkage", "fraction")
    }

    func testShiftMistakes() {
        func refused(_ shifts: String, _ key: String, _ words: String = "", line: UInt = #line) {
            assertRefused(config(#""shifts": \#(shifts)"#), key: key, words, line: line)
        }
        refused(#""8h""#, "shifts", "expected an object")
        refused(#"{"length": ["8h"]}"#, "shifts.length", #"did you mean "lengths"?"#)
        refused(#"{"lengths": []}"#, "shifts.lengths", "non-empty array")
        refused(#"{"lengths": ["8x"]}"#, "shifts.lengths[0]", "duration")
        refused(#"{"lengths": ["30h"]}"#, "shifts", "longer than the day")
        refused(#"{"lengths": ["8h", "8h"]}"#, "shifts", "listed twice")
        refused(#"{"start_every": "often"}"#, "shifts.start_every", "duration")
        refused(#"{"breaks": "yes"}"#, "shifts.breaks", "true or false")
        refused(#"{"tours": 1}"#, "shifts.tours", "true or false")
        refused(#"{"templates": [{"length": "8h"}], "lengths": ["8h"]}"#, "shifts.lengths", "not both")
        refused(#"{"templates": []}"#, "shifts.templates", "non-empty array")
        refused(#"{"templates": ["8h"]}"#, "shifts.templates[0]", "expected an object")
        refused(#"{"templates": [{"name": "early"}]}"#, "shifts.templates[0].length", "missing")
        refused(#"{"templates": [{"length": "8h", "colour": "red"}]}"#, "shifts.templates[0].colour", "unknown key")
        refused(
            #"{"templates": [{"length": "8h", "earliest_start": "7:00"}]}"#, "shifts.templates[0].earliest_start",
            "HH:MM")
        refused(
            #"{"templates": [{"length": "8h", "latest_start": "24:00"}]}"#, "shifts.templates[0].latest_start", "HH:MM")
        refused(#"{"templates": [{"length": "8h", "days": ["Funday"]}]}"#, "shifts.templates[0].days[0]", "Mon … Sun")
        refused(#"{"templates": [{"length": "8h", "days": []}]}"#, "shifts.templates[0].days", "array of days")
        refused(#"{"templates": [{"length": "8h", "cost": "cheap"}]}"#, "shifts.templates[0].cost", "expected a number")
        refused(
            #"{"templates": [{"length": "8h", "max_agents_per_day": 1.5}]}"#, "shifts.templates[0].max_agents_per_day",
            "whole number")
        refused(
            #"{"templates": [{"length": "8h", "break": "yes"}]}"#, "shifts.templates[0].break",
            "true, false or an object")
        refused(
            #"{"templates": [{"length": "8h", "break": {"paid": true}}]}"#, "shifts.templates[0].break.length",
            "missing")
        refused(
            #"{"templates": [{"length": "8h", "break": {"length": "30m", "when": "noon"}}]}"#,
            "shifts.templates[0].break.when", "unknown key")
        refused(
            #"{"templates": [{"name": "a", "length": "8h"}, {"name": "a", "length": "6h"}]}"#,
            "shifts.templates[1].name", "used twice")
    }

    func testShiftTemplatesAreRead() throws {
        let c = try parse(
            config(
                #""shifts": {"templates": [{"name": "early", "length": "8h", "earliest_start": "07:00", "latest_start": "10:00", "start_every": "15m", "days": ["Mon", "tuesday", "FRI"], "cost": 1.2, "break": {"length": "45m", "earliest_start": "3h", "latest_end": "5h", "paid": true}, "max_agents_per_day": 40}, {"length": "4h", "break": false}], "tours": false}"#
            ))
        let early = c.shifts.templates[0]
        XCTAssertEqual(early.name, "early")
        XCTAssertEqual(early.lengthSeconds, 28_800)
        XCTAssertEqual(early.earliestStartSeconds, 7 * 3600)
        XCTAssertEqual(early.latestStartSeconds, 10 * 3600)
        XCTAssertEqual(early.startEverySeconds, 900)
        XCTAssertEqual(early.weekdays, [1, 2, 5])
        XCTAssertEqual(early.costPerHour, 1.2)
        XCTAssertEqual(
            early.breakRule,
            BreakRule(
                lengthSeconds: 2700, earliestStartAfterShiftStart: 10_800, latestEndAfterShiftStart: 18_000, paid: true)
        )
        XCTAssertEqual(early.maxAgentsPerDay, 40)
        let short = c.shifts.templates[1]
        XCTAssertEqual(short.name, "4h", "an unnamed template is named by its length")
        XCTAssertNil(short.breakRule)
        XCTAssertEqual(
            short.latestStartSeconds, 20 * 3600, "a 4 h shift on the half hour can start at 20:00 at the latest")
    }

    func testScenarioMistakes() {
        func refused(_ scenarios: String, _ key: String, _ words: String = "", line: UInt = #line) {
            assertRefused(config(#""scenarios": \#(scenarios)"#), key: key, words, line: line)
        }
        refused(#"{"name": "x"}"#, "scenarios", "expected an array")
        refused(#"["x"]"#, "scenarios[0]", "expected an object")
        refused(#"[{"volume_factor": {"calls": 1}}]"#, "scenarios[0].name", "missing")
        refused(#"[{"name": "x", "colour": 1}]"#, "scenarios[0].colour", "unknown key")
        for name in ["", "baseline", "a,b", "say \"hi\""] {
            let quoted = String(
                decoding: try! JSONSerialization.data(withJSONObject: [name], options: [.fragmentsAllowed]),
                as: UTF8.self)
            refused(#"[{"name": \#(quoted.dropFirst().dropLast())}]"#, "scenarios[0].name", "non-empty name")
        }
        refused(#"[{"name": "x"}, {"name": "x"}]"#, "scenarios[1].name", "already named")
        refused(#"[{"name": "x", "volume_factor": 0.8}]"#, "scenarios[0].volume_factor", "channel name → factor")
        refused(#"[{"name": "x", "volume_factor": {"calls": -1}}]"#, "scenarios[0].volume_factor.calls", "from 0")
        refused(#"[{"name": "x", "volume_factor": {"calls": 101}}]"#, "scenarios[0].volume_factor.calls", "up to 100")
        refused(
            #"[{"name": "x", "volume_factor": {"calls": "lots"}}]"#, "scenarios[0].volume_factor.calls",
            "expected a number")
        refused(#"[{"name": "x", "aht_factor": {"calls": 0}}]"#, "scenarios[0].aht_factor.calls", "above 0")
        refused(#"[{"name": "x", "service_level": "fast"}]"#, "scenarios[0].service_level", "P/T")
        refused(#"[{"name": "x", "shrinkage": 1}]"#, "scenarios[0].shrinkage", "[0, 1)")
    }

    func testLoadNamesMissingFilesAndDirectories() {
        for (path, words) in [("/nonexistent/plan.json", "not found"), (NSTemporaryDirectory(), "is a directory")] {
            XCTAssertThrowsError(try PlanConfigReader.load(path: path)) { error in
                guard case .core(.missingInput(let errorPath, let reason))? = error as? PlanningError else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(errorPath, path)
                XCTAssertTrue(reason.contains(words), reason)
            }
        }
    }
}

/// A service level written as a fraction is never read as a percentage of 1 or less.
final class ServiceLevelTextTests: XCTestCase {
    func testAFractionIsRefusedNamingBothReadings() throws {
        XCTAssertEqual(try ServiceLevelText.parse("80/20"), ServiceLevelText.Target(fraction: 0.8, seconds: 20))
        XCTAssertEqual(try ServiceLevelText.parse("80%/20s"), ServiceLevelText.Target(fraction: 0.8, seconds: 20))
        for text in ["0.8/20", "1/20"] {
            XCTAssertThrowsError(try ServiceLevelText.parse(text)) { error in
                XCTAssertTrue("\(error)".contains("written as a fraction"), "\(error)")
            }
        }
    }
}
