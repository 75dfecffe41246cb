/// How the roster search keeps the working-time rules: the rules of one shift (its length, a night
/// shift's length) leave options out of an agent's days; the 55-hour average lowers the period's
/// most hours; everything that looks back over days is the automaton's (``WorkingTimeAutomaton``).
extension RosterSearch {
    /// The cheapest legal pattern, with the working-time automaton when there is one.
    static func cheapest(
        _ patterns: PatternSearch, _ automaton: WorkingTimeAutomaton?, rules: PatternRules, cost: [[Double]],
        offCost: [Double]
    ) -> (pattern: WorkPattern, cost: Double)? {
        guard let automaton else { return patterns.cheapest(rules: rules, cost: cost, offCost: offCost) }
        return patterns.cheapest(rules: rules, cost: cost, offCost: offCost, automaton: automaton)
    }

    /// Whether option o started on day d keeps the rules of one shift (real working hours).
    static func keeps(_ rules: WorkingTimeRules, grid: RosterGrid, day d: Int, option o: Int) -> Bool {
        let option = grid.options[o]
        let work = (grid.slotCount[d][o] - option.breakSlots) * grid.interval
        if let most = rules.maxShiftSeconds, work > most { return false }
        if let most = rules.maxNightShiftSeconds, rules.isNight(start: option.startSeconds, end: option.endSeconds),
            work > most
        {
            return false
        }
        return true
    }

    /// The period's most paid minutes under the average weekly hours, when the period is no longer
    /// than the average's span (a longer one caps every week instead, in the automaton). Paid
    /// minutes are at least the working minutes (breaks are not work, paid or not); a night over
    /// the autumn clock change works an hour more than it is counted here, so that hour is held back.
    static func averageCapMinutes(_ rules: WorkingTimeRules, grid: RosterGrid, allowed: [[Bool]]) -> Int {
        guard let average = rules.maxAverageWeekSeconds, grid.days <= rules.averageWeeks * 7 else { return .max }
        var extra = 0
        for d in 0..<grid.days {
            let longer =
                grid.options.indices.filter { allowed[d][$0] }
                .map { grid.slotCount[d][$0] - grid.options[$0].slots }.max() ?? 0
            extra += max(0, longer) * grid.interval
        }
        return max(0, (average * grid.days / 7 - extra) / 60)
    }

    /// Whether an agent could work more than the automaton's weekly cap in some week: the most
    /// days their runs allow in seven, each at their longest working day, against the cap.
    static func mayExceedWeek(_ automaton: WorkingTimeAutomaton, grid: RosterGrid, rules: PatternRules) -> Bool {
        guard let cap = automaton.weekCap else { return false }
        let days = mostDaysInSeven(maxRun: rules.maxConsecutiveWork, minOff: rules.minConsecutiveOff)
        for weekStart in stride(from: 0, to: grid.days, by: 7) {
            let longest = (weekStart..<min(grid.days, weekStart + 7)).map { d in
                grid.options.indices.filter { rules.allowed[d][$0] }.map { Int(automaton.work[d][$0]) }.max() ?? 0
            }
            if longest.sorted(by: >).prefix(days).reduce(0, +) > cap { return true }
        }
        return false
    }

    /// The most days of seven that runs of at most `maxRun` days, `minOff` days off between them,
    /// can hold.
    static func mostDaysInSeven(maxRun: Int, minOff: Int) -> Int {
        var best = 0
        for mask in 0..<(1 << 7) {
            var run = 0
            var gap = 0
            var seenWork = false
            var ok = true
            for day in 0..<7 {
                if mask & (1 << day) != 0 {
                    if seenWork && gap > 0 && gap < minOff { ok = false }
                    run += 1
                    gap = 0
                    seenWork = true
                    if run > maxRun { ok = false }
                } else {
                    run = 0
                    gap += 1
                }
            }
            if ok { best = max(best, mask.nonzeroBitCount) }
        }
        return best
    }

    /// For an idle agent on day d, the working-time rules that keep each option covering slot k
    /// (counted from day `start`'s midnight) out of their roster: nil where the option keeps them.
    mutating func workingTimeCauses(_ e: Int, start: Int, slot k: Int) -> [WorkingTimeRule?] {
        guard let automaton = workingTime else { return [] }
        let key = e * grid.days + start
        let causes: [WorkingTimeRule?]
        if let known = ruleCauses[key] {
            causes = known
        } else {
            let pattern = placed[e].map { $0?.option }
            causes = grid.options.indices.map { o in
                guard rules[e].allowed[start][o] else { return nil }
                var changed = pattern
                changed[start] = o
                return automaton.broken(by: changed, from: workingTimeStart[e])
            }
            ruleCauses[key] = causes
        }
        var result: [WorkingTimeRule?] = []
        for o in grid.options.indices where rules[e].allowed[start][o] {
            guard let k0 = grid.startSlot[start][o], k >= k0, k < k0 + grid.slotCount[start][o] else { continue }
            result.append(causes[o])
        }
        return result
    }
}
