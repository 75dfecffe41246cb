import Foundation
import StaffcastCore

/// Something in a channel's history (or horizon) that the models treated specially, for the
/// planner to check: the plan's manifest and report and `forecast`'s standard error list them.
public struct ForecastAnomaly: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// Open intervals absent from the history (an outage, a day not exported): unknown, never zero.
        case absentStretch = "absent stretch"
        /// A day far above or below its neighbours (`inspect`'s suspicious day): down-weighted by
        /// the regression's robust weights and never copied into a normal day.
        case glitchDay = "glitch day"
        /// Intervals recorded as 0 where the same slot always has contacts: never copied.
        case recordingGap = "recording gap"
        /// A lasting change of the daily level: the forecast follows the new level.
        case levelShift = "level shift"
        /// A holiday in the horizon the history has never seen: forecast as a normal day.
        case unseenHoliday = "unseen holiday"
    }

    public var kind: Kind
    public var channel: String
    public var first: CivilDate
    public var last: CivilDate
    /// What was seen and what the forecast did about it.
    public var detail: String

    public init(kind: Kind, channel: String, first: CivilDate, last: CivilDate, detail: String) {
        self.kind = kind
        self.channel = channel
        self.first = first
        self.last = last
        self.detail = detail
    }

    /// `email: 2024-06-11 glitch day: 9.8× the neighbouring Tuesdays; down-weighted, not copied`.
    public var description: String {
        "\(channel): \(first)\(last == first ? "" : "…\(last)") \(kind.rawValue): \(detail)"
    }
}

extension ForecastInput {
    /// What the models treat specially when forecasting [`origin`, `origin + horizonSeconds`)
    /// from this history (which should end at `origin`), sorted by date then kind: absent
    /// stretches of open intervals, glitch days and recording gaps (see `DayScreen`), level
    /// shifts, and unseen holidays in the horizon (``HolidayDecision``). Only the history the
    /// models read is searched (the last ``EventDays/historyWeeks`` weeks).
    public func anomalies(origin: Int64, horizonSeconds: Int) -> [ForecastAnomaly] {
        let channel = series.channel
        let history = KnownHistory(self, openOnly: true, lastSeconds: Int64(EventDays.historyWeeks) * 604_800)
        guard let firstInstant = history.instants.first else { return [] }
        let events = EventDays(self, history: history)
        let screen = DayScreen(history: history, events: events)
        var found: [ForecastAnomaly] = []
        let weekdays = WeekdayName.full

        // Absent stretches: unknown open intervals between the first and last known one, by local day.
        let clock = LocalClock(calendar)
        let interval = Int64(series.intervalSeconds)
        if let firstIndex = series.index(of: firstInstant),
            let lastKnown = series.contacts.lastIndex(where: { $0 != nil })
        {
            let missing = (firstIndex..<lastKnown).filter { series.contacts[$0] == nil }.map { series.instant(at: $0) }
            let readings = clock.slots(missing, openingHours: openingHours)
            var byDay: [Int: [Int64]] = [:]
            for (instant, reading) in zip(missing, readings)
            where reading.isOpen && !events.isClosed(instant: instant, day: reading.day) {
                byDay[reading.day, default: []].append(instant)
            }
            var days = byDay.keys.sorted()[...]
            while let day = days.popFirst() {
                var last = day
                var count = byDay[day]?.count ?? 0
                let whole = { (d: Int) -> Bool in
                    let weekday = CivilDate(daysSinceEpoch: d).weekday
                    let open = (0..<self.openingHours.slotsPerDay).filter {
                        self.openingHours.isOpen(weekday: weekday, slotOfDay: $0)
                    }.count
                    return (byDay[d]?.count ?? 0) >= open
                }
                while let next = days.first, next == last + 1, whole(last), whole(next) {
                    last = next
                    count += byDay[next]?.count ?? 0
                    days.removeFirst()
                }
                let times = byDay[day] ?? []
                let span: String
                if day == last, !whole(day), let a = times.min(), let b = times.max() {
                    span =
                        "\(ClockText.format(calendar.local(a).secondsOfDay))–\(ClockText.format(calendar.local(b + interval).secondsOfDay == 0 ? 86_400 : calendar.local(b + interval).secondsOfDay)): "
                } else {
                    span = ""
                }
                found.append(
                    ForecastAnomaly(
                        kind: .absentStretch, channel: channel, first: CivilDate(daysSinceEpoch: day),
                        last: CivilDate(daysSinceEpoch: last),
                        detail: span + "\(count) open interval\(count == 1 ? "" : "s") absent; unknown, not zero"))
            }
        }

        for (day, reason) in screen.abnormal.sorted(by: { $0.key < $1.key }) {
            let date = CivilDate(daysSinceEpoch: day)
            switch reason {
            case .calendar: continue
            case .suspicious(let ratio):
                let text =
                    ratio >= 1
                    ? "\(Self.factor(ratio))× the neighbouring \(weekdays[date.weekday - 1])s"
                    : "\(Self.factor(1 / ratio))× below the neighbouring \(weekdays[date.weekday - 1])s"
                found.append(
                    ForecastAnomaly(
                        kind: .glitchDay, channel: channel, first: date, last: date,
                        detail: text + "; down-weighted, never copied into a normal day"))
            case .recordingGap(let intervals):
                found.append(
                    ForecastAnomaly(
                        kind: .recordingGap, channel: channel, first: date, last: date,
                        detail:
                            "\(intervals) interval\(intervals == 1 ? "" : "s") recorded as 0 where the same slot always has contacts; never copied"
                    ))
            }
        }
        if let shift = LevelShift.find(history: history, screen: screen, events: events) {
            found.append(
                ForecastAnomaly(
                    kind: .levelShift, channel: channel, first: CivilDate(daysSinceEpoch: shift.day),
                    last: CivilDate(daysSinceEpoch: shift.day),
                    detail:
                        "the daily level moved ×\(Self.factor(shift.factor, digits: 2)) and stayed; the forecast follows the new level"
                ))
        }
        for decision in holidayDecisions(from: origin, to: origin + Int64(horizonSeconds))
        where decision.treatment == .unseen {
            found.append(
                ForecastAnomaly(
                    kind: .unseenHoliday, channel: channel, first: decision.date, last: decision.date,
                    detail:
                        "\(decision.name) is not in the history; kept open, forecast as a normal \(weekdays[decision.date.weekday - 1]) (declare a closure in the events file if it is closed)"
                ))
        }
        let order = ForecastAnomaly.Kind.allCases
        return found.sorted {
            ($0.first, order.firstIndex(of: $0.kind) ?? 0) < ($1.first, order.firstIndex(of: $1.kind) ?? 0)
        }
    }

    static func factor(_ x: Double, digits: Int = 1) -> String {
        NumberFormat.plain(x, maxFractionDigits: digits, minFractionDigits: digits)
    }
}

/// A lasting change of the daily level, found on the weekday-adjusted log day totals of normal
/// days (`DayScreen`, and no event window either: the weeks before Christmas or the January
/// returns weeks are the calendar, not a shift) over the last ``searchWeeks`` weeks: at each
/// candidate day, the mean of the
/// ``windowDays`` days after against the ``windowDays`` days before; the largest change of at
/// least ``minimumChange`` (log scale) whose t-statistic exceeds ``minimumT`` and that holds to
/// the end of the history (the mean of all later days within half the change of the window's).
enum LevelShift {
    static let searchWeeks = 52
    static let windowDays = 28
    static let minimumChange = log(1.08)
    static let minimumT = 6.0

    static func find(history: KnownHistory, screen: DayScreen, events: EventDays) -> (day: Int, factor: Double)? {
        guard let lastDay = history.slots.last?.day else { return nil }
        let isNormal = { (day: Int) in screen.isNormal(day) && events.windowFeatures[day] == nil }
        let totals = history.dayTotals(after: lastDay - 7 * (searchWeeks + 8)).totals
        // Weekday-adjusted log totals of normal days.
        var byWeekday: [[Double]] = Array(repeating: [], count: 7)
        for (day, total) in totals where isNormal(day) && total > 0 {
            byWeekday[CivilDate(daysSinceEpoch: day).weekday - 1].append(log(total))
        }
        let weekdayMean = byWeekday.map { $0.isEmpty ? 0 : $0.reduce(0, +) / Double($0.count) }
        var level: [(day: Int, value: Double)] = []
        for (day, total) in totals.sorted(by: { $0.key < $1.key }) where isNormal(day) && total > 0 {
            level.append((day, log(total) - weekdayMean[CivilDate(daysSinceEpoch: day).weekday - 1]))
        }
        guard level.count >= 2 * 20 else { return nil }
        var best: (day: Int, change: Double, t: Double)? = nil
        for split in level.indices where level[split].day > lastDay - 7 * searchWeeks {
            let day = level[split].day
            let before = level[..<split].filter { $0.day >= day - windowDays }.map(\.value)
            let after = level[split...].filter { $0.day < day + windowDays }.map(\.value)
            guard before.count >= 14, after.count >= 14 else { continue }
            let mb = before.reduce(0, +) / Double(before.count)
            let ma = after.reduce(0, +) / Double(after.count)
            let vb = before.map { ($0 - mb) * ($0 - mb) }.reduce(0, +) / Double(before.count - 1)
            let va = after.map { ($0 - ma) * ($0 - ma) }.reduce(0, +) / Double(after.count - 1)
            let se = (vb / Double(before.count) + va / Double(after.count)).squareRoot()
            let change = ma - mb
            guard abs(change) >= minimumChange, se > 0 else { continue }
            let t = abs(change) / se
            guard t >= minimumT else { continue }
            let later = level[split...].map(\.value)
            let laterMean = later.reduce(0, +) / Double(later.count)
            guard abs(laterMean - ma) <= abs(change) / 2 else { continue }
            if t > best?.t ?? -.infinity { best = (day, change, t) }
        }
        return best.map { ($0.day, exp($0.change)) }
    }
}
