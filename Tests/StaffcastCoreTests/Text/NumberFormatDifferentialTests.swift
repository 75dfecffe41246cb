import XCTest

@testable import StaffcastCore

/// The byte formatter (``NumberFormat/appendShortest(_:to:)``, ``NumberFormat/appendPlain``) against
/// the String formatter it replaced (``ReferenceNumberFormat``, the code as it was), over doubles of
/// every kind: random bit patterns (every exponent, subnormals), random values in the ranges the
/// files carry, whole numbers, powers of ten and their neighbours, ties of the 3-decimal rounding,
/// zeros of both signs and the non-finite values. The two must agree byte for byte.
final class NumberFormatDifferentialTests: XCTestCase {
    /// The doubles compared: structured edge cases, then `randomCount` seeded random ones.
    private func doubles(randomCount: Int) -> [Double] {
        var values: [Double] = [
            0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
            .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .ulpOfOne, 1e-4, 1e-5,
            0.0001, 0.00009999999999999999, 1e15, 1e16, 1e15 - 0.5, 1e15 + 2, 2.675, -2.675, 0.125, 9.995, 99.96,
            0.0005, 0.00049, 1e21, 1.5e-7, 123456789.123456789, 4_503_599_627_370_497, 9_007_199_254_740_993,
            0.1 + 0.2, 1.0 / 3, 2.0 / 3, 5e-324, 1.7976931348623157e308, 0.8895710294793281,
        ]
        for exponent in -330...310 {
            let power = Double("1e\(exponent)") ?? 0
            values += [power, power.nextUp, power.nextDown, -power, power * 1.5, power * 0.999]
        }
        for k in 0..<2000 {
            let whole = Double(k * 7919 - 5000)
            values += [whole, whole + 0.5, whole + 0.0005, whole + 0.0015, whole / 1000, whole / 8, whole + 0.1]
        }
        var random = SplitMix64(seed: 23)
        for k in 0..<randomCount {
            switch k % 4 {
            case 0: values.append(Double(bitPattern: random.next()))
            case 1: values.append(Double.random(in: 0..<1, using: &random))
            case 2: values.append(Double.random(in: -1e6...1e6, using: &random))
            default:
                // Values near a tie of the rounding to three decimals.
                let thousandths = Double(Int.random(in: 0...10_000_000, using: &random))
                values.append((thousandths + 0.5) / 1000 + Double.random(in: -1e-9...1e-9, using: &random))
            }
        }
        return values
    }

    func testShortestMatchesTheStringFormatter() {
        var bytes: [UInt8] = []
        var mismatches: [String] = []
        for x in doubles(randomCount: 100_000) {
            let expected = ReferenceNumberFormat.shortest(x)
            if NumberFormat.shortest(x) != expected { mismatches.append("shortest(\(x.bitPattern))") }
            // Appended after other bytes, as a CSV row appends it.
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: "a,".utf8)
            NumberFormat.appendShortest(x, to: &bytes)
            if bytes != Array(("a," + expected).utf8) { mismatches.append("appendShortest(\(x.bitPattern))") }
            if mismatches.count > 10 { break }
        }
        XCTAssertEqual(mismatches, [])
    }

    func testPlainMatchesTheStringFormatter() {
        var bytes: [UInt8] = []
        var mismatches: [String] = []
        let digits = [(3, 0), (0, 0), (1, 0), (2, 0), (2, 2), (6, 0), (9, 0), (10, 0), (3, 3), (-1, 0), (4, 7)]
        for (k, x) in doubles(randomCount: 50_000).enumerated() {
            // Volumes (three decimals) for every value; the other settings in turn.
            for (maxDigits, minDigits) in [digits[0], digits[1 + k % (digits.count - 1)]] {
                let expected = ReferenceNumberFormat.plain(
                    x, maxFractionDigits: maxDigits, minFractionDigits: minDigits)
                if NumberFormat.plain(x, maxFractionDigits: maxDigits, minFractionDigits: minDigits) != expected {
                    mismatches.append("plain(\(x.bitPattern), \(maxDigits), \(minDigits))")
                }
                bytes.removeAll(keepingCapacity: true)
                bytes.append(UInt8(ascii: ","))
                NumberFormat.appendPlain(x, maxFractionDigits: maxDigits, minFractionDigits: minDigits, to: &bytes)
                if bytes != Array(("," + expected).utf8) {
                    mismatches.append("appendPlain(\(x.bitPattern), \(maxDigits), \(minDigits))")
                }
            }
            if mismatches.count > 10 { break }
        }
        XCTAssertEqual(mismatches, [])
    }

    func testIntegersMatchDescription() {
        var bytes: [UInt8] = []
        var random = SplitMix64(seed: 7)
        let values: [Int64] = [0, 1, -1, 9, 10, 99, 100, .max, .min, .max - 1, .min + 1, 1_000_000_000_000_000_000]
        for value in values + (0..<100_000).map({ _ in Int64(bitPattern: random.next()) >> (random.next() % 64) }) {
            bytes.removeAll(keepingCapacity: true)
            NumberFormat.appendInteger(value, to: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), String(value))
        }
    }
}
