/// Chat staffed on a measured *average* concurrency c ≥ 1 — "an agent handles 2.5 conversations at
/// once on average" — used as a rate rather than a whole number of slots.
///
/// Model: N agents give S = ⌊N·c⌋ conversation slots; a slot serves one conversation at a time
/// for the channel's AHT (a conversation's length), Poisson arrivals at λ = contacts / interval.
/// The first-reply wait is then Erlang C's on S servers with offered load A = λ·AHT. It is the
/// chain ``ChatConcurrency`` solves when one AHT holds at every level and K is whole (its
/// completion rate with m conversations in service is m / AHT, so N agents × K slots is Erlang C
/// on N·K servers); a fractional c spreads the same capacity, c / AHT per agent at full load, over
/// agents that hold ⌊c⌋ or ⌈c⌉ conversations.
///
/// Required agents: the fewest slots S* meeting the target (``StaffingSolver``, Erlang C, the
/// occupancy cap on the slots' occupancy A / S), then the fewest agents with ⌊N·c⌋ ≥ S*. Metrics
/// are Erlang C's at S = ⌊N·c⌋ slots, reported per agent: `agents` N, `trafficErlangs` A / c
/// (the agents the load would keep fully busy), `occupancy` A / S. Sources: Erlang C as in
/// ``ErlangC``; concurrency as a capacity multiplier: Koole, *Call Center Optimization* (2013),
/// §5.6. No abandonment (as ``ChatConcurrency``).
public enum AverageConcurrency {
    /// The conversation slots of `agents` agents at concurrency `c`: ⌊N·c⌋, nil above
    /// ``QueueingLimits/maximumAgents``.
    public static func slots(agents: Int, concurrency c: Double) -> Int? {
        let product = Double(agents) * c
        guard product.isFinite, product >= 0, product <= Double(QueueingLimits.maximumAgents) else { return nil }
        return Int(product.rounded(.down))
    }

    /// The fewest agents whose slots ⌊N·c⌋ reach `slots`.
    public static func agents(forSlots slots: Int, concurrency c: Double) -> Int {
        guard slots > 0, c >= 1, c.isFinite else { return max(0, slots) }
        var agents = min(slots, Int((Double(slots) / c).rounded(.up)))
        while agents > 0, let s = Self.slots(agents: agents - 1, concurrency: c), s >= slots { agents -= 1 }
        while let s = Self.slots(agents: agents, concurrency: c), s < slots { agents += 1 }
        return agents
    }

    /// Fewest agents meeting every target (service level = first reply within `targetSeconds`,
    /// ASA, the occupancy cap); headcount from the target's shrinkage.
    /// - Throws: `QueueingError` naming the bad input: "concurrency" below 1 or not finite,
    ///   "patience_seconds" (no abandonment in this model), and `StaffingSolver`'s.
    public static func requiredAgents(
        contacts: Double, intervalSeconds: Double, ahtSeconds: Double, concurrency c: Double,
        target: StaffingTarget
    ) throws(QueueingError) -> Staffing {
        try check(c)
        guard target.patienceSeconds == nil else {
            throw .invalidParameter(
                name: .patienceSeconds,
                message: "the chat concurrency model has no abandonment; leave patience out for chat")
        }
        let bySlots = try StaffingSolver.solve(
            contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds, target: target)
        let agents = Self.agents(forSlots: bySlots.agents, concurrency: c)
        let before = Self.agents(forSlots: bySlots.agentsBeforeOccupancyCap, concurrency: c)
        return Staffing(
            agents: agents, headcount: Headcount.scheduled(agents: agents, shrinkage: target.shrinkage),
            metrics: metrics(
                contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds, concurrency: c,
                agents: agents, targetSeconds: target.targetSeconds),
            agentsBeforeOccupancyCap: before)
    }

    /// What `agents` agents give at concurrency `c`: Erlang C on ⌊N·c⌋ slots, per agent.
    public static func metrics(
        contacts: Double, intervalSeconds: Double, ahtSeconds: Double, concurrency c: Double, agents: Int,
        targetSeconds: Double
    ) -> QueueMetrics {
        let traffic = contacts * ahtSeconds / intervalSeconds
        guard c >= 1, c.isFinite, let slots = slots(agents: agents, concurrency: c) else {
            return .undefined(agents: agents, traffic: traffic / max(1, c.isFinite ? c : 1))
        }
        var metrics = ErlangC.metrics(
            contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds, agents: slots,
            targetSeconds: targetSeconds)
        metrics.agents = agents
        metrics.trafficErlangs = traffic / c
        return metrics
    }

    static func check(_ c: Double) throws(QueueingError) {
        guard c.isFinite, c >= 1, c <= Double(ChatConcurrency.maximumConcurrency) else {
            throw .invalidParameter(
                name: .concurrency,
                message: "must be an average number of conversations from 1 to \(ChatConcurrency.maximumConcurrency)")
        }
    }
}
