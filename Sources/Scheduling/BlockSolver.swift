import StaffcastCore

extension DayBlock {
    /// Solves the block: the LP bound, rounding by diving, then local improvement (see `ShiftScheduler`).
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
            if !members.isEmpty {
                groups.append((members, Double(limit)))
                groupIDs.append(group)
            }
        }
        let maxCost = useful.map { columns[$0].cost }.max() ?? 1
        let columnRows = useful.map { j in columns[j].works.compactMap { rowOfSlot[$0] >= 0 ? rowOfSlot[$0] : nil } }
        let penalty = maxCost * (rowRequired.reduce(0, +) + 1)
        var lp = CoveringLP(
            rowCount: rowRequired.count, costs: useful.map { columns[$0].cost }, columnRows: columnRows,
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
                if whole > 0 {
                    state.add(j, whole)
                    fixed = true
                }
            }
            if !fixed, let (position, value) = x.enumerated().max(by: { $0.element < $1.element }), value > 1e-7 {
                state.add(active[position])
                fixed = true
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
                if !members.isEmpty {
                    residualGroups.append((members, max(0, group.limit - Double(state.perGroup[id]))))
                }
            }
            var residualLP = CoveringLP(
                rowCount: residual.count, costs: active.map { columns[$0].cost },
                columnRows: active.map { j in
                    columns[j].works.compactMap { residualRow[$0] >= 0 ? residualRow[$0] : nil }
                },
                required: residual, groups: residualGroups, shortfallPrice: penalty)
            residualLP.perturbFirst = isTours
            let next = try residualLP.solve()
            pivots += next.pivots
            x = next.x
        }
        state.repair()
        state.improve(stopAt: lpShortfall < 1e-9 ? bound : nil)
        state.settle()
        return Result(
            agents: state.agents, lpCost: solution.cost, lowerBound: bound, lpShortfall: lpShortfall,
            pivots: pivots, reachable: reachable)
    }

    /// The LP optimum rounded up to the cost grid: when every shift costs a whole multiple of
    /// q ∈ {1, ½, ¼}, so does every integer schedule, and ⌈LP / q⌉ · q is still a lower bound.
    static func roundedBound(_ lp: Double, costs: [Double]) -> Double {
        for quantum in [1.0, 0.5, 0.25] where costs.allSatisfy({ ($0 / quantum).rounded() == $0 / quantum }) {
            return ((lp / quantum) - 1e-6).rounded(.up) * quantum
        }
        return lp
    }
}
