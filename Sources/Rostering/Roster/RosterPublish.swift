import Scheduling
import StaffcastCore

extension RosterSearch {
    /// Deferred channels take idle time: agents above the requirement on their own channel who
    /// have the deferred skill work its backlog, first in first out, until each contact's
    /// deadline. Returns the work (agent-slots) that missed its deadline, by arrival slot.
    mutating func fillIdleTimeWithDeferredWork() -> [Int: [[Int]]] {
        var late: [Int: [[Int]]] = [:]
        for (c, channel) in grid.channels.enumerated() {
            guard let deadline = input.deferredChannels[channel] else { continue }
            let window = max(1, deadline / grid.interval)
            var missed = grid.required[c].map { [Int](repeating: 0, count: $0.count) }
            var queue: [(d: Int, k: Int, due: Int, left: Int)] = []
            var t = 0
            for d in 0..<grid.days {
                for k in grid.required[c][d].indices {
                    if grid.required[c][d][k] > 0 { queue.append((d, k, t + window, grid.required[c][d][k])) }
                    var capacity = working[c][d][k]
                    var pending = queue.reduce(0) { $0 + $1.left }
                    // Helpers: agents idle on another channel who have this skill.
                    if pending > capacity {
                        for e in input.team.indices where skills[e].contains(where: { $0.channel == c }) {
                            guard pending > capacity, var shift = placed[e][d], let k0 = grid.startSlot[d][shift.option]
                            else { continue }
                            let i = k - k0
                            guard i >= 0, i < shift.channels.count else { continue }
                            let other = shift.channels[i]
                            guard other >= 0, other != c, working[other][d][k] > grid.required[other][d][k] else {
                                continue
                            }
                            shift.channels[i] = c
                            placed[e][d] = shift
                            working[other][d][k] -= 1
                            working[c][d][k] += 1
                            capacity += 1
                        }
                    }
                    while capacity > 0, !queue.isEmpty {
                        let served = min(capacity, queue[0].left)
                        queue[0].left -= served
                        capacity -= served
                        if queue[0].left == 0 { queue.removeFirst() }
                    }
                    t += 1
                    while let head = queue.first, head.due <= t {
                        missed[head.d][head.k] += head.left
                        queue.removeFirst()
                    }
                    pending = 0
                }
            }
            for item in queue { missed[item.d][item.k] += item.left }
            late[c] = missed
        }
        return late
    }

    /// Why slot k of day d is short on channel c, in a planner's words.
    mutating func cause(channel c: Int, day d: Int, slot k: Int) -> String {
        let skilled = input.team.indices.filter { e in skills[e].contains { $0.channel == c } }
        guard !skilled.isEmpty else { return "no agent has the skill \(grid.channels[c])" }
        // Shifts starting this day, or the day before and running past midnight.
        let reachable = [d, d - 1].contains { start in
            guard start >= 0 else { return false }
            let slot = start == d ? k : k + grid.wallClock[start].count
            return grid.options.indices.contains { o in
                guard let k0 = grid.startSlot[start][o] else { return false }
                return slot >= k0 && slot < k0 + grid.slotCount[start][o]
            }
        }
        guard reachable else { return "no shift template covers this time" }
        var elsewhere = 0
        var onBreak = 0
        var unavailable = 0
        var window = 0
        var atMaximum = 0
        var rules = 0
        var otherShift = 0
        var heldByRule: [WorkingTimeRule: Int] = [:]
        for e in skilled {
            let agent = input.team[e]
            if let shift = placed[e][d], let k0 = grid.startSlot[d][shift.option] {
                let i = k - k0
                if i >= 0 && i < shift.channels.count {
                    if shift.channels[i] < 0 { onBreak += 1 } else if shift.channels[i] != c { elsewhere += 1 }
                } else {
                    otherShift += 1
                }
                continue
            }
            if !self.rules[e].allowed[d].contains(true) {
                unavailable += 1
                continue
            }
            if !agent.mayWorkAt(grid.wallClock[d][k]) {
                window += 1
                continue
            }
            let paid = (0..<grid.days).reduce(0) {
                $0 + (placed[e][$1].map { grid.options[$0.option].paidMinutes } ?? 0)
            }
            let shortest = grid.options.map(\.paidMinutes).min() ?? 0
            if paid + shortest > self.rules[e].maxMinutes {
                atMaximum += 1
            } else if let rule = workingTimeCause(e, day: d, slot: k) {
                heldByRule[rule, default: 0] += 1
            } else {
                rules += 1
            }
        }
        var parts: [String] = []
        if elsewhere > 0 { parts.append("\(elsewhere) skilled at work on other channels") }
        if otherShift > 0 { parts.append("\(otherShift) on a shift that does not cover this time") }
        if onBreak > 0 { parts.append("\(onBreak) on break") }
        if atMaximum > 0 { parts.append("\(atMaximum) at their contract maximum") }
        if rules > 0 { parts.append("\(rules) held off by rest, days-in-a-row, days-off or weekend rules") }
        for rule in WorkingTimeRule.allCases {
            if let count = heldByRule[rule] { parts.append("\(count) held off by \(rule.phrase) (\(rule.rawValue))") }
        }
        if window > 0 { parts.append("\(window) outside their start and end times") }
        if unavailable > 0 { parts.append("\(unavailable) unavailable") }
        return "shortage: " + parts.joined(separator: "; ")
    }

    /// The working-time rule that keeps an idle agent off slot k of day d: the one most of the
    /// options covering it would break, when all of them break one; nil when one would keep them
    /// all (or there are no such rules).
    mutating func workingTimeCause(_ e: Int, day d: Int, slot k: Int) -> WorkingTimeRule? {
        guard workingTime != nil else { return nil }
        var causes = workingTimeCauses(e, start: d, slot: k)
        if d > 0 && placed[e][d - 1] == nil {
            causes += workingTimeCauses(e, start: d - 1, slot: k + grid.wallClock[d - 1].count)
        }
        guard !causes.isEmpty, !causes.contains(where: { $0 == nil }) else { return nil }
        var counts: [WorkingTimeRule: Int] = [:]
        for case let rule? in causes { counts[rule, default: 0] += 1 }
        return WorkingTimeRule.allCases.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }
    }

    mutating func publish() -> Roster {
        let late = fillIdleTimeWithDeferredWork()
        var shifts: [RosterShift] = []
        var hoursRows: [AgentHours] = []
        let scale = Double(grid.days) / 7
        for (e, agent) in input.team.enumerated() {
            var paid = 0.0
            var count = 0
            for d in 0..<grid.days {
                guard let shift = placed[e][d], let k0 = grid.startSlot[d][shift.option] else { continue }
                let option = grid.options[shift.option]
                var blocks: [ActivityBlock] = []
                for (i, c) in shift.channels.enumerated() where c >= 0 {
                    let start = grid.instant(d, k0 + i)
                    let end = grid.instant(d, k0 + i + 1)
                    if let last = blocks.last, last.end == start, last.channel == grid.channels[c] {
                        blocks[blocks.count - 1].end = end
                    } else {
                        blocks.append(ActivityBlock(channel: grid.channels[c], start: start, end: end))
                    }
                }
                let breakStart = shift.breakOffset >= 0 ? grid.instant(d, k0 + shift.breakOffset) : nil
                // Real hours: a night shift over a clock change is an hour shorter or longer.
                let slots = grid.slotCount[d][shift.option]
                let paidHours =
                    Double(option.paidMinutes) / 60 + Double((slots - option.slots) * grid.interval) / 3600
                shifts.append(
                    RosterShift(
                        agent: agent.id, date: grid.dates[d], template: option.name,
                        start: grid.instant(d, k0), end: grid.instant(d, k0 + slots),
                        breakStart: breakStart,
                        breakEnd: breakStart.map { $0 + Int64(option.breakSlots * grid.interval) },
                        activities: blocks, paidHours: paidHours))
                paid += paidHours
                count += 1
            }
            hoursRows.append(
                AgentHours(
                    agent: agent.id, hours: paid, contractMin: agent.minHoursPerWeek * scale,
                    contractMax: agent.maxHoursPerWeek * scale, shifts: count))
        }
        var coverage: [ChannelCoverage] = []
        var uncovered: [UncoveredInterval] = []
        for (c, channel) in grid.channels.enumerated() {
            for d in 0..<grid.days {
                for k in grid.required[c][d].indices {
                    let instant = grid.instant(d, k)
                    coverage.append(
                        ChannelCoverage(
                            channel: channel, instant: instant, required: grid.required[c][d][k],
                            rostered: working[c][d][k]))
                    let short: Int
                    if let missed = late[c] {
                        short = missed[d][k]
                    } else {
                        short = grid.required[c][d][k] - working[c][d][k]
                    }
                    if short > 0 {
                        let why =
                            late[c] != nil
                            ? "work past its deadline; " + cause(channel: c, day: d, slot: k)
                            : cause(channel: c, day: d, slot: k)
                        uncovered.append(
                            UncoveredInterval(channel: channel, instant: instant, shortfall: short, cause: why))
                    }
                }
            }
        }
        shifts.sort { ($0.start, $0.agent) < ($1.start, $1.agent) }
        var roster = Roster(
            shifts: shifts, hours: hoursRows, coverage: coverage, uncovered: uncovered, objective: objective(),
            warnings: warnings)
        roster.changes = changes()
        return roster
    }

    /// The published days the roster changes, with why: the day's own cause (a new
    /// unavailability, the shift no longer a template or within the agent's limits and rules),
    /// else the agent's first such day (the rest of their period moved with it), else the cover
    /// of the requirement as it is now. An agent no longer in the team loses their shifts.
    func changes() -> [RosterChange] {
        var result: [RosterChange] = []
        let ids = Set(input.team.map(\.id))
        for (agent, days) in publishedDays where !ids.contains(agent) {
            for day in days.values where day.shift != nil {
                result.append(
                    RosterChange(agent: agent, date: day.date, before: day.shift, after: nil, reason: "not in the team")
                )
            }
        }
        for (e, agent) in input.team.enumerated() {
            guard let days = publishedDays[agent.id] else { continue }
            let firstLost = (0..<grid.days).lazy.compactMap { d -> (Int, String)? in
                if case .lost(let why)? = self.pins[e][d] { return (d, why) }
                return nil
            }.first
            for d in 0..<grid.days {
                guard let pin = pins[e][d], let day = days[grid.dates[d]] else { continue }
                let after = placed[e][d].flatMap { shift -> ShiftTimes? in
                    guard let k0 = grid.startSlot[d][shift.option] else { return nil }
                    return ShiftTimes(
                        start: grid.instant(d, k0), end: grid.instant(d, k0 + grid.slotCount[d][shift.option]))
                }
                guard after != day.shift else { continue }
                var reason = "to cover the requirement"
                if case .lost(let why) = pin {
                    reason = why
                } else if let (l, why) = firstLost {
                    reason = "follows \(grid.dates[l]) (\(why))"
                }
                result.append(
                    RosterChange(agent: agent.id, date: grid.dates[d], before: day.shift, after: after, reason: reason))
            }
        }
        return result.sorted { ($0.date, $0.agent) < ($1.date, $1.agent) }
    }
}
