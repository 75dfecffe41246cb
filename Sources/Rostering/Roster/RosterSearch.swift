import Foundation
import Scheduling
import StaffcastCore

/// One agent's shift on one day in the search: the option, where its break starts (slot offset,
/// −1 without a break) and the channel of each slot (−1 on the break).
struct PlacedShift: Equatable {
    var option: Int
    var breakOffset: Int
    var channels: [Int]
}

/// A published day in the search (``RosterInput/published``): its shift's option or the day off,
/// kept unless a change pays for itself; or a shift that can no longer be worked, and why.
enum Pin: Equatable {
    case off
    case shift(Int)
    case lost(String)

    var kept: Bool {
        if case .lost = self { return false }
        return true
    }
}

/// The roster search: each agent's week is their cheapest legal pattern (``PatternSearch``) given
/// everybody else's, the cost of a shift being the marginal cover value of each of its slots on
/// the agent's most useful channel, less its least useful break placement, plus requests and the
/// linearised fairness terms; moves free a few agents and give them back, kept when the exact
/// objective (``objective()``) does not rise. No clock: the same input gives the same roster.
struct RosterSearch {
    let input: RosterInput
    let grid: RosterGrid
    let patterns: PatternSearch
    var rules: [PatternRules]
    /// `skills[e]`: (channel index, rank) of each skill the plan needs.
    let skills: [[(channel: Int, rank: Int)]]
    let requestCost: [[[Double]]]
    let requestOff: [[Double]]
    let requestBase: [Double]
    let isWeekend: [Bool]
    let isEvening: [Bool]
    let hours: Double
    var random: Xoshiro256StarStar
    var placed: [[PlacedShift?]]
    /// `working[c][d][k]`: agents on channel c in slot k of day d.
    var working: [[[Int]]]
    var warnings: [String] = []
    /// The working-time rules that look back over days, and each agent's state at the period's
    /// start; nil without rules.
    let workingTime: WorkingTimeAutomaton?
    let workingTimeStart: [WorkingTimeAutomaton.State]
    /// Per agent and day, why each option would break a working-time rule in the published roster
    /// (filled when a shortage is explained).
    var ruleCauses: [Int: [WorkingTimeRule?]] = [:]
    /// `pins[e][d]`: what an earlier publication gave agent e on day d (nil: not published).
    let pins: [[Pin?]]
    /// The published days by agent and date, as given.
    let publishedDays: [String: [CivilDate: PublishedDay]]

    init(input: RosterInput) throws(RosteringError) {
        self.input = input
        let grid = try RosterGrid(requirements: input.requirements, templates: input.templates)
        self.grid = grid
        hours = Double(grid.interval) / 3600
        let restGroups = grid.endTimes.count
        let workingRules = input.workingTimeRules
        // With working-time rules the rest is checked in real hours by their automaton; the
        // clock's rest here may be an hour shorter (a night when the clocks go forward).
        let followRest =
            workingRules.map { max(0, ($0.dailyRestSeconds ?? 0) - 3600) } ?? input.minimumRestSeconds
        let calendar = PatternCalendar(
            days: grid.days,
            options: grid.options.indices.map {
                PatternOption(minutes: grid.options[$0].paidMinutes, group: grid.group(of: $0))
            },
            groupCount: restGroups + 1,
            mayFollow: (0...restGroups).map { g in
                grid.options.map {
                    g == restGroups || 86_400 - grid.endTimes[g] + $0.startSeconds >= followRest
                }
            },
            weekendOfDay: PatternCalendar.weekends(days: grid.days, firstWeekday: grid.dates[0].weekday))
        patterns = PatternSearch(calendar: calendar)
        isWeekend = grid.dates.map { $0.weekday >= 6 }
        let automaton = workingRules.map { WorkingTimeAutomaton(grid: grid, rules: $0) }
        workingTime = automaton
        var startStates: [WorkingTimeAutomaton.State] = []
        isEvening = grid.options.map { $0.endSeconds > input.weights.eveningEndsAfterSeconds }

        var ids = Set<String>()
        var allRules: [PatternRules] = []
        var allSkills: [[(channel: Int, rank: Int)]] = []
        var cost: [[[Double]]] = []
        var off: [[Double]] = []
        var base: [Double] = []
        var allPins: [[Pin?]] = []
        var published: [String: [CivilDate: PublishedDay]] = [:]
        for day in input.published { published[day.agent, default: [:]][day.date] = day }
        publishedDays = published
        let scale = Double(grid.days) / 7
        let known = Set(input.knownChannels ?? grid.channels).union(grid.channels)
        for agent in input.team {
            guard ids.insert(agent.id).inserted else { throw .invalidRequest("agent '\(agent.id)' is listed twice") }
            // A skill the plan does not have is a typo (`calls|cals`), never dropped in silence.
            if let unknown = agent.skills.first(where: { !known.contains($0.channel) }) {
                let message =
                    "agent '\(agent.id)': unknown channel '\(unknown.channel)' in the skills; the plan's channels are \(known.sorted().joined(separator: ", "))"
                guard let location = agent.skillsLocation else { throw .invalidRequest(message) }
                throw .badData(location, message)
            }
            let mine = agent.skills.compactMap { skill in
                grid.channels.firstIndex(of: skill.channel).map { (channel: $0, rank: skill.rank) }
            }
            guard !mine.isEmpty else {
                throw .invalidRequest(
                    "agent '\(agent.id)' has no skill the plan needs (skills \(agent.skills.map(\.channel).joined(separator: ", ")); channels \(grid.channels.joined(separator: ", ")))"
                )
            }
            allSkills.append(mine)
            // Requests for other weeks are kept in the same file; only this period's count.
            let requests = input.requests.filter { $0.agent == agent.id && grid.dates.contains($0.date) }
            let previous = input.previousShifts.first { $0.agent == agent.id }
            let unavailable = grid.dates.map { date in
                requests.contains { $0.kind == .unavailable && $0.date == date }
            }
            var allowed = (0..<grid.days).map { d in
                grid.options.indices.map { o in
                    guard let k = grid.startSlot[d][o] else { return false }
                    if !agent.mayWork(grid.options[o]) { return false }
                    if d == 0, let previous, grid.instant(0, k) - previous.end < Int64(followRest) {
                        return false
                    }
                    if let workingRules, !Self.keeps(workingRules, grid: grid, day: d, option: o) { return false }
                    return !unavailable[d]
                }
            }
            allPins.append(
                (0..<grid.days).map { d in
                    published[agent.id]?[grid.dates[d]].map { day in
                        Self.pin(day, day: d, grid: grid, allowed: allowed[d], unavailable: unavailable[d])
                    }
                })
            if !allowed.contains(where: { $0.contains(true) }) {
                throw .invalidRequest(
                    "agent '\(agent.id)' cannot legally work any shift template in the period (start and end limits \(ClockText.format(agent.earliestStartSeconds))–\(ClockText.format(min(agent.latestEndSeconds, 86_399))), availability)"
                )
            }
            var carry = PatternCarryIn.unknown
            if let previous {
                // Whole days from the shift's date to the period's first (1: it was the day before).
                let daysBefore =
                    previous.date.map { grid.dates[0].daysSinceEpoch - $0.daysSinceEpoch }
                    ?? Int((grid.dayStart[0] - previous.end + 86_399) / 86_400)
                carry =
                    daysBefore <= 1
                    ? PatternCarryIn(lastGroup: restGroups, runLength: previous.daysInARow, exempt: false)
                    : PatternCarryIn(lastGroup: nil, runLength: daysBefore - 1, exempt: false)
            }
            // Limits beyond what the period can hold mean no limit: clamped to it, so that no sum
            // in the search can overflow (a team file may write 9223372036854775807).
            let periodCap = grid.days + 1
            // Shifts and weekends are per week, like the hours: a four-week period allows four times.
            let periodWeeks = (grid.days + 6) / 7
            let hoursCap = 7 * 24.0
            var rules = PatternRules(
                allowed: allowed, maxCount: grid.options.map { _ in nil },
                minMinutes: Int((min(agent.minHoursPerWeek, hoursCap) * 60 * scale).rounded(.down)),
                maxMinutes: Int((min(agent.maxHoursPerWeek, hoursCap) * 60 * scale).rounded(.down)),
                maxConsecutiveWork: min(agent.maxDaysInARow, periodCap), minConsecutiveWork: 1,
                minConsecutiveOff: min(agent.minDaysOffInARow, periodCap),
                maxWeekends: min(min(agent.maxWeekends, periodCap) * periodWeeks, periodCap),
                maxShifts: agent.maxShifts.map { min(min($0, periodCap) * periodWeeks, periodCap) },
                carryIn: carry, lastRunExempt: true)
            if let mine = allPins.last, mine.contains(where: { $0?.kept ?? false }) {
                Self.keepPublishedHours(&rules, pins: mine, grid: grid)
            }
            if let workingRules, let automaton {
                rules.maxMinutes = min(
                    rules.maxMinutes, Self.averageCapMinutes(workingRules, grid: grid, allowed: allowed))
                let countsWeek = Self.mayExceedWeek(automaton, grid: grid, rules: rules)
                let state = automaton.startState(previous: previous, countsWeek: countsWeek)
                automaton.start = automaton.intern(state)
                startStates.append(state)
            }
            // A longer period is checked only when its week-by-week construction finds nothing.
            if grid.days <= 7 {
                if let warning = try Self.legalPeriod(
                    &rules, agent: agent, patterns: patterns, automaton: automaton, grid: grid)
                {
                    warnings.append(warning)
                }
            }
            allRules.append(rules)
            // Requests as costs: per option, per day off, and a constant.
            var c = Self.zeros(grid)
            var o = [Double](repeating: 0, count: grid.days)
            for r in requests {
                guard let d = grid.dates.firstIndex(of: r.date) else { continue }
                switch r.kind {
                case .unavailable: break
                case .wantDay: o[d] += r.weight
                case .avoidDay: for j in c[d].indices { c[d][j] += r.weight }
                case .wantShift:
                    o[d] += r.weight
                    if let w = r.window {
                        for (j, opt) in grid.options.enumerated()
                        where !(opt.startSeconds >= w.lowerBound && opt.endSeconds <= w.upperBound) {
                            c[d][j] += r.weight
                        }
                    }
                case .avoidShift:
                    if let w = r.window {
                        for (j, opt) in grid.options.enumerated()
                        where opt.startSeconds < w.upperBound && opt.endSeconds > w.lowerBound { c[d][j] += r.weight }
                    }
                }
            }
            cost.append(c)
            off.append(o)
            base.append(0)
        }
        rules = allRules
        pins = allPins
        workingTimeStart = startStates
        skills = allSkills
        requestCost = cost
        requestOff = off
        requestBase = base
        random = Xoshiro256StarStar(seed: input.seed)
        placed = Array(repeating: Array(repeating: nil, count: grid.days), count: input.team.count)
        working = grid.required.map { $0.map { [Int](repeating: 0, count: $0.count) } }
    }

    /// Checks that `rules` admit a legal period at all (a search with every cost zero); when only
    /// the contract minimum stands in the way, drops it and returns the warning that says so.
    static func legalPeriod(
        _ rules: inout PatternRules, agent: Agent, patterns: PatternSearch, automaton: WorkingTimeAutomaton?,
        grid: RosterGrid
    ) throws(RosteringError) -> String? {
        let zeroCost = Self.zeros(grid)
        let zeroOff = [Double](repeating: 0, count: grid.days)
        if Self.cheapest(patterns, automaton, rules: rules, cost: zeroCost, offCost: zeroOff) != nil { return nil }
        rules.minMinutes = 0
        if Self.cheapest(patterns, automaton, rules: rules, cost: zeroCost, offCost: zeroOff) == nil {
            throw .noLegalPattern(
                person: agent.id,
                automaton != nil
                    ? "days in a row, days off, weekends and the working-time rules admit no period"
                    : "days in a row, days off, weekends and the rest rule admit no week")
        }
        return
            "\(agent.id): the contract minimum of \(NumberFormatShort.text(agent.minHoursPerWeek)) h cannot be reached with the availability and rules; rostered below it"
    }

    /// What a published day means on `day` of the grid: its shift's option when one with the same
    /// start and end may be worked (`allowed`), a day off, or a shift lost and why.
    static func pin(_ published: PublishedDay, day d: Int, grid: RosterGrid, allowed: [Bool], unavailable: Bool) -> Pin
    {
        guard let times = published.shift else { return .off }
        let same = grid.options.indices.filter { o in
            guard let k0 = grid.startSlot[d][o] else { return false }
            return grid.instant(d, k0) == times.start && grid.instant(d, k0 + grid.slotCount[d][o]) == times.end
        }
        if let o = same.first(where: { allowed[$0] }) { return .shift(o) }
        if unavailable { return .lost("unavailable") }
        return .lost(
            same.isEmpty
                ? "the published shift is no longer a shift template"
                : "the published shift is outside the agent's limits or the rules now")
    }

    /// Contract hours and shifts that never force a kept published day to change: the period
    /// slides on (its first weeks were the end of the period published before), so the days
    /// still open need only their pro-rata share of the contract minimum, and what the published
    /// days already hold above the period's maximum stands (the working-time rules' own limits
    /// are applied after this and still hold).
    static func keepPublishedHours(_ rules: inout PatternRules, pins: [Pin?], grid: RosterGrid) {
        let minutes = keptMinutes(pins, grid: grid)
        let shifts = pins.filter { if case .shift? = $0 { true } else { false } }.count
        let open = pins.filter { !($0?.kept ?? false) }.count
        let share = Double(open) / Double(grid.days)
        let openMin = min(max(0, rules.minMinutes - minutes), Int((Double(rules.minMinutes) * share).rounded(.down)))
        rules.minMinutes = minutes + openMin
        rules.maxMinutes = max(rules.maxMinutes, minutes + openMin)
        rules.maxShifts = rules.maxShifts.map { max($0, shifts) }
    }

    /// The paid minutes of the published shifts that can still be worked.
    static func keptMinutes(_ pins: [Pin?], grid: RosterGrid) -> Int {
        pins.reduce(0) { total, pin in
            guard case .shift(let o)? = pin else { return total }
            return total + grid.options[o].paidMinutes
        }
    }

    static func zeros(_ grid: RosterGrid) -> [[Double]] {
        Array(repeating: Array(repeating: 0, count: grid.options.count), count: grid.days)
    }

    // MARK: Placing and removing

    mutating func remove(_ e: Int) {
        for d in 0..<grid.days {
            guard let shift = placed[e][d], let k0 = grid.startSlot[d][shift.option] else { continue }
            for (i, c) in shift.channels.enumerated() where c >= 0 {
                if let at = grid.locate(d, k0 + i) { working[c][at.day][at.slot] -= 1 }
            }
            placed[e][d] = nil
        }
    }

    mutating func place(_ e: Int, _ week: [PlacedShift?]) {
        for d in 0..<grid.days {
            guard let shift = week[d], let k0 = grid.startSlot[d][shift.option] else { continue }
            for (i, c) in shift.channels.enumerated() where c >= 0 {
                if let at = grid.locate(d, k0 + i) { working[c][at.day][at.slot] += 1 }
            }
            placed[e][d] = shift
        }
    }

    /// Value of one more agent on channel c in slot k counted from day d's start (negative where it
    /// is short; over-cover past the period).
    func marginal(_ c: Int, _ d: Int, _ k: Int) -> Double {
        guard let at = grid.locate(d, k) else { return input.weights.overCover * hours }
        let channel = grid.channels[c]
        return working[c][at.day][at.slot] < grid.required[c][at.day][at.slot]
            ? -input.weights.underCover(channel) * hours : input.weights.overCover * hours
    }

    /// Per slot from day d's start, as far as a shift started that day reaches: the agent's best
    /// channel value (rank included) and that channel.
    func slotValues(_ e: Int, _ d: Int) -> [(value: Double, channel: Int)] {
        let count = grid.wallClock[d].count + grid.longestSlots
        return (0..<count).map { k in
            var best = (value: Double.infinity, channel: -1)
            for skill in skills[e] {
                let v = marginal(skill.channel, d, k) + Double(skill.rank) * input.weights.preferenceStep * hours
                if v < best.value { best = (v, skill.channel) }
            }
            return best
        }
    }

    /// The channels of a shift's slots: least total of slot values plus a penalty per switch
    /// (a shortest path over the agent's skills, slot by slot), the break left out.
    func channels(_ e: Int, _ d: Int, start k0: Int, slots: Int, breakAt: Int, breakSlots: Int) -> [Int] {
        let skillList = skills[e]
        let n = skillList.count
        var cost = [Double](repeating: 0, count: n)
        var back: [[Int]] = []
        var previousWorked = false
        for i in 0..<slots {
            if breakAt >= 0 && i >= breakAt && i < breakAt + breakSlots {
                back.append([])
                continue
            }
            let values = skillList.map {
                marginal($0.channel, d, k0 + i) + Double($0.rank) * input.weights.preferenceStep * hours
            }
            var next = [Double](repeating: 0, count: n)
            var from = [Int](repeating: 0, count: n)
            for j in 0..<n {
                var best = Double.infinity
                var arg = 0
                for p in 0..<n {
                    let v = cost[p] + (previousWorked && p != j ? input.weights.channelSwitch : 0)
                    if v < best {
                        best = v
                        arg = p
                    }
                }
                next[j] = best + values[j]
                from[j] = arg
            }
            cost = next
            back.append(from)
            previousWorked = true
        }
        var j = cost.indices.min { cost[$0] < cost[$1] } ?? 0
        var result = [Int](repeating: -1, count: slots)
        for i in stride(from: slots - 1, through: 0, by: -1) {
            if back[i].isEmpty { continue }
            result[i] = skillList[j].channel
            j = back[i][j]
        }
        return result
    }

    /// The DP's cost of each option on each day for agent e (e must not be placed), and the
    /// break offset that goes with it.
    func optionCosts(_ e: Int, current: [PlacedShift?], noise: Double) -> (
        cost: [[Double]], breaks: [[Int]], random: Xoshiro256StarStar
    ) {
        var rng = random
        var cost = requestCost[e]
        var breaks = Self.zeros(grid).map { $0.map { _ in -1 } }
        let weekendsNow = (0..<grid.days).filter { isWeekend[$0] && current[$0] != nil }.count
        let eveningsNow = (0..<grid.days).filter { current[$0].map { isEvening[$0.option] } ?? false }.count
        for d in 0..<grid.days {
            let values = slotValues(e, d).map(\.value)
            var prefix = [0.0]
            for v in values { prefix.append((prefix.last ?? 0) + v) }
            for o in grid.options.indices where rules[e].allowed[d][o] {
                guard let k0 = grid.startSlot[d][o] else { continue }
                let option = grid.options[o]
                var total = prefix[k0 + grid.slotCount[d][o]] - prefix[k0]
                if option.breakSlots > 0 {
                    var best = -Double.infinity
                    var at = option.breakFirstOffset
                    for b in option.breakFirstOffset...max(option.breakFirstOffset, option.breakLastOffset) {
                        let v = prefix[k0 + b + option.breakSlots] - prefix[k0 + b]
                        if v > best {
                            best = v
                            at = b
                        }
                    }
                    total -= best
                    breaks[d][o] = at
                }
                if isWeekend[d] { total += input.weights.weekendFairness * Double(2 * weekendsNow + 1) / 2 }
                if isEvening[o] { total += input.weights.eveningFairness * Double(2 * eveningsNow + 1) / 2 }
                if noise > 0 { total += noise * (rng.uniform() - 0.5) }
                cost[d][o] += total + changeCost(e, d, option: o)
            }
        }
        return (cost, breaks, rng)
    }

    /// The cost of working `option` (nil: the day off) on day d against e's published day: a
    /// change of a day kept from the publication costs ``RosterWeights/publishedChange``.
    func changeCost(_ e: Int, _ d: Int, option: Int?) -> Double {
        switch pins[e][d] {
        case .off?: return option == nil ? 0 : input.weights.publishedChange
        case .shift(let kept)?: return option == kept ? 0 : input.weights.publishedChange
        case .lost?, nil: return 0
        }
    }

    /// e's best period given everybody else (e must not be placed), or nil. With a `window`, only
    /// its days change: the other days keep what `current` has (see ``pinned(_:offCost:to:where:)``);
    /// with `keepPublished` the published days that can still be worked keep it too.
    mutating func bestWeek(
        _ e: Int, current: [PlacedShift?], noise: Double, window: Range<Int>? = nil, keepPublished: Bool = false
    ) -> [PlacedShift?]? {
        let (cost, breaks, rng) = optionCosts(e, current: current, noise: noise)
        random = rng
        if let workingTime { workingTime.start = workingTime.intern(workingTimeStart[e]) }
        var periodRules = rules[e]
        var offCost = requestOff[e]
        for d in offCost.indices { offCost[d] += changeCost(e, d, option: nil) }
        let pins = pins[e]
        func fixed(_ d: Int) -> Bool {
            !(window?.contains(d) ?? true) || (keepPublished && (pins[d]?.kept ?? false))
        }
        if window != nil || keepPublished { pinned(&periodRules, offCost: &offCost, to: current, where: fixed) }
        guard let found = Self.cheapest(patterns, workingTime, rules: periodRules, cost: cost, offCost: offCost)
        else { return nil }
        var week: [PlacedShift?] = Array(repeating: nil, count: grid.days)
        for d in 0..<grid.days {
            if fixed(d) {
                week[d] = current[d]
                continue
            }
            guard let o = found.pattern[d], let k0 = grid.startSlot[d][o] else { continue }
            let option = grid.options[o]
            week[d] = PlacedShift(
                option: o, breakOffset: breaks[d][o],
                channels: channels(
                    e, d, start: k0, slots: grid.slotCount[d][o], breakAt: breaks[d][o],
                    breakSlots: option.breakSlots))
        }
        return week
    }

    /// Rules that leave every `fixed` day (those outside a window) as `current` has it: a shift there is the only
    /// option of its day and the day off is closed (an infinite cost), a day off allows no option.
    /// The search then explores only the window's days (one state a day before it, one way on
    /// after it), so a week of a long period costs about what a one-week period does, and every
    /// rule over the whole period (hours, runs, weekends, working-time rules) is still kept.
    func pinned(
        _ rules: inout PatternRules, offCost: inout [Double], to current: [PlacedShift?], where fixed: (Int) -> Bool
    ) {
        for d in 0..<grid.days where fixed(d) {
            let option = current[d]?.option
            for o in rules.allowed[d].indices { rules.allowed[d][o] = o == option }
            if option != nil { offCost[d] = .infinity }
        }
    }

    /// The period's weeks as day ranges (the last one shorter when the days are not whole weeks).
    var weekWindows: [Range<Int>] { sevenDays(from: 0) }

    /// The windows the improving moves search: the weeks, and seven days from each week's
    /// Thursday, so that a change that must cross a week's end (a night series over Sunday
    /// night, a run of days) is inside one window.
    var searchWindows: [Range<Int>] { sevenDays(from: 0) + sevenDays(from: 3) }

    /// Seven days at a time from day `first`, the last range cut at the period's end.
    func sevenDays(from first: Int) -> [Range<Int>] {
        stride(from: first, to: grid.days, by: 7).map { $0..<min(grid.days, $0 + 7) }
    }
}
