import Foundation
import LinearAlgebra
import StaffcastCore

extension CalendarRegressionModel {
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
    ///
    /// Retail days (Black Friday, Cyber Monday, their lead and lag days: features named
    /// `retail…`) take `retailShrinkage` instead: a yearly shopping day is seen once a year, so
    /// k = 1 halved last year's Black Friday for a history with one — the peak week came out
    /// 4–10 % short at 17 weeks on the capacity suite's tune shops. At k = 0 they carry their
    /// full learned effect.
    struct EventEffects: Sendable {
        let evidence: [String: EventEvidence]
        let shrinkage: Double
        let retailShrinkage: Double
        /// δ̂ · n / (n + k) per feature the history holds.
        let shrunk: [String: Double]

        init(evidence: [String: EventEvidence], shrinkage: Double, retailShrinkage: Double? = nil) {
            self.evidence = evidence
            self.shrinkage = shrinkage
            let retail = retailShrinkage ?? shrinkage
            self.retailShrinkage = retail
            self.shrunk = evidence.reduce(into: [:]) { result, entry in
                let k = Self.isRetail(entry.key) ? retail : shrinkage
                let (n, estimate) = (entry.value.days, entry.value.estimate)
                result[entry.key] = n + k > 0 ? estimate * n / (n + k) : 0
            }
        }

        /// Features of retail days: `retail: Black Friday`, `retail lead: …`, `retail +1: …`.
        static func isRetail(_ feature: String) -> Bool { feature.hasPrefix(EventKind.retail.rawValue) }

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
            if let cached = byDay[day] {
                value = cached
            } else {
                value = 0
                for name in events.dayFeatures[day] ?? [] { value += effects.effect(name) }
                for (name, v) in events.windowFeatures[day] ?? [] { value += effects.effect(name) * v }
                byDay[day] = value
            }
            // One effect per span feature (overlapping spans count once), with the largest uplift given.
            var spanUplift: [String: Double?] = [:]
            for span in events.spans
            where span.range.contains(instants[k]) && events.dayFeatures[day]?.contains(span.feature) != true {
                let earlier = spanUplift[span.feature] ?? nil
                spanUplift[span.feature] = span.uplift.map { max(earlier ?? $0, $0) } ?? earlier
            }
            for (feature, uplift) in spanUplift.sorted(by: { $0.key < $1.key }) {
                value += effects.effect(feature, uplift: uplift)
            }
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
    func eventEffects(
        history: KnownHistory, response: [Double], group: [Int], groups: Int, events: EventDays,
        turnOfMonth: TurnOfMonth, origin: Int64
    ) throws(ForecastingError) -> [String: EventEvidence] {
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
                var lo = 0
                var hi = m
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if history.instants[mid] < span.range.lowerBound { lo = mid + 1 } else { hi = mid }
                }
                while lo < m && history.instants[lo] < span.range.upperBound {
                    covered[span.feature, default: []].append(lo)
                    lo += 1
                }
            }
            for (feature, slots) in covered.sorted(by: { $0.key < $1.key }) {
                var last = -1
                for k in slots.sorted() where k != last {
                    last = k
                    if events.dayFeatures[history.slots[k].day]?.contains(feature) == true { continue }
                    load[dayOf[k]][feature, default: 0] += 1 / rows[dayOf[k]]
                }
            }
        }
        var activeDays: [String: Int] = [:]
        for d in 0..<dayCount { for (name, v) in load[d] where v != 0 { activeDays[name, default: 0] += 1 } }
        let names = activeDays.filter { $0.value < dayCount }.keys.sorted()
        guard !names.isEmpty else { return [:] }

        // Level: hat functions on knots every eventKnotWeeks weeks back from the origin's day.
        let originDay = Double(history.slots.last?.day ?? 0) + 1
        let spacing = max(7, eventKnotWeeks * 7)
        let firstDay = Double(days[0])
        var knots: [Double] = [originDay]
        while let last = knots.last, last > firstDay { knots.append(last - spacing) }
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
            var mean = Array(repeating: 0.0, count: groups)
            var weightOf = Array(repeating: 0.0, count: groups)
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
                // The scale from days that carry weight (a day outside every window has none).
                if let weights = RobustWeights.bisquare(
                    residuals, scaleFrom: residuals.indices.filter { dayWeight[$0] > 0 }.map { residuals[$0] })
                {
                    robustWeight = weights
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
}
