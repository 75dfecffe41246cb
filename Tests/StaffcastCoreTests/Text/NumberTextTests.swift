import Foundation
import TestSupport
import XCTest

@testable import StaffcastCore

/// The decimal separator learnt from the cells: thousands in Dutch files, refusals for the
/// cells that could be read two ways.
final class NumberTextTests: XCTestCase {
    private let here = SourceLocation(file: "f.csv", line: 7, column: 3)

    private func read(
        _ texts: [String], delimiter: Character, kind: NumberReader.Kind = .measure,
        declared: DecimalSeparator? = nil
    ) -> [Result<Double, NumberReader.Failure>] {
        var reader = NumberReader(delimiter: UInt8(ascii: delimiter.unicodeScalars.first!), declared: declared)
        return texts.enumerated().map { k, text in
            Array(text.utf8).withUnsafeBufferPointer {
                reader.read($0, kind: kind, at: { SourceLocation(file: "f.csv", line: k + 2, column: 3) })
            }
        }
    }

    private func values(_ results: [Result<Double, NumberReader.Failure>]) -> [Double?] {
        results.map { if case .success(let v) = $0 { return v } else { return nil } }
    }

    func testSemicolonFilesUseTheDecimalCommaAndDotThousands() {
        XCTAssertEqual(
            values(read(["1.234", "1.020,5", "312,25", "12", "1.234.567", "0,5"], delimiter: ";")),
            [1234, 1020.5, 312.25, 12, 1_234_567, 0.5])
        // Contacts 1.250 are 1250, in any file that is not comma-separated.
        XCTAssertEqual(values(read(["1.250"], delimiter: "\t", kind: .count)), [1250])
        XCTAssertEqual(values(read(["1.250"], delimiter: ";", kind: .count)), [1250])
    }

    func testPointFilesAreLearntFromAnUnambiguousCell() {
        // A tab file: 12.5 shows the point, so 1,234 groups thousands.
        XCTAssertEqual(values(read(["12.5", "1,234", "1,020.5"], delimiter: "\t")), [12.5, 1234, 1020.5])
        // Comma-separated files: a point is the decimal separator and nothing groups thousands.
        XCTAssertEqual(values(read(["1.234", "150.5"], delimiter: ",")), [1.234, 150.5])
    }

    func testACellReadableTwoWaysIsRefusedWhenTheFileLaterShowsTheOtherSeparator() {
        // Semicolon file: 1.234 is first read as 1234, then 12.5 shows a decimal point.
        let results = read(["1.234", "12.5"], delimiter: ";")
        XCTAssertEqual(values([results[0]]), [1234])
        guard case .failure(.refused(.badData(let location, let message))) = results[1] else {
            return XCTFail("\(results[1])")
        }
        XCTAssertEqual(location, SourceLocation(file: "f.csv", line: 2, column: 3))  // names the ambiguous cell
        XCTAssertTrue(message.contains("'1.234' can be read as 1234 (with a thousands separator) or 1.234"), message)
        XCTAssertTrue(message.contains("line 3 ('12.5') writes decimals with a point"), message)
    }

    func testTwoSeparatorsInOneFileAreRefused() {
        let results = read(["312,25", "12.5"], delimiter: ";")
        guard case .failure(.refused(.badData(let location, let message))) = results[1] else {
            return XCTFail("\(results[1])")
        }
        XCTAssertEqual(location.line, 3)
        XCTAssertTrue(
            message.contains(
                "'12.5' writes decimals with a point while line 2 column 3 ('312,25') writes them with a comma"),
            message)
    }

    func testAmbiguousCellsInAFileWithoutADefaultAreRefusedAtTheEnd() {
        var reader = NumberReader(delimiter: UInt8(ascii: "|"), declared: nil)
        let first = Array("1.234".utf8).withUnsafeBufferPointer { reader.read($0, kind: .measure, at: { self.here }) }
        XCTAssertEqual(values([first]), [1.234])
        XCTAssertThrowsError(try reader.finish()) { error in
            guard case CoreError.badData(let location, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(location, here)
            XCTAssertTrue(
                message.contains("nothing else in the file shows whether it writes decimals with a point or a comma"),
                message)
        }
        // Declared: no question.
        XCTAssertEqual(values(read(["1.234"], delimiter: "|", declared: .comma)), [1234])
    }

    func testBadGroupingIsNotANumber() {
        for text in ["1.23.4", "12,5.3", "1.2345,6", "0.123.456"] {
            let result = read([text], delimiter: ";")[0]
            XCTAssertEqual(result, .failure(.notANumber), text)
        }
    }
}
