/// Contacts waiting at the start of a deferred-work plan: how many, since how many intervals
/// before the plan's first they have waited, and the interval by whose end they are due.
public struct WaitingWork: Sendable, Equatable {
    public var contacts: Double
    public var waitedIntervals: Int
    /// Due by the end of this interval of the plan (0-based; 0 for work already overdue).
    public var due: Int

    public init(contacts: Double, waitedIntervals: Int, due: Int) {
        self.contacts = contacts
        self.waitedIntervals = waitedIntervals
        self.due = due
    }
}

/// Deferred work (e-mail, social messages) staffed in working hours to a deadline, levelled: the
/// least peak staffing that meets every deadline, then, with that peak, the fewest agent-hours.
///
/// Model (fluid, first in first out): contacts of interval i arrive at its start and are due by
/// the end of interval `due[i]` (the caller counts the deadline in working time or clock time;
/// `Int.max` = due after the horizon, carried). Agents work only where `working[i]`; one agent
/// handles c = interval / AHT contacts per interval.
///
/// 1. **Peak.** With at most P agents in every working interval, serving in arrival order (which
///    is earliest-deadline order, since deadlines grow with arrival) meets every deadline if any
///    service does (Jackson's rule); the least such P is found by bisection.
/// 2. **Hours.** With that peak, work is answered as it comes: each working interval gets the
///    agents for what is waiting and due within the horizon, at most P (⌈handled / c⌉). The work
///    handled is the least any plan meeting the deadlines handles, so the agent-hours are the
///    fewest up to each interval's rounding; agents never work outside working hours, and spare
///    minutes go to work due after the horizon. (Staffing as late as the deadlines allow would
///    need no fewer hours but leave the next week a backlog of up to a whole deadline's work.)
///
/// The result gives per interval the agents, the contacts handled, the backlog left at its end
/// and the clock age of the oldest contact still waiting.
public enum LevelledDeferred {
    /// - Throws: `QueueingError` naming the bad input: lengths that differ, an interval due before
    ///   it arrives or with no working interval between arrival and deadline ("open_intervals"),
    ///   contacts, interval or handle time out of range.
    public static func plan(
        arrivals: [Double], working: [Bool], due: [Int], waiting: [WaitingWork] = [],
        intervalSeconds: Int, ahtSeconds: Double
    ) throws(QueueingError) -> [DeferredInterval] {
        let n = arrivals.count
        guard working.count == n, due.count == n else {
            throw .invalidParameter(
                name: .openIntervals,
                message:
                    "needs one working flag and one due interval per interval: \(n) intervals, \(working.count) flags, \(due.count) due"
            )
        }
        for value in arrivals { try InputCheck.contacts(value) }
        for item in waiting { try InputCheck.contacts(item.contacts) }
        guard intervalSeconds > 0 else {
            throw .invalidParameter(
                name: .intervalSeconds, message: "must be a positive number of seconds, got \(intervalSeconds)")
        }
        try InputCheck.seconds(ahtSeconds, name: .ahtSeconds, allowZero: false)
        // Every contact needs a working interval between its arrival and its deadline.
        var nextWorking = [Int](repeating: Int.max, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) { nextWorking[i] = working[i] ? i : nextWorking[i + 1] }
        for i in 0..<n where arrivals[i] > 0 && due[i] != Int.max && (due[i] < i || nextWorking[i] > due[i]) {
            throw .invalidParameter(
                name: .openIntervals,
                message: "contacts arriving in interval \(i) cannot be answered in working hours before their deadline")
        }
        for item in waiting where item.contacts > 0 && item.due != Int.max && (n == 0 || nextWorking[0] > item.due) {
            throw .invalidParameter(
                name: .openIntervals,
                message: "the waiting backlog cannot be answered in working hours before its deadline")
        }
        let perAgent = Double(intervalSeconds) / ahtSeconds
        let total = arrivals.reduce(0, +) + waiting.reduce(0) { $0 + $1.contacts }
        guard total > 0 else {
            return (0..<n).map { _ in DeferredInterval(agents: 0, handled: 0, backlog: 0, oldestAgeSeconds: 0) }
        }
        // 1. The least peak: bisection on P with the first-in-first-out check.
        var high = max(1, Int((total / perAgent).rounded(.up)) + 1)
        guard high <= QueueingLimits.maximumAgents else {
            throw .invalidParameter(
                name: .contacts, message: "would need more than \(QueueingLimits.maximumAgents) agents")
        }
        var low = 0
        while !feasible(peak: high, arrivals, working, due, waiting, perAgent) {
            high *= 2
            if high > QueueingLimits.maximumAgents { break }
        }
        while low < high {
            let middle = (low + high) / 2
            if feasible(peak: middle, arrivals, working, due, waiting, perAgent) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        let peak = high
        // 2. With that peak, work is answered as it comes, at most P agents at a time: the agents
        // each working interval needs for what is due within the horizon (first in, first out),
        // and nothing for work that could wait past it.
        let cap = Double(peak) * perAgent
        var dueQueue: [Double] = waiting.filter { $0.contacts > 0 && $0.due != Int.max }.map(\.contacts)
        var dueHead = 0
        var agentsAt = [Int](repeating: 0, count: n)
        for j in 0..<n {
            if arrivals[j] > 0, due[j] != Int.max { dueQueue.append(arrivals[j]) }
            guard working[j] else { continue }
            var left = cap
            var done = 0.0
            while left > 1e-12, dueHead < dueQueue.count {
                let take = min(left, dueQueue[dueHead])
                dueQueue[dueHead] -= take
                left -= take
                done += take
                if dueQueue[dueHead] <= 1e-9 { dueHead += 1 }
            }
            agentsAt[j] = done > 1e-9 ? min(peak, Int((done / perAgent - 1e-9).rounded(.up))) : 0
        }
        // Those agents answer what is due within the horizon first, in arrival order, and in
        // their spare time the work carried past it (in arrival order too): the backlog and the
        // oldest age they leave.
        var dueWork: [(contacts: Double, arrived: Int)] = []
        var carried: [(contacts: Double, arrived: Int)] = []
        for item in waiting where item.contacts > 0 {
            if item.due == Int.max {
                carried.append((item.contacts, -item.waitedIntervals))
            } else {
                dueWork.append((item.contacts, -item.waitedIntervals))
            }
        }
        var dueHeadAt = 0
        var carriedHead = 0
        var result: [DeferredInterval] = []
        result.reserveCapacity(n)
        for j in 0..<n {
            if arrivals[j] > 0 {
                if due[j] == Int.max { carried.append((arrivals[j], j)) } else { dueWork.append((arrivals[j], j)) }
            }
            var left = Double(agentsAt[j]) * perAgent
            var work = 0.0
            while left > 1e-12, dueHeadAt < dueWork.count {
                let take = min(left, dueWork[dueHeadAt].contacts)
                dueWork[dueHeadAt].contacts -= take
                left -= take
                work += take
                if dueWork[dueHeadAt].contacts <= 1e-9 { dueHeadAt += 1 }
            }
            while left > 1e-12, carriedHead < carried.count {
                let take = min(left, carried[carriedHead].contacts)
                carried[carriedHead].contacts -= take
                left -= take
                work += take
                if carried[carriedHead].contacts <= 1e-9 { carriedHead += 1 }
            }
            let backlog =
                dueWork[dueHeadAt...].reduce(0) { $0 + $1.contacts }
                + carried[carriedHead...].reduce(0) { $0 + $1.contacts }
            let firstArrived = min(
                dueHeadAt < dueWork.count ? dueWork[dueHeadAt].arrived : Int.max,
                carriedHead < carried.count ? carried[carriedHead].arrived : Int.max)
            let oldest = firstArrived == Int.max ? 0 : Double(j + 1 - firstArrived) * Double(intervalSeconds)
            result.append(
                DeferredInterval(agents: agentsAt[j], handled: work, backlog: backlog, oldestAgeSeconds: oldest))
        }
        return result
    }

    /// Whether at most `peak` agents in every working interval, serving the work due within the
    /// horizon in arrival order, leave nothing past its deadline.
    static func feasible(
        peak: Int, _ arrivals: [Double], _ working: [Bool], _ due: [Int], _ waiting: [WaitingWork],
        _ perAgent: Double
    ) -> Bool {
        // Work carried past the horizon has no deadline to meet and must not hold up work that has.
        var queue: [(contacts: Double, due: Int)] = waiting.filter { $0.contacts > 0 && $0.due != Int.max }.map {
            ($0.contacts, $0.due)
        }
        var head = 0
        let cap = Double(peak) * perAgent
        for j in arrivals.indices {
            if arrivals[j] > 0, due[j] != Int.max { queue.append((arrivals[j], due[j])) }
            if working[j] {
                var left = cap
                while left > 0, head < queue.count {
                    let take = min(left, queue[head].contacts)
                    queue[head].contacts -= take
                    left -= take
                    if queue[head].contacts <= 1e-9 { head += 1 }
                }
            }
            if head < queue.count, queue[head].due <= j, queue[head].contacts > 1e-9 { return false }
        }
        return true
    }
}
