/// Re-forecast of the rest of a day from the actuals so far.
///
/// The morning forecast `planned` of one local day is scaled for the intervals not yet observed
/// by one level factor estimated from the intervals observed so far:
///
///     A = Σ observed[i],  F = Σ planned[i]   over the observed intervals i whose actual is known
///     factor = clamp(1 + w · (A / F − 1), factorBounds)
///     remaining[j] = factor · planned[j]      for j = observed.count ..< planned.count
///
/// The weight `w ∈ [0, 1]` shrinks the ratio of actual to forecast so far toward 1 (no change)
/// while little of the day has passed:
///
/// - ``Method/shrunkRatio(k:)``: `w = F / (F + k)`. This is the posterior mean of a day level
///   `L` with prior mean 1 and variance `τ²` when the contacts so far are Poisson with mean
///   `L · F`: `Var(A / F | L) ≈ 1 / F`, so `w = τ² / (τ² + 1 / F) = F / (F + 1 / τ²)`, i.e.
///   `k = 1 / τ²` pseudo-contacts of prior belief. A small `F` (early, or a small channel) keeps
///   the factor near 1 because the ratio is then mostly Poisson noise.
///
/// Intraday updating of call-centre arrival forecasts: J. Weinberg, L. D. Brown and J. R. Stroud
/// (2007), "Bayesian forecasting of an inhomogeneous Poisson process with applications to call
/// center data", JASA 102(480):1185–1198, report gains of up to 25 % for the rest of the day.
///
/// Edge cases: an empty day, no observations, every actual unknown (`nil`) or `F = 0` give
/// `factor = 1` and `remaining` equal to the plan (no division by zero). A non-finite or negative
/// actual or plan counts as unknown. Observations beyond `planned.count` are ignored. The factor is
/// bounded to ``factorBounds`` (`[0.25, 4]`): a day running at a quarter or four times its plan is
/// an outage or a recording error a planner must see, not a level to staff to.
public struct IntradayUpdate: Sendable, Equatable {
    public enum Method: Sendable, Equatable {
        /// `w = F / (F + k)`, `k ≥ 0` in contacts (see the type's comment).
        case shrunkRatio(k: Double)
    }

    /// The range the level factor is clamped to.
    public static let factorBounds: ClosedRange<Double> = 0.25 ... 4

    public var method: Method
    /// How much of today's surprise carries to tomorrow: `tomorrowFactor = 1 + ρ (factor − 1)`,
    /// `ρ` clamped to `[0, 1]`.
    public var tomorrowCarry: Double

    public init(method: Method, tomorrowCarry: Double = 0.5) {
        self.method = method
        self.tomorrowCarry = tomorrowCarry.isFinite ? min(1, max(0, tomorrowCarry)) : 0
    }

    /// The method and parameters the `staffcast-bench reforecast` backtest chose on the tune days
    /// (bank data, March–June 2003).
    public static let standard = IntradayUpdate(method: .shrunkRatio(k: 2000), tomorrowCarry: 0.5)

    public struct Result: Sendable, Equatable {
        /// The level factor applied to the rest of today (1 = no change).
        public var factor: Double
        /// Updated expected contacts for intervals observed.count ..< planned.count.
        public var remaining: [Double]
        /// The factor for tomorrow (today's surprise decays overnight; 1 = none).
        public var tomorrowFactor: Double
    }

    /// planned: the morning forecast of every interval of one local day, in order (expected contacts).
    /// observed: actual contacts of the first observed.count intervals of that day (nil = unknown, skipped).
    public func update(planned: [Double], observed: [Double?]) -> Result {
        let factor = levelFactor(planned: planned, observed: observed)
        let remaining = observed.count < planned.count ? planned[observed.count...].map { $0 * factor } : []
        return Result(factor: factor, remaining: remaining, tomorrowFactor: 1 + tomorrowCarry * (factor - 1))
    }

    /// The clamped level factor for the observed part of the day.
    public func levelFactor(planned: [Double], observed: [Double?]) -> Double {
        var actual = 0.0, plannedSoFar = 0.0
        for i in 0 ..< min(planned.count, observed.count) {
            guard let a = observed[i], a.isFinite, a >= 0, planned[i].isFinite, planned[i] >= 0 else { continue }
            actual += a
            plannedSoFar += planned[i]
        }
        guard plannedSoFar > 0, actual.isFinite else { return 1 }
        let weight: Double
        switch method {
        case let .shrunkRatio(k):
            let pseudo = k.isFinite ? max(0, k) : 0
            weight = plannedSoFar / (plannedSoFar + pseudo)
        }
        let raw = 1 + weight * (actual / plannedSoFar - 1)
        guard raw.isFinite else { return 1 }
        return min(Self.factorBounds.upperBound, max(Self.factorBounds.lowerBound, raw))
    }
}
