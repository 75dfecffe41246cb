import Foundation
import StaffcastCore

/// The days of a history that are not normal days of their weekday, so no model copies them
/// into one (issue 9: seasonal naive once copied the eve of Yom Kippur into a normal Sunday):
///
/// - **calendar days**: closed or open holidays, holiday eves, retail days, the day after a
///   closed holiday, the planner's promotions, peaks and closures (`EventDays`);
/// - **suspicious days**, the rule of `staffcast inspect` judged against the day's neighbours: a
///   day whose known open volume is at least ``suspiciousFactor`` times, or at most its
///   reciprocal, the median of the same weekday within ``neighbourWeeks`` weeks either side
///   (calendar days left out of the median), so growth over years does not make old days
///   suspicious (glitches: a double-counting export, a forgotten filter);
/// - **recording gaps**: a day with an interval of 0 contacts where the same weekday and slot in
///   the neighbouring weeks had a median of at least ``gapMinimum`` (for Poisson arrivals
///   P(0) ≤ e⁻¹⁰: not a quiet moment but a switch or export that recorded nothing).
///
/// Days absent from the history (outages of whole days) are simply not there.
struct DayScreen: Sendable {
    static let suspiciousFactor = 3.0
    static let neighbourWeeks = 4
    static let gapMinimum = 10.0

    /// Local days not to copy, with the reason.
    let abnormal: [Int: Reason]

    enum Reason: Sendable, Equatable {
        case calendar
        /// Day total / neighbours' median.
        case suspicious(ratio: Double)
        /// Intervals recorded as 0 where the neighbours had volume.
        case recordingGap(intervals: Int)
    }

    init(history: KnownHistory, events: EventDays) {
        var abnormal: [Int: Reason] = [:]
        for day in events.closedDays { abnormal[day] = .calendar }
        for day in events.dayFeatures.keys { abnormal[day] = .calendar }
        if !events.spans.isEmpty || !events.closures.isEmpty {
            for k in history.instants.indices {
                let t = history.instants[k]
                if events.spans.contains(where: { $0.range.contains(t) })
                    || events.closures.contains(where: { $0.contains(t) })
                {
                    abnormal[history.slots[k].day] = .calendar
                }
            }
        }
        // Day totals; a day with fewer than 90 % of its weekday's usual known slots (an outage)
        // is judged by neither side of the rule: its total is low because part of it is unknown.
        let (totals, known) = history.dayTotals()
        var usual = Array(repeating: 0, count: 7)
        for (day, n) in known {
            usual[CivilDate(daysSinceEpoch: day).weekday - 1] = max(
                usual[CivilDate(daysSinceEpoch: day).weekday - 1], n)
        }
        let days = totals.keys.sorted()
        for day in days
        where abnormal[day] == nil
            && Double(known[day] ?? 0) >= 0.9 * Double(usual[CivilDate(daysSinceEpoch: day).weekday - 1])
        {
            var neighbours: [Double] = []
            for w in 1...Self.neighbourWeeks {
                for other in [day - 7 * w, day + 7 * w] where abnormal[other] != .calendar {
                    if let v = totals[other] { neighbours.append(v) }
                }
            }
            guard neighbours.count >= 3 else { continue }
            let median = RobustWeights.median(neighbours)
            guard median > 0, let total = totals[day] else { continue }
            let ratio = total / median
            if ratio >= Self.suspiciousFactor || ratio <= 1 / Self.suspiciousFactor {
                abnormal[day] = .suspicious(ratio: ratio)
            }
        }
        // Recording gaps: zeros where the neighbours' same slot is busy.
        let perDay = history.slotsPerDay
        let byDaySlot = history.valuesByDaySlot()
        var zeros: [(day: Int, slot: Int)] = []
        for k in history.values.indices where history.values[k] == 0 {
            zeros.append((history.slots[k].day, history.slots[k].slotOfDay))
        }
        var gaps: [Int: Int] = [:]
        for (day, slot) in zeros where abnormal[day] == nil || gaps[day] != nil {
            var neighbours: [Double] = []
            for w in 1...Self.neighbourWeeks {
                for other in [day - 7 * w, day + 7 * w] {
                    if let v = byDaySlot[other * perDay + slot] { neighbours.append(v) }
                }
            }
            if neighbours.count >= 3, RobustWeights.median(neighbours) >= Self.gapMinimum { gaps[day, default: 0] += 1 }
        }
        for (day, count) in gaps { abnormal[day] = .recordingGap(intervals: count) }
        self.abnormal = abnormal
    }

    func isNormal(_ day: Int) -> Bool { abnormal[day] == nil }
}
