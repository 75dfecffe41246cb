import StaffcastCore

/// How the forecast treats one holiday after the history: what the planner must be told.
///
/// A holiday is forecast closed only on evidence — its own past occurrences were closed, or the
/// planner declared a closure — and a holiday the history has never seen is forecast as a normal
/// day of its weekday with a warning (see `EventDays`).
public struct HolidayDecision: Sendable, Equatable, CustomStringConvertible {
    public enum Treatment: String, Sendable {
        /// Past occurrences of this holiday were closed: forecast 0.
        case closed
        /// Past occurrences were open: forecast with the effect open holidays show.
        case open
        /// No past occurrence: forecast as a normal day of its weekday.
        case unseen
        /// A `closure` of the events file covers it: forecast 0.
        case declaredClosure = "declared closure"
        /// The eve of a holiday whose eve the history has not shown: forecast halfway between
        /// other eves' pooled effect and the six-week average of the weekday, with the range of
        /// both (``AutoForecaster``).
        case unseenEve = "unseen eve"
    }

    public var channel: String
    public var date: CivilDate
    public var name: String
    public var treatment: Treatment
    /// The last past day of the holiday that decided a `closed` or `open` treatment.
    public var evidence: CivilDate?

    public init(channel: String, date: CivilDate, name: String, treatment: Treatment, evidence: CivilDate? = nil) {
        self.channel = channel
        self.date = date
        self.name = name
        self.treatment = treatment
        self.evidence = evidence
    }

    /// `2003-09-01 Labor Day: closed (closed on 2002-09-02)`, `… : not in the history, forecast as a normal Monday`.
    public var description: String {
        switch treatment {
        case .closed: return "\(date) \(name): closed" + (evidence.map { " (closed on \($0))" } ?? "")
        case .open: return "\(date) \(name): open" + (evidence.map { " (open on \($0))" } ?? "")
        case .unseen:
            return "\(date) \(name): not in the history, forecast as a normal \(WeekdayName.full(date.weekday))"
        case .declaredClosure: return "\(date) \(name): closed (declared closure)"
        case .unseenEve:
            return
                "\(date) \(name): not in the history, forecast between other eves and a normal \(WeekdayName.full(date.weekday))"
        }
    }

    /// For an unseen holiday, the warning a planner reads: the date, the holiday, what the
    /// forecast assumes and how to declare a closure. Nil for the other treatments.
    public var warning: String? {
        if treatment == .unseenEve {
            return
                "\(channel): \(date) \(name) is not in the history; its forecast is halfway between the effect of other eves "
                + "and a normal \(WeekdayName.full(date.weekday)) (the six-week average), with a range that holds both: "
                + "check it against what the centre expects that day"
        }
        guard treatment == .unseen else { return nil }
        return
            "\(channel): \(date) \(name) is not in the history; forecast as a normal \(WeekdayName.full(date.weekday)), "
            + "not closed. If the centre is closed that day, declare it in the events file (--events): "
            + "\(CSVText.field(name, neutralizing: false)),\(date),\(date),\(CSVText.field(channel, neutralizing: false)),closure"
    }
}

extension ForecastInput {
    /// The holidays on the local days of [`start`, `end`) after this input's history, on days
    /// the channel opens, with how the forecast treats each (see ``HolidayDecision``), sorted by
    /// date then name. The input's history should end at the forecast origin.
    public func holidayDecisions(from start: Int64, to end: Int64) -> [HolidayDecision] {
        guard end > start, !calendarEvents.isEmpty || !userEvents.isEmpty else { return [] }
        let events = EventDays(self)
        let first = calendar.local(start).date.daysSinceEpoch
        let last = calendar.local(end - 1).date.daysSinceEpoch
        let channel = series.channel
        var holidays: [(day: Int, name: String)] = []
        for event in calendarEvents where event.kind == .holiday && (first...last).contains(event.date.daysSinceEpoch) {
            holidays.append((event.date.daysSinceEpoch, event.name))
        }
        for event in userEvents where event.kind == .holiday && (event.channel == nil || event.channel == channel) {
            for day in event.firstDay.daysSinceEpoch...event.lastDay.daysSinceEpoch where (first...last).contains(day) {
                holidays.append((day, event.name))
            }
        }
        var decisions: [HolidayDecision] = []
        var seen = Set<String>()
        for (day, name) in holidays.sorted(by: { ($0.day, $0.name) < ($1.day, $1.name) }) {
            guard seen.insert("\(day) \(name)").inserted else { continue }
            let date = CivilDate(daysSinceEpoch: day)
            let dayStart = calendar.startOfDay(date)
            let dayEnd = calendar.startOfDay(date.adding(days: 1))
            let declared = events.closures.contains { $0.lowerBound <= dayStart && $0.upperBound >= dayEnd }
            if declared {
                decisions.append(HolidayDecision(channel: channel, date: date, name: name, treatment: .declaredClosure))
            } else if let closed = events.closedByEvidence[day] {
                decisions.append(
                    HolidayDecision(
                        channel: channel, date: date, name: name, treatment: .closed,
                        evidence: CivilDate(daysSinceEpoch: closed.lastClosed)))
            } else if let open = events.openByEvidence[day] {
                decisions.append(
                    HolidayDecision(
                        channel: channel, date: date, name: name, treatment: .open,
                        evidence: CivilDate(daysSinceEpoch: open.lastOpen)))
            } else if events.unseenHolidays[day] != nil {
                decisions.append(HolidayDecision(channel: channel, date: date, name: name, treatment: .unseen))
            }
        }
        for (day, name) in events.unseenEves.sorted(by: { $0.key < $1.key }) where (first...last).contains(day) {
            decisions.append(
                HolidayDecision(
                    channel: channel, date: CivilDate(daysSinceEpoch: day), name: name, treatment: .unseenEve))
        }
        decisions.sort { ($0.date, $0.name) < ($1.date, $1.name) }
        return decisions
    }
}
