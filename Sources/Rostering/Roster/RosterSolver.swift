import Foundation
import Scheduling
import StaffcastCore

/// Rosters named agents onto shifts and channels (README: "Rosters").
///
/// Hard: the templates' lengths, start windows, weekdays and breaks; one shift a day; at least
/// `minimumRestSeconds` between shifts, across the week boundary too when the previous week's
/// last shifts are given; contract hours (the minimum is relaxed, with a warning, only for an
/// agent whose availability cannot reach it); days in a row; days off in a row; weekends;
/// earliest start and latest end; skills (an agent works only channels they have).
/// Soft (the objective, ``RosterObjective``): under- and over-cover per channel and interval,
/// request weights, Σ weight × (weekend days)² and × (evening shifts)² over agents, channel
/// switches inside shifts and time spent below an agent's first-choice channel.
///
/// A period longer than a week is searched seven days at a time — the weeks, and seven days from
/// each Thursday — with every other day pinned (``RosterSearch/pinned(_:offCost:to:where:)``):
/// the rules over the whole period still hold, and a move costs what a one-week move costs.
///
/// Never "infeasible": when the team cannot cover, the best roster is returned with every short
/// interval and its cause. Deterministic: a fixed number of moves and a seeded generator.
public enum RosterSolver {
    public static func solve(_ input: RosterInput) throws(RosteringError) -> Roster {
        let started = Date()
        var search = try RosterSearch(input: input)
        try search.run(started: started)
        return search.publish()
    }
}

extension RosterSearch {
    /// The exact objective of the placed roster.
    func objective() -> RosterObjective {
        var under = 0.0
        var over = 0.0
        for c in grid.channels.indices {
            let wUnder = input.weights.underCover(grid.channels[c]) * hours
            let wOver = input.weights.overCover * hours
            for d in 0..<grid.days {
                for k in grid.required[c][d].indices {
                    let gap = working[c][d][k] - grid.required[c][d][k]
                    if gap < 0 { under -= Double(gap) * wUnder } else { over += Double(gap) * wOver }
                }
            }
        }
        var requests = 0.0
        var fairness = 0.0
        var switches = 0.0
        var preferences = 0.0
        var changes = 0.0
        for e in input.team.indices {
            for d in 0..<grid.days where pins[e][d] != nil { changes += changeCost(e, d, option: placed[e][d]?.option) }
            var weekendDays = 0
            var evenings = 0
            for d in 0..<grid.days {
                if let shift = placed[e][d] {
                    requests += requestCost[e][d][shift.option]
                    if isWeekend[d] { weekendDays += 1 }
                    if isEvening[shift.option] { evenings += 1 }
                    var last = -1
                    for c in shift.channels where c >= 0 {
                        if last >= 0 && c != last { switches += input.weights.channelSwitch }
                        last = c
                        if let rank = skills[e].first(where: { $0.channel == c })?.rank {
                            preferences += Double(rank) * input.weights.preferenceStep * hours
                        }
                    }
                } else {
                    requests += requestOff[e][d]
                }
            }
            fairness +=
                input.weights.weekendFairness * Double(weekendDays * weekendDays)
                + input.weights.eveningFairness * Double(evenings * evenings)
        }
        return RosterObjective(
            underCover: under, overCover: over, requests: requests + requestBase.reduce(0, +),
            fairness: fairness, switches: switches, preferences: preferences, changes: changes)
    }

    /// The search; a time limit counts from `started` (the search's set-up included).
    mutating func run(started: Date) throws(RosteringError) {
        let agents = input.team.count
        let deadline = input.seconds.map { started.addingTimeInterval($0) }
        func late() -> Bool { deadline.map { Date() >= $0 } ?? false }
        // A period longer than a week is searched seven days at a time (the other days pinned).
        let windows = grid.days > 7 ? searchWindows : []
        // The published days first, as published, so that everybody's first roster sees them.
        for e in 0..<agents { place(e, publishedWeek(e)) }
        for e in 0..<agents {
            if windows.isEmpty {
                let old = placed[e]
                remove(e)
                place(e, keepingPublished(e, current: old))
            } else {
                try constructByWeeks(e)
            }
        }
        var value = objective().total
        // Best-response sweeps, then ruin-and-recreate moves; a change is kept when the exact
        // objective does not rise.
        for _ in 0..<4 {
            var improved = false
            for e in 0..<agents {
                for window in windows.isEmpty ? [nil] : windows.map(Optional.some) where !late() {
                    let old = placed[e]
                    remove(e)
                    guard let week = bestWeek(e, current: old, noise: 0, window: window) else {
                        place(e, old)
                        continue
                    }
                    place(e, week)
                    let now = objective().total
                    if now < value - 1e-9 {
                        value = now
                        improved = true
                    } else {
                        remove(e)
                        place(e, old)
                    }
                }
            }
            if !improved { break }
        }
        for _ in 0..<input.moves {
            if late() { break }
            let k = 1 + Int(random.next() % UInt64(min(agents, 3)))
            var chosen: [Int] = []
            while chosen.count < k {
                let e = Int(random.next() % UInt64(agents))
                if !chosen.contains(e) { chosen.append(e) }
            }
            let window = windows.isEmpty ? nil : windows[Int(random.next() % UInt64(windows.count))]
            let saved = chosen.map { placed[$0] }
            for e in chosen { remove(e) }
            for (i, e) in chosen.enumerated() {
                place(
                    e,
                    bestWeek(e, current: saved[i], noise: input.weights.overCover * hours, window: window) ?? saved[i])
            }
            for e in chosen {
                let old = placed[e]
                remove(e)
                place(e, bestWeek(e, current: old, noise: 0, window: window) ?? old)
            }
            let now = objective().total
            if now <= value + 1e-9 {
                value = now
            } else {
                for e in chosen { remove(e) }
                for (i, e) in chosen.enumerated() { place(e, saved[i]) }
            }
        }
        // Channel choice again with everybody in place (fewer switches, preferred channels).
        for _ in 0..<2 {
            for e in 0..<agents where !late() {
                let old = placed[e]
                remove(e)
                var week = old
                for d in 0..<grid.days {
                    guard let shift = old[d], let k0 = grid.startSlot[d][shift.option] else { continue }
                    let option = grid.options[shift.option]
                    week[d]?.channels = channels(
                        e, d, start: k0, slots: grid.slotCount[d][shift.option], breakAt: shift.breakOffset,
                        breakSlots: option.breakSlots)
                }
                place(e, week)
                let now = objective().total
                if now <= value + 1e-9 {
                    value = now
                } else {
                    remove(e)
                    place(e, old)
                }
            }
        }
    }

    /// e's first period, a week at a time: each week's search sees the weeks before it as placed
    /// and the weeks after it as off, with the contract's minimum and maximum hours, its shifts and
    /// its weekends pro rata up to the week's end (the last week has the whole period's), so they
    /// spread over the weeks.
    /// When a week finds nothing (the week before left too few days for the rest of the hours), it
    /// is searched again together with the week before; when that finds nothing either, the whole
    /// period is searched at once, after checking it admits a legal period at all.
    mutating func constructByWeeks(_ e: Int) throws(RosteringError) {
        let full = rules[e]
        var done = true
        let weeks = weekWindows
        let kept = pins[e].map { $0?.kept ?? false }
        for (w, week) in weeks.enumerated() {
            // Days decided by the week's end: those up to it and the published days kept after it.
            let decided = week.upperBound + kept[week.upperBound...].filter { $0 }.count
            let share = Double(decided) / Double(grid.days)
            rules[e].minMinutes = Int((Double(full.minMinutes) * share).rounded(.down))
            rules[e].maxMinutes = min(full.maxMinutes, Int((Double(full.maxMinutes) * share).rounded(.up)))
            rules[e].maxShifts = full.maxShifts.map { min($0, Int((Double($0) * share).rounded(.up))) }
            rules[e].maxWeekends = min(full.maxWeekends, Int((Double(full.maxWeekends) * share).rounded(.up)))
            let old = placed[e]
            remove(e)
            // The week, else the week together with the one before it (the week before may have
            // left too few days for the rest: runs, days off, free Sundays).
            let tries = w > 0 ? [week, weeks[w - 1].lowerBound..<week.upperBound] : [week]
            var found: [PlacedShift?]?
            for window in tries where found == nil {
                found = bestWeek(e, current: old, noise: 0, window: window, keepPublished: true)
            }
            guard let found else {
                place(e, old)
                done = false
                break
            }
            place(e, found)
        }
        rules[e] = full
        if done { return }
        let old = placed[e]
        remove(e)
        if let warning = try Self.legalPeriod(
            &rules[e], agent: input.team[e], patterns: patterns, automaton: workingTime, grid: grid)
        {
            warnings.append(warning)
        }
        place(e, keepingPublished(e, current: old))
    }

    /// e's best period that keeps their published days (e must not be placed; `current` holds
    /// them): under the rules as they are. For an agent with published days that cannot all be
    /// kept so, the contract minimum is lowered to what those days hold, for the rest of the search
    /// too — the period slides on and the days still open may not fit the rest of it, and an
    /// agent who asked for a day off after publication is not given longer published shifts to
    /// make up for it (a warning says so) — and the days are kept, else changed as few as the rules
    /// force. Else every day off.
    mutating func keepingPublished(_ e: Int, current: [PlacedShift?]) -> [PlacedShift?] {
        if let period = bestWeek(e, current: current, noise: 0, keepPublished: true) { return period }
        let none = [PlacedShift?](repeating: nil, count: grid.days)
        guard pins[e].contains(where: { $0 != nil }) else { return bestWeek(e, current: current, noise: 0) ?? none }
        let contract = rules[e].minMinutes
        rules[e].minMinutes = min(contract, Self.keptMinutes(pins[e], grid: grid))
        guard
            let period = bestWeek(e, current: current, noise: 0, keepPublished: true)
                ?? bestWeek(e, current: current, noise: 0)
        else { return none }
        let minutes = (0..<grid.days).reduce(0) { total, d in
            total + (period[d].map { grid.options[$0.option].paidMinutes } ?? 0)
        }
        if minutes < contract {
            warnings.append(
                "\(input.team[e].id): the contract minimum of \(NumberFormatShort.text(input.team[e].minHoursPerWeek)) h a week is not reached over the period while the published days are kept; rostered below it"
            )
        }
        return period
    }

    /// e's published days that can still be worked, as published: the break where it was when
    /// the template still allows it there, and each slot on the channel it was published on when
    /// that is still one of the agent's (else the channels chosen for the requirement as it is
    /// now); every other day off.
    func publishedWeek(_ e: Int) -> [PlacedShift?] {
        (0..<grid.days).map { d -> PlacedShift? in
            guard case .shift(let o)? = pins[e][d], let k0 = grid.startSlot[d][o] else { return nil }
            let option = grid.options[o]
            let day = publishedDays[input.team[e].id]?[grid.dates[d]]
            var breakAt = option.breakSlots > 0 ? option.breakFirstOffset : -1
            if option.breakSlots > 0, let start = day?.breakStart,
                let at = (option.breakFirstOffset...max(option.breakFirstOffset, option.breakLastOffset)).first(where: {
                    grid.instant(d, k0 + $0) == start
                })
            {
                breakAt = at
            }
            let slots = grid.slotCount[d][o]
            var chosen = channels(e, d, start: k0, slots: slots, breakAt: breakAt, breakSlots: option.breakSlots)
            for i in chosen.indices where chosen[i] >= 0 {
                let instant = grid.instant(d, k0 + i)
                guard let block = day?.activities.first(where: { $0.start <= instant && instant < $0.end }),
                    let c = grid.channels.firstIndex(of: block.channel),
                    skills[e].contains(where: { $0.channel == c })
                else { continue }
                chosen[i] = c
            }
            return PlacedShift(option: o, breakOffset: breakAt, channels: chosen)
        }
    }
}
