import StaffcastCore

/// An ISO 8601 week of the planning calendar: Monday 00:00 local to the next Monday 00:00 local
/// (167, 168 or 169 hours when DST changes within it).
public struct PlanWeek: Sendable, Equatable {
    public let year: Int
    public let week: Int
    public let monday: CivilDate

    /// `2003-W36`.
    public var label: String { "\(year)-W" + (week < 10 ? "0" : "") + String(week) }

    public var dates: [CivilDate] { (0..<7).map { monday.adding(days: $0) } }

    public func start(in calendar: PlanningCalendar) -> Int64 { calendar.startOfDay(monday) }
    public func end(in calendar: PlanningCalendar) -> Int64 { calendar.startOfDay(monday.adding(days: 7)) }

    public init?(year: Int, week: Int) {
        guard let monday = CivilDate.mondayOfISOWeek(year: year, week: week) else { return nil }
        self.year = year; self.week = week; self.monday = monday
    }

    /// The ISO week containing `date`.
    public init(containing date: CivilDate) {
        let (year, week) = date.isoWeek
        self.year = year; self.week = week
        self.monday = date.adding(days: 1 - date.weekday)
    }

    public var next: PlanWeek { PlanWeek(containing: monday.adding(days: 7)) }

    /// Parses `YYYY-Www` (`2003-W36`); nil for malformed text or a week the year lacks (2026-W54).
    public static func parse(_ text: String) -> PlanWeek? {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1].hasPrefix("W"),
              (2...3).contains(parts[1].count), let week = Int(parts[1].dropFirst()) else { return nil }
        return PlanWeek(year: year, week: week)
    }
}
