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
/// enter as day-level regressors on the log scale (see `EventDays`): the day after a closed
/// holiday, open holidays, each retail day, the events' lead ramps ((lead + 1 − k) / lead on the
/// day k days before), lag days and long windows (the January returns weeks), the planner's
/// promotions and peaks. Overlapping windows add on the log scale. Each feature is used only when
/// the history holds it, its estimate shrunk toward 0 by n / (n + ``eventShrinkage``) for n past
/// days with it. A planner's promotion or peak with an expected uplift u (``UserEvent/uplift``)
/// gets (n · δ̂ + k · log u) / (n + k) instead, k = ``eventShrinkage``: the prior is worth k
/// pseudo-days, so a promotion with no past twin and no past promotion at all is forecast at
/// its stated uplift, and one with many past promotion days at what they showed (see
/// ``EventEffects``). Closed holidays and closures are left out of the fit and forecast 0 in every slot.
///
/// **Two stages, two memories.** With the level's 6-week half-life, last year's Black Friday
/// carries a weight of 2^(−52/6) ≈ 0.002: a single recency-weighted fit estimates yearly events
/// from almost nothing, and the recent level absorbs them instead (after the December peak and
/// the January returns weeks the level stayed 8–17 % high for weeks). So:
/// 1. *Event effects* are fitted on the last ``trainingWeeks`` weeks (two past occurrences of a
///    yearly event) with a long half-life (``eventHalfLifeWeeks``), by day-level backfitting
///    against the slot-of-week profile, a linear-spline level (knots every ``eventKnotWeeks``
///    weeks, so trend, level shifts and seasons are not credited to events, but a two-week window
///    cannot be absorbed by the level either) and the turn of month; bisquare re-weighting of days.
/// 2. *Profile, trend and turn of month* are fitted as above on the last ``levelWeeks`` weeks with
///    the event effects as a fixed offset, so the recent level is the level net of events.
/// A floor on the recency weights was the alternative; it would let year-old data bend the level
/// and the profile, which the two stages keep recent.
///
/// **Intraday shape of event days.** Event effects are day-level; an event kind seen on at least
/// two complete past days (Black Friday over two years, the day after a closed holiday, whole-day
/// promotions) also gets a per-slot log-ratio of its days' intraday shares to the normal shares
/// of the same weekday, shrunk by n / (n + ``eventShrinkage``) and applied renormalised, so it
/// moves volume within the day without changing the day's total (see `intradayShapes`).
///
/// Bounding the window also bounds the cost: a three-year 15-minute channel fits on ~2 years
/// (stage 1, reduced to one row per day) and one year (stage 2).
///
/// Refuses histories shorter than one week.
///
/// The parts live beside this file: `EventEffects.swift` (stage 1 and the uplift priors),
/// `IntradayShapes.swift` (event days' shapes), `SlotDemeanedLeastSquares.swift` (the
/// Frisch–Waugh–Lovell solve) and `RobustWeights.swift` (the bisquare both stages use); the
/// guide is `Sources/Forecasting/CalendarRegression.md`.
public struct CalendarRegressionModel: ForecastModel {
    public let halfLifeWeeks: Double
    public let trendDamping: Double
    public let monthStartDays: Int
    public let monthEndDays: Int
    public let robust: Bool
    /// Pseudo-days of "no effect" each event effect is shrunk with: an effect seen on n past days
    /// is multiplied by n / (n + eventShrinkage); a planner's expected uplift is a prior worth
    /// eventShrinkage days.
    public let eventShrinkage: Double
    /// The same for retail days (Black Friday, Cyber Monday and their lead and lag days), which
    /// a history shows once a year: 0, their full learned effect.
    public let retailShrinkage: Double
    /// Training window: only the last `trainingWeeks` weeks of history are read (two years and a
    /// bit, so a yearly event's last two occurrences are in it); infinity for all of it.
    public let trainingWeeks: Double
    /// Stage 2 (level and profile) uses only the last `levelWeeks` weeks (weight 2^(−52/6) ≈ 0.2 %
    /// at the edge with the default half-life).
    public let levelWeeks: Double
    /// Half-life of the stage-1 event fit's weights: a long memory, so last year's Black Friday
    /// counts.
    public let eventHalfLifeWeeks: Double
    /// Knot spacing of the stage-1 level spline.
    public let eventKnotWeeks: Double
    /// Whether a history of a year or more adds the year's shape (``YearlyShape``).
    public let yearly: Bool
    /// The trend's damping when the year's shape is in use. Last year's movement from the
    /// origin's date on already carries a year's growth over the same weeks, and the trend
    /// fitted beside it is the departure of the recent weeks from last year's path — which did
    /// not last: at 17 weeks the capacity suite's weekly WAPE fell with every step of damping on
    /// the tune and the check shops alike (φ 0.9 → 0.8 → 0.7 → 0.5: 2.78 → 2.60 → 2.51 → 2.44 %
    /// tune, 3.94 → 3.67 → 3.53 → 3.40 % check). At 0.5 the trend adds at most one week of
    /// itself. Without a year's shape the trend is the only carrier of growth and keeps
    /// ``trendDamping``.
    public let yearlyTrendDamping: Double
    public let name: String

    public init(
        halfLifeWeeks: Double = 6, trendDamping: Double = 0.9, monthStartDays: Int = 3,
        monthEndDays: Int = 1, robust: Bool = true, eventShrinkage: Double = 1,
        trainingWeeks: Double = 110, levelWeeks: Double = 52, eventHalfLifeWeeks: Double = 52,
        eventKnotWeeks: Double = 8, yearly: Bool = true, retailShrinkage: Double = 0,
        yearlyTrendDamping: Double = 0.5, name: String = "regression"
    ) {
        self.yearlyTrendDamping = min(1, max(0, yearlyTrendDamping.isFinite ? yearlyTrendDamping : 1))
        self.retailShrinkage = retailShrinkage.isFinite ? max(0, retailShrinkage) : 0
        self.yearly = yearly
        self.trainingWeeks = trainingWeeks > 0 ? trainingWeeks : .infinity
        self.levelWeeks = levelWeeks > 0 ? levelWeeks : .infinity
        self.eventHalfLifeWeeks = eventHalfLifeWeeks > 0 ? eventHalfLifeWeeks : .infinity
        self.eventKnotWeeks = eventKnotWeeks.isFinite && eventKnotWeeks > 0 ? eventKnotWeeks : 8
        self.eventShrinkage = eventShrinkage.isFinite ? max(0, eventShrinkage) : 1
        self.halfLifeWeeks = halfLifeWeeks.isFinite && halfLifeWeeks > 0 ? halfLifeWeeks : .infinity
        self.trendDamping = min(1, max(0, trendDamping.isFinite ? trendDamping : 1))
        self.monthStartDays = max(0, monthStartDays)
        self.monthEndDays = max(0, monthEndDays)
        self.robust = robust
        self.name = name
    }

    static let week = 604_800.0

    public func fit(_ input: ForecastInput) throws(ForecastingError) -> any FittedForecastModel {
        try input.validate(model: name)
        var history = KnownHistory(
            input, openOnly: true,
            lastSeconds: trainingWeeks.isFinite ? Int64(trainingWeeks * Self.week) : nil)
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
            throw .insufficientHistory(
                channel: input.series.channel,
                message:
                    "the calendar regression needs at least one week of known history, has \(history.spanDays) day(s)")
        }
        let origin = history.end
        let groups = 7 * history.slotsPerDay
        let turnOfMonth = TurnOfMonth(
            startDays: monthStartDays, endDays: monthEndDays, openingHours: input.openingHours)
        let fullResponse = history.values.map { log($0 + 1) }
        let fullGroup = history.slots.map(\.slotOfWeek)

        // Stage 1: event effects on the long window, against a smooth level.
        var evidence: [String: EventEvidence] = [:]
        if !events.isEmpty {
            evidence = try eventEffects(
                history: history, response: fullResponse, group: fullGroup, groups: groups,
                events: events, turnOfMonth: turnOfMonth, origin: origin)
        }
        let effects = EventEffects(evidence: evidence, shrinkage: eventShrinkage, retailShrinkage: retailShrinkage)
        let shapes =
            events.isEmpty
            ? [:]
            : Self.intradayShapes(
                history: history, events: events, openingHours: input.openingHours,
                calendar: input.calendar, shrinkage: eventShrinkage)

        // The year's shape, from a year or more of history (the event effects taken out first).
        var yearShape: YearlyShape? = nil
        if yearly, history.spanDays > 365 + YearlyShape.windowDays {
            let eventOffsets = Self.offsets(
                instants: history.instants, days: history.slots.map(\.day), events: events, effects: effects)
            let screen = DayScreen(history: history, events: events)
            let skip = Set(
                screen.abnormal.compactMap { entry -> Int? in
                    if case .calendar = entry.value { return nil }
                    return entry.key
                })
            let originDay = LocalClock(input.calendar).readings([origin])[0].date.daysSinceEpoch
            yearShape = YearlyShape.fit(
                history: history, response: fullResponse, eventOffsets: eventOffsets, group: fullGroup,
                groups: groups, skip: skip, originDay: originDay)
        }

        // Stage 2: the recent level and profile, with the event effects (and the year's shape) as a fixed offset.
        let first =
            levelWeeks.isFinite
            ? history.instants.firstIndex { $0 >= origin - Int64(levelWeeks * Self.week) } ?? 0 : 0
        let instants = Array(history.instants[first...])
        let slots = Array(history.slots[first...])
        let group = Array(fullGroup[first...])
        let m = instants.count
        var offsets = Self.offsets(instants: instants, days: slots.map(\.day), events: events, effects: effects)
        if let yearShape {
            var byDay: [Int: Double] = [:]
            for k in offsets.indices {
                let day = slots[k].day
                if byDay[day] == nil { byDay[day] = yearShape.offset(day: day) ?? 0 }
                offsets[k] += byDay[day] ?? 0
            }
        }
        let response = (0..<m).map { fullResponse[first + $0] - offsets[$0] }
        let spanDays = (slots.last?.day ?? 0) - (slots.first?.day ?? 0) + 1

        // Day-level columns, each kept only when the history can estimate it.
        var columns: [[Double]] = []
        var usesTrend = false
        var usesTurnOfMonth = false
        if spanDays >= 21 {
            columns.append(instants.map { Double($0 - origin) / Self.week })
            usesTrend = true
        }
        if monthStartDays + monthEndDays > 0 {
            var turnOfDay: [Int: Int?] = [:]
            var indicator = Array(repeating: 0.0, count: m)
            var turns = Set<Int>()
            for k in 0..<m {
                let day = slots[k].day
                let turn: Int?
                if let cached = turnOfDay[day] {
                    turn = cached
                } else {
                    turn = turnOfMonth.turn(ofDay: day)
                    turnOfDay[day] = turn
                }
                if let turn {
                    indicator[k] = 1
                    turns.insert(turn)
                }
            }
            if turns.count >= 2 && indicator.contains(0) {
                columns.append(indicator)
                usesTurnOfMonth = true
            }
        }

        let decay = instants.map { instant -> Double in
            halfLifeWeeks.isInfinite ? 1 : exp2(-Double(origin - instant) / Self.week / halfLifeWeeks)
        }

        var solver: LeastSquaresSolver? = nil
        if !columns.isEmpty {
            do { solver = try LeastSquaresSolver(rows: m, columns: columns.count) } catch {
                throw .modelFailed(model: name, message: error.description)
            }
        }
        var weights = decay
        var fit = try Self.solveWithinSlots(
            response: response, columns: columns, weights: weights,
            group: group, groups: groups, solver: &solver, model: name)
        var residuals = fit.residuals(response: response, columns: columns, group: group)
        if robust, let robustWeights = RobustWeights.bisquare(residuals, prior: decay) {
            weights = robustWeights
            fit = try Self.solveWithinSlots(
                response: response, columns: columns, weights: weights,
                group: group, groups: groups, solver: &solver, model: name)
            residuals = fit.residuals(response: response, columns: columns, group: group)
        }
        var weightSum = 0.0
        var smearSum = 0.0
        for k in 0..<m where weights[k] > 0 {
            weightSum += weights[k]
            smearSum += weights[k] * exp(residuals[k])
        }
        let smearing = weightSum > 0 ? smearSum / weightSum : 1
        guard smearing.isFinite, fit.profile.allSatisfy({ $0?.isFinite ?? true }), fit.beta.allSatisfy(\.isFinite)
        else {
            throw .modelFailed(model: name, message: "the fit produced non-finite coefficients")
        }
        var beta = fit.beta[...]
        let trend = usesTrend ? beta.popFirst() ?? 0 : 0
        let month = usesTurnOfMonth ? beta.popFirst() ?? 0 : 0
        return Fitted(
            profile: Self.fillUnobserved(fit.profile, slotsPerDay: history.slotsPerDay),
            trendPerWeek: trend, turnOfMonthEffect: month, events: events, effects: effects, shapes: shapes,
            smearing: smearing,
            origin: origin, trendDamping: yearShape == nil ? trendDamping : min(trendDamping, yearlyTrendDamping),
            turnOfMonth: turnOfMonth,
            clock: LocalClock(input.calendar), openingHours: input.openingHours, yearShape: yearShape)
    }

    struct Fitted: FittedForecastModel {
        /// α per slot of the week, log scale.
        let profile: [Double]
        let trendPerWeek: Double
        let turnOfMonthEffect: Double
        let events: EventDays
        /// Event effects, with the planner's uplift priors.
        let effects: EventEffects
        /// Log-scale effect per event feature (shrunk); features absent here have no effect.
        var eventEffects: [String: Double] { effects.shrunk }
        /// Intraday log-ratio per shape key and slot of the day (see ``intradayShapes``).
        var shapes: [String: [Double]]
        let smearing: Double
        let origin: Int64
        let trendDamping: Double
        let turnOfMonth: TurnOfMonth
        let clock: LocalClock
        let openingHours: OpeningHours
        /// The year's shape (nil with less than a year of history).
        var yearShape: YearlyShape? = nil

        /// Σₖ₌₁ᴸ φᵏ for a (possibly fractional) lead of L weeks; L itself when φ = 1.
        func dampedWeeks(_ lead: Double) -> Double {
            guard lead > 0, trendDamping < 1 else { return lead }
            return trendDamping * (1 - pow(trendDamping, lead)) / (1 - trendDamping)
        }

        /// The log-scale linear predictor η at each instant (nil in closed slots).
        func linearPredictor(at instants: [Int64]) -> [Double?] {
            var turnOfDay: [Int: Bool] = [:]
            var shapeOfDay: [Int: [Double]?] = [:]
            var yearOfDay: [Int: Double] = [:]
            return zip(instants, clock.slots(instants, openingHours: openingHours)).map { instant, reading in
                guard reading.isOpen, !events.isClosed(instant: instant, day: reading.day) else { return nil }
                var eta = profile[reading.slotOfWeek]
                if !effects.isEmpty(events) {
                    for (feature, value, uplift) in events.loadings(instant: instant, day: reading.day) {
                        eta += effects.effect(feature, uplift: uplift) * value
                    }
                }
                if !shapes.isEmpty {
                    let shape: [Double]?
                    if let cached = shapeOfDay[reading.day] {
                        shape = cached
                    } else {
                        shape = shapeAdjustment(day: reading.day)
                        shapeOfDay[reading.day] = shape
                    }
                    if let shape { eta += shape[reading.slotOfDay] }
                }
                eta += trendPerWeek * dampedWeeks(Double(instant - origin) / CalendarRegressionModel.week)
                if let yearShape {
                    if let cached = yearOfDay[reading.day] {
                        eta += cached
                    } else {
                        let value = yearShape.offset(day: reading.day) ?? 0
                        yearOfDay[reading.day] = value
                        eta += value
                    }
                }
                if turnOfMonthEffect != 0 {
                    let atTurn: Bool
                    if let cached = turnOfDay[reading.day] {
                        atTurn = cached
                    } else {
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
