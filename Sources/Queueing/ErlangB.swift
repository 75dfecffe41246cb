/// Erlang B: the M/M/N/N loss system (blocked contacts are lost).
///
/// B(N, A) = (Aᴺ / N!) / Σₖ₌₀ᴺ (Aᵏ / k!), the probability that all N agents are busy under offered
/// traffic A Erlangs (Erlang 1917; Cooper 1981, *Introduction to Queueing Theory*, 2nd ed., §3.4).
///
/// Never evaluated from factorials or powers, which overflow beyond a few hundred agents.
/// The textbook recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)) is, for R(n) = 1/B(n),
///
///     R(n) = 1 + (n/A) · R(n−1),  R(0) = 1,
///
/// and unrolling it gives R(N) = Σⱼ₌₀ᴺ Πᵢ₌₀ʲ⁻¹ (N−i)/A = 1 + N/A + N(N−1)/A² + … . We sum that
/// series from the top: every term is positive, its ratio (N−j)/A falls below 1 once j > N − A,
/// and from there the remaining tail is below term · ρ/(1−ρ) (ρ the next ratio), so we stop once
/// that bound is under 2⁻⁶⁰ of the sum. The result is the recursion's value to within rounding,
/// in about N − A + 9√A steps instead of N: 1 300 instead of 21 000 at 21 000 Erlangs.
public enum ErlangB {
    /// The blocking probability B(N, A).
    ///
    /// - Valid range: `traffic` finite and ≥ 0, `agents` in 0…`QueueingLimits.maximumAgents`;
    ///   outside it the result is NaN (this function never traps).
    /// - Edge cases: B(0, A) = 1; B(N ≥ 1, 0) = 0; underflows to 0 for N far above A.
    public static func blocking(traffic: Double, agents: Int) -> Double {
        guard traffic.isFinite, traffic >= 0, agents >= 0, agents <= QueueingLimits.maximumAgents else { return .nan }
        return 1 / inverseBlocking(traffic: traffic, agents: agents)
    }

    /// 1 / B(N, A); +∞ when B underflows (or A = 0 < N). Inputs must already be valid.
    static func inverseBlocking(traffic: Double, agents: Int) -> Double {
        if agents == 0 { return 1 }
        if traffic == 0 { return .infinity }
        let tailTolerance = 0x1p-60
        var sum = 1.0
        var term = 1.0
        var remaining = agents  // N − j: the next term is term · remaining / A
        var ratio = Double(remaining) / traffic
        while true {
            term *= ratio
            sum += term
            remaining -= 1
            if remaining == 0 || sum == .infinity { return sum }
            ratio = Double(remaining) / traffic
            if ratio < 1, term * ratio <= tailTolerance * sum * (1 - ratio) { return sum }
        }
    }

    /// R(n+1) from R(n): the forward step of the recursion, used by the staffing search.
    @inline(__always)
    static func nextInverseBlocking(_ previous: Double, agents: Int, traffic: Double) -> Double {
        1 + previous * (Double(agents) / traffic)
    }
}
