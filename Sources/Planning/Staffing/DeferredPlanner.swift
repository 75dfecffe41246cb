import Forecasting
import Queueing
import StaffcastCore

/// Deferred work (e-mail, social messages) planned on the local clock: agents only in the
/// channel's working hours, each contact answered within its deadline counted in working time or
/// clock time, the work levelled (`LevelledDeferred`: the least peak, then the fewest
/// agent-hours), starting from the backlog the week inherits.
public enum DeferredPlanner {
    /// The plan's intervals: the horizon cut into `intervalSeconds`, with arrivals, working flags
    /// and each interval's due interval.
    struct Grid {
        var start: Int64
        var instants: [Int64]
        var arrivals: [Double]
        var means: [Double]
        var working: [Bool]
        var due: [Int]
    }

    /// Rows for every working interval and every interval with contacts of `forecast` in
    /// `horizon` (default: the forecast's span). `contacts[i]` is what forecast interval i is
    /// staffed for (its mean, or a quantile of it); `waiting` what the week starts with.
    static func plan(
        _ forecast: Forecast, contacts: [Double], ahtSeconds: Double, rules: DeferredRules, shrinkage: Double,
        intervalSeconds: Int, calendar: PlanningCalendar, horizon: Range<Int64>?, waiting: [WaitingWork],
        source: String
    ) throws(PlanningError) -> [RequirementRow] {
        guard rules.deadlineSeconds >= intervalSeconds else {
            throw .config(
                path: source, key: "channels.\(forecast.channel).deadline",
                message:
                    "\(Durations.format(rules.deadlineSeconds)) is shorter than one \(Durations.format(intervalSeconds)) interval"
            )
        }
        guard
            let grid = try grid(
                forecast, contacts: contacts, rules: rules, intervalSeconds: intervalSeconds,
                calendar: calendar, horizon: horizon, source: source)
        else { return [] }
        let plan = try queueing { () throws(QueueingError) in
            try LevelledDeferred.plan(
                arrivals: grid.arrivals, working: grid.working, due: grid.due, waiting: waiting,
                intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds)
        }
        var rows: [RequirementRow] = []
        for i in grid.instants.indices where grid.working[i] || grid.arrivals[i] > 0 || plan[i].agents > 0 {
            let staffing = ChannelStaffing.deferredStaffing(
                plan[i], contacts: grid.arrivals[i], ahtSeconds: ahtSeconds,
                intervalSeconds: intervalSeconds, shrinkage: shrinkage)
            rows.append(
                RequirementRow(
                    instant: grid.instants[i], channel: forecast.channel, contacts: grid.arrivals[i],
                    meanContacts: grid.means[i], ahtSeconds: ahtSeconds, staffing: staffing, serviceLevelAtMean: 1,
                    backlog: plan[i].backlog, oldestAgeSeconds: plan[i].oldestAgeSeconds))
        }
        return rows
    }

    /// What a plan of `previous` (the week before, opening empty, carrying what is due later)
    /// leaves waiting, as the next week's opening backlog: first in, first out, the backlog is the
    /// latest arrivals, so it is cut back into the intervals it arrived in, each keeping its arrival
    /// and its own deadline on the next week's grid (counted in working or clock time as the rules
    /// say), oldest first. Work carried in is thus due when it really is, not all at once.
    /// `nextOpen`: the next week's open intervals (where a channel without working hours works).
    static func leftOver(
        _ previous: Forecast, ahtSeconds: Double, rules: DeferredRules, intervalSeconds: Int,
        calendar: PlanningCalendar, horizon: Range<Int64>, next: Range<Int64>, nextOpen: [Int64],
        source: String
    ) throws(PlanningError) -> [WaitingWork] {
        var carry = rules
        carry.closing = .carry
        guard
            let before = try grid(
                previous, contacts: previous.mean, rules: carry, intervalSeconds: intervalSeconds,
                calendar: calendar, horizon: horizon, source: source)
        else { return [] }
        let plan = try queueing { () throws(QueueingError) in
            try LevelledDeferred.plan(
                arrivals: before.arrivals, working: before.working, due: before.due,
                intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds)
        }
        guard let last = plan.last, last.backlog > 1e-9 else { return [] }
        // Without working hours the channel works whenever it has contacts: in the next week's
        // open intervals (its forecast's).
        let open = rules.workingHours == nil ? nextOpen.filter { next.contains($0) } : []
        let zeros = [Double](repeating: 0, count: open.count)
        let nextGrid = Forecast(
            channel: previous.channel, model: previous.model, instants: open, mean: zeros, lo80: zeros, hi80: zeros,
            lo95: zeros, hi95: zeros)
        guard
            let target = try grid(
                nextGrid, contacts: zeros, rules: rules, intervalSeconds: intervalSeconds, calendar: calendar,
                horizon: next, source: source)
        else { return [] }
        let positions = target.working.indices.filter { target.working[$0] }
        let count = before.instants.count
        /// When work that arrived in interval `i` of the week before is due on the next week's grid.
        func due(arrivedIn i: Int) -> Int {
            switch rules.clock {
            case .wall:
                let deadline = before.instants[i] + Int64(rules.deadlineSeconds)
                return target.instants.lastIndex { $0 + Int64(intervalSeconds) <= deadline } ?? 0
            case .working:
                // Working intervals already spent waiting count against the allowance.
                let spent = before.working[i...].filter { $0 }.count
                let left = max(1, rules.deadlineSeconds / intervalSeconds - spent)
                return left <= positions.count
                    ? positions[left - 1] : (rules.closing == .staff ? (positions.last ?? 0) : Int.max)
            }
        }
        // The backlog, newest arrivals first, then oldest first; pieces due at the same time merged.
        var remaining = last.backlog
        var pieces: [WaitingWork] = []
        for i in stride(from: count - 1, through: 0, by: -1) where remaining > 1e-9 && before.arrivals[i] > 0 {
            let take = min(remaining, before.arrivals[i])
            remaining -= take
            pieces.append(WaitingWork(contacts: take, waitedIntervals: count - i, due: due(arrivedIn: i)))
        }
        var waiting: [WaitingWork] = []
        for piece in pieces.reversed() {
            if let lastPiece = waiting.last, lastPiece.due == piece.due {
                waiting[waiting.count - 1].contacts += piece.contacts
            } else {
                waiting.append(piece)
            }
        }
        return waiting
    }

    /// The grid of `horizon` with the forecast's contacts, the working intervals and the due
    /// interval of each; nil for an empty horizon. Refuses contacts that the working hours can
    /// never answer before their deadline, naming the channel and the day.
    static func grid(
        _ forecast: Forecast, contacts: [Double], rules: DeferredRules, intervalSeconds: Int,
        calendar: PlanningCalendar, horizon: Range<Int64>?, source: String
    ) throws(PlanningError) -> Grid? {
        let step = Int64(intervalSeconds)
        let start = horizon?.lowerBound ?? forecast.instants.first ?? 0
        let end = horizon?.upperBound ?? ((forecast.instants.last ?? start) + step)
        guard end > start, (end - start) / step < 1_000_000 else { return nil }
        let count = Int((end - start + step - 1) / step)
        let instants = (0..<count).map { start + Int64($0) * step }
        var arrivals = [Double](repeating: 0, count: count)
        var means = arrivals
        var hasRow = [Bool](repeating: false, count: count)
        for (i, instant) in forecast.instants.enumerated() where instant >= start && instant < end {
            let slot = Int((instant - start) / step)
            arrivals[slot] += contacts[i]
            means[slot] += forecast.mean[i]
            hasRow[slot] = true
        }
        var working = hasRow
        if let hours = rules.workingHours {
            working = instants.map { instant in
                let local = calendar.local(instant)
                return hours.contains(
                    weekday: local.date.weekday, secondsOfDay: local.secondsOfDay, intervalSeconds: intervalSeconds)
            }
        }
        let lastWorking = working.lastIndex(of: true)
        var due: [Int]
        switch rules.clock {
        case .working:
            due = DeferredDeadlines.workingTime(working: working, allowance: rules.deadlineSeconds / intervalSeconds)
        case .wall:
            var lastWorkingBefore = [Int](repeating: -1, count: count)
            var latest = -1
            for i in 0..<count {
                if working[i] { latest = i }
                lastWorkingBefore[i] = latest
            }
            due = (0..<count).map { i in
                // The last interval that ends by the deadline.
                let deadline = instants[i] + Int64(rules.deadlineSeconds)
                let last = Int((deadline - start) / step) - 1
                return last >= count ? Int.max : last
            }
            for i in 0..<count where arrivals[i] > 0 && due[i] != Int.max {
                let deadlineSlot = due[i]
                guard deadlineSlot >= i, lastWorkingBefore[deadlineSlot] >= i else {
                    throw .config(
                        path: source, key: "channels.\(forecast.channel).working_hours",
                        message:
                            "contacts arriving \(calendar.format(instants[i])) cannot be answered within \(Durations.format(rules.deadlineSeconds)) of clock time: no working hours before \(calendar.format(instants[i] + Int64(rules.deadlineSeconds)))"
                    )
                }
            }
        }
        if rules.closing == .staff, let lastWorking {
            for i in 0..<count where due[i] == Int.max || due[i] > lastWorking { due[i] = lastWorking }
            if let i = (0..<count).first(where: { arrivals[$0] > 0 && $0 > lastWorking }) {
                throw .config(
                    path: source, key: "channels.\(forecast.channel).closing_backlog",
                    message:
                        "\"staff\" cannot answer contacts arriving \(calendar.format(instants[i])), after the week's last working hour; use \"carry\""
                )
            }
        }
        if rules.workingHours != nil, lastWorking == nil, arrivals.contains(where: { $0 > 0 }) {
            throw .config(
                path: source, key: "channels.\(forecast.channel).working_hours",
                message: "no working hours in the week, but contacts arrive")
        }
        return Grid(start: start, instants: instants, arrivals: arrivals, means: means, working: working, due: due)
    }
}
