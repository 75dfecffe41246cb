import Foundation
import StaffcastCore

/// A CSV file with a header row, as the tool reads its own outputs back (forecasts, requirements,
/// staffing plans): columns found by name, every record checked against the header's width, and
/// timestamps read with the location of their field for the error message.
struct HeadedCSV {
    let path: String
    private var table: HeadedCSVReader
    /// The day number of the last date read, for ``instant(_:calendar:resolver:)``.
    private var days = TimestampParser.DayCache()

    /// Opens `path` and reads its header; `expected` describes the header for an empty file's message.
    /// `data`: the file's bytes already read (a published plan hashes what it parses); nil reads `path`.
    init(path: String, expected: String, data: Data? = nil) throws(PlanningError) {
        self.path = path
        table = try core { () throws(CoreError) in
            let reader: CSVReader
            if let data { reader = try CSVReader(data: data, name: path) } else { reader = try CSVReader(path: path) }
            return try HeadedCSVReader(reader, expected: expected)
        }
    }

    var header: CSVRecord { table.header }
    /// Header names, trimmed and lower-cased.
    var names: [String] { table.names }

    func column(_ name: String) -> Int? { table.column(name) }

    /// Whether numbers may use a decimal comma (the file is not comma-separated).
    var allowsDecimalComma: Bool { table.allowsDecimalComma }

    /// An error about the header as a whole.
    func headerError(_ message: String) -> PlanningError { .core(table.headerError(message)) }

    /// The next record, which must have as many fields as the header.
    mutating func next() throws(PlanningError) -> CSVRecord? {
        try core { () throws(CoreError) in try table.next() }
    }

    /// Advances to the next record, read in place (``instant(_:calendar:resolver:)``,
    /// ``name(_:names:)``, ``withFieldBytes(_:_:)``); false at the end of the file.
    mutating func nextRecord() throws(PlanningError) -> Bool {
        try core { () throws(CoreError) in try table.nextRecord() }
    }

    /// The current record (for messages and the rare paths that want its Strings).
    var record: CSVRecord { table.record }

    /// The line the current record starts on.
    var line: Int {
        mutating get { table.line }
    }

    // The readers of the current record are `mutating` though they change nothing: called on a
    // `var` a non-mutating method gets a copy of the reader (a dozen reference counts per cell).

    /// Field `index` of the current record read by ``DecimalParser`` in place.
    mutating func decimal(_ index: Int, allowDecimalComma: Bool) -> Result<Double, DecimalParser.Failure> {
        table.reader.decimal(index, allowDecimalComma: allowDecimalComma)
    }

    /// Whether field `index` of the current record is empty.
    mutating func fieldIsEmpty(_ index: Int) -> Bool { table.reader.fieldIsEmpty(index) }

    /// Field `index` of the current record, as text.
    func field(_ index: Int) -> String { table.field(index) }

    func location(ofField index: Int) -> SourceLocation { table.location(ofField: index) }

    /// The instant in field `column` of the current record, parsed from its bytes; `resolver`
    /// places a local time (it caches the zone's offsets from row to row). The same value and
    /// error as ``instant(_:_:calendar:)``, which reads whatever this cannot.
    mutating func instant(_ column: Int, calendar: PlanningCalendar, resolver: inout LocalTimeResolver)
        throws(PlanningError)
        -> Int64
    {
        if case .success(let timestamp) = table.reader.timestamp(column, days: &days) {
            if let instant = timestamp.instant { return instant }
            if case .success(let instant) = resolver.resolve(wallSeconds: timestamp.wallSeconds) { return instant }
        }
        return try instant(record, column, calendar: calendar)
    }

    /// The channel name in field `column` of the current record, as ``name(_:_:)`` reads it, and
    /// its number in `names`, which remembers the names seen so that a row costs a comparison of
    /// bytes.
    mutating func name(_ column: Int, names: inout SeenNames) throws(PlanningError) -> (name: String, number: Int) {
        if let known = names.find(table.reader, column) { return known }
        let name = try name(record, column)
        return (name, names.add(bytes: table.reader.fieldBytes(column), name: name))
    }

    /// The names of a column already read and checked, by their bytes as written.
    struct SeenNames {
        private(set) var names: [String] = []
        private var bytes: [[UInt8]] = []
        private var byBytes: [[UInt8]: Int] = [:]
        private var last = 0

        init() {}

        /// The name in field `column` of the reader's record and its number, nil when it is new.
        mutating func find(_ reader: CSVReader, _ column: Int) -> (name: String, number: Int)? {
            guard !bytes.isEmpty else { return nil }
            // Files cycle through their channels: the one after the last is the usual guess.
            for candidate in [last, (last + 1) % bytes.count] where reader.field(column, equals: bytes[candidate]) {
                last = candidate
                return (names[candidate], candidate)
            }
            guard let found = byBytes[reader.fieldBytes(column)] else { return nil }
            last = found
            return (names[found], found)
        }

        /// Adds a new name; its number.
        mutating func add(bytes raw: [UInt8], name: String) -> Int {
            last = bytes.count
            byBytes[raw] = bytes.count
            bytes.append(raw)
            names.append(name)
            return last
        }
    }

    /// The instant in field `column` of `record`.
    func instant(_ record: CSVRecord, _ column: Int, calendar: PlanningCalendar) throws(PlanningError) -> Int64 {
        do { return try TimestampParser.parseInstant(record.fields[column], calendar: calendar) } catch {
            throw .core(
                .badData(record.location(ofField: column), "expected an ISO 8601 timestamp: \(error.description)"))
        }
    }

    /// The interval lengths a file of the tool may use.
    static let intervals = PlanningInterval.allowedSeconds

    /// The channel name in field `column` of `record`, as written (the formula apostrophe
    /// removed); a name with a control character or a bidirectional override is refused, as in
    /// the config: it would reach every CSV, the HTML report and the terminal.
    func name(_ record: CSVRecord, _ column: Int) throws(PlanningError) -> String {
        let name = CSVText.unescaped(record.fields[column])
        if let bad = name.unicodeScalars.first(where: JSONKeyCheck.isForbidden) {
            throw .core(
                .badData(
                    record.location(ofField: column),
                    "the channel name contains the control character \(JSONKeyCheck.describe(bad)); names must be printable"
                ))
        }
        return name
    }

    /// The grid of a file's rows: `given` (`--interval`), or the most common gap between a
    /// channel's consecutive rows among 5, 10, 15, 30 and 60 minutes (a tie goes to the longer) —
    /// never a finer spacing a stray row would make (a row at 14:00:01 does not turn a 30-minute
    /// file into 1-second intervals, one at :15 does not halve it). Every row must then start on
    /// that grid of the local day; one that does not is an error naming its line.
    static func grid(
        _ rows: [(instant: Int64, channel: String, line: Int)], given: Int?, calendar: PlanningCalendar,
        path: String, column: Int
    ) throws(PlanningError) -> Int {
        var interval: Int? = nil
        if let given {
            guard intervals.contains(given) else {
                throw .invalidRequest(
                    "--interval: \(Durations.format(given)) is not an interval the tool plans in; use 5m, 10m, 15m, 30m or 1h"
                )
            }
            interval = given
        } else {
            var votes: [Int: Int] = [:]
            var byChannel: [String: [Int64]] = [:]
            for row in rows { byChannel[row.channel, default: []].append(row.instant) }
            for instants in byChannel.values {
                let sorted = instants.sorted()
                for (a, b) in zip(sorted, sorted.dropFirst()) where intervals.contains(Int(clamping: b - a)) {
                    votes[Int(b - a), default: 0] += 1
                }
            }
            interval = votes.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
        }
        guard let interval else {
            throw .invalidRequest(
                "\(path): cannot tell the interval from the timestamps (no two consecutive rows of a channel are 5, 10, 15, 30 or 60 minutes apart); give --interval"
            )
        }
        // Local midnights: every hour of a day has the same offset in a zone whose changes fall
        // on whole hours, but a day's start is looked up once, not per row — rows of one day
        // follow each other, and an instant in [midnight, next midnight) is of that day.
        var midnights: [CivilDate: Int64] = [:]
        var day: (start: Int64, end: Int64) = (0, 0)
        let inFileOrder = zip(rows, rows.dropFirst()).allSatisfy { $0.line < $1.line }
        for row in inFileOrder ? rows : rows.sorted(by: { $0.line < $1.line }) {
            if !(row.instant >= day.start && row.instant < day.end) {
                let date = calendar.local(row.instant).date
                if let known = midnights[date] {
                    day.start = known
                } else {
                    day.start = calendar.startOfDay(date)
                    midnights[date] = day.start
                }
                day.end = calendar.startOfDay(date.adding(days: 1))
            }
            guard (row.instant - day.start) % Int64(interval) == 0 else {
                throw .core(
                    .badData(
                        SourceLocation(file: path, line: row.line, column: column + 1),
                        "\(row.channel) at \(calendar.format(row.instant)) is off the \(Durations.format(interval)) grid of the file's other rows"
                    ))
            }
        }
        return interval
    }
}
