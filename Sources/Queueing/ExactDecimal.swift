#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Exact ceilings for staffing.
//
// A planner types 0.85 and 0.3 and expects ⌈17 / 0.85⌉ = 20 and ⌈21 / (1 − 0.3)⌉ = 30. In binary
// floating point 17 / 0.85 = 20.000000000000004 and 21 / (1 − 0.3) = 30.000000000000004, so a plain
// `ceil` staffs one agent too many. We read every input as the shortest decimal that round-trips
// to it (the number the planner typed) and settle near-integer cases with integer arithmetic.
//
// Away from integers the float quotient decides alone: each input is within half an ulp of its
// decimal and each float operation adds half an ulp, so a quotient of a few factors is within
// ~1e-15 (relative) of the exact decimal quotient, far inside the 1e-9 "near an integer" band.

/// A natural number of any size, with just the arithmetic exact decimal comparisons need.
struct BigNatural: Comparable, CustomStringConvertible {
    /// Little-endian base-2³² digits without trailing zeros (zero is `[]`).
    private(set) var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = []
        if value != 0 { limbs.append(UInt32(truncatingIfNeeded: value)) }
        if value >> 32 != 0 { limbs.append(UInt32(truncatingIfNeeded: value >> 32)) }
    }

    private init(limbs: [UInt32]) {
        self.limbs = limbs
        while self.limbs.last == 0 { self.limbs.removeLast() }
    }

    var isZero: Bool { limbs.isEmpty }

    /// 10^exponent, exponent ≥ 0.
    static func tenToThe(_ exponent: Int) -> BigNatural {
        var result = BigNatural(1)
        var remaining = max(0, exponent)
        while remaining > 0 {
            let step = min(remaining, 9)
            result.multiply(by: UInt32(pow10Table[step]))
            remaining -= step
        }
        return result
    }

    private static let pow10Table: [UInt64] = (0...19).map { k in (0..<k).reduce(UInt64(1)) { acc, _ in acc * 10 } }

    mutating func multiply(by factor: UInt32) {
        if factor == 0 {
            limbs = []
            return
        }
        var carry: UInt64 = 0
        for i in limbs.indices {
            let product = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    static func * (lhs: BigNatural, rhs: BigNatural) -> BigNatural {
        if lhs.isZero || rhs.isZero { return BigNatural(0) }
        var result = [UInt32](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        for (i, a) in lhs.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in rhs.limbs.enumerated() {
                let t = UInt64(a) * UInt64(b) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            var k = i + rhs.limbs.count
            while carry != 0 {
                let t = UInt64(result[k]) + carry
                result[k] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
                k += 1
            }
        }
        return BigNatural(limbs: result)
    }

    /// lhs − rhs; nil when rhs > lhs.
    static func difference(_ lhs: BigNatural, _ rhs: BigNatural) -> BigNatural? {
        if lhs < rhs { return nil }
        var result = lhs.limbs
        var borrow: Int64 = 0
        for i in result.indices {
            var t = Int64(result[i]) - borrow - (i < rhs.limbs.count ? Int64(rhs.limbs[i]) : 0)
            if t < 0 {
                t += 1 << 32
                borrow = 1
            } else {
                borrow = 0
            }
            result[i] = UInt32(t)
        }
        return BigNatural(limbs: result)
    }

    static func < (lhs: BigNatural, rhs: BigNatural) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for i in lhs.limbs.indices.reversed() where lhs.limbs[i] != rhs.limbs[i] {
            return lhs.limbs[i] < rhs.limbs[i]
        }
        return false
    }

    /// Decimal digits (for test messages and debugging).
    var description: String {
        if isZero { return "0" }
        var digits: [Character] = []
        var current = limbs
        while !current.isEmpty {
            var remainder: UInt64 = 0
            for i in current.indices.reversed() {
                let value = remainder << 32 | UInt64(current[i])
                current[i] = UInt32(value / 10)
                remainder = value % 10
            }
            digits.append(Character(String(remainder)))
            while current.last == 0 { current.removeLast() }
        }
        return String(digits.reversed())
    }
}

/// A finite, non-negative Double read as the shortest decimal that converts back to it:
/// `significand × 10^exponent` (0.85 → 85 × 10⁻², 1e-05 → 1 × 10⁻⁵, 17.0 → 17 × 10⁰).
struct ShortestDecimal: Equatable {
    var significand: UInt64
    var exponent: Int

    init(significand: UInt64, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    /// nil for NaN, infinities and negative numbers.
    init?(_ value: Double) {
        guard value.isFinite, value >= 0 else { return nil }
        if value == 0 {
            self.init(significand: 0, exponent: 0)
            return
        }
        // Fast path for everyday numbers (17, 0.85, 183.6): the fewest fraction digits k ≤ 17 for
        // which round(value·10^k)/10^k converts back to `value`. 10^k is exact in binary for k ≤ 22
        // and the division is correctly rounded, so the check is the round-trip itself.
        var power = 1.0
        for k in 0...17 {
            let scaled = value * power
            if scaled >= 9_007_199_254_740_992 { break }  // 2^53: beyond, the fast path is not exact
            let candidate = scaled.rounded()
            if candidate / power == value, candidate > 0 {
                self.init(significand: UInt64(candidate), exponent: -k)
                self.normalize()
                return
            }
            power *= 10
        }
        // Swift prints the shortest round-trip digits ("1.2345678901234567e-07", "5e-324").
        guard let parsed = ShortestDecimal.parse(value.description) else { return nil }
        self = parsed
        self.normalize()
    }

    private mutating func normalize() {
        while significand != 0, significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
    }

    /// Parses plain decimal text such as "0.85", "1.5e+20", "5e-324" (digits only, at most 19).
    static func parse(_ text: String) -> ShortestDecimal? {
        let lowered = text.lowercased()
        let parts = lowered.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        guard let mantissa = parts.first, !mantissa.isEmpty else { return nil }
        var exponent = 0
        if parts.count == 2 {
            guard let e = Int(parts[1]) else { return nil }
            exponent = e
        }
        var significand: UInt64 = 0
        var digitCount = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
            if significand == 0 && digit == 0 {
                if seenPoint { exponent -= 1 }
                continue
            }
            digitCount += 1
            guard digitCount <= 19 else { return nil }
            significand = significand * 10 + UInt64(digit)
            if seenPoint { exponent -= 1 }
        }
        return ShortestDecimal(significand: significand, exponent: exponent)
    }
}

/// Exact comparisons and ceilings of `Π numerators / Π denominators`, every factor read as its
/// shortest decimal.
enum ExactQuotient {
    /// Whether a float estimate is so close to an integer that rounding could put it on the
    /// wrong side.
    @inline(__always)
    static func isNearInteger(_ estimate: Double) -> Bool {
        abs(estimate - estimate.rounded()) <= 1e-9 * max(1, abs(estimate))
    }

    /// The sign of (Π numerators / Π denominators − integer): −1, 0 or +1, exactly. nil when a
    /// factor is negative, NaN or infinite, or a denominator is zero.
    static func compare(numerators: [Double], denominators: [Double], with integer: UInt64) -> Int? {
        var left = BigNatural(1)
        var leftExponent = 0
        for factor in numerators {
            guard let decimal = ShortestDecimal(factor) else { return nil }
            left = left * BigNatural(decimal.significand)
            leftExponent += decimal.exponent
        }
        var right = BigNatural(integer)
        var rightExponent = 0
        for factor in denominators {
            guard let decimal = ShortestDecimal(factor), decimal.significand != 0 else { return nil }
            right = right * BigNatural(decimal.significand)
            rightExponent += decimal.exponent
        }
        if leftExponent >= rightExponent {
            left = left * BigNatural.tenToThe(leftExponent - rightExponent)
        } else {
            right = right * BigNatural.tenToThe(rightExponent - leftExponent)
        }
        return left < right ? -1 : (right < left ? 1 : 0)
    }

    /// ⌈Π numerators / Π denominators⌉ given the float `estimate` of the quotient; nil when the
    /// estimate is not finite, negative or not below `limit`.
    static func ceiling(estimate: Double, numerators: [Double], denominators: [Double], limit: Double) -> Int? {
        guard estimate.isFinite, estimate >= 0, estimate < limit else { return nil }
        if !isNearInteger(estimate) { return Int(estimate.rounded(.up)) }
        // Smallest k with value ≤ k, searching around the rounded estimate.
        var k = UInt64(estimate.rounded())
        while let sign = compare(numerators: numerators, denominators: denominators, with: k), sign > 0 { k += 1 }
        while k > 0, let sign = compare(numerators: numerators, denominators: denominators, with: k - 1), sign <= 0 {
            k -= 1
        }
        guard Double(k) < limit else { return nil }
        return Int(k)
    }

    /// ⌊Π numerators / Π denominators⌋ given the float `estimate`; nil as for `ceiling`.
    static func floor(estimate: Double, numerators: [Double], denominators: [Double], limit: Double) -> Int? {
        guard estimate.isFinite, estimate >= 0, estimate < limit else { return nil }
        if !isNearInteger(estimate) { return Int(estimate.rounded(.down)) }
        // Largest k with k ≤ value.
        var k = UInt64(estimate.rounded())
        while k > 0, let sign = compare(numerators: numerators, denominators: denominators, with: k), sign < 0 {
            k -= 1
        }
        while let sign = compare(numerators: numerators, denominators: denominators, with: k + 1), sign >= 0 { k += 1 }
        guard Double(k) < limit else { return nil }
        return Int(k)
    }
}
