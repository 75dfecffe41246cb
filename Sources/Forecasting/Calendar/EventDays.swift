import StaffcastCore

/// The calendar events of a ``ForecastInput`` read against its history, as day-level regressors:
///
/// - **Closed holidays.** A public holiday (built-in, or `holiday` in the events file) on a
///   weekday the opening hours open is *closed* in the past when the history has no volume that
///   day (the day is absent) or less than ``nearlyClosedShare`` of the median volume of that
///   weekday. A holiday after the history is closed only on evidence: at least half of the past
///   occurrences of *the same* holiday (by name, an observed or substitute day counting as the
///   holiday) were closed. Other holidays closing says nothing about this one: a holiday the
///   history has never seen is *unseen* (``unseenHolidays``) and forecast as a normal day of its
///   weekday — forecasting 0 staffs nobody for a whole day, a normal day costs a day of
///   overstaffing — and the planner is told (see ``HolidayDecision``); a `closure` in the events
///   file closes it. Closed days are left out of the fit and forecast 0 in every slot (the rows
///   stay in the output).
/// - **After a closed holiday** (`after closed holiday`): the next weekday the opening hours
///   open that is not itself closed — the lag-1 surge of calls that could not be made.
/// - **Open holidays** (`holiday`): a holiday the channel works through (in the history, or
///   after it when its past occurrences were open).
/// - **Holiday eves** (`holiday eve`): the day before a holiday (``EventKind/eve``), a short
///   day, one pooled feature so each eve borrows what the others show.
/// - **Retail days** (`retail: <name>`): each built-in retail event on its own date.
/// - **Event windows** (``windowFeatures``, used by the calendar regression): the default
///   lead/lag windows of the built-in events (``CalendarEvent/leadDays``/``lagDays``):
///   - `<kind> lead: <name>` on the `leadDays` days before the date, a linear ramp
///     (lead + 1 − k) / lead on the day k days before (1 the day before, 1/lead at the window's
///     start): one log-scale slope per event, so the ramp's height is learnt from the history;
///   - `retail +j: <name>` on each of the first lag days after a retail date when the lag is at
///     most ``maxLagDummies`` (Black Friday's weekend, the day after Cyber Monday);
///   - `retail window: <name>` on all lag days of a longer window (the January returns weeks);
///   holiday lags are the `after closed holiday` feature. Closed days carry none.
/// - **The planner's events** for this channel (or all channels): `promotion` and `peak` over the
///   instants they cover (one effect per kind, so a new promotion borrows the effect of past
///   ones); a `closure` forces 0 over the instants it covers.
///
/// A model estimates a feature only when the history holds it (see ``CalendarRegressionModel``).
struct EventDays: Sendable {
    /// Share of the weekday's median volume below which a holiday counts as closed.
    static let nearlyClosedShare = 0.1
    static let afterClosedHoliday = "after closed holiday"
    static let openHoliday = "holiday"
    static let holidayEve = "holiday eve"
    /// Lag windows up to this many days get one dummy per lag day; longer ones one window dummy.
    static let maxLagDummies = 3

    /// Local days (days since 1970-01-01) forecast as closed.
    let closedDays: Set<Int>
    /// Holidays outside the history that none of their past occurrences explain, by local day
    /// (with the holiday's name): forecast as a normal day of their weekday.
    let unseenHolidays: [Int: String]
    /// Eves outside the history whose own eve (by name) the history has not shown, by local day:
    /// the eve effect the model applies is other holidays' eves, pooled.
    let unseenEves: [Int: String]
    /// Holidays outside the history forecast closed, by local day: the name and the last past
    /// day it was closed on.
    let closedByEvidence: [Int: (name: String, lastClosed: Int)]
    /// Holidays outside the history forecast open (as a holiday), by local day: the name and the
    /// last past day it was open on.
    let openByEvidence: [Int: (name: String, lastOpen: Int)]
    /// Day-level features by local day.
    let dayFeatures: [Int: [String]]
    /// Local days of the holidays (built-in and the planner's, for this channel) on business days.
    let holidayDays: Set<Int>
    /// The Christmas season's days (``christmasSeason(_:)``) with the day features they would
    /// have had without it: their intraday shape is read from those (the eve's short day, a
    /// retail day), pooled over the years and the other days of the kind, not from one date's
    /// one or two past days.
    let seasonShapeKeys: [Int: [String]]
    /// The planner's promotions and peaks: covered instants, feature name and the planner's
    /// expected uplift (a factor), if given.
    let spans: [(range: Range<Int64>, feature: String, uplift: Double?)]
    /// Whether any of the planner's spans carries an expected uplift.
    var hasUplift: Bool { spans.contains { $0.uplift != nil } }
    /// The planner's closures.
    let closures: [Range<Int64>]
    /// Lead ramps, lag days and long windows of the built-in events by local day: (feature, value),
    /// sorted by feature, one value per feature (the largest when windows of two countries meet).
    let windowFeatures: [Int: [(name: String, value: Double)]]

    var isEmpty: Bool {
        closedDays.isEmpty && dayFeatures.isEmpty && windowFeatures.isEmpty && spans.isEmpty && closures.isEmpty
    }

    /// Weeks of history (before its end) read when no history is given: the calendar
    /// regression's default training window, so the days it leaves out as closed are the days
    /// every forecast zeroes; and a backtest's zeroing does not convert the clock of the whole
    /// history at every origin.
    static let historyWeeks = 110

    init(_ input: ForecastInput) {
        self.init(input, history: KnownHistory(input, openOnly: true, lastSeconds: Int64(Self.historyWeeks) * 604_800))
    }

    init(_ input: ForecastInput, history: KnownHistory) {
        let channel = input.series.channel
        let user = input.userEvents.filter { $0.channel == nil || $0.channel == channel }
        guard !input.calendarEvents.isEmpty || !user.isEmpty else {
            closedDays = []
            dayFeatures = [:]
            holidayDays = []
            seasonShapeKeys = [:]
            spans = []
            closures = []
            windowFeatures = [:]
            unseenHolidays = [:]
            unseenEves = [:]
            closedByEvidence = [:]
            openByEvidence = [:]
            return
        }
        let hours = input.openingHours
        let isBusiness: [Bool] = (1...7).map { weekday in
            (0..<hours.slotsPerDay).contains { hours.isOpen(weekday: weekday, slotOfDay: $0) }
        }
        func business(_ day: Int) -> Bool { isBusiness[CivilDate(daysSinceEpoch: day).weekday - 1] }

        // Known open volume per local day, and the median full day per weekday.
        let totals = history.dayTotals().totals
        let firstDay = history.slots.first?.day ?? Int.max
        let lastDay = history.slots.last?.day ?? Int.min

        // Holidays on business days, with their names.
        var holidays: [(day: Int, name: String)] = []
        for event in input.calendarEvents where event.kind == .holiday {
            holidays.append((event.date.daysSinceEpoch, event.name))
        }
        for event in user where event.kind == .holiday {
            var day = event.firstDay.daysSinceEpoch
            while day <= event.lastDay.daysSinceEpoch {
                holidays.append((day, event.name))
                day += 1
            }
        }
        holidays = holidays.filter { business($0.day) }
        let holidayDays = Set(holidays.map(\.day))
        self.holidayDays = holidayDays

        var byWeekday: [[Double]] = Array(repeating: [], count: 7)
        for (day, total) in totals where !holidayDays.contains(day) {
            byWeekday[CivilDate(daysSinceEpoch: day).weekday - 1].append(total)
        }
        let typical = byWeekday.map { RobustWeights.median($0) }

        // Past occurrences: closed or open, by holiday (base) name.
        var closed = Set<Int>()
        var byName: [String: (closed: Int, open: Int, lastClosed: Int, lastOpen: Int)] = [:]
        for (day, name) in holidays where day >= firstDay && day <= lastDay {
            let weekday = CivilDate(daysSinceEpoch: day).weekday
            let isClosed = (totals[day] ?? 0) <= Self.nearlyClosedShare * typical[weekday - 1]
            if isClosed { closed.insert(day) }
            var counts = byName[Self.baseName(name)] ?? (0, 0, Int.min, Int.min)
            if isClosed {
                counts.closed += 1
                counts.lastClosed = max(counts.lastClosed, day)
            } else {
                counts.open += 1
                counts.lastOpen = max(counts.lastOpen, day)
            }
            byName[Self.baseName(name)] = counts
        }
        // Future (and pre-history) occurrences: only by the same holiday.
        var unseen: [Int: String] = [:]
        var closedBy: [Int: (name: String, lastClosed: Int)] = [:]
        var openBy: [Int: (name: String, lastOpen: Int)] = [:]
        for (day, name) in holidays where (day < firstDay || day > lastDay) && !closed.contains(day) {
            guard let counts = byName[Self.baseName(name)], counts.closed + counts.open > 0 else {
                if unseen[day] == nil { unseen[day] = name }
                continue
            }
            if counts.closed >= counts.open {
                closed.insert(day)
                closedBy[day] = (name, counts.lastClosed)
                unseen[day] = nil
            } else if closedBy[day] == nil {
                openBy[day] = (name, counts.lastOpen)
                unseen[day] = nil
            }
        }
        // A day that is also another, seen holiday is not unseen.
        for day in Array(unseen.keys) where openBy[day] != nil || closed.contains(day) { unseen[day] = nil }
        unseenHolidays = unseen
        var pastEves = Set<String>()
        var futureEves: [Int: String] = [:]
        for event in input.calendarEvents where event.kind == .eve {
            let day = event.date.daysSinceEpoch
            if day >= firstDay && day <= lastDay {
                pastEves.insert(Self.baseName(event.name))
            } else if day > lastDay && business(day) {
                futureEves[day] = futureEves[day].map { min($0, event.name) } ?? event.name
            }
        }
        unseenEves = futureEves.filter { !pastEves.contains(Self.baseName($0.value)) && !closed.contains($0.key) }
        closedByEvidence = closedBy
        openByEvidence = openBy.filter { !closed.contains($0.key) }

        // Holidays the planner declared closed (a closure over the whole local day) surge after
        // them like closed ones.
        let closureRanges = user.filter { $0.kind == .closure }.map { $0.start..<$0.end }
        var declared = Set<Int>()
        if !closureRanges.isEmpty {
            for day in holidayDays where !closed.contains(day) {
                let date = CivilDate(daysSinceEpoch: day)
                let start = input.calendar.startOfDay(date)
                let end = input.calendar.startOfDay(date.adding(days: 1))
                if closureRanges.contains(where: { $0.lowerBound <= start && $0.upperBound >= end }) {
                    declared.insert(day)
                }
            }
        }
        var features: [Int: [String]] = [:]
        for day in closed.union(declared) {
            var next = day + 1
            while next <= day + 7 && (!business(next) || closed.contains(next) || declared.contains(next)) { next += 1 }
            if next <= day + 7 { features[next, default: []].append(Self.afterClosedHoliday) }
        }
        for day in holidayDays where !closed.contains(day) && !declared.contains(day) && unseen[day] == nil {
            features[day, default: []].append(Self.openHoliday)
        }
        for event in input.calendarEvents where event.kind == .eve && business(event.date.daysSinceEpoch) {
            let day = event.date.daysSinceEpoch
            guard !closed.contains(day) else { continue }
            features[day, default: []].append(Self.holidayEve)
        }
        for event in input.calendarEvents where event.kind != .holiday && event.kind != .eve {
            let day = event.date.daysSinceEpoch
            guard !closed.contains(day) else { continue }
            features[day, default: []].append("\(event.kind.rawValue): \(event.name)")
        }
        var windows: [Int: [String: Double]] = [:]
        func put(_ day: Int, _ name: String, _ value: Double) {
            guard !closed.contains(day) else { return }
            windows[day, default: [:]][name] = max(windows[day]?[name] ?? 0, value)
        }
        for event in input.calendarEvents {
            let day = event.date.daysSinceEpoch
            if event.leadDays > 0 {
                let lead = event.leadDays
                for k in 1...lead {
                    put(day - k, "\(event.kind.rawValue) lead: \(event.name)", Double(lead + 1 - k) / Double(lead))
                }
            }
            if event.kind != .holiday && event.lagDays > 0 {
                for j in 1...event.lagDays {
                    put(
                        day + j,
                        event.lagDays <= Self.maxLagDummies
                            ? "\(event.kind.rawValue) +\(j): \(event.name)"
                            : "\(event.kind.rawValue) window: \(event.name)", 1)
                }
            }
        }
        // Christmas and New Year by calendar date: each open business day of the season its own
        // feature, in place of the lead ramp, the eves, the retail days and the day after a
        // closed holiday that would otherwise share those days.
        var shapeKeys: [Int: [String]] = [:]
        for (day, name) in Self.christmasSeason(input.calendarEvents)
        where business(day) && !closed.contains(day) && !declared.contains(day) {
            shapeKeys[day] = Array(Set(features[day] ?? [])).sorted()
            windows[day] = nil
            features[day] = [name]
        }
        seasonShapeKeys = shapeKeys
        windowFeatures = windows.mapValues { $0.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) } }
        closedDays = closed
        dayFeatures = features.mapValues { Array(Set($0)).sorted() }
        spans = user.filter { $0.kind == .promotion || $0.kind == .peak }
            .map { ($0.start..<$0.end, $0.kind.rawValue, $0.uplift) }
        closures = user.filter { $0.kind == .closure }.map { $0.start..<$0.end }
    }

    /// First day of the Christmas season (10 December: the generator's and most shops' ramp to
    /// Christmas starts in the second week of December); it runs through New Year's Day.
    static let christmasSeasonStart = 10

    /// The days from 10 December to 1 January of every year whose calendar holds Christmas (a
    /// `Christmas Day` or `Christmas Eve` event), each with the feature of its date,
    /// `retail date: 12-23`. A retail feature, so it takes the retail shrinkage: a date is seen
    /// once a year.
    ///
    /// Around Christmas a web shop's days follow the date, not the weekday or a smooth season:
    /// the last ordering days, the eve, the closed holidays, the returns and New Year's Eve. The
    /// year's shape smooths a fortnight either side and the lead ramp is one slope; on the
    /// capacity suite the weeks from mid-December erred by ±5–9 % in turn.
    static func christmasSeason(_ events: [CalendarEvent]) -> [Int: String] {
        let years = Set(
            events.filter { baseName($0.name) == "Christmas Day" || baseName($0.name) == "Christmas Eve" }
                .map(\.date.year))
        var season: [Int: String] = [:]
        for year in years {
            guard let start = CivilDate(year: year, month: 12, day: christmasSeasonStart),
                let end = CivilDate(year: year + 1, month: 1, day: 1)
            else { continue }
            var date = start
            while date <= end {
                // MM-DD of the date's ISO text.
                season[date.daysSinceEpoch] = "\(EventKind.retail.rawValue) date: \(date.description.suffix(5))"
                date = date.adding(days: 1)
            }
        }
        return season
    }

    /// The name a holiday's evidence is kept under: without a trailing "(observed)",
    /// "(substitute day)" or "(second day)", so an observed day counts as its holiday.
    static func baseName(_ name: String) -> String {
        guard name.hasSuffix(")"), let open = name.range(of: " (", options: .backwards) else { return name }
        return String(name[..<open.lowerBound])
    }

    func isClosed(instant: Int64, day: Int) -> Bool {
        closedDays.contains(day) || closures.contains { $0.contains(instant) }
    }

    /// Feature names active at `instant` (on local `day`), sorted, without duplicates.
    func features(instant: Int64, day: Int) -> [String] {
        var names = dayFeatures[day] ?? []
        for span in spans where span.range.contains(instant) && !names.contains(span.feature) {
            names.append(span.feature)
        }
        return names.count > 1 ? names.sorted() : names
    }

    /// Every feature with its value at `instant` (on local `day`): the day's date features and
    /// the planner's spans (value 1) and the window features (their ramp value); with the
    /// planner's expected uplift of a span feature (the largest of the spans covering `instant`
    /// that give one), nil for the others.
    func loadings(instant: Int64, day: Int) -> [(name: String, value: Double, uplift: Double?)] {
        var result = features(instant: instant, day: day).map {
            name -> (name: String, value: Double, uplift: Double?) in
            var uplift: Double? = nil
            if dayFeatures[day]?.contains(name) != true {
                for span in spans where span.feature == name && span.range.contains(instant) {
                    if let u = span.uplift { uplift = max(uplift ?? u, u) }
                }
            }
            return (name: name, value: 1.0, uplift: uplift)
        }
        if let window = windowFeatures[day] { result += window.map { (name: $0.name, value: $0.value, uplift: nil) } }
        return result
    }

    /// The names of the events in force on the local days `days` (for a plan's manifest):
    /// built-in events by name, the planner's events of this channel by name.
    static func names(_ input: ForecastInput, instants: Range<Int64>, days: ClosedRange<Int>) -> [String] {
        var names = Set<String>()
        // Holidays say how the forecast treats them (closed, open, unseen: normal day).
        var treatment: [String: String] = [:]
        for decision in input.holidayDecisions(from: instants.lowerBound, to: instants.upperBound) {
            let text = decision.description
            treatment["\(decision.date) \(decision.name)"] = String(
                text.dropFirst("\(decision.date) \(decision.name)".count))
        }
        for event in input.calendarEvents where days.contains(event.date.daysSinceEpoch) {
            names.insert(
                "\(event.date) \(event.kind.rawValue) \(event.name)" + (treatment["\(event.date) \(event.name)"] ?? ""))
        }
        for event in input.userEvents where event.channel == nil || event.channel == input.series.channel {
            if event.start < instants.upperBound && event.end > instants.lowerBound {
                names.insert("\(event.firstDay) \(event.kind.rawValue) \(event.name)")
            }
        }
        return names.sorted()
    }

    /// `forecasts` with every instant of a closed day or closure set to 0.
    func zeroingClosed(_ forecasts: [Double], at instants: [Int64], clock: LocalClock, openingHours: OpeningHours)
        -> [Double]
    {
        guard !closedDays.isEmpty || !closures.isEmpty else { return forecasts }
        let readings = clock.slots(instants, openingHours: openingHours)
        return forecasts.indices.map { isClosed(instant: instants[$0], day: readings[$0].day) ? 0 : forecasts[$0] }
    }
}

extension ForecastInput {
    /// The forecast of every model respects closed holidays and closures (a closed slot forecasts 0).
    func zeroingClosed(_ forecasts: [Double], at instants: [Int64]) -> [Double] {
        guard !calendarEvents.isEmpty || !userEvents.isEmpty else { return forecasts }
        return EventDays(self).zeroingClosed(
            forecasts, at: instants, clock: LocalClock(calendar), openingHours: openingHours)
    }

    /// Whether each instant falls on a closed holiday or in a closure (all false without events).
    func closedMask(at instants: [Int64]) -> [Bool] {
        guard !calendarEvents.isEmpty || !userEvents.isEmpty else {
            return Array(repeating: false, count: instants.count)
        }
        let events = EventDays(self)
        let readings = LocalClock(calendar).slots(instants, openingHours: openingHours)
        return instants.indices.map { events.isClosed(instant: instants[$0], day: readings[$0].day) }
    }
}

extension ForecastInput {
    /// The events in force over `[start, end)`, one line each, sorted: built-in events dated on a
    /// local day of the range and the planner's events of this channel that overlap it. A holiday
    /// after the history says how the forecast treats it (``HolidayDecision``):
    /// `2003-09-01 holiday Labor Day: not in the history, forecast as a normal Monday`.
    public func eventNames(from start: Int64, to end: Int64) -> [String] {
        guard end > start else { return [] }
        let days = calendar.local(start).date.daysSinceEpoch...calendar.local(end - 1).date.daysSinceEpoch
        return EventDays.names(self, instants: start..<end, days: days)
    }
}
