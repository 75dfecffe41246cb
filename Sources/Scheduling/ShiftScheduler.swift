import StaffcastCore

/// Chooses how many agents start each shift so every interval's requirement is covered at least
/// cost — the set-covering integer programme
///
///     minimise Σ_j cost_j · x_j   subject to   Σ_{j works t} x_j ≥ r_t,   x_j ≥ 0 integer,
///
/// where a column j is a (template, day, start, break placement) and "works t" excludes the
/// break. Channels are independent. A channel closed at midnight has independent days, each
/// (channel, day) block solved on its own with shifts inside the day; a channel that needs agents
/// around midnight (``isAroundTheClock(_:templates:)``) is solved day after day, a night shift
/// starting on one day and ending on the next, with a Lagrangian bound over all its days
/// (``NightChain``). With weekly tours (`tours: true`) a column
/// is a tour — a template, a start time and two consecutive days off — and each (channel, ISO
/// week) is one block:
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
    public static func solve(
        _ requirements: [ChannelRequirement], templates: [ShiftTemplate],
        tours: Bool = false
    ) throws(SchedulingError) -> Schedule {
        guard !templates.isEmpty else { throw .noTemplates }
        var schedule = Schedule(
            shifts: [], coverage: [], uncovered: [], agentHours: 0, cost: 0, lpOptimum: 0,
            lowerBound: 0, lpShortfall: 0, pivots: 0)
        /// A block solved on its own, or a night chain (days solved in order, see ``NightChain``).
        enum Work {
            case block(DayBlock)
            case chain(NightChain)
        }
        enum Solved {
            case block(DayBlock.Result)
            case chain(DayBlock, DayBlock.Result)
        }
        var blocks: [(channel: String, work: Work)] = []
        for requirement in requirements {
            let interval = requirement.intervalSeconds
            guard interval > 0, 86_400 % interval == 0 else {
                throw .invalidRequirement(
                    "channel \(requirement.channel): the interval \(interval) s does not divide a day")
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
                    blocks.append(
                        (
                            requirement.channel,
                            .block(DayBlock(tourWeek: week, interval: interval, templates: templates))
                        ))
                }
            } else if Self.isAroundTheClock(requirement, templates: templates) {
                let days = requirement.days.sorted { $0.date < $1.date }
                for (a, b) in zip(days, days.dropFirst()) where b.date != a.date.adding(days: 1) {
                    throw .invalidRequirement(
                        "channel \(requirement.channel): the days must follow each other (\(a.date) is followed by \(b.date))"
                    )
                }
                blocks.append(
                    (requirement.channel, .chain(NightChain(days: days, interval: interval, templates: templates))))
            } else {
                for day in requirement.days where day.isReported {
                    blocks.append(
                        (requirement.channel, .block(DayBlock(day: day, interval: interval, templates: templates))))
                }
            }
        }
        // The blocks are independent: solved on every core, assembled in their order (the same
        // schedule, and the first failing block's error, as one after the other).
        let solvedBlocks = blocks
        let results = Parallel.map(solvedBlocks.count, minimumChunk: 1) { k in
            Result { () throws(SchedulingError) -> Solved in
                switch solvedBlocks[k].work {
                case .block(let block): return .block(try block.solve())
                case .chain(let chain):
                    let solved = try chain.solve()
                    return .chain(solved.block, solved.result)
                }
            }
        }
        for (k, item) in blocks.enumerated() {
            switch (item.work, try results[k].get()) {
            case (.block(let block), .block(let result)):
                schedule.append(result, block: block, channel: item.channel)
            case (.chain, .chain(let block, let result)):
                schedule.append(result, block: block, channel: item.channel)
            default: break
            }
        }
        return schedule
    }

    /// Whether a channel is scheduled over all its days at once: some template may run past
    /// midnight and the channel needs agents on either side of one (in the last interval of a day
    /// or the first of the next), or the caller gave days around the period for night shifts to
    /// reach from or into. Channels that are closed at midnight keep one block per day, their
    /// shifts within it.
    public static func isAroundTheClock(_ requirement: ChannelRequirement, templates: [ShiftTemplate]) -> Bool {
        let crossing = templates.contains { $0.latestStartSeconds + $0.lengthSeconds > 86_400 }
        guard crossing else { return false }
        if requirement.days.contains(where: { !$0.isReported }) { return true }
        let days = requirement.days.sorted { $0.date < $1.date }
        return zip(days, days.dropFirst()).contains { a, b in
            b.date == a.date.adding(days: 1) && ((a.required.last ?? 0) > 0 || (b.required.first ?? 0) > 0)
        }
    }

    static func validate(_ day: DayRequirement, interval: Int, channel: String) throws(SchedulingError) {
        let slots = day.required.count
        guard slots * interval <= 90_000 else {
            throw .invalidRequirement("channel \(channel), \(day.date): \(slots) intervals are more than a day")
        }
        if let clock = day.wallClockSeconds, clock.count != slots {
            throw .invalidRequirement(
                "channel \(channel), \(day.date): \(clock.count) wall-clock times for \(slots) intervals")
        }
        if let k = day.required.firstIndex(where: { $0 < 0 }) {
            throw .invalidRequirement(
                "channel \(channel), \(day.date) interval \(k): negative requirement \(day.required[k])")
        }
    }
}
