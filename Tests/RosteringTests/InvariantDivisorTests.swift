import XCTest

@testable import Rostering

/// InvariantDivisor against the hardware division, on the edges of its range and on random pairs.
final class InvariantDivisorTests: XCTestCase {
    func testEdgesMatchHardwareDivision() {
        let top = (1 << 31) - 1
        var divisors = [1, 2, 3, 5, 7, 10, 641, 65_535, 65_536, 65_537, top - 1, top]
        for k in 1..<31 { divisors += [(1 << k) - 1, 1 << k, (1 << k) + 1] }
        let numerators = [0, 1, 2, 3, 63, 64, 65, 65_535, 65_536, (1 << 31) - 2, top, (1 << 32) - 1]
        for d in divisors where d < 1 << 31 {
            let divisor = InvariantDivisor(d)
            for n in numerators + [d - 1, d, d + 1, 2 * d - 1, 2 * d, top - top % d, top - top % d - 1] where n >= 0 {
                XCTAssertEqual(divisor.quotient(n), n / d, "\(n) / \(d)")
                XCTAssertEqual(divisor.remainder(n), n % d, "\(n) % \(d)")
            }
        }
    }

    func testRandomPairsMatchHardwareDivision() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func nextRandom() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var wrong: [String] = []
        for _ in 0..<200_000 {
            // Divisors spread over every magnitude, numerators over [0, 2³²).
            let bits = Int(nextRandom() % 31) + 1
            let d = max(1, Int(nextRandom() % (UInt64(1) << UInt64(bits))))
            let n = Int(nextRandom() % (UInt64(1) << 32))
            if InvariantDivisor(d).quotient(n) != n / d { wrong.append("\(n) / \(d)") }
        }
        XCTAssertEqual(wrong, [])
    }
}
