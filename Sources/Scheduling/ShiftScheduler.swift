import StaffcastCore

/// Chooses how many agents start each shift so every interval's requirement is covered at least
/// cost — the set-covering integer programme
///
///     minimise Σ_j cost_j · x_j   subject to   Σ_{j works t} x_j ≥ r_t,   x_j ≥ 0 integer,
///
/// where a column j is a (template, day, start, break placement) and "works t" excludes the
/// break. Days and channels are independent (shifts lie within one day), so each (channel, day)
/// block is solved on its own. With weekly tours (`tours: true`) a column is a tour — a template,
/// a start time and two consecutive days off — and each (channel, ISO week) is one block:
///
/// 1. the LP relaxation by ``CoveringLP`` (a simplex on the dual), giving the lower bound;
/// 2. rounding by diving: keep the LP's whole agents, fix one more agent on the column with the
///    largest fractional value, re-solve the LP for what is still uncovered, and repeat until the
///    LP is integral (at most 200 dives, then a greedy repair: the shift covering most still-short
///    intervals per unit cost). Rounding down and adding keeps daily headcount limits, where
///    plain rounding up (always feasible without limits) might break them;
/// 3. local improvement until nothing changes: drop shifts whose intervals stay covered without
///    them, replace a shift by a cheaper one that keeps coverage, and move a shift's start or
///    break (a tour's start or days off) by one step when that lets another shift be dropped.
///
/// When limits or start windows make full coverage impossible the result is the best partial
/// schedule (least shortfall first, then least cost) with the short intervals listed in
/// ``Schedule/uncovered``.
public enum ShiftScheduler {
    /// Solves every channel. With `tours: false` (the default) each (channel, local day) is an
    /// independent block of daily shifts; with `tours: true` every column is a weekly tour.
    ///
    /// **Weekly tours.** A tour is a template, a wall-clock start and a pair of consecutive days off
    /// (7 pairs: Mon–Tue … Sat–Sun, and Sun–Mon wrapping within the ISO week); its agents work the
    /// same start time on the other 5 days. A channel's days are grouped by ISO week (Monday first)
    /// and each week is one LP block, so a column spans the whole week. Each working day's break is
    /// fixed at the middle-most allowed position of the break window (the LP and its bound are for
    /// that model; per-day break placement is not searched). A tour is left out when its start time
    /// does not exist on one of its working days (spring-forward gap), the shift would run past that
    /// day's end, or the template's days allowed exclude one of its working days. In a partial
    /// week at the edge of the horizon a tour works only the days present. A template's
    /// `maxAgentsPerDay` limits the tours of that template working each day.
    public static func solve(_ requirements: [ChannelRequirement], templates: [ShiftTemplate],
                             tours: Bool = false) throws(SchedulingError) -> Schedule {
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
            }
            if tours {
                var weeks: [[DayRequirement]] = []
                var dates = Set<CivilDate>()
                for day in requirement.days.sorted(by: { $0.date < $1.date }) {
                    guard dates.insert(day.date).inserted else {
                        throw .invalidRequirement("channel \(requirement.channel): \(day.date) is given twice")
                    }
                    let monday = day.date.adding(days: 1 - day.date.weekday)
                    if let last = weeks.last?.first, last.date.adding(days: 1 - last.date.weekday) == monday {
                        weeks[weeks.count - 1].append(day)
                    } else {
                        weeks.append([day])
                    }
                }
                for week in weeks {
                    let block = DayBlock(tourWeek: week, interval: interval, templates: templates)
                    let result = try block.solve()
                    schedule.append(result, block: block, channel: requirement.channel)
                }
            } else {
                for day in requirement.days {
                    let block = DayBlock(day: day, interval: interval, templates: templates)
                    let result = try block.solve()
                    schedule.append(result, block: block, channel: requirement.channel)
                }
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

/// One shift worked on one day of a block: local slots of that day.
struct ShiftSegment {
    var day: Int
    var startSlot: Int
    var endSlot: Int
    var breakSlots: Range<Int>?
}

/// One column: a shift placement (a template started at a slot, with its break at a slot) or a
/// weekly tour (the same start on each working day).
struct ShiftColumn {
    var template: Int
    /// Wall-clock start in intervals (the neighbourhood of local improvement).
    var startKey: Int
    /// Break start after the shift start in intervals, if any.
    var breakOffset: Int?
    /// Index of the days-off pair (0 = Mon–Tue … 6 = Sun–Mon) for a tour; −1 for a daily shift.
    var daysOff: Int
    var segments: [ShiftSegment]
    /// Block slots (all days concatenated) the agent is working (breaks left out).
    var works: [Int]
    /// Headcount-limit groups the column counts in.
    var groups: [Int]
    /// Cost and paid hours of one agent over all segments.
    var cost: Double
    var paidHours: Double
}

/// One block solved on its own: a channel-day of daily shifts, or a channel-week of tours. Its
/// slots are the days' slots concatenated.
struct DayBlock {
    let days: [DayRequirement]
    /// Block slot of each day's slot 0.
    let dayOffsets: [Int]
    let required: [Int]
    let interval: Int
    let columns: [ShiftColumn]
    let groupLimits: [Int]
    let templateNames: [String]
    let isTours: Bool

    struct Result {
        var agents: [Int]
        var lpCost: Double
        var lowerBound: Double
        var lpShortfall: Double
        var pivots: Int
        var reachable: [Bool]
    }

    static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// ISO weekdays off for days-off pair `pair` (0 = Mon–Tue … 6 = Sun–Mon).
    static func offDays(_ pair: Int) -> (Int, Int) { (pair + 1, (pair + 1) % 7 + 1) }

    /// Break slots (relative to the shift start) the template allows, in intervals.
    static func breakOffsets(_ template: ShiftTemplate, interval: Int) -> (length: Int, offsets: ClosedRange<Int>)? {
        guard let rule = template.breakRule else { return nil }
        let breakLength = rule.lengthSeconds / interval
        return (breakLength, (rule.earliestStartAfterShiftStart / interval)...(rule.latestEndAfterShiftStart / interval - breakLength))
    }

    /// Daily shifts of one channel-day.
    init(day: DayRequirement, interval: Int, templates: [ShiftTemplate]) {
        days = [day]
        dayOffsets = [0]
        required = day.required
        self.interval = interval
        isTours = false
        templateNames = templates.map(\.name)
        var limits: [Int] = [], groupOfTemplate: [Int?] = []
        for template in templates {
            if let limit = template.maxAgentsPerDay { groupOfTemplate.append(limits.count); limits.append(limit) } else { groupOfTemplate.append(nil) }
        }
        groupLimits = limits
        let slots = day.required.count
        var columns: [ShiftColumn] = []
        for (index, template) in templates.enumerated() {
            if let days = template.weekdays, !days.contains(day.date.weekday) { continue }
            let length = template.lengthSeconds / interval
            let cost = template.costPerHour * template.paidHours
            let groups = groupOfTemplate[index].map { [$0] } ?? []
            for start in 0..<slots where start + length <= slots {
                let clock = day.wallClock(start, intervalSeconds: interval)
                guard clock >= template.earliestStartSeconds, clock <= template.latestStartSeconds,
                      (clock - template.earliestStartSeconds) % template.startEverySeconds == 0 else { continue }
                let offsets: [Int?] = Self.breakOffsets(template, interval: interval).map { rule in rule.offsets.map { Optional($0) } } ?? [nil]
                let breakLength = Self.breakOffsets(template, interval: interval)?.length ?? 0
                for offset in offsets {
                    let breakSlots = offset.map { (start + $0)..<(start + $0 + breakLength) }
                    let works = (start..<(start + length)).filter { breakSlots?.contains($0) != true }
                    columns.append(ShiftColumn(template: index, startKey: start, breakOffset: offset, daysOff: -1,
                                               segments: [ShiftSegment(day: 0, startSlot: start, endSlot: start + length, breakSlots: breakSlots)],
                                               works: works, groups: groups, cost: cost, paidHours: template.paidHours))
                }
            }
        }
        self.columns = columns
    }

    /// Weekly tours over the days of one ISO week (sorted, distinct dates).
    init(tourWeek week: [DayRequirement], interval: Int, templates: [ShiftTemplate]) {
        days = week
        var offsets: [Int] = [], total = 0
        for day in week { offsets.append(total); total += day.required.count }
        dayOffsets = offsets
        required = week.flatMap(\.required)
        self.interval = interval
        isTours = true
        templateNames = templates.map(\.name)
        var limits: [Int] = [], groupBase: [Int?] = []
        for template in templates {
            if let limit = template.maxAgentsPerDay {
                groupBase.append(limits.count)
                limits += [Int](repeating: limit, count: week.count)
            } else {
                groupBase.append(nil)
            }
        }
        groupLimits = limits
        var columns: [ShiftColumn] = []
        for (index, template) in templates.enumerated() {
            let length = template.lengthSeconds / interval
            let rule = Self.breakOffsets(template, interval: interval)
            // Middle-most allowed break position, the same on every working day.
            let offset = rule.map { ($0.offsets.lowerBound + $0.offsets.upperBound) / 2 }
            for clock in stride(from: template.earliestStartSeconds, through: template.latestStartSeconds, by: template.startEverySeconds) {
                pairs: for pair in 0..<7 {
                    let (offA, offB) = Self.offDays(pair)
                    var segments: [ShiftSegment] = [], works: [Int] = [], groups: [Int] = []
                    for (d, day) in week.enumerated() {
                        let weekday = day.date.weekday
                        guard weekday != offA, weekday != offB else { continue }
                        if let allowed = template.weekdays, !allowed.contains(weekday) { continue pairs }
                        guard let start = day.required.indices.first(where: { day.wallClock($0, intervalSeconds: interval) == clock }),
                              start + length <= day.required.count else { continue pairs }
                        let breakSlots = offset.map { (start + $0)..<(start + $0 + rule!.length) }
                        segments.append(ShiftSegment(day: d, startSlot: start, endSlot: start + length, breakSlots: breakSlots))
                        works += (start..<(start + length)).filter { breakSlots?.contains($0) != true }.map { offsets[d] + $0 }
                        if let base = groupBase[index] { groups.append(base + d) }
                    }
                    guard !segments.isEmpty else { continue }
                    let hours = template.paidHours * Double(segments.count)
                    columns.append(ShiftColumn(template: index, startKey: clock / interval, breakOffset: offset, daysOff: pair,
                                               segments: segments, works: works, groups: groups,
                                               cost: template.costPerHour * hours, paidHours: hours))
                }
            }
        }
        self.columns = columns
    }

    /// A label telling a tour apart: template, start time and days off, e.g. `8h 08:00 off Sat-Sun`.
    func tourLabel(_ column: ShiftColumn) -> String? {
        guard column.daysOff >= 0 else { return nil }
        let (a, b) = Self.offDays(column.daysOff)
        return "\(templateNames[column.template]) \(ShiftTemplate.clock(column.startKey * interval)) off \(Self.dayNames[a - 1])-\(Self.dayNames[b - 1])"
    }

    func solve() throws(SchedulingError) -> Result {
        let slots = required.count
        var reachable = [Bool](repeating: false, count: slots)
        for column in columns { for t in column.works { reachable[t] = true } }
        // LP rows: intervals that need agents and that some shift can work.
        var rowOfSlot = [Int](repeating: -1, count: slots)
        var rowRequired: [Double] = []
        for t in 0..<slots where required[t] > 0 && reachable[t] {
            rowOfSlot[t] = rowRequired.count
            rowRequired.append(Double(required[t]))
        }
        let agents = [Int](repeating: 0, count: columns.count)
        guard !rowRequired.isEmpty else {
            return Result(agents: agents, lpCost: 0, lowerBound: 0, lpShortfall: 0, pivots: 0, reachable: reachable)
        }
        // Only columns that work some needed interval can be in an optimal cover.
        let useful = columns.indices.filter { j in columns[j].works.contains { rowOfSlot[$0] >= 0 } }
        var groups: [(members: [Int], limit: Double)] = []
        var groupIDs: [Int] = []
        for (group, limit) in groupLimits.enumerated() {
            let members = useful.indices.filter { columns[useful[$0]].groups.contains(group) }
            if !members.isEmpty { groups.append((members, Double(limit))); groupIDs.append(group) }
        }
        let maxCost = useful.map { columns[$0].cost }.max() ?? 1
        let columnRows = useful.map { j in columns[j].works.compactMap { rowOfSlot[$0] >= 0 ? rowOfSlot[$0] : nil } }
        let penalty = maxCost * (rowRequired.reduce(0, +) + 1)
        var lp = CoveringLP(rowCount: rowRequired.count, costs: useful.map { columns[$0].cost }, columnRows: columnRows,
                            required: rowRequired, groups: groups, shortfallPrice: penalty)
        lp.perturbFirst = isTours
        let solution = try lp.solve()
        var pivots = solution.pivots
        let lpShortfall = solution.shortfall.reduce(0, +)
        let bound = Self.roundedBound(solution.cost, costs: useful.map { columns[$0].cost })

        // Diving: keep the LP's whole agents, then fix one more agent on the most fractional-heavy
        // column and re-solve the LP for what is still uncovered, until the LP is integral. Each
        // re-solve keeps only the still-short intervals and the columns working one of them: the
        // covered rows are redundant and only make the dual degenerate.
        var x = solution.x
        var active = useful
        var state = CoverState(block: self, agents: agents)
        var dives = 0
        while true {
            var fixed = false
            for (position, j) in active.enumerated() {
                let whole = Int((x[position] + 1e-7).rounded(.down))
                if whole > 0 { state.add(j, whole); fixed = true }
            }
            if !fixed, let (position, value) = x.enumerated().max(by: { $0.element < $1.element }), value > 1e-7 {
                state.add(active[position]); fixed = true
            }
            dives += 1
            guard fixed, dives <= 200 else { break }
            var residualRow = [Int](repeating: -1, count: slots)
            var residual: [Double] = []
            for t in 0..<slots where rowOfSlot[t] >= 0 && state.coverage[t] < required[t] {
                residualRow[t] = residual.count
                residual.append(Double(required[t] - state.coverage[t]))
            }
            guard !residual.isEmpty else { break }
            active = useful.filter { j in columns[j].works.contains { residualRow[$0] >= 0 } }
            var positionOf = [Int: Int]()
            for (position, j) in active.enumerated() { positionOf[j] = position }
            var residualGroups: [(members: [Int], limit: Double)] = []
            for (group, id) in zip(groups, groupIDs) {
                let members = group.members.compactMap { positionOf[useful[$0]] }
                if !members.isEmpty { residualGroups.append((members, max(0, group.limit - Double(state.perGroup[id])))) }
            }
            var residualLP = CoveringLP(rowCount: residual.count, costs: active.map { columns[$0].cost },
                                        columnRows: active.map { j in columns[j].works.compactMap { residualRow[$0] >= 0 ? residualRow[$0] : nil } },
                                        required: residual, groups: residualGroups, shortfallPrice: penalty)
            residualLP.perturbFirst = isTours
            let next = try residualLP.solve()
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
    /// Agents counted in each headcount-limit group.
    var perGroup: [Int]

    init(block: DayBlock, agents: [Int]) {
        self.block = block
        self.agents = agents
        coverage = [Int](repeating: 0, count: block.required.count)
        perGroup = [Int](repeating: 0, count: block.groupLimits.count)
        for (j, count) in agents.enumerated() where count > 0 {
            for t in block.columns[j].works { coverage[t] += count }
            for g in block.columns[j].groups { perGroup[g] += count }
        }
    }

    var cost: Double { zip(agents, block.columns).reduce(0) { $0 + Double($1.0) * $1.1.cost } }

    mutating func add(_ j: Int, _ count: Int = 1) {
        agents[j] += count
        for g in block.columns[j].groups { perGroup[g] += count }
        for t in block.columns[j].works { coverage[t] += count }
    }

    func hasRoom(_ j: Int, freeing other: Int? = nil) -> Bool {
        block.columns[j].groups.allSatisfy { g in
            let freed = other.map { block.columns[$0].groups.contains(g) ? 1 : 0 } ?? 0
            return perGroup[g] - freed < block.groupLimits[g]
        }
    }

    /// Removing one agent from column j leaves every interval it works covered.
    func canRemove(_ j: Int) -> Bool {
        agents[j] > 0 && block.columns[j].works.allSatisfy { coverage[$0] - 1 >= block.required[$0] }
    }

    /// Greedy completion: add the shift covering most still-short intervals per unit cost.
    mutating func repair() {
        let required = block.required
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
        for t in block.columns[j].works where !mark[t] && coverage[t] - 1 < block.required[t] { return false }
        return true
    }

    mutating func improve(stopAt target: Double?) {
        var mark = [Bool](repeating: false, count: block.required.count)
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

    /// Columns of the same template one slot earlier or later, or with the break one slot moved;
    /// for tours also the days off moved by one day.
    func neighbours(of j: Int) -> [Int] {
        let c = block.columns[j]
        return block.columns.indices.filter { k in
            let d = block.columns[k]
            guard k != j, d.template == c.template else { return false }
            if d.daysOff == c.daysOff {
                if abs(d.startKey - c.startKey) == 1 && d.breakOffset == c.breakOffset { return true }
                if d.startKey == c.startKey, let a = c.breakOffset, let b = d.breakOffset, abs(a - b) == 1 { return true }
                return false
            }
            let shift = (d.daysOff - c.daysOff + 7) % 7
            return c.daysOff >= 0 && d.startKey == c.startKey && d.breakOffset == c.breakOffset && (shift == 1 || shift == 6)
        }
    }
}

extension Schedule {
    mutating func append(_ result: DayBlock.Result, block: DayBlock, channel: String) {
        let interval = Int64(block.interval)
        func instant(_ day: Int, _ slot: Int) -> Int64 { block.days[day].startInstant + Int64(slot) * interval }
        var coverageBySlot = [Int](repeating: 0, count: block.required.count)
        for (j, count) in result.agents.enumerated() where count > 0 {
            let column = block.columns[j]
            for t in column.works { coverageBySlot[t] += count }
            let tour = block.tourLabel(column)
            let perSegment = column.paidHours / Double(column.segments.count)
            for segment in column.segments {
                shifts.append(ScheduledShift(channel: channel, date: block.days[segment.day].date, template: block.templateNames[column.template],
                                             start: instant(segment.day, segment.startSlot), end: instant(segment.day, segment.endSlot),
                                             breakStart: segment.breakSlots.map { instant(segment.day, $0.lowerBound) },
                                             breakEnd: segment.breakSlots.map { instant(segment.day, $0.upperBound) },
                                             agents: count, paidHoursPerAgent: perSegment, tour: tour))
            }
            agentHours += Double(count) * column.paidHours
            cost += Double(count) * column.cost
        }
        for (d, day) in block.days.enumerated() {
            for slot in day.required.indices {
                let t = block.dayOffsets[d] + slot
                coverage.append(CoverageRow(instant: instant(d, slot), channel: channel, required: day.required[slot], scheduled: coverageBySlot[t]))
                if coverageBySlot[t] < day.required[slot] {
                    uncovered.append(UncoveredInterval(instant: instant(d, slot), channel: channel, required: day.required[slot],
                                                       scheduled: coverageBySlot[t], unreachable: !result.reachable[t]))
                }
            }
        }
        lpOptimum += result.lpCost
        lowerBound += result.lowerBound
        lpShortfall += result.lpShortfall
        pivots += result.pivots
    }
}
