/// Text cells of the CSV files Staffcast writes, and the spreadsheet-formula rule both ways: a cell
/// that begins with a character a spreadsheet would run as a formula is written with a leading
/// apostrophe and read back without it.
public enum CSVText {
    /// One output field (RFC 4180): with `neutralizing`, a leading apostrophe before a formula
    /// start (`neutralized`); quoted when it holds a comma, a quote, CR or LF (bytes, so a CRLF
    /// inside a name counts), and with `quotingOuterSpaces` when it begins or ends with a space;
    /// embedded quotes doubled.
    ///
    /// `inspect --dump` writes without neutralizing, so that the history reader, which takes
    /// cells as they are, reads its output back unchanged.
    public static func field(_ text: String, neutralizing: Bool = true, quotingOuterSpaces: Bool = false) -> String {
        let text = neutralizing ? neutralized(text) : text
        let utf8 = text.utf8
        let needsQuotes =
            utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || (quotingOuterSpaces && (utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ")))
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `field(text)`'s bytes appended to `bytes`, without building a string for the plain fields
    /// that are nearly all of a table.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        guard let first = utf8.first else { return }
        // The bytes of `formulaStarts`, compared without hashing a scalar per field.
        let formulaStart =
            first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || first == 9 || first == 13
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        if formulaStart || needsQuotes {
            bytes.append(contentsOf: field(text).utf8)
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    /// The characters that make a spreadsheet evaluate a cell (OWASP, "CSV Injection").
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `field` with an apostrophe in front when it begins like a formula and is not a number.
    public static func neutralized(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, formulaStarts.contains(first), !isNumber(field) else {
            return field
        }
        return "'" + field
    }

    /// A cell written by `neutralized`, as it was: the apostrophe removed where it protects a
    /// formula start.
    public static func unescaped(_ field: String) -> String {
        let scalars = field.unicodeScalars
        guard scalars.first == "'", let second = scalars.dropFirst().first, formulaStarts.contains(second) else {
            return field
        }
        return String(String.UnicodeScalarView(scalars.dropFirst()))
    }

    /// A plain decimal number: optional sign, digits with an optional fraction, optional exponent.
    static func isNumber(_ text: String) -> Bool {
        var s = Substring(text)
        if s.first == "+" || s.first == "-" { s = s.dropFirst() }
        var digits = 0
        var dot = false
        while let c = s.first, c.isASCII, c.isNumber || (c == "." && !dot) {
            if c == "." { dot = true } else { digits += 1 }
            s = s.dropFirst()
        }
        guard digits > 0 else { return false }
        if s.first == "e" || s.first == "E" {
            s = s.dropFirst()
            if s.first == "+" || s.first == "-" { s = s.dropFirst() }
            guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            return true
        }
        return s.isEmpty
    }
}
