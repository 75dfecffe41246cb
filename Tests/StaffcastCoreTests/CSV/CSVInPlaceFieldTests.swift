import XCTest

@testable import StaffcastCore

/// Fields read in place (``CSVReader/decimal(_:allowDecimalComma:)``, ``CSVReader/timestamp(_:)``,
/// ``HeadedCSVReader/nextRecord()``) against the Strings of ``HeadedCSVReader/next()`` and the
/// standard library's parser, and the scanner's runs of plain bytes against the record limit.
final class CSVInPlaceFieldTests: XCTestCase {
    /// Random cells of number-like text: digits, separators, signs, exponents, words, spaces.
    private func cells(count: Int, alphabet: [Character], seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        var cells = [
            "", " ", "0", "-0", "+1", "1.", ".5", "1e3", "1E-3", "1e", "e1", "1e+308", "1e309", "nan", "inf",
            "-Infinity", "12345678901234567890", "0.1000000000000000055511151231257827", "4.9e-324", "1,5", "1.234,5",
            " 12 ", "1 2", "--1", "1-", "١٢", "0x10", "1_000",
        ]
        for _ in 0..<count {
            let length = Int(random.next() % 24)
            cells.append(String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        // Well-formed decimals of up to 20 significant digits, with and without exponents.
        for _ in 0..<count {
            let digits = String((0..<Int(1 + random.next() % 20)).map { _ in Character("\(random.next() % 10)") })
            let point = Int(random.next() % UInt64(digits.count + 1))
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if random.next() % 3 == 0 { text += "e\(Int(random.next() % 80) - 40)" }
            cells.append(random.next() % 2 == 0 ? "-" + text : text)
        }
        return cells
    }

    private func checkDecimals(delimiter: String, allowDecimalComma: Bool, alphabet: [Character]) throws {
        // A second column keeps a row of spaces from being a blank line.
        let cells = cells(count: 20_000, alphabet: alphabet, seed: allowDecimalComma ? 2 : 1).filter {
            !$0.contains(delimiter)
        }
        let text = "value\(delimiter)mark\n" + cells.map { $0 + delimiter + "x" }.joined(separator: "\n") + "\n"
        var inPlace = try HeadedCSVReader(CSVReader(data: Data(text.utf8), name: "cells.csv"), expected: "value,mark")
        var strings = try HeadedCSVReader(CSVReader(data: Data(text.utf8), name: "cells.csv"), expected: "value,mark")
        var read = 0
        while try inPlace.nextRecord() {
            let record = try XCTUnwrap(strings.next())
            let cell = record.fields[0]
            let fromBytes = inPlace.reader.decimal(0, allowDecimalComma: allowDecimalComma)
            let fromString = DecimalParser.parse(cell, allowDecimalComma: allowDecimalComma)
            XCTAssertEqual(fromBytes.map(\.bitPattern), fromString.map(\.bitPattern), "'\(cell)'")
            XCTAssertEqual(inPlace.field(0), cell)
            XCTAssertEqual(inPlace.line, record.line)
            XCTAssertEqual(inPlace.location(ofField: 0), record.location(ofField: 0))
            // Whatever is read as a number is the double the standard library reads.
            if case .success(let value) = fromBytes {
                let plain = cell.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
                XCTAssertEqual(value.bitPattern, Double(plain)?.bitPattern, "'\(cell)'")
            }
            read += 1
        }
        XCTAssertNil(try strings.next())
        XCTAssertEqual(read, cells.count)
    }

    func testDecimalsInPlaceAreTheParsersValues() throws {
        try checkDecimals(
            delimiter: ",", allowDecimalComma: false, alphabet: Array("0123456789.-+eE infaxN\t"))
        try checkDecimals(
            delimiter: ";", allowDecimalComma: true, alphabet: Array("0123456789.,-+eE infaxN"))
    }

    func testTimestampsInPlaceAreTheParsersReadings() throws {
        var random = SplitMix64(seed: 3)
        var cells = [
            "2025-01-06T00:00:00Z", "2025-01-06 08:30", "2025-02-29T00:00:00Z", "2024-02-29T23:59:59+01:00",
            "2025-13-01T00:00:00Z", "2025-10-26T02:30:00+0100", "2025-01-06T24:00:00Z", "x", "", " 2025-01-06T08:00Z ",
            // The day cache: a date after a valid one of the same month, and back.
            "2025-02-28T00:00Z", "2025-02-29T00:00Z", "2025-02-28T01:00Z", "2025-02-28 01:00", "0000-01-01T00:00Z",
            "0000-01-01T00:00Z", "2025-02-28T01:00:60Z", "2025-02-28T01:00Z",
        ]
        let pieces = ["2025", "-", "01", "06", "T", " ", ":", "30", "00", "Z", "+01:00", "-0530", "9", "."]
        for _ in 0..<20_000 {
            cells.append(
                (0..<Int(random.next() % 12)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined())
            let instant = Int64(random.next() % 4_000_000_000)
            cells.append(PlanningCalendar.utc.format(instant))
        }
        let text = "timestamp,mark\n" + cells.map { $0 + ",x" }.joined(separator: "\n") + "\n"
        var inPlace = try HeadedCSVReader(CSVReader(data: Data(text.utf8), name: "t.csv"), expected: "timestamp,mark")
        var strings = try HeadedCSVReader(CSVReader(data: Data(text.utf8), name: "t.csv"), expected: "timestamp,mark")
        // One cache of the last date for the whole file, as the readers keep it.
        var days = TimestampParser.DayCache()
        while try inPlace.nextRecord() {
            let record = try XCTUnwrap(strings.next())
            XCTAssertEqual(
                inPlace.reader.timestamp(0, days: &days), TimestampParser.parse(record.fields[0]), record.fields[0])
        }
    }

    /// Plain bytes are copied in runs; the run stops where the record may no longer grow, so the
    /// limit is met at the same byte as before.
    func testRecordLimitStopsAtTheSameByte() throws {
        for limit in [1, 2, 5, 10, 11, 64] {
            let fits = String(repeating: "a", count: limit)
            var reader = try CSVReader(data: Data("h\n\(fits)\n".utf8), name: "f.csv", maxRecordBytes: limit)
            XCTAssertNotNil(try reader.next())
            XCTAssertEqual(try reader.next()?.fields, [fits])
            var long = try CSVReader(data: Data("h\n\(fits)a,b\n".utf8), name: "f.csv", maxRecordBytes: limit)
            XCTAssertNotNil(try long.next())
            XCTAssertThrowsError(try long.next()) { error in
                guard case CoreError.badData(let location, let message) = error else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(location, SourceLocation(file: "f.csv", line: 2, column: 1))
                XCTAssertTrue(message.contains("this line is longer than \(limit) bytes"), message)
            }
        }
    }

    func testHeadedRecordsInPlaceCheckTheWidth() throws {
        var reader = try HeadedCSVReader(
            CSVReader(data: Data("a,b\n1,2\n1,2,3\n".utf8), name: "w.csv"), expected: "a,b")
        XCTAssertTrue(try reader.nextRecord())
        XCTAssertThrowsError(try reader.nextRecord()) { error in
            XCTAssertEqual(
                "\(error)",
                "\(CoreError.badData(SourceLocation(file: "w.csv", line: 3, column: 5), "this line has 3 fields but the header names 2; quote a value that contains the delimiter"))"
            )
        }
    }
}
