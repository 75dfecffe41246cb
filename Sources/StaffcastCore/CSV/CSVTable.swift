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

    /// `CSVText.field(field)`'s bytes appended to `bytes`.
    static func append(_ field: String, to bytes: inout [UInt8]) { CSVText.append(field, to: &bytes) }

    /// The field as a table cell: see ``CSVText/field(_:neutralizing:quotingOuterSpaces:)``.
    public static func escape(_ field: String) -> String { CSVText.field(field) }
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
