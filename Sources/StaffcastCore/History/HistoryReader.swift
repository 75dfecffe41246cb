import Foundation

/// How to read a history file (the `--timezone`, `--interval`, `--value-column`,
/// `--channel-name` flags and the input mapping: `--format`, `--columns`, …).
public struct HistoryReadOptions: Sendable {
    /// The planning calendar; timestamps written without an offset are local times in it.
    public var calendar: PlanningCalendar
    /// Aggregate to this coarser interval (a multiple of the file's own, dividing a day); in a
    /// list with one row per contact, the interval contacts are counted in (default 15 minutes).
    public var intervalSeconds: Int?
    /// The value column of a single-series file (default: its only numeric column).
    public var valueColumn: String?
    /// The channel of a single-series file (default: the value column's name).
    public var channelName: String?
    /// Which column plays which role, and how the export writes things; native by default.
    public var input: InputMapping
    /// When aggregating to a coarser interval, whether an interval some of whose finer rows are
    /// missing is summed from those it has (a history to learn from), or left unknown and named in
    /// a warning (actuals, which must not be read as complete when they are not).
    public var incompleteIntervals: IncompleteIntervals = .summed

    public enum IncompleteIntervals: Sendable {
        case summed
        case unknown
    }

    public init(
        calendar: PlanningCalendar = .utc, intervalSeconds: Int? = nil, valueColumn: String? = nil,
        channelName: String? = nil,
        input: InputMapping = .native
    ) {
        self.calendar = calendar
        self.intervalSeconds = intervalSeconds
        self.valueColumn = valueColumn
        self.channelName = channelName
        self.input = input
    }
}

/// Reads contact history CSV into a ``ContactHistory``:
/// - long format `timestamp,channel,contacts[,aht_seconds]` (header names case-insensitive, in
///   any order), or
/// - one series `timestamp,<value>`: the only numeric column besides the timestamp, or
///   `valueColumn`; the channel is `channelName` or the column's name, or
/// - any export whose columns an ``InputMapping`` names (a preset or `--columns`).
///
/// The interval is detected (the greatest common divisor of the steps between a channel's rows,
/// one of 5, 10, 15, 30 or 60 minutes, aligned to the local clock) or given by the file (hour
/// columns, periods written as ranges); a row off the grid the other rows follow is an error, not
/// a finer interval. Intervals without a row are unknown (nil), or zero under
/// ``MissingRows/zero``. Every refusal is a ``CoreError`` naming `file:line:column` and what was
/// expected; accepted oddities become ``ContactHistory/warnings``.
///
/// The file is streamed: memory holds the parsed rows (about 40 bytes each) and the resulting
/// series, never the text.
public enum HistoryReader {
    /// Reads the history at `path`.
    /// - Throws: ``CoreError/missingInput(path:reason:)`` when the file is missing or a
    ///   directory; ``CoreError/badFile(path:_:)`` or ``CoreError/badData(_:_:)`` otherwise.
    public static func read(path: String, options: HistoryReadOptions) throws(CoreError) -> ContactHistory {
        var csv = try CSVReader(
            path: path, encoding: options.input.encoding, headerTest: HistoryLayout.headerTest(options))
        return try read(&csv, options: options)
    }

    /// Reads history held in memory; `name` stands for the file in messages.
    public static func read(data: Data, name: String, options: HistoryReadOptions) throws(CoreError) -> ContactHistory {
        var csv = try CSVReader(
            data: data, name: name, encoding: options.input.encoding, headerTest: HistoryLayout.headerTest(options))
        return try read(&csv, options: options)
    }

    /// Reads history from an open CSV reader (positioned before the header).
    public static func read(_ csv: inout CSVReader, options: HistoryReadOptions) throws(CoreError) -> ContactHistory {
        try options.input.validate(option: "--columns")
        var parser = HistoryRowParser(options: options)
        let rows = try parser.parse(&csv)
        return try HistoryGridBuilder.build(rows, options: options)
    }
}

/// The rows of a history file as parsed, column by column to keep 5 million rows compact.
struct HistoryRows {
    var file: String
    var channelNames: [String] = []
    var instants: [Int64] = []
    var channels: [Int32] = []
    /// NaN where the contacts cell was empty (unknown).
    var contacts: [Double] = []
    /// NaN where no handle time was given.
    var aht: [Double] = []
    var lines: [Int] = []
    /// What the AHT of a row is weighted by when rows are summed or aggregated: the contacts
    /// handled, when the file says (NaN otherwise: the contacts). Empty when nothing is mapped.
    var handled: [Double] = []
    /// Contacts abandoned; empty when the file has none.
    var abandoned: [Double] = []
    /// The queue/split key of each row when rows of one channel and interval are summed (empty
    /// otherwise): rows with the same key at the same instant are duplicates.
    var sources: [Int32] = []
    /// Each row is one contact: instants are counted per interval.
    var perContact = false
    /// The interval the file itself fixes (hour columns, periods written as ranges).
    var declaredInterval: Int? = nil
    var missing: MissingRows = .unknown
    /// The first line whose timestamp carries a UTC offset other than zero.
    var firstNonUTCOffsetLine: Int? = nil
    /// The column of each row's time field, kept only when it is not the first field (where the
    /// column is 1), for messages about rows found after reading (duplicates, grid).
    var timeColumns: [Int32] = []
    var warnings: [String] = []

    var count: Int { instants.count }

    /// Where row `i`'s time is, for messages.
    func location(_ i: Int) -> SourceLocation {
        SourceLocation(file: file, line: lines[i], column: timeColumns.isEmpty ? 1 : Int(timeColumns[i]))
    }
    var sums: Bool { !sources.isEmpty || perContact }
}
