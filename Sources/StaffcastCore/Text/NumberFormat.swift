/// Numbers written the same way on every platform and every run, for CSV and JSON output.
public enum NumberFormat {
    /// `x` in plain decimal notation: never an exponent, no trailing zeros beyond
    /// `minFractionDigits`, at most `maxFractionDigits` fraction digits, and never "-0".
    ///
    /// Rounding starts from the shortest decimal that reads back as `x` (Swift's `description`,
    /// i.e. what a planner typed or a computation most plausibly meant) and rounds half away from
    /// zero, so 2.675 → "2.68" (printf gives "2.67" because the binary value lies just below).
    /// Non-finite values are written "nan", "inf" and "-inf"; writers that must not emit them
    /// check `isFinite` first.
    ///
    ///     plain(12.50, maxFractionDigits: 3)  == "12.5"
    ///     plain(1e21, maxFractionDigits: 0)   == "1000000000000000000000"
    ///     plain(-0.0004, maxFractionDigits: 3) == "0"
    ///     plain(3, maxFractionDigits: 2, minFractionDigits: 2) == "3.00"
    public static func plain(_ x: Double, maxFractionDigits: Int, minFractionDigits: Int = 0) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendPlain(x, maxFractionDigits: maxFractionDigits, minFractionDigits: minFractionDigits, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `plain(x, …)`'s bytes appended to `out`, without allocating (the CSV writers' path).
    public static func appendPlain(
        _ x: Double, maxFractionDigits: Int, minFractionDigits: Int = 0, to out: inout [UInt8]
    ) {
        guard x.isFinite else { return appendNonFinite(x, to: &out) }
        let maxDigits = max(0, maxFractionDigits)
        let minDigits = min(max(0, minFractionDigits), maxDigits)
        // Fast path: whole numbers in the exactly representable range.
        if x.rounded(.towardZero) == x, abs(x) < 1e15 {
            appendInteger(Int64(x), to: &out)
            if minDigits > 0 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: repeatElement(48, count: minDigits))
            }
            return
        }
        if appendScaledFast(x, maxDigits: maxDigits, minDigits: minDigits, to: &out) { return }
        ShortestDigits.withDigits(abs(x)) { shortest, shortestPoint in
            // The digits, with a place in front for a carry: d[first..<end], x ≈ 0.d… × 10^point.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ShortestDigits.bufferCapacity + 1) { d in
                var first = 1
                var end = 1
                for digit in shortest {
                    d[end] = digit
                    end += 1
                }
                var point = shortestPoint
                // Round to `maxDigits` fraction digits: keep the first `point + maxDigits` digits.
                let keep = point + maxDigits
                if keep < 0 {
                    end = first
                } else if keep < end - first {
                    let roundUp = d[first + keep] >= 5
                    end = first + keep
                    if roundUp {
                        var k = end - 1
                        while k >= first && d[k] == 9 {
                            d[k] = 0
                            k -= 1
                        }
                        if k >= first {
                            d[k] += 1
                        } else {
                            first -= 1
                            d[first] = 1
                            point += 1
                        }
                    }
                }
                var isZero = true
                for k in first..<end where d[k] != 0 { isZero = false }
                // The integer digits, then the fraction trimmed and padded.
                if x < 0 && !isZero { out.append(UInt8(ascii: "-")) }
                let count = end - first
                var fractionStart: Int
                var leadingZeros = 0
                if point <= 0 {
                    out.append(48)
                    leadingZeros = -point
                    fractionStart = first
                } else if point >= count {
                    for k in first..<end { out.append(d[k] + 48) }
                    out.append(contentsOf: repeatElement(48, count: point - count))
                    fractionStart = end
                } else {
                    for k in first..<(first + point) { out.append(d[k] + 48) }
                    fractionStart = first + point
                }
                var fractionEnd = end
                // Trailing zeros go down to minDigits; then at most maxDigits, at least minDigits.
                var fractionCount = leadingZeros + (fractionEnd - fractionStart)
                while fractionCount > minDigits {
                    if fractionEnd > fractionStart {
                        guard d[fractionEnd - 1] == 0 else { break }
                        fractionEnd -= 1
                    } else if leadingZeros > 0 {
                        leadingZeros -= 1
                    } else {
                        break
                    }
                    fractionCount -= 1
                }
                if fractionCount > maxDigits {
                    let excess = fractionCount - maxDigits
                    if fractionEnd - fractionStart >= excess {
                        fractionEnd -= excess
                    } else {
                        leadingZeros -= excess - (fractionEnd - fractionStart)
                        fractionEnd = fractionStart
                    }
                    fractionCount = maxDigits
                }
                let padding = max(0, minDigits - fractionCount)
                if fractionCount + padding > 0 {
                    out.append(UInt8(ascii: "."))
                    out.append(contentsOf: repeatElement(48, count: leadingZeros))
                    for k in fractionStart..<fractionEnd { out.append(d[k] + 48) }
                    out.append(contentsOf: repeatElement(48, count: padding))
                }
            }
        }
    }

    /// `x` in plain decimal notation with the fewest digits that read back as exactly `x`
    /// (machine output must round-trip): 0.1 → "0.1", 1/3 → "0.3333333333333333", 1e-7 →
    /// "0.0000001", never an exponent, never "-0". Non-finite values as in `plain`.
    public static func shortest(_ x: Double) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendShortest(x, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `shortest(x)`'s bytes appended to `out`, without allocating (the CSV writers' path).
    public static func appendShortest(_ x: Double, to out: inout [UInt8]) {
        guard x.isFinite else { return appendNonFinite(x, to: &out) }
        if x == 0 { return out.append(48) }
        if x.rounded(.towardZero) == x, abs(x) < 1e15 { return appendInteger(Int64(x), to: &out) }
        // Between 10⁻⁴ and 10¹⁵ a number with a fraction is written as `description` writes it
        // ("0.8895710294793281", "-12.5"): its text goes straight into `out` (an exponent,
        // should one appear, sends it the long way).
        if abs(x) >= 1e-4, abs(x) < 1e15, ShortestDigits.appendPlainDescription(x, to: &out) { return }
        if x < 0 { out.append(UInt8(ascii: "-")) }
        ShortestDigits.withDigits(abs(x)) { digits, point in
            if point <= 0 {
                out.append(48)
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: repeatElement(48, count: -point))
                for digit in digits { out.append(digit + 48) }
            } else if point >= digits.count {
                for digit in digits { out.append(digit + 48) }
                out.append(contentsOf: repeatElement(48, count: point - digits.count))
            } else {
                for digit in digits[..<point] { out.append(digit + 48) }
                out.append(UInt8(ascii: "."))
                for digit in digits[point...] { out.append(digit + 48) }
            }
        }
    }

    /// "nan", "inf" or "-inf".
    private static func appendNonFinite(_ x: Double, to out: inout [UInt8]) {
        out.append(contentsOf: x.isNaN ? "nan".utf8 : (x < 0 ? "-inf".utf8 : "inf".utf8))
    }

    /// The decimal digits of `value`, with a minus sign when negative.
    public static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var count = 1
        var scale: UInt64 = 10
        while count < 20 && magnitude >= scale {
            count += 1
            if scale > UInt64.max / 10 { break }
            scale *= 10
        }
        let start = out.count
        out.append(contentsOf: repeatElement(48, count: count))
        var k = start + count - 1
        repeat {
            out[k] = UInt8(48 + magnitude % 10)
            magnitude /= 10
            k -= 1
        } while magnitude > 0
    }

    private static let powersOfTen: [Double] = (0...9).map { pow10($0) }
    private static func pow10(_ k: Int) -> Double { (0..<k).reduce(1.0) { value, _ in value * 10 } }
    private static let integerPowersOfTen: [Int64] = (0...9).map { k in (0..<k).reduce(1) { value, _ in value * 10 } }

    /// The same text computed from y = |x| · 10^maxDigits rounded, when that cannot differ from
    /// rounding the shortest decimal: y below 10¹² (its rounding error is under 2·10⁻⁴) and its
    /// fraction more than 10⁻³ from one half, so both land on the same side of the tie. Else false
    /// and nothing appended (the digit path decides, as for 2.675 → "2.68").
    private static func appendScaledFast(_ x: Double, maxDigits: Int, minDigits: Int, to out: inout [UInt8]) -> Bool {
        guard maxDigits < powersOfTen.count else { return false }
        let y = abs(x) * powersOfTen[maxDigits]
        guard y < 1e12 else { return false }
        let floor = y.rounded(.down)
        let fraction = y - floor
        guard abs(fraction - 0.5) > 1e-3 else { return false }
        let n = Int64(fraction > 0.5 ? floor + 1 : floor)
        if x < 0 && n != 0 { out.append(UInt8(ascii: "-")) }
        let scale = integerPowersOfTen[maxDigits]
        appendInteger(n / scale, to: &out)
        var rest = n % scale
        // The fraction's digits, trailing zeros dropped down to minDigits.
        var count = maxDigits
        while count > minDigits, rest % 10 == 0 {
            rest /= 10
            count -= 1
        }
        if count > 0 {
            out.append(UInt8(ascii: "."))
            let start = out.count
            out.append(contentsOf: repeatElement(48, count: count))
            var k = start + count - 1
            while k >= start {
                out[k] = UInt8(48 + rest % 10)
                rest /= 10
                k -= 1
            }
        }
        return true
    }
}
