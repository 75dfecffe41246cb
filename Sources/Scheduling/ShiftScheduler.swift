import StaffcastCore

/// Chooses how many agents start each shift so every interval's requirement is covered at least
/// cost — the set-covering integer programme
///
///     minimise Σ_j cost_j · x_j   subject to   Σ_{j works t} x_j ≥ r_t,   x_j ≥ 0 integer,
///
/// where a column j is a (template, day, start, break placement) and "works t" excludes the
/// break. Days and channels are independent (shifts lie within one day), so each (channel, day)
/// block is solved on its own:
///
/// 1. the LP relaxation by ``CoveringLP`` (a simplex on the dual), giving the lower bound;
/// 2. rounding by diving: keep the LP's whole agents, fix one more agent on the column with the
///    largest fractional value, re-solve the LP for what is still uncovered, and repeat until the
///    LP is integral (at most 200 dives, then a greedy repair: the shift covering most still-short
///    intervals per unit cost). Rounding down and adding keeps daily headcount limits, where
///    plain rounding up (always feasible without limits) might break them;
/// 3. local improvement until nothing changes: drop shifts whose intervals stay covered without
///    them, replace a shift by a cheaper one that keeps coverage, and move a shift's start or
///    break by one step when that lets another shift be dropped.
///
/// When limits or start windows make full coverage impossible the result is the best partial
/// schedule (least shortfall first, then least cost) with the short intervals listed in
/// ``Schedule/uncovered``.
public enum ShiftScheduler {
    public static func solve(_ requirements: [ChannelRequirement], templates: [ShiftTemplate]) throws(SchedulingError) -> Schedule {
        guard !templates.isEmpty else { throw .noTemplates }
        var schedule = Schedule(shifts: [], coverage: [], uncovered: [], agentHours: 0, cost: 0, lpOptimum: 0,
                                lowerBound: 0, lpShortfall: 0, pivots: 0)
        for requirement in requirements {
            let interval = requirement.intervalSeconds
            guard interval > 0, 86_400 % interval == 0 else {
                throw .invalidRequirement("channel \(requirement.channel): the interval \(interval) s does not divide a day")
            }
            for template in templates {
                try template.validate(intervalSeconds: interval, longestDaySeconds: 86_400)
            }
            for day in requirement.days {
                try validate(day, interval: interval, channel: requirement.channel)
                let block = try DayBlock(day: day, interval: interval, templates: templates)
                let result = try block.solve()
                schedule.append(result, block: block, channel: requirement.channel)
            }
        }
        return schedule
    }

    static func validate(_ day: DayRequirement, interval: Int, channel: String) throws(SchedulingError) {
        let slots = day.required.count
        guard slots * interval <= 90_000 else {
            throw .invalidRequirement("channel \(channel), \(day.date): \(slots) intervals are more than a day")
        }
        if let clock = day.wallClockSeconds, clock.count != slots {
            throw .invalidRequirement("channel \(channel), \(day.date): \(clock.count) wall-clock times for \(slots) intervals")
        }
        if let k = day.required.firstIndex(where: { $0 < 0 }) {
            throw .invalidRequirement("channel \(channel), \(day.date) interval \(k): negative requirement \(day.required[k])")
        }
    }
}

/// One shift placement: a template started at a slot, with its break (if any) at a slot.
struct ShiftColumn {
    var template: Int
    var startSlot: Int
    var endSlot: Int
    var breakSlots: Range<Int>?
    /// Slots the agent is working (the break left out).
    var works: [Int]
    var cost: Double
    var paidHours: Double
}

/// One channel-day: its columns, requirement and the integer solution's improvement moves.
struct DayBlock {
    let day: DayRequirement
    let interval: Int
    let columns: [ShiftColumn]
    let limits: [Int?]
    let templateNames: [String]

    struct Result {
        var agents: [Int]
        var lpCost: Double
        var lowerBound: Double
        var lpShortfall: Double
        var pivots: Int
        var reachable: [Bool]
    }

    init(day: DayRequirement, interval: Int, templates: [ShiftTemplate]) throws(SchedulingError) {
        self.day = day
        self.interval = interval
        limits = templates.map(\.maxAgentsPerDay)
        templateNames = templates.map(\.name)
        let slots = day.required.count
        var columns: [ShiftColumn] = []
        for (index, template) in templates.enumerated() {
            if let days = template.weekdays, !days.contains(day.date.weekday) { continue }
            let length = template.lengthSeconds / interval
            let cost = template.costPerHour * template.paidHours
            for start in 0..<slots where start + length <= slots {
                let clock = day.wallClock(start, intervalSeconds: interval)
                guard clock >= template.earliestStartSeconds, clock <= template.latestStartSeconds,
                      (clock - template.earliestStartSeconds) % template.startEverySeconds == 0 else { continue }
                if let rule = template.breakRule {
                    let breakLength = rule.lengthSeconds / interval
                    let first = rule.earliestStartAfterShiftStart / interval
                    let last = rule.latestEndAfterShiftStart / interval - breakLength
                    for offset in stride(from: first, through: last, by: 1) {
                        let breakSlots = (start + offset)..<(start + offset + breakLength)
                        let works = (start..<(start + length)).filter { !breakSlots.contains($0) }
                        columns.append(ShiftColumn(template: index, startSlot: start, endSlot: start + length, breakSlots: breakSlots,
                                                   works: works, cost: cost, paidHours: template.paidHours))
                    }
                } else {
                    columns.append(ShiftColumn(template: index, startSlot: start, endSlot: start + length, breakSlots: nil,
                                               works: Array(start..<(start + length)), cost: cost, paidHours: template.paidHours))
                }
            }
        }
        self.columns = columns
    }

    func solve() throws(SchedulingError) -> Result {
        let slots = day.required.count
        var reachable = [Bool](repeating: false, count: slots)
        for column in columns { for t in column.works { reachable[t] = true } }
        // LP rows: intervals that need agents and that some shift can work.
        var rowOfSlot = [Int](repeating: -1, count: slots)
        var required: [Double] = []
        for t in 0..<slots where day.required[t] > 0 && reachable[t] {
            rowOfSlot[t] = required.count
            required.append(Double(day.required[t]))
        }
        var agents = [Int](repeating: 0, count: columns.count)
        guard !required.isEmpty else {
            return Result(agents: agents, lpCost: 0, lowerBound: 0, lpShortfall: 0, pivots: 0, reachable: reachable)
        }
        // Only columns that work some needed interval can be in an optimal cover.
        let useful = columns.indices.filter { j in columns[j].works.contains { rowOfSlot[$0] >= 0 } }
        var groups: [(members: [Int], limit: Double)] = []
        for (template, limit) in limits.enumerated() {
            guard let limit else { continue }
            let members = useful.indices.filter { columns[useful[$0]].template == template }
            if !members.isEmpty { groups.append((members, Double(limit))) }
        }
        let maxCost = useful.map { columns[$0].cost }.max() ?? 1
        let columnRows = useful.map { j in columns[j].works.compactMap { rowOfSlot[$0] >= 0 ? rowOfSlot[$0] : nil } }
        let penalty = maxCost * (required.reduce(0, +) + 1)
        var lp = CoveringLP(rowCount: required.count, costs: useful.map { columns[$0].cost }, columnRows: columnRows,
                            required: required, groups: groups, shortfallPrice: penalty)
        let solution = try lp.solve()
        var pivots = solution.pivots
        let lpShortfall = solution.shortfall.reduce(0, +)
        let bound = Self.roundedBound(solution.cost, costs: useful.map { columns[$0].cost })

        // Diving: keep the LP's whole agents, then fix one more agent on the most fractional-heavy
        // column and re-solve the LP for what is still uncovered, until the LP is integral.
        var x = solution.x
        var state = CoverState(block: self, agents: agents)
        var dives = 0
        while true {
            var fixed = false
            for (position, j) in useful.enumerated() {
                let whole = Int((x[position] + 1e-7).rounded(.down))
                if whole > 0 { state.add(j, whole); fixed = true }
            }
            if !fixed, let (position, value) = x.enumerated().max(by: { $0.element < $1.element }), value > 1e-7 {
                state.add(useful[position]); fixed = true
            }
            dives += 1
            guard fixed, dives <= 200 else { break }
            var residual = required
            var anyShort = false
            for t in 0..<slots where rowOfSlot[t] >= 0 {
                residual[rowOfSlot[t]] = Double(max(0, day.required[t] - state.coverage[t]))
                if residual[rowOfSlot[t]] > 0 { anyShort = true }
            }
            guard anyShort else { break }
            lp.required = residual
            lp.groups = groups.map { group in
                let template = columns[useful[group.members[0]]].template
                return (group.members, max(0, group.limit - Double(state.perTemplate[template])))
            }
            let next = try lp.solve()
            pivots += next.pivots
            x = next.x
        }
        state.repair()
        state.improve(stopAt: lpShortfall < 1e-9 ? bound : nil)
        return Result(agents: state.agents, lpCost: solution.cost, lowerBound: bound, lpShortfall: lpShortfall,
                      pivots: pivots, reachable: reachable)
    }
}

extension DayBlock {
    /// The LP optimum rounded up to the cost grid: when every shift costs a whole multiple of
    /// q ∈ {1, ½, ¼}, so does every integer schedule, and ⌈LP / q⌉ · q is still a lower bound.
    static func roundedBound(_ lp: Double, costs: [Double]) -> Double {
        for quantum in [1.0, 0.5, 0.25] where costs.allSatisfy({ ($0 / quantum).rounded() == $0 / quantum }) {
            return ((lp / quantum) - 1e-6).rounded(.up) * quantum
        }
        return lp
    }
}

/// An integer schedule of one block with its coverage, and the moves that improve it.
struct CoverState {
    let block: DayBlock
    var agents: [Int]
    var coverage: [Int]
    var perTemplate: [Int]

    init(block: DayBlock, agents: [Int]) {
        self.block = block
        self.agents = agents
        coverage = [Int](repeating: 0, count: block.day.required.count)
        perTemplate = [Int](repeating: 0, count: block.limits.count)
        for (j, count) in agents.enumerated() where count > 0 {
            for t in block.columns[j].works { coverage[t] += count }
            perTemplate[block.columns[j].template] += count
        }
    }

    var cost: Double { zip(agents, block.columns).reduce(0) { $0 + Double($1.0) * $1.1.cost } }

    mutating func add(_ j: Int, _ count: Int = 1) {
        agents[j] += count
        perTemplate[block.columns[j].template] += count
        for t in block.columns[j].works { coverage[t] += count }
    }

    func hasRoom(_ j: Int, freeing other: Int? = nil) -> Bool {
        let template = block.columns[j].template
        guard let limit = block.limits[template] else { return true }
        let freed = other.map { block.columns[$0].template == template ? 1 : 0 } ?? 0
        return perTemplate[template] - freed < limit
    }

    /// Removing one agent from column j leaves every interval it works covered.
    func canRemove(_ j: Int) -> Bool {
        agents[j] > 0 && block.columns[j].works.allSatisfy { coverage[$0] - 1 >= block.day.required[$0] }
    }

    /// Greedy completion: add the shift covering most still-short intervals per unit cost.
    mutating func repair() {
        let required = block.day.required
        while true {
            var best = -1, bestScore = 0.0
            for j in block.columns.indices where hasRoom(j) {
                var short = 0
                for t in block.columns[j].works where coverage[t] < required[t] { short += 1 }
                guard short > 0 else { continue }
                let score = Double(short) / block.columns[j].cost
                if score > bestScore { bestScore = score; best = j }
            }
            guard best >= 0 else { return }
            add(best)
        }
    }

    /// Drops redundant shifts, most expensive first; true if any was dropped.
    mutating func dropRedundant() -> Bool {
        var dropped = false
        let order = block.columns.indices.filter { agents[$0] > 0 }.sorted { block.columns[$0].cost > block.columns[$1].cost }
        for j in order { while canRemove(j) { add(j, -1); dropped = true } }
        return dropped
    }

    /// Whether moving one agent from column j to column k keeps every interval at least as covered
    /// as required (or as covered as before, where it was short).
    func canMove(from j: Int, to k: Int, mark: inout [Bool]) -> Bool {
        for t in block.columns[k].works { mark[t] = true }
        defer { for t in block.columns[k].works { mark[t] = false } }
        for t in block.columns[j].works where !mark[t] && coverage[t] - 1 < block.day.required[t] { return false }
        return true
    }

    mutating func improve(stopAt target: Double?) {
        var mark = [Bool](repeating: false, count: block.day.required.count)
        func done(_ state: CoverState) -> Bool { target.map { state.cost <= $0 + 1e-9 } ?? false }
        _ = dropRedundant()
        var rounds = 0
        while !done(self), rounds < 50 {
            rounds += 1
            var improved = false
            // Replace a shift by a cheaper one that keeps coverage.
            for j in block.columns.indices where agents[j] > 0 {
                for k in block.columns.indices where block.columns[k].cost < block.columns[j].cost - 1e-12 {
                    while agents[j] > 0, hasRoom(k, freeing: j), canMove(from: j, to: k, mark: &mark) {
                        add(j, -1); add(k); improved = true
                    }
                }
            }
            if dropRedundant() { improved = true }
            // Move a shift by one step (start or break) when that frees another to be dropped.
            for j in block.columns.indices where agents[j] > 0 {
                for k in neighbours(of: j) where agents[j] > 0 && hasRoom(k, freeing: j) && canMove(from: j, to: k, mark: &mark) {
                    let before = self
                    add(j, -1); add(k)
                    if dropRedundant() { improved = true } else { self = before }
                }
            }
            if !improved { break }
        }
    }

    /// Columns of the same template one slot earlier or later, or with the break one slot moved.
    func neighbours(of j: Int) -> [Int] {
        let c = block.columns[j]
        let offset = c.breakSlots.map { $0.lowerBound - c.startSlot }
        return block.columns.indices.filter { k in
            let d = block.columns[k]
            guard k != j, d.template == c.template else { return false }
            let dOffset = d.breakSlots.map { $0.lowerBound - d.startSlot }
            if abs(d.startSlot - c.startSlot) == 1 && dOffset == offset { return true }
            if d.startSlot == c.startSlot, let a = offset, let b = dOffset, abs(a - b) == 1 { return true }
            return false
        }
    }
}

extension Schedule {
    mutating func append(_ result: DayBlock.Result, block: DayBlock, channel: String) {
        let day = block.day
        let interval = Int64(block.interval)
        func instant(_ slot: Int) -> Int64 { day.startInstant + Int64(slot) * interval }
        var coverageBySlot = [Int](repeating: 0, count: day.required.count)
        for (j, count) in result.agents.enumerated() where count > 0 {
            let column = block.columns[j]
            for t in column.works { coverageBySlot[t] += count }
            shifts.append(ScheduledShift(channel: channel, date: day.date, template: block.templateNames[column.template],
                                         start: instant(column.startSlot), end: instant(column.endSlot),
                                         breakStart: column.breakSlots.map { instant($0.lowerBound) },
                                         breakEnd: column.breakSlots.map { instant($0.upperBound) },
                                         agents: count, paidHoursPerAgent: column.paidHours))
            agentHours += Double(count) * column.paidHours
            cost += Double(count) * column.cost
        }
        for t in day.required.indices {
            coverage.append(CoverageRow(instant: instant(t), channel: channel, required: day.required[t], scheduled: coverageBySlot[t]))
            if coverageBySlot[t] < day.required[t] {
                uncovered.append(UncoveredInterval(instant: instant(t), channel: channel, required: day.required[t],
                                                   scheduled: coverageBySlot[t], unreachable: !result.reachable[t]))
            }
        }
        lpOptimum += result.lpCost
        lowerBound += result.lowerBound
        lpShortfall += result.lpShortfall
        pivots += result.pivots
    }
}
