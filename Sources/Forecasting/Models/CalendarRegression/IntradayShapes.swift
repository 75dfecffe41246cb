import Foundation
import StaffcastCore

extension CalendarRegressionModel {
    /// Event kinds need this many complete past days before their intraday shape is estimated.
    static let minShapeOccurrences = 2

    /// The shape keys of local `day`: its date features (``EventDays/dayFeatures``: the day after
    /// a closed holiday, an open holiday, each retail day; on a day of the Christmas season the
    /// features it would have had, ``EventDays/seasonShapeKeys``) and the planner's span features
    /// covering the whole local day; nil when a span covers only part of it (no shape is read
    /// from or applied to such a day).
    static func shapeKeys(day: Int, events: EventDays, calendar: PlanningCalendar) -> [String]? {
        var keys = events.seasonShapeKeys[day] ?? events.dayFeatures[day] ?? []
        guard !events.spans.isEmpty else { return keys }
        let date = CivilDate(daysSinceEpoch: day)
        let start = calendar.startOfDay(date)
        let end = calendar.startOfDay(date.adding(days: 1))
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
    static func intradayShapes(
        history: KnownHistory, events: EventDays, openingHours: OpeningHours,
        calendar: PlanningCalendar, shrinkage: Double
    ) -> [String: [Double]] {
        let perDay = history.slotsPerDay
        guard perDay > 0, !events.dayFeatures.isEmpty || !events.spans.isEmpty else { return [:] }
        // Volume and row count per local day and slot of the day.
        var volume: [Int: [Double]] = [:]
        var rows: [Int: [Int]] = [:]
        for k in history.values.indices {
            let slot = history.slots[k]
            volume[slot.day, default: Array(repeating: 0, count: perDay)][slot.slotOfDay] += history.values[k]
            rows[slot.day, default: Array(repeating: 0, count: perDay)][slot.slotOfDay] += 1
        }
        let openSlots: [[Int]] = (1...7).map { weekday in
            (0..<perDay).filter { openingHours.isOpen(weekday: weekday, slotOfDay: $0) }
        }
        var normalShare = Array(repeating: Array(repeating: 0.0, count: perDay), count: 7)
        var normalDays = Array(repeating: 0, count: 7)
        var eventDays: [String: [Int]] = [:]
        for (day, values) in volume.sorted(by: { $0.key < $1.key }) {
            let weekday = CivilDate(daysSinceEpoch: day).weekday
            guard let counts = rows[day] else { continue }
            guard !openSlots[weekday - 1].isEmpty, openSlots[weekday - 1].allSatisfy({ counts[$0] == 1 }) else {
                continue
            }
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
            var observed = Array(repeating: 0.0, count: perDay)
            var expected = Array(repeating: 0.0, count: perDay)
            for day in usable {
                let w = CivilDate(daysSinceEpoch: day).weekday - 1
                guard let values = volume[day] else { continue }
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
}

extension CalendarRegressionModel.Fitted {
    /// The shape adjustment of local `day` per slot of the day: the sum of the day's shapes,
    /// minus log Σₛ pₛ · exp(aₛ) with pₛ the profile's shares of that weekday, so the day's
    /// total is unchanged. Nil when no shape applies.
    func shapeAdjustment(day: Int) -> [Double]? {
        guard let keys = CalendarRegressionModel.shapeKeys(day: day, events: events, calendar: clock.calendar) else {
            return nil
        }
        let known = keys.compactMap { shapes[$0] }
        guard let first = known.first else { return nil }
        var sum = first
        for shape in known.dropFirst() { for s in sum.indices { sum[s] += shape[s] } }
        let perDay = openingHours.slotsPerDay
        let weekday = CivilDate(daysSinceEpoch: day).weekday
        var weight = 0.0
        var adjusted = 0.0
        for s in 0..<perDay where openingHours.isOpen(weekday: weekday, slotOfDay: s) {
            let p = exp(profile[(weekday - 1) * perDay + s])
            weight += p
            adjusted += p * exp(sum[s])
        }
        guard weight > 0, adjusted > 0 else { return nil }
        let norm = log(adjusted / weight)
        return sum.map { $0 - norm }
    }
}
