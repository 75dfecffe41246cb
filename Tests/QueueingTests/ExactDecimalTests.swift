import XCTest

@testable import Queueing

/// The exact decimal arithmetic behind the occupancy floor, the stability floor and headcount.
final class ExactDecimalTests: XCTestCase {
    func testShortestDecimalIsWhatWasTyped() {
        XCTAssertEqual(ShortestDecimal(0.85), ShortestDecimal(significand: 85, exponent: -2))
        XCTAssertEqual(ShortestDecimal(17), ShortestDecimal(significand: 17, exponent: 0))
        XCTAssertEqual(ShortestDecimal(1_800), ShortestDecimal(significand: 18, exponent: 2))
        XCTAssertEqual(ShortestDecimal(183.6), ShortestDecimal(significand: 1_836, exponent: -1))
        XCTAssertEqual(ShortestDecimal(1e-5), ShortestDecimal(significand: 1, exponent: -5))
        XCTAssertEqual(ShortestDecimal(0.1 + 0.2), ShortestDecimal(significand: 30_000_000_000_000_004, exponent: -17))
        XCTAssertEqual(ShortestDecimal(.leastNonzeroMagnitude), ShortestDecimal(significand: 5, exponent: -324))
        XCTAssertEqual(
            ShortestDecimal(1.7976931348623157e308), ShortestDecimal(significand: 17_976_931_348_623_157, exponent: 292)
        )
        XCTAssertEqual(ShortestDecimal(1e22), ShortestDecimal(significand: 1, exponent: 22))
        XCTAssertEqual(ShortestDecimal(0), ShortestDecimal(significand: 0, exponent: 0))
        XCTAssertNil(ShortestDecimal(-1))
        XCTAssertNil(ShortestDecimal(.nan))
        XCTAssertNil(ShortestDecimal(.infinity))
    }

    func testBigNaturalArithmetic() {
        let twoTo64 = BigNatural(1 << 32) * BigNatural(1 << 32)
        XCTAssertEqual(twoTo64.description, "18446744073709551616")
        XCTAssertEqual((twoTo64 * twoTo64).description, "340282366920938463463374607431768211456")
        XCTAssertEqual(BigNatural.tenToThe(30).description, "1" + String(repeating: "0", count: 30))
        XCTAssertEqual(
            BigNatural.difference(BigNatural.tenToThe(20), BigNatural(1))?.description,
            String(repeating: "9", count: 20))
        XCTAssertNil(BigNatural.difference(BigNatural(3), BigNatural(4)))
        XCTAssertTrue(BigNatural(UInt64.max) < twoTo64)
        XCTAssertFalse(twoTo64 < twoTo64)
        XCTAssertEqual(BigNatural(0).description, "0")
    }

    func testExactComparisons() {
        // 17 / 0.85 = 20; 183.6 / 0.85 = 216; 0.7 · 180 / 7 = 18 — all exactly, whatever binary says.
        XCTAssertEqual(ExactQuotient.compare(numerators: [17], denominators: [0.85], with: 20), 0)
        XCTAssertEqual(ExactQuotient.compare(numerators: [183.6], denominators: [0.85], with: 216), 0)
        XCTAssertEqual(ExactQuotient.compare(numerators: [0.7, 180], denominators: [7], with: 18), 0)
        XCTAssertEqual(ExactQuotient.compare(numerators: [0.7, 180], denominators: [7], with: 17), 1)
        XCTAssertEqual(ExactQuotient.compare(numerators: [20.000000001], denominators: [1], with: 20), 1)
        XCTAssertEqual(ExactQuotient.compare(numerators: [19.999999999], denominators: [1], with: 20), -1)
        XCTAssertNil(ExactQuotient.compare(numerators: [1], denominators: [0], with: 20))
    }

    func testCeilingAndFloor() {
        XCTAssertEqual(
            ExactQuotient.ceiling(estimate: 17 / 0.85, numerators: [17], denominators: [0.85], limit: 1e7), 20)
        XCTAssertEqual(
            ExactQuotient.ceiling(estimate: 183.6 / 0.85, numerators: [183.6], denominators: [0.85], limit: 1e7), 216)
        XCTAssertEqual(
            ExactQuotient.ceiling(
                estimate: 119 * 270 / 1800 / 0.85, numerators: [119, 270],
                denominators: [1800, 0.85], limit: 1e7), 21)
        XCTAssertEqual(
            ExactQuotient.ceiling(estimate: 20.000000001, numerators: [20.000000001], denominators: [1], limit: 1e7), 21
        )
        XCTAssertEqual(ExactQuotient.ceiling(estimate: 20.4, numerators: [20.4], denominators: [1], limit: 1e7), 21)
        XCTAssertEqual(
            ExactQuotient.floor(estimate: 0.7 * 180 / 7, numerators: [0.7, 180], denominators: [7], limit: 1e7), 18)
        XCTAssertEqual(
            ExactQuotient.floor(estimate: 19.999999999, numerators: [19.999999999], denominators: [1], limit: 1e7), 19)
        XCTAssertNil(ExactQuotient.ceiling(estimate: 2e7, numerators: [2e7], denominators: [1], limit: 1e7))
        XCTAssertNil(
            ExactQuotient.ceiling(estimate: .infinity, numerators: [1e308, 10], denominators: [1], limit: 1e7))
    }
}
