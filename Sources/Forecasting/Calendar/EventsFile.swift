import Foundation
import StaffcastCore

/// One event from the planner's events file: a promotion, closure, local holiday or peak over a
/// span of time, on one channel or all of them.
public struct UserEvent: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var kind: EventKind
    /// The channel it concerns; nil for every channel.
    public var channel: String?
    /// First instant of the event (seconds since 1970-01-01T00:00:00Z).
    public var start: Int64
    /// The instant it ends, exclusive: an event on whole days ends at the next local midnight.
    public var end: Int64
    /// Whether both ends were written as dates (whole local days).
    public var isWholeDays: Bool
    /// The first and last local day the event touches (inclusive).
    public var firstDay: CivilDate
    public var lastDay: CivilDate
    /// Where the event was read: the start of its line.
    public var location: SourceLocation
    /// The planner's expected uplift of a promotion or peak, as a factor (1.3 = +30 %); nil when
    /// not given. The models use log(uplift) as a prior shrunk toward what past events of the
    /// same kind show (see ``CalendarRegressionModel``).
    public var uplift: Double?

    public init(
        name: String, kind: EventKind, channel: String?, start: Int64, end: Int64, isWholeDays: Bool,
        firstDay: CivilDate, lastDay: CivilDate, location: SourceLocation, uplift: Double? = nil
    ) {
        self.name = name
        self.kind = kind
        self.channel = channel
        self.start = start
        self.end = end
        self.isWholeDays = isWholeDays
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.location = location
        self.uplift = uplift
    }

    /// Whether the event covers `instant`.
    public func contains(_ instant: Int64) -> Bool { start <= instant && instant < end }

    public var description: String {
        "\(firstDay)…\(lastDay) \(channel ?? "all channels") \(kind) \(name)"
    }
}

/// Reads the events file of `--events FILE`: `name,start,end[,channel][,kind][,uplift]`.
///
/// - The header is required; its names are matched case-insensitively, in any order; `channel`
///   and `kind` may be left out.
/// - `start` and `end` are dates (`2025-11-28`: whole local days, `end` inclusive) or ISO 8601
///   timestamps (`2025-11-28T09:00`, `2025-11-28T09:00:00+01:00`: `end` exclusive); timestamps
///   without an offset are local times in the planning calendar, and one that a DST change makes
///   ambiguous or non-existent is an error. A date and a timestamp may be mixed on one line.
/// - `channel` empty or absent: every channel. `kind` empty or absent: `promotion`; otherwise
///   one of `promotion`, `closure`, `holiday`, `peak` (any case).
/// - `uplift` empty or absent: none; otherwise the expected volume factor of a promotion or peak
///   (`1.3` = +30 %), a positive finite number. It is a prior: the forecast shrinks log(uplift)
///   toward the effect past events of the same kind show (see ``CalendarRegressionModel``).
///   A closure or holiday with an uplift is an error.
///
/// Every error names `file:line:column` of the offending cell. Events are returned in file order.
public enum EventsFile {
    public static let header = "name,start,end[,channel][,kind][,uplift]"

    /// - Throws: ``CoreError/missingInput(path:reason:)`` when the file cannot be opened,
    ///   ``CoreError/badFile(path:_:)`` when it is empty, ``CoreError/badData(_:_:)`` naming the cell
    ///   of any other problem.
    public static func read(path: String, calendar: PlanningCalendar) throws(CoreError) -> [UserEvent] {
        var csv = try CSVReader(path: path)
        return try read(&csv, calendar: calendar)
    }

    public static func read(data: Data, name: String, calendar: PlanningCalendar) throws(CoreError) -> [UserEvent] {
        var csv = try CSVReader(data: data, name: name)
        return try read(&csv, calendar: calendar)
    }

    private enum Column: String, CaseIterable { case name, start, end, channel, kind, uplift }

    /// Reads events from an open CSV reader positioned before the header.
    public static func read(_ csv: inout CSVReader, calendar: PlanningCalendar) throws(CoreError) -> [UserEvent] {
        var table = try HeadedCSVReader(
            csv, expected: header, known: Column.allCases.map(\.rawValue), required: ["name", "start", "end"],
            exactWidth: false)
        var columns: [Column: Int] = [:]
        for column in Column.allCases { columns[column] = table.column(column.rawValue) }
        let width = table.names.count
        var resolver = LocalTimeResolver(calendar: calendar)
        var events: [UserEvent] = []
        while let record = try table.next() {
            func cell(_ column: Column) -> String? {
                guard let k = columns[column], k < record.fields.count else { return nil }
                return record.fields[k].trimmingCharacters(in: .whitespaces)
            }
            func location(_ column: Column) -> SourceLocation { record.location(ofField: columns[column] ?? width) }

            guard let name = cell(.name), !name.isEmpty else {
                throw .badData(location(.name), "the event has no name")
            }
            if let problem = NameCheck.problem(name, what: "event") { throw .badData(location(.name), problem) }
            if let channel = cell(.channel), !channel.isEmpty, let problem = NameCheck.problem(channel, what: "channel")
            {
                throw .badData(location(.channel), problem)
            }
            guard let startText = cell(.start), !startText.isEmpty else {
                throw .badData(
                    location(.start),
                    "event '\(name)' has no start; write a date (2025-11-28) or a timestamp (2025-11-28T09:00)")
            }
            guard let endText = cell(.end), !endText.isEmpty else {
                throw .badData(
                    location(.end),
                    "event '\(name)' has no end; write a date (2025-11-28, inclusive) or a timestamp (exclusive)")
            }
            let start = try moment(
                startText, isEnd: false, at: location(.start), calendar: calendar, resolver: &resolver)
            let end = try moment(endText, isEnd: true, at: location(.end), calendar: calendar, resolver: &resolver)
            guard end.instant > start.instant else {
                throw .badData(
                    location(.end),
                    "event '\(name)' ends (\(endText)) before it starts (\(startText))"
                        + (end.wholeDay ? "" : "; a timestamp end is exclusive"))
            }
            let kindText = cell(.kind) ?? ""
            let kind: EventKind
            if kindText.isEmpty {
                kind = .promotion
            } else if let known = EventKind(rawValue: kindText.lowercased()), EventKind.userKinds.contains(known) {
                kind = known
            } else {
                throw .badData(
                    location(.kind),
                    "unknown event kind '\(kindText)'; expected one of "
                        + EventKind.userKinds.map(\.rawValue).joined(separator: ", ") + " (empty means promotion)")
            }
            let channel = cell(.channel).flatMap { $0.isEmpty ? nil : $0 }
            var uplift: Double? = nil
            if let upliftText = cell(.uplift), !upliftText.isEmpty {
                guard let value = Double(upliftText), value.isFinite, value > 0 else {
                    throw .badData(
                        location(.uplift),
                        "event '\(name)' has uplift '\(upliftText)'; expected a positive number "
                            + "such as 1.3 (+30 %) or 0.8 (−20 %), or empty for none")
                }
                guard kind == .promotion || kind == .peak else {
                    throw .badData(
                        location(.uplift),
                        "event '\(name)' is a \(kind) and cannot have an uplift; "
                            + "only a promotion or peak can (leave the cell empty)")
                }
                uplift = value
            }
            events.append(
                UserEvent(
                    name: name, kind: kind, channel: channel, start: start.instant, end: end.instant,
                    isWholeDays: start.wholeDay && end.wholeDay,
                    firstDay: calendar.local(start.instant).date,
                    lastDay: calendar.local(end.instant - 1).date,
                    location: record.location(ofField: 0), uplift: uplift))
        }
        return events
    }

    /// A date (`YYYY-MM-DD`) or a timestamp, as an instant: a start date is its local midnight,
    /// an end date the next local midnight.
    private static func moment(
        _ text: String, isEnd: Bool, at location: SourceLocation, calendar: PlanningCalendar,
        resolver: inout LocalTimeResolver
    ) throws(CoreError) -> (instant: Int64, wholeDay: Bool) {
        switch dayOrTimestamp(text) {
        case .day(let date)?:
            return (calendar.startOfDay(isEnd ? date.adding(days: 1) : date), true)
        case .notADay(let message)?:
            throw .badData(location, message)
        case nil:
            switch TimestampParser.parse(text) {
            case .failure(let error):
                throw .badData(location, "expected a date such as 2025-11-28 or a timestamp: " + error.message)
            case .success(let timestamp):
                if let instant = timestamp.instant { return (instant, false) }
                switch resolver.resolve(wallSeconds: timestamp.wallSeconds) {
                case .success(let instant): return (instant, false)
                case .failure(let error): throw .badData(location, error.message)
                }
            }
        }
    }

    private enum DayField {
        case day(CivilDate)
        case notADay(String)
    }

    /// `YYYY-MM-DD` as a date; a message when it has that shape but is no date; nil otherwise.
    private static func dayOrTimestamp(_ text: String) -> DayField? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        var numbers: [Int] = []
        for range in [0..<4, 5..<7, 8..<10] {
            var value = 0
            for b in bytes[range] {
                guard b >= 48 && b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            numbers.append(value)
        }
        guard let date = CivilDate(year: numbers[0], month: numbers[1], day: numbers[2]) else {
            let why =
                (1...12).contains(numbers[1])
                ? "\(numbers[0])-\(numbers[1] < 10 ? "0" : "")\(numbers[1]) has no day \(numbers[2])"
                : "there is no month \(numbers[1])"
            return .notADay("'\(text)' is not a date (\(why)); write dates as YYYY-MM-DD")
        }
        return .day(date)
    }
}
