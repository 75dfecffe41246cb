/// The cheapest legal period for one person, by dynamic programming over the days.
///
/// Given what working each option on each day costs (`cost[day][option]`, with `offCost[day]`
/// for a day off, infinite where the day must be worked), finds the pattern of least total cost
/// that keeps every rule of ``PatternRules``: the options allowed each day, what may follow a
/// shift the next day, the most times each option may be worked, the contract's minimum and maximum minutes, the most working
/// days in a row, the fewest working days and days off in a row (runs exempt as the carry-in and
/// ``PatternRules/lastRunExempt`` say) and the most weekends worked.
///
/// The state after each day is (rest group of the day's shift or off, length of the current run,
/// whether that run is exempt, weekends worked, minutes worked, count of each limited option);
/// it is the resource-constrained shortest path that column-generation rostering prices with
/// (Burke & Curtois 2014, "New approaches to nurse rostering benchmark instances", EJOR 237).
/// Exact: every legal pattern is a path and every path a legal pattern. Work grows with the
/// reachable states, which the minutes bound (a state that can no longer reach the contract
/// minimum is dropped) keeps small.
///
/// A class because it keeps its buffers between calls; not safe to share between threads.
public final class PatternSearch {
    public let calendar: PatternCalendar
    // Working memory, allocated by hand so the inner loop runs on plain pointers.
    private var positionCapacity = 0
    private var capacity = 0
    private var position = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var current = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var next = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var currentCost = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    private var nextCost = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    private var dayParents = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var dayOptions = UnsafeMutablePointer<Int16>.allocate(capacity: 1)
    // With an automaton: each entry's automaton state, and the next entry with the same base state.
    private var currentAuto = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var nextAuto = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var chain = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var parents: [Int32] = []
    private var chosenOptions: [Int16] = []

    public init(calendar: PatternCalendar) {
        self.calendar = calendar
    }

    deinit {
        for pointer in [position, current, next, dayParents, currentAuto, nextAuto, chain] { pointer.deallocate() }
        currentCost.deallocate()
        nextCost.deallocate()
        dayOptions.deallocate()
    }

    /// Room for `states` base states and `entries` entries a day.
    private func reserve(_ states: Int, entries: Int) {
        if states > positionCapacity {
            position.deallocate()
            positionCapacity = states
            position = .allocate(capacity: states)
            position.initialize(repeating: -1, count: states)
        }
        guard entries > capacity else { return }
        for pointer in [current, next, dayParents, currentAuto, nextAuto, chain] { pointer.deallocate() }
        currentCost.deallocate()
        nextCost.deallocate()
        dayOptions.deallocate()
        capacity = entries
        current = .allocate(capacity: entries)
        next = .allocate(capacity: entries)
        currentCost = .allocate(capacity: entries)
        nextCost = .allocate(capacity: entries)
        dayParents = .allocate(capacity: entries)
        dayOptions = .allocate(capacity: entries)
        currentAuto = .allocate(capacity: entries)
        nextAuto = .allocate(capacity: entries)
        chain = .allocate(capacity: entries)
    }

    /// Doubles the entry buffers, keeping the first `currentCount` and `nextCount` entries.
    private func grow(currentCount: Int, nextCount: Int) {
        let bigger = capacity * 2
        func moved<T>(_ old: UnsafeMutablePointer<T>, _ count: Int) -> UnsafeMutablePointer<T> {
            let new = UnsafeMutablePointer<T>.allocate(capacity: bigger)
            new.moveInitialize(from: old, count: count)
            old.deallocate()
            return new
        }
        current = moved(current, currentCount)
        currentCost = moved(currentCost, currentCount)
        currentAuto = moved(currentAuto, currentCount)
        next = moved(next, nextCount)
        nextCost = moved(nextCost, nextCount)
        nextAuto = moved(nextAuto, nextCount)
        dayParents = moved(dayParents, nextCount)
        dayOptions = moved(dayOptions, nextCount)
        chain = moved(chain, nextCount)
        capacity = bigger
    }

    /// The cheapest legal pattern and its cost, or nil when the rules admit none.
    ///
    /// With an `upperBound` (the cost of a pattern already known, say), only patterns costing at
    /// most that much are sought: a backward pass over the days computes, for each (rest group,
    /// run, exempt, minutes) state, the least cost to the period's end with the weekend and
    /// per-option limits relaxed, and forward states whose cost plus that bound exceeds
    /// `upperBound` are dropped (an A*-style bound; it never drops a pattern within the bound).
    /// Returns nil when no legal pattern costs at most `upperBound`.
    ///
    /// Loose limits on how often an option (or any shift) may be worked are added lazily: the
    /// first pass counts only the tight ones, and a limit joins the state only when the best
    /// pattern found breaks it, then the search runs again. The best pattern of a relaxation that keeps every limit is
    /// the best pattern, so this is exact; it saves the counters that never bind.
    public func cheapest(
        rules: PatternRules, cost: [[Double]], offCost: [Double],
        upperBound: Double = .infinity
    ) -> (pattern: WorkPattern, cost: Double)? {
        cheapest(rules: rules, cost: cost, offCost: offCost, upperBound: upperBound, automaton: NoAutomaton())
    }

    /// The same, keeping also the rules of `automaton` (working-time rules): a state of the
    /// search is the state above together with the automaton's, and a pattern is legal only when
    /// the automaton accepts it. The bound above ignores the automaton, so it stays a bound.
    public func cheapest<Automaton: PatternAutomaton>(
        rules: PatternRules, cost: [[Double]], offCost: [Double],
        upperBound: Double = .infinity, automaton: Automaton
    ) -> (pattern: WorkPattern, cost: Double)? {
        // Tight limits (a quarter of the days or fewer) usually bind: count them from the start.
        var counted = Set(
            calendar.options.indices.filter { o in rules.maxCount[o].map { $0 > 0 && $0 * 4 <= calendar.days } ?? false
            })
        var countShifts = false
        while true {
            guard
                let found = cheapest(
                    rules: rules, cost: cost, offCost: offCost, upperBound: upperBound,
                    counted: counted, countShifts: countShifts, automaton: automaton)
            else { return nil }
            var broken = false
            for o in calendar.options.indices where !counted.contains(o) {
                if let limit = rules.maxCount[o], found.pattern.lazy.filter({ $0 == o }).count > limit {
                    counted.insert(o)
                    broken = true
                }
            }
            if !countShifts, let limit = rules.maxShifts, found.pattern.lazy.filter({ $0 != nil }).count > limit {
                countShifts = true
                broken = true
            }
            if !broken { return found }
        }
    }

    func cheapest<Automaton: PatternAutomaton>(
        rules: PatternRules, cost: [[Double]], offCost: [Double], upperBound: Double,
        counted: Set<Int>, countShifts: Bool, automaton: Automaton
    ) -> (pattern: WorkPattern, cost: Double)? {
        let days = calendar.days
        let options = calendar.options
        guard days > 0 else { return rules.minMinutes <= 0 ? ([], 0) : nil }

        // Minutes in units of their greatest common divisor.
        var unit = 0
        for (o, option) in options.enumerated() where rules.allowed.contains(where: { $0[o] }) {
            unit = Self.gcd(unit, option.minutes)
        }
        if unit == 0 { unit = 1 }
        let unitsOf = options.map { $0.minutes / unit }
        let maxUnits = max(0, rules.maxMinutes / unit)
        let minUnits = rules.minMinutes <= 0 ? 0 : (rules.minMinutes + unit - 1) / unit
        let unitRange = maxUnits + 1

        // Pinned days (one option, the day off closed) and days that can only be off leave no
        // choice: the shifts and weekends they work are counted here, off the limits, and the
        // state counts only the days with a choice (so a week searched inside a longer period
        // carries counters as small as a week's).
        var pinnedDay = [Bool](repeating: false, count: days)
        // The option a pinned day works, −1 where it is off.
        var pinnedTo = [Int](repeating: -1, count: days)
        var pinnedOfOption = [Int](repeating: 0, count: options.count)
        var freeDays = 0
        for d in 0..<days {
            let open = options.indices.filter { rules.allowed[d][$0] && rules.maxCount[$0] != 0 }
            if open.isEmpty {
                pinnedDay[d] = true
            } else if open.count == 1 && offCost[d] == .infinity {
                pinnedDay[d] = true
                pinnedTo[d] = open[0]
                pinnedOfOption[open[0]] += 1
            } else {
                freeDays += 1
            }
        }
        let pinnedShifts = pinnedOfOption.reduce(0, +)
        // A weekend counts in the state only when one of its days has a choice.
        var weekendCounted = [Bool](repeating: false, count: days)
        var pinnedWeekends = 0
        var seenWeekends = Set<Int>()
        for d in 0..<days {
            guard let w = calendar.weekendOfDay[d], seenWeekends.insert(w).inserted else { continue }
            let weekendDays = (d..<days).prefix { calendar.weekendOfDay[$0] == w }
            if weekendDays.allSatisfy({ pinnedDay[$0] }) {
                if weekendDays.contains(where: { offCost[$0] == .infinity && rules.allowed[$0].contains(true) }) {
                    pinnedWeekends += 1
                }
            } else {
                for day in weekendDays { weekendCounted[day] = true }
            }
        }
        if rules.maxWeekends - pinnedWeekends < 0 || (rules.maxShifts.map { $0 < pinnedShifts } ?? false) {
            return nil
        }

        // Options whose own limit can bind get a counter in the state.
        var counterOf = [Int](repeating: -1, count: options.count)
        var counterRadix: [Int] = []
        var counterStride: [Int] = []
        var counterStates = 1
        for o in options.indices where counted.contains(o) {
            guard let periodLimit = rules.maxCount[o] else { continue }
            let limit = periodLimit - pinnedOfOption[o]
            if limit < 0 { return nil }
            let possible = min(freeDays, unitsOf[o] > 0 ? maxUnits / unitsOf[o] : freeDays)
            if limit < possible {
                counterOf[o] = counterRadix.count
                counterStride.append(counterStates)
                counterRadix.append(limit + 1)
                counterStates *= limit + 1
            }
        }
        // The period's shift limit is one more counter, stepped by every option.
        var shiftStride = 0
        var shiftRadix = 0
        if countShifts, let periodLimit = rules.maxShifts, periodLimit - pinnedShifts < freeDays {
            shiftStride = counterStates
            shiftRadix = max(0, periodLimit - pinnedShifts) + 1
            counterStates *= shiftRadix
        }
        let maxWork = max(1, rules.maxConsecutiveWork)
        let offCap = max(1, rules.minConsecutiveOff)
        // A carried-in run may already be longer than the maximum; it is kept up to the minimum too.
        let workCap = max(maxWork, rules.minConsecutiveWork)
        let runRange = max(workCap, offCap)
        let weekendRange = max(0, rules.maxWeekends - pinnedWeekends) + 1
        let groupRange = calendar.groupCount + 1

        // index = ((((group · runRange + run−1) · 2 + exempt) · weekendRange + weekends) · unitRange + units) · counterStates + counters
        let strideUnits = counterStates
        let strideWeekends = strideUnits * unitRange
        let strideExempt = strideWeekends * weekendRange
        let strideRun = strideExempt * 2
        let strideGroup = strideRun * runRange
        let stateCount = strideGroup * groupRange
        guard stateCount < Int(Int32.max) else { return nil }
        let byGroup = InvariantDivisor(strideGroup)
        let byRun = InvariantDivisor(strideRun)
        let byWeekends = InvariantDivisor(strideWeekends)
        let byUnits = InvariantDivisor(strideUnits)

        // Most units still reachable after each day, for the minimum-minutes bound.
        var maxUnitsPerDay = [Int](repeating: 0, count: days)
        for d in 0..<days {
            for o in options.indices where rules.allowed[d][o] && rules.maxCount[o] != 0 {
                maxUnitsPerDay[d] = max(maxUnitsPerDay[d], unitsOf[o])
            }
        }
        var reachableAfter = [Int](repeating: 0, count: days + 1)
        for d in stride(from: days - 1, through: 0, by: -1) {
            reachableAfter[d] = reachableAfter[d + 1] + maxUnitsPerDay[d]
        }

        let carry = rules.carryIn
        let startGroup = carry.lastGroup.map { $0 + 1 } ?? 0
        let startRun = min(max(1, carry.runLength), startGroup == 0 ? offCap : workCap)
        let startState = startGroup * strideGroup + (startRun - 1) * strideRun + (carry.exempt ? strideExempt : 0)

        // Flat copies of what the inner loop reads.
        let optionCount = options.count
        var allowedFlat = [Bool](repeating: false, count: days * optionCount)
        for d in 0..<days {
            for o in 0..<optionCount where rules.allowed[d][o] && rules.maxCount[o] != 0 {
                allowedFlat[d * optionCount + o] = true
            }
        }
        var followFlat = [Bool](repeating: false, count: max(1, calendar.groupCount) * optionCount)
        for g in 0..<calendar.groupCount {
            for o in 0..<optionCount { followFlat[g * optionCount + o] = calendar.mayFollow[g][o] }
        }
        let groupPlusOne = options.map { $0.group + 1 }
        let counterStrideOf = counterOf.map { $0 >= 0 ? counterStride[$0] : 0 }
        let counterRadixOf = counterOf.map { $0 >= 0 ? counterRadix[$0] : 0 }
        let byCounterStride = counterStrideOf.map { InvariantDivisor(max(1, $0)) }
        let byCounterRadix = counterRadixOf.map { InvariantDivisor(max(1, $0)) }
        let byShiftStride = InvariantDivisor(max(1, shiftStride))
        let byShiftRadix = InvariantDivisor(max(1, shiftRadix))
        var costFlat = [Double](repeating: 0, count: days * optionCount)
        for d in 0..<days { for o in 0..<optionCount { costFlat[d * optionCount + o] = cost[d][o] } }

        // Least cost to the end from each relaxed state (group, run, exempt, units) after each day.
        let minWork = rules.minConsecutiveWork
        let minOff = rules.minConsecutiveOff
        let carryExempt = carry.exempt
        let relaxedExempt = unitRange
        let relaxedRun = 2 * unitRange
        let relaxedGroup = relaxedRun * runRange
        let relaxedCount = relaxedGroup * groupRange
        let bounded = upperBound < .infinity
        var toGo = [Double](repeating: 0, count: bounded ? (days + 1) * relaxedCount : 0)
        // Written through a pointer: the array's uniqueness check is not hoisted out of the loops
        // by the optimiser in a function this size (measured: a third of the moves per second).
        if bounded {
            toGo.withUnsafeMutableBufferPointer { toGo in
                guard let start = toGo.baseAddress else { return }
                for index in 0..<relaxedCount {
                    let group = index / relaxedGroup
                    let run = (index % relaxedGroup) / relaxedRun + 1
                    let exempt = (index % relaxedRun) >= relaxedExempt
                    let units = index % unitRange
                    var ok = units >= minUnits
                    if ok && !rules.lastRunExempt && !exempt {
                        ok = group != 0 ? run >= minWork : run >= minOff
                    }
                    toGo[days * relaxedCount + index] = ok ? 0 : .infinity
                }
                for d in stride(from: days - 1, through: 0, by: -1) {
                    let here = d * relaxedCount
                    let after = (d + 1) * relaxedCount
                    let rowBase = d * optionCount
                    for group in 0..<groupRange {
                        for run in 1...runRange {
                            for exemptBit in 0..<2 {
                                let exempt = exemptBit == 1
                                let index0 = group * relaxedGroup + (run - 1) * relaxedRun + exemptBit * relaxedExempt
                                // Off: where the off day leads (−1: not allowed).
                                var offTarget = -1
                                if group != 0 {
                                    if exempt || run >= minWork { offTarget = after }
                                } else {
                                    offTarget =
                                        after + (min(run + 1, offCap) - 1) * relaxedRun + (exempt ? relaxedExempt : 0)
                                }
                                let row = start + here + index0
                                if offTarget >= 0 {
                                    let from = start + offTarget
                                    let off = offCost[d]
                                    for units in 0..<unitRange { row[units] = off + from[units] }
                                } else {
                                    row.update(repeating: .infinity, count: unitRange)
                                }
                                let mayWork = group == 0 ? (exempt || run >= minOff) : run + 1 <= maxWork
                                guard mayWork else { continue }
                                let carried =
                                    group == 0
                                    ? ((d == 0 && carryExempt) ? relaxedExempt : 0)
                                    : run * relaxedRun + (exempt ? relaxedExempt : 0)
                                for o in 0..<optionCount where allowedFlat[rowBase + o] {
                                    if group != 0 && !followFlat[(group - 1) * optionCount + o] { continue }
                                    let shiftUnits = unitsOf[o]
                                    let c = costFlat[rowBase + o]
                                    let target = after + groupPlusOne[o] * relaxedGroup + carried
                                    // A min-plus step over the units, unchecked so that it vectorises.
                                    let from = start + target + shiftUnits
                                    for units in 0..<max(0, maxUnits - shiftUnits + 1) {
                                        row[units] = Swift.min(row[units], c + from[units])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let limit = upperBound + 1e-9

        // From `fixedFrom` on every day leaves each state one way on (a day pinned to one option
        // with the day off closed, or to the day off): the minutes those days add are known, so
        // they are checked once on entering that stretch and then forgotten (every state holds
        // `minUnits`), which merges states that differ only in them. A week searched inside a
        // longer period then costs what a one-week period does.
        var fixedFrom = days
        var tailUnits = [Int](repeating: 0, count: days + 1)
        if !bounded {
            for d in stride(from: days - 1, through: 0, by: -1) where pinnedDay[d] && fixedFrom == d + 1 {
                tailUnits[d] = tailUnits[d + 1] + (pinnedTo[d] >= 0 ? unitsOf[pinnedTo[d]] : 0)
                fixedFrom = d
            }
        }
        let settledUnits = min(minUnits, maxUnits)

        reserve(stateCount, entries: Automaton.isTrivial ? stateCount : max(1024, min(stateCount, 1 << 16)))
        let position = self.position
        var current = self.current
        var next = self.next
        var currentCost = self.currentCost
        var nextCost = self.nextCost
        var currentAuto = self.currentAuto
        var nextAuto = self.nextAuto
        var chain = self.chain
        var dayParents = self.dayParents
        var dayOptions = self.dayOptions
        parents.removeAll(keepingCapacity: true)
        chosenOptions.removeAll(keepingCapacity: true)
        var dayStart = [Int](repeating: 0, count: days + 1)
        var currentCount = 1
        current[0] = Int32(startState)
        currentCost[0] = 0
        currentAuto[0] = automaton.start
        defer {
            self.current = current
            self.next = next
            self.currentCost = currentCost
            self.nextCost = nextCost
            self.currentAuto = currentAuto
            self.nextAuto = nextAuto
            self.chain = chain
            self.dayParents = dayParents
            self.dayOptions = dayOptions
        }

        for d in 0..<days {
            dayStart[d] = parents.count
            let weekend = calendar.weekendOfDay[d]
            let sameWeekendAsYesterday = d > 0 && weekend != nil && calendar.weekendOfDay[d - 1] == weekend
            let stillNeeded = reachableAfter[d + 1]
            let offToday = offCost[d]
            let rowBase = d * optionCount
            let boundBase = (d + 1) * relaxedCount
            var nextCount = 0
            let settled = d >= fixedFrom
            let settling = d == fixedFrom
            let pinned = pinnedDay[d]

            // Keeps (state, auto) reached at `value` from entry i by option (−1: off).
            @inline(__always) func reach(_ state: Int, _ auto: Int32, _ value: Double, _ i: Int, _ option: Int16) {
                var p = Int(position[state])
                if !Automaton.isTrivial {
                    while p >= 0 && nextAuto[p] != auto { p = Int(chain[p]) }
                }
                if p < 0 {
                    if !Automaton.isTrivial {
                        chain[nextCount] = position[state]
                        nextAuto[nextCount] = auto
                    }
                    position[state] = Int32(nextCount)
                    next[nextCount] = Int32(state)
                    nextCost[nextCount] = value
                    dayParents[nextCount] = Int32(i)
                    dayOptions[nextCount] = option
                    nextCount += 1
                } else if value < nextCost[p] {
                    nextCost[p] = value
                    dayParents[p] = Int32(i)
                    dayOptions[p] = option
                }
            }

            for i in 0..<currentCount {
                if !Automaton.isTrivial && nextCount + optionCount + 1 > capacity {
                    self.current = current
                    self.next = next
                    self.currentCost = currentCost
                    self.nextCost = nextCost
                    self.currentAuto = currentAuto
                    self.nextAuto = nextAuto
                    self.chain = chain
                    self.dayParents = dayParents
                    self.dayOptions = dayOptions
                    grow(currentCount: currentCount, nextCount: nextCount)
                    current = self.current
                    next = self.next
                    currentCost = self.currentCost
                    nextCost = self.nextCost
                    currentAuto = self.currentAuto
                    nextAuto = self.nextAuto
                    chain = self.chain
                    dayParents = self.dayParents
                    dayOptions = self.dayOptions
                }
                let state = Int(current[i])
                let base = currentCost[i]
                let auto = currentAuto[i]
                // The automaton's row for this state and day: the next state of each option, −2
                // where not yet known.
                let autoRow = Automaton.isTrivial ? nil : automaton.row(auto, day: d)
                let group = byGroup.quotient(state)
                var rest = state - group * strideGroup
                let run = byRun.quotient(rest) + 1
                rest -= (run - 1) * strideRun
                let exempt = rest >= strideExempt
                if exempt { rest -= strideExempt }
                let weekends = byWeekends.quotient(rest)
                rest -= weekends * strideWeekends
                var units = byUnits.quotient(rest)
                let counters = rest - units * strideUnits
                if settled {
                    if settling && (units + tailUnits[d] < minUnits || units + tailUnits[d] > maxUnits) { continue }
                    units = settledUnits
                }
                let keep = weekends * strideWeekends + units * strideUnits + counters
                let reachable = settled || units + stillNeeded >= minUnits

                // A day off.
                var offState = -1
                if group != 0 {
                    if (exempt || run >= minWork) && reachable { offState = keep }
                } else if reachable {
                    offState = (min(run + 1, offCap) - 1) * strideRun + (exempt ? strideExempt : 0) + keep
                }
                // An infinite cost closes the day off (a day pinned to a shift).
                if offToday == .infinity { offState = -1 }
                if offState >= 0 && bounded {
                    let relaxed =
                        group != 0
                        ? units : (min(run + 1, offCap) - 1) * relaxedRun + (exempt ? relaxedExempt : 0) + units
                    if base + offToday + toGo[boundBase + relaxed] > limit { offState = -1 }
                }
                if offState >= 0 {
                    var offAuto: Int32 = 0
                    if let autoRow {
                        offAuto = autoRow[0]
                        if offAuto == -2 { offAuto = automaton.next(auto, day: d, option: -1) }
                    }
                    if offAuto >= 0 { reach(offState, offAuto, base + offToday, i, -1) }
                }

                // A shift.
                if group == 0 && !(exempt || run >= minOff) { continue }
                if group != 0 && run + 1 > maxWork { continue }
                var newWeekends = weekends
                if weekendCounted[d] && !(sameWeekendAsYesterday && group != 0) {
                    newWeekends += 1
                    if newWeekends >= weekendRange { continue }
                }
                let carried: Int
                if group == 0 {
                    carried = (d == 0 && carryExempt) ? strideExempt : 0
                } else {
                    carried = run * strideRun + (exempt ? strideExempt : 0)
                }
                let relaxedCarried =
                    group == 0
                    ? ((d == 0 && carryExempt) ? relaxedExempt : 0) : run * relaxedRun + (exempt ? relaxedExempt : 0)
                let followBase = (group - 1) * optionCount
                let common = carried + newWeekends * strideWeekends + counters
                for o in 0..<optionCount where allowedFlat[rowBase + o] {
                    if group != 0 && !followFlat[followBase + o] { continue }
                    let newUnits = settled ? units : units + unitsOf[o]
                    if newUnits > maxUnits || (!settled && newUnits + stillNeeded < minUnits) { continue }
                    var target = groupPlusOne[o] * strideGroup + common + newUnits * strideUnits
                    if pinned {
                        // Counted off the limits already.
                    } else if shiftStride > 0 {
                        if byShiftRadix.remainder(byShiftStride.quotient(counters)) + 1 >= shiftRadix { continue }
                        target += shiftStride
                    }
                    let strideK = pinned ? 0 : counterStrideOf[o]
                    if strideK > 0 {
                        let count = byCounterRadix[o].remainder(byCounterStride[o].quotient(counters))
                        if count + 1 >= counterRadixOf[o] { continue }
                        target += strideK
                    }
                    let value = base + costFlat[rowBase + o]
                    if bounded
                        && value + toGo[boundBase + groupPlusOne[o] * relaxedGroup + relaxedCarried + newUnits] > limit
                    {
                        continue
                    }
                    var shiftAuto: Int32 = 0
                    if let autoRow {
                        shiftAuto = autoRow[o + 1]
                        if shiftAuto == -2 { shiftAuto = automaton.next(auto, day: d, option: o) }
                    }
                    if shiftAuto >= 0 { reach(target, shiftAuto, value, i, Int16(o)) }
                }
            }
            for k in 0..<nextCount { position[Int(next[k])] = -1 }
            parents.append(contentsOf: UnsafeBufferPointer(start: dayParents, count: nextCount))
            chosenOptions.append(contentsOf: UnsafeBufferPointer(start: dayOptions, count: nextCount))
            swap(&current, &next)
            swap(&currentCost, &nextCost)
            swap(&currentAuto, &nextAuto)
            currentCount = nextCount
            if currentCount == 0 { return nil }
        }
        dayStart[days] = parents.count

        // The best final state that meets the minimum minutes and, unless exempt, the run minimum.
        var best = -1
        var bestCost = Double.infinity
        for i in 0..<currentCount {
            let state = Int(current[i])
            let group = state / strideGroup
            var rest = state - group * strideGroup
            let run = rest / strideRun + 1
            rest -= (run - 1) * strideRun
            let exempt = rest >= strideExempt
            if exempt { rest -= strideExempt }
            rest -= (rest / strideWeekends) * strideWeekends
            let units = rest / strideUnits
            guard units >= minUnits else { continue }
            if !rules.lastRunExempt && !exempt {
                if group != 0 && run < minWork { continue }
                if group == 0 && run < minOff { continue }
            }
            if !Automaton.isTrivial && !automaton.accepts(currentAuto[i]) { continue }
            if currentCost[i] < bestCost && currentCost[i] <= limit {
                bestCost = currentCost[i]
                best = i
            }
        }
        guard best >= 0 else { return nil }
        var pattern = WorkPattern(repeating: nil, count: days)
        var step = best
        for d in stride(from: days - 1, through: 0, by: -1) {
            let option = Int(chosenOptions[dayStart[d] + step])
            pattern[d] = option >= 0 ? option : nil
            step = Int(parents[dayStart[d] + step])
        }
        return (pattern, bestCost)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var x = abs(a)
        var y = abs(b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}

/// Rules a pattern must keep beyond ``PatternRules``, as a finite automaton over the days: a
/// state (a small number the automaton hands out) after each day, the next state for a day off
/// (option −1) or a shift, −1 where the day would break a rule, and whether a state may end the
/// period. A class, since it may remember the states it has handed out.
public protocol PatternAutomaton: AnyObject {
    /// True only for ``NoAutomaton``: the search then skips the automaton entirely.
    static var isTrivial: Bool { get }
    var start: Int32 { get }
    /// The next state of each option on `day` from `state` at index option + 1 (the day off at
    /// 0), −2 where ``next(_:day:option:)`` has not been asked yet; it stays valid while the
    /// automaton lives.
    func row(_ state: Int32, day: Int) -> UnsafeMutablePointer<Int32>
    func next(_ state: Int32, day: Int, option: Int) -> Int32
    func accepts(_ state: Int32) -> Bool
}

/// No rules beyond ``PatternRules``.
public final class NoAutomaton: PatternAutomaton {
    public static let isTrivial = true
    public let start: Int32 = 0
    public init() {}
    public func row(_ state: Int32, day: Int) -> UnsafeMutablePointer<Int32> {
        preconditionFailure("the search never asks NoAutomaton for a row")
    }
    @inline(__always) public func next(_ state: Int32, day: Int, option: Int) -> Int32 { 0 }
    @inline(__always) public func accepts(_ state: Int32) -> Bool { true }
}
