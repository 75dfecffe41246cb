import Foundation
import StaffcastCore

/// Average-handle-time forecast of one channel from the `aht_seconds` of its history.
///
/// The model: `aht(t) = P(weekday, slot of the local day) · exp(β · damped(t))`.
///
/// - **Profile** `P`: per ISO weekday × local clock slot (DST days keep their slots by the local
///   clock), the mean AHT weighted by contacts × recency (weight halves every
///   ``Settings/halfLifeWeeks`` weeks before the end of the history), on observations brought to
///   the level at the end of the history by the trend. Slots with little volume are shrunk toward
///   a prior: the time-of-day mean pooled over all weekdays (itself shrunk toward the channel
///   mean) times the weekday's level relative to the channel mean (shrunk toward 1). The slot's
///   prior weighs as ``Settings/priorContacts`` contacts (× recency), the channel mean under the
///   pooled levels as ``Settings/levelPriorContacts``.
/// - **Trend** `β` (log AHT per week): a weighted least-squares line through the log of each local
///   day's volume-weighted AHT relative to the profile's expectation for that day, weights = the
///   day's contacts; fitted when the known AHT spans at least two weeks, else 0. Profile and trend
///   are fitted alternately (three rounds).
/// - **Damping**: `h` weeks ahead the trend adds `β · Σ_{k=1…h} φ^k` (continuous in `h`), φ =
///   ``Settings/damping``, so a trend flattens out instead of running away.
/// - **Bounds**: every value is clamped to [0.25, 4] × the channel's volume-weighted median
///   interval AHT.
///
/// Intervals count only with contacts > 0 and a finite positive AHT; a history without any gives
/// no forecast (``fit(_:calendar:settings:)`` returns nil, and the caller uses a configured AHT).
public struct AHTForecast: Sendable {
    public struct Settings: Sendable {
        /// Recency half-life of the profile weights, in weeks.
        public var halfLifeWeeks: Double = 6
        /// Weekly damping factor φ of the trend (0: no trend; 1: undamped).
        public var damping: Double = 0.9
        /// Weight (in contacts × recency) of the prior a slot is shrunk toward. Large on purpose:
        /// one slot's AHT is the mean of few handle times (coefficient of variation ≈ 1 each),
        /// while its departure from time-of-day × weekday is usually a few per cent, so a slot
        /// needs a few hundred contacts before its own mean outweighs that structure.
        public var priorContacts: Double = 200
        /// Weight of the channel mean that the pooled time-of-day and weekday levels are shrunk
        /// toward (they pool many slots, so a light touch).
        public var levelPriorContacts: Double = 20
        /// Clamp range as multiples of the channel's median AHT.
        public var bounds: ClosedRange<Double> = 0.25...4
        /// The trend is fitted only when the known AHT spans at least this many days.
        public var minimumTrendDays: Int = 14

        public init() {}
    }

    public let channel: String
    public let intervalSeconds: Int
    public let calendar: PlanningCalendar
    public let settings: Settings
    /// AHT at the end of the history per slot of the week, (weekday − 1) · slotsPerDay + slot.
    public let profile: [Double]
    /// Fitted trend, log AHT per week (before damping).
    public let weeklyTrend: Double
    /// Volume-weighted median interval AHT; the clamp bounds are multiples of it.
    public let medianAHT: Double
    /// End of the history (the trend's reference instant).
    public let reference: Int64
    /// The calendar's effect on handle time (events and the year's shape), when fitted from a
    /// ``ForecastInput`` (``fit(_:settings:)``).
    var calendarEffects: AHTCalendarEffects? = nil

    public var slotsPerDay: Int { 86_400 / intervalSeconds }

    /// Fits the model; nil when the series carries no usable AHT (or its interval does not divide the day).
    public static func fit(
        _ series: IntervalSeries, calendar: PlanningCalendar,
        settings: Settings = Settings()
    ) -> AHTForecast? {
        let interval = series.intervalSeconds
        guard interval > 0, 86_400 % interval == 0 else { return nil }
        let perDay = 86_400 / interval
        var indices: [Int] = []
        var volumes: [Double] = []
        var values: [Double] = []
        for i in 0..<series.count {
            guard let c = series.contacts[i], c > 0, c.isFinite, let a = series.ahtSeconds[i], a.isFinite, a > 0 else {
                continue
            }
            indices.append(i)
            volumes.append(c)
            values.append(a)
        }
        guard let lastIndex = indices.last else { return nil }
        let instants = indices.map { series.instant(at: $0) }
        let reference = series.instant(at: lastIndex + 1)
        let clock = LocalClock(calendar)
        let locals = clock.readings(instants)
        let slots = locals.map { ($0.weekday - 1) * perDay + min(perDay - 1, $0.secondsOfDay / interval) }
        let days = locals.map { $0.date.daysSinceEpoch }
        let weeks = instants.map { Double($0 - reference) / 604_800 }  // ≤ 0
        let recency = weeks.map { pow(0.5, -$0 / max(1e-9, settings.halfLifeWeeks)) }
        let median = weightedMedian(values, weights: volumes)
        let low = settings.bounds.lowerBound * median
        let high = settings.bounds.upperBound * median
        let clamp = { (x: Double) in min(high, max(low, x)) }

        let span = (days.max() ?? 0) - (days.min() ?? 0) + 1
        let fitsTrend = span >= settings.minimumTrendDays && settings.damping > 0
        var beta = 0.0
        var profile: [Double] = []
        for round in 0..<(fitsTrend ? 4 : 1) {
            profile = Self.profile(
                values: values, volumes: volumes, recency: recency, slots: slots, weeks: weeks,
                beta: beta, perDay: perDay, prior: settings.priorContacts,
                levelPrior: settings.levelPriorContacts
            ).map(clamp)
            guard fitsTrend, round < 3 else { break }
            beta = Self.trend(
                values: values, volumes: volumes, slots: slots, days: days, weeks: weeks, profile: profile)
        }
        return AHTForecast(
            channel: series.channel, intervalSeconds: interval, calendar: calendar, settings: settings,
            profile: profile, weeklyTrend: beta, medianAHT: median, reference: reference)
    }

    /// Forecast AHT in seconds for each interval start.
    public func aht(at instants: [Int64]) -> [Double] {
        let perDay = slotsPerDay
        let phi = settings.damping
        let low = settings.bounds.lowerBound * medianAHT
        let high = settings.bounds.upperBound * medianAHT
        var dayFactor: [Int: Double] = [:]
        return zip(instants, LocalClock(calendar).readings(instants)).map { instant, local in
            var calendarFactor = 1.0
            if let calendarEffects {
                let day = local.date.daysSinceEpoch
                if let known = dayFactor[day] {
                    calendarFactor = known
                } else {
                    calendarFactor = calendarEffects.factor(day: day, instant: instant)
                    dayFactor[day] = calendarFactor
                }
            }
            let slot = (local.weekday - 1) * perDay + min(perDay - 1, local.secondsOfDay / intervalSeconds)
            let h = max(0, Double(instant - reference) / 604_800)
            let damped: Double
            if phi >= 1 {
                damped = h
            } else if phi <= 0 {
                damped = 0
            } else {
                damped = phi * (1 - pow(phi, h)) / (1 - phi)
            }
            return min(high, max(low, profile[slot] * exp(weeklyTrend * damped) * calendarFactor))
        }
    }

    // MARK: - Fitting

    /// Shrunk, volume- and recency-weighted profile per slot of the week, at the level of `weeks` = 0.
    static func profile(
        values: [Double], volumes: [Double], recency: [Double], slots: [Int], weeks: [Double],
        beta: Double, perDay: Int, prior: Double, levelPrior: Double
    ) -> [Double] {
        let slotCount = 7 * perDay
        var slotW = [Double](repeating: 0, count: slotCount)
        var slotS = slotW
        var todW = [Double](repeating: 0, count: perDay)
        var todS = todW
        var dayW = [Double](repeating: 0, count: 7)
        var dayS = dayW
        var totalW = 0.0
        var totalS = 0.0
        for k in values.indices {
            let w = volumes[k] * recency[k]
            let a = values[k] * exp(-beta * weeks[k])
            let s = slots[k]
            slotW[s] += w
            slotS[s] += w * a
            todW[s % perDay] += w
            todS[s % perDay] += w * a
            dayW[s / perDay] += w
            dayS[s / perDay] += w * a
            totalW += w
            totalS += w * a
        }
        let mean = totalS / totalW
        let tod = (0..<perDay).map { (todS[$0] + levelPrior * mean) / (todW[$0] + levelPrior) }
        let dayRatio = (0..<7).map { d in ((dayS[d] + levelPrior * mean) / (dayW[d] + levelPrior)) / mean }
        return (0..<slotCount).map { s in
            let base = tod[s % perDay] * dayRatio[s / perDay]
            return (slotS[s] + prior * base) / (slotW[s] + prior)
        }
    }

    /// Weekly log-slope of each local day's volume-weighted AHT relative to the profile's
    /// expectation, by weighted least squares (weights: the day's contacts).
    static func trend(
        values: [Double], volumes: [Double], slots: [Int], days: [Int], weeks: [Double],
        profile: [Double]
    ) -> Double {
        var byDay: [Int: (actual: Double, expected: Double, volume: Double, weeks: Double)] = [:]
        for k in values.indices {
            var entry = byDay[days[k]] ?? (0, 0, 0, 0)
            entry.actual += volumes[k] * values[k]
            entry.expected += volumes[k] * profile[slots[k]]
            entry.volume += volumes[k]
            entry.weeks += volumes[k] * weeks[k]
            byDay[days[k]] = entry
        }
        var sw = 0.0
        var sx = 0.0
        var sy = 0.0
        var sxx = 0.0
        var sxy = 0.0
        // In day order, so the sums (and the output's last digits) are the same on every run.
        for (_, entry) in byDay.sorted(by: { $0.key < $1.key }) where entry.actual > 0 && entry.expected > 0 {
            let w = entry.volume
            let x = entry.weeks / entry.volume
            let y = log(entry.actual / entry.expected)
            sw += w
            sx += w * x
            sy += w * y
            sxx += w * x * x
            sxy += w * x * y
        }
        guard sw > 0 else { return 0 }
        let varX = sxx / sw - (sx / sw) * (sx / sw)
        guard varX > 1e-9 else { return 0 }
        let slope = (sxy / sw - (sx / sw) * (sy / sw)) / varX
        return slope.isFinite ? slope : 0
    }

    /// The value below which half the weight lies.
    static func weightedMedian(_ values: [Double], weights: [Double]) -> Double {
        let order = values.indices.sorted { values[$0] < values[$1] }
        let half = weights.reduce(0, +) / 2
        var cumulative = 0.0
        for i in order {
            cumulative += weights[i]
            if cumulative >= half { return values[i] }
        }
        return order.last.map { values[$0] } ?? .nan
    }
}
