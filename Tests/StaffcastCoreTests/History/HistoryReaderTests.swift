import Foundation
import TestSupport
import XCTest

@testable import StaffcastCore

/// Shared helpers for the history tests.
enum HistoryFixtures {
    static let amsterdam = try! PlanningCalendar(identifier: "Europe/Amsterdam")

    static func read(_ text: String, _ options: HistoryReadOptions = HistoryReadOptions()) throws -> ContactHistory {
        try HistoryReader.read(data: Data(text.utf8), name: "h.csv", options: options)
    }

    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!.path
    }

    /// Seconds since the epoch of a UTC reading, computed with CivilDate.
    static func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0) -> Int64 {
        Int64(CivilDate(year: y, month: mo, day: d)!.daysSinceEpoch) * 86_400 + Int64(h * 3600 + mi * 60)
    }
}

final class HistoryReaderTests: XCTestCase {
    typealias F = HistoryFixtures

    /// The error `body` throws, failing the test when it throws none.
    private func failure(
        _ text: String, _ options: HistoryReadOptions = HistoryReadOptions(),
        file: StaticString = #filePath, line: UInt = #line
    ) -> CoreError? {
        failure(file: file, line: line) { _ = try F.read(text, options) }
    }

    private func failure(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> CoreError? {
        do {
            try body()
            XCTFail("expected an error", file: file, line: line)
        } catch let error as CoreError {
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    /// Asserts a bad-data error at `line:column` whose message contains `words`.
    private func assertBadData(
        _ text: String, line: Int, column: Int, _ words: String,
        _ options: HistoryReadOptions = HistoryReadOptions(),
        file: StaticString = #filePath, testLine: UInt = #line
    ) {
        guard let error = failure(text, options, file: file, line: testLine) else { return }
        guard case .badData(let location, let message) = error else {
            return XCTFail("expected bad data, got \(error)", file: file, line: testLine)
        }
        XCTAssertEqual(
            location, SourceLocation(file: "h.csv", line: line, column: column), message, file: file, line: testLine)
        XCTAssertTrue(message.contains(words), "'\(message)' lacks '\(words)'", file: file, line: testLine)
        XCTAssertTrue(
            error.description.hasPrefix("h.csv:\(line):\(column): "), error.description, file: file, line: testLine)
    }

    // MARK: Accepted formats

    func testLongFormatWithHeaderInAnyOrderAndCase() throws {
        let text = """
            Channel,CONTACTS,Timestamp,aht_seconds
            voice,10,2003-03-03T07:00:00Z,180
            chat,3,2003-03-03T07:00:00Z,
            voice,12,2003-03-03T07:15:00Z,200.5
            "sales, NL",1,2003-03-03T07:30:00Z,60
            """
        let h = try F.read(text)
        XCTAssertEqual(h.intervalSeconds, 900)
        XCTAssertEqual(h.channels, ["chat", "sales, NL", "voice"])
        let voice = try XCTUnwrap(h.series(for: "voice"))
        XCTAssertEqual(voice.start, F.utc(2003, 3, 3, 7))
        XCTAssertEqual(voice.contacts, [10, 12])
        XCTAssertEqual(voice.ahtSeconds, [180, 200.5])
        XCTAssertEqual(h.series(for: "chat")?.contacts, [3])
        XCTAssertEqual(h.series(for: "chat")?.ahtSeconds, [nil])
        XCTAssertEqual(h.warnings, [])
    }

    func testChannelNameWarnings() throws {
        let h = try F.read(
            "timestamp,channel,contacts\n2003-03-03T07:00:00Z,Voice,1\n2003-03-03T07:00:00Z,voice,2\n2003-03-03T07:05:00Z,voice,2\n",
            HistoryReadOptions(channelName: "bank"))
        XCTAssertEqual(h.channels, ["Voice", "voice"])
        XCTAssertEqual(
            h.warnings,
            [
                "h.csv:1: --channel-name is for single-series files; this file names its channels in the 'channel' column",
                "h.csv: channels 'Voice' and 'voice' differ only in upper/lower case; they are read as two channels",
            ])
    }

    func testMissingIntervalsAreUnknownNotZero() throws {
        let h = try F.read("timestamp,calls\n2003-03-03T07:00:00Z,5\n2003-03-03T07:05:00Z,0\n2003-03-03T07:20:00Z,7\n")
        XCTAssertEqual(h.series[0].contacts, [5, 0, nil, nil, 7])
        XCTAssertEqual(h.series[0].channel, "calls")
    }

    func testSingleSeriesColumnChoice() throws {
        let renamed = try F.read(
            "timestamp,calls\n2003-03-03T07:00:00Z,5\n2003-03-03T07:05:00Z,6\n",
            HistoryReadOptions(channelName: "bank"))
        XCTAssertEqual(renamed.channels, ["bank"])
        // The only numeric column besides the timestamp; the text column is reported unused.
        let auto = try F.read("site,timestamp,calls\nNL,2003-03-03T07:00:00Z,5\nNL,2003-03-03T07:05:00Z,6\n")
        XCTAssertEqual(auto.channels, ["calls"])
        XCTAssertEqual(auto.series[0].contacts, [5, 6])
        XCTAssertEqual(auto.warnings, ["h.csv:1: column 'site' not used"])
        let chosen = try F.read(
            "timestamp,calls,emails\n2003-03-03T07:00:00Z,5,1\n2003-03-03T07:05:00Z,6,2\n",
            HistoryReadOptions(valueColumn: "Emails"))
        XCTAssertEqual(chosen.channels, ["emails"])
        XCTAssertEqual(chosen.series[0].contacts, [1, 2])
    }

    func testLineEndingsBOMAndBlankLines() throws {
        let lines = ["timestamp,channel,contacts", "2003-03-03T07:00:00Z,voice,4", "2003-03-03T07:05:00Z,voice,5"]
        let reference = try F.read(lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(try F.read(lines.joined(separator: "\r\n") + "\r\n"), reference)
        XCTAssertEqual(try F.read(lines.joined(separator: "\r")), reference)
        let bom = try HistoryReader.read(
            data: Data([0xEF, 0xBB, 0xBF]) + Data((lines.joined(separator: "\n") + "\n").utf8),
            name: "h.csv", options: HistoryReadOptions())
        XCTAssertEqual(bom, reference)
        // Blank trailing lines are dropped silently; one in the middle is named.
        XCTAssertEqual(try F.read(lines.joined(separator: "\n") + "\n\n\n\r\n"), reference)
        let gap = try F.read(lines[0] + "\n" + lines[1] + "\n\n" + lines[2] + "\n")
        XCTAssertEqual(gap.series, reference.series)
        XCTAssertEqual(gap.warnings, ["h.csv:3: blank line skipped"])
    }

    func testOutOfOrderRowsAreSorted() throws {
        let sorted = try F.read(
            "timestamp,channel,contacts\n2003-03-03T07:00:00Z,a,1\n2003-03-03T07:05:00Z,a,2\n2003-03-03T07:10:00Z,a,3\n2003-03-03T07:00:00Z,b,9\n"
        )
        let shuffled = try F.read(
            "timestamp,channel,contacts\n2003-03-03T07:10:00Z,a,3\n2003-03-03T07:00:00Z,b,9\n2003-03-03T07:00:00Z,a,1\n2003-03-03T07:05:00Z,a,2\n"
        )
        XCTAssertEqual(shuffled, sorted)
        XCTAssertEqual(sorted.series(for: "a")?.contacts, [1, 2, 3])
    }

    func testExcelDutchSemicolonsWithDecimalCommas() throws {
        let h = try HistoryReader.read(
            path: F.fixture("excel_nl_semicolon.csv"), options: HistoryReadOptions(calendar: F.amsterdam))
        XCTAssertEqual(h.intervalSeconds, 1800)
        XCTAssertEqual(h.channels, ["Chat", "Telefoon"])
        let chat = try XCTUnwrap(h.series(for: "Chat"))
        XCTAssertEqual(chat.start, F.utc(2025, 1, 6, 7))
        XCTAssertEqual(chat.contacts, [4, 7])
        XCTAssertEqual(chat.ahtSeconds, [312.25, 298.5])
        XCTAssertEqual(h.series(for: "Telefoon")?.ahtSeconds, [240, 251.75])
    }

    func testExcelUnicodeTextUTF16WithTabs() throws {
        let h = try HistoryReader.read(
            path: F.fixture("unicode_text_utf16le.txt"), options: HistoryReadOptions(calendar: F.amsterdam))
        XCTAssertEqual(h.channels, ["Téléphone"])
        XCTAssertEqual(h.intervalSeconds, 900)
        XCTAssertEqual(h.series[0].start, F.utc(2025, 1, 6, 7))  // 08:00 local in winter is 07:00Z
        XCTAssertEqual(h.series[0].contacts, [12, 15, 9])
        XCTAssertEqual(h.series[0].ahtSeconds, [185.5, 170, nil])
    }

    func testLocalTimesAreReadInTheCalendar() throws {
        let h = try F.read(
            "timestamp,calls\n2025-07-01 09:00,3\n2025-07-01 09:30,4\n", HistoryReadOptions(calendar: F.amsterdam))
        XCTAssertEqual(h.series[0].start, F.utc(2025, 7, 1, 7))  // summer time: +02:00
        let offsets = try F.read("timestamp,calls\n2025-07-01T09:00:00+0200,3\n2025-07-01T07:30:00Z,4\n")
        XCTAssertEqual(offsets.series[0].start, F.utc(2025, 7, 1, 7))
        XCTAssertEqual(offsets.series[0].contacts, [3, 4])
    }

    func testDSTDaysHave46And50HalfHours() throws {
        let calendar = F.amsterdam
        for (date, expected) in [
            (CivilDate(year: 2025, month: 3, day: 30)!, 46), (CivilDate(year: 2025, month: 10, day: 26)!, 50),
        ] {
            // The day before, the DST day and the day after, every half hour, written with offsets.
            let from = calendar.startOfDay(date.adding(days: -1))
            let to = calendar.startOfDay(date.adding(days: 2))
            var text = "timestamp,channel,contacts\n"
            for t in stride(from: from, to: to, by: 1800) { text += "\(calendar.format(t)),voice,1\n" }
            let h = try F.read(text, HistoryReadOptions(calendar: calendar))
            let s = h.series[0]
            XCTAssertEqual(s.count, 48 + expected + 48)
            XCTAssertEqual(s.knownCount, s.count)
            let onDay = (0..<s.count).filter { calendar.local(s.instant(at: $0)).date == date }.count
            XCTAssertEqual(onDay, expected, "\(date)")
            XCTAssertTrue(h.warnings.isEmpty)
        }
    }

    func testEmptyContactsAreUnknownAndZeroAHTWithoutContactsIsNone() throws {
        let h = try F.read(
            "timestamp,channel,contacts,aht_seconds\n2003-03-03T07:00:00Z,v,4,100\n2003-03-03T07:05:00Z,v,,\n2003-03-03T07:10:00Z,v,0,0\n"
        )
        XCTAssertEqual(h.series[0].contacts, [4, nil, 0])
        XCTAssertEqual(h.series[0].ahtSeconds, [100, nil, nil])
        XCTAssertEqual(
            h.warnings, ["h.csv:3: a row has no contacts value (first on this line); its interval is unknown"])
    }

    // MARK: Aggregation

    func testAggregationFrom5To30MinutesSumsAndWeightsAHT() throws {
        // 07:00–07:55 fully known, 08:00–08:25 unknown, 08:30 partly known (the lone-slot case).
        var text = "timestamp,channel,contacts,aht_seconds\n"
        for k in 0..<12 {
            text += "2003-03-03T07:\(k * 5 < 10 ? "0" : "")\(k * 5):00Z,voice,\(k + 1),\(k < 6 ? 100 : 200)\n"
        }
        text += "2003-03-03T08:30:00Z,voice,7,\n"
        let h = try F.read(text, HistoryReadOptions(intervalSeconds: 1800))
        XCTAssertEqual(h.intervalSeconds, 1800)
        let s = h.series[0]
        XCTAssertEqual(s.start, F.utc(2003, 3, 3, 7))
        XCTAssertEqual(s.contacts, [21, 57, nil, 7])  // 1+…+6, 7+…+12, unknown, the lone 5 minutes
        XCTAssertEqual(s.ahtSeconds, [100, 200, nil, nil])
        // Volume weighting across mixed AHTs: (1·100 + 3·400) / 4 = 325.
        let mixed = try F.read(
            "timestamp,channel,contacts,aht_seconds\n2003-03-03T07:00:00Z,v,1,100\n2003-03-03T07:05:00Z,v,3,400\n2003-03-03T07:10:00Z,v,5,\n",
            HistoryReadOptions(intervalSeconds: 900))
        XCTAssertEqual(mixed.series[0].contacts, [9])
        assertClose(try XCTUnwrap(mixed.series[0].ahtSeconds[0]), 325, relative: 1e-15)
    }

    func testAggregationAlignsToTheLocalClock() throws {
        // Kolkata is +05:30: local hours start at :30 UTC.
        let kolkata = try PlanningCalendar(identifier: "Asia/Kolkata")
        var text = "timestamp,calls\n"
        for k in 0..<24 { text += "2025-01-06T\(k < 12 ? "04" : "05"):\(String(format: "%02d", (k % 12) * 5)):00Z,1\n" }
        let h = try F.read(text, HistoryReadOptions(calendar: kolkata, intervalSeconds: 3600))
        XCTAssertEqual(h.series[0].start, F.utc(2025, 1, 6, 3, 30))
        XCTAssertEqual(h.series[0].contacts, [6, 12, 6])  // 04:00–04:25Z, 04:30–05:25Z, 05:30–05:55Z
        XCTAssertEqual(kolkata.format(h.series[0].start), "2025-01-06T09:00:00+05:30")
    }

    func testAggregationKeepsTheFallBackDayAt50HalfHours() throws {
        let calendar = F.amsterdam
        let date = CivilDate(year: 2025, month: 10, day: 26)!
        var text = "timestamp,calls\n"
        for t in stride(from: calendar.startOfDay(date), to: calendar.startOfDay(date.adding(days: 1)), by: 900) {
            text += "\(calendar.format(t)),2\n"
        }
        let h = try F.read(text, HistoryReadOptions(calendar: calendar, intervalSeconds: 1800))
        XCTAssertEqual(h.series[0].count, 50)
        XCTAssertEqual(Set(h.series[0].contacts), [4])
    }

    func testIntervalOptionMustFitTheHistory() {
        let text = "timestamp,calls\n2003-03-03T07:00:00Z,5\n2003-03-03T07:10:00Z,6\n"
        for (interval, words) in [
            (300, "cannot split 10-minute history"), (900, "not a multiple of 10m"),
            (1500, "25m does not divide a day"),
            (4200, "does not divide a day"), (0, "whole minutes dividing a day"), (-600, "whole minutes"),
            (7, "whole minutes"),
        ] {
            let error = failure(text, HistoryReadOptions(intervalSeconds: interval))
            guard case .badFile(let path, let message)? = error else {
                XCTFail("\(interval): \(String(describing: error))")
                continue
            }
            XCTAssertEqual(path, "h.csv")
            XCTAssertTrue(message.contains(words), "\(interval): \(message)")
        }
    }

    // MARK: Whole-file errors

    func testEmptyAndHeaderOnlyFiles() {
        for text in ["", "\n\n", "\u{FEFF}"] {
            guard case .badData(let location, let message)? = failure(text) else {
                XCTFail(text.debugDescription)
                continue
            }
            XCTAssertEqual(location, SourceLocation(file: "h.csv", line: 1, column: 1))
            XCTAssertTrue(message.contains("empty"), message)
        }
        XCTAssertEqual(
            failure("timestamp,channel,contacts\n"),
            .badData(SourceLocation(file: "h.csv", line: 1, column: 1), "has a header but no data rows"))
    }

    func testMissingFileDirectoryAndGzip() {
        let missing = failure {
            _ = try HistoryReader.read(path: "/no/such/history.csv", options: HistoryReadOptions())
        }
        XCTAssertEqual(missing, .missingInput(path: "/no/such/history.csv", reason: "no such file"))
        let directory = failure {
            _ = try HistoryReader.read(path: NSTemporaryDirectory(), options: HistoryReadOptions())
        }
        guard case .missingInput? = directory else { return XCTFail("\(String(describing: directory))") }
        let gz = F.fixture("history.csv.gz")
        let compressed = failure { _ = try HistoryReader.read(path: gz, options: HistoryReadOptions()) }
        XCTAssertEqual(compressed, .badFile(path: gz, "file is gzip-compressed; decompress it first: gunzip -k \(gz)"))
    }

    // MARK: Header and column errors

    func testHeaderProblems() {
        assertBadData("2003-03-03T07:00:00Z,5\n2003-03-03T07:05:00Z,6\n", line: 1, column: 1, "must be a header")
        assertBadData(
            "time,calls\n2003-03-03T07:00:00Z,5\n", line: 1, column: 1, "expected a header with a 'timestamp' column")
        assertBadData(
            "timestamp,contacts,aht_seconds\n2003-03-03T07:00:00Z,5,100\n", line: 1, column: 1, "no 'channel' column")
        assertBadData(
            "timestamp,calls,emails\n2003-03-03T07:00:00Z,5,1\n", line: 1, column: 1,
            "'calls', 'emails' are all numeric; choose one with --value-column")
        assertBadData(
            "timestamp,site\n2003-03-03T07:00:00Z,NL\n2003-03-03T07:05:00Z,NL\n", line: 2, column: 22,
            "expected a number of contacts")
        assertBadData(
            "timestamp,calls\n2003-03-03T07:00:00Z,5\n", line: 1, column: 1, "no value column named 'chats'",
            HistoryReadOptions(valueColumn: "chats"))
        assertBadData("timestamp,calls,Calls\n2003-03-03T07:00:00Z,5,1\n", line: 1, column: 17, "appears twice")
    }

    func testRaggedRowsNameWhereTheyGoWrong() {
        assertBadData(
            "timestamp,channel,contacts\n2003-03-03T07:00:00Z,voice,5\n2003-03-03T07:05:00Z,voice\n",
            line: 3, column: 27, "has 2 fields but the header has 3 (timestamp,channel,contacts)")
        assertBadData(
            "timestamp,channel,contacts\n2003-03-03T07:00:00Z,voice,5\n2003-03-03T07:05:00Z,voice,1,234\n",
            line: 3, column: 30, "a value containing a comma must be quoted")
    }

    // MARK: Timestamp errors

    func testTimestampErrors() {
        let header = "timestamp,channel,contacts\n"
        assertBadData(
            header + "2003-03-03T07:00:00Z,v,1\n03/03/2003 07:05,v,2\n", line: 3, column: 1,
            "day and month cannot be told apart")
        assertBadData(
            header + "2003-03-03T07:00:00Z,v,1\n2003-03-03 07:05:00,v,2\n", line: 3, column: 1,
            "has a space between date and time while line 2 ('2003-03-03T07:00:00Z') has 'T'")
        assertBadData(
            header + "2003-03-03 07:00,v,1\n2003-03-03T07:05,v,2\n", line: 3, column: 1,
            "has 'T' between date and time while line 2")
        assertBadData(
            header + "2003-03-03 07:00,v,1\n2003-03-03 07:05:00,v,2\n", line: 3, column: 1, "has seconds while line 2")
        assertBadData(
            header + "2003-03-03T07:00:00Z,v,1\n2003-03-03T08:05:00+01:00,v,2\n2003-03-03T08:10:00+0100,v,3\n",
            line: 4, column: 1, "writes its offset like +0100 while line 3")
        assertBadData(
            "channel,timestamp,contacts\nv,2003-03-03T07:00:00Z,1\nv,2003-03-03 07:00 CET,2\n", line: 3, column: 3,
            "unexpected")
    }

    func testAmbiguousAndNonexistentLocalTimesNameTheirLine() {
        let options = HistoryReadOptions(calendar: F.amsterdam)
        // The repeated hour cannot be read in file order when other rows are exact instants.
        assertBadData(
            "timestamp,calls\n2025-10-26T01:30:00+02:00,1\n2025-10-26T02:00:00,1\n2025-10-26T02:30:00,1\n", line: 3,
            column: 1,
            "2025-10-26 02:00 is ambiguous in Europe/Amsterdam (DST ends", options)
        assertBadData(
            "timestamp,calls\n2025-03-30 01:30,1\n2025-03-30 02:30,1\n", line: 3, column: 1,
            "2025-03-30 02:30 does not exist in Europe/Amsterdam", options)
    }

    func testOffGridRowsAreNamed() {
        var rows = (0..<6).map { "2003-03-03T07:\(String(format: "%02d", $0 * 5)):00Z,\($0)" }
        rows.insert("2003-03-03T07:03:00Z,9", at: 4)
        assertBadData(
            "timestamp,calls\n" + rows.joined(separator: "\n"), line: 6, column: 1,
            "2003-03-03T07:03:00Z is off the 5-minute grid: it starts at 07:03, between the interval starts 07:00 and 07:05"
        )
        // A grid shifted off the clock: 07:02, 07:07, …
        assertBadData(
            "timestamp,calls\n2003-03-03T07:02:00Z,1\n2003-03-03T07:07:00Z,1\n", line: 2, column: 1,
            "it starts at 07:02")
        assertBadData(
            "timestamp,calls\n2003-03-03T07:00:00Z,1\n2003-03-03T07:02:00Z,1\n2003-03-03T07:04:00Z,1\n", line: 3,
            column: 1,
            "rows are 2 minutes apart (lines 2 and 3)")
        assertBadData(
            "timestamp,calls\n2003-03-03T00:00:00Z,1\n2003-03-04T00:00:00Z,1\n", line: 3, column: 1,
            "at least 1 day apart")
    }

    func testDuplicateRowsNameBothLines() {
        assertBadData(
            "timestamp,channel,contacts\n2003-03-03T07:00:00Z,a,1\n2003-03-03T07:05:00Z,a,2\n2003-03-03T07:00:00Z,b,3\n2003-03-03T07:00:00Z,a,4\n",
            line: 5, column: 1, "duplicate row: line 2 and line 5 both give channel 'a' at 2003-03-03T07:00:00Z")
        // The same instant written two ways is the same row.
        assertBadData(
            "timestamp,calls\n2003-03-03T08:00:00+01:00,1\n2003-03-03T07:05:00Z,1\n2003-03-03T07:00:00Z,1\n",
            line: 4, column: 1, "line 2 and line 4")
    }

    // MARK: Value errors

    func testContactValuesAreCounts() {
        let header = "timestamp,channel,contacts,aht_seconds\n2003-03-03T07:00:00Z,v,1,100\n"
        let cases: [(String, String)] = [
            ("-3", "cannot be negative"), ("2.5", "must be whole numbers"), ("NaN", "finite"), ("inf", "finite"),
            ("1e12", "implausibly large"), (String(repeating: "9", count: 500), "finite"),
            ("lots", "expected a number of contacts"),
        ]
        for (value, words) in cases {
            assertBadData(header + "2003-03-03T07:05:00Z,v,\(value),100\n", line: 3, column: 24, words)
        }
        assertBadData(
            header + "2003-03-03T07:05:00Z,v,\"12,5\",100\n", line: 3, column: 24,
            "decimal commas only in files separated by ; | or tabs")
        // A decimal comma is a fractional count in a semicolon file.
        assertBadData(
            "timestamp;channel;contacts\n2003-03-03T07:00:00Z;v;12,5\n", line: 2, column: 24, "must be whole numbers")
    }

    func testHandleTimes() {
        let header = "timestamp,channel,contacts,aht_seconds\n2003-03-03T07:00:00Z,v,1,100\n"
        for (value, words) in [
            ("-5", "positive"), ("0", "positive"), ("nan", "finite"), ("3m", "expected the average handle time"),
        ] {
            assertBadData(header + "2003-03-03T07:05:00Z,v,4,\(value)\n", line: 3, column: 26, words)
        }
    }

    func testBadChannelsAndBytes() {
        assertBadData("timestamp,channel,contacts\n2003-03-03T07:00:00Z, ,1\n", line: 2, column: 22, "channel is empty")
        var data = Data("timestamp,channel,contacts\n2003-03-03T07:00:00Z,v,1\n2003-03-03T07:05:00Z,T".utf8)
        data.append(0xE9)  // Latin-1 é
        data.append(contentsOf: Array("l,2\n".utf8))
        var utf8 = InputMapping()
        utf8.encoding = .utf8
        let error = failure {
            _ = try HistoryReader.read(data: data, name: "h.csv", options: HistoryReadOptions(input: utf8))
        }
        guard case .badData(let location, let message)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(location, SourceLocation(file: "h.csv", line: 3, column: 23))
        XCTAssertTrue(message.contains("not valid UTF-8"), message)
        XCTAssertTrue(message.contains("byte offset 74"), message)
    }

    func testHugeLineAndHugeSpanFailCleanly() {
        var data = Data("timestamp,calls\n2003-03-03T07:00:00Z,".utf8)
        data.append(Data(repeating: UInt8(ascii: "1"), count: 10 << 20))
        let error = failure { _ = try HistoryReader.read(data: data, name: "h.csv", options: HistoryReadOptions()) }
        guard case .badData(let location, let message)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(location.line, 2)
        XCTAssertTrue(message.contains("longer than 1 MiB"), message)
        // A mistyped year would need 800 million intervals: refused before allocating.
        assertBadData(
            "timestamp,calls\n2003-03-03T07:00:00Z,1\n2003-03-03T07:05:00Z,1\n9003-03-03T07:10:00Z,1\n", line: 4,
            column: 1,
            "is a year mistyped?")
    }
}
