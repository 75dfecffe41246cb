import StaffcastCore

/// An integer schedule of one block with its coverage, and the moves that improve it.
struct CoverState {
    let block: DayBlock
    var agents: [Int]
    var coverage: [Int]
    /// Agents counted in each headcount-limit group.
    var perGroup: [Int]
    /// Each column by its place: template, start, break and days off (`neighbours`).
    let columnAt: [Place: Int]

    struct Place: Hashable {
        var template: Int
        var start: Int
        var breakOffset: Int?
        var daysOff: Int
    }

    init(block: DayBlock, agents: [Int]) {
        self.block = block
        self.agents = agents
        var columnAt: [Place: Int] = [:]
        for (j, c) in block.columns.enumerated() {
            columnAt[Place(template: c.template, start: c.startKey, breakOffset: c.breakOffset, daysOff: c.daysOff)] = j
        }
        self.columnAt = columnAt
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
            var best = -1
            var bestScore = 0.0
            for j in block.columns.indices where hasRoom(j) {
                var short = 0
                for t in block.columns[j].works where coverage[t] < required[t] { short += 1 }
                guard short > 0 else { continue }
                let score = Double(short) / block.columns[j].cost
                if score > bestScore {
                    bestScore = score
                    best = j
                }
            }
            guard best >= 0 else { return }
            add(best)
        }
    }

    /// Drops redundant shifts, most expensive first; true if any was dropped.
    mutating func dropRedundant() -> Bool {
        var dropped = false
        let order = block.columns.indices.filter { agents[$0] > 0 }.sorted {
            block.columns[$0].cost > block.columns[$1].cost
        }
        for j in order {
            while canRemove(j) {
                add(j, -1)
                dropped = true
            }
        }
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
                        add(j, -1)
                        add(k)
                        improved = true
                    }
                }
            }
            if dropRedundant() { improved = true }
            // Move a shift by one step (start or break) when that frees another to be dropped.
            for j in block.columns.indices where agents[j] > 0 {
                for k in neighbours(of: j)
                where agents[j] > 0 && hasRoom(k, freeing: j) && canMove(from: j, to: k, mark: &mark) {
                    let before = self
                    add(j, -1)
                    add(k)
                    if dropRedundant() { improved = true } else { self = before }
                }
            }
            if !improved { break }
        }
    }

    /// Among schedules of no higher cost, the one that works where the work is: moves an agent
    /// one step (start or break; a tour's days off) when that keeps every interval covered, costs
    /// no more, and puts fewer agent-intervals where nothing is required (before opening, after
    /// closing), or as few there but less over-coverage elsewhere. Ends when no move helps.
    mutating func settle() {
        var mark = [Bool](repeating: false, count: block.required.count)
        let required = block.required
        func closed(_ j: Int) -> Int { block.columns[j].works.reduce(0) { $0 + (required[$1] == 0 ? 1 : 0) } }
        for _ in 0..<200 {
            var moved = false
            for j in block.columns.indices where agents[j] > 0 {
                let closedHere = closed(j)
                for k in neighbours(of: j) where agents[j] > 0 && block.columns[k].cost <= block.columns[j].cost + 1e-12
                {
                    let closedThere = closed(k)
                    guard closedThere <= closedHere, hasRoom(k, freeing: j), canMove(from: j, to: k, mark: &mark) else {
                        continue
                    }
                    // Over-coverage change: k's new intervals that are already covered, less j's freed ones.
                    for t in block.columns[j].works { mark[t] = true }
                    let gained = block.columns[k].works.reduce(0) {
                        $0 + (!mark[$1] && coverage[$1] >= required[$1] ? 1 : 0)
                    }
                    for t in block.columns[j].works { mark[t] = false }
                    for t in block.columns[k].works { mark[t] = true }
                    let freed = block.columns[j].works.reduce(0) { $0 + (!mark[$1] ? 1 : 0) }
                    for t in block.columns[k].works { mark[t] = false }
                    guard closedThere < closedHere || gained < freed else { continue }
                    add(j, -1)
                    add(k)
                    moved = true
                }
            }
            if !moved { return }
        }
    }

    /// Columns of the same template one slot earlier or later, or with the break one slot moved;
    /// for tours also the days off moved by one day. In column order.
    func neighbours(of j: Int) -> [Int] {
        let c = block.columns[j]
        var places: [Place] = [
            Place(template: c.template, start: c.startKey - 1, breakOffset: c.breakOffset, daysOff: c.daysOff),
            Place(template: c.template, start: c.startKey + 1, breakOffset: c.breakOffset, daysOff: c.daysOff),
        ]
        if let b = c.breakOffset {
            places.append(Place(template: c.template, start: c.startKey, breakOffset: b - 1, daysOff: c.daysOff))
            places.append(Place(template: c.template, start: c.startKey, breakOffset: b + 1, daysOff: c.daysOff))
        }
        if c.daysOff >= 0 {
            for shift in [1, 6] {
                places.append(
                    Place(
                        template: c.template, start: c.startKey, breakOffset: c.breakOffset,
                        daysOff: (c.daysOff + shift) % 7))
            }
        }
        return places.compactMap { columnAt[$0] }.filter { $0 != j }.sorted()
    }
}
