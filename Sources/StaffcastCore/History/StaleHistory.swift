/// A history that ends too long before the week being planned: the cron job of `plan --week next`
/// must not publish a plan from an export that stopped arriving weeks ago.
public struct StaleHistory: Error, Sendable, Equatable, CustomStringConvertible {
    /// The last local date with history (the day of the last interval).
    public let lastDate: CivilDate
    /// The end of the last interval, formatted with its offset.
    public let lastIntervalEnd: String
    /// The first day of the planned week.
    public let weekStart: CivilDate
    public let daysBetween: Int
    public let allowedDays: Int
    public let weekLabel: String?

    /// The default number of days between the history's last day and the week's first.
    public static let defaultAllowedDays = 14

    /// The refusal when the history ends more than `allowedDays` days before the week starts;
    /// nil when it is recent enough. `historyEnd` is the end of the last interval (exclusive),
    /// `weekStart` the first instant of the week, both in `calendar`'s local days.
    public static func check(
        historyEnd: Int64, weekStart: Int64, calendar: PlanningCalendar,
        allowedDays: Int = defaultAllowedDays, weekLabel: String? = nil
    ) -> StaleHistory? {
        let lastDate = calendar.local(historyEnd - 1).date
        let startDate = calendar.local(weekStart).date
        let days = startDate.daysSinceEpoch - lastDate.daysSinceEpoch
        guard days > allowedDays else { return nil }
        return StaleHistory(
            lastDate: lastDate, lastIntervalEnd: calendar.format(historyEnd), weekStart: startDate,
            daysBetween: days, allowedDays: allowedDays, weekLabel: weekLabel)
    }

    public var description: String {
        let week = weekLabel.map { "\($0) starts" } ?? "the week starts"
        return
            "the history ends on \(lastDate) (its last interval ends \(lastIntervalEnd)), \(daysBetween) days before \(week) on \(weekStart); "
            + "more than \(allowedDays) days is stale: export recent history, or plan anyway with --allow-stale"
    }
}
