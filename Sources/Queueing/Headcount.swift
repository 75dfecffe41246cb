/// Scheduled heads from productive agents: H = ⌈N / (1 − s)⌉ for shrinkage s, computed exactly.
///
/// Shrinkage is the fraction of paid time lost to breaks, meetings, training and absence, so N
/// productive agents need N / (1 − s) on the schedule (not N · (1 + s), which understaffs: 14 agents
/// at 30 % need 20 heads, not 19). The ceiling is exact for the decimal shrinkage the planner
/// typed: in binary 21 / (1 − 0.3) = 30.000000000000004, whose float ceiling 31 is one head too many.
public enum Headcount {
    /// ⌈agents / (1 − shrinkage)⌉, exactly.
    ///
    /// - Valid range: agents ≥ 0, shrinkage in [0, 1). This function never traps: agents ≤ 0 gives 0,
    ///   shrinkage below 0 counts as 0, and shrinkage ≥ 1 or NaN (no finite schedule delivers the agents)
    ///   or a result beyond `Int.max` gives `Int.max`. Use `validatedScheduled` to get an error instead.
    public static func scheduled(agents: Int, shrinkage: Double) -> Int {
        if agents <= 0 { return 0 }
        guard !shrinkage.isNaN, shrinkage < 1 else { return Int.max }
        if shrinkage <= 0 { return agents }
        guard let decimal = ShortestDecimal(shrinkage), decimal.significand > 0 else { return agents }
        // s = m · 10^e with e < 0 (0 < s < 1 and m has no trailing zeros), so 1 − s = (10^k − m) / 10^k, k = −e.
        let k = -decimal.exponent
        if k <= 19 {
            let scale = powersOfTen[k]
            let divisor = scale - decimal.significand
            let numerator = UInt64(agents).multipliedFullWidth(by: scale)
            guard numerator.high < divisor else { return Int.max }
            let (quotient, remainder) = divisor.dividingFullWidth(numerator)
            guard quotient < UInt64(Int.max) else { return Int.max }
            return Int(quotient) + (remainder > 0 ? 1 : 0)
        }
        // More than 19 decimal places: compare agents·10^k against c·(10^k − m) in big integers
        // around the float estimate.
        let estimate = Double(agents) / (1 - shrinkage)
        guard estimate < 9e18 else { return Int.max }
        let scale = BigNatural.tenToThe(k)
        guard let divisor = BigNatural.difference(scale, BigNatural(decimal.significand)) else { return Int.max }
        let numerator = BigNatural(UInt64(agents)) * scale
        // Smallest c with numerator ≤ c · divisor.
        var candidate = UInt64(max(1, estimate.rounded(.down)))
        while candidate > 1, !(BigNatural(candidate - 1) * divisor < numerator) { candidate -= 1 }
        while BigNatural(candidate) * divisor < numerator { candidate += 1 }
        return Int(candidate)
    }

    /// Productive agents out of `heads` scheduled: ⌊heads × (1 − shrinkage)⌋, exactly — the
    /// largest N with `scheduled(agents: N, shrinkage:)` ≤ heads, so the two are inverse: heads
    /// scheduled for N agents deliver N agents again (63 agents at 30 % need 90 heads, and 90
    /// heads give 63 agents, though 90 × (1 − 0.3) is 62.99999999999999 in binary).
    ///
    /// - Valid range: heads ≥ 0, shrinkage in [0, 1). Never traps: heads ≤ 0 gives 0; shrinkage
    ///   below 0 counts as 0; shrinkage ≥ 1 or NaN gives 0 (nobody is productive).
    public static func productive(heads: Int, shrinkage: Double) -> Int {
        if heads <= 0 { return 0 }
        guard !shrinkage.isNaN, shrinkage < 1 else { return 0 }
        if shrinkage <= 0 { return heads }
        guard let decimal = ShortestDecimal(shrinkage), decimal.significand > 0 else { return heads }
        // s = m · 10^−k, so heads · (1 − s) = heads · (10^k − m) / 10^k, floored in integers.
        let k = -decimal.exponent
        if k <= 19 {
            let scale = powersOfTen[k]
            let product = UInt64(heads).multipliedFullWidth(by: scale - decimal.significand)
            return Int(scale.dividingFullWidth(product).quotient)
        }
        // More than 19 decimal places: the float estimate is within a step or two of the answer;
        // settle it with the exact ceiling, a bounded number of steps either way.
        var agents = max(0, min(heads, Int((Double(heads) * (1 - shrinkage)).rounded(.down))))
        for _ in 0..<4 where agents > 0 && scheduled(agents: agents, shrinkage: shrinkage) > heads { agents -= 1 }
        for _ in 0..<4 where agents < heads && scheduled(agents: agents + 1, shrinkage: shrinkage) <= heads {
            agents += 1
        }
        return agents
    }

    /// 10^0 … 10^19, all exact in UInt64.
    private static let powersOfTen: [UInt64] = (0...19).map { k in
        (0..<k).reduce(UInt64(1)) { product, _ in product * 10 }
    }

    /// `scheduled(agents:shrinkage:)` that rejects agents below 0 ("agents") and shrinkage
    /// outside [0, 1) ("shrinkage").
    public static func validatedScheduled(agents: Int, shrinkage: Double) throws(QueueingError) -> Int {
        guard agents >= 0 else {
            throw .invalidParameter(name: .agents, message: "must be a whole number of agents ≥ 0, got \(agents)")
        }
        try InputCheck.shrinkage(shrinkage)
        return scheduled(agents: agents, shrinkage: shrinkage)
    }
}
