/// A CSV file with a header row, read by column name: the one reader of the tool's own tables
/// (team, requests, previous roster, events, channel map, and the plan's files read back).
///
/// Header names are trimmed and compared in lower case. What the caller declares decides the
/// rest, with one wording for every file:
/// - an empty file: "the file is empty; expected a header …" (`CoreError.badFile`);
/// - a column outside `known` (when unknown columns are refused): "unknown column 'x'; expected …"
///   at that column, or "the first line must be a header …" when a header cell starts with a
///   digit (the file starts with data); a column named twice: "column 'x' appears twice (also column N) …";
/// - a `required` column missing: "missing column 'x'; expected …" at the end of the header;
/// - a record wider than the header (or, with `exactWidth`, of another width): "this line has N
///   fields but the header names W" at the first field beyond the shorter of the two.
public struct HeadedCSVReader {
    public let header: CSVRecord
    /// Header names, trimmed and lower-cased, in file order.
    public let names: [String]
    /// How the expected header is described in messages (`id,name,skills`).
    public let expected: String
    /// The reader, on the current record after ``nextRecord()``: its fields read in place
    /// (``CSVReader/decimal(_:allowDecimalComma:)``, ``CSVReader/timestamp(_:)``, …).
    public private(set) var reader: CSVReader
    private let exactWidth: Bool

    /// Reads the header of `reader`.
    /// - Parameters:
    ///   - known: the column names the file may have; nil accepts any (the caller looks up what it
    ///     needs and ignores the rest).
    ///   - required: the columns that must be there.
    ///   - exactWidth: every record has as many fields as the header; otherwise fewer are allowed
    ///     (a missing trailing optional cell).
    public init(
        _ reader: CSVReader, expected: String, known: [String]? = nil, required: [String] = [],
        exactWidth: Bool = true
    ) throws(CoreError) {
        var reader = reader
        guard let header = try reader.next() else {
            throw .badFile(path: reader.file, "the file is empty; expected a header \(expected)")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        // A header cell that starts with a digit is a date, a time or a number: the file starts
        // with data, not with a header.
        let looksLikeData = names.contains { $0.first?.isASCII == true && $0.first?.isNumber == true }
        for (k, name) in names.enumerated() {
            if let known, !known.contains(name) {
                throw .badData(
                    header.location(ofField: k),
                    looksLikeData
                        ? "the first line must be a header naming the columns: \(expected)"
                        : "unknown column '\(header.fields[k].trimmingCharacters(in: .whitespaces))'; expected \(expected)"
                )
            }
            if let earlier = names[..<k].firstIndex(of: name) {
                throw .badData(
                    header.location(ofField: k),
                    "column '\(name)' appears twice (also column \(earlier + 1)); each column needs its own name")
            }
        }
        for name in required where !names.contains(name) {
            throw .badData(
                header.location(ofField: header.fields.count), "missing column '\(name)'; expected \(expected)")
        }
        self.reader = reader
        self.header = header
        self.names = names
        self.expected = expected
        self.exactWidth = exactWidth
    }

    public var file: String { reader.file }

    /// Whether numbers may use a decimal comma (the file is not comma-separated).
    public var allowsDecimalComma: Bool { reader.delimiter != UInt8(ascii: ",") }

    /// The index of the column `name` (lower case), nil when the header has none.
    public func column(_ name: String) -> Int? { names.firstIndex(of: name) }

    /// An error about the header as a whole, at its first field.
    public func headerError(_ message: String) -> CoreError { .badData(header.location(ofField: 0), message) }

    /// The next record, checked against the header's width; nil at the end of the file.
    public mutating func next() throws(CoreError) -> CSVRecord? {
        guard let record = try reader.next() else { return nil }
        let width = names.count
        if record.fields.count > width || (exactWidth && record.fields.count != width) {
            throw .badData(
                record.location(ofField: min(record.fields.count, width)),
                "this line has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s") but the header names \(width)"
                    + (record.fields.count > width ? "; quote a value that contains the delimiter" : ""))
        }
        return record
    }

    /// Advances to the next record, checked against the header's width as ``next()`` checks it;
    /// false at the end of the file. Its fields are then read in place through ``withFieldBytes(_:_:)``
    /// and ``field(_:)``, without a `String` per field.
    public mutating func nextRecord() throws(CoreError) -> Bool {
        guard try reader.nextRecord() else { return false }
        let width = names.count
        let count = reader.fieldCount
        if count > width || (exactWidth && count != width) {
            throw .badData(
                reader.location(ofField: min(count, width)),
                "this line has \(count) field\(count == 1 ? "" : "s") but the header names \(width)"
                    + (count > width ? "; quote a value that contains the delimiter" : ""))
        }
        return true
    }

    /// Field `index` of the current record.
    public func field(_ index: Int) -> String { reader.field(index) }

    /// Where field `index` of the current record starts.
    public func location(ofField index: Int) -> SourceLocation { reader.location(ofField: index) }

    /// The line the current record starts on.
    public var line: Int { reader.position(ofField: 0).line }

    /// The current record as ``next()`` returns it (for the messages and rare paths that want it).
    public var record: CSVRecord {
        CSVRecord(
            file: reader.file, fields: (0..<reader.fieldCount).map { reader.field($0) },
            positions: (0..<reader.fieldCount).map { reader.position(ofField: $0) }, end: reader.endOfRecord)
    }

    /// Every remaining record.
    public mutating func rest() throws(CoreError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try next() { records.append(record) }
        return records
    }
}
