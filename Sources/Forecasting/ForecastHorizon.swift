import StaffcastCore

public enum ForecastHorizon {
    /// The open intervals of the horizon after `origin`, by their start instants.
    ///
    /// Intervals are labelled by their start, so "the intervals in (origin, origin + horizon]"
    /// are those starting at s = origin + k · interval with origin ≤ s and s + interval ≤
    /// origin + horizon (k = 0, 1, …; a horizon that is not a whole number of intervals drops
    /// the last partial one). `origin` must lie on the series' grid, e.g. the end of the last
    /// history interval. Steps are in absolute time, so a local day with a DST change has 46 or
    /// 50 half-hours; slots the opening hours close are left out.
    public static func instants(
        origin: Int64, horizonSeconds: Int, intervalSeconds: Int,
        openingHours: OpeningHours, calendar: PlanningCalendar
    ) -> [Int64] {
        guard horizonSeconds > 0, intervalSeconds > 0 else { return [] }
        let count = horizonSeconds / intervalSeconds
        let starts = (0..<count).map { origin + Int64($0) * Int64(intervalSeconds) }
        let slots = LocalClock(calendar).slots(starts, openingHours: openingHours)
        return zip(starts, slots).compactMap { $1.isOpen ? $0 : nil }
    }
}
