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
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        let maxDigits = max(0, maxFractionDigits)
        let minDigits = min(max(0, minFractionDigits), maxDigits)
        // Fast path: whole numbers in the exactly representable range.
        if x.rounded(.towardZero) == x, abs(x) < 1e15 {
            let whole = Int64(x)
            let text = whole == 0 ? "0" : String(whole)
            return minDigits == 0 ? text : text + "." + String(repeating: "0", count: minDigits)
        }
        var (digits, point) = decimalDigits(abs(x))
        // Round to `maxDigits` fraction digits: keep the first `point + maxDigits` digits.
        let keep = point + maxDigits
        if keep < 0 {
            digits = []
        } else if keep < digits.count {
            let roundUp = digits[keep] >= 5
            digits.removeSubrange(keep...)
            if roundUp {
                var k = keep - 1
                while k >= 0 && digits[k] == 9 { digits[k] = 0; k -= 1 }
                if k >= 0 { digits[k] += 1 } else { digits.insert(1, at: 0); point += 1 }
            }
        }
        let isZero = !digits.contains { $0 != 0 }
        var integerPart = ""
        var fractionPart = ""
        if point <= 0 {
            integerPart = "0"
            fractionPart = String(repeating: "0", count: -point) + digitString(digits)
        } else if point >= digits.count {
            integerPart = digitString(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            integerPart = digitString(digits[..<point])
            fractionPart = digitString(digits[point...])
        }
        if integerPart.isEmpty { integerPart = "0" }
        while let last = fractionPart.last, last == "0", fractionPart.count > minDigits { fractionPart.removeLast() }
        if fractionPart.count > maxDigits { fractionPart = String(fractionPart.prefix(maxDigits)) }
        while fractionPart.count < minDigits { fractionPart += "0" }
        let sign = x < 0 && !isZero ? "-" : ""
        return sign + integerPart + (fractionPart.isEmpty ? "" : "." + fractionPart)
    }

    /// The shortest round-tripping decimal digits of `x` (positive, finite) and the position of
    /// the decimal point: x = 0.d₁d₂… × 10^point.
    private static func decimalDigits(_ x: Double) -> (digits: [UInt8], point: Int) {
        let text = x.description  // "123.456", "1e-07", "1.2345e+20"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        for c in mantissa {
            if c == "." { seenPoint = true; continue }
            guard let v = c.wholeNumberValue else { continue }
            digits.append(UInt8(v))
            if !seenPoint { point += 1 }
        }
        // Drop leading zeros ("0.0012" → digits 12, point -2).
        while let first = digits.first, first == 0, digits.count > 1 { digits.removeFirst(); point -= 1 }
        return (digits, point + exponent)
    }

    private static func digitString<S: Sequence>(_ digits: S) -> String where S.Element == UInt8 {
        String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }
}
