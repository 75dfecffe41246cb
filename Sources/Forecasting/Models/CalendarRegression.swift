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
    public let name: String

    public init(halfLifeWeeks: Double = 6, trendDamping: Double = 0.9, monthStartDays: Int = 3,
                monthEndDays: Int = 1, robust: Bool = true, eventShrinkage: Double = 1,
                trainingWeeks: Double = 110, levelWeeks: Double = 52, eventHalfLifeWeeks: Double = 52,
                eventKnotWeeks: Double = 8, name: String = "regression") {
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
    /// Bisquare cut-off in robust standard deviations (1.4826 · MAD).
    static let bisquareCutoff = 8.0

    public func fit(_ input: ForecastInput) throws(ForecastingError) -> any FittedForecastModel {
        try input.validate(model: name)
        var history = KnownHistory(input, openOnly: true,
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
            throw .insufficientHistory(channel: input.series.channel,
                                       message: "the calendar regression needs at least one week of known history, has \(history.spanDays) day(s)")
        }
        let origin = history.end
        let groups = 7 * history.slotsPerDay
        let turnOfMonth = TurnOfMonth(startDays: monthStartDays, endDays: monthEndDays, openingHours: input.openingHours)
        let fullResponse = history.values.map { log($0 + 1) }
        let fullGroup = history.slots.map(\.slotOfWeek)

        // Stage 1: event effects on the long window, against a smooth level.
        var evidence: [String: EventEvidence] = [:]
        if !events.isEmpty {
            evidence = try eventEffects(history: history, response: fullResponse, group: fullGroup, groups: groups,
                                        events: events, turnOfMonth: turnOfMonth, origin: origin)
        }
        let effects = EventEffects(evidence: evidence, shrinkage: eventShrinkage)
        let shapes = events.isEmpty ? [:] : Self.intradayShapes(history: history, events: events, openingHours: input.openingHours,
                                                                calendar: input.calendar, shrinkage: eventShrinkage)

        // Stage 2: the recent level and profile, with the event effects as a fixed offset.
        let first = levelWeeks.isFinite
            ? history.instants.firstIndex { $0 >= origin - Int64(levelWeeks * Self.week) } ?? 0 : 0
        let instants = Array(history.instants[first...])
        let slots = Array(history.slots[first...])
        let group = Array(fullGroup[first...])
        let m = instants.count
        let offsets = Self.offsets(instants: instants, days: slots.map(\.day), events: events, effects: effects)
        let response = (0..<m).map { fullResponse[first + $0] - offsets[$0] }
        let spanDays = (slots.last?.day ?? 0) - (slots.first?.day ?? 0) + 1

        // Day-level columns, each kept only when the history can estimate it.
        var columns: [[Double]] = []
        var usesTrend = false, usesTurnOfMonth = false
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
        return Fitted(profile: Self.fillUnobserved(fit.profile, slotsPerDay: history.slotsPerDay),
                      trendPerWeek: trend, turnOfMonthEffect: month, events: events, effects: effects, shapes: shapes,
                      smearing: smearing,
                      origin: origin, trendDamping: trendDamping, turnOfMonth: turnOfMonth,
                      clock: LocalClock(input.calendar), openingHours: input.openingHours)
    }

    /// Event kinds need this many complete past days before their intraday shape is estimated.
    static let minShapeOccurrences = 2

    /// The shape keys of local `day`: its date features (``EventDays/dayFeatures``: the day after
    /// a closed holiday, an open holiday, each retail day) and the planner's span features
    /// covering the whole local day; nil when a span covers only part of it (no shape is read
    /// from or applied to such a day).
    static func shapeKeys(day: Int, events: EventDays, calendar: PlanningCalendar) -> [String]? {
        var keys = events.dayFeatures[day] ?? []
        guard !events.spans.isEmpty else { return keys }
        let date = CivilDate(daysSinceEpoch: day)
        let start = calendar.startOfDay(date), end = calendar.startOfDay(date.adding(days: 1))
        for span in events.spans where span.range.lowerBound < end && span.range.upperBound > start {
            guard span.range.lowerBound <= start && span.range.upperBound >= end else { return nil }
            if !keys.contains(span.feature) { keys.append(span.feature) }
        }
        return keys.sorted()
    }

    /// The intraday shape of event days: per shape key (see ``shapeKeys(day:events:calendar:)``)
    /// seen on at least ``minShapeOccurrences`` complete past days (every open slot known once,
    /// so DST-change days are left out), and per local slot of the day, the log-ratio
    ///
    ///     a(s) = log((Σ_d y_d(s) + ½) / (Σ_d Y_d · p_w(d)(s) + ½))
    ///
    /// of the event days' volume to what their day totals Y_d would give with the normal shares
    /// p_w(s) of the same weekday (the mean share of slot s on complete days of weekday w with no
    /// shape key), shrunk toward 0 twice: by n / (n + `shrinkage`) for n event days, and per slot
    /// by the empirical-Bayes factor a² / (a² + v), where v ≈ 1 / (Σ_d y_d(s) + ½) is the Poisson
    /// sampling variance of the log-ratio — so a shape that stands out of the counting noise is
    /// kept and one the size of the noise fades (a day-level effect with no intraday shape must
    /// not turn into one). Applied on top of the profile and renormalised so the day's total is
    /// unchanged (see `Fitted`).
    static func intradayShapes(history: KnownHistory, events: EventDays, openingHours: OpeningHours,
                               calendar: PlanningCalendar, shrinkage: Double) -> [String: [Double]] {
        let perDay = history.slotsPerDay
        guard perDay > 0, !events.dayFeatures.isEmpty || !events.spans.isEmpty else { return [:] }
        // Volume and row count per local day and slot of the day.
        var volume: [Int: [Double]] = [:], rows: [Int: [Int]] = [:]
        for k in history.values.indices {
            let slot = history.slots[k]
            volume[slot.day, default: Array(repeating: 0, count: perDay)][slot.slotOfDay] += history.values[k]
            rows[slot.day, default: Array(repeating: 0, count: perDay)][slot.slotOfDay] += 1
        }
        let openSlots: [[Int]] = (1...7).map { weekday in (0..<perDay).filter { openingHours.isOpen(weekday: weekday, slotOfDay: $0) } }
        var normalShare = Array(repeating: Array(repeating: 0.0, count: perDay), count: 7)
        var normalDays = Array(repeating: 0, count: 7)
        var eventDays: [String: [Int]] = [:]
        for day in volume.keys.sorted() {
            let weekday = CivilDate(daysSinceEpoch: day).weekday
            let counts = rows[day]!, values = volume[day]!
            guard !openSlots[weekday - 1].isEmpty, openSlots[weekday - 1].allSatisfy({ counts[$0] == 1 }) else { continue }
            let total = values.reduce(0, +)
            guard total > 0, let keys = shapeKeys(day: day, events: events, calendar: calendar) else { continue }
            if keys.isEmpty {
                for s in openSlots[weekday - 1] { normalShare[weekday - 1][s] += values[s] / total }
                normalDays[weekday - 1] += 1
            } else {
                for key in keys { eventDays[key, default: []].append(day) }
            }
        }
        for w in 0..<7 where normalDays[w] > 0 { normalShare[w] = normalShare[w].map { $0 / Double(normalDays[w]) } }
        var shapes: [String: [Double]] = [:]
        for (key, days) in eventDays {
            let usable = days.filter { normalDays[CivilDate(daysSinceEpoch: $0).weekday - 1] > 0 }
            guard usable.count >= minShapeOccurrences else { continue }
            var observed = Array(repeating: 0.0, count: perDay), expected = Array(repeating: 0.0, count: perDay)
            for day in usable {
                let w = CivilDate(daysSinceEpoch: day).weekday - 1
                let values = volume[day]!
                let total = values.reduce(0, +)
                for s in openSlots[w] {
                    observed[s] += values[s]
                    expected[s] += total * normalShare[w][s]
                }
            }
            let n = Double(usable.count)
            let shrink = n / (n + shrinkage)
            shapes[key] = (0..<perDay).map { s in
                guard expected[s] > 0 else { return 0 }
                let raw = log((observed[s] + 0.5) / (expected[s] + 0.5))
                let variance = 1 / (observed[s] + 0.5)
                return shrink * raw * (raw * raw / (raw * raw + variance))
            }
        }
        return shapes
    }

    /// What the history shows of one event feature: its unshrunk log-scale estimate and the
    /// number of past days with it.
    struct EventEvidence: Sendable {
        var estimate: Double
        var days: Double
    }

    /// The log-scale effect of each event feature, and of a planner's span with an expected
    /// uplift u: with n past days estimating δ̂ and k = ``eventShrinkage``,
    ///
    ///     effect = (n · δ̂ + k · log u) / (n + k)
    ///
    /// — the prior log u counts as k pseudo-days, so with no past event of the kind the prior
    /// alone is used, and as past events accumulate the data take over. Without an uplift the
    /// prior is log 1 = 0, which is the usual shrinkage δ̂ · n / (n + k).
    struct EventEffects: Sendable {
        let evidence: [String: EventEvidence]
        let shrinkage: Double
        /// δ̂ · n / (n + k) per feature the history holds.
        let shrunk: [String: Double]

        init(evidence: [String: EventEvidence], shrinkage: Double) {
            self.evidence = evidence
            self.shrinkage = shrinkage
            self.shrunk = evidence.mapValues { $0.days + shrinkage > 0 ? $0.estimate * $0.days / ($0.days + shrinkage) : 0 }
        }

        /// Whether no feature has an effect and no uplift prior can give one.
        func isEmpty(_ events: EventDays) -> Bool { shrunk.isEmpty && !events.hasUplift }

        func effect(_ feature: String, uplift: Double? = nil) -> Double {
            guard let uplift, uplift > 0, uplift.isFinite else { return shrunk[feature] ?? 0 }
            let prior = log(uplift)
            guard let seen = evidence[feature], seen.days + shrinkage > 0 else { return prior }
            return (seen.days * seen.estimate + shrinkage * prior) / (seen.days + shrinkage)
        }
    }

    /// Σ effect · loading of the events at each instant (0 without effects); the day's part is
    /// computed once per day, the planner's spans per instant.
    static func offsets(instants: [Int64], days: [Int], events: EventDays, effects: EventEffects) -> [Double] {
        guard !effects.isEmpty(events) else { return Array(repeating: 0, count: instants.count) }
        var byDay: [Int: Double] = [:]
        return instants.indices.map { k in
            let day = days[k]
            var value: Double
            if let cached = byDay[day] { value = cached } else {
                value = 0
                for name in events.dayFeatures[day] ?? [] { value += effects.effect(name) }
                for (name, v) in events.windowFeatures[day] ?? [] { value += effects.effect(name) * v }
                byDay[day] = value
            }
            // One effect per span feature (overlapping spans count once), with the largest uplift given.
            var spanUplift: [String: Double?] = [:]
            for span in events.spans where span.range.contains(instants[k]) && events.dayFeatures[day]?.contains(span.feature) != true {
                let earlier = spanUplift[span.feature] ?? nil
                spanUplift[span.feature] = span.uplift.map { max(earlier ?? $0, $0) } ?? earlier
            }
            for (feature, uplift) in spanUplift { value += effects.effect(feature, uplift: uplift) }
            return value
        }
    }

    /// Stage 1: the unshrunk log-scale effect of every event feature the window holds (and not
    /// on every day), with n, the number of past days with it (shrunk by ``EventEffects``).
    ///
    /// Day-level backfitting of log(y + 1) = α[slot of week] + level(day) + γ · turnOfMonth(day)
    /// + Σ δ_f · loading_f(day): α is the weighted slot mean of y minus the day terms; the day
    /// terms are fitted by weighted least squares to each day's mean of y − α (weight = the day's
    /// summed row weights), with level(day) a linear spline with knots every ``eventKnotWeeks``
    /// weeks back from the origin (so the level follows trend, level shifts and seasons without
    /// being free to absorb a two-week window). Row weights 2^(−age / ``eventHalfLifeWeeks``),
    /// days re-weighted with Tukey's bisquare after the first pass. Four passes.
    func eventEffects(history: KnownHistory, response: [Double], group: [Int], groups: Int, events: EventDays,
                      turnOfMonth: TurnOfMonth, origin: Int64) throws(ForecastingError) -> [String: EventEvidence] {
        let m = response.count
        guard m > 0 else { return [:] }
        // Days in order (local days never decrease along the sorted instants).
        var dayOf = Array(repeating: 0, count: m)
        var days: [Int] = []
        for k in 0..<m {
            let day = history.slots[k].day
            if days.last != day { days.append(day) }
            dayOf[k] = days.count - 1
        }
        let dayCount = days.count
        // Loadings per day: date and window features once per day, spans averaged over the day's rows.
        var load: [[String: Double]] = Array(repeating: [:], count: dayCount)
        for d in 0..<dayCount {
            for name in events.dayFeatures[days[d]] ?? [] { load[d][name] = 1 }
            for (name, v) in events.windowFeatures[days[d]] ?? [] { load[d][name, default: 0] += v }
        }
        if !events.spans.isEmpty {
            // The share of the day's rows each span feature covers (overlapping spans count once).
            var rows = Array(repeating: 0.0, count: dayCount)
            for k in 0..<m { rows[dayOf[k]] += 1 }
            var covered: [String: [Int]] = [:]
            for span in events.spans {
                var lo = 0, hi = m
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if history.instants[mid] < span.range.lowerBound { lo = mid + 1 } else { hi = mid }
                }
                while lo < m && history.instants[lo] < span.range.upperBound { covered[span.feature, default: []].append(lo); lo += 1 }
            }
            for feature in covered.keys.sorted() {
                var last = -1
                for k in covered[feature]!.sorted() where k != last {
                    last = k
                    if events.dayFeatures[history.slots[k].day]?.contains(feature) == true { continue }
                    load[dayOf[k]][feature, default: 0] += 1 / rows[dayOf[k]]
                }
            }
        }
        var activeDays: [String: Int] = [:]
        for d in 0..<dayCount { for (name, v) in load[d] where v != 0 { activeDays[name, default: 0] += 1 } }
        let names = activeDays.keys.sorted().filter { activeDays[$0]! < dayCount }
        guard !names.isEmpty else { return [:] }

        // Level: hat functions on knots every eventKnotWeeks weeks back from the origin's day.
        let originDay = Double(history.slots.last?.day ?? 0) + 1
        let spacing = max(7, eventKnotWeeks * 7)
        let firstDay = Double(days[0])
        var knots: [Double] = [originDay]
        while knots.last! > firstDay { knots.append(knots.last! - spacing) }
        var columns: [[Double]] = knots.map { knot in
            days.map { max(0, 1 - abs(Double($0) + 0.5 - knot) / spacing) }
        }
        columns = columns.filter { $0.contains { $0 > 0 } }
        let tom = days.map { turnOfMonth.turn(ofDay: $0) != nil ? 1.0 : 0.0 }
        if tom.contains(1) && tom.contains(0) { columns.append(tom) }
        let firstEvent = columns.count
        for name in names { columns.append(load.map { $0[name] ?? 0 }) }
        let p = columns.count

        let decay = history.instants.map { instant -> Double in
            eventHalfLifeWeeks.isFinite ? exp2(-Double(origin - instant) / Self.week / eventHalfLifeWeeks) : 1
        }
        var dayWeight = Array(repeating: 0.0, count: dayCount)
        for k in 0..<m { dayWeight[dayOf[k]] += decay[k] }
        var robustWeight = Array(repeating: 1.0, count: dayCount)
        var fitted = Array(repeating: 0.0, count: dayCount)
        var beta = Array(repeating: 0.0, count: p)
        var solver: LeastSquaresSolver
        var design: Matrix
        do {
            solver = try LeastSquaresSolver(rows: dayCount, columns: p)
            design = try Matrix(rows: dayCount, columns: p)
            for j in 0..<p { try design.setColumn(j, to: columns[j]) }
        } catch {
            throw .modelFailed(model: name, message: error.description)
        }
        for pass in 0..<4 {
            var mean = Array(repeating: 0.0, count: groups), weightOf = Array(repeating: 0.0, count: groups)
            for k in 0..<m {
                let w = decay[k] * robustWeight[dayOf[k]]
                mean[group[k]] += w * (response[k] - fitted[dayOf[k]])
                weightOf[group[k]] += w
            }
            for g in 0..<groups where weightOf[g] > 0 { mean[g] /= weightOf[g] }
            var target = Array(repeating: 0.0, count: dayCount)
            for k in 0..<m { target[dayOf[k]] += decay[k] * (response[k] - mean[group[k]]) }
            for d in 0..<dayCount where dayWeight[d] > 0 { target[d] /= dayWeight[d] }
            let weights = (0..<dayCount).map { dayWeight[$0] * robustWeight[$0] }
            do { beta = try solver.solve(design, target, weights: weights).coefficients } catch {
                throw .modelFailed(model: name, message: error.description)
            }
            fitted = (0..<dayCount).map { d in
                var eta = 0.0
                for j in 0..<p { eta += beta[j] * columns[j][d] }
                return eta
            }
            if robust && pass < 3 {
                let residuals = (0..<dayCount).map { target[$0] - fitted[$0] }
                let scale = 1.4826 * Self.median(residuals.indices.filter { dayWeight[$0] > 0 }.map { abs(residuals[$0]) })
                if scale > 0 {
                    let cutoff = Self.bisquareCutoff * scale
                    robustWeight = residuals.map { r in
                        let u = r / cutoff
                        return abs(u) < 1 ? (1 - u * u) * (1 - u * u) : 0
                    }
                }
            }
        }
        guard beta.allSatisfy(\.isFinite) else {
            throw .modelFailed(model: name, message: "the event fit produced non-finite coefficients")
        }
        var evidence: [String: EventEvidence] = [:]
        for (j, feature) in names.enumerated() {
            evidence[feature] = EventEvidence(estimate: beta[firstEvent + j], days: Double(activeDays[feature] ?? 0))
        }
        return evidence
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

        /// The shape adjustment of local `day` per slot of the day: the sum of the day's shapes,
        /// minus log Σₛ pₛ · exp(aₛ) with pₛ the profile's shares of that weekday, so the day's
        /// total is unchanged. Nil when no shape applies.
        func shapeAdjustment(day: Int) -> [Double]? {
            guard let keys = CalendarRegressionModel.shapeKeys(day: day, events: events, calendar: clock.calendar) else { return nil }
            let known = keys.compactMap { shapes[$0] }
            guard let first = known.first else { return nil }
            var sum = first
            for shape in known.dropFirst() { for s in sum.indices { sum[s] += shape[s] } }
            let perDay = openingHours.slotsPerDay
            let weekday = CivilDate(daysSinceEpoch: day).weekday
            var weight = 0.0, adjusted = 0.0
            for s in 0..<perDay where openingHours.isOpen(weekday: weekday, slotOfDay: s) {
                let p = exp(profile[(weekday - 1) * perDay + s])
                weight += p
                adjusted += p * exp(sum[s])
            }
            guard weight > 0, adjusted > 0 else { return nil }
            let norm = log(adjusted / weight)
            return sum.map { $0 - norm }
        }

        /// Σₖ₌₁ᴸ φᵏ for a (possibly fractional) lead of L weeks; L itself when φ = 1.
        func dampedWeeks(_ lead: Double) -> Double {
            guard lead > 0, trendDamping < 1 else { return lead }
            return trendDamping * (1 - pow(trendDamping, lead)) / (1 - trendDamping)
        }

        /// The log-scale linear predictor η at each instant (nil in closed slots).
        func linearPredictor(at instants: [Int64]) -> [Double?] {
            var turnOfDay: [Int: Bool] = [:]
            var shapeOfDay: [Int: [Double]?] = [:]
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
                    if let cached = shapeOfDay[reading.day] { shape = cached } else {
                        shape = shapeAdjustment(day: reading.day); shapeOfDay[reading.day] = shape
                    }
                    if let shape { eta += shape[reading.slotOfDay] }
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
