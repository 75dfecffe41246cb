import StaffcastCore

/// An RFC 4180 table for output: a header and rows of already-formatted fields, written with LF
/// line endings and quotes only where a field needs them.
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header; self.rows = rows
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func render() -> String {
        var text = ""
        text.reserveCapacity(64 * (rows.count + 1))
        for row in [header] + rows {
            text += row.map(Self.escape).joined(separator: ",")
            text += "\n"
        }
        return text
    }

    /// Quotes a field containing a comma, quote, CR or LF; doubles embedded quotes. A text cell
    /// that begins with `=`, `+`, `-`, `@`, TAB or CR gets a leading apostrophe, so a spreadsheet
    /// shows it as text instead of running it as a formula (OWASP, "CSV Injection"); numbers
    /// (`-3`, `+1.5e3`) are left as they are. `CSVText.unescaped` reads such a cell back.
    public static func escape(_ field: String) -> String {
        let field = CSVText.neutralized(field)
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The number formats of every output file, so reruns write identical bytes.
public enum Format {
    /// Contacts and agents-as-expected-values: up to 3 decimals, no trailing zeros.
    public static func volume(_ x: Double) -> String { NumberFormat.plain(x, maxFractionDigits: 3) }
    /// Probabilities and fractions: up to 6 decimals.
    public static func fraction(_ x: Double) -> String { NumberFormat.plain(x, maxFractionDigits: 6) }
    /// Seconds and hours: up to 2 decimals; "inf" for an unstable queue.
    public static func seconds(_ x: Double) -> String {
        x.isInfinite ? "inf" : NumberFormat.plain(x, maxFractionDigits: 2)
    }
}
