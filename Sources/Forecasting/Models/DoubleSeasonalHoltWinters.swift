import Foundation
import StaffcastCore

/// Taylor's double-seasonal Holt-Winters exponential smoothing with an AR(1) adjustment of the
/// one-step error (J. W. Taylor, "Short-term electricity demand forecasting using double
/// seasonal exponential smoothing", J. Oper. Res. Soc. 54, 2003, 799–805), additive, without
/// trend:
///
///     eₜ = yₜ − (lₜ₋₁ + dₜ₋ₘ₁ + wₜ₋ₘ₂)
///     lₜ = lₜ₋₁ + α eₜ,   dₜ = dₜ₋ₘ₁ + δ eₜ,   wₜ = wₜ₋ₘ₂ + ω eₜ
///     ŷₜ(k) = lₜ + dₜ₋ₘ₁₊ₖ + wₜ₋ₘ₂₊ₖ + φᵏ eₜ
///
/// (the error-correction form of Taylor's equations 1–4 and 6).
///
/// **The sequence** is the open intervals only: period 1, m₁, is the open slots of a day and
/// period 2, m₂ = m₁ × the open weekdays. This needs every open weekday to open the same clock
/// slots (a shop open 08–18 on weekdays and 09–13 on Saturday does not have a regular sequence):
/// otherwise the model steps aside with ``ForecastingError/insufficientHistory(channel:message:)``,
/// as it does with fewer than ``minimumWeeks`` weeks of history.
///
/// **Unknown intervals** (absent days, outages, closed holidays, the hour a spring-forward day
/// skips) stay in the sequence, so the weekday stays aligned with the calendar: the state is
/// carried forward unchanged (the interval takes its fitted value) and it adds no error. Slots
/// are local clock slots; the two passes of a fall-back hour are averaged into one.
///
/// **Parameters** (α, δ, ω, φ) minimise the sum of squared one-step errors εₜ = eₜ − φ eₜ₋₁ after
/// the first week: a coarse grid, then a coordinate search with shrinking steps, at most
/// ``maximumEvaluations`` evaluations in all. Initial states: the level is the mean of the first
/// two weeks, the daily and weekly seasonals their slot-of-day and slot-of-week deviations.
public struct DoubleSeasonalHoltWintersModel: ForecastModel {
    public let minimumWeeks: Int
    public let maximumEvaluations: Int
    /// Only the last `trainingWeeks` weeks are read: the states forget older weeks anyway, and
    /// this keeps the fit fast enough to be one of `auto`'s candidates on a 3-year history.
    public let trainingWeeks: Int
    public var name: String { "dshw" }

    public init(minimumWeeks: Int = 4, maximumEvaluations: Int = 400, trainingWeeks: Int = 16) {
        self.minimumWeeks = max(3, minimumWeeks)
        self.maximumEvaluations = max(50, maximumEvaluations)
        self.trainingWeeks = max(self.minimumWeeks, trainingWeeks)
    }

    public func fit(_ input: ForecastInput) throws(ForecastingError) -> any FittedForecastModel {
        try input.validate(model: name)
        let channel = input.series.channel
        let hours = input.openingHours
        let perDay = hours.slotsPerDay
        let openWeekdays = (1...7).filter { weekday in
            (0..<perDay).contains { hours.isOpen(weekday: weekday, slotOfDay: $0) }
        }
        let daySlots = (0..<perDay).filter { hours.isOpen(weekday: openWeekdays[0], slotOfDay: $0) }
        for weekday in openWeekdays
        where (0..<perDay).filter({ hours.isOpen(weekday: weekday, slotOfDay: $0) }) != daySlots {
            throw .insufficientHistory(
                channel: channel,
                message:
                    "double-seasonal Holt-Winters needs the same open slots on every open weekday; \(WeekdayName.full(weekday)) differs from \(WeekdayName.full(openWeekdays[0]))"
            )
        }
        let history = KnownHistory(input, openOnly: true, lastSeconds: Int64(trainingWeeks) * 604_800)
        guard let firstDay = history.slots.first?.day, let lastDay = history.slots.last?.day else {
            throw .insufficientHistory(channel: channel, message: "no known volume in any open interval")
        }
        let grid = SequenceGrid(firstDay: firstDay, openWeekdays: openWeekdays, daySlots: daySlots, slotsPerDay: perDay)
        let events = EventDays(input, history: history)
        guard let lastSlot = daySlots.last, let lastPosition = grid.position(day: lastDay, slotOfDay: lastSlot) else {
            throw .insufficientHistory(channel: channel, message: "no open interval on the last day of the history")
        }
        let n = lastPosition + 1
        guard n >= minimumWeeks * grid.m2 else {
            throw .insufficientHistory(
                channel: channel,
                message:
                    "double-seasonal Holt-Winters needs \(minimumWeeks) weeks of history, has \(lastDay - firstDay + 1) day(s)"
            )
        }
        var sums = Array(repeating: 0.0, count: n)
        var counts = Array(repeating: 0, count: n)
        for k in history.values.indices {
            let reading = history.slots[k]
            guard !events.isClosed(instant: history.instants[k], day: reading.day),
                let p = grid.position(day: reading.day, slotOfDay: reading.slotOfDay), p < n
            else { continue }
            sums[p] += history.values[k]
            counts[p] += 1
        }
        let y: [Double] = (0..<n).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
        let known = y.filter { !$0.isNaN }.count
        guard Double(known) >= 0.5 * Double(n) else {
            throw .insufficientHistory(
                channel: channel,
                message:
                    "double-seasonal Holt-Winters needs at least half of the open intervals known, has \(known) of \(n)"
            )
        }

        let initial = Self.initialState(y, m1: grid.m1, m2: grid.m2)
        let burnIn = grid.m2
        func sse(_ p: [Double]) -> Double {
            Self.run(
                y, initial: initial, m1: grid.m1, m2: grid.m2, alpha: p[0], delta: p[1], omega: p[2], phi: p[3],
                burnIn: burnIn
            ).sse
        }
        var evaluations = 0
        var best = [0.05, 0.05, 0.05, 0.5]
        var bestValue = Double.infinity
        let levels = [0.005, 0.05, 0.2]
        let phis = [0.0, 0.5, 0.9]
        for a in levels {
            for d in levels {
                for w in levels {
                    for f in phis {
                        let p = [a, d, w, f]
                        let value = sse(p)
                        evaluations += 1
                        if value < bestValue {
                            bestValue = value
                            best = p
                        }
                    }
                }
            }
        }
        var step = [0.05, 0.05, 0.05, 0.2]
        let upper = [1.0, 1.0, 1.0, 0.99]
        while evaluations < maximumEvaluations && step.contains(where: { $0 > 1e-3 }) {
            var improved = false
            for j in 0..<4 where evaluations < maximumEvaluations {
                for sign in [1.0, -1.0] where evaluations < maximumEvaluations {
                    var p = best
                    p[j] = min(upper[j], max(0, p[j] + sign * step[j]))
                    guard p[j] != best[j] else { continue }
                    let value = sse(p)
                    evaluations += 1
                    if value < bestValue {
                        bestValue = value
                        best = p
                        improved = true
                        break
                    }
                }
            }
            if !improved { step = step.map { $0 / 2 } }
        }
        let final = Self.run(
            y, initial: initial, m1: grid.m1, m2: grid.m2, alpha: best[0], delta: best[1], omega: best[2],
            phi: best[3], burnIn: burnIn)
        guard final.sse.isFinite, final.level.isFinite else {
            throw .modelFailed(model: name, message: "the smoothing produced non-finite states")
        }
        return Fitted(
            parameters: best, oneStepRMSE: (final.sse / Double(max(1, final.count))).squareRoot(),
            level: final.level, daily: final.daily, weekly: final.weekly, lastError: final.lastError,
            lastPosition: n - 1, grid: grid, events: events, clock: LocalClock(input.calendar), openingHours: hours)
    }

    struct State {
        var level: Double
        var daily: [Double]
        var weekly: [Double]
    }

    /// Level: mean of the first two weeks; daily: slot-of-day means minus the level; weekly:
    /// slot-of-week means minus both (unknown positions skipped, missing means 0).
    static func initialState(_ y: [Double], m1: Int, m2: Int) -> State {
        let span = min(y.count, 2 * m2)
        var total = 0.0
        var count = 0
        var daySum = Array(repeating: 0.0, count: m1)
        var dayCount = Array(repeating: 0, count: m1)
        var weekSum = Array(repeating: 0.0, count: m2)
        var weekCount = Array(repeating: 0, count: m2)
        for t in 0..<span where !y[t].isNaN {
            total += y[t]
            count += 1
            daySum[t % m1] += y[t]
            dayCount[t % m1] += 1
            weekSum[t % m2] += y[t]
            weekCount[t % m2] += 1
        }
        let level = count > 0 ? total / Double(count) : 0
        let daily = (0..<m1).map { dayCount[$0] > 0 ? daySum[$0] / Double(dayCount[$0]) - level : 0 }
        let weekly = (0..<m2).map {
            weekCount[$0] > 0 ? weekSum[$0] / Double(weekCount[$0]) - level - daily[$0 % m1] : 0
        }
        return State(level: level, daily: daily, weekly: weekly)
    }

    /// One pass of the smoother; `sse` sums ε² after `burnIn` positions.
    static func run(
        _ y: [Double], initial: State, m1: Int, m2: Int, alpha: Double, delta: Double, omega: Double,
        phi: Double, burnIn: Int
    ) -> (sse: Double, count: Int, level: Double, daily: [Double], weekly: [Double], lastError: Double) {
        var level = initial.level
        var daily = initial.daily
        var weekly = initial.weekly
        var previous = 0.0
        var sse = 0.0
        var count = 0
        var i1 = 0
        var i2 = 0
        for t in 0..<y.count {
            let value = y[t]
            if !value.isNaN {
                let e = value - (level + daily[i1] + weekly[i2])
                if t >= burnIn {
                    let eps = e - phi * previous
                    sse += eps * eps
                    count += 1
                }
                level += alpha * e
                daily[i1] += delta * e
                weekly[i2] += omega * e
                previous = e
            } else {
                previous *= phi
            }
            i1 += 1
            if i1 == m1 { i1 = 0 }
            i2 += 1
            if i2 == m2 { i2 = 0 }
        }
        return (sse, count, level, daily, weekly, previous)
    }

    /// Positions of open (local day, slot) pairs in the open-interval sequence.
    struct SequenceGrid: Sendable {
        let firstDay: Int
        let openWeekdays: [Int]
        /// Index among the open slots, by slot of day (nil when closed).
        let slotIndex: [Int?]
        let m1: Int
        let m2: Int

        init(firstDay: Int, openWeekdays: [Int], daySlots: [Int], slotsPerDay: Int) {
            self.firstDay = firstDay
            self.openWeekdays = openWeekdays
            var index: [Int?] = Array(repeating: nil, count: slotsPerDay)
            for (k, slot) in daySlots.enumerated() { index[slot] = k }
            slotIndex = index
            m1 = daySlots.count
            m2 = daySlots.count * openWeekdays.count
        }

        /// Open weekdays in [firstDay, day).
        func openDays(before day: Int) -> Int {
            let span = day - firstDay
            guard span > 0 else { return 0 }
            var count = span / 7 * openWeekdays.count
            let startWeekday = CivilDate(daysSinceEpoch: firstDay + span / 7 * 7).weekday
            for k in 0..<(span % 7) where openWeekdays.contains((startWeekday - 1 + k) % 7 + 1) { count += 1 }
            return count
        }

        func position(day: Int, slotOfDay: Int) -> Int? {
            guard day >= firstDay, openWeekdays.contains(CivilDate(daysSinceEpoch: day).weekday),
                let slot = slotIndex[slotOfDay]
            else { return nil }
            return openDays(before: day) * m1 + slot
        }
    }

    struct Fitted: FittedForecastModel {
        /// (α, δ, ω, φ).
        let parameters: [Double]
        let oneStepRMSE: Double
        let level: Double
        let daily: [Double]
        let weekly: [Double]
        let lastError: Double
        let lastPosition: Int
        let grid: SequenceGrid
        let events: EventDays
        let clock: LocalClock
        let openingHours: OpeningHours

        func pointForecast(at instants: [Int64]) -> [Double] {
            let readings = clock.slots(instants, openingHours: openingHours)
            let phi = parameters[3]
            return instants.indices.map { k in
                let reading = readings[k]
                guard reading.isOpen, !events.isClosed(instant: instants[k], day: reading.day),
                    let p = grid.position(day: reading.day, slotOfDay: reading.slotOfDay), p > lastPosition
                else { return 0 }
                let lead = p - lastPosition
                let value = level + daily[p % grid.m1] + weekly[p % grid.m2] + pow(phi, Double(lead)) * lastError
                return value.isFinite ? max(0, value) : 0
            }
        }
    }
}
