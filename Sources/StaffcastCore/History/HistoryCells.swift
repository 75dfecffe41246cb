import Foundation

/// A row's time as read: an exact instant (an offset was written) or a local wall-clock reading.
enum TimeReading {
    case exact(Int64, offset: Int)
    case local(Int64)
}

/// Handle times a history may carry: a second at least, a day at most. A corrupt cell (1e308)
/// outside these bounds would otherwise rescale a whole week of AHT forecasts.
enum HandleTimeBounds {
    static let minimum = 1.0
    static let maximum = 86_400.0
}

extension HistoryRowParser {
    // MARK: Time

    mutating func readTime(_ csv: CSVReader, plan: RowPlan, line: Int) throws(CoreError) -> TimeReading {
        switch plan.when {
        case .timestamp(let field):
            let reading = try readTimestamp(csv, field: field, line: line)
            if let endField = plan.end {
                try readEnd(csv, field: endField, startField: field, start: reading, line: line)
            }
            return reading
        case .dateTime(let dateField, let timeField):
            let days = try readDate(csv, field: dateField)
            let seconds = try cachedClock(csv, field: timeField) { text in
                DateText.clock(text).map { $0.seconds }
            }
            localTimes.noteLocal(line: line)
            return .local(days * 86_400 + Int64(seconds))
        case .dateHour(let dateField, let hourField):
            let days = try readDate(csv, field: dateField)
            let seconds = try cachedClock(csv, field: hourField) { DateText.hour($0) }
            localTimes.noteLocal(line: line)
            return .local(days * 86_400 + Int64(seconds))
        case .datePeriod(let dateField, let periodField):
            let days = try readDate(csv, field: dateField)
            let text = csv.field(periodField)
            var start: Int
            if let range = DateText.range(text[...]) {
                switch range {
                case .failure(let error): throw .badData(csv.location(ofField: periodField), error.message)
                case .success(let period):
                    start = period.start
                    try notePeriod(period.length, text: text, csv: csv, field: periodField, line: line)
                }
            } else {
                start = try cachedClock(csv, field: periodField) { DateText.clock($0).map { $0.seconds } }
            }
            localTimes.noteLocal(line: line)
            return .local(days * 86_400 + Int64(start))
        }
    }

    private mutating func readTimestamp(_ csv: CSVReader, field: Int, line: Int) throws(CoreError) -> TimeReading {
        let perContact = options.input.oneRowPerContact
        let result = csv.withFieldBytes(field) {
            TimestampParser.parse($0, allowFractionalSeconds: perContact, days: &timestampDays)
        }
        switch result {
        case .success(let timestamp):
            try checkStyle(timestamp.style, csv: csv, field: field, line: line)
            if let instant = timestamp.instant {
                let offset = timestamp.offsetSeconds ?? 0
                localTimes.noteExact(instant, offset: offset, line: line, offsets: &offsets)
                return .exact(instant, offset: offset)
            }
            localTimes.noteLocal(line: line)
            return .local(timestamp.wallSeconds)
        case .failure(let error):
            // Outside ISO 8601 (in a mapped export, or a native file with a declared date order):
            // a date in the declared order, a space, a time of day.
            guard !options.input.isNative || options.input.dateOrder != nil else {
                throw .badData(csv.location(ofField: field), error.message)
            }
            let text = csv.field(field).trimmingCharacters(in: .whitespaces)
            guard let space = text.firstIndex(of: " ") else {
                throw .badData(csv.location(ofField: field), error.message)
            }
            let date: CivilDate
            switch DateText.date(text[..<space], order: options.input.dateOrder) {
            case .failure(let dateError): throw .badData(csv.location(ofField: field), dateError.message)
            case .success(let d): date = d
            }
            switch DateText.clock(text[text.index(after: space)...]) {
            case .failure(let clockError): throw .badData(csv.location(ofField: field), clockError.message)
            case .success(let clock):
                localTimes.noteLocal(line: line)
                return .local(Int64(date.daysSinceEpoch) * 86_400 + Int64(clock.seconds))
            }
        }
    }

    /// The end of the interval: its distance from the start is the interval's length (local
    /// readings are compared on the clock, so DST days keep their nominal lengths).
    private mutating func readEnd(_ csv: CSVReader, field: Int, startField: Int, start: TimeReading, line: Int)
        throws(CoreError)
    {
        let text = csv.field(field).trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return }
        var end: TimeReading
        switch TimestampParser.parse(text) {
        case .success(let t):
            end = t.instant.map { .exact($0, offset: t.offsetSeconds ?? 0) } ?? .local(t.wallSeconds)
        case .failure(let error):
            guard let space = text.firstIndex(of: " ") else {
                throw .badData(csv.location(ofField: field), error.message)
            }
            guard case .success(let date) = DateText.date(text[..<space], order: options.input.dateOrder),
                case .success(let clock) = DateText.clock(text[text.index(after: space)...])
            else {
                throw .badData(
                    csv.location(ofField: field),
                    "'\(text)' is not the end of an interval (a timestamp like the start's)")
            }
            end = .local(Int64(date.daysSinceEpoch) * 86_400 + Int64(clock.seconds))
        }
        var length: Int64
        switch (start, end) {
        case (.exact(let a, _), .exact(let b, _)): length = b - a
        case (.local(let a), .local(let b)):
            length = b - a
            // In the repeated hour of the autumn night an end may read earlier on the clock than its
            // start (02:30 → 02:00): the interval lasts the real time between them.
            let starts = options.calendar.instants(for: LocalDateTime(utcSeconds: a))
            let ends = options.calendar.instants(for: LocalDateTime(utcSeconds: b))
            if length <= 0, starts.count > 1 || ends.count > 1,
                let real = starts.flatMap({ s in ends.map { $0 - s } }).filter({ $0 > 0 }).min()
            {
                length = real
            }
        default: return  // one with an offset, one without: nothing to compare
        }
        guard length > 0, length <= 86_400 else {
            throw .badData(csv.location(ofField: field), "the interval ends at '\(text)', not after it starts")
        }
        try notePeriod(
            Int(length), text: csv.field(startField).trimmingCharacters(in: .whitespaces) + " – " + text, csv: csv,
            field: field, line: line)
    }

    private mutating func readDate(_ csv: CSVReader, field: Int) throws(CoreError) -> Int64 {
        if let cache = dateCache, csv.withFieldBytes(field, { cache.bytes.elementsEqual($0) }) { return cache.days }
        let text = csv.field(field)
        switch DateText.date(text[...], order: options.input.dateOrder) {
        case .failure(let error): throw .badData(csv.location(ofField: field), error.message)
        case .success(let date):
            let days = Int64(date.daysSinceEpoch)
            dateCache = (Array(text.utf8), days)
            return days
        }
    }

    private mutating func cachedClock(
        _ csv: CSVReader, field: Int,
        _ parse: (Substring) -> Result<Int, TimestampError>
    ) throws(CoreError) -> Int {
        let key = csv.withFieldBytes(field) { Array($0) }
        if let seconds = clockCache[key] { return seconds }
        switch parse(csv.field(field)[...]) {
        case .failure(let error): throw .badData(csv.location(ofField: field), error.message)
        case .success(let seconds):
            if clockCache.count < 10_000 { clockCache[key] = seconds }
            return seconds
        }
    }

    /// Periods written as ranges fix the interval; they must all be as long, and that long an
    /// interval must be one Staffcast plans in.
    private mutating func notePeriod(_ length: Int, text: String, csv: CSVReader, field: Int, line: Int)
        throws(CoreError)
    {
        if let known = periodLength {
            guard known.length == length else {
                throw .badData(
                    csv.location(ofField: field),
                    "the period '\(text.trimmingCharacters(in: .whitespaces))' lasts \(Durations.format(length)) while line \(known.line) ('\(known.text)') lasts \(Durations.format(known.length)); every row must be one interval"
                )
            }
            return
        }
        guard HistoryGridBuilder.allowedIntervals.contains(length) else {
            throw .badData(
                csv.location(ofField: field),
                "the period '\(text.trimmingCharacters(in: .whitespaces))' lasts \(Durations.format(length)); Staffcast reads intervals of 5, 10, 15, 30 or 60 minutes"
            )
        }
        periodLength = (length, line, text.trimmingCharacters(in: .whitespaces))
    }

    /// One file writes every ISO timestamp the same way: `T` or a space, with or without seconds,
    /// one offset spelling. Rows with and without an offset may mix (each is an exact instant or a
    /// local reading); the book warns about it.
    private mutating func checkStyle(_ style: TimestampStyle, csv: CSVReader, field: Int, line: Int) throws(CoreError) {
        // The text is only needed for messages and the first rows: building it per row would cost
        // more than parsing the timestamp.
        func text() -> String { csv.field(field).trimmingCharacters(in: .whitespaces) }
        if let reference = referenceStyle {
            if style.separator != reference.separator || style.hasSeconds != reference.hasSeconds {
                let earlier = "line \(referenceLine) ('\(referenceText)')"
                let difference =
                    style.separator != reference.separator
                    ? (style.separator == UInt8(ascii: "T")
                        ? "has 'T' between date and time while \(earlier) has a space"
                        : "has a space between date and time while \(earlier) has 'T'")
                    : (style.hasSeconds
                        ? "has seconds while \(earlier) has none" : "has no seconds while \(earlier) has")
                throw .badData(
                    csv.location(ofField: field),
                    "timestamp '\(text())' \(difference); a file must write every timestamp the same way")
            }
        } else {
            referenceStyle = style
            referenceLine = line
            referenceText = text()
        }
        guard style.offset != .none else { return }
        if let known = offsetStyle {
            if known.style.offset == style.offset { return }
            if known.style.offset != .zulu && style.offset != .zulu {
                let difference =
                    style.offset == .basic
                    ? "writes its offset like +0100 while line \(known.line) ('\(known.text)') writes +01:00"
                    : "writes its offset like +01:00 while line \(known.line) ('\(known.text)') writes +0100"
                throw .badData(
                    csv.location(ofField: field),
                    "timestamp '\(text())' \(difference); a file must write every timestamp the same way")
            }
            if known.style.offset == .zulu && style.offset != .zulu { offsetStyle = (style, line, text()) }
        } else {
            offsetStyle = (style, line, text())
        }
    }

    /// The instant of a row; nil for a row in the hour the clocks skip that has no contacts.
    mutating func resolve(
        _ reading: TimeReading, csv: CSVReader, field: Int, line: Int, channel: Int32, source: Int32,
        contacts: Double
    ) throws(CoreError) -> Int64? {
        switch reading {
        case .exact(let instant, _):
            return instant
        case .local(let wall):
            switch resolver.instants(wallSeconds: wall) {
            case .one(let instant):
                return instant
            case .two(let first, let second):
                if options.input.oneRowPerContact {
                    return localTimes.contactOrder(
                        wall: wall, first: first, second: second, channel: channel, line: line)
                }
                return try localTimes.fileOrder(
                    wall: wall, first: first, second: second, channel: channel, source: source,
                    line: line, location: csv.location(ofField: field), resolver: resolver)
            case .none:
                if contacts.isNaN || contacts == 0 {
                    localTimes.noteSkipped(line: line, wall: wall)
                    return nil
                }
                let message =
                    resolver.problem(wallSeconds: wall)?.message
                    ?? "this local time does not exist in \(options.calendar.identifier)"
                throw .badData(csv.location(ofField: field), message)
            }
        }
    }

    // MARK: Numbers

    private mutating func number(_ csv: CSVReader, field: Int, kind: NumberReader.Kind) -> Result<
        Double, NumberReader.Failure
    > {
        // The closure captures the position, not the reader: capturing the reader would copy it
        // (a dozen reference counts) for every cell.
        let position = csv.position(ofField: field)
        let file = csv.file
        return csv.withFieldBytes(field) {
            numbers.read(
                $0, kind: kind, at: { SourceLocation(file: file, line: position.line, column: position.column) })
        }
    }

    /// A count (contacts, handled, abandoned): whole, 0 or more, at most 10⁹; NaN when empty.
    mutating func readCount(_ csv: CSVReader, field: Int, name: String, what: String) throws(CoreError) -> Double {
        var shown: String { "'\(csv.field(field).trimmingCharacters(in: .whitespaces))'" }
        switch number(csv, field: field, kind: .count) {
        case .failure(.empty):
            return .nan
        case .failure(.refused(let error)):
            throw error
        case .failure(.notFinite):
            throw .badData(csv.location(ofField: field), "\(what) must be a finite number; found \(shown)")
        case .failure(.notANumber):
            let hint =
                !numbers.allowsComma && csv.field(field).contains(",")
                ? " (write numbers without thousands separators; decimal commas only in files separated by ; | or tabs)"
                : ""
            throw .badData(
                csv.location(ofField: field),
                "expected a number of \(what) (a whole number, 0 or more) in '\(name)'; found \(shown)\(hint)")
        case .success(let value):
            if value < 0 { throw .badData(csv.location(ofField: field), "\(what) cannot be negative; found \(shown)") }
            if value > 1e9 {
                throw .badData(
                    csv.location(ofField: field),
                    "\(shown) \(what) in one interval is implausibly large (the limit is 1,000,000,000)")
            }
            if value.rounded(.towardZero) != value {
                throw .badData(
                    csv.location(ofField: field), "\(what) are counts and must be whole numbers; found \(shown)")
            }
            return value + 0  // turns -0 into 0
        }
    }

    /// Abandoned contacts: a count, or in a list of contacts a yes/no flag.
    mutating func readAbandoned(_ csv: CSVReader, field: Int, name: String) throws(CoreError) -> Double {
        if options.input.oneRowPerContact {
            let text = csv.field(field).trimmingCharacters(in: .whitespaces).lowercased()
            switch text {
            case "", "0", "no", "false", "n", "nee": return 0
            case "1", "yes", "true", "y", "ja": return 1
            default:
                throw .badData(
                    csv.location(ofField: field),
                    "expected whether the contact was abandoned (1/0, yes/no, true/false) in '\(name)'; found '\(text)'"
                )
            }
        }
        return try readCount(csv, field: field, name: name, what: "abandoned contacts")
    }

    private mutating func duration(_ csv: CSVReader, field: Int) -> Result<Double, DurationText.Failure> {
        let unit = options.input.durationUnit
        let position = csv.position(ofField: field)
        let file = csv.file
        return csv.withFieldBytes(field) {
            DurationText.seconds(
                $0, unit: unit, numbers: &numbers,
                at: { SourceLocation(file: file, line: position.line, column: position.column) })
        }
    }

    private func boundsHint(_ value: Double) -> String {
        if value > HandleTimeBounds.maximum, options.input.durationUnit != .milliseconds,
            value / 1000 <= HandleTimeBounds.maximum
        {
            return "; if the column is in milliseconds, say --duration-unit ms"
        }
        return ""
    }

    /// An average handle time: 1 s to 86,400 s; NaN when empty, or 0 in an interval without
    /// contacts (exports write that for "no handle time").
    mutating func readAHT(_ csv: CSVReader, field: Int, contacts: Double, handled: Double) throws(CoreError) -> Double {
        let name = options.input.isNative ? "aht_seconds" : "the average handle time"
        var shown: String { "'\(csv.field(field).trimmingCharacters(in: .whitespaces))'" }
        switch duration(csv, field: field) {
        case .failure(.empty):
            return .nan
        case .failure(.refused(let error)):
            throw error
        case .failure(.notFinite):
            throw .badData(csv.location(ofField: field), "\(name) must be a finite number of seconds; found \(shown)")
        case .failure(.notADuration(let why)):
            throw .badData(
                csv.location(ofField: field),
                options.input.isNative
                    ? "expected the average handle time in seconds (a positive number, or empty); found \(shown)"
                    : "\(why); found \(shown)")
        case .success(let value):
            if value == 0 && (contacts == 0 || handled == 0) { return .nan }
            if value <= 0 {
                throw .badData(
                    csv.location(ofField: field),
                    "\(name) must be a positive number of seconds (or empty); found \(shown)")
            }
            guard value >= HandleTimeBounds.minimum, value <= HandleTimeBounds.maximum else {
                throw .badData(
                    csv.location(ofField: field),
                    "\(name) must be between 1 s and 86,400 s (24 hours); found \(shown)\(boundsHint(value))")
            }
            return value
        }
    }

    /// Total handle time ÷ handled contacts, bounded like an average.
    mutating func readHandleTime(_ csv: CSVReader, field: Int, handled: Double, handledField: Int, line: Int)
        throws(CoreError) -> Double
    {
        var shown: String { "'\(csv.field(field).trimmingCharacters(in: .whitespaces))'" }
        let total: Double
        switch duration(csv, field: field) {
        case .failure(.empty): return .nan
        case .failure(.refused(let error)): throw error
        case .failure(.notFinite):
            throw .badData(
                csv.location(ofField: field), "the total handle time must be a finite number of seconds; found \(shown)"
            )
        case .failure(.notADuration(let why)): throw .badData(csv.location(ofField: field), "\(why); found \(shown)")
        case .success(let value): total = value
        }
        guard total >= 0, total <= 1e12 else {
            throw .badData(
                csv.location(ofField: field),
                "the total handle time must be 0 or more seconds (at most 10¹²); found \(shown)")
        }
        if handled.isNaN { return .nan }
        if handled == 0 {
            if total > 0 {
                handleWithoutHandled.count += 1
                if handleWithoutHandled.line == 0 { handleWithoutHandled.line = line }
            }
            return .nan
        }
        let average = total / handled
        guard average >= HandleTimeBounds.minimum, average <= HandleTimeBounds.maximum else {
            throw .badData(
                csv.location(ofField: field),
                "total handle time \(shown) over \(NumberFormat.plain(handled, maxFractionDigits: 0)) handled contacts is \(NumberFormat.plain(average, maxFractionDigits: 3)) s each, outside 1 s…86,400 s\(boundsHint(average))"
            )
        }
        return average
    }
}
