import Foundation

/// Names seen in a file, numbered in order of appearance. Lookups compare bytes with the last
/// name and its successor first (interleaved exports cycle through their channels), so most rows
/// cost no allocation.
struct NameTable {
    private(set) var names: [String] = []
    private var bytes: [[UInt8]] = []
    private var lookup: [String: Int32] = [:]
    private var last: Int32 = 0

    /// The number of the name in `raw` (spaces trimmed), or nil when it is new.
    mutating func find(_ raw: UnsafeBufferPointer<UInt8>) -> Int32? {
        var lower = 0
        var upper = raw.count
        while lower < upper && raw[lower] == 0x20 { lower += 1 }
        while upper > lower && raw[upper - 1] == 0x20 { upper -= 1 }
        let trimmed = UnsafeBufferPointer(rebasing: raw[lower..<upper])
        guard !bytes.isEmpty else { return nil }
        let next = (Int(last) + 1) % bytes.count
        if Self.same(bytes[Int(last)], trimmed) { return last }
        if Self.same(bytes[next], trimmed) {
            last = Int32(next)
            return last
        }
        if bytes.count <= 32 {
            for k in bytes.indices where Self.same(bytes[k], trimmed) {
                last = Int32(k)
                return last
            }
            return nil
        }
        let name = String(decoding: trimmed, as: UTF8.self)
        if let found = lookup[name] {
            last = found
            return found
        }
        return nil
    }

    @inline(__always)
    private static func same(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { p in
            guard let x = p.baseAddress, let y = b.baseAddress else { return true }
            return memcmp(x, y, p.count) == 0
        }
    }

    /// Adds `name` (already known to be new) and returns its number.
    mutating func add(_ name: String) -> Int32 {
        if let found = lookup[name] {
            last = found
            return found
        }
        let index = Int32(names.count)
        names.append(name)
        bytes.append(Array(name.utf8))
        lookup[name] = index
        last = index
        return index
    }

    var count: Int { names.count }
}

/// The text-to-rows half of ``HistoryReader``: header, layout, and each cell's checks.
struct HistoryRowParser {
    let options: HistoryReadOptions
    var resolver: LocalTimeResolver
    var offsets: OffsetCache
    var referenceStyle: TimestampStyle? = nil
    var referenceLine = 0
    var referenceText = ""
    var offsetStyle: (style: TimestampStyle, line: Int, text: String)? = nil
    var channelNames = NameTable()
    var queues = NameTable()
    var queueChannels: [Int32] = []
    var sourceKeys = NameTable()
    var keyScratch: [UInt8] = []
    var numbers = NumberReader(delimiter: UInt8(ascii: ","), declared: nil)
    var dateCache: (bytes: [UInt8], days: Int64)? = nil
    var timestampDays = TimestampParser.DayCache()
    var clockCache: [[UInt8]: Int] = [:]
    var periodLength: (length: Int, line: Int, text: String)? = nil
    var localTimes = LocalTimeBook()
    var handleWithoutHandled = (count: 0, line: 0)
    var pendingTotal: (error: CoreError, line: Int, text: String)? = nil
    /// The header's first cell, once read: a file without data rows is refused naming it.
    var headerLocation = SourceLocation(file: "", line: 1, column: 1)

    /// A header and no data rows (none at all, or only blank and total rows).
    var headerOnly: CoreError { .badData(headerLocation, "has a header but no data rows") }

    init(options: HistoryReadOptions) {
        self.options = options
        self.resolver = LocalTimeResolver(calendar: options.calendar)
        self.offsets = OffsetCache(calendar: options.calendar)
    }

    static let longHeader = HistoryLayout.longHeader

    mutating func parse(_ csv: inout CSVReader) throws(CoreError) -> HistoryRows {
        var rows = HistoryRows(file: csv.file)
        rows.missing = options.input.missingRows
        rows.perContact = options.input.oneRowPerContact
        guard try csv.nextRecord() else {
            // Line 1 is where the header should have been.
            throw .badData(
                SourceLocation(file: csv.file, line: 1, column: 1),
                "the file is empty; expected a header line such as \(Self.longHeader.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: ""))"
            )
        }
        numbers = NumberReader(delimiter: csv.delimiter, declared: options.input.decimalSeparator)
        let header = HistoryLayout.headerNames(csv)
        let headerLine = csv.position(ofField: 0).line
        headerLocation = SourceLocation(file: csv.file, line: headerLine, column: 1)
        if case .success = TimestampParser.parse(header[0]) {
            throw .badData(
                csv.location(ofField: 0),
                "the first line must be a header naming the columns (\(Self.longHeader), or timestamp,<value>); found data"
            )
        }
        let lowered = header.map { $0.lowercased() }
        for (k, name) in lowered.enumerated() where !name.isEmpty {
            if let earlier = lowered[..<k].firstIndex(of: name) {
                throw .badData(
                    csv.location(ofField: k),
                    "column '\(header[k])' appears twice (also column \(earlier + 1)); each column needs its own name")
            }
        }
        let plan: RowPlan
        let used: Set<Int>
        if options.input.isNative {
            guard let timestampIndex = lowered.firstIndex(of: "timestamp") else {
                let hint =
                    header.count == 1 && csv.delimiter == UInt8(ascii: ",")
                    ? " (the header has a single column: is the file separated by something other than , ; | or tab?)"
                    : ""
                throw .badData(
                    csv.location(ofField: 0),
                    "expected a header with a 'timestamp' column — \(Self.longHeader), or timestamp,<value> — found '\(header.joined(separator: String(UnicodeScalar(csv.delimiter))))'\(hint); for another platform's export choose --format or map the columns with --columns"
                )
            }
            guard try csv.nextRecord() else { throw headerOnly }
            (plan, used) = try nativePlan(
                header, timestampIndex: timestampIndex, csv: csv, headerLine: headerLine, rows: &rows)
        } else {
            let mapped = try HistoryLayout.mappedPlan(header, csv: csv, options: options)
            plan = mapped.0
            used = mapped.used
            if let fixed = mapped.fixedChannel { _ = channelNames.add(fixed) }
            guard try csv.nextRecord() else { throw headerOnly }
        }
        let unused = (0..<plan.columns).filter { !used.contains($0) && !header[$0].isEmpty }.map { "'\(header[$0])'" }
        if !unused.isEmpty {
            rows.warnings.append(
                "\(csv.file):\(headerLine): column\(unused.count > 1 ? "s" : "") \(unused.joined(separator: ", ")) not used"
            )
        }
        if case .dateHour = plan.when { rows.declaredInterval = 3600 }
        try readRows(&csv, plan: plan, rows: &rows)
        rows.channelNames = channelNames.names
        try finish(csv, rows: &rows)
        return rows
    }

    /// Staffcast's own layouts: long format by header names, or a single series.
    private mutating func nativePlan(
        _ header: [String], timestampIndex: Int, csv: CSVReader, headerLine: Int,
        rows: inout HistoryRows
    ) throws(CoreError) -> (RowPlan, Set<Int>) {
        let lowered = header.map { $0.lowercased() }
        let columns = header.count
        let channelIndex = lowered.firstIndex(of: "channel")
        let contactsIndex = lowered.firstIndex(of: "contacts")
        var plan = RowPlan(when: .timestamp(timestampIndex), channel: .fixed, contacts: nil, header: header)
        var single: Int? = nil
        if let valueColumn = options.valueColumn {
            guard let k = lowered.firstIndex(of: valueColumn.trimmingCharacters(in: .whitespaces).lowercased()),
                k != timestampIndex
            else {
                throw .badData(
                    SourceLocation(file: csv.file, line: headerLine, column: 1),
                    "no value column named '\(valueColumn)' (--value-column); the columns are \(header.filter { !$0.isEmpty }.joined(separator: ", "))"
                )
            }
            single = k
        } else if let channelIndex, let contactsIndex {
            plan.channel = .column(channelIndex)
            plan.contacts = contactsIndex
            plan.aht = lowered.firstIndex(of: "aht_seconds")
            if options.channelName != nil {
                rows.warnings.append(
                    "\(csv.file):\(headerLine): --channel-name is for single-series files; this file names its channels in the 'channel' column"
                )
            }
        } else if columns == 2 {
            single = 1 - timestampIndex
        } else if contactsIndex != nil {
            throw .badData(
                SourceLocation(file: csv.file, line: headerLine, column: 1),
                "the header has a 'contacts' column but no 'channel' column; expected \(Self.longHeader), or timestamp,<value> for a single series"
            )
        } else {
            // Several columns and none named: the series is the only numeric one.
            var numeric: [Int] = []
            for k in 0..<min(columns, csv.fieldCount) where k != timestampIndex {
                let isNumber = csv.withFieldBytes(k) { bytes -> Bool in
                    if case .success = DecimalParser.parse(bytes, allowDecimalComma: csv.delimiter != UInt8(ascii: ","))
                    {
                        return true
                    }
                    return false
                }
                if isNumber { numeric.append(k) }
            }
            guard numeric.count == 1, let k = numeric.first else {
                let names = numeric.map { "'\(header[$0])'" }.joined(separator: ", ")
                throw .badData(
                    SourceLocation(file: csv.file, line: headerLine, column: 1),
                    numeric.isEmpty
                        ? "no numeric column besides the timestamp on line \(csv.position(ofField: 0).line); expected \(Self.longHeader), or timestamp,<value>"
                        : "cannot tell which column holds the contacts: \(names) are all numeric; choose one with --value-column (or use \(Self.longHeader))"
                )
            }
            single = k
        }
        var used: Set<Int> = [timestampIndex]
        if let single {
            plan.contacts = single
            let name = (options.channelName ?? header[single]).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw .badData(
                    SourceLocation(file: csv.file, line: headerLine, column: 1),
                    "the value column has no name; name the channel with --channel-name")
            }
            if let problem = NameCheck.problem(name, what: "channel") {
                throw .badData(SourceLocation(file: csv.file, line: headerLine, column: 1), problem)
            }
            _ = channelNames.add(name)
            used.insert(single)
        } else {
            if let c = plan.contacts { used.insert(c) }
            if case .column(let c) = plan.channel { used.insert(c) }
            if let a = plan.aht { used.insert(a) }
        }
        return (plan, used)
    }

    /// The data rows, from the record the reader is on to the end.
    private mutating func readRows(_ csv: inout CSVReader, plan: RowPlan, rows: inout HistoryRows) throws(CoreError) {
        let columns = plan.columns
        let expectedColumns = plan.header.joined(separator: String(UnicodeScalar(csv.delimiter)))
        let timeField = plan.when.fields[0]
        let keepsHandled = plan.handled != nil || plan.handleTime != nil
        let keepsSources = !plan.keyFields.isEmpty && !options.input.oneRowPerContact
        var emptyContacts = 0
        var firstEmptyContactsLine = 0
        repeat {
            if let pending = pendingTotal {
                // Something follows what looked like a total row: it was a bad row after all.
                throw pending.error
            }
            if csv.fieldCount != columns {
                let error: CoreError
                if csv.fieldCount < columns {
                    error = .badData(
                        SourceLocation(file: csv.file, line: csv.endOfRecord.line, column: csv.endOfRecord.column),
                        "this row has \(csv.fieldCount) field\(csv.fieldCount == 1 ? "" : "s") but the header has \(columns) (\(expectedColumns))"
                    )
                } else {
                    let hint = csv.delimiter == UInt8(ascii: ",") ? "; a value containing a comma must be quoted" : ""
                    error = .badData(
                        csv.location(ofField: columns),
                        "this row has \(csv.fieldCount) fields but the header has \(columns) (\(expectedColumns))\(hint)"
                    )
                }
                if let total = totalRow(csv, plan: plan) {
                    pendingTotal = (error, csv.position(ofField: 0).line, total)
                    continue
                }
                throw error
            }
            let line = csv.position(ofField: 0).line
            let reading: TimeReading
            do {
                reading = try readTime(csv, plan: plan, line: line)
            } catch {
                if let total = totalRow(csv, plan: plan) {
                    pendingTotal = (error, line, total)
                    continue
                }
                throw error
            }
            let contacts: Double
            if let field = plan.contacts {
                contacts = try readCount(csv, field: field, name: plan.header[field], what: "contacts")
                if contacts.isNaN {
                    emptyContacts += 1
                    if firstEmptyContactsLine == 0 { firstEmptyContactsLine = line }
                }
            } else {
                contacts = 1
            }
            let channel = try channelIndex(csv, plan: plan)
            let source: Int32 = keepsSources ? sourceKey(csv, fields: plan.keyFields) : -1
            guard
                let instant = try resolve(
                    reading, csv: csv, field: timeField, line: line, channel: channel, source: source,
                    contacts: contacts)
            else {
                continue  // a row in the hour the clocks skip, without contacts
            }
            var handled = Double.nan
            if let field = plan.handled {
                handled = try readCount(csv, field: field, name: plan.header[field], what: "handled contacts")
            }
            var aht = Double.nan
            if let field = plan.aht {
                aht = try readAHT(csv, field: field, contacts: contacts, handled: handled)
            } else if let field = plan.handleTime {
                aht = try readHandleTime(
                    csv, field: field, handled: handled, handledField: plan.handled ?? field, line: line)
            }
            rows.instants.append(instant)
            rows.channels.append(channel)
            rows.contacts.append(contacts)
            rows.aht.append(aht)
            rows.lines.append(line)
            if keepsHandled { rows.handled.append(handled) }
            if let field = plan.abandoned {
                rows.abandoned.append(try readAbandoned(csv, field: field, name: plan.header[field]))
            }
            if keepsSources { rows.sources.append(source) }
            if timeField != 0 { rows.timeColumns.append(Int32(clamping: csv.position(ofField: timeField).column)) }
        } while try csv.nextRecord()
        if let pending = pendingTotal {
            rows.warnings.append("\(csv.file):\(pending.line): total row skipped ('\(pending.text)')")
            pendingTotal = nil
        }
        if emptyContacts > 0 {
            rows.warnings.append(
                "\(csv.file):\(firstEmptyContactsLine): \(emptyContacts == 1 ? "a row has" : "\(emptyContacts) rows have") no contacts value (first on this line); \(emptyContacts == 1 ? "its interval is" : "those intervals are") unknown"
            )
        }
        if rows.instants.isEmpty { throw headerOnly }
    }

    /// After the last row: the file-level checks and warnings.
    private mutating func finish(_ csv: CSVReader, rows: inout HistoryRows) throws(CoreError) {
        try numbers.finish()
        try localTimes.finish(
            file: csv.file, calendar: options.calendar, channels: rows.channelNames, warnings: &rows.warnings)
        rows.firstNonUTCOffsetLine = localTimes.firstNonUTCOffsetLine
        if let declared = periodLength?.length { rows.declaredInterval = declared }
        if handleWithoutHandled.count > 0 {
            rows.warnings.append(
                "\(csv.file):\(handleWithoutHandled.line): \(handleWithoutHandled.count == 1 ? "a row has" : "\(handleWithoutHandled.count) rows have") handle time but no handled contacts (first on this line); no AHT is read from \(handleWithoutHandled.count == 1 ? "it" : "them")"
            )
        }
        rows.warnings = csv.warnings + rows.warnings
        var byLowercase: [String: String] = [:]
        for name in rows.channelNames {
            if let other = byLowercase[name.lowercased()] {
                rows.warnings.append(
                    "\(csv.file): channels '\(other)' and '\(name)' differ only in upper/lower case; they are read as two channels"
                )
            } else {
                byLowercase[name.lowercased()] = name
            }
        }
    }

    /// The label of a summary row ("Total", "Totaal", an empty time), or nil for a data row.
    private func totalRow(_ csv: CSVReader, plan: RowPlan) -> String? {
        let words = [
            "total", "totals", "totaal", "totalen", "eindtotaal", "grand total", "subtotal", "sum", "summe", "gesamt",
            "summary", "average", "avg", "gemiddelde", "overall", "all", "alle",
        ]
        for k in 0..<csv.fieldCount {
            let text = csv.field(k).trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            let lower = text.lowercased()
            for word in words where lower.hasPrefix(word) {
                let rest = lower.dropFirst(word.count)
                if !(rest.first?.isLetter ?? false) { return text }
            }
            break
        }
        // A row whose time fields are all empty but that carries numbers: an unlabelled sum.
        let timeFields = plan.when.fields
        if timeFields.allSatisfy({ $0 < csv.fieldCount && csv.field($0).trimmingCharacters(in: .whitespaces).isEmpty }),
            (0..<csv.fieldCount).contains(where: { !csv.field($0).trimmingCharacters(in: .whitespaces).isEmpty })
        {
            return (0..<csv.fieldCount).map { csv.field($0) }.joined(separator: String(UnicodeScalar(csv.delimiter)))
        }
        return nil
    }

    // MARK: Channels

    private mutating func channelIndex(_ csv: CSVReader, plan: RowPlan) throws(CoreError) -> Int32 {
        switch plan.channel {
        case .fixed:
            return 0
        case .column(let field):
            return try intern(csv, field: field)
        case .queue(let field, let map):
            guard let map else { return try intern(csv, field: field) }
            if let known = csv.withFieldBytes(field, { queues.find($0) }) { return queueChannels[Int(known)] }
            let queue = csv.field(field).trimmingCharacters(in: .whitespaces)
            if let problem = NameCheck.problem(queue, what: "queue") {
                throw .badData(csv.location(ofField: field), problem)
            }
            guard let channelName = map.channel(for: queue) else {
                let hint = map.closestQueue(to: queue).map { "; did you mean '\($0)'?" } ?? ""
                throw .badData(
                    csv.location(ofField: field),
                    "queue '\(queue)' is not in the channel map \(map.source)\(hint); add a line '\(queue),CHANNEL' (or '*,CHANNEL' for every other queue)"
                )
            }
            _ = queues.add(queue)
            let channel = try addChannel(channelName, csv: csv, field: field)
            queueChannels.append(channel)
            return channel
        }
    }

    private mutating func intern(_ csv: CSVReader, field: Int) throws(CoreError) -> Int32 {
        if let known = csv.withFieldBytes(field, { channelNames.find($0) }) { return known }
        let name = csv.field(field).trimmingCharacters(in: CharacterSet(charactersIn: " "))
        guard !name.isEmpty else {
            throw .badData(csv.location(ofField: field), "the channel is empty; every row needs a channel name")
        }
        return try addChannel(name, csv: csv, field: field)
    }

    private mutating func addChannel(_ name: String, csv: CSVReader, field: Int) throws(CoreError) -> Int32 {
        if let problem = NameCheck.problem(name, what: "channel") {
            throw .badData(csv.location(ofField: field), problem)
        }
        guard channelNames.count < 10_000 else {
            throw .badData(
                csv.location(ofField: field),
                "more than 10,000 different channels; is the channel column really the channel?")
        }
        return channelNames.add(name)
    }

    /// The number of the combination of key fields (queue, skill, language) of the row.
    private mutating func sourceKey(_ csv: CSVReader, fields: [Int]) -> Int32 {
        keyScratch.removeAll(keepingCapacity: true)
        for field in fields {
            csv.withFieldBytes(field) { keyScratch.append(contentsOf: $0) }
            keyScratch.append(0x1F)
        }
        if let found = keyScratch.withUnsafeBufferPointer({ sourceKeys.find($0) }) { return found }
        return sourceKeys.add(String(decoding: keyScratch, as: UTF8.self))
    }
}
