import Foundation
import LinearAlgebra
import StaffcastCore

/// Multi-seasonal calendar regression on the log scale:
///
///     log(yₜ + 1) = α[weekday(t), slot(t)] + β₁ · weeks(t) + β₂ · turnOfMonth(t) + εₜ
///
/// - α: one coefficient per slot of the week (weekday × time of day): the intraday profile of
///   every weekday, in local clock time.
/// - weeks(t): time since the end of the history, in weeks — a trend, damped when extrapolated
///   (the trend adds β₁ · φ(1 − φᴸ)/(1 − φ) at lead L weeks, φ = ``trendDamping``), so a long
///   horizon cannot run away. Used when the history spans at least three weeks.
/// - turnOfMonth(t): 1 on the first ``monthStartDays`` and last ``monthEndDays`` business days of
///   each month (see `TurnOfMonth`); used once the history holds two month turns.
///
/// Fitted by weighted least squares with weights 2^(−age / half-life) (``halfLifeWeeks``), so the
/// level follows shifts, then re-weighted once with Tukey's bisquare at 8 MADs of the residuals
/// so an outage or a stray spike does not bend the profile (Huber & Ronchetti, *Robust
/// Statistics*, 2009, §7.8). Forecasts are back-transformed with Duan's smearing estimate
/// (J. Amer. Statist. Assoc. 78, 1983): ŷ = exp(η) · Σwᵢexp(rᵢ)/Σwᵢ − 1, floored at 0. Closed slots
/// forecast 0.
///
/// The slot dummies are solved exactly by the Frisch–Waugh–Lovell theorem: demeaning the
/// response and the day-level columns within each slot of the week (weighted) leaves a small
/// m × p problem for β that LAPACK's `dgelsd` solves (rank-deficient safe: an all-zero or
/// collinear calendar column gets the minimum-norm zero), and α = weighted slot mean of
/// y − Zβ. This gives the same fit as `dgelsd` on the full m × (7·slots + p) dummy design, at
/// O(m·p²) instead of O(m·slots²) — 672 slot columns for a 24/7 quarter-hourly channel.
///
/// Calendar events of the input (``ForecastInput/calendarEvents``, ``ForecastInput/userEvents``)
/// enter as day-level dummies on the log scale (see `EventDays`): the day after a closed holiday,
/// open holidays, each retail day, the planner's promotions and peaks — each only when the history
/// holds it, its estimate shrunk toward 0 by n / (n + ``eventShrinkage``) for n past days with it.
/// Closed holidays and closures are left out of the fit and forecast 0 in every slot.
///
/// Refuses histories shorter than one week.
public struct CalendarRegressionModel: ForecastModel {
    public let halfLifeWeeks: Double
    public let trendDamping: Double
    public let monthStartDays: Int
    public let monthEndDays: Int
    public let robust: Bool
    /// Pseudo-days of "no effect" each event effect is shrunk with: an effect seen on n past days
    /// is multiplied by n / (n + eventShrinkage).
    public let eventShrinkage: Double
    public let name: String

    public init(halfLifeWeeks: Double = 6, trendDamping: Double = 0.9, monthStartDays: Int = 3,
                monthEndDays: Int = 1, robust: Bool = true, eventShrinkage: Double = 1, name: String = "regression") {
        self.eventShrinkage = eventShrinkage.isFinite ? max(0, eventShrinkage) : 1
        self.halfLifeWeeks = halfLifeWeeks.isFinite && halfLifeWeeks > 0 ? halfLifeWeeks : .infinity
        self.trendDamping = min(1, max(0, trendDamping.isFinite ? trendDamping : 1))
        self.monthStartDays = max(0, monthStartDays)
        self.monthEndDays = max(0, monthEndDays)
        self.robust = robust
        self.name = name
    }

    static let week = 604_800.0
    /// Bisquare cut-off in robust standard deviations (1.4826 · MAD).
    static let bisquareCutoff = 8.0

    public func fit(_ input: ForecastInput) throws(ForecastingError) -> any FittedForecastModel {
        try input.validate(model: name)
        var history = KnownHistory(input, openOnly: true)
        let events = EventDays(input, history: history)
        if !events.closedDays.isEmpty || !events.closures.isEmpty {
            // Closed holidays and closures are not the channel's normal days: leave them out.
            let keep = history.values.indices.filter {
                !events.isClosed(instant: history.instants[$0], day: history.slots[$0].day)
            }
            history.instants = keep.map { history.instants[$0] }
            history.values = keep.map { history.values[$0] }
            history.slots = keep.map { history.slots[$0] }
        }
        guard history.spanDays >= 7 else {
            throw .insufficientHistory(channel: input.series.channel,
                                       message: "the calendar regression needs at least one week of known history, has \(history.spanDays) day(s)")
        }
        let origin = history.end
        let m = history.values.count
        let groups = 7 * history.slotsPerDay
        let turnOfMonth = TurnOfMonth(startDays: monthStartDays, endDays: monthEndDays, openingHours: input.openingHours)

        // Day-level columns, each kept only when the history can estimate it.
        var columns: [[Double]] = []
        var usesTrend = false, usesTurnOfMonth = false
        if history.spanDays >= 21 {
            columns.append(history.instants.map { Double($0 - origin) / Self.week })
            usesTrend = true
        }
        if monthStartDays + monthEndDays > 0 {
            var turnOfDay: [Int: Int?] = [:]
            var indicator = Array(repeating: 0.0, count: m)
            var turns = Set<Int>()
            for k in 0..<m {
                let day = history.slots[k].day
                let turn: Int?
                if let cached = turnOfDay[day] { turn = cached } else {
                    turn = turnOfMonth.turn(ofDay: day); turnOfDay[day] = turn
                }
                if let turn { indicator[k] = 1; turns.insert(turn) }
            }
            if turns.count >= 2 && indicator.contains(0) {
                columns.append(indicator)
                usesTurnOfMonth = true
            }
        }

        // Event regressors, each used when the history holds it on some day but not on all.
        var eventNames: [String] = []
        var eventOccurrences: [Int] = []
        if !events.isEmpty {
            var activeDays: [String: Set<Int>] = [:]
            var rowsOf: [String: [Int]] = [:]
            for k in 0..<m {
                for feature in events.features(instant: history.instants[k], day: history.slots[k].day) {
                    activeDays[feature, default: []].insert(history.slots[k].day)
                    rowsOf[feature, default: []].append(k)
                }
            }
            for feature in rowsOf.keys.sorted() where rowsOf[feature]!.count < m {
                var indicator = Array(repeating: 0.0, count: m)
                for k in rowsOf[feature]! { indicator[k] = 1 }
                columns.append(indicator)
                eventNames.append(feature)
                eventOccurrences.append(activeDays[feature]?.count ?? 0)
            }
        }

        let response = history.values.map { log($0 + 1) }
        let decay = history.instants.map { instant -> Double in
            halfLifeWeeks.isInfinite ? 1 : exp2(-Double(origin - instant) / Self.week / halfLifeWeeks)
        }
        let group = history.slots.map(\.slotOfWeek)

        var solver: LeastSquaresSolver? = nil
        if !columns.isEmpty {
            do { solver = try LeastSquaresSolver(rows: m, columns: columns.count) } catch {
                throw .modelFailed(model: name, message: error.description)
            }
        }
        var weights = decay
        var fit = try Self.solveWithinSlots(response: response, columns: columns, weights: weights,
                                            group: group, groups: groups, solver: &solver, model: name)
        var residuals = fit.residuals(response: response, columns: columns, group: group)
        if robust {
            let scale = 1.4826 * Self.median(residuals.map(abs))
            if scale > 0 {
                let cutoff = Self.bisquareCutoff * scale
                weights = zip(decay, residuals).map { w, r in
                    let u = r / cutoff
                    return abs(u) < 1 ? w * (1 - u * u) * (1 - u * u) : 0
                }
                fit = try Self.solveWithinSlots(response: response, columns: columns, weights: weights,
                                                group: group, groups: groups, solver: &solver, model: name)
                residuals = fit.residuals(response: response, columns: columns, group: group)
            }
        }
        var weightSum = 0.0, smearSum = 0.0
        for k in 0..<m where weights[k] > 0 {
            weightSum += weights[k]
            smearSum += weights[k] * exp(residuals[k])
        }
        let smearing = weightSum > 0 ? smearSum / weightSum : 1
        guard smearing.isFinite, fit.profile.allSatisfy({ $0?.isFinite ?? true }), fit.beta.allSatisfy(\.isFinite) else {
            throw .modelFailed(model: name, message: "the fit produced non-finite coefficients")
        }
        var beta = fit.beta[...]
        let trend = usesTrend ? beta.popFirst() ?? 0 : 0
        let month = usesTurnOfMonth ? beta.popFirst() ?? 0 : 0
        // Each event effect shrunk toward 0 by n / (n + eventShrinkage) for n past days with it.
        var effects: [String: Double] = [:]
        for (name, n) in zip(eventNames, eventOccurrences) {
            let estimate = beta.popFirst() ?? 0
            effects[name] = estimate * Double(n) / (Double(n) + eventShrinkage)
        }
        return Fitted(profile: Self.fillUnobserved(fit.profile, slotsPerDay: history.slotsPerDay),
                      trendPerWeek: trend, turnOfMonthEffect: month, events: events, eventEffects: effects,
                      smearing: smearing,
                      origin: origin, trendDamping: trendDamping, turnOfMonth: turnOfMonth,
                      clock: LocalClock(input.calendar), openingHours: input.openingHours)
    }

    /// α (nil for a slot without weight) and β of one weighted fit.
    struct Solution {
        var profile: [Double?]
        var beta: [Double]

        func residuals(response: [Double], columns: [[Double]], group: [Int]) -> [Double] {
            response.indices.map { k in
                var eta = profile[group[k]] ?? 0
                for (j, column) in columns.enumerated() { eta += beta[j] * column[k] }
                return response[k] - eta
            }
        }
    }

    /// Weighted least squares with one dummy per slot of the week plus `columns`, by demeaning
    /// within slots (Frisch–Waugh–Lovell) and `dgelsd` on what remains.
    static func solveWithinSlots(response: [Double], columns: [[Double]], weights: [Double],
                                 group: [Int], groups: Int, solver: inout LeastSquaresSolver?,
                                 model: String) throws(ForecastingError) -> Solution {
        let m = response.count, p = columns.count
        var weightOf = Array(repeating: 0.0, count: groups)
        var meanY = Array(repeating: 0.0, count: groups)
        var meanZ = Array(repeating: Array(repeating: 0.0, count: groups), count: p)
        for k in 0..<m {
            let g = group[k], w = weights[k]
            weightOf[g] += w
            meanY[g] += w * response[k]
            for j in 0..<p { meanZ[j][g] += w * columns[j][k] }
        }
        for g in 0..<groups where weightOf[g] > 0 {
            meanY[g] /= weightOf[g]
            for j in 0..<p { meanZ[j][g] /= weightOf[g] }
        }
        var beta: [Double] = []
        if p > 0 {
            guard var lsq = solver else {
                throw .modelFailed(model: model, message: "internal error: no least-squares workspace")
            }
            do {
                var design = try Matrix(rows: m, columns: p)
                for j in 0..<p {
                    try design.setColumn(j, to: (0..<m).map { columns[j][$0] - meanZ[j][group[$0]] })
                }
                let within = (0..<m).map { response[$0] - meanY[group[$0]] }
                beta = try lsq.solve(design, within, weights: weights).coefficients
                solver = lsq
            } catch {
                throw .modelFailed(model: model, message: error.description)
            }
        }
        let profile: [Double?] = (0..<groups).map { g in
            guard weightOf[g] > 0 else { return nil }
            var alpha = meanY[g]
            for j in 0..<p { alpha -= beta[j] * meanZ[j][g] }
            return alpha
        }
        return Solution(profile: profile, beta: beta)
    }

    /// Slots of the week the history never saw (a weekday missing from a short history) borrow
    /// the mean profile of the same clock slot on the other weekdays, else the mean of all slots.
    static func fillUnobserved(_ profile: [Double?], slotsPerDay: Int) -> [Double] {
        let known = profile.compactMap { $0 }
        let overall = known.isEmpty ? 0 : known.reduce(0, +) / Double(known.count)
        return profile.indices.map { g in
            if let alpha = profile[g] { return alpha }
            let sameClock = (0..<7).compactMap { profile[$0 * slotsPerDay + g % slotsPerDay] }
            return sameClock.isEmpty ? overall : sameClock.reduce(0, +) / Double(sameClock.count)
        }
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2])
    }

    struct Fitted: FittedForecastModel {
        /// α per slot of the week, log scale.
        let profile: [Double]
        let trendPerWeek: Double
        let turnOfMonthEffect: Double
        let events: EventDays
        /// Log-scale effect per event feature (shrunk); features absent here have no effect.
        let eventEffects: [String: Double]
        let smearing: Double
        let origin: Int64
        let trendDamping: Double
        let turnOfMonth: TurnOfMonth
        let clock: LocalClock
        let openingHours: OpeningHours

        /// Σₖ₌₁ᴸ φᵏ for a (possibly fractional) lead of L weeks; L itself when φ = 1.
        func dampedWeeks(_ lead: Double) -> Double {
            guard lead > 0, trendDamping < 1 else { return lead }
            return trendDamping * (1 - pow(trendDamping, lead)) / (1 - trendDamping)
        }

        /// The log-scale linear predictor η at each instant (nil in closed slots).
        func linearPredictor(at instants: [Int64]) -> [Double?] {
            var turnOfDay: [Int: Bool] = [:]
            return zip(instants, clock.slots(instants, openingHours: openingHours)).map { instant, reading in
                guard reading.isOpen, !events.isClosed(instant: instant, day: reading.day) else { return nil }
                var eta = profile[reading.slotOfWeek]
                if !eventEffects.isEmpty {
                    for feature in events.features(instant: instant, day: reading.day) { eta += eventEffects[feature] ?? 0 }
                }
                eta += trendPerWeek * dampedWeeks(Double(instant - origin) / CalendarRegressionModel.week)
                if turnOfMonthEffect != 0 {
                    let atTurn: Bool
                    if let cached = turnOfDay[reading.day] { atTurn = cached } else {
                        atTurn = turnOfMonth.turn(ofDay: reading.day) != nil
                        turnOfDay[reading.day] = atTurn
                    }
                    if atTurn { eta += turnOfMonthEffect }
                }
                return eta
            }
        }

        func pointForecast(at instants: [Int64]) -> [Double] {
            linearPredictor(at: instants).map { eta in
                guard let eta else { return 0 }
                let value = exp(eta) * smearing - 1
                return value.isFinite ? max(0, value) : 0
            }
        }
    }
}
