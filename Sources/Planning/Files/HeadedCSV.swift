import Foundation
import StaffcastCore

/// A CSV file with a header row, as the tool reads its own outputs back (forecasts, requirements,
/// staffing plans): columns found by name, every record checked against the header's width, and
/// timestamps read with the location of their field for the error message.
struct HeadedCSV {
    let path: String
    let header: CSVRecord
    /// Header names, trimmed and lower-cased.
    let names: [String]
    private var reader: CSVReader

    /// Opens `path` and reads its header; `expected` describes the header for an empty file's message.
    init(path: String, expected: String) throws(PlanningError) {
        self.path = path
        var reader = try core { () throws(CoreError) in try CSVReader(path: path) }
        guard let header = try core({ () throws(CoreError) in try reader.next() }) else {
            throw .core(.badFile(path: path, "the file is empty; expected a header \(expected)"))
        }
        self.reader = reader
        self.header = header
        self.names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    func column(_ name: String) -> Int? { names.firstIndex(of: name) }

    /// Whether numbers may use a decimal comma (the file is not comma-separated).
    var allowsDecimalComma: Bool { reader.delimiter != UInt8(ascii: ",") }

    /// An error about the header as a whole.
    func headerError(_ message: String) -> PlanningError { .core(.badData(header.location(ofField: 0), message)) }

    /// The next record, which must have as many fields as the header.
    mutating func next() throws(PlanningError) -> CSVRecord? {
        guard let record = try core({ () throws(CoreError) in try reader.next() }) else { return nil }
        guard record.fields.count == names.count else {
            throw .core(.badData(record.location(ofField: max(0, min(record.fields.count, names.count) - 1)),
                                 "expected \(names.count) fields as in the header, found \(record.fields.count)"))
        }
        return record
    }

    /// The instant in field `column` of `record`.
    func instant(_ record: CSVRecord, _ column: Int, calendar: PlanningCalendar) throws(PlanningError) -> Int64 {
        do { return try TimestampParser.parseInstant(record.fields[column], calendar: calendar) } catch {
            throw .core(.badData(record.location(ofField: column), "expected an ISO 8601 timestamp: \(error.description)"))
        }
    }

    /// The interval of rows grouped by `key`: the greatest common divisor of the gaps between
    /// each group's consecutive instants (a group with one row takes the others' interval).
    static func interval(of groups: [[Int64]], path: String) throws(PlanningError) -> Int {
        var divisor: Int64 = 0
        for instants in groups {
            let sorted = instants.sorted()
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                var (x, y) = (b - a, divisor)
                while y != 0 { (x, y) = (y, x % y) }
                divisor = x
            }
        }
        guard divisor > 0, divisor <= 86_400, 86_400 % divisor == 0 else {
            throw .invalidRequest("\(path): cannot tell the interval from the timestamps; give --interval")
        }
        return Int(divisor)
    }
}
