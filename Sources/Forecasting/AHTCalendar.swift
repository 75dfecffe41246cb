import Foundation
import StaffcastCore

/// Handle time follows the calendar too (issue 9: in the January returns weeks the calls are
/// longer). On top of ``AHTForecast``'s weekday × time-of-day profile and damped trend:
///
/// - **Event effects.** For each event feature of the history (`EventDays`: holidays, eves, the
///   day after a closed holiday, retail days and their windows, the planner's promotions and
///   peaks), the mean over its past days of r_d = log(Σ cᵢaᵢ / Σ cᵢâᵢ), the day's contact-weighted
///   AHT against the profile's (trend included), weighted by the feature's value that day and
///   shrunk by n / (n + 1) for n past days; a future day gets exp(Σ its features' effects).
/// - **The year's shape**, with a year or more of AHT: last year's r_d of normal days, smoothed
///   over ±7 days, aligned on the calendar and taken relative to the origin's date a year back
///   (the same construction as the volumes' ``YearlyShape``), averaged over the years held.
struct AHTCalendarEffects: Sendable {
    let events: EventDays
    let effects: [String: Double]
    /// Smoothed log ratio by local day, for the year's shape; empty without a year of AHT.
    let yearLevel: [Int: Double]
    let originDay: Int

    func factor(day: Int, instant: Int64) -> Double {
        var log = 0.0
        if !effects.isEmpty {
            for (name, value, _) in events.loadings(instant: instant, day: day) { log += (effects[name] ?? 0) * value }
        }
        if !yearLevel.isEmpty {
            let date = CivilDate(daysSinceEpoch: day)
            let origin = CivilDate(daysSinceEpoch: originDay)
            var sum = 0.0
            var count = 0
            for k in 1...3 {
                guard let then = YearlyShape.yearsBack(date, k), let start = YearlyShape.yearsBack(origin, k),
                    let a = yearLevel[then.daysSinceEpoch], let b = yearLevel[start.daysSinceEpoch]
                else { continue }
                sum += a - b
                count += 1
            }
            if count > 0 { log += sum / Double(count) }
        }
        return exp(log)
    }
}

extension AHTForecast {
    /// Fits the AHT of `input`'s series with its calendar (``AHTCalendarEffects``): event effects
    /// from past occurrences and, with a year or more of AHT, the year's shape. Nil when the
    /// series carries no usable AHT.
    public static func fit(_ input: ForecastInput, settings: Settings = Settings()) -> AHTForecast? {
        guard var base = fit(input.series, calendar: input.calendar, settings: settings) else { return nil }
        let series = input.series
        let events = EventDays(input)
        let clock = LocalClock(input.calendar)
        let perDay = base.slotsPerDay
        // Per local day: Σ c·a and Σ c·â (the profile with the trend, as fitted).
        var actual: [Int: Double] = [:]
        var expected: [Int: Double] = [:]
        var instantOf: [Int: Int64] = [:]
        let indices = (0..<series.count).filter { i in
            guard let c = series.contacts[i], c > 0, c.isFinite, let a = series.ahtSeconds[i], a.isFinite, a > 0 else {
                return false
            }
            return true
        }
        let instants = indices.map { series.instant(at: $0) }
        for (k, local) in clock.readings(instants).enumerated() {
            let i = indices[k]
            guard let c = series.contacts[i], let a = series.ahtSeconds[i] else { continue }
            let slot = (local.weekday - 1) * perDay + min(perDay - 1, local.secondsOfDay / series.intervalSeconds)
            let weeks = Double(instants[k] - base.reference) / 604_800
            let day = local.date.daysSinceEpoch
            actual[day, default: 0] += c * a
            expected[day, default: 0] += c * base.profile[slot] * exp(base.weeklyTrend * weeks)
            if instantOf[day] == nil { instantOf[day] = instants[k] }
        }
        var ratio: [Int: Double] = [:]
        for (day, a) in actual { if let e = expected[day], e > 0, a > 0 { ratio[day] = log(a / e) } }
        // Event effects.
        var sums: [String: (Double, Double)] = [:]
        var eventDays = Set<Int>()
        if !events.isEmpty {
            // In day order: sums over a dictionary in its (per-process) order differ in the last digit.
            for (day, r) in ratio.sorted(by: { $0.key < $1.key }) {
                guard let instant = instantOf[day] else { continue }
                let loads = events.loadings(instant: instant, day: day)
                if !loads.isEmpty { eventDays.insert(day) }
                for (name, value, _) in loads where value > 0 {
                    let old = sums[name] ?? (0, 0)
                    sums[name] = (old.0 + r * value, old.1 + value)
                }
            }
        }
        let effects = sums.mapValues { $0.1 > 0 ? $0.0 / ($0.1 + 1) : 0 }
        // The year's shape from normal days.
        var yearLevel: [Int: Double] = [:]
        let originDay = clock.readings([base.reference])[0].date.daysSinceEpoch
        if let first = ratio.keys.min(), originDay - first > 365 + YearlyShape.windowDays {
            for day in first...originDay {
                var s = 0.0
                var n = 0
                for d in (day - YearlyShape.windowDays)...(day + YearlyShape.windowDays)
                where d < originDay && !eventDays.contains(d) {
                    if let v = ratio[d] {
                        s += v
                        n += 1
                    }
                }
                if n >= YearlyShape.minimumDays { yearLevel[day] = s / Double(n) }
            }
        }
        if !effects.isEmpty || !yearLevel.isEmpty {
            base.calendarEffects = AHTCalendarEffects(
                events: events, effects: effects, yearLevel: yearLevel, originDay: originDay)
        }
        return base
    }
}
