import Foundation
import TestSupport
import XCTest

@testable import StaffcastCore

/// Local-time exports across the DST changes of Europe/Amsterdam (2025-03-30: 02:00 → 03:00;
/// 2025-10-26: 03:00 → 02:00) and offsets that come and go.
final class HistoryDSTTests: XCTestCase {
    typealias F = HistoryFixtures

    private let hourly = try! InputMapping.fromFlags(
        format: nil, columns: "date=Date,hour=Hour,channel=Channel,contacts=Calls", channelMap: nil,
        dateOrder: "ymd", durationUnit: nil, encoding: nil, missing: nil)

    private func dateHourFile(_ day: String, hours: [Int]) -> String {
        "Date,Hour,Channel,Calls\n"
            + hours.enumerated().map { "\(day),\($0.element),voice,\($0.offset + 1)" }.joined(separator: "\n") + "\n"
    }

    func testDateHourFileOnTheSpringDay() throws {
        // 23 hours: 02:00 does not exist.
        let hours = [0, 1] + Array(3...23)
        let h = try F.read(
            dateHourFile("2025-03-30", hours: hours), HistoryReadOptions(calendar: F.amsterdam, input: hourly))
        let s = h.series[0]
        XCTAssertEqual(s.intervalSeconds, 3600)
        XCTAssertEqual(s.count, 23)
        XCTAssertEqual(s.knownCount, 23)
        XCTAssertEqual(s.start, F.utc(2025, 3, 29, 23))  // 00:00+01:00
        XCTAssertEqual(s.index(of: F.utc(2025, 3, 30, 1)), 2)  // 03:00+02:00 follows 01:00+01:00
        XCTAssertEqual(s.contacts[2], 3)
        XCTAssertEqual(h.warnings, [])
        // A row for the skipped hour with no calls is dropped with a warning; with calls it is an error.
        var withGap = hours
        withGap.insert(2, at: 2)
        let zero = dateHourFile("2025-03-30", hours: withGap).replacingOccurrences(
            of: "2025-03-30,2,voice,3", with: "2025-03-30,2,voice,0")
        let skipped = try F.read(zero, HistoryReadOptions(calendar: F.amsterdam, input: hourly))
        XCTAssertEqual(skipped.series[0].count, 23)
        XCTAssertEqual(
            skipped.warnings,
            [
                "h.csv:4: 2025-03-30 02:00 does not exist in Europe/Amsterdam (the clocks go forward); this row has no contacts and is skipped"
            ])
        do {
            _ = try F.read(
                dateHourFile("2025-03-30", hours: withGap), HistoryReadOptions(calendar: F.amsterdam, input: hourly))
            XCTFail("a row with calls in the skipped hour was accepted")
        } catch let CoreError.badData(location, message) {
            XCTAssertEqual(location, SourceLocation(file: "h.csv", line: 4, column: 1))
            XCTAssertTrue(message.contains("2025-03-30 02:00 does not exist in Europe/Amsterdam"), message)
        }
    }

    func testDateHourFileOnTheAutumnDayInFileOrder() throws {
        // 25 hours: 02:00 twice, first summer time then winter time.
        let hours = [0, 1, 2, 2] + Array(3...23)
        let h = try F.read(
            dateHourFile("2025-10-26", hours: hours), HistoryReadOptions(calendar: F.amsterdam, input: hourly))
        let s = h.series[0]
        XCTAssertEqual(s.count, 25)
        XCTAssertEqual(s.knownCount, 25)
        XCTAssertEqual(s.contacts[s.index(of: F.utc(2025, 10, 26, 0))!], 3)  // 02:00+02:00, line 4
        XCTAssertEqual(s.contacts[s.index(of: F.utc(2025, 10, 26, 1))!], 4)  // 02:00+01:00, line 5
        XCTAssertEqual(h.warnings.count, 1)
        XCTAssertTrue(h.warnings[0].hasPrefix("h.csv: lines 4 and 5 ('voice'): 2025-10-26 02:00"), h.warnings[0])
        // An hourly export that merged both hours: one row, a warning that it may hold two hours.
        let merged = try F.read(
            dateHourFile("2025-10-26", hours: [0, 1, 2] + Array(3...23)),
            HistoryReadOptions(calendar: F.amsterdam, input: hourly))
        XCTAssertEqual(merged.series[0].contacts[2], 3)
        XCTAssertNil(merged.series[0].contacts[3])  // 02:00+01:00 is unknown
        XCTAssertTrue(merged.warnings[0].hasPrefix("h.csv: line 4 ('voice'): the repeated hour"), merged.warnings[0])
        XCTAssertTrue(merged.warnings[0].contains("this row holds two hours of contacts"), merged.warnings[0])
        // A third row for the hour is a duplicate.
        do {
            _ = try F.read(
                dateHourFile("2025-10-26", hours: [0, 1, 2, 2, 2]),
                HistoryReadOptions(calendar: F.amsterdam, input: hourly))
            XCTFail("three rows for a repeated hour")
        } catch let CoreError.badData(location, message) {
            XCTAssertEqual(location.line, 6)
            XCTAssertTrue(message.contains("lines 4, 5 and 6 all give it for the same channel"), message)
        }
    }

    func testLocalTimestampsInTheRepeatedHourAreReadInFileOrderPerQueue() throws {
        let text = """
            Start,Queue,Offered
            2025-10-26 02:00,A,1
            2025-10-26 02:00,B,10
            2025-10-26 02:30,A,2
            2025-10-26 02:30,B,20
            2025-10-26 02:00,A,3
            2025-10-26 02:00,B,30
            2025-10-26 02:30,A,4
            2025-10-26 02:30,B,40

            """
        let input = try InputMapping.fromFlags(
            format: nil, columns: "timestamp=Start,queue=Queue,contacts=Offered",
            channelMap: ChannelMap(entries: ["*": "voice"], source: "map"),
            dateOrder: nil, durationUnit: nil, encoding: nil, missing: nil)
        let h = try F.read(text, HistoryReadOptions(calendar: F.amsterdam, input: input))
        XCTAssertEqual(
            HistoryDump.csv(h),
            """
            timestamp,channel,contacts,aht_seconds
            2025-10-26T02:00:00+02:00,voice,11,
            2025-10-26T02:30:00+02:00,voice,22,
            2025-10-26T02:00:00+01:00,voice,33,
            2025-10-26T02:30:00+01:00,voice,44,

            """)
    }

    func testContactListsSwitchToTheLaterHourWhereTheClockGoesBack() throws {
        let text =
            "Created time,Source\n2025-10-26 02:10:00,Email\n2025-10-26 02:50:00,Email\n2025-10-26 02:05:00,Email\n2025-10-26 02:40:00,Email\n"
        let input = try InputMapping.fromFlags(
            format: "freshdesk-tickets", columns: nil, channelMap: nil, dateOrder: nil, durationUnit: nil,
            encoding: nil, missing: nil)
        let h = try F.read(text, HistoryReadOptions(calendar: F.amsterdam, intervalSeconds: 900, input: input))
        XCTAssertEqual(
            HistoryDump.csv(h),
            """
            timestamp,channel,contacts,aht_seconds
            2025-10-26T02:00:00+02:00,Email,1,
            2025-10-26T02:15:00+02:00,Email,0,
            2025-10-26T02:30:00+02:00,Email,0,
            2025-10-26T02:45:00+02:00,Email,1,
            2025-10-26T02:00:00+01:00,Email,1,
            2025-10-26T02:15:00+01:00,Email,0,
            2025-10-26T02:30:00+01:00,Email,1,

            """)
        XCTAssertTrue(
            h.warnings.contains(
                "h.csv:4: the clock reading goes back within the repeated hour of Europe/Amsterdam; from here the contacts are read as the later (winter-time) hour"
            ), "\(h.warnings)")
    }

    func testOffsetsOnSomeRowsAreAcceptedWhenEveryRowIsAnExactInstant() throws {
        let text = "timestamp,calls\n2025-07-01T09:00:00+02:00,3\n2025-07-01T09:30:00,4\n2025-07-01T08:00:00Z,5\n"
        let h = try F.read(text, HistoryReadOptions(calendar: F.amsterdam))
        XCTAssertEqual(h.series[0].start, F.utc(2025, 7, 1, 7))
        XCTAssertEqual(h.series[0].contacts, [3, 4, 5])
        XCTAssertEqual(
            h.warnings,
            [
                "h.csv: rows without a UTC offset (first on line 3) are read as local time in Europe/Amsterdam; rows with one (first on line 2) as the instants they name",
                "h.csv:4: the UTC offset Z differs from +02:00 on line 2, which is not a DST change of Europe/Amsterdam; every row is read as the instant it names",
            ])
        XCTAssertEqual(h.firstNonUTCOffsetLine, 2)
    }

    func testMixedOffsetsWarnAtTheFirstLineThatDiffers() throws {
        // Written at +01:00 in summer, then one row at +02:00: not Amsterdam's own DST change.
        let text =
            "timestamp,calls\n2025-07-01T08:00:00+01:00,3\n2025-07-01T08:30:00+01:00,4\n2025-07-01T10:00:00+02:00,5\n"
        let h = try F.read(text, HistoryReadOptions(calendar: F.amsterdam))
        XCTAssertEqual(h.series[0].contacts, [3, 4, 5])
        XCTAssertEqual(
            h.warnings,
            [
                "h.csv:4: the UTC offset +02:00 differs from +01:00 on line 3, which is not a DST change of Europe/Amsterdam; every row is read as the instant it names"
            ])
    }
}
