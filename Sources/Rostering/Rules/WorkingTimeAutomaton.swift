/// The working-time rules that look back over more than one day, as an automaton over the days of
/// the roster's period (``PatternAutomaton``): rest between shifts in real hours (daily, after a
/// late night, after a series of nights), shifts in a row with a night, the weekly rest, the
/// free Sundays and, where an agent could exceed it, the hours of each week.
///
/// One automaton serves the whole team: a state holds nothing of the agent but what the days
/// gave it, so agents share its states and its table of transitions; ``start`` is set to the
/// agent's own (their last shifts before the period) before each search.
final class WorkingTimeAutomaton: PatternAutomaton {
    static let isTrivial = false

    /// What the automaton remembers after a day.
    struct State: Hashable {
        /// End of the last shift (UTC seconds), `Int64.min` when none is known or it no longer matters.
        var lastEnd = Int64.min
        /// The day the last shift started on (period day index; negative before the period).
        var lastDay = Int32.min
        var lastNight = false
        /// The last shift was a night shift ending after 02:00.
        var lastLate = false
        /// Night shifts in the series that ended with the last shift (at most the series length).
        var nights: Int8 = 0
        /// Shifts in a row up to the last day, and whether one of them is a night shift.
        var run: Int8 = 0
        var runNight = false
        /// The week's uninterrupted rest has been had.
        var weekRestDone = false
        var sundaysWorked: Int8 = 0
        /// Working seconds in this week so far, counted only for agents who could exceed the cap.
        var countsWeek = false
        var weekSeconds: Int32 = 0
    }

    /// The day's result: the next state, or the rule the day would break.
    enum Step {
        case next(State)
        case broken(WorkingTimeRule)
    }

    let rules: WorkingTimeRules
    let days: Int
    let dayStart: [Int64]
    let periodEnd: Int64
    let isSunday: [Bool]
    /// `shiftStart[d][o]`, `shiftEnd[d][o]`, `work[d][o]`: the option's real start, end and
    /// working seconds (its break left out) when started on day d; 0 where it cannot start.
    let shiftStart: [[Int64]]
    let shiftEnd: [[Int64]]
    let work: [[Int32]]
    let night: [Bool]
    let late: [Bool]
    /// Most working seconds in a week (`max_week_hours`, or the average's cap for a period longer
    /// than the average's span).
    let weekCap: Int?
    let sundaysWorkedCap: Int
    /// Whether Sundays are counted at all (a cap the period cannot reach is not).
    let countsSundays: Bool

    var start: Int32 = 0
    private var states: [State] = []
    private var ids: [State: Int32] = [:]
    /// Per day, the row of the transition table of each state id (nil: none yet); a row is
    /// allocated once and never moves, so the search may keep its address.
    private var rows: [[UnsafeMutablePointer<Int32>?]]
    private let width: Int

    init(grid: RosterGrid, rules: WorkingTimeRules) {
        self.rules = rules
        days = grid.days
        dayStart = grid.dayStart
        periodEnd = grid.instant(grid.days - 1, grid.wallClock[grid.days - 1].count)
        isSunday = grid.dates.map { $0.weekday == 7 }
        var starts: [[Int64]] = []
        var ends: [[Int64]] = []
        var works: [[Int32]] = []
        for d in 0..<grid.days {
            var s = [Int64](repeating: 0, count: grid.options.count)
            var e = s
            var w = [Int32](repeating: 0, count: grid.options.count)
            for (o, option) in grid.options.enumerated() {
                guard let k0 = grid.startSlot[d][o] else { continue }
                let slots = grid.slotCount[d][o]
                s[o] = grid.instant(d, k0)
                e[o] = grid.instant(d, k0 + slots)
                w[o] = Int32((slots - option.breakSlots) * grid.interval)
            }
            starts.append(s)
            ends.append(e)
            works.append(w)
        }
        shiftStart = starts
        shiftEnd = ends
        work = works
        night = grid.options.map { rules.isNight(start: $0.startSeconds, end: $0.endSeconds) }
        late = grid.options.map { option in
            let endClock = option.endSeconds > 86_400 ? option.endSeconds - 86_400 : option.endSeconds
            return rules.isNight(start: option.startSeconds, end: option.endSeconds)
                && endClock > rules.lateNightEndSeconds
        }
        let weeks = grid.days / 7
        if let average = rules.maxAverageWeekSeconds, grid.days > rules.averageWeeks * 7 {
            weekCap = min(rules.maxWeekSeconds ?? average, average)
        } else {
            weekCap = rules.maxWeekSeconds
        }
        let sundays = isSunday.filter { $0 }.count
        sundaysWorkedCap = max(0, sundays - rules.freeSundays(weeks: max(1, weeks)))
        countsSundays = sundaysWorkedCap < sundays
        width = grid.options.count + 1
        rows = Array(repeating: [], count: grid.days)
        start = intern(State())
    }

    /// The state an agent starts the period in: their shifts just before it.
    func startState(previous: PreviousShift?, countsWeek: Bool) -> State {
        var state = State()
        state.countsWeek = countsWeek
        guard let previous, previous.end > Int64.min else { return state }
        state.lastEnd = previous.end
        // The day it started on, counted back from the period's first day.
        let before = (dayStart[0] - previous.start + 86_399) / 86_400
        state.lastDay = Int32(-max(1, before))
        state.lastNight = previous.night
        state.lastLate = previous.night && previous.endsLate
        state.nights = Int8(min(previous.nightsInARow, rules.nightSeriesLength))
        if state.lastDay == -1 {
            state.run = Int8(min(previous.daysInARow, (rules.maxShiftsInARowWithNight ?? 64) + 1, 100))
            state.runNight = previous.runHasNight
        }
        return state
    }

    func intern(_ state: State) -> Int32 {
        if let id = ids[state] { return id }
        let id = Int32(states.count)
        states.append(state)
        ids[state] = id
        return id
    }

    deinit {
        for day in rows { for row in day { row?.deallocate() } }
    }

    func row(_ state: Int32, day d: Int) -> UnsafeMutablePointer<Int32> {
        let id = Int(state)
        if rows[d].count <= id { rows[d].append(contentsOf: repeatElement(nil, count: id + 1 - rows[d].count)) }
        if let row = rows[d][id] { return row }
        let row = UnsafeMutablePointer<Int32>.allocate(capacity: width)
        row.initialize(repeating: -2, count: width)
        rows[d][id] = row
        return row
    }

    func next(_ state: Int32, day d: Int, option: Int) -> Int32 {
        let row = row(state, day: d)
        let known = row[option + 1]
        if known != -2 { return known }
        let result: Int32
        switch step(states[Int(state)], day: d, option: option) {
        case .next(let after): result = intern(after)
        case .broken: result = -1
        }
        row[option + 1] = result
        return result
    }

    func accepts(_ state: Int32) -> Bool { finish(states[Int(state)]) == nil }

    /// The rule the period's end breaks for a state (the last week without its rest), or nil.
    func finish(_ state: State) -> WorkingTimeRule? {
        guard let weekly = rules.weeklyRestSeconds, !state.weekRestDone, days % 7 == 0 else { return nil }
        let weekStart = dayStart[days - 7]
        guard state.lastEnd <= periodEnd, periodEnd - max(state.lastEnd, weekStart) >= Int64(weekly) else {
            return .weeklyRestHours
        }
        return nil
    }

    /// Day d worked with `option` (−1: off) from `state`.
    func step(_ state: State, day d: Int, option o: Int) -> Step {
        var s = state
        let weekStart = dayStart[d - d % 7]
        if rules.weeklyRestSeconds != nil, d > 0 && d % 7 == 0 {
            // Yesterday's step counted the rest up to today's start for its week.
            if !s.weekRestDone { return .broken(.weeklyRestHours) }
            s.weekRestDone = false
        }
        if d % 7 == 0 { s.weekSeconds = 0 }
        if o < 0 {
            s.run = 0
            s.runNight = false
            return .next(endOfDay(s, day: d))
        }
        let start = shiftStart[d][o]
        let end = shiftEnd[d][o]
        let isNight = night[o]
        let consecutive = s.lastDay == Int32(d - 1)
        if s.lastEnd > Int64.min {
            let rest = start - s.lastEnd
            let continuesSeries = isNight && s.lastNight && consecutive
            if let series = rules.restAfterNightSeriesSeconds, Int(s.nights) >= rules.nightSeriesLength,
                !continuesSeries, rest < Int64(series)
            {
                return .broken(.restAfterNightSeriesHours)
            }
            if let afterNight = rules.restAfterNightSeconds, s.lastLate, rest < Int64(afterNight) {
                return .broken(.restAfterNightHours)
            }
            if let daily = rules.dailyRestSeconds, rest < Int64(daily) { return .broken(.dailyRestHours) }
        }
        s.nights = isNight ? (s.lastNight && consecutive ? min(s.nights + 1, Int8(rules.nightSeriesLength)) : 1) : 0
        let runCap = Int8(min(100, (rules.maxShiftsInARowWithNight ?? 99) + 1))
        s.run = consecutive ? min(s.run + 1, runCap) : 1
        s.runNight = (consecutive && s.runNight) || isNight
        if let most = rules.maxShiftsInARowWithNight, s.runNight, Int(s.run) > most {
            return .broken(.maxShiftsInARowWithNight)
        }
        if let weekly = rules.weeklyRestSeconds, !s.weekRestDone,
            start - max(s.lastEnd, weekStart) >= Int64(weekly)
        {
            s.weekRestDone = true
        }
        if countsSundays {
            if isSunday[d] && s.lastEnd <= dayStart[d] { s.sundaysWorked += 1 }
            if d + 1 < days && isSunday[d + 1] && end > dayStart[d + 1] { s.sundaysWorked += 1 }
            if Int(s.sundaysWorked) > sundaysWorkedCap { return .broken(.minFreeSundays) }
        }
        if s.countsWeek, let cap = weekCap {
            s.weekSeconds += work[d][o]
            if Int(s.weekSeconds) > cap {
                return .broken(rules.maxWeekSeconds.map { $0 <= cap } ?? false ? .maxWeekHours : .maxAverageWeekHours)
            }
        }
        s.lastEnd = end
        s.lastDay = Int32(d)
        s.lastNight = isNight
        s.lastLate = late[o]
        return .next(endOfDay(s, day: d))
    }

    /// The state at the end of day d: the rest up to the next day's start counted for the week,
    /// and the last shift forgotten once no rule can look at it again (every rest it could ask
    /// of the next shift is had by the next day's start, and the week's rest is known), so that
    /// states differing only in it merge.
    private func endOfDay(_ state: State, day d: Int) -> State {
        var s = state
        let nextStart = d + 1 < days ? dayStart[d + 1] : periodEnd
        if let weekly = rules.weeklyRestSeconds, !s.weekRestDone, s.lastEnd <= nextStart,
            nextStart - max(s.lastEnd, dayStart[d - d % 7]) >= Int64(weekly)
        {
            s.weekRestDone = true
        }
        guard s.lastEnd > Int64.min, rules.weeklyRestSeconds == nil || s.weekRestDone, s.lastDay < Int32(d) else {
            return s
        }
        var needed = rules.dailyRestSeconds ?? 0
        if s.lastLate { needed = max(needed, rules.restAfterNightSeconds ?? 0) }
        if Int(s.nights) >= rules.nightSeriesLength { needed = max(needed, rules.restAfterNightSeriesSeconds ?? 0) }
        guard nextStart - s.lastEnd >= Int64(needed) else { return s }
        s.lastEnd = Int64.min
        s.lastDay = Int32.min
        s.lastNight = false
        s.lastLate = false
        s.nights = 0
        return s
    }

    /// The first rule a pattern breaks, or nil (for the shortage causes).
    func broken(by pattern: WorkPattern, from first: State) -> WorkingTimeRule? {
        var state = first
        for d in 0..<days {
            switch step(state, day: d, option: pattern[d] ?? -1) {
            case .next(let after): state = after
            case .broken(let rule): return rule
            }
        }
        return finish(state)
    }
}
