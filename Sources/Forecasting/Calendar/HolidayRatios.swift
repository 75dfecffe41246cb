import StaffcastCore

/// What the history's holidays did to their day: each past holiday's day total over the median
/// total of the same weekday in the ``referenceWeeks`` weeks before it (other holidays left
/// out) — 0 for a holiday closed or absent, about 1 for one worked as a normal day, 1.3 for one
/// busier than usual. ``AutoForecaster`` widens the range of a holiday the history has not shown
/// to this spread: forecast as a normal day, it may do anything its history's holidays did.
struct HolidayRatios: Sendable {
    /// The ratios, ascending.
    let ratios: [Double]

    static let referenceWeeks = 6
    /// Reference days (same weekday, before the holiday, with volume) a ratio needs.
    static let minimumReferenceDays = 3
    /// Past holidays needed before their spread is used.
    static let minimumHolidays = 3

    /// `holidays`: the local days of the holidays on business days (``EventDays/holidayDays``).
    init(history: KnownHistory, holidays: Set<Int>) {
        let totals = history.dayTotals().totals
        guard let first = history.slots.first?.day, let last = history.slots.last?.day else {
            ratios = []
            return
        }
        var found: [Double] = []
        for day in holidays where day >= first && day <= last {
            let references = (1...Self.referenceWeeks).compactMap { k -> Double? in
                let before = day - 7 * k
                guard !holidays.contains(before), let total = totals[before], total > 0 else { return nil }
                return total
            }
            guard references.count >= Self.minimumReferenceDays else { continue }
            let typical = RobustWeights.median(references)
            guard typical > 0 else { continue }
            found.append((totals[day] ?? 0) / typical)
        }
        ratios = found.sorted()
    }

    /// The 80 % and 95 % ranges of the ratio (10th–90th and 2.5th–97.5th percentiles); nil with
    /// fewer than ``minimumHolidays`` past holidays.
    var ranges: (lo80: Double, hi80: Double, lo95: Double, hi95: Double)? {
        guard ratios.count >= Self.minimumHolidays, let lo80 = Accuracy.quantile(ratios, 0.1),
            let hi80 = Accuracy.quantile(ratios, 0.9), let lo95 = Accuracy.quantile(ratios, 0.025),
            let hi95 = Accuracy.quantile(ratios, 0.975)
        else { return nil }
        return (lo80, hi80, lo95, hi95)
    }
}
