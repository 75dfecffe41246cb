/// A mean over independent replications with its two-sided 95 % Student-t confidence interval.
public struct ConfidenceInterval: Sendable, Equatable {
    public var mean: Double
    /// t₀.₉₇₅,ᵣ₋₁ · s / √R; NaN with one replication (no spread to estimate).
    public var halfWidth: Double
    public var lower: Double { mean - halfWidth }
    public var upper: Double { mean + halfWidth }

    public init(mean: Double, halfWidth: Double) {
        self.mean = mean
        self.halfWidth = halfWidth
    }

    /// The 95 % interval of the mean of `samples` (R ≥ 1 finite values; NaN for none).
    public init(samples: [Double]) {
        guard !samples.isEmpty else {
            self.init(mean: .nan, halfWidth: .nan)
            return
        }
        let count = Double(samples.count)
        let mean = samples.reduce(0, +) / count
        guard samples.count > 1 else {
            self.init(mean: mean, halfWidth: .nan)
            return
        }
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
        self.init(
            mean: mean,
            halfWidth: StudentT.quantile975(degreesOfFreedom: samples.count - 1) * (variance / count).squareRoot())
    }
}

/// The Student-t quantile the confidence intervals need.
public enum StudentT {
    /// t₀.₉₇₅ with ν degrees of freedom (ν ≥ 1): exact to 9 digits from a table for ν ≤ 30, the
    /// Cornish–Fisher expansion in 1/ν to the fourth order beyond (error below 1e-7 for ν > 30;
    /// Abramowitz & Stegun 26.7.5). NaN for ν < 1.
    public static func quantile975(degreesOfFreedom nu: Int) -> Double {
        guard nu >= 1 else { return .nan }
        if nu <= table.count { return table[nu - 1] }
        let z = 1.959_963_984_540_054
        let z2 = z * z
        let z3 = z2 * z
        let z5 = z3 * z2
        let z7 = z5 * z2
        let z9 = z7 * z2
        let v = Double(nu)
        let g1 = (z3 + z) / 4
        let g2 = (5 * z5 + 16 * z3 + 3 * z) / 96
        let g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384
        let g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92_160
        return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v)
    }

    private static let table: [Double] = [
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
        2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
        2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
        2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
    ]
}
