/// The spreadsheet-formula rule for text cells, both ways: written with a leading apostrophe when
/// they begin with a character a spreadsheet would run as a formula, read back without it.
public enum CSVText {
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
