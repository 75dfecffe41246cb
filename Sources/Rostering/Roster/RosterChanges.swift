import StaffcastCore

/// A shift's start and end (UTC instants, seconds since 1970).
public struct ShiftTimes: Sendable, Equatable, Hashable {
    public var start: Int64
    public var end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }
}

/// One agent's day as an earlier publication gave it: a shift, or a day off (`shift` nil).
/// Days of a period that were published before are kept as published (``RosterInput/published``).
public struct PublishedDay: Sendable, Equatable {
    public var agent: String
    public var date: CivilDate
    public var shift: ShiftTimes?
    /// The published shift's break start and its channel blocks, kept with it where they still
    /// fit (empty: chosen again).
    public var breakStart: Int64? = nil
    public var activities: [ActivityBlock] = []

    public init(agent: String, date: CivilDate, shift: ShiftTimes?) {
        self.agent = agent
        self.date = date
        self.shift = shift
    }

    /// The days of the roster `rows` (``RosterFile``) that fall in `dates`: every agent of the
    /// file, on every date of `dates` inside the ISO weeks the file covers (from its first shift's
    /// week to its last shift's), with their shift or as a day off. A roster is published in whole
    /// weeks, so a date of those weeks without a shift was published as a day off.
    public static func from(_ rows: [RosterFile.Row], dates: [CivilDate]) -> [PublishedDay] {
        guard let first = rows.map(\.date).min(), let last = rows.map(\.date).max() else { return [] }
        let from = first.adding(days: 1 - first.weekday)
        let through = last.adding(days: 7 - last.weekday)
        let inside = dates.filter { $0 >= from && $0 <= through }
        var shifts: [String: [CivilDate: PublishedDay]] = [:]
        for row in rows {
            var day =
                shifts[row.agent]?[row.date]
                ?? PublishedDay(
                    agent: row.agent, date: row.date, shift: ShiftTimes(start: row.shiftStart, end: row.shiftEnd))
            day.breakStart = row.breakStart
            day.activities.append(row.activity)
            shifts[row.agent, default: [:]][row.date] = day
        }
        return shifts.keys.sorted().flatMap { agent in
            inside.map { shifts[agent]?[$0] ?? PublishedDay(agent: agent, date: $0, shift: nil) }
        }
    }
}

/// A published day the new roster changes: the agent, the date, what was published and what is
/// now (nil: a day off), and why.
public struct RosterChange: Sendable, Equatable {
    public var agent: String
    public var date: CivilDate
    public var before: ShiftTimes?
    public var after: ShiftTimes?
    public var reason: String
}

/// `roster_changes.csv`: the published days a re-published roster changes —
/// `agent,date,before,after,reason`, a shift as its ISO 8601 start and end with the site's offset
/// joined by `/` (an ISO 8601 time interval), a day off as `off`; one row per agent and date, in
/// date then agent order.
public enum RosterChangesFile {
    public static let fileName = "roster_changes.csv"

    public static func write(_ changes: [RosterChange], calendar: PlanningCalendar) -> String {
        var table = CSVTable(header: ["agent", "date", "before", "after", "reason"])
        func text(_ shift: ShiftTimes?) -> String {
            shift.map { calendar.format($0.start) + "/" + calendar.format($0.end) } ?? "off"
        }
        for change in changes.sorted(by: { ($0.date, $0.agent) < ($1.date, $1.agent) }) {
            table.append([
                change.agent, change.date.description, text(change.before), text(change.after), change.reason,
            ])
        }
        return table.render()
    }
}
