import Foundation

/// Tukey's bisquare re-weighting, the one robust step of the calendar regression's two stages
/// (rows in stage 2, whole days in stage 1):
///
///     u = r / (c · 1.4826 · median|r|),   w′ = w · (1 − u²)²  for |u| < 1, else 0
///
/// 1.4826 · MAD estimates the residuals' standard deviation under normal errors; the cut-off
/// c = ``cutoff`` = 8 robust standard deviations is wide on purpose: it only silences an outage,
/// a stray spike or a glitch day, and leaves the ordinary spread of a busy day alone (Huber &
/// Ronchetti, *Robust Statistics*, 2nd ed., 2009, §7.8; Beaton & Tukey, *Technometrics* 16, 1974).
enum RobustWeights {
    /// Bisquare cut-off in robust standard deviations (1.4826 · MAD).
    static let cutoff = 8.0

    /// The bisquare weights of `residuals`, each multiplied into `prior[k]` when given (1 when
    /// nil), the scale set by the median absolute value of `scaleResiduals` (default: the
    /// residuals themselves). Nil when that median is 0 (a perfect fit: nothing to down-weight).
    static func bisquare(
        _ residuals: [Double], scaleFrom scaleResiduals: [Double]? = nil,
        prior: [Double]? = nil
    ) -> [Double]? {
        let scale = 1.4826 * median((scaleResiduals ?? residuals).map(abs))
        guard scale > 0 else { return nil }
        let limit = cutoff * scale
        return residuals.indices.map { k in
            let u = residuals[k] / limit
            guard abs(u) < 1 else { return 0 }
            let t = 1 - u * u
            return (prior?[k] ?? 1) * t * t
        }
    }

    /// The median (the mean of the middle two for an even count); 0 for no values.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2])
    }
}
