/// Staffing to a quantile of the forecast distribution (`staff_to`): the contacts an interval is
/// staffed for at p50, p80 or p95.
///
/// The upper half of the prediction intervals gives the spread σ: the 80 % interval's upper end
/// is the 90th percentile, mean + z(0.90)·σ, and the 95 % interval's the 97.5th, mean + z(0.975)·σ
/// (normal approximation). p80 is then mean + z(0.80)·σ and p95 mean + z(0.95)·σ, σ read from
/// the matching interval. Never below the mean (a bound below the mean gives σ = 0).
public enum RiskStaffing {
    /// Standard normal quantiles: z(0.80), z(0.90) (the 80 % interval's upper end), z(0.95),
    /// z(0.975) (the 95 % interval's upper end).
    public static let z80 = 0.8416212335729143, z90 = 1.2815515655446004, z95 = 1.6448536269514722,
        z975 = 1.959963984540054

    /// Contacts at quantile `staffTo` of an interval's forecast distribution.
    public static func contacts(mean: Double, hi80: Double, hi95: Double, staffTo: StaffTo) -> Double {
        switch staffTo {
        case .p50: return mean
        case .p80: return mean + max(0, hi80 - mean) / z90 * z80
        case .p95: return mean + max(0, hi95 - mean) / z975 * z95
        }
    }
}
