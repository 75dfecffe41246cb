import Foundation

/// How to read a history file (the `--timezone`, `--interval`, `--value-column` and
/// `--channel-name` flags).
public struct HistoryReadOptions: Sendable {
    /// The planning calendar; timestamps written without an offset are local times in it.
    public var calendar: PlanningCalendar
    /// Aggregate to this coarser interval (a multiple of the file's own, dividing a day).
    public var intervalSeconds: Int?
    /// The value column of a single-series file (default: its only numeric column).
    public var valueColumn: String?
    /// The channel of a single-series file (default: the value column's name).
    public var channelName: String?

    public init(calendar: PlanningCalendar = .utc, intervalSeconds: Int? = nil, valueColumn: String? = nil, channelName: String? = nil) {
        self.calendar = calendar
        self.intervalSeconds = intervalSeconds
        self.valueColumn = valueColumn
        self.channelName = channelName
    }
}

/// Reads contact history CSV into a ``ContactHistory``:
/// - long format `timestamp,channel,contacts[,aht_seconds]` (header names case-insensitive, in
///   any order), or
/// - one series `timestamp,<value>`: the only numeric column besides the timestamp, or
///   `valueColumn`; the channel is `channelName` or the column's name.
///
/// The interval is detected (the greatest common divisor of the steps between a channel's rows,
/// one of 5, 10, 15, 30 or 60 minutes, aligned to the local clock); intervals without a row are
/// unknown (nil), never zero. Every refusal is a ``CoreError`` naming `file:line:column` and
/// what was expected; accepted oddities become ``ContactHistory/warnings``.
///
/// The file is streamed: memory holds the parsed rows (about 40 bytes each) and the resulting
/// series, never the text.
public enum HistoryReader {
    /// Reads the history at `path`.
    /// - Throws: ``CoreError/missingInput(path:reason:)`` when the file is missing or a
    ///   directory; ``CoreError/badFile(path:_:)`` or ``CoreError/badData(_:_:)`` otherwise.
    public static func read(path: String, options: HistoryReadOptions) throws(CoreError) -> ContactHistory {
        var csv = try CSVReader(path: path)
        return try read(&csv, options: options)
    }

    /// Reads history held in memory; `name` stands for the file in messages.
    public static func read(data: Data, name: String, options: HistoryReadOptions) throws(CoreError) -> ContactHistory {
        var csv = try CSVReader(data: data, name: name)
        return try read(&csv, options: options)
    }

    /// Reads history from an open CSV reader (positioned before the header).
    public static func read(_ csv: inout CSVReader, options: HistoryReadOptions) throws(CoreError) -> ContactHistory {
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
    /// The column named in messages about a row's timestamp found after reading (duplicates, grid):
    /// 1, since only the line is kept per row to keep 5 million rows small.
    var timestampColumn = 1
    var warnings: [String] = []

    var count: Int { instants.count }
}

/// The text-to-rows half of ``HistoryReader``: header, format, and each cell's checks.
struct HistoryRowParser {
    let options: HistoryReadOptions
    private var resolver: LocalTimeResolver
    private var referenceStyle: TimestampStyle? = nil
    private var referenceLine = 0
    private var referenceText = ""
    private var channelBytes: [[UInt8]] = []
    private var channelLookup: [String: Int32] = [:]
    private var lastChannel: Int32 = 0

    init(options: HistoryReadOptions) {
        self.options = options
        self.resolver = LocalTimeResolver(calendar: options.calendar)
    }

    private enum Layout {
        case long(channel: Int, contacts: Int, aht: Int?)
        case single(value: Int, channel: String)
    }

    static let longHeader = "timestamp,channel,contacts[,aht_seconds]"

    mutating func parse(_ csv: inout CSVReader) throws(CoreError) -> HistoryRows {
        var rows = HistoryRows(file: csv.file)
        guard try csv.nextRecord() else {
            throw .badFile(path: csv.file, "the file is empty; expected a header line such as \(Self.longHeader.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: ""))")
        }
        let header = (0 ..< csv.fieldCount).map { csv.field($0).trimmingCharacters(in: .whitespaces) }
        let lowered = header.map { $0.lowercased() }
        let headerLine = csv.position(ofField: 0).line
        let headerLocation = csv.location(ofField: 0)
        if case .success = TimestampParser.parse(header[0]) {
            throw .badData(csv.location(ofField: 0),
                           "the first line must be a header naming the columns (\(Self.longHeader), or timestamp,<value>); found data")
        }
        for (k, name) in lowered.enumerated() where !name.isEmpty {
            if let earlier = lowered[..<k].firstIndex(of: name) {
                throw .badData(csv.location(ofField: k), "column '\(header[k])' appears twice (also column \(earlier + 1)); each column needs its own name")
            }
        }
        guard let timestampIndex = lowered.firstIndex(of: "timestamp") else {
            let hint = header.count == 1 && csv.delimiter == UInt8(ascii: ",") ? " (the header has a single column: is the file separated by something other than , ; or tab?)" : ""
            throw .badData(csv.location(ofField: 0),
                           "expected a header with a 'timestamp' column — \(Self.longHeader), or timestamp,<value> — found '\(header.joined(separator: String(UnicodeScalar(csv.delimiter))))'\(hint)")
        }
        let columns = header.count
        var layout: Layout? = nil
        let channelIndex = lowered.firstIndex(of: "channel"), contactsIndex = lowered.firstIndex(of: "contacts")

        if let valueColumn = options.valueColumn {
            guard let k = lowered.firstIndex(of: valueColumn.trimmingCharacters(in: .whitespaces).lowercased()), k != timestampIndex else {
                throw .badData(csv.location(ofField: 0),
                               "no value column named '\(valueColumn)' (--value-column); the columns are \(header.filter { !$0.isEmpty }.joined(separator: ", "))")
            }
            layout = .single(value: k, channel: try singleChannelName(header[k], csv: csv, field: k))
        } else if let channelIndex, let contactsIndex {
            layout = .long(channel: channelIndex, contacts: contactsIndex, aht: lowered.firstIndex(of: "aht_seconds"))
            if options.channelName != nil {
                rows.warnings.append("\(csv.file):\(headerLine): --channel-name is for single-series files; this file names its channels in the 'channel' column")
            }
        } else if columns == 2 {
            let k = 1 - timestampIndex
            layout = .single(value: k, channel: try singleChannelName(header[k], csv: csv, field: k))
        } else if contactsIndex != nil {
            throw .badData(csv.location(ofField: 0),
                           "the header has a 'contacts' column but no 'channel' column; expected \(Self.longHeader), or timestamp,<value> for a single series")
        }

        guard try csv.nextRecord() else {
            throw .badFile(path: csv.file, "has a header but no data rows")
        }
        if layout == nil {
            // Several columns and none named: the series is the only numeric one.
            var numeric: [Int] = []
            for k in 0 ..< min(columns, csv.fieldCount) where k != timestampIndex {
                let isNumber = csv.withFieldBytes(k) { bytes -> Bool in
                    if case .success = DecimalParser.parse(bytes, allowDecimalComma: csv.delimiter != UInt8(ascii: ",")) { return true }
                    return false
                }
                if isNumber { numeric.append(k) }
            }
            guard numeric.count == 1, let k = numeric.first else {
                let names = numeric.map { "'\(header[$0])'" }.joined(separator: ", ")
                throw .badData(headerLocation, numeric.isEmpty
                    ? "no numeric column besides the timestamp on line \(csv.position(ofField: 0).line); expected \(Self.longHeader), or timestamp,<value>"
                    : "cannot tell which column holds the contacts: \(names) are all numeric; choose one with --value-column (or use \(Self.longHeader))")
            }
            layout = .single(value: k, channel: try singleChannelName(header[k], csv: csv, field: k))
        }
        guard let layout else { throw .badFile(path: csv.file, "cannot understand the header") }
        var used: Set<Int> = [timestampIndex]
        switch layout {
        case let .long(channel, contacts, aht):
            used.formUnion([channel, contacts]); if let aht { used.insert(aht) }
        case let .single(value, _):
            used.insert(value)
        }
        let unused = (0 ..< columns).filter { !used.contains($0) }.map { "'\(header[$0])'" }
        if !unused.isEmpty {
            rows.warnings.append("\(csv.file):\(headerLine): column\(unused.count > 1 ? "s" : "") \(unused.joined(separator: ", ")) not used")
        }
        if case let .single(_, channel) = layout {
            rows.channelNames = [channel]
        }

        let expectedColumns = header.joined(separator: String(UnicodeScalar(csv.delimiter)))
        let decimalComma = csv.delimiter != UInt8(ascii: ",")
        var emptyContacts = 0
        var firstEmptyContactsLine = 0
        repeat {
            if csv.fieldCount != columns {
                if csv.fieldCount < columns {
                    throw .badData(SourceLocation(file: csv.file, line: csv.endOfRecord.line, column: csv.endOfRecord.column),
                                   "this row has \(csv.fieldCount) field\(csv.fieldCount == 1 ? "" : "s") but the header has \(columns) (\(expectedColumns))")
                }
                let hint = csv.delimiter == UInt8(ascii: ",") ? "; a value containing a comma must be quoted" : ""
                throw .badData(csv.location(ofField: columns),
                               "this row has \(csv.fieldCount) fields but the header has \(columns) (\(expectedColumns))\(hint)")
            }
            let line = csv.position(ofField: 0).line
            let instant = try readInstant(csv, field: timestampIndex, line: line)
            let channel: Int32
            let contactsField: Int
            var ahtField: Int? = nil
            switch layout {
            case let .long(channelField, contacts, aht):
                channel = try intern(csv, field: channelField, rows: &rows)
                contactsField = contacts; ahtField = aht
            case let .single(value, _):
                channel = 0; contactsField = value
            }
            let contacts = try readContacts(csv, field: contactsField, decimalComma: decimalComma, name: header[contactsField])
            if contacts.isNaN {
                emptyContacts += 1
                if firstEmptyContactsLine == 0 { firstEmptyContactsLine = line }
            }
            var aht = Double.nan
            if let ahtField { aht = try readAHT(csv, field: ahtField, decimalComma: decimalComma, contacts: contacts) }
            rows.instants.append(instant)
            rows.channels.append(channel)
            rows.contacts.append(contacts)
            rows.aht.append(aht)
            rows.lines.append(line)
        } while try csv.nextRecord()

        rows.warnings = csv.warnings + rows.warnings
        if emptyContacts > 0 {
            rows.warnings.append("\(csv.file):\(firstEmptyContactsLine): \(emptyContacts == 1 ? "a row has" : "\(emptyContacts) rows have") no contacts value (first on this line); \(emptyContacts == 1 ? "its interval is" : "those intervals are") unknown")
        }
        var byLowercase: [String: String] = [:]
        for name in rows.channelNames {
            if let other = byLowercase[name.lowercased()] {
                rows.warnings.append("\(csv.file): channels '\(other)' and '\(name)' differ only in upper/lower case; they are read as two channels")
            } else {
                byLowercase[name.lowercased()] = name
            }
        }
        return rows
    }

    private func singleChannelName(_ column: String, csv: CSVReader, field: Int) throws(CoreError) -> String {
        let name = (options.channelName ?? column).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw .badData(csv.location(ofField: field), "the value column has no name; name the channel with --channel-name")
        }
        return name
    }

    private mutating func readInstant(_ csv: CSVReader, field: Int, line: Int) throws(CoreError) -> Int64 {
        let result = csv.withFieldBytes(field) { TimestampParser.parse($0) }
        let timestamp: ParsedTimestamp
        switch result {
        case let .failure(error): throw .badData(csv.location(ofField: field), error.message)
        case let .success(t): timestamp = t
        }
        if let reference = referenceStyle {
            if reference != timestamp.style {
                guard reference.isConsistent(with: timestamp.style) else {
                    throw .badData(csv.location(ofField: field), styleMismatch(timestamp.style, text: csv.field(field), reference: reference))
                }
                if reference.offset == .zulu {  // Z goes with both spellings; remember the spelling
                    referenceStyle = timestamp.style; referenceLine = line; referenceText = csv.field(field)
                }
            }
        } else {
            referenceStyle = timestamp.style; referenceLine = line; referenceText = csv.field(field)
        }
        if let instant = timestamp.instant { return instant }
        switch resolver.resolve(wallSeconds: timestamp.wallSeconds) {
        case let .success(instant): return instant
        case let .failure(error): throw .badData(csv.location(ofField: field), error.message)
        }
    }

    private func styleMismatch(_ style: TimestampStyle, text: String, reference: TimestampStyle) -> String {
        let shown = "'\(text.trimmingCharacters(in: .whitespaces))'"
        let earlier = "line \(referenceLine) ('\(referenceText.trimmingCharacters(in: .whitespaces))')"
        var difference: String
        if (style.offset == .none) != (reference.offset == .none) {
            difference = style.offset == .none
                ? "has no UTC offset while \(earlier) has one"
                : "has a UTC offset while \(earlier) has none (local time)"
        } else if style.separator != reference.separator {
            difference = style.separator == UInt8(ascii: "T")
                ? "has 'T' between date and time while \(earlier) has a space"
                : "has a space between date and time while \(earlier) has 'T'"
        } else if style.hasSeconds != reference.hasSeconds {
            difference = style.hasSeconds ? "has seconds while \(earlier) has none" : "has no seconds while \(earlier) has"
        } else {
            difference = style.offset == .basic
                ? "writes its offset like +0100 while \(earlier) writes +01:00"
                : "writes its offset like +01:00 while \(earlier) writes +0100"
        }
        return "timestamp \(shown) \(difference); a file must write every timestamp the same way"
    }

    private mutating func intern(_ csv: CSVReader, field: Int, rows: inout HistoryRows) throws(CoreError) -> Int32 {
        let known = channelBytes
        let last = lastChannel
        let found: Int32? = csv.withFieldBytes(field) { raw -> Int32? in
            var lower = 0, upper = raw.count
            while lower < upper && raw[lower] == 0x20 { lower += 1 }
            while upper > lower && raw[upper - 1] == 0x20 { upper -= 1 }
            let bytes = UnsafeBufferPointer(rebasing: raw[lower ..< upper])
            guard !known.isEmpty else { return nil }
            // Interleaved files cycle through the channels: try the last one and the next first.
            let next = (Int(last) + 1) % known.count
            if known[Int(last)].elementsEqual(bytes) { return last }
            if known[next].elementsEqual(bytes) { return Int32(next) }
            if known.count <= 32 {
                for (k, candidate) in known.enumerated() where candidate.elementsEqual(bytes) { return Int32(k) }
                return nil
            }
            return -1  // look up by name
        }
        if let found, found >= 0 { lastChannel = found; return found }
        let name = csv.field(field).trimmingCharacters(in: CharacterSet(charactersIn: " "))
        if let index = channelLookup[name] { lastChannel = index; return index }
        guard !name.isEmpty else {
            throw .badData(csv.location(ofField: field), "the channel is empty; every row needs a channel name")
        }
        guard channelBytes.count < 10_000 else {
            throw .badData(csv.location(ofField: field), "more than 10,000 different channels; is the channel column really the channel?")
        }
        let index = Int32(channelBytes.count)
        channelBytes.append(Array(name.utf8))
        channelLookup[name] = index
        rows.channelNames.append(name)
        lastChannel = index
        return index
    }

    private func readContacts(_ csv: CSVReader, field: Int, decimalComma: Bool, name: String) throws(CoreError) -> Double {
        let parsed = csv.withFieldBytes(field) { DecimalParser.parse($0, allowDecimalComma: decimalComma) }
        var shown: String { "'\(csv.field(field).trimmingCharacters(in: .whitespaces))'" }
        switch parsed {
        case .failure(.empty):
            return .nan
        case .failure(.notFinite):
            throw .badData(csv.location(ofField: field), "contacts must be a finite number; found \(shown)")
        case .failure(.notANumber):
            let hint = !decimalComma && csv.field(field).contains(",") ? " (write numbers without thousands separators; decimal commas only in files separated by ; or tabs)" : ""
            throw .badData(csv.location(ofField: field), "expected a number of contacts (a whole number, 0 or more) in '\(name)'; found \(shown)\(hint)")
        case let .success(value):
            if value < 0 {
                throw .badData(csv.location(ofField: field), "contacts cannot be negative; found \(shown)")
            }
            if value > 1e9 {
                throw .badData(csv.location(ofField: field), "\(shown) contacts in one interval is implausibly large (the limit is 1,000,000,000)")
            }
            if value.rounded(.towardZero) != value {
                throw .badData(csv.location(ofField: field), "contacts are counts and must be whole numbers; found \(shown)")
            }
            return value + 0  // turns -0 into 0
        }
    }

    private func readAHT(_ csv: CSVReader, field: Int, decimalComma: Bool, contacts: Double) throws(CoreError) -> Double {
        let parsed = csv.withFieldBytes(field) { DecimalParser.parse($0, allowDecimalComma: decimalComma) }
        var shown: String { "'\(csv.field(field).trimmingCharacters(in: .whitespaces))'" }
        switch parsed {
        case .failure(.empty):
            return .nan
        case .failure(.notFinite):
            throw .badData(csv.location(ofField: field), "aht_seconds must be a finite number of seconds; found \(shown)")
        case .failure(.notANumber):
            throw .badData(csv.location(ofField: field), "expected the average handle time in seconds (a positive number, or empty); found \(shown)")
        case let .success(value):
            // Exports write an AHT of 0 for intervals without contacts: that is "no handle time".
            if value == 0 && contacts == 0 { return .nan }
            if value <= 0 {
                throw .badData(csv.location(ofField: field), "aht_seconds must be a positive number of seconds (or empty); found \(shown)")
            }
            return value
        }
    }
}
