import StaffcastCore

/// An RFC 4180 table for output: a header and rows of already-formatted fields, written with LF
/// line endings and quotes only where a field needs them.
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func render() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(80 * (rows.count + 1))
        for row in [header] + rows {
            for (i, field) in row.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.append(field, to: &bytes)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `escape(field)`'s bytes appended to `bytes`, without building a string for the plain
    /// fields that are nearly all of a table.
    static func append(_ field: String, to bytes: inout [UInt8]) {
        let utf8 = field.utf8
        guard let first = utf8.first else { return }
        let formulaStart =
            first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || first == 9 || first == 13
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        if formulaStart || needsQuotes {
            bytes.append(contentsOf: escape(field).utf8)
        } else {
            bytes.append(contentsOf: utf8)
        }
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
    /// Probabilities and fractions: the shortest decimal that reads back as the same double.
    public static func fraction(_ x: Double) -> String { NumberFormat.shortest(x) }
    /// Seconds and hours: the shortest decimal that reads back as the same double; "inf" for an
    /// unstable queue.
    public static func seconds(_ x: Double) -> String { NumberFormat.shortest(x) }
}
