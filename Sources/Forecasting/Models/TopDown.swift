import Foundation
import StaffcastCore

/// Top-down, the WFM standard: a forecast of each local day's total × the intraday shares of its
/// day type (the weekday).
///
/// - **Present days.** A local day of the history is *present* when its known open slots cover
///   at least ``minimumDayCoverage`` of the weekday's open slots (by local clock slot: the two
///   passes of a fall-back hour share a slot and are averaged; the hour a spring-forward day skips
///   is simply not known). Closed holidays and closures (see `EventDays`) are not present days.
/// - **Intraday shares** per weekday: the mean, over the last ``weeks`` present days of that
///   weekday, of each open slot's share of the day, normalised over the open slots. A present day
///   with a few unknown slots has its total estimated as known volume / Σ shares of its known
///   slots (two passes).
/// - **Daily level** per weekday: the weighted mean of the last ``weeks`` present totals of that
///   weekday without calendar events, weights 2^(−age / ``halfLifeWeeks``), moved from the
///   weighted mean age of its days to the history's end and on to the target day by a damped
///   trend (φ = ``trendDamping`` per week), the trend being the weighted least-squares slope of
///   the log weekday-adjusted daily totals over the last ``trendWeeks`` weeks.
/// - **Calendar events** (the same day-level features as the calendar regression: after a
///   closed holiday, open holidays, retail days, the planner's promotions and peaks): each
///   feature's effect is the geometric mean ratio of its past days' totals to the level of the
///   same weekday's normal days before them (moved to the day by the trend), shrunk toward 1 by
///   n / (n + 1) for n past days. Effects are day-level: a promotion covering part of a day
///   scales that whole day's total (its intraday shape is the weekday's). The turn of the month (the first ``monthStartDays`` and last
///   ``monthEndDays`` business days, as in the regression) is one more such feature once the
///   history holds two month turns.
///
/// Steps aside (``ForecastingError/insufficientHistory(channel:message:)``) when an open weekday
/// has no present day in the history.
public struct TopDownModel: ForecastModel {
    public let weeks: Int
    public let halfLifeWeeks: Double
    public let trendWeeks: Int
    public let trendDamping: Double
    public let minimumDayCoverage: Double
    public let monthStartDays: Int
    public let monthEndDays: Int
    public var name: String { "topdown" }

    public init(
        weeks: Int = 6, halfLifeWeeks: Double = 4, trendWeeks: Int = 8, trendDamping: Double = 0.9,
        minimumDayCoverage: Double = 0.8, monthStartDays: Int = 3, monthEndDays: Int = 1
    ) {
        self.monthStartDays = max(0, monthStartDays)
        self.monthEndDays = max(0, monthEndDays)
        self.weeks = max(1, weeks)
        self.halfLifeWeeks = halfLifeWeeks.isFinite && halfLifeWeeks > 0 ? halfLifeWeeks : .infinity
        self.trendWeeks = max(0, trendWeeks)
        self.trendDamping = min(1, max(0, trendDamping.isFinite ? trendDamping : 1))
        self.minimumDayCoverage = min(1, max(0, minimumDayCoverage))
    }

    /// One present day of the history.
    struct Day {
        var day: Int
        var weekday: Int
        /// Known values by slot of the day, in slot order (so sums are reproducible).
        var values: [(slot: Int, value: Double)]
        var total: Double
        var features: [String]
    }

    public func fit(_ input: ForecastInput) throws(ForecastingError) -> any FittedForecastModel {
        try input.validate(model: name)
        let history = KnownHistory(input, openOnly: true)
        guard !history.isEmpty else {
            throw .insufficientHistory(channel: input.series.channel, message: "no known volume in any open interval")
        }
        let hours = input.openingHours
        let perDay = hours.slotsPerDay
        let openSlots: [[Int]] = (1...7).map { weekday in
            (0..<perDay).filter { hours.isOpen(weekday: weekday, slotOfDay: $0) }
        }
        let events = EventDays(input, history: history)

        // Known values per local day and clock slot (fall-back passes averaged), and features.
        var byDay: [Int: (weekday: Int, sums: [Int: (Double, Int)], features: Set<String>)] = [:]
        for k in history.values.indices {
            let reading = history.slots[k]
            if events.isClosed(instant: history.instants[k], day: reading.day) { continue }
            // The day's entry is updated in place (one lookup): a copy taken out and written back
            // would copy the day's slot sums for every reading.
            func add(to entry: inout (weekday: Int, sums: [Int: (Double, Int)], features: Set<String>)) {
                entry.sums[reading.slotOfDay, default: (0, 0)].0 += history.values[k]
                entry.sums[reading.slotOfDay, default: (0, 0)].1 += 1
                if !events.isEmpty {
                    entry.features.formUnion(events.features(instant: history.instants[k], day: reading.day))
                }
            }
            add(to: &byDay[reading.day, default: (reading.weekday, [:], [])])
        }
        var days: [Day] = []
        for (day, entry) in byDay {
            let open = openSlots[entry.weekday - 1]
            guard !open.isEmpty, Double(entry.sums.count) >= minimumDayCoverage * Double(open.count) else { continue }
            var values: [(slot: Int, value: Double)] = []
            var total = 0.0
            for (slot, (sum, count)) in entry.sums.sorted(by: { $0.key < $1.key }) {
                values.append((slot, sum / Double(count)))
                total += sum / Double(count)
            }
            days.append(
                Day(
                    day: day, weekday: entry.weekday, values: values, total: total,
                    features: entry.features.sorted()))
        }
        days.sort { $0.day < $1.day }
        // The turn of the month as one more day feature, once the history holds two of them.
        let turnOfMonth = TurnOfMonth(startDays: monthStartDays, endDays: monthEndDays, openingHours: hours)
        var usesTurnOfMonth = false
        if monthStartDays + monthEndDays > 0 {
            let turns = days.map { turnOfMonth.turn(ofDay: $0.day) }
            if Set(turns.compactMap { $0 }).count >= 2 {
                usesTurnOfMonth = true
                for k in days.indices where turns[k] != nil { days[k].features.append(Self.turnOfMonthFeature) }
            }
        }
        guard let lastDay = days.last?.day else {
            throw .insufficientHistory(
                channel: input.series.channel,
                message:
                    "top-down needs whole days; no day of the history is known in \(Int(minimumDayCoverage * 100)) % of its open slots"
            )
        }
        var daysOf: [[Int]] = Array(repeating: [], count: 7)  // indices into days, most recent first
        for k in days.indices.reversed() { daysOf[days[k].weekday - 1].append(k) }
        for weekday in 1...7 where !openSlots[weekday - 1].isEmpty && daysOf[weekday - 1].isEmpty {
            throw .insufficientHistory(
                channel: input.series.channel,
                message:
                    "top-down needs a whole known \(WeekdayName.full(weekday)) in the history for its intraday shares and level"
            )
        }

        // Intraday shares per weekday from the last `weeks` present days (two passes for days with gaps).
        var shares: [[Double]] = Array(repeating: Array(repeating: 0, count: perDay), count: 7)
        for weekday in 1...7 {
            let open = openSlots[weekday - 1]
            guard !open.isEmpty else { continue }
            let recent = daysOf[weekday - 1].prefix(weeks)
            var current = Array(repeating: 1 / Double(open.count), count: perDay)
            for _ in 0..<2 {
                var sum = Array(repeating: 0.0, count: perDay)
                var count = Array(repeating: 0, count: perDay)
                for k in recent {
                    let total = Self.estimatedTotal(days[k], shares: current)
                    guard total > 0 else { continue }
                    for (slot, value) in days[k].values {
                        sum[slot] += value / total
                        count[slot] += 1
                    }
                }
                var next = Array(repeating: 0.0, count: perDay)
                for slot in open { next[slot] = count[slot] > 0 ? sum[slot] / Double(count[slot]) : 0 }
                let norm = next.reduce(0, +)
                if norm > 0 { current = next.map { $0 / norm } } else { break }
            }
            shares[weekday - 1] = current
        }
        for k in days.indices { days[k].total = Self.estimatedTotal(days[k], shares: shares[days[k].weekday - 1]) }

        // Level per weekday: weighted mean of the last `weeks` normal days, and its weighted mean age.
        let normal: [[Int]] = daysOf.map { $0.filter { days[$0].features.isEmpty } }
        var level = Array(repeating: 0.0, count: 7)
        var levelAge = Array(repeating: 0.0, count: 7)
        for weekday in 1...7 where !openSlots[weekday - 1].isEmpty {
            let pool = normal[weekday - 1].isEmpty ? daysOf[weekday - 1] : normal[weekday - 1]
            var sw = 0.0
            var swx = 0.0
            var swa = 0.0
            for k in pool.prefix(weeks) {
                let age = Double(lastDay + 1 - days[k].day) / 7
                let w = halfLifeWeeks.isInfinite ? 1 : exp2(-age / halfLifeWeeks)
                sw += w
                swx += w * days[k].total
                swa += w * age
            }
            level[weekday - 1] = sw > 0 ? swx / sw : 0
            levelAge[weekday - 1] = sw > 0 ? swa / sw : 0
        }

        // Trend: weighted least-squares slope of log(total / weekday mean) on weeks, recent normal days.
        var trend = 0.0
        if trendWeeks > 0 {
            let window = days.filter { $0.features.isEmpty && $0.day > lastDay - 7 * trendWeeks && $0.total > 0 }
            var meanOf = Array(repeating: 0.0, count: 7)
            var countOf = Array(repeating: 0, count: 7)
            for d in window {
                meanOf[d.weekday - 1] += log(d.total)
                countOf[d.weekday - 1] += 1
            }
            var xs: [Double] = []
            var ys: [Double] = []
            for d in window where countOf[d.weekday - 1] >= 2 {
                xs.append(Double(d.day - lastDay) / 7)
                ys.append(log(d.total) - meanOf[d.weekday - 1] / Double(countOf[d.weekday - 1]))
            }
            if xs.count >= 10, let high = xs.max(), let low = xs.min(), high - low >= 3 {
                let mx = xs.reduce(0, +) / Double(xs.count)
                let my = ys.reduce(0, +) / Double(ys.count)
                var sxy = 0.0
                var sxx = 0.0
                for i in xs.indices {
                    sxy += (xs[i] - mx) * (ys[i] - my)
                    sxx += (xs[i] - mx) * (xs[i] - mx)
                }
                if sxx > 0 { trend = sxy / sxx }
            }
        }

        // Event effects: log ratio of each feature day's total to the level of the same weekday's
        // normal days before it (the `weeks` most recent), shrunk by n / (n + 1).
        var effects: [String: Double] = [:]
        if !events.isEmpty || usesTurnOfMonth {
            var logRatios: [String: [Double]] = [:]
            for d in days where !d.features.isEmpty && d.total > 0 {
                let before = normal[d.weekday - 1].filter { days[$0].day < d.day }.prefix(weeks)
                let after = normal[d.weekday - 1].filter { days[$0].day > d.day }.suffix(weeks)
                let pool = before.isEmpty ? Array(after) : Array(before)
                guard !pool.isEmpty else { continue }
                // The pool's mean level, moved by the trend from its mean day to this day.
                let poolDay = Double(pool.map { days[$0].day }.reduce(0, +)) / Double(pool.count)
                let base =
                    pool.map { days[$0].total }.reduce(0, +) / Double(pool.count)
                    * exp(trend * (Double(d.day) - poolDay) / 7)
                guard base > 0 else { continue }
                for feature in d.features { logRatios[feature, default: []].append(log(d.total / base)) }
            }
            for (feature, ratios) in logRatios {
                let n = Double(ratios.count)
                effects[feature] = ratios.reduce(0, +) / n * n / (n + 1)
            }
        }

        return Fitted(
            shares: shares, level: level, levelAge: levelAge, trendPerWeek: trend, trendDamping: trendDamping,
            lastDay: lastDay, events: events, effects: effects,
            turnOfMonth: usesTurnOfMonth ? turnOfMonth : nil, clock: LocalClock(input.calendar), openingHours: hours)
    }

    static let turnOfMonthFeature = "turn of month"

    /// Known volume / Σ shares of the known slots (the day total when all are known).
    static func estimatedTotal(_ day: Day, shares: [Double]) -> Double {
        var known = 0.0
        var share = 0.0
        for (slot, value) in day.values {
            known += value
            share += shares[slot]
        }
        return share > 0.2 ? known / min(1, share) : known
    }

    struct Fitted: FittedForecastModel {
        /// shares[weekday − 1][slotOfDay], summing to 1 over the weekday's open slots.
        let shares: [[Double]]
        let level: [Double]
        /// Weighted mean age (weeks before the end of the last present day) of each level.
        let levelAge: [Double]
        let trendPerWeek: Double
        let trendDamping: Double
        let lastDay: Int
        let events: EventDays
        /// Log-scale effect per event feature.
        let effects: [String: Double]
        let turnOfMonth: TurnOfMonth?
        let clock: LocalClock
        let openingHours: OpeningHours

        func dampedWeeks(_ lead: Double) -> Double {
            guard lead > 0, trendDamping < 1 else { return max(0, lead) }
            return trendDamping * (1 - pow(trendDamping, lead)) / (1 - trendDamping)
        }

        /// The forecast total of a local day (before closures).
        func dayTotal(day: Int, weekday: Int, features: Set<String>) -> Double {
            let lead = Double(day - lastDay - 1) / 7
            var log = trendPerWeek * (levelAge[weekday - 1] + dampedWeeks(lead))
            for feature in features.sorted() { log += effects[feature] ?? 0 }  // sorted: reproducible sums
            return level[weekday - 1] * Foundation.exp(log)
        }

        func pointForecast(at instants: [Int64]) -> [Double] {
            let readings = clock.slots(instants, openingHours: openingHours)
            var featuresOf: [Int: Set<String>] = [:]
            if !effects.isEmpty {
                for k in instants.indices where readings[k].isOpen {
                    featuresOf[readings[k].day, default: []].formUnion(
                        events.features(instant: instants[k], day: readings[k].day))
                }
            }
            if let turnOfMonth {
                for day in Set(readings.filter(\.isOpen).map(\.day)) where turnOfMonth.turn(ofDay: day) != nil {
                    featuresOf[day, default: []].insert(TopDownModel.turnOfMonthFeature)
                }
            }
            var totals: [Int: Double] = [:]
            return instants.indices.map { k in
                let reading = readings[k]
                guard reading.isOpen, !events.isClosed(instant: instants[k], day: reading.day) else { return 0 }
                let total: Double
                if let cached = totals[reading.day] {
                    total = cached
                } else {
                    total = dayTotal(
                        day: reading.day, weekday: reading.weekday, features: featuresOf[reading.day] ?? [])
                    totals[reading.day] = total
                }
                let value = total * shares[reading.weekday - 1][reading.slotOfDay]
                return value.isFinite ? max(0, value) : 0
            }
        }
    }
}
