/// Reads decimal numbers from CSV fields without allocating: `12`, `-3.5`, `1e3`, and with
/// `allowDecimalComma` (files separated by `;` or tabs, from Dutch or German Excel) `12,5`.
///
/// Values with at most 15 significant digits are computed as one correctly rounded division of
/// two exact doubles (Clinger's fast path); anything longer goes to the standard library's
/// correctly rounded parser. So results never depend on the path, and a 400-digit number is
/// simply a large double, never an overflow.
public enum DecimalParser {
    public enum Failure: Error, Sendable, Equatable {
        case empty
        /// Not a number at all (text, thousands separators, a decimal comma in a comma file).
        case notANumber
        /// `NaN`, `inf`, or a value beyond the range of a double.
        case notFinite
    }

    private static let powersOfTen: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }  // exact: every power up to 10^22 is a double
        return p
    }

    /// Parses `field` (surrounding spaces allowed).
    public static func parse(_ field: UnsafeBufferPointer<UInt8>, allowDecimalComma: Bool) -> Result<Double, Failure> {
        var lower = 0
        var upper = field.count
        while lower < upper && (field[lower] == 0x20 || field[lower] == 0x09) { lower += 1 }
        while upper > lower && (field[upper - 1] == 0x20 || field[upper - 1] == 0x09) { upper -= 1 }
        if lower == upper { return .failure(.empty) }

        var i = lower
        var negative = false
        if field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+") {
            negative = field[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var fractionDigits = 0
        var digits = 0
        var seenPoint = false
        var simple = true
        while i < upper {
            let b = field[i]
            if b >= 0x30 && b <= 0x39 {
                digits += 1
                if seenPoint { fractionDigits += 1 }
                if mantissa != 0 || b != 0x30 { significant += 1 }
                if significant <= 15 { mantissa = mantissa * 10 + UInt64(b - 0x30) } else { simple = false }
            } else if !seenPoint && (b == UInt8(ascii: ".") || (allowDecimalComma && b == UInt8(ascii: ","))) {
                seenPoint = true
            } else {
                simple = false
                break
            }
            i += 1
        }
        if simple {
            guard digits > 0 else { return .failure(.notANumber) }
            if fractionDigits <= 22 {
                let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
                return .success(negative ? -magnitude : magnitude)
            }
        }
        return slowParse(UnsafeBufferPointer(rebasing: field[lower..<upper]), allowDecimalComma: allowDecimalComma)
    }

    /// Parses `text` (surrounding spaces allowed).
    public static func parse(_ text: String, allowDecimalComma: Bool) -> Result<Double, Failure> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { parse($0, allowDecimalComma: allowDecimalComma) }
    }

    /// Exponents, long digit strings and the words for non-finite values.
    private static func slowParse(_ b: UnsafeBufferPointer<UInt8>, allowDecimalComma: Bool) -> Result<Double, Failure> {
        var text = ""
        text.reserveCapacity(b.count)
        var seenPoint = false
        var seenExponent = false
        var digitsBefore = 0
        var digitsAfter = 0
        for (k, byte) in b.enumerated() {
            switch byte {
            case 0x30...0x39:
                if seenExponent { digitsAfter += 1 } else { digitsBefore += 1 }
                text.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard !seenPoint, !seenExponent, byte == UInt8(ascii: ".") || allowDecimalComma else {
                    return .failure(.notANumber)
                }
                seenPoint = true
                text += "."
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard !seenExponent, digitsBefore > 0 else { return nonFiniteOrGarbage(b) }
                seenExponent = true
                text += "e"
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let previous = k > 0 ? b[k - 1] : 0
                guard k == 0 || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else {
                    return .failure(.notANumber)
                }
                text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                return nonFiniteOrGarbage(b)
            }
        }
        guard digitsBefore > 0, !seenExponent || digitsAfter > 0, let value = Double(text) else {
            return .failure(.notANumber)
        }
        return value.isFinite ? .success(value) : .failure(.notFinite)
    }

    private static func nonFiniteOrGarbage(_ b: UnsafeBufferPointer<UInt8>) -> Result<Double, Failure> {
        var word = String(decoding: b, as: UTF8.self).lowercased()
        if word.hasPrefix("-") || word.hasPrefix("+") { word.removeFirst() }
        return ["nan", "inf", "infinity", "∞", "#num!", "#div/0!"].contains(word)
            ? .failure(.notFinite) : .failure(.notANumber)
    }
}
