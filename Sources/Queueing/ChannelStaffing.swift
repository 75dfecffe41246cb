/// One interval of a channel's staffing plan: the agents it needs and what the queue does with
/// them, plus, for deferred work, the backlog it carries.
public struct StaffedInterval: Sendable, Equatable {
    public var staffing: Staffing
    /// Deferred work only: contacts waiting at the end of the interval.
    public var backlog: Double?
    /// Deferred work only: clock-time age in seconds of the oldest contact still waiting.
    public var oldestAgeSeconds: Double?

    public init(staffing: Staffing, backlog: Double? = nil, oldestAgeSeconds: Double? = nil) {
        self.staffing = staffing
        self.backlog = backlog
        self.oldestAgeSeconds = oldestAgeSeconds
    }
}

/// Staffing of one channel by its kind: the one switch over `ChannelKind` that picks the model.
///
/// - `queue`: `StaffingSolver` (Erlang C, or Erlang A with the target's patience), interval by interval;
/// - `chat`: `ChatConcurrency.requiredAgents`, interval by interval (`AverageConcurrency` for
///   an average concurrency);
/// - `deferred`: `LevelledDeferred.plan` over the whole horizon, agents working the given
///   intervals (the gaps between them are closed time), the deadline counted in them, one
///   handle time. Working hours on the local clock are the planner's (`Planning.DeferredPlanner`).
public enum ChannelStaffing {
    /// Staffs the intervals of one channel.
    ///
    /// - `slots`: each interval's position on the channel's grid of `intervalSeconds` (only
    ///   deferred work reads it: a missing position is closed time, which the deadline skips).
    /// - `contacts[i]`, `ahtSeconds[i]`: the volume to staff for and its handle time. Deferred
    ///   work takes one handle time for the horizon: `ahtSeconds[0]` (pass the mean).
    /// - Throws: `QueueingError` naming the bad input.
    public static func staff(
        contacts: [Double], ahtSeconds: [Double], slots: [Int], intervalSeconds: Int,
        kind: ChannelKind, target: StaffingTarget
    ) throws(QueueingError) -> [StaffedInterval] {
        guard contacts.count == ahtSeconds.count, contacts.count == slots.count else {
            throw .invalidParameter(
                name: .contacts,
                message:
                    "needs one handle time and one slot per interval: \(contacts.count) intervals, \(ahtSeconds.count) handle times, \(slots.count) slots"
            )
        }
        switch kind {
        case .queue, .chat, .chatAverage:
            var result: [StaffedInterval] = []
            result.reserveCapacity(contacts.count)
            for i in contacts.indices {
                result.append(
                    StaffedInterval(
                        staffing: try requiredAgents(
                            contacts: contacts[i], intervalSeconds: intervalSeconds,
                            ahtSeconds: ahtSeconds[i], kind: kind, target: target)))
            }
            return result
        case .deferred(let rules):
            return try deferred(
                contacts: contacts, ahtSeconds: ahtSeconds.first ?? 0, slots: slots,
                intervalSeconds: intervalSeconds, deadlineSeconds: rules.deadlineSeconds, shrinkage: target.shrinkage)
        }
    }

    /// The fewest agents for one interval of a real-time channel.
    /// - Throws: `QueueingError` naming the bad input; `deadline_seconds` for deferred work, which
    ///   is staffed over a horizon (`staff`), not per interval.
    public static func requiredAgents(
        contacts: Double, intervalSeconds: Int, ahtSeconds: Double,
        kind: ChannelKind, target: StaffingTarget
    ) throws(QueueingError) -> Staffing {
        switch kind {
        case .queue:
            return try StaffingSolver.solve(
                contacts: contacts, intervalSeconds: Double(intervalSeconds),
                ahtSeconds: ahtSeconds, target: target)
        case .chat:
            return try ChatConcurrency.requiredAgents(
                contacts: contacts, intervalSeconds: Double(intervalSeconds),
                ahtSecondsByConcurrency: kind.chatAHT(ahtSeconds: ahtSeconds) ?? [],
                target: target)
        case .chatAverage(let c):
            return try AverageConcurrency.requiredAgents(
                contacts: contacts, intervalSeconds: Double(intervalSeconds), ahtSeconds: ahtSeconds,
                concurrency: c, target: target)
        case .deferred:
            throw .invalidParameter(
                name: .deadlineSeconds,
                message: "deferred work is staffed over the whole horizon, not one interval at a time")
        }
    }

    /// What `agents` productive agents give in one interval: the chat model for chat, Erlang A
    /// when the target has a patience, else Erlang C; nil for deferred work, which has no
    /// per-interval service level (its deadline is met when every interval is covered).
    public static func metrics(
        contacts: Double, intervalSeconds: Int, ahtSeconds: Double, agents: Int,
        kind: ChannelKind, target: StaffingTarget
    ) -> QueueMetrics? {
        switch kind {
        case .chat:
            return ChatConcurrency.metrics(
                contacts: contacts, intervalSeconds: Double(intervalSeconds),
                ahtSecondsByConcurrency: kind.chatAHT(ahtSeconds: ahtSeconds) ?? [],
                agents: agents, targetSeconds: target.targetSeconds)
        case .chatAverage(let c):
            return AverageConcurrency.metrics(
                contacts: contacts, intervalSeconds: Double(intervalSeconds), ahtSeconds: ahtSeconds, concurrency: c,
                agents: agents, targetSeconds: target.targetSeconds)
        case .queue:
            if let patience = target.patienceSeconds {
                return ErlangA.metrics(
                    traffic: contacts * ahtSeconds / Double(intervalSeconds), ahtSeconds: ahtSeconds,
                    patienceSeconds: patience, agents: agents, targetSeconds: target.targetSeconds)
            }
            return ErlangC.metrics(
                contacts: contacts, intervalSeconds: Double(intervalSeconds), ahtSeconds: ahtSeconds,
                agents: agents, targetSeconds: target.targetSeconds)
        case .deferred:
            return nil
        }
    }

    /// Deferred work on the grid spanned by `slots` (positions not given are closed): due by the
    /// end of the ⌊deadline / interval⌋-th open interval from arrival, levelled by `LevelledDeferred`.
    static func deferred(
        contacts: [Double], ahtSeconds: Double, slots: [Int], intervalSeconds: Int,
        deadlineSeconds: Int, shrinkage: Double
    ) throws(QueueingError) -> [StaffedInterval] {
        guard let first = slots.first, let last = slots.last else { return [] }
        guard slots.allSatisfy({ $0 >= first && $0 <= last }), last - first < 10_000_000 else {
            throw .invalidParameter(name: .openIntervals, message: "the intervals must be in order on one grid")
        }
        guard deadlineSeconds >= intervalSeconds else {
            throw .invalidParameter(
                name: .deadlineSeconds,
                message: "must be at least one interval (\(intervalSeconds) s), got \(deadlineSeconds)")
        }
        let count = last - first + 1
        var arrivals = [Double](repeating: 0, count: count)
        var open = [Bool](repeating: false, count: count)
        for (i, slot) in slots.enumerated() {
            arrivals[slot - first] += contacts[i]
            open[slot - first] = true
        }
        let allowance = deadlineSeconds / intervalSeconds
        let due = DeferredDeadlines.workingTime(working: open, allowance: allowance)
        let plan = try LevelledDeferred.plan(
            arrivals: arrivals, working: open, due: due, intervalSeconds: intervalSeconds,
            ahtSeconds: ahtSeconds)
        return slots.indices.map { i in
            let interval = plan[slots[i] - first]
            return StaffedInterval(
                staffing: deferredStaffing(
                    interval, contacts: contacts[i], ahtSeconds: ahtSeconds,
                    intervalSeconds: intervalSeconds, shrinkage: shrinkage),
                backlog: interval.backlog, oldestAgeSeconds: interval.oldestAgeSeconds)
        }
    }

    /// One interval of a deferred plan as staffing: headcount = ⌈agents / (1 − shrinkage)⌉;
    /// service level 1 (every contact within its deadline, by construction); no ASA; occupancy
    /// = work handled ÷ staffed time, at most 1.
    public static func deferredStaffing(
        _ interval: DeferredInterval, contacts: Double, ahtSeconds: Double,
        intervalSeconds: Int, shrinkage: Double
    ) -> Staffing {
        let capacity = Double(interval.agents) * Double(intervalSeconds)
        let metrics = QueueMetrics(
            agents: interval.agents, trafficErlangs: contacts * ahtSeconds / Double(intervalSeconds),
            probWait: .nan, serviceLevel: 1, asaSeconds: .nan,
            occupancy: capacity > 0 ? min(1, interval.handled * ahtSeconds / capacity) : 0,
            meanQueueLength: interval.backlog, abandonRate: nil)
        return Staffing(
            agents: interval.agents, headcount: Headcount.scheduled(agents: interval.agents, shrinkage: shrinkage),
            metrics: metrics)
    }
}

/// When the contacts of each interval are due, on a grid of intervals.
public enum DeferredDeadlines {
    /// Working-time deadlines: due by the end of the `allowance`-th working interval at or after
    /// arrival (arrival's own interval counting when it is a working one); `Int.max` when the
    /// horizon ends first.
    public static func workingTime(working: [Bool], allowance: Int) -> [Int] {
        var positions: [Int] = []
        for (i, w) in working.enumerated() where w { positions.append(i) }
        var due = [Int](repeating: Int.max, count: working.count)
        var next = 0
        for i in working.indices {
            while next < positions.count, positions[next] < i { next += 1 }
            let k = next + max(1, allowance) - 1
            due[i] = k < positions.count ? positions[k] : Int.max
        }
        return due
    }
}
