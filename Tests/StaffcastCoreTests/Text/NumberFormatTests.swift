import XCTest

@testable import StaffcastCore

final class NumberFormatTests: XCTestCase {
    func testPlainNotation() {
        let cases: [(Double, Int, String)] = [
            (12, 3, "12"),
            (12.5, 3, "12.5"),
            (12.50, 1, "12.5"),
            (-1.5, 2, "-1.5"),
            (0.1 + 0.2, 6, "0.3"),
            (2.675, 2, "2.68"),  // from the shortest decimal, half away from zero
            (-2.675, 2, "-2.68"),
            (0.125, 2, "0.13"),
            (9.995, 2, "10"),
            (99.96, 1, "100"),
            (1e21, 0, "1000000000000000000000"),
            (1.5e-7, 9, "0.00000015"),
            (1e-7, 3, "0"),
            (0.0005, 3, "0.001"),
            (0.00049, 3, "0"),
            (-0.0004, 3, "0"),  // never "-0"
            (-0.0, 2, "0"),
            (123456789.123456789, 3, "123456789.123"),
            (4_503_599_627_370_497, 0, "4503599627370497"),
            (2.5, 0, "3"),
            (1234.5678, -1, "1235"),  // negative digits are read as 0
        ]
        for (x, digits, expected) in cases {
            XCTAssertEqual(NumberFormat.plain(x, maxFractionDigits: digits), expected, "\(x) with \(digits) digits")
        }
    }

    func testMinimumFractionDigits() {
        XCTAssertEqual(NumberFormat.plain(3, maxFractionDigits: 2, minFractionDigits: 2), "3.00")
        XCTAssertEqual(NumberFormat.plain(0.5, maxFractionDigits: 3, minFractionDigits: 1), "0.5")
        XCTAssertEqual(NumberFormat.plain(0.25, maxFractionDigits: 3, minFractionDigits: 2), "0.25")
        XCTAssertEqual(NumberFormat.plain(-0.0001, maxFractionDigits: 2, minFractionDigits: 2), "0.00")
        XCTAssertEqual(NumberFormat.plain(1.999, maxFractionDigits: 2, minFractionDigits: 2), "2.00")
    }

    func testNonFiniteAndNoExponentEver() {
        XCTAssertEqual(NumberFormat.plain(.nan, maxFractionDigits: 2), "nan")
        XCTAssertEqual(NumberFormat.plain(.infinity, maxFractionDigits: 2), "inf")
        XCTAssertEqual(NumberFormat.plain(-.infinity, maxFractionDigits: 2), "-inf")
        // Property: any finite double prints without exponent, reads back within the rounding step.
        var x = 1.234567e-12
        while x < 1e30 {
            for value in [x, -x] {
                let text = NumberFormat.plain(value, maxFractionDigits: 4)
                XCTAssertFalse(text.contains("e") || text.contains("E"), text)
                guard let back = Double(text) else {
                    XCTFail(text)
                    continue
                }
                XCTAssertLessThanOrEqual(abs(back - value), 0.00005 + abs(value) * 1e-15, text)
            }
            x *= 7.3
        }
    }
}

final class DecimalParserTests: XCTestCase {
    private func value(_ text: String, comma: Bool = false) -> Double? {
        if case .success(let v) = DecimalParser.parse(text, allowDecimalComma: comma) { return v }
        return nil
    }

    private func failure(_ text: String, comma: Bool = false) -> DecimalParser.Failure? {
        if case .failure(let f) = DecimalParser.parse(text, allowDecimalComma: comma) { return f }
        return nil
    }

    func testNumbers() {
        XCTAssertEqual(value("12"), 12)
        XCTAssertEqual(value(" 12.5 "), 12.5)
        XCTAssertEqual(value("-3"), -3)
        XCTAssertEqual(value("+3"), 3)
        XCTAssertEqual(value(".5"), 0.5)
        XCTAssertEqual(value("1e3"), 1000)
        XCTAssertEqual(value("2.5E-1"), 0.25)
        XCTAssertEqual(value("0.1"), 0.1)  // correctly rounded, same double as the literal
        XCTAssertEqual(value("123456789012345678901234567890"), 123456789012345678901234567890.0)
        XCTAssertEqual(value("0.30000000000000004"), 0.1 + 0.2)
        XCTAssertEqual(value("12,5", comma: true), 12.5)
        XCTAssertEqual(value("185,25", comma: true), 185.25)
    }

    func testRefusals() {
        XCTAssertEqual(failure(""), .empty)
        XCTAssertEqual(failure("   "), .empty)
        XCTAssertEqual(failure("12,5"), .notANumber)  // decimal comma only when allowed
        XCTAssertEqual(failure("1.234,5", comma: true), .notANumber)
        XCTAssertEqual(failure("12 calls"), .notANumber)
        XCTAssertEqual(failure("0x1p3"), .notANumber)
        XCTAssertEqual(failure("-"), .notANumber)
        XCTAssertEqual(failure("1e"), .notANumber)
        XCTAssertEqual(failure("NaN"), .notFinite)
        XCTAssertEqual(failure("-inf"), .notFinite)
        XCTAssertEqual(failure("1e999"), .notFinite)
        XCTAssertEqual(failure(String(repeating: "9", count: 400)), .notFinite)
    }
}
