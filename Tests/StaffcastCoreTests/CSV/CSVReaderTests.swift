import Foundation
import TestSupport
import XCTest

@testable import StaffcastCore

final class CSVReaderTests: XCTestCase {
    private func records(_ text: String, chunkSize: Int = 1 << 20) throws -> (records: [CSVRecord], reader: CSVReader) {
        try records(Data(text.utf8), chunkSize: chunkSize)
    }

    private func records(
        _ data: Data, chunkSize: Int = 1 << 20, maxRecordBytes: Int = 1 << 20,
        encoding: DeclaredEncoding? = nil
    ) throws -> (records: [CSVRecord], reader: CSVReader) {
        var reader = try CSVReader(
            source: TextSource(data: data, name: "in.csv", declared: encoding, chunkSize: chunkSize),
            maxRecordBytes: maxRecordBytes)
        var out: [CSVRecord] = []
        while let record = try reader.next() { out.append(record) }
        return (out, reader)
    }

    /// The CoreError thrown by `body`, failing the test when there is none.
    private func error(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> CoreError? {
        do {
            try body()
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch let error as CoreError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    func testQuotedFieldsWithDelimitersQuotesAndLineBreaks() throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,\"\"\n"
        let (rows, _) = try records(text)
        XCTAssertEqual(
            rows.map(\.fields), [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["plain", "", ""]])
        // The record after the embedded line break starts on line 4.
        XCTAssertEqual(rows[2].line, 4)
        XCTAssertEqual(
            rows[1].positions,
            [
                CSVPosition(line: 2, column: 1), CSVPosition(line: 2, column: 8),
                CSVPosition(line: 2, column: 21),
            ])
        XCTAssertEqual(rows[2].positions.map(\.column), [1, 7, 8])
    }

    func testLineEndingsAllGiveTheSameRecordsAndLines() throws {
        let lines = ["timestamp,calls", "2003-03-03T07:00:00Z,111", "\"quoted\r\nstays\",2"]
        var results: [[[String]]] = []
        for ending in ["\n", "\r\n", "\r"] {
            let text = lines.joined(separator: ending) + ending
            for chunk in [1 << 20, 16, 17] {  // line endings split across chunks too
                let (rows, _) = try records(text, chunkSize: chunk)
                XCTAssertEqual(rows.map(\.line), [1, 2, 3], "ending \(ending.debugDescription) chunk \(chunk)")
                results.append(rows.map(\.fields).map { $0.map { $0.replacingOccurrences(of: "\r\n", with: "\n") } })
            }
        }
        for r in results {
            XCTAssertEqual(r, [["timestamp", "calls"], ["2003-03-03T07:00:00Z", "111"], ["quoted\nstays", "2"]])
        }
    }

    func testByteOrderMarkIsDroppedAndDelimiterDetected() throws {
        let (rows, reader) = try records(
            Data([0xEF, 0xBB, 0xBF]) + Data("timestamp;calls\n2003-03-03 07:00;1,5\n".utf8))
        XCTAssertEqual(reader.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(rows[0].fields, ["timestamp", "calls"])
        XCTAssertEqual(rows[1].fields, ["2003-03-03 07:00", "1,5"])
        let (tabbed, tabReader) = try records("timestamp\tcalls\n2003-03-03 07:00\t4\n")
        XCTAssertEqual(tabReader.delimiter, 0x09)
        XCTAssertEqual(tabbed[1].fields, ["2003-03-03 07:00", "4"])
    }

    func testExcelSeparatorLine() throws {
        let (rows, reader) = try records("sep=;\r\ntimestamp;calls\r\n2003-03-03 07:00;4\r\n")
        XCTAssertTrue(reader.hadSeparatorLine)
        XCTAssertEqual(reader.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(rows.map(\.line), [2, 3])
        XCTAssertEqual(rows[1].fields, ["2003-03-03 07:00", "4"])
    }

    func testUTF16LittleAndBigEndian() throws {
        let text = "timestamp\tchannel\r\n2025-01-06 08:00\tTéléphone 📞\r\n"
        let little = Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!
        let big = Data([0xFE, 0xFF]) + text.data(using: .utf16BigEndian)!
        for (data, encoding) in [(little, TextEncoding.utf16LittleEndian), (big, .utf16BigEndian)] {
            for chunk in [1 << 20, 16, 17] {  // odd chunks split code units and surrogate pairs
                let (rows, reader) = try records(data, chunkSize: chunk)
                XCTAssertEqual(reader.encoding, encoding)
                XCTAssertEqual(reader.delimiter, 0x09)
                XCTAssertEqual(rows.map(\.fields), [["timestamp", "channel"], ["2025-01-06 08:00", "Téléphone 📞"]])
            }
        }
        // UTF-16 without a byte-order mark is recognised by its zero bytes.
        let (rows, reader) = try records(text.data(using: .utf16LittleEndian)!)
        XCTAssertEqual(reader.encoding, .utf16LittleEndian)
        XCTAssertEqual(rows[1].fields[1], "Téléphone 📞")
    }

    func testBlankLinesAreSkippedAndNamedWhenInside() throws {
        let (rows, reader) = try records("a,b\n1,2\n\n,\n , \n3,4\n\n\n\r\n")
        XCTAssertEqual(rows.map(\.fields), [["a", "b"], ["1", "2"], ["3", "4"]])
        XCTAssertEqual(rows.map(\.line), [1, 2, 6])
        XCTAssertEqual(
            reader.warnings,
            ["in.csv:3: blank line skipped", "in.csv:4: blank line skipped", "in.csv:5: blank line skipped"])
    }

    func testManyBlankLinesAreCountedNotListed() throws {
        let text = "a\n" + (1...8).map { "\($0)\n\n" }.joined()
        let (rows, reader) = try records(text)
        XCTAssertEqual(rows.count, 9)
        XCTAssertEqual(
            reader.warnings,
            [3, 5, 7, 9, 11].map { "in.csv:\($0): blank line skipped" } + ["in.csv: 2 more blank lines skipped"])
    }

    func testQuotedEmptyFieldIsNotBlank() throws {
        let (rows, _) = try records("a\n\"\"\n")
        XCTAssertEqual(rows.map(\.fields), [["a"], [""]])
    }

    func testStreamingMatchesWholeReadOnRandomCSV() throws {
        // Property: any quoted CSV reads back to its fields, whatever the chunk size.
        var rng = SeededGenerator(seed: 7)
        let alphabet: [String] = ["a", "b", ",", "\"", "\n", "\r\n", " ", "é", "7", ";", "€"]
        var expected: [[String]] = []
        var text = ""
        for _ in 0..<200 {
            let fields = (0..<4).map { _ in
                (0..<Int.random(in: 1...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            }
            expected.append(fields)
            text +=
                fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
                + "\r\n"
        }
        for chunk in [16, 31, 1 << 20] {
            let (rows, _) = try records(text, chunkSize: chunk)
            XCTAssertEqual(rows.map(\.fields), expected, "chunk \(chunk)")
        }
    }

    func testUnclosedQuoteNamesWhereItOpened() {
        let e = error { _ = try records("a,b\n1,\"open\n2,3\n") }
        guard case .badData(let location, let message)? = e else { return XCTFail("\(String(describing: e))") }
        XCTAssertEqual(location, SourceLocation(file: "in.csv", line: 2, column: 3))
        XCTAssertTrue(message.contains("never closed"), message)
    }

    func testTextAfterClosingQuoteIsAnError() {
        let e = error { _ = try records("a,b\n\"x\"y,2\n") }
        guard case .badData(let location, let message)? = e else { return XCTFail("\(String(describing: e))") }
        XCTAssertEqual(location, SourceLocation(file: "in.csv", line: 2, column: 4))
        XCTAssertTrue(message.contains("closing quote"), message)
    }

    func testInvalidUTF8NamesLineAndColumn() throws {
        // Latin-1 "é" (0xE9) in the third field of line 3: column 7 of "2,3,abé", byte 6 + 6 + 6 = 18.
        var data = Data("a,b,c\n1,2,3\n2,3,ab".utf8)
        data.append(0xE9)
        data.append(contentsOf: Array("\n".utf8))
        let e = error { _ = try records(data, encoding: .utf8) }
        XCTAssertEqual(
            e,
            .badData(
                SourceLocation(file: "in.csv", line: 3, column: 7),
                "bytes \\xE9 at byte offset 18 are not valid UTF-8 text; save the file as UTF-8 CSV, or declare its encoding (--encoding windows-1252)"
            ))
        // Undeclared, with nothing but ASCII before it: Windows-1252, with a notice naming the byte.
        let (rows, reader) = try records(data)
        XCTAssertEqual(rows.last?.fields, ["2", "3", "abé"])
        XCTAssertEqual(reader.warnings.count, 1)
        XCTAssertTrue(reader.warnings[0].contains("byte 0xE9 at byte offset 18"), reader.warnings[0])
        XCTAssertTrue(reader.warnings[0].contains("read as Windows-1252"), reader.warnings[0])
        // Columns count characters, not bytes: "€" is one column.
        var euro = Data("a,b\n€€,x".utf8)
        euro.append(0xFF)
        let e2 = error { _ = try records(euro) }
        guard case .badData(let location, _)? = e2 else { return XCTFail("\(String(describing: e2))") }
        XCTAssertEqual(location, SourceLocation(file: "in.csv", line: 2, column: 5))
    }

    func testNulByteIsRefused() {
        let e = error { _ = try records(Data("a,b\n1,2\u{0}3\n".utf8)) }
        guard case .badData(let location, let message)? = e else { return XCTFail("\(String(describing: e))") }
        XCTAssertEqual(location, SourceLocation(file: "in.csv", line: 2, column: 4))
        XCTAssertTrue(message.contains("NUL"), message)
    }

    func testHugeLineIsRefusedWithoutReadingItAll() {
        var data = Data("timestamp,calls\n2003-03-03T07:00:00Z,".utf8)
        data.append(Data(repeating: UInt8(ascii: "9"), count: 10 << 20))
        data.append(contentsOf: Array("\n".utf8))
        let e = error { _ = try records(data) }
        guard case .badData(let location, let message)? = e else { return XCTFail("\(String(describing: e))") }
        XCTAssertEqual(location.line, 2)
        XCTAssertTrue(message.contains("longer than 1 MiB"), message)
        // A quote that never closes runs into the same limit, and says so.
        let quoted = Data("a\n\"".utf8) + Data(repeating: UInt8(ascii: "x"), count: 3000)
        let e2 = error { _ = try records(quoted, maxRecordBytes: 1000) }
        guard case .badData(let location2, let message2)? = e2 else { return XCTFail("\(String(describing: e2))") }
        XCTAssertEqual(location2, SourceLocation(file: "in.csv", line: 2, column: 1))
        XCTAssertTrue(message2.contains("closing \" missing"), message2)
    }

    func testCompressedAndBinaryFilesAreRefused() throws {
        let gz = try XCTUnwrap(
            Bundle.module.url(forResource: "history.csv", withExtension: "gz", subdirectory: "Fixtures"))
        let e = error { _ = try CSVReader(path: gz.path) }
        XCTAssertEqual(e, .badFile(path: gz.path, "file is gzip-compressed; decompress it first: gunzip -k \(gz.path)"))
        let zip = error { _ = try records(Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00])) }
        guard case .badFile(_, let message)? = zip else { return XCTFail("\(String(describing: zip))") }
        XCTAssertTrue(message.contains("xlsx"), message)
    }

    func testMissingFileAndDirectory() {
        let missing = error { _ = try CSVReader(path: "/nonexistent/history.csv") }
        XCTAssertEqual(missing, .missingInput(path: "/nonexistent/history.csv", reason: "no such file"))
        let directory = error { _ = try CSVReader(path: NSTemporaryDirectory()) }
        guard case .missingInput(_, let reason)? = directory else { return XCTFail("\(String(describing: directory))") }
        XCTAssertEqual(reason, "is a directory, not a file")
    }

    func testByteAccessMatchesStrings() throws {
        var reader = try CSVReader(data: Data("x,y\n\" 12 \",é\n".utf8), name: "in.csv")
        XCTAssertTrue(try reader.nextRecord())
        XCTAssertTrue(try reader.nextRecord())
        XCTAssertEqual(reader.fieldCount, 2)
        XCTAssertEqual(reader.withFieldBytes(0) { Array($0) }, Array(" 12 ".utf8))
        XCTAssertEqual(reader.field(1), "é")
        XCTAssertEqual(reader.location(ofField: 1), SourceLocation(file: "in.csv", line: 2, column: 8))
        XCTAssertFalse(try reader.nextRecord())
    }
}
