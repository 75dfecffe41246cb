/// One interval of a deferred-work (email, social messages) plan.
public struct DeferredInterval: Sendable, Equatable {
    /// Agents working the backlog in this interval (0 when closed).
    public var agents: Int
    /// Contacts handled in the interval.
    public var handled: Double
    /// Contacts arrived and not yet handled at the end of the interval.
    public var backlog: Double
    /// Age at the end of the interval of the oldest contact still waiting (counted from the start of
    /// the interval it arrived in), in seconds of clock time; 0 with no backlog.
    public var oldestAgeSeconds: Double

    public init(agents: Int, handled: Double, backlog: Double, oldestAgeSeconds: Double) {
        self.agents = agents
        self.handled = handled
        self.backlog = backlog
        self.oldestAgeSeconds = oldestAgeSeconds
    }
}

/// Deferred work — email, social direct messages, back-office items — staffed to a response-time
/// deadline instead of a service level in seconds: the fewest agents per open interval such that
/// every contact is handled within `deadlineSeconds` of *open time* after it arrives (business
/// hours: a message arriving on Friday evening is due after D hours of the following opening time).
///
/// Model (fluid, first in first out): a contact arriving in interval i counts as arriving at the
/// start of i; an agent handles intervalSeconds / AHT contacts per interval; the backlog carries
/// across intervals and days. With L = ⌊D / interval⌋ open intervals of allowance, contacts arriving
/// in interval i are due by the end of the L-th open interval from i (i itself counting when open).
/// The plan is the cumulative-curve construction (Newell, *Applications of Queueing Theory*, 1982,
/// ch. 2; Koole, *Call Center Optimization*, 2013, §6.3): cumulative handled H(j) must reach the
/// cumulative contacts due D(j) at every open interval j, and cannot exceed the cumulative arrivals.
/// Staffing each open interval with the fewest agents that lift H to what is due before the next
/// open interval keeps H pointwise as low as any feasible plan allows, so no interval can lose an
/// agent without a contact missing its deadline (the tests check both). The work is therefore done
/// as late as the deadline allows; the oldest item's age shows how close to it the plan runs.
///
/// Contacts due after the last open interval of the horizon are left in the closing backlog.
public enum DeferredBacklog {
    /// The plan for `arrivals[i]` contacts in interval i, open where `openIntervals[i]`.
    /// - Throws: `QueueingError.invalidParameter` naming "open_intervals" (length differs from the
    ///   arrivals), "contacts", "interval_seconds", "aht_seconds" or "deadline_seconds" (below one
    ///   interval: no contact could be handled in time).
    public static func plan(
        arrivals: [Double], openIntervals: [Bool], intervalSeconds: Int, ahtSeconds: Double,
        deadlineSeconds: Int
    ) throws(QueueingError) -> [DeferredInterval] {
        guard arrivals.count == openIntervals.count else {
            throw .invalidParameter(
                name: .openIntervals,
                message:
                    "needs one entry per interval: \(arrivals.count) intervals of contacts, \(openIntervals.count) of opening hours"
            )
        }
        for value in arrivals { try InputCheck.contacts(value) }
        guard intervalSeconds > 0 else {
            throw .invalidParameter(
                name: .intervalSeconds, message: "must be a positive number of seconds, got \(intervalSeconds)")
        }
        try InputCheck.seconds(ahtSeconds, name: .ahtSeconds, allowZero: false)
        guard deadlineSeconds >= intervalSeconds else {
            throw .invalidParameter(
                name: .deadlineSeconds,
                message: "must be at least one interval (\(intervalSeconds) s), got \(deadlineSeconds)")
        }
        let allowance = deadlineSeconds / intervalSeconds
        let count = arrivals.count
        let interval = Double(intervalSeconds)
        let perAgent = interval / ahtSeconds

        // Open ordinal of each open interval, and the contacts due by each ordinal.
        var ordinalOf = [Int](repeating: -1, count: count)
        var openCount = 0
        for i in 0..<count where openIntervals[i] {
            ordinalOf[i] = openCount
            openCount += 1
        }
        var due = [Double](repeating: 0, count: openCount)
        var firstOpenFrom = openCount  // ordinal of the first open interval at or after i, walking backwards
        for i in stride(from: count - 1, through: 0, by: -1) {
            if openIntervals[i] { firstOpenFrom = ordinalOf[i] }
            let deadline = firstOpenFrom + allowance - 1
            if deadline < openCount { due[deadline] += arrivals[i] }
        }

        var plan: [DeferredInterval] = []
        plan.reserveCapacity(count)
        var arrived = 0.0
        var handled = 0.0
        var dueSoFar = 0.0
        var cumulativeArrivals = [Double](repeating: 0, count: count)
        var oldest = 0  // first interval whose arrivals are not all handled
        for j in 0..<count {
            arrived += arrivals[j]
            cumulativeArrivals[j] = arrived
            var agents = 0
            if openIntervals[j] {
                dueSoFar += due[ordinalOf[j]]
                let shortfall = dueSoFar - handled
                if shortfall > 0 {
                    agents = fewestAgents(covering: shortfall, perAgent: perAgent)
                    guard agents <= QueueingLimits.maximumAgents else {
                        throw .invalidParameter(
                            name: .contacts,
                            message: "would need more than \(QueueingLimits.maximumAgents) agents in interval \(j)")
                    }
                }
            }
            let before = handled
            handled = min(handled + Double(agents) * perAgent, arrived)
            let backlog = arrived - handled
            while oldest <= j, cumulativeArrivals[oldest] - handled <= 1e-9 * max(1, handled) { oldest += 1 }
            let age = oldest <= j && backlog > 1e-9 * max(1, handled) ? Double(j + 1 - oldest) * interval : 0
            plan.append(
                DeferredInterval(
                    agents: agents, handled: handled - before, backlog: max(0, backlog), oldestAgeSeconds: age))
        }
        return plan
    }

    /// The least k with k · perAgent ≥ work, in the same floating-point operations the plan uses.
    static func fewestAgents(covering work: Double, perAgent: Double) -> Int {
        let estimate = (work / perAgent).rounded(.up)
        guard estimate < Double(QueueingLimits.maximumAgents) else { return QueueingLimits.maximumAgents + 1 }
        var k = Int(estimate)
        while k > 0, Double(k - 1) * perAgent >= work { k -= 1 }
        while Double(k) * perAgent < work { k += 1 }
        return k
    }
}
