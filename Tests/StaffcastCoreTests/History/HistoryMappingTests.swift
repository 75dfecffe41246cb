import Foundation
import TestSupport
import XCTest

@testable import StaffcastCore

/// Exports read through a mapping: queues, lists of contacts, title and total rows, missing rows,
/// handle times and their bounds, names.
final class HistoryMappingTests: XCTestCase {
    typealias F = HistoryFixtures

    private func mapping(
        _ columns: String, map: [String: String]? = nil, configure: (inout InputMapping) -> Void = { _ in }
    ) throws -> InputMapping {
        var m = try InputMapping.fromFlags(
            format: nil, columns: columns, channelMap: map.map { try! ChannelMap(entries: $0, source: "map.csv") },
            dateOrder: nil, durationUnit: nil, encoding: nil, missing: nil)
        configure(&m)
        return m
    }

    private func read(_ text: String, _ input: InputMapping, calendar: PlanningCalendar = .utc, interval: Int? = nil)
        throws -> ContactHistory
    {
        try F.read(text, HistoryReadOptions(calendar: calendar, intervalSeconds: interval, input: input))
    }

    private func failure(
        _ text: String, _ input: InputMapping, calendar: PlanningCalendar = .utc, interval: Int? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) -> (SourceLocation, String)? {
        do {
            _ = try read(text, input, calendar: calendar, interval: interval)
            XCTFail("expected an error", file: file, line: line)
        } catch let CoreError.badData(location, message) {
            return (location, message)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    // MARK: Queues and channels

    func testQueuesOfOneChannelAreSummedAndAHTIsTotalOverHandled() throws {
        let text = """
            Start,Queue,Offered,Handled,Handle time
            2025-01-06T08:00:00Z,Sales NL,10,8,800
            2025-01-06T08:00:00Z,Sales BE,5,4,800
            2025-01-06T08:00:00Z,Support,7,7,1400
            2025-01-06T08:15:00Z,Sales NL,2,2,300

            """
        let input = try mapping(
            "timestamp=Start,queue=Queue,contacts=Offered,handled=Handled,handle_time=Handle time",
            map: ["Sales NL": "sales", "Sales BE": "sales", "*": "service"])
        let h = try read(text, input)
        XCTAssertEqual(h.channels, ["sales", "service"])
        let sales = try XCTUnwrap(h.series(for: "sales"))
        XCTAssertEqual(sales.contacts, [15, 2])
        // (800 + 800) s over 8 + 4 handled; 300 s over 2.
        assertClose(try XCTUnwrap(sales.ahtSeconds[0]), 1600.0 / 12, relative: 1e-15)
        XCTAssertEqual(sales.ahtSeconds[1], 150)
        XCTAssertEqual(h.series(for: "service")?.ahtSeconds, [200])
    }

    func testAQueueMissingFromTheMapIsNamedWithTheClosest() throws {
        let text = "Start,Queue,Offered\n2025-01-06T08:00:00Z,Sales NL,1\n2025-01-06T08:00:00Z,Sales Nl,2\n"
        let input = try mapping("timestamp=Start,queue=Queue,contacts=Offered", map: ["Sales NL": "sales"])
        guard let (location, message) = failure(text, input) else { return }
        XCTAssertEqual(location, SourceLocation(file: "h.csv", line: 3, column: 22))
        XCTAssertTrue(
            message.contains("queue 'Sales Nl' is not in the channel map map.csv; did you mean 'Sales NL'?"), message)
    }

    func testTheSameQueueTwiceIsADuplicateOtherQueuesAreNot() throws {
        let text = "Start,Queue,Offered\n2025-01-06T08:00:00Z,A,1\n2025-01-06T08:00:00Z,B,2\n2025-01-06T08:00:00Z,A,3\n"
        let input = try mapping("timestamp=Start,queue=Queue,contacts=Offered", map: ["*": "voice"])
        guard let (location, message) = failure(text, input) else { return }
        XCTAssertEqual(location.line, 4)
        XCTAssertTrue(
            message.contains(
                "duplicate row: line 2 and line 4 both give channel 'voice' at 2025-01-06T08:00:00Z (the same queue and split columns)"
            ), message)
    }

    func testControlCharactersInNamesAreRefused() throws {
        let escape = "timestamp,channel,contacts\n2025-01-06T08:00:00Z,vo\u{1B}[31mice,1\n"
        let delete = "timestamp,channel,contacts\n2025-01-06T08:00:00Z,vo\u{7F}ice,1\n"
        let rlo = "timestamp,channel,contacts\n2025-01-06T08:00:00Z,chat\u{202E}lmth,1\n"
        for (text, code) in [
            (escape, "the control character 0x1B"), (delete, "U+007F (DEL)"),
            (rlo, "U+202E (a bidirectional text control)"),
        ] {
            do {
                _ = try F.read(text)
                XCTFail("accepted \(code)")
            } catch let CoreError.badData(location, message) {
                XCTAssertEqual(location.line, 2)
                XCTAssertTrue(message.contains(code), message)
            }
        }
        XCTAssertThrowsError(try ChannelMap(entries: ["Sales\u{0}": "sales"], source: "input.channel_map"))
    }

    // MARK: Lists of contacts

    func testOneRowPerContactIsCountedPerIntervalWithZerosBetween() throws {
        let text = """
            Created time,Source
            2025-01-06 08:03:12,Email
            2025-01-06 08:14:59,Email
            2025-01-06 08:15:00,Phone
            2025-01-06 08:52:40,Email

            """
        let input = try mapping("timestamp=Created time,channel=Source,contacts=*") { $0.missing = .zero }
        let h = try read(text, input)
        XCTAssertEqual(h.intervalSeconds, 900)
        XCTAssertEqual(h.series(for: "Email")?.contacts, [2, 0, 0, 1])  // 08:00, 08:15, 08:30, 08:45
        XCTAssertEqual(h.series(for: "Phone")?.contacts, [1])
        XCTAssertEqual(h.zeroFilledIntervals, 2)
        XCTAssertTrue(
            h.warnings.contains(
                "h.csv: one row per contact: counted per 15-minute interval (choose another with --interval)"),
            "\(h.warnings)")
        let hourly = try read(text, input, interval: 3600)
        XCTAssertEqual(hourly.series(for: "Email")?.contacts, [3])
    }

    // MARK: Title lines, total rows, delimiters

    func testTitleLinesAndATotalRowAreSkippedWithNotices() throws {
        let text = """
            Queue performance report
            Period: 6 Jan 2025

            Interval Start;Queue;Offer
            2025-01-06T08:00:00Z;Sales;12
            2025-01-06T08:30:00Z;Sales;8
            Total;;20

            """
        let input = try mapping("timestamp=Interval Start,queue=Queue,contacts=Offer")
        let h = try read(text, input)
        XCTAssertEqual(h.series(for: "Sales")?.contacts, [12, 8])
        XCTAssertTrue(
            h.warnings.contains(
                "h.csv: lines 1–3 before the header skipped as title lines ('Queue performance report', 'Period: 6 Jan 2025')"
            ), "\(h.warnings)")
        XCTAssertTrue(h.warnings.contains("h.csv:7: total row skipped ('Total')"), "\(h.warnings)")
        // A "total" row in the middle is a bad row after all.
        let middle = text.replacingOccurrences(of: "Total;;20\n", with: "Total;;20\n2025-01-06T09:00:00Z;Sales;3\n")
        guard let (location, _) = failure(middle, input) else { return }
        XCTAssertEqual(location.line, 7)
    }

    func testEveryDelimiterReadsTheSame() throws {
        let rows = [
            ["timestamp", "channel", "contacts", "aht_seconds"], ["2025-01-06T08:00:00Z", "voice", "4", "180"],
            ["2025-01-06T08:15:00Z", "voice", "6", "200"],
        ]
        var results: [[IntervalSeries]] = []
        for delimiter in [",", ";", "\t", "|"] {
            let text = rows.map { $0.joined(separator: delimiter) }.joined(separator: "\n") + "\n"
            results.append(try F.read(text).series)
        }
        for r in results { XCTAssertEqual(r, results[0]) }
        XCTAssertEqual(results[0][0].contacts, [4, 6])
    }

    // MARK: Missing rows

    func testMissingRowsAreUnknownOrZeroAsDeclared() throws {
        let text =
            "timestamp,channel,contacts\n2025-01-06T08:00:00Z,chat,3\n2025-01-06T08:45:00Z,chat,1\n2025-01-06T08:15:00Z,chat,\n"
        let unknown = try F.read(text, HistoryReadOptions(intervalSeconds: 900))
        XCTAssertEqual(unknown.series[0].contacts, [3, nil, nil, 1])
        XCTAssertEqual(unknown.missingRows, .unknown)
        var zero = InputMapping()
        zero.missing = .zero
        let zeros = try F.read(text, HistoryReadOptions(intervalSeconds: 900, input: zero))
        // The absent 08:30 is zero; the empty 08:15 cell stays unknown.
        XCTAssertEqual(zeros.series[0].contacts, [3, nil, 0, 1])
        XCTAssertEqual(zeros.zeroFilledIntervals, 1)
        XCTAssertEqual(zeros.missingRows, .zero)
    }

    // MARK: Handle times

    func testHandleTimesOutsideOneSecondToADayAreRefusedWithTheirCell() throws {
        let header = "timestamp,channel,contacts,aht_seconds\n2025-01-06T08:00:00Z,v,4,180\n"
        for (value, words) in [
            ("1e308", "must be between 1 s and 86,400 s (24 hours); found '1e308'"),
            ("0.5", "between 1 s and 86,400 s"),
            ("180000", "if the column is in milliseconds, say --duration-unit ms"),
        ] {
            do {
                _ = try F.read(header + "2025-01-06T08:05:00Z,v,4,\(value)\n")
                XCTFail(value)
            } catch let CoreError.badData(location, message) {
                XCTAssertEqual(location, SourceLocation(file: "h.csv", line: 3, column: 26), value)
                XCTAssertTrue(message.contains(words), message)
            }
        }
        // hh:mm:ss over a day as an average.
        let input = try mapping("timestamp=timestamp,channel=channel,contacts=contacts,aht=aht")
        guard
            let (location, message) = failure(
                "timestamp,channel,contacts,aht\n2025-01-06T08:00:00Z,v,4,25:00:00\n", input)
        else { return }
        XCTAssertEqual(location.column, 26)
        XCTAssertTrue(message.contains("between 1 s and 86,400 s"), message)
        // Milliseconds declared: 180000 ms is 3 minutes.
        let ms = try mapping("timestamp=timestamp,channel=channel,contacts=contacts,aht=aht_seconds") {
            $0.durationUnit = .milliseconds
        }
        let milliseconds =
            "timestamp,channel,contacts,aht_seconds\n2025-01-06T08:00:00Z,v,4,180000\n2025-01-06T08:05:00Z,v,2,90000\n"
        XCTAssertEqual(try read(milliseconds, ms).series[0].ahtSeconds, [180, 90])
    }

    // MARK: The grid

    func testARowOffTheGridOfTheOtherRowsIsAnErrorNotAFinerInterval() throws {
        var text = "timestamp,calls\n"
        for k in 0..<40 { text += "\(formatUTC(F.utc(2025, 1, 6, 8) + Int64(k) * 1800)),5\n" }
        text += "2025-01-06T08:15:00Z,1\n"  // line 42
        do {
            _ = try F.read(text)
            XCTFail("a stray row changed the interval")
        } catch let CoreError.badData(location, message) {
            XCTAssertEqual(location, SourceLocation(file: "h.csv", line: 42, column: 1))
            XCTAssertTrue(message.contains("is off the 30-minute grid: it starts at 08:15"), message)
            XCTAssertTrue(message.contains("40 of the channel's 41 rows are on the 30-minute grid"), message)
        }
        // Saying the file is quarter-hourly reads it so.
        XCTAssertEqual(try F.read(text, HistoryReadOptions(intervalSeconds: 900)).intervalSeconds, 900)
    }

    func testPeriodsWrittenAsRangesFixTheInterval() throws {
        let text = "Date;Period;Queue;Offered\n06-01-2025;08:00-08:30;A;3\n06-01-2025;09:00-09:30;A;4\n"
        let input = try mapping("date=Date,period=Period,queue=Queue,contacts=Offered") { $0.dateOrder = .dmy }
        let h = try read(text, input)
        XCTAssertEqual(h.intervalSeconds, 1800)
        XCTAssertEqual(h.series[0].contacts, [3, nil, 4])
        guard let (location, message) = failure(text + "06-01-2025;10:00-11:00;A;1\n", input) else { return }
        XCTAssertEqual(location, SourceLocation(file: "h.csv", line: 4, column: 12))
        XCTAssertTrue(message.contains("lasts 1h while line 2 ('08:00-08:30') lasts 30m"), message)
    }

    func testADateThatDoesNotFitTheDeclaredOrderNamesItsCell() throws {
        let input = try mapping("date=Datum,time=Tijd,channel=Kanaal,contacts=Aantal") { $0.dateOrder = .mdy }
        guard let (location, message) = failure("Datum;Tijd;Kanaal;Aantal\n13-01-2025;08:00;chat;3\n", input) else {
            return
        }
        XCTAssertEqual(location, SourceLocation(file: "h.csv", line: 2, column: 1))
        XCTAssertTrue(message.contains("there is no month 13"), message)
    }

    func testANativeFileWithADeclaredDateOrder() throws {
        var dmy = InputMapping()
        dmy.dateOrder = .dmy
        let h = try F.read(
            "timestamp;channel;contacts\n6-1-2025 8:00;chat;3\n6-1-2025 8:30;chat;1.250\n",
            HistoryReadOptions(calendar: F.amsterdam, input: dmy))
        XCTAssertEqual(h.series[0].start, F.utc(2025, 1, 6, 7))
        XCTAssertEqual(h.series[0].contacts, [3, 1250])
        // Without the order the day and month are not guessed.
        XCTAssertThrowsError(
            try F.read("timestamp;channel;contacts\n6-1-2025 8:00;chat;3\n", HistoryReadOptions(calendar: F.amsterdam)))
    }

    func testAnAbsentMappedColumnIsNamedWithTheClosestHeader() throws {
        let input = try mapping("timestamp=Start,channel=Queue,contacts=Offerd")
        guard let (location, message) = failure("Start,Queue,Offered\n2025-01-06T08:00:00Z,A,1\n", input) else {
            return
        }
        XCTAssertEqual(location.line, 1)
        XCTAssertTrue(
            message.contains("no column 'Offerd' for the role contacts (--columns); did you mean 'Offered'?"), message)
    }

    private func formatUTC(_ t: Int64) -> String { PlanningCalendar.utc.format(t) }
}
