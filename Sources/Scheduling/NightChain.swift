import StaffcastCore

/// A channel that needs agents around midnight, scheduled day after day: its night shifts start
/// on one day and run into the next, so the days are not independent, but one LP over the whole
/// week is too large for the dense simplex (thousands of columns and rows). Two passes:
///
/// 1. **The schedule**, day by day in time order, looking a day ahead. The window of day d holds
///    that day and the next (each less the heads the earlier days' shifts already bring), and the
///    first hours of the day after that only the next day's shifts can reach (before any template
///    may start then); its columns are the shifts starting on day d and d + 1. Each window is
///    solved like any other block (LP, diving, local improvement); day d's shifts are kept and
///    their hours carried into the next window.
/// 2. **The bound**: the LP relaxation of all the days at once, solved once (a few hundred
///    pivots; it is the diving — one LP re-solve per fixed agent — that a whole-week block cannot
///    afford). Daily headcount limits are left out of it, which only lowers it.
/// 3. **The seams**: the blocks' shifts together, improved over all the days at once (drop what is
///    redundant, replace by cheaper, move a start or a break), so that a night shift and the next
///    morning's shifts are weighed against each other.
struct NightChain {
    let days: [DayRequirement]
    let interval: Int
    let templates: [ShiftTemplate]

    /// The schedule over all the days, as one block (`Schedule.append` reports the days that are
    /// reported), with the bound of the whole LP.
    func solve() throws(SchedulingError) -> (block: DayBlock, result: DayBlock.Result) {
        let whole = DayBlock(span: days, interval: interval, templates: templates)
        let (offsets, total) = DayBlock.offsets(days)
        var columnAt: [CoverState.Place: Int] = [:]
        for (j, c) in whole.columns.enumerated() {
            columnAt[
                CoverState.Place(template: c.template, start: c.startKey, breakOffset: c.breakOffset, daysOff: -1)] =
                j
        }
        // 1. Day after day: each day's requirement less what the earlier days' shifts bring, with
        // the next day's first hours that only this day's shifts can reach.
        var carried = [Int](repeating: 0, count: total)
        var agents = [Int](repeating: 0, count: whole.columns.count)
        var pivots = 0
        for d in days.indices where days[d].shiftsMayStart {
            // The window: this day, the next day whole (its shifts too, so that this day's night
            // shifts are weighed against the next morning's), and the first hours of the day
            // after that only the next day's shifts can reach. Only this day's shifts are kept.
            var window: [DayRequirement] = []
            for e in d..<min(days.count, d + 3) {
                var day = days[e]
                day.required = day.required.indices.map { max(0, day.required[$0] - carried[offsets[e] + $0]) }
                if e == d + 2 || (e == d + 1 && !day.shiftsMayStart) {
                    let earliest =
                        day.shiftsMayStart
                        ? templates.filter { $0.weekdays?.contains(day.date.weekday) ?? true }.map(
                            \.earliestStartSeconds
                        ).min() ?? 0 : Int.max
                    day.required = day.required.indices.map {
                        day.wallClock($0, intervalSeconds: interval) < earliest ? day.required[$0] : 0
                    }
                    day.shiftsMayStart = false
                }
                day.isReported = false
                window.append(day)
                if !day.shiftsMayStart { break }
            }
            let block = DayBlock(span: window, interval: interval, templates: templates)
            let result = try block.solve()
            pivots += result.pivots
            for (j, count) in result.agents.enumerated()
            where count > 0 && block.columns[j].segments.first?.day == 0 {
                let c = block.columns[j]
                for t in c.works { carried[offsets[d] + t] += count }
                let place = CoverState.Place(
                    template: c.template, start: offsets[d] + c.startKey, breakOffset: c.breakOffset, daysOff: -1)
                if let k = columnAt[place] { agents[k] += count }
            }
        }
        // 2. The bound: the LP of all the days at once (its daily headcount limits dropped, which
        // only lowers it).
        let lp = try wholeLP(whole)
        pivots += lp.pivots
        let bound = DayBlock.roundedBound(lp.cost, costs: whole.columns.map(\.cost))
        // 3. The seams: the local improvement over all the days together, so a night shift and the
        // next morning's shifts are weighed against each other.
        var state = CoverState(block: whole, agents: agents)
        state.improve(stopAt: lp.shortfall < 1e-9 ? bound : nil)
        state.settle()
        var reachable = [Bool](repeating: false, count: total)
        for column in whole.columns { for t in column.works { reachable[t] = true } }
        return (
            whole,
            DayBlock.Result(
                agents: state.agents, lpCost: lp.cost, lowerBound: bound, lpShortfall: lp.shortfall, pivots: pivots,
                reachable: reachable)
        )
    }

    /// The LP relaxation over every day of the block: its optimum (the penalty for shortfall left
    /// out), the shortfall it could not avoid and its pivots.
    func wholeLP(_ whole: DayBlock) throws(SchedulingError) -> (cost: Double, shortfall: Double, pivots: Int) {
        var reachable = [Bool](repeating: false, count: whole.required.count)
        for column in whole.columns { for t in column.works { reachable[t] = true } }
        var rowOfSlot = [Int](repeating: -1, count: whole.required.count)
        var required: [Double] = []
        for t in whole.required.indices where whole.required[t] > 0 && reachable[t] {
            rowOfSlot[t] = required.count
            required.append(Double(whole.required[t]))
        }
        guard !required.isEmpty else { return (0, 0, 0) }
        let useful = whole.columns.filter { $0.works.contains { rowOfSlot[$0] >= 0 } }
        let maxCost = useful.map(\.cost).max() ?? 1
        let lp = CoveringLP(
            rowCount: required.count, costs: useful.map(\.cost),
            columnRows: useful.map { $0.works.compactMap { rowOfSlot[$0] >= 0 ? rowOfSlot[$0] : nil } },
            required: required, groups: [], shortfallPrice: maxCost * (required.reduce(0, +) + 1))
        let solution = try lp.solve()
        return (solution.cost, solution.shortfall.reduce(0, +), solution.pivots)
    }
}
