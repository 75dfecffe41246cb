import Foundation
import StaffcastCore

/// The year's shape for the calendar regression, from a history of at least a year: last year's
/// smoothed daily level, aligned on the calendar, as a log-scale offset relative to the origin,
///
///     A(d) = (1/K) Σₖ [ Y(d − k years) − Y(o − k years) ],   k = 1 … K (the years the history holds),
///
/// where o is the first day after the history and Y(x) is the mean of rₓ′ over the days x′ within
/// ``windowDays`` days of x. rₓ is a day's level net of everything else the model knows: the
/// mean over its known open intervals of log(y + 1) − (slot-of-week mean) − (event effects), so
/// weekdays, the intraday profile and the calendar's events (Easter, Black Friday, the January
/// returns weeks — moving feasts sit on their own dates) do not leak into the year's shape.
/// Suspicious days and recording gaps (`DayScreen`) and closed days are left out.
///
/// "Last year's peak season scaled to this year's level": A(o) = 0, so the forecast starts at the
/// recent level the model fits, and moves from there as last year moved from the same date on.
/// A year earlier than `d − k years` is the same month and day (29 February → 28 February).
struct YearlyShape: Sendable {
    /// Days either side of a day in its smoothed level.
    static let windowDays = 7
    /// The least number of days with a level in a smoothing window.
    static let minimumDays = 4

    /// Y by local day.
    let level: [Int: Double]
    let originDay: Int

    /// The offset A(day), nil when no year back has both levels.
    func offset(day: Int) -> Double? {
        let date = CivilDate(daysSinceEpoch: day)
        let origin = CivilDate(daysSinceEpoch: originDay)
        var sum = 0.0
        var count = 0
        for k in 1...3 {
            guard let then = Self.yearsBack(date, k), let start = Self.yearsBack(origin, k),
                let a = level[then.daysSinceEpoch], let b = level[start.daysSinceEpoch]
            else { continue }
            sum += a - b
            count += 1
        }
        return count > 0 ? sum / Double(count) : nil
    }

    static func yearsBack(_ date: CivilDate, _ k: Int) -> CivilDate? {
        CivilDate(
            year: date.year - k, month: date.month,
            day: min(date.day, CivilDate.daysInMonth(year: date.year - k, month: date.month)))
    }

    /// Nil when the history spans less than a year and a smoothing window.
    static func fit(
        history: KnownHistory, response: [Double], eventOffsets: [Double], group: [Int], groups: Int,
        skip: Set<Int>, originDay: Int
    ) -> YearlyShape? {
        guard let firstDay = history.slots.first?.day, originDay - firstDay >= 365 + windowDays + 1 else { return nil }
        var sum = Array(repeating: 0.0, count: groups)
        var count = Array(repeating: 0, count: groups)
        for k in response.indices where !skip.contains(history.slots[k].day) {
            sum[group[k]] += response[k] - eventOffsets[k]
            count[group[k]] += 1
        }
        let slotMean = (0..<groups).map { count[$0] > 0 ? sum[$0] / Double(count[$0]) : 0 }
        var daySum: [Int: (Double, Int)] = [:]
        for k in response.indices where !skip.contains(history.slots[k].day) {
            let old = daySum[history.slots[k].day] ?? (0, 0)
            daySum[history.slots[k].day] = (old.0 + response[k] - eventOffsets[k] - slotMean[group[k]], old.1 + 1)
        }
        let r = daySum.mapValues { $0.0 / Double($0.1) }
        var level: [Int: Double] = [:]
        for day in firstDay...originDay {
            var s = 0.0
            var n = 0
            for d in (day - windowDays)...(day + windowDays) where d < originDay {
                if let v = r[d] {
                    s += v
                    n += 1
                }
            }
            if n >= minimumDays { level[day] = s / Double(n) }
        }
        return YearlyShape(level: level, originDay: originDay)
    }
}
