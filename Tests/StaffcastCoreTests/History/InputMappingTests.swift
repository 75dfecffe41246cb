import Foundation
import TestSupport
import XCTest

@testable import StaffcastCore

/// The mapping's own checks: flags, config objects, presets, and the helpers the plan's config
/// reader calls (staleness, service-level text).
final class InputMappingTests: XCTestCase {
    private func flagError(
        columns: String? = nil, format: String? = nil, dateOrder: String? = nil, missing: String? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) -> (String, String)? {
        do {
            _ = try InputMapping.fromFlags(
                format: format, columns: columns, channelMap: nil, dateOrder: dateOrder, durationUnit: nil,
                encoding: nil, missing: missing)
            XCTFail("accepted", file: file, line: line)
        } catch let CoreError.badOption(option, message) {
            return (option, message)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
        return nil
    }

    func testColumnsTextAndItsErrors() throws {
        let m = try InputMapping.fromFlags(
            format: nil, columns: "timestamp=Start, queue=\"Queue, name\",contacts=Offered,split=Skill,split=Language",
            channelMap: nil, dateOrder: nil, durationUnit: nil, encoding: nil, missing: nil)
        XCTAssertEqual(
            m.columns,
            [
                ColumnChoice(.timestamp, ["Start"]), ColumnChoice(.queue, ["Queue, name"]),
                ColumnChoice(.contacts, ["Offered"]),
                ColumnChoice(.split, ["Skill"]), ColumnChoice(.split, ["Language"]),
            ])
        XCTAssertEqual(
            flagError(columns: "timestamp=Start,contact=Offered")?.1,
            "unknown role 'contact'; did you mean contacts? Roles: timestamp, date, time, hour, period, end, channel, queue, contacts, aht, handle_time, handled, abandoned, split"
        )
        XCTAssertEqual(
            flagError(columns: "timestamp=Start,contacts=A,contacts=B")?.1, "the role contacts is given twice")
        XCTAssertEqual(
            flagError(columns: "date=Day,contacts=A")?.1,
            "date= needs the time of day too: time=HEADER, hour=HEADER or period=HEADER")
        XCTAssertEqual(
            flagError(columns: "timestamp=Start,channel=C")?.1,
            "map the contacts column (contacts=HEADER), or write contacts=* for a list with one row per contact")
        XCTAssertEqual(
            flagError(columns: "timestamp=Start,contacts=A,handle_time=T")?.1,
            "handle_time is a total: map handled too (the AHT is handle_time ÷ handled)")
        XCTAssertEqual(
            flagError(columns: "timestamp=Start,contacts=A,aht=X,handle_time=T,handled=H")?.1,
            "map either aht (the average) or handle_time (the total, with handled), not both")
        XCTAssertEqual(flagError(columns: "timestamp=Start,contacts=A", dateOrder: "dym")?.0, "--date-order")
        XCTAssertEqual(
            flagError(columns: "timestamp=Start,contacts=A", missing: "zeros")?.1, "expected unknown, zero, got 'zeros'"
        )
        XCTAssertEqual(flagError(format: "genesys")?.1.hasPrefix("unknown format 'genesys'"), true)
        XCTAssertEqual(flagError(format: "nice-iexx")?.1.contains("did you mean nice-iex?"), true)
    }

    func testColumnsChangeAPresetRoleByRole() throws {
        let m = try InputMapping.fromFlags(
            format: "genesys-wfm", columns: "aht=Avg Handle", channelMap: nil, dateOrder: nil,
            durationUnit: nil, encoding: nil, missing: "zero")
        XCTAssertEqual(m.format, "genesys-wfm")
        XCTAssertEqual(m.choices(.aht), [ColumnChoice(.aht, ["Avg Handle"])])
        XCTAssertEqual(m.choices(.handleTime), [])  // the total gave way to the average
        XCTAssertEqual(m.choices(.timestamp), [ColumnChoice(.timestamp, ["Interval Start UTC Date"])])
        XCTAssertEqual(m.missingRows, .zero)
        // A new time source replaces the preset's whole time source.
        let local = try InputMapping.fromFlags(
            format: "amazon-connect", columns: "date=Day,time=Clock", channelMap: nil, dateOrder: "dmy",
            durationUnit: nil, encoding: nil, missing: nil)
        XCTAssertEqual(local.choices(.timestamp), [])
        XCTAssertEqual(local.choices(.end), [])
        XCTAssertEqual(local.choices(.date), [ColumnChoice(.date, ["Day"])])
    }

    func testConfigInputObject() throws {
        let directory = NSTemporaryDirectory() + "staffcast-input-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "queue,channel\nSales NL,sales\n*,service\n".write(
            toFile: directory + "/queues.csv", atomically: true, encoding: .utf8)
        let object: [String: Any] = [
            "format": "genesys-wfm", "columns": ["split": ["Skill Set", "Language", "Region"]],
            "channel_map": "queues.csv", "date_order": "dmy", "duration_unit": "ms",
            "encoding": "windows-1252", "missing": "zero",
        ]
        let m = try InputMapping.parse(jsonObject: object, keyPath: "input", baseDirectory: directory)
        XCTAssertEqual(m.choices(.split).map(\.headers), [["Skill Set"], ["Language"], ["Region"]])
        XCTAssertEqual(m.channelMap?.channel(for: "Sales NL"), "sales")
        XCTAssertEqual(m.channelMap?.channel(for: "Other"), "service")
        XCTAssertEqual(m.dateOrder, .dmy)
        XCTAssertEqual(m.durationUnit, .milliseconds)
        XCTAssertEqual(m.encoding, .windows1252)
        XCTAssertEqual(m.missing, .zero)
        func error(_ object: [String: Any]) -> (String, String)? {
            do {
                _ = try InputMapping.parse(jsonObject: object, keyPath: "input", baseDirectory: directory)
                return nil
            } catch let CoreError.badOption(k, m) { return (k, m) } catch { return ("?", "\(error)") }
        }
        // Inline map, contacts=*.
        let tickets = try InputMapping.parse(
            jsonObject: [
                "columns": ["timestamp": "Created", "queue": "Group", "contacts": "*"],
                "channel_map": ["*": "email"],
            ], keyPath: "input", baseDirectory: directory)
        XCTAssertTrue(tickets.oneRowPerContact)
        XCTAssertEqual(tickets.channelMap?.channel(for: "Billing"), "email")
        XCTAssertEqual(
            error([
                "columns": ["timestamp": "Created", "channel": "Source", "contacts": "*"],
                "channel_map": ["*": "email"],
            ])?.0,
            "input.channel_map")
        XCTAssertEqual(error(["fromat": "nice-iex"])?.0, "input.fromat")
        XCTAssertEqual(error(["fromat": "nice-iex"])?.1.contains("did you mean \"format\"?"), true)
        XCTAssertEqual(error(["format": "nice-iex", "columns": ["contact": "x"]])?.0, "input.columns.contact")
        XCTAssertEqual(error(["format": "nice-iex", "missing": 0])?.0, "input.missing")
        XCTAssertEqual(error(["columns": ["timestamp": "T"]])?.0, "input.columns")
        XCTAssertEqual(error(["format": "nice-iex", "channel_map": ["Q": "\u{1B}red"]])?.0, "input.channel_map.Q")
    }

    func testStaleHistoryNamesTheDates() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        // History ends Friday 2025-01-10 21:00 local; 2025-W05 starts Monday 2025-01-27: 17 days.
        let end = Int64(CivilDate(year: 2025, month: 1, day: 10)!.daysSinceEpoch) * 86_400 + 20 * 3600
        let week = amsterdam.startOfDay(CivilDate(year: 2025, month: 1, day: 27)!)
        let stale = try XCTUnwrap(
            StaleHistory.check(historyEnd: end, weekStart: week, calendar: amsterdam, weekLabel: "2025-W05"))
        XCTAssertEqual(stale.daysBetween, 17)
        XCTAssertEqual(
            stale.description,
            "the history ends on 2025-01-10 (its last interval ends 2025-01-10T21:00:00+01:00), 17 days before 2025-W05 starts on 2025-01-27; more than 14 days is stale: export recent history, or plan anyway with --allow-stale"
        )
        XCTAssertNil(StaleHistory.check(historyEnd: end, weekStart: week, calendar: amsterdam, allowedDays: 17))
        // The week right after: 3 days.
        XCTAssertNil(
            StaleHistory.check(
                historyEnd: end, weekStart: amsterdam.startOfDay(CivilDate(year: 2025, month: 1, day: 13)!),
                calendar: amsterdam))
    }

    func testServiceLevelTextNeverReadsAFractionAsAPercentage() throws {
        let target = try ServiceLevelNotation.parse("80/20")
        XCTAssertEqual(target.fraction, 0.8)
        XCTAssertEqual(target.seconds, 20)
        XCTAssertEqual(try ServiceLevelNotation.parse("90%/15s").fraction, 0.9)
        XCTAssertThrowsError(try ServiceLevelNotation.parse("0.8/20")) { error in
            XCTAssertEqual(
                "\(error)", "'0.8/20' could be 0.8 % or 80 % written as a fraction; write the percentage: 80/20")
        }
        XCTAssertThrowsError(try ServiceLevelNotation.parse("1/30")) { error in
            XCTAssertTrue("\(error)".contains("could be 1 % or 100 % written as a fraction"), "\(error)")
        }
        XCTAssertThrowsError(try ServiceLevelNotation.parse("120/20"))
        XCTAssertThrowsError(try ServiceLevelNotation.parse("80-20"))
    }
}
