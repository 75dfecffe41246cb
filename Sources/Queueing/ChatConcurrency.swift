#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Chat and messaging with concurrency: each agent holds up to K conversations at once, and a
/// conversation takes longer the more an agent holds — not "AHT divided by K".
///
/// Model (the agent as a server pool of capacity K with a state-dependent service rate, as in
/// Tezcan & Zhang (2014), "Routing and staffing in customer service chat systems with impatient
/// customers", *Operations Research* 62(4), and Koole, *Call Center Optimization* (2013), §5.6):
/// Poisson arrivals at rate λ = contacts / interval; N agents, N·K slots; `ahtSecondsByConcurrency[k−1]`
/// is the mean handle time of a conversation while its agent holds k of them, so an agent with k
/// conversations completes them at rate r(k) = k / AHT(k). Conversations are spread as evenly as
/// possible (with m in service, m mod N agents hold ⌈m/N⌉ and the rest ⌊m/N⌋), so with n in the
/// system and m = min(n, N·K) in service the completion rate is
/// μ(n) = Σᵢ r(kᵢ). Handle times exponential, so n is a birth–death chain with π(n) ∝ Πₘ₌₁ⁿ λ/μ(m),
/// summed in log space up to N·K and as the geometric tail ρⁱ beyond, ρ = λ/μ* with μ* = μ(N·K).
///
/// While every slot is busy, slots free at the constant rate μ*, so a contact that finds j waiting
/// ahead waits Erlang(j + 1, μ*). Summed against the geometric tail this gives, exactly,
///
/// - P(wait)            = P(n ≥ N·K) = π(N·K) / (1 − ρ)          (PASTA)
/// - service level SL(T) = P(first reply within T) = 1 − P(wait) · exp(−(μ* − λ)·T)
/// - ASA                = P(wait) / (μ* − λ), over all contacts
/// - mean queue         = P(wait) · ρ / (1 − ρ)
/// - occupancy          = E[busy slots] / (N·K)
/// - trafficErlangs     = λ · AHT(K) / K: the agents fully loaded at concurrency K would need;
///                        the queue is stable iff N exceeds it (λ < μ*).
///
/// With K = 1 every formula is Erlang C's (`ErlangC`), which the tests check to 1e-9. Conventions
/// as `ErlangC`: unstable (λ ≥ μ*, or no agents) gives probWait 1, SL 0, ASA +∞, occupancy 1; zero
/// contacts give SL 1, ASA 0, occupancy 0. Cost: O(N·K) per evaluation.
public enum ChatConcurrency {
    /// The highest concurrency accepted (K).
    public static let maximumConcurrency = 100

    /// The per-level handle times when one AHT holds at every concurrency 1…K.
    public static func ahtByConcurrency(ahtSeconds: Double, concurrency: Int) -> [Double] {
        Array(repeating: ahtSeconds, count: max(0, min(concurrency, maximumConcurrency)))
    }

    /// Metrics of one interval; every measure NaN outside the valid range (use `validatedMetrics`
    /// for an error naming the bad input).
    public static func metrics(
        contacts: Double, intervalSeconds: Double, ahtSecondsByConcurrency: [Double], agents: Int,
        targetSeconds: Double
    ) -> QueueMetrics {
        do {
            return try validatedMetrics(
                contacts: contacts, intervalSeconds: intervalSeconds,
                ahtSecondsByConcurrency: ahtSecondsByConcurrency, agents: agents, targetSeconds: targetSeconds)
        } catch {
            let k = ahtSecondsByConcurrency.count
            let traffic = k > 0 ? contacts / intervalSeconds * ahtSecondsByConcurrency[k - 1] / Double(k) : .nan
            return .undefined(agents: agents, traffic: traffic)
        }
    }

    /// `metrics`, throwing a `QueueingError` naming "contacts", "interval_seconds", "concurrency",
    /// "aht_seconds", "agents" or "target_seconds".
    public static func validatedMetrics(
        contacts: Double, intervalSeconds: Double, ahtSecondsByConcurrency: [Double], agents: Int,
        targetSeconds: Double
    ) throws(QueueingError) -> QueueMetrics {
        try check(contacts: contacts, intervalSeconds: intervalSeconds, aht: ahtSecondsByConcurrency)
        try InputCheck.agents(agents)
        try InputCheck.seconds(targetSeconds, name: .targetSeconds, allowZero: true)
        let slots = agents.multipliedReportingOverflow(by: ahtSecondsByConcurrency.count)
        guard !slots.overflow, slots.partialValue <= QueueingLimits.maximumAgents else {
            throw .invalidParameter(
                name: .agents,
                message:
                    "\(agents) agents × concurrency \(ahtSecondsByConcurrency.count) is more than \(QueueingLimits.maximumAgents) conversation slots"
            )
        }
        return compute(
            arrivalRate: contacts / intervalSeconds, aht: ahtSecondsByConcurrency, agents: agents,
            targetSeconds: targetSeconds)
    }

    /// Fewest agents meeting every target of `target` (service level = first reply within
    /// `targetSeconds`, ASA, occupancy cap on the slot occupancy); headcount from its shrinkage.
    /// Searches upward from the smallest stable staff, so the answer is the fewest even where a
    /// measure is not monotone in agents.
    /// - Throws: `QueueingError` naming the bad input; "patience_seconds" (this model has no
    ///   abandonment); "contacts" when the answer would exceed `QueueingLimits.maximumAgents`.
    public static func requiredAgents(
        contacts: Double, intervalSeconds: Double, ahtSecondsByConcurrency: [Double],
        target: StaffingTarget
    ) throws(QueueingError) -> Staffing {
        try check(contacts: contacts, intervalSeconds: intervalSeconds, aht: ahtSecondsByConcurrency)
        let target = try target.validated()
        guard target.patienceSeconds == nil else {
            throw .invalidParameter(
                name: .patienceSeconds,
                message: "the chat concurrency model has no abandonment; leave patience out for chat")
        }
        if contacts == 0 { return Staffing(agents: 0, headcount: 0, metrics: .zeroTraffic(agents: 0)) }
        let concurrency = ahtSecondsByConcurrency.count
        let rate = contacts / intervalSeconds
        let traffic = rate * ahtSecondsByConcurrency[concurrency - 1] / Double(concurrency)
        let limit = QueueingLimits.maximumAgents / concurrency
        guard traffic < Double(limit) else { throw StaffingSolver.tooManyAgents(traffic: traffic) }
        var agents = Int(traffic.rounded(.down))
        var metrics = compute(
            arrivalRate: rate, aht: ahtSecondsByConcurrency, agents: agents, targetSeconds: target.targetSeconds)
        while !StaffingSolver.meetsQueueTargets(metrics, target) || !(metrics.probWait < 1) {
            agents += 1
            guard agents <= limit else { throw StaffingSolver.tooManyAgents(traffic: traffic) }
            metrics = compute(
                arrivalRate: rate, aht: ahtSecondsByConcurrency, agents: agents, targetSeconds: target.targetSeconds)
        }
        let beforeCap = agents
        if let cap = target.maxOccupancy {
            // Little's law: a conversation holds its slot at least the shortest AHT (no level
            // completes faster), so occupancy ≥ λ·min(AHT) / (N·K) and no N below
            // λ·min(AHT) / (K·cap) meets the cap. Starting there keeps the answer the fewest and
            // spares the O(N·K) evaluations a low cap would walk through one agent at a time
            // (a cap of 0.05 took 50 ms an interval, seconds a week: make fuzz).
            let shortest = ahtSecondsByConcurrency.min() ?? 0
            let floor = Int((rate * shortest / (Double(concurrency) * cap)).rounded(.down)) - 1
            if floor > agents {
                agents = min(floor, limit)
                metrics = compute(
                    arrivalRate: rate, aht: ahtSecondsByConcurrency, agents: agents, targetSeconds: target.targetSeconds
                )
            }
            while !(metrics.occupancy <= cap) {
                agents += 1
                guard agents <= limit else { throw StaffingSolver.tooManyAgents(traffic: traffic) }
                metrics = compute(
                    arrivalRate: rate, aht: ahtSecondsByConcurrency, agents: agents, targetSeconds: target.targetSeconds
                )
            }
        }
        return Staffing(
            agents: agents, headcount: Headcount.scheduled(agents: agents, shrinkage: target.shrinkage),
            metrics: metrics, agentsBeforeOccupancyCap: beforeCap)
    }

    private static func check(contacts: Double, intervalSeconds: Double, aht: [Double]) throws(QueueingError) {
        try InputCheck.contacts(contacts)
        try InputCheck.seconds(intervalSeconds, name: .intervalSeconds, allowZero: false)
        guard !aht.isEmpty, aht.count <= maximumConcurrency else {
            throw .invalidParameter(
                name: .concurrency,
                message: "must be a whole number of conversations from 1 to \(maximumConcurrency), got \(aht.count)")
        }
        for value in aht { try InputCheck.seconds(value, name: .ahtSeconds, allowZero: false) }
    }

    /// The formulas for valid inputs.
    static func compute(arrivalRate lambda: Double, aht: [Double], agents: Int, targetSeconds: Double) -> QueueMetrics {
        let concurrency = aht.count
        let traffic = lambda * aht[concurrency - 1] / Double(concurrency)
        if lambda == 0 { return .zeroTraffic(agents: agents) }
        guard agents > 0 else { return .unstable(agents: agents, traffic: traffic) }
        let slots = agents * concurrency
        func completionRate(_ inService: Int) -> Double {
            let (level, extra) = inService.quotientAndRemainder(dividingBy: agents)
            let low = level == 0 ? 0 : Double(level) / aht[level - 1]
            let high = extra == 0 ? 0 : Double(level + 1) / aht[level]
            return Double(extra) * high + Double(agents - extra) * low
        }
        let fullRate = completionRate(slots)
        guard lambda < fullRate else { return .unstable(agents: agents, traffic: traffic) }
        let rho = lambda / fullRate
        // log π(n) − log π(0) for n = 0…N·K.
        var logWeights = [Double](repeating: 0, count: slots + 1)
        var largest = 0.0
        let logLambda = log(lambda)
        for n in 1...slots {
            logWeights[n] = logWeights[n - 1] + logLambda - log(completionRate(n))
            largest = max(largest, logWeights[n])
        }
        var below = 0.0
        var busyBelow = 0.0
        for n in 0..<slots {
            let weight = exp(logWeights[n] - largest)
            below += weight
            busyBelow += Double(n) * weight
        }
        let waitMass = exp(logWeights[slots] - largest) / (1 - rho)  // Σ_{n ≥ NK} π(n), unnormalised
        let total = below + waitMass
        let probWait = waitMass / total
        let gap = fullRate - lambda
        let serviceLevel = 1 - probWait * exp(-gap * targetSeconds)
        let occupancy = (busyBelow + Double(slots) * waitMass) / total / Double(slots)
        return QueueMetrics(
            agents: agents, trafficErlangs: traffic, probWait: probWait, serviceLevel: serviceLevel,
            asaSeconds: probWait / gap, occupancy: occupancy, meanQueueLength: probWait * rho / (1 - rho),
            abandonRate: nil)
    }
}
