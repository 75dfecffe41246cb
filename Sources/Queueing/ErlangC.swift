#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Erlang C: the M/M/N queue (Poisson arrivals, exponential handling times, N agents, infinite
/// patience, first come first served).
///
/// With λ arrivals per second, handling time AHT, traffic A = λ·AHT Erlangs, N agents and
/// B = B(N, A) from `ErlangB`:
///
/// - probability of waiting  C = N·B / (N − A(1 − B))
/// - service level           SL(T) = P(wait ≤ T) = 1 − C · exp(−(N − A) · T / AHT), over all offered
///                           contacts (T = 0 gives 1 − C)
/// - average speed of answer ASA = C · AHT / (N − A), the mean wait over all contacts
/// - occupancy               A / N
/// - mean queue length       Lq = C · A / (N − A)
///
/// Valid range: N > A ≥ 0. When N ≤ A (N = A included) the queue grows without bound and we report
/// the convention probWait 1, SL 0, ASA +∞, occupancy 1, queue +∞. With zero traffic: probWait 0,
/// SL 1, ASA 0, occupancy 0, queue 0 (for any N, including 0).
///
/// Accuracy: B comes from the stable recursion (no factorials or powers); the results match
/// 50-digit reference values to 1e-9 absolute from 0.01 to 21 000 Erlangs and at utilisation 0.9999.
///
/// References: Gans, Koole & Mandelbaum (2003), "Telephone call centers: tutorial, review and
/// research prospects", *Manufacturing & Service Operations Management* 5(2), §4.1; Cooper (1981),
/// *Introduction to Queueing Theory*, 2nd ed., §3.5.
public enum ErlangC {
    /// Metrics of one interval from its volume: λ = contacts / intervalSeconds, A = λ · AHT.
    ///
    /// Whether N agents are stable (N > A) is decided exactly on the decimal inputs, so 85 contacts
    /// of 180 s in 900 s with 17 agents is unstable although floating-point A might fall a hair short of 17.
    ///
    /// - Valid range: contacts finite ≥ 0, intervalSeconds and ahtSeconds finite > 0, agents in
    ///   0…`QueueingLimits.maximumAgents`, targetSeconds finite ≥ 0. Outside it every measure is NaN
    ///   (use `validatedMetrics` to get an error naming the bad input instead).
    public static func metrics(
        contacts: Double, intervalSeconds: Double, ahtSeconds: Double, agents: Int,
        targetSeconds: Double
    ) -> QueueMetrics {
        do {
            return try validatedMetrics(
                contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds,
                agents: agents, targetSeconds: targetSeconds)
        } catch {
            let traffic = contacts * ahtSeconds / intervalSeconds
            return .undefined(agents: agents, traffic: traffic)
        }
    }

    /// Metrics from the traffic A in Erlangs directly. Valid range and conventions as above
    /// (traffic finite ≥ 0); stability is N > A for the Double A given.
    public static func metrics(traffic: Double, ahtSeconds: Double, agents: Int, targetSeconds: Double) -> QueueMetrics
    {
        do {
            return try validatedMetrics(
                traffic: traffic, ahtSeconds: ahtSeconds, agents: agents, targetSeconds: targetSeconds)
        } catch {
            return .undefined(agents: agents, traffic: traffic)
        }
    }

    /// `metrics(contacts:…)`, throwing a `QueueingError` that names the first bad input.
    public static func validatedMetrics(
        contacts: Double, intervalSeconds: Double, ahtSeconds: Double, agents: Int,
        targetSeconds: Double
    ) throws(QueueingError) -> QueueMetrics {
        try InputCheck.contacts(contacts)
        try InputCheck.seconds(intervalSeconds, name: .intervalSeconds, allowZero: false)
        try InputCheck.seconds(ahtSeconds, name: .ahtSeconds, allowZero: false)
        try InputCheck.agents(agents)
        try InputCheck.seconds(targetSeconds, name: .targetSeconds, allowZero: true)
        if contacts == 0 { return .zeroTraffic(agents: agents) }
        let traffic = contacts * ahtSeconds / intervalSeconds
        guard
            isStable(
                agents: agents, contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds,
                traffic: traffic)
        else {
            return .unstable(agents: agents, traffic: traffic)
        }
        return stableMetrics(
            traffic: traffic, ahtSeconds: ahtSeconds, agents: agents, targetSeconds: targetSeconds,
            inverseBlocking: ErlangB.inverseBlocking(traffic: traffic, agents: agents))
    }

    /// `metrics(traffic:…)`, throwing a `QueueingError` that names the first bad input.
    public static func validatedMetrics(
        traffic: Double, ahtSeconds: Double, agents: Int,
        targetSeconds: Double
    ) throws(QueueingError) -> QueueMetrics {
        try InputCheck.traffic(traffic)
        try InputCheck.seconds(ahtSeconds, name: .ahtSeconds, allowZero: false)
        try InputCheck.agents(agents)
        try InputCheck.seconds(targetSeconds, name: .targetSeconds, allowZero: true)
        if traffic == 0 { return .zeroTraffic(agents: agents) }
        guard Double(agents) > traffic else { return .unstable(agents: agents, traffic: traffic) }
        return stableMetrics(
            traffic: traffic, ahtSeconds: ahtSeconds, agents: agents, targetSeconds: targetSeconds,
            inverseBlocking: ErlangB.inverseBlocking(traffic: traffic, agents: agents))
    }

    /// N > A, exactly for the decimal inputs and also for the floating-point traffic (so that the
    /// formulas, which divide by N − A, see a positive gap). Inputs valid, contacts > 0.
    static func isStable(
        agents: Int, contacts: Double, intervalSeconds: Double, ahtSeconds: Double,
        traffic: Double
    ) -> Bool {
        let gap = Double(agents) - traffic
        guard gap > 0 else { return false }
        if gap > 1e-9 * max(1, traffic) { return true }
        let sign = ExactQuotient.compare(
            numerators: [contacts, ahtSeconds], denominators: [intervalSeconds],
            with: UInt64(agents))
        return sign == -1
    }

    /// The formulas for a stable queue (N > A > 0) given R = 1/B(N, A), which may be +∞.
    @inline(__always)
    static func stableMetrics(
        traffic: Double, ahtSeconds: Double, agents: Int, targetSeconds: Double,
        inverseBlocking: Double
    ) -> QueueMetrics {
        let n = Double(agents)
        let gap = n - traffic
        // C = N·B / (N − A(1 − B)) = N / ((N − A)·R + A); R = +∞ gives C = 0.
        let probWait = n / (gap * inverseBlocking + traffic)
        let serviceLevel = 1 - probWait * exp(-gap * targetSeconds / ahtSeconds)
        return QueueMetrics(
            agents: agents, trafficErlangs: traffic, probWait: probWait, serviceLevel: serviceLevel,
            asaSeconds: probWait * ahtSeconds / gap, occupancy: traffic / n,
            meanQueueLength: probWait * traffic / gap, abandonRate: nil)
    }
}
