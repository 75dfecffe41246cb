/// The number formatter as it was before the CSV writers wrote bytes (issue 23), kept verbatim
/// as the reference the byte formatter is compared with: every String it builds goes through
/// `description`, so it is slow but plainly right.
enum ReferenceNumberFormat {
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
    static func plain(_ x: Double, maxFractionDigits: Int, minFractionDigits: Int = 0) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        let maxDigits = max(0, maxFractionDigits)
        let minDigits = min(max(0, minFractionDigits), maxDigits)
        // Fast path: whole numbers in the exactly representable range.
        if x.rounded(.towardZero) == x, abs(x) < 1e15 {
            let whole = Int64(x)
            let text = whole == 0 ? "0" : String(whole)
            return minDigits == 0 ? text : text + "." + String(repeating: "0", count: minDigits)
        }
        if let fast = scaledFast(x, maxDigits: maxDigits, minDigits: minDigits) { return fast }
        var (digits, point) = decimalDigits(abs(x))
        // Round to `maxDigits` fraction digits: keep the first `point + maxDigits` digits.
        let keep = point + maxDigits
        if keep < 0 {
            digits.removeAll()
        } else if keep < digits.count {
            let roundUp = digits[keep] >= 5
            digits.removeSubrange(keep...)
            if roundUp {
                var k = keep - 1
                while k >= 0 && digits[k] == 9 {
                    digits[k] = 0
                    k -= 1
                }
                if k >= 0 {
                    digits[k] += 1
                } else {
                    digits.insert(1, at: 0)
                    point += 1
                }
            }
        }
        let isZero = !digits.contains { $0 != 0 }
        // Written as bytes: the integer digits, then the fraction trimmed and padded.
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + max(0, point) + maxDigits + 4)
        if x < 0 && !isZero { out.append(UInt8(ascii: "-")) }
        var fraction: ArraySlice<UInt8>
        var leadingZeros = 0
        if point <= 0 {
            out.append(0)
            leadingZeros = -point
            fraction = digits[...]
        } else if point >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(0, count: point - digits.count))
            fraction = []
        } else {
            out.append(contentsOf: digits[..<point])
            fraction = digits[point...]
        }
        if out.isEmpty || out == [UInt8(ascii: "-")] { out.append(0) }
        // Trailing zeros go down to minDigits; then at most maxDigits, at least minDigits.
        var fractionCount = leadingZeros + fraction.count
        while fractionCount > minDigits, let last = fraction.last ?? (leadingZeros > 0 ? 0 : nil), last == 0 {
            if !fraction.isEmpty { fraction.removeLast() } else { leadingZeros -= 1 }
            fractionCount -= 1
        }
        if fractionCount > maxDigits {
            let excess = fractionCount - maxDigits
            if fraction.count >= excess {
                fraction.removeLast(excess)
            } else {
                leadingZeros -= excess - fraction.count
                fraction = []
            }
            fractionCount = maxDigits
        }
        let padding = max(0, minDigits - fractionCount)
        if fractionCount + padding > 0 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(0, count: leadingZeros))
            out.append(contentsOf: fraction)
            out.append(contentsOf: repeatElement(0, count: padding))
        }
        for i in out.indices where out[i] < 10 { out[i] += 48 }
        return String(decoding: out, as: UTF8.self)
    }

    /// `x` in plain decimal notation with the fewest digits that read back as exactly `x`
    /// (machine output must round-trip): 0.1 → "0.1", 1/3 → "0.3333333333333333", 1e-7 →
    /// "0.0000001", never an exponent, never "-0". Non-finite values as in `plain`.
    static func shortest(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        if x == 0 { return "0" }
        if x.rounded(.towardZero) == x, abs(x) < 1e15 { return String(Int64(x)) }
        let (digits, point) = decimalDigits(abs(x))
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + abs(point) + 3)
        if x < 0 { out.append(UInt8(ascii: "-")) }
        if point <= 0 {
            out.append(48)
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(48, count: -point))
            out.append(contentsOf: digits.map { $0 + 48 })
        } else if point >= digits.count {
            out.append(contentsOf: digits.map { $0 + 48 })
            out.append(contentsOf: repeatElement(48, count: point - digits.count))
        } else {
            out.append(contentsOf: digits[..<point].map { $0 + 48 })
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[point...].map { $0 + 48 })
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let powersOfTen: [Double] = (0...9).map { pow10($0) }
    private static func pow10(_ k: Int) -> Double { (0..<k).reduce(1.0) { value, _ in value * 10 } }

    /// The same text computed from y = |x| · 10^maxDigits rounded, when that cannot differ from
    /// rounding the shortest decimal: y below 10¹² (its rounding error is under 2·10⁻⁴) and its
    /// fraction more than 10⁻³ from one half, so both land on the same side of the tie. Else nil
    /// (the digit path decides, as for 2.675 → "2.68").
    private static func scaledFast(_ x: Double, maxDigits: Int, minDigits: Int) -> String? {
        guard maxDigits < powersOfTen.count else { return nil }
        let y = abs(x) * powersOfTen[maxDigits]
        guard y < 1e12 else { return nil }
        let floor = y.rounded(.down)
        let fraction = y - floor
        guard abs(fraction - 0.5) > 1e-3 else { return nil }
        let n = Int64(fraction > 0.5 ? floor + 1 : floor)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        if x < 0 && n != 0 { bytes.append(UInt8(ascii: "-")) }
        var scale: Int64 = 1
        for _ in 0..<maxDigits { scale *= 10 }
        bytes.append(contentsOf: String(n / scale).utf8)
        var fractionDigits = [UInt8](repeating: 48, count: maxDigits)
        var rest = n % scale
        for i in stride(from: maxDigits - 1, through: 0, by: -1) {
            fractionDigits[i] = UInt8(48 + rest % 10)
            rest /= 10
        }
        var count = maxDigits
        while count > minDigits, fractionDigits[count - 1] == 48 { count -= 1 }
        if count > 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: fractionDigits[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The shortest round-tripping decimal digits of `x` (positive, finite) and the position of
    /// the decimal point: x = 0.d₁d₂… × 10^point. Read from the bytes of `x.description`
    /// ("123.456", "1e-07", "1.2345e+20").
    private static func decimalDigits(_ x: Double) -> (digits: [UInt8], point: Int) {
        var text = x.description
        return text.withUTF8 { bytes -> ([UInt8], Int) in
            var digits: [UInt8] = []
            digits.reserveCapacity(24)
            var point = 0
            var exponent = 0
            var seenPoint = false
            var i = 0
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: ".") {
                    seenPoint = true
                } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                    var j = i + 1
                    var negative = false
                    if j < bytes.count, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") {
                        negative = bytes[j] == UInt8(ascii: "-")
                        j += 1
                    }
                    while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 {
                        exponent = exponent * 10 + Int(bytes[j] - 48)
                        j += 1
                    }
                    if negative { exponent = -exponent }
                    break
                } else if c >= 48, c <= 57 {
                    digits.append(c - 48)
                    if !seenPoint { point += 1 }
                }
                i += 1
            }
            // Drop leading zeros ("0.0012" → digits 12, point -2).
            var zeros = 0
            while digits.count - zeros > 1, digits[zeros] == 0 { zeros += 1 }
            if zeros > 0 {
                digits.removeFirst(zeros)
                point -= zeros
            }
            return (digits, point + exponent)
        }
    }
}
