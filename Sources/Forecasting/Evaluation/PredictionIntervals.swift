import Foundation

/// One backtest error: a forecast, the actual that came, and the local day it belongs to.
struct ErrorSample: Sendable {
    /// The window's origin and the local day: days of different windows are never pooled.
    var day: DayKey
    var forecast: Double
    var actual: Double
    /// Local days from the window's first day (0 = the first forecast day).
    var lead: Int = 0
}

struct DayKey: Hashable, Comparable, Sendable {
    var origin: Int64
    var day: Int

    static func < (a: DayKey, b: DayKey) -> Bool { (a.origin, a.day) < (b.origin, b.day) }
}

/// 80 % and 95 % prediction intervals calibrated on backtest errors.
///
/// Errors are taken on the log scale, rᵢ = log((yᵢ + 1)/(fᵢ + 1)), so they are relative for busy
/// intervals and absolute-ish near zero. Their variance is split into
/// - a day-level part σ²_day: the mean square of each day's mean error — a wrong daily level
///   moves every interval of the day together, which is most of a staffing forecast's error;
/// - a within-day part τ² beyond Poisson noise, and the Poisson part 1/(f + 1), which makes
///   quiet times of day (early, late) relatively wider than the busy middle of the day.
/// The day-level part grows with the lead time: σ²_day(L) = σ²₀ + b · L for a day L days after
/// the first forecast day, a least-squares line through the squared day means against their
/// leads (b ≥ 0; b = 0 when the windows have a single lead), so the 59th day of a two-month
/// forecast gets wider bounds than the first and the first day of a week narrower ones than a
/// pooled variance would give.
/// Each error is standardised by √(σ²_day(L) + τ² + 1/(fᵢ + 1)) and the 80 % / 95 % bounds use the
/// empirical 80th / 95th percentiles of |zᵢ|, so heavy tails are kept rather than assumed away:
/// bounds are (f + 1)·exp(±z_p·s) − 1, floored at 0 — lo ≤ f ≤ hi by construction.
///
/// With fewer than ``minimumSamples`` errors over at least two days (a history too short to
/// backtest), the bounds are Poisson intervals widened by an assumed 10 % uncertainty of the
/// daily level (σ_day = 0.1) with normal quantiles — a stated assumption, not an estimate.
struct IntervalCalibration: Sendable, Equatable {
    /// σ²₀, the day-level variance at lead 0.
    var dayVariance: Double
    /// b, the day-level variance added per day of lead.
    var dayVariancePerLead: Double = 0
    var withinVariance: Double
    var z80: Double
    var z95: Double
    var fromBacktest: Bool

    static let minimumSamples = 20
    static let fallback = IntervalCalibration(
        dayVariance: 0.01, withinVariance: 0, z80: 1.2815516, z95: 1.9599640,
        fromBacktest: false)

    static func fit(_ samples: [ErrorSample]) -> IntervalCalibration {
        let usable = samples.filter { $0.forecast.isFinite && $0.actual.isFinite && $0.forecast >= 0 && $0.actual >= 0 }
        var byDay: [DayKey: (sum: Double, count: Int, lead: Int)] = [:]
        let logErrors = usable.map { log(($0.actual + 1) / ($0.forecast + 1)) }
        for (sample, r) in zip(usable, logErrors) {
            let old = byDay[sample.day] ?? (0, 0, sample.lead)
            byDay[sample.day] = (old.sum + r, old.count + 1, old.lead)
        }
        guard usable.count >= minimumSamples, byDay.count >= 2 else { return fallback }
        let dayMeans = byDay.mapValues { $0.sum / Double($0.count) }
        // Summed in day order so the same errors always give the same bits.
        let ordered = byDay.keys.sorted()
        let squares = ordered.map { (dayMeans[$0] ?? 0) * (dayMeans[$0] ?? 0) }
        let leads = ordered.map { Double(byDay[$0]?.lead ?? 0) }
        let (dayVariance, perLead, _) = Self.varianceByLead(squares: squares, leads: leads)
        var withinSquares = 0.0
        var poisson = 0.0
        for (sample, r) in zip(usable, logErrors) {
            let w = r - (dayMeans[sample.day] ?? 0)
            withinSquares += w * w
            poisson += 1 / (sample.forecast + 1)
        }
        let freedom = max(1, usable.count - byDay.count)
        let withinVariance = max(0, withinSquares / Double(freedom) - poisson / Double(usable.count))
        let standardised = zip(usable, logErrors).map { sample, r in
            abs(r)
                / (dayVariance + perLead * Double(sample.lead) + withinVariance + 1 / (sample.forecast + 1))
                .squareRoot()
        }
        guard let z80 = Accuracy.quantile(standardised, 0.8), let z95 = Accuracy.quantile(standardised, 0.95),
            z80.isFinite, z95.isFinite
        else { return fallback }
        return IntervalCalibration(
            dayVariance: dayVariance, dayVariancePerLead: perLead, withinVariance: withinVariance,
            z80: z80, z95: max(z80, z95), fromBacktest: true)
    }

    /// The line σ²(L) = a + b · L through squared errors against their leads by least squares,
    /// b ≥ 0; a line that would leave lead 0 nearly exact keeps a quarter of the mean square at
    /// lead 0 (a ≥ meanSquare / 4, b lowered to keep the mean). Summed in the order given, so the
    /// same errors give the same bits. Used for days here and for weeks by ``WeeklyBand``.
    static func varianceByLead(squares: [Double], leads: [Double]) -> (
        atZero: Double, perLead: Double, meanSquare: Double
    ) {
        let n = Double(squares.count)
        let meanSquare = squares.reduce(0, +) / n
        let meanLead = leads.reduce(0, +) / n
        var covariance = 0.0
        var leadVariance = 0.0
        for j in squares.indices {
            covariance += (leads[j] - meanLead) * (squares[j] - meanSquare)
            leadVariance += (leads[j] - meanLead) * (leads[j] - meanLead)
        }
        var perLead = leadVariance > 0 ? max(0, covariance / leadVariance) : 0
        var atZero = meanSquare - perLead * meanLead
        if atZero < 0.25 * meanSquare {
            atZero = 0.25 * meanSquare
            perLead = meanLead > 0 ? (meanSquare - atZero) / meanLead : 0
        }
        return (atZero, perLead, meanSquare)
    }

    /// The bounds of a forecast `mean` for a day `lead` days after the first forecast day.
    func bounds(_ mean: Double, lead: Int = 0) -> (lo80: Double, hi80: Double, lo95: Double, hi95: Double) {
        let f = max(0, mean.isFinite ? mean : 0)
        let s = (dayVariance + dayVariancePerLead * Double(max(0, lead)) + withinVariance + 1 / (f + 1)).squareRoot()
        func band(_ z: Double) -> (Double, Double) {
            let lo = min(f, max(0, (f + 1) * exp(-z * s) - 1))
            let hiRaw = (f + 1) * exp(z * s) - 1
            let hi = hiRaw.isFinite ? max(f, hiRaw) : f
            return (lo, hi)
        }
        let (lo80, hi80) = band(z80)
        let (lo95, hi95) = band(z95)
        // z95 ≥ z80, so the 95 % band contains the 80 % band.
        return (lo80, hi80, lo95, hi95)
    }
}
