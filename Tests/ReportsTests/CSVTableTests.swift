import XCTest

@testable import Reports

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
