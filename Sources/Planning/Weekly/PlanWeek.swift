import StaffcastCore

/// A planning week of the planning calendar, named by its ISO 8601 week: seven local days from
/// 00:00 of its first day (167, 168 or 169 hours when DST changes within it). The site says which
/// weekday the week starts on (`week_start`): Monday, the ISO week itself, by default; a
/// Sunday–Thursday centre's week `2025-W10` runs from Sunday 2 March, the day before the ISO
/// week's Monday, so its Sunday can be planned from Saturday night's data.
public struct PlanWeek: Sendable, Equatable {
    public let year: Int
    public let week: Int
    public let monday: CivilDate
    /// ISO weekday the week starts on: 1 = Monday … 7 = Sunday.
    public let firstWeekday: Int

    /// `2003-W36`.
    public var label: String { "\(year)-W" + (week < 10 ? "0" : "") + String(week) }

    /// The week's first day: its Monday, or the days before it for a week starting later in the
    /// ISO week (Sunday: the Sunday before).
    public var firstDate: CivilDate { monday.adding(days: firstWeekday == 1 ? 0 : firstWeekday - 8) }

    public var dates: [CivilDate] { (0..<7).map { firstDate.adding(days: $0) } }

    public func start(in calendar: PlanningCalendar) -> Int64 { calendar.startOfDay(firstDate) }
    public func end(in calendar: PlanningCalendar) -> Int64 { calendar.startOfDay(firstDate.adding(days: 7)) }

    public init?(year: Int, week: Int, firstWeekday: Int = 1) {
        guard let monday = CivilDate.mondayOfISOWeek(year: year, week: week), (1...7).contains(firstWeekday) else {
            return nil
        }
        self.year = year
        self.week = week
        self.monday = monday
        self.firstWeekday = firstWeekday
    }

    /// The planning week containing `date`.
    public init(containing date: CivilDate, firstWeekday: Int = 1) {
        let first = (1...7).contains(firstWeekday) ? firstWeekday : 1
        // A week starting on weekday w > 1 is named by the ISO week of its day 8 − w (its Monday).
        let named = first == 1 ? date : date.adding(days: date.weekday >= first ? 8 - first : 0)
        let (year, week) = named.isoWeek
        self.year = year
        self.week = week
        self.monday = named.adding(days: 1 - named.weekday)
        self.firstWeekday = first
    }

    public var next: PlanWeek { PlanWeek(containing: firstDate.adding(days: 7), firstWeekday: firstWeekday) }

    /// The week before.
    public var previous: PlanWeek { PlanWeek(containing: firstDate.adding(days: -7), firstWeekday: firstWeekday) }

    /// The ISO years a plan may be for.
    public static let supportedYears = 1970...2100

    /// Whether the week lies in `supportedYears`.
    public var isSupported: Bool { Self.supportedYears.contains(year) }

    /// Parses `YYYY-Www` (`2003-W36`); nil for malformed text, a week the year lacks (2026-W54)
    /// or a year outside `supportedYears`.
    public static func parse(_ text: String, firstWeekday: Int = 1) -> PlanWeek? {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1].hasPrefix("W"),
            (2...3).contains(parts[1].count), let week = Int(parts[1].dropFirst()), supportedYears.contains(year)
        else { return nil }
        return PlanWeek(year: year, week: week, firstWeekday: firstWeekday)
    }
}
