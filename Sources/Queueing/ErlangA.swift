#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Erlang A (Palm): the M/M/N+M queue, Erlang C plus exponential patience with mean P seconds.
/// A waiting contact abandons at rate θ = 1/P; handling rate μ = 1/AHT; arrival rate λ = A·μ.
///
/// The number in system is a birth–death chain with birth rate λ and death rate μ·min(n, N) +
/// θ·max(n − N, 0). With πₙ its stationary law, πₙ ∝ Aⁿ/n! for n ≤ N (so Σₙ<ₙ πₙ/π_N = 1/B(N, A) − 1,
/// from `ErlangB`) and π_{N+j}/π_N = Πₖ₌₁ʲ A / (N + k·AHT/P). An arrival sees the stationary state
/// (PASTA); one that finds j contacts waiting ahead moves up at rate Nμ + kθ with k ahead and
/// abandons at rate θ, so with a = Nμ/θ and b = j + 1 it is answered with probability a/(a + b),
/// and (writing x = e^(−θT), I_x the regularised incomplete beta function)
///
/// - P(answered, wait ≤ T | j)  = a/(a+b) · (1 − I_x(a + 1, b))
/// - P(abandoned, wait ≤ T | j) = b/(a+b) − x·I_x(a, b) + a/(a+b)·I_x(a + 1, b)
/// - E[wait · 1{answered} | j]   = a/(a+b) · Σᵢ₌₁ᵇ 1/(Nμ + iθ)
///
/// (the phase times Exp(Nμ + iθ), i = 1…b, sum to a variable whose tail is I_x(a + 1, b)).
/// I_x(α, b) grows with b by the positive terms of a negative binomial law, accumulated in one
/// pass with the states, scaled in powers of two so that x^a may underflow.
///
/// Reported (all over offered contacts unless said): `probWait` = P(all agents busy on arrival);
/// `abandonRate` = θ·E[queue]/λ; `serviceLevel` = P(answered and wait ≤ T) — a contact that
/// abandons is never "answered in time"; `asaSeconds` = mean wait of *answered* contacts;
/// `occupancy` = A(1 − abandonRate)/N; `meanQueueLength` = E[queue]. Long patience tends to Erlang C.
///
/// Valid range: traffic finite ≥ 0, AHT and patience finite > 0, agents in
/// 0…`QueueingLimits.maximumAgents`, target ≥ 0. Zero traffic: probWait 0, SL 1, ASA 0,
/// occupancy 0, abandonment 0. N = 0: everyone abandons (SL 0, ASA +∞, occupancy 0).
/// The chain is summed until the tail is below 2⁻⁶⁰ of the mass; if that needs more than
/// `QueueingLimits.maximumAgents` states (heavy overload with very long patience) the
/// non-throwing functions return NaN and the validated ones throw naming "patience_seconds".
///
/// References: Palm (1943); Mandelbaum & Zeltyn (2007), "Service engineering in action: the
/// Palm/Erlang-A queue, with applications to call centers", in *Advances in Services Innovations*;
/// Gans, Koole & Mandelbaum (2003), §4.2.
public enum ErlangA {
    /// The Erlang A measures beyond `QueueMetrics`.
    public struct DetailedMetrics: Sendable, Equatable {
        /// The common measures (with `abandonRate` set).
        public var metrics: QueueMetrics
        /// P(abandoned with wait ≤ T) over all offered contacts.
        public var abandonWithinTarget: Double
        /// serviceLevel / (1 − abandonWithinTarget): the variant that removes short abandons.
        public var serviceLevelExcludingShortAbandons: Double
        /// Mean time in queue over all contacts, an abandoning contact counting its time until it left.
        public var meanWaitAllSeconds: Double

        public init(
            metrics: QueueMetrics, abandonWithinTarget: Double, serviceLevelExcludingShortAbandons: Double,
            meanWaitAllSeconds: Double
        ) {
            self.metrics = metrics
            self.abandonWithinTarget = abandonWithinTarget
            self.serviceLevelExcludingShortAbandons = serviceLevelExcludingShortAbandons
            self.meanWaitAllSeconds = meanWaitAllSeconds
        }
    }

    /// Erlang A measures for `agents` under `traffic` Erlangs; NaN outside the valid range.
    public static func metrics(
        traffic: Double, ahtSeconds: Double, patienceSeconds: Double, agents: Int,
        targetSeconds: Double
    ) -> QueueMetrics {
        detailedMetrics(
            traffic: traffic, ahtSeconds: ahtSeconds, patienceSeconds: patienceSeconds, agents: agents,
            targetSeconds: targetSeconds
        ).metrics
    }

    /// All Erlang A measures; NaN outside the valid range.
    public static func detailedMetrics(
        traffic: Double, ahtSeconds: Double, patienceSeconds: Double, agents: Int,
        targetSeconds: Double
    ) -> DetailedMetrics {
        do {
            return try validatedDetailedMetrics(
                traffic: traffic, ahtSeconds: ahtSeconds, patienceSeconds: patienceSeconds,
                agents: agents, targetSeconds: targetSeconds)
        } catch {
            return DetailedMetrics(
                metrics: .undefined(agents: agents, traffic: traffic, abandonment: true),
                abandonWithinTarget: .nan, serviceLevelExcludingShortAbandons: .nan,
                meanWaitAllSeconds: .nan)
        }
    }

    /// All Erlang A measures, throwing a `QueueingError` that names the first bad input.
    public static func validatedDetailedMetrics(
        traffic: Double, ahtSeconds: Double, patienceSeconds: Double, agents: Int,
        targetSeconds: Double
    ) throws(QueueingError) -> DetailedMetrics {
        try InputCheck.traffic(traffic)
        try InputCheck.seconds(ahtSeconds, name: .ahtSeconds, allowZero: false)
        try InputCheck.patience(patienceSeconds)
        try InputCheck.agents(agents)
        try InputCheck.seconds(targetSeconds, name: .targetSeconds, allowZero: true)
        guard
            let result = compute(
                traffic: traffic, ahtSeconds: ahtSeconds, patienceSeconds: patienceSeconds,
                agents: agents, targetSeconds: targetSeconds)
        else {
            throw .invalidParameter(
                name: .patienceSeconds,
                message: "too long for this overload: the queue would need "
                    + "more than \(QueueingLimits.maximumAgents) waiting positions to settle")
        }
        return result
    }

    /// A positive number m·2^e kept apart so that neither part overflows or underflows.
    private struct Scaled {
        var mantissa: Double
        var exponent: Int

        /// e^logarithm.
        init(exponential logarithm: Double) {
            if logarithm > -700 {
                mantissa = exp(logarithm)
                exponent = 0
            } else if logarithm < -0x1p40 {
                mantissa = 0  // beyond any reachable state count: the terms never matter
                exponent = 0
            } else {
                let ln2 = 0.693_147_180_559_945_309_417_232_121_458
                exponent = Int((logarithm / ln2).rounded(.down))
                mantissa = exp(logarithm.addingProduct(-Double(exponent), ln2))
            }
        }

        var value: Double { scalbn(mantissa, exponent) }

        mutating func multiply(by factor: Double) {
            mantissa *= factor
            if mantissa > 0x1p600 {
                mantissa *= 0x1p-600
                exponent += 600
            } else if mantissa < 0x1p-600, mantissa > 0 {
                mantissa *= 0x1p600
                exponent -= 600
            }
        }
    }

    /// The computation for valid inputs; nil when the chain needs too many states.
    static func compute(
        traffic: Double, ahtSeconds: Double, patienceSeconds: Double, agents: Int,
        targetSeconds: Double
    ) -> DetailedMetrics? {
        if traffic == 0 {
            return DetailedMetrics(
                metrics: .zeroTraffic(agents: agents, abandonment: true), abandonWithinTarget: 0,
                serviceLevelExcludingShortAbandons: 1, meanWaitAllSeconds: 0)
        }
        let patienceRatio = ahtSeconds / patienceSeconds  // ρ = θ/μ
        let shortAbandon = -expm1(-targetSeconds / patienceSeconds)  // 1 − e^(−θT)
        if agents == 0 {
            // Nobody is answered; the queue is M/M/∞ in patience: mean λ/θ = A/ρ.
            let queue = traffic / patienceRatio
            let metrics = QueueMetrics(
                agents: 0, trafficErlangs: traffic, probWait: 1, serviceLevel: 0,
                asaSeconds: .infinity, occupancy: 0, meanQueueLength: queue, abandonRate: 1)
            return DetailedMetrics(
                metrics: metrics, abandonWithinTarget: shortAbandon,
                serviceLevelExcludingShortAbandons: 0, meanWaitAllSeconds: patienceSeconds)
        }
        let n = Double(agents)
        // Waiting positions the chain reaches: its mode sits near (A − N)/ρ.
        guard (traffic - n) / patienceRatio < Double(QueueingLimits.maximumAgents) - 1_000 else { return nil }
        let inverseBlocking = ErlangB.inverseBlocking(traffic: traffic, agents: agents)
        if inverseBlocking == .infinity {
            // B(N, A) below 1e-308: no arrival ever finds all agents busy.
            let metrics = QueueMetrics(
                agents: agents, trafficErlangs: traffic, probWait: 0, serviceLevel: 1, asaSeconds: 0,
                occupancy: traffic / n, meanQueueLength: 0, abandonRate: 0)
            return DetailedMetrics(
                metrics: metrics, abandonWithinTarget: 0, serviceLevelExcludingShortAbandons: 1,
                meanWaitAllSeconds: 0)
        }
        let a = n / patienceRatio  // Nμ/θ
        let stay = exp(-targetSeconds / patienceSeconds)  // x = e^(−θT)
        // Terms of I_x(a, b) and I_x(a + 1, b): t₀ = x^a = e^(−N·T/AHT), x^(a+1) = e^(−N·T/AHT − θT).
        let logFirst = -n * targetSeconds / ahtSeconds
        var termA = Scaled(exponential: logFirst)
        var termA1 = Scaled(exponential: logFirst - targetSeconds / patienceSeconds)
        var incompleteA = 0.0
        var incompleteA1 = 0.0

        // Weights relative to π_N, rescaled together when they grow large.
        var below = inverseBlocking - 1  // Σ_{n<N} πₙ / π_N
        var weight = 1.0
        var waitMass = 0.0
        var queueSum = 0.0
        var answeredInTime = 0.0
        var abandonedInTime = 0.0
        var answeredWait = 0.0
        var harmonic = 0.0  // Σᵢ₌₁ᵇ AHT / (N + iρ) = Σ 1/(Nμ + iθ)
        let tailTolerance = 0x1p-60
        var waiting = 0  // j: contacts waiting ahead of an arrival in this state
        while true {
            let j = Double(waiting)
            incompleteA += termA.value
            incompleteA1 += termA1.value
            termA.multiply(by: (a + j) / (j + 1) * shortAbandon)
            termA1.multiply(by: (a + 1 + j) / (j + 1) * shortAbandon)
            let b = j + 1
            let denominator = n + b * patienceRatio
            let answered = n / denominator  // a / (a + b)
            let abandoned = b * patienceRatio / denominator  // b / (a + b)
            harmonic += ahtSeconds / denominator
            waitMass += weight
            queueSum += j * weight
            answeredInTime += weight * answered * (1 - incompleteA1)
            abandonedInTime += weight * max(0, abandoned - stay * incompleteA + answered * incompleteA1)
            answeredWait += weight * answered * harmonic

            weight *= traffic / denominator  // π_{N+j+1} / π_{N+j} = A / (N + (j+1)ρ)
            waiting += 1
            let nextRatio = traffic / (n + (b + 1) * patienceRatio)
            if nextRatio < 1 {
                // Σ_{k>j} (k+1)·π_{N+k} ≤ w·((j+2)/(1−R) + R/(1−R)²) with w = π_{N+j+1}, R the next ratio.
                let gap = 1 - nextRatio
                let tail = weight * ((b + 1) / gap + nextRatio / (gap * gap))
                if tail <= tailTolerance * (below + waitMass) { break }
            }
            if weight > 0x1p600 {
                let shrink = 0x1p-600
                weight *= shrink
                below *= shrink
                waitMass *= shrink
                queueSum *= shrink
                answeredInTime *= shrink
                abandonedInTime *= shrink
                answeredWait *= shrink
            }
            if waiting > QueueingLimits.maximumAgents { return nil }
        }

        let total = below + waitMass
        let meanQueue = queueSum / total
        let abandonRate = min(1, meanQueue * patienceRatio / traffic)  // θ·E[Q]/λ
        let serviceLevel = (below + answeredInTime) / total
        let abandonWithinTarget = abandonedInTime / total
        let answeredFraction = 1 - abandonRate
        let metrics = QueueMetrics(
            agents: agents, trafficErlangs: traffic, probWait: waitMass / total,
            serviceLevel: serviceLevel,
            asaSeconds: answeredFraction > 0 ? answeredWait / total / answeredFraction : .infinity,
            occupancy: traffic * answeredFraction / n, meanQueueLength: meanQueue,
            abandonRate: abandonRate)
        return DetailedMetrics(
            metrics: metrics, abandonWithinTarget: abandonWithinTarget,
            serviceLevelExcludingShortAbandons: abandonWithinTarget < 1 ? serviceLevel / (1 - abandonWithinTarget) : 0,
            meanWaitAllSeconds: meanQueue * ahtSeconds / traffic)
    }
}
