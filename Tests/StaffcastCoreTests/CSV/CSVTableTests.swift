import XCTest

@testable import StaffcastCore

final class CSVTableTests: XCTestCase {
    func testQuotesOnlyWhatRFC4180Requires() {
        var table = CSVTable(header: ["channel", "note"])
        table.append(["chat", "plain"])
        table.append(["a,b", "say \"hi\""])
        table.append(["multi\nline", ""])
        XCTAssertEqual(table.render(), "channel,note\nchat,plain\n\"a,b\",\"say \"\"hi\"\"\"\n\"multi\nline\",\n")
    }

    func testJSONHasFixedKeyOrderAndEscapes() {
        let value: JSONValue = .object([
            ("b", .integer(2)), ("a", .string("x\"y\n<")), ("n", .number(0.1 + 0.2, fractionDigits: 6)),
            ("inf", .number(.infinity, fractionDigits: 3)), ("list", .array([.bool(true), .null])),
        ])
        XCTAssertEqual(
            value.render(),
            """
            {
              "b": 2,
              "a": "x\\"y\\n<",
              "n": 0.3,
              "inf": null,
              "list": [
                true,
                null
              ]
            }
            """)
    }
}

final class CSVTextTests: XCTestCase {
    func testAFormulaStartGetsAnApostropheAndReadsBack() {
        for text in ["=SUM(A1)", "+31 6", "-x", "@cmd", "\tTab"] {
            let written = CSVText.field(text)
            XCTAssertTrue(written.hasPrefix("'") || written.hasPrefix("\"'"), written)
            XCTAssertEqual(
                CSVText.unescaped(written.hasPrefix("\"") ? String(written.dropFirst().dropLast()) : written), text)
        }
        XCTAssertEqual(CSVText.field("-3.5"), "-3.5")
        XCTAssertEqual(CSVText.field("=x", neutralizing: false), "=x")
    }

    /// Swift reads CR LF as one Character, equal to neither "\r" nor "\n"; the check is on bytes.
    func testALineBreakOfCRLFIsQuoted() {
        XCTAssertEqual(CSVText.field("A\r\nB"), "\"A\r\nB\"")
        var bytes: [UInt8] = []
        CSVText.append("A\r\nB", to: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "\"A\r\nB\"")
    }

    func testOuterSpacesAreQuotedOnlyWhenAsked() {
        XCTAssertEqual(CSVText.field(" chat"), " chat")
        XCTAssertEqual(CSVText.field(" chat", neutralizing: false, quotingOuterSpaces: true), "\" chat\"")
        XCTAssertEqual(CSVText.field("chat ", neutralizing: false, quotingOuterSpaces: true), "\"chat \"")
    }

    func testTheFastPathWritesWhatFieldWrites() {
        for text in ["plain", "a,b", "say \"hi\"", "=x", "-1", "é,ß", "", "\rX"] {
            var bytes: [UInt8] = []
            CSVText.append(text, to: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), CSVText.field(text), text)
        }
    }
}
