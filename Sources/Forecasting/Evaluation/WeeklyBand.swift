import Foundation

/// 80 % and 95 % ranges of a week's total contacts, calibrated on the weekly totals of backtest
/// windows at the same lead — the range a capacity plan hires on.
///
/// Summing the intervals' bounds gives the range of a total whose interval errors all move
/// together at their 90th percentile at once; on the web shops' 17-week backtests that range held
/// nearly every week and staffed p80 far above p50. A week's total instead has one error: with
/// `F` the forecast and `A` the actual total of the lead week `w` (0 = the week starting at the
/// window's origin), `r = log(A / F)`. Its variance grows with the lead, `σ²(w) = a + b · w`, a
/// least-squares line through `r²` against `w` (b ≥ 0; a kept at a quarter of the mean square at
/// least: ``IntervalCalibration/varianceByLead(squares:leads:)``, the line it fits for days).
/// The 80 % / 95 % ranges use the empirical 80th / 95th percentiles `z` of `|r| / σ(w)` over all
/// windows and weeks, so heavy tails (a missed peak) are kept: `F · exp(±z σ(w))`. With fewer
/// than ``minimumSamples`` weekly errors the range is `F · exp(±q σ)` with an assumed σ = 0.1 (a
/// level known to ±10 %) and normal quantiles — a stated assumption, not an estimate.
///
/// Empirical quantiles of backtest errors as prediction intervals: Williams & Goodman (1971);
/// Hyndman & Athanasopoulos, *Forecasting: Principles and Practice* (3rd ed.), §5.5.
public struct WeeklyBand: Sendable, Equatable {
    /// a, the variance of the log weekly error at lead week 0.
    public var variance: Double
    /// b, the variance added per week of lead.
    public var variancePerWeek: Double
    /// The standardised quantiles the 80 % and 95 % ranges use (two-sided: the 90th and 97.5th
    /// percentiles of the error).
    public var z80: Double
    public var z95: Double
    /// Whether the band was fitted on backtest errors (false: the stated fallback).
    public var fromBacktest: Bool
    /// How many weekly errors it was fitted on.
    public var samples: Int

    public static let minimumSamples = 12
    public static let fallback = WeeklyBand(
        variance: 0.01, variancePerWeek: 0, z80: 1.2815515655446004, z95: 1.959963984540054, fromBacktest: false,
        samples: 0)

    public init(variance: Double, variancePerWeek: Double, z80: Double, z95: Double, fromBacktest: Bool, samples: Int) {
        self.variance = variance
        self.variancePerWeek = variancePerWeek
        self.z80 = z80
        self.z95 = z95
        self.fromBacktest = fromBacktest
        self.samples = samples
    }

    /// σ(w), the spread of the log error of a week `leadWeek` weeks after the origin's week.
    public func spread(leadWeek: Int) -> Double {
        (variance + variancePerWeek * Double(max(0, leadWeek))).squareRoot()
    }

    /// The 80 % and 95 % ranges of a weekly `total` forecast `leadWeek` weeks ahead.
    public func bounds(_ total: Double, leadWeek: Int) -> (lo80: Double, hi80: Double, lo95: Double, hi95: Double) {
        let f = max(0, total.isFinite ? total : 0)
        let s = spread(leadWeek: leadWeek)
        return (f * exp(-z80 * s), f * exp(z80 * s), f * exp(-z95 * s), f * exp(z95 * s))
    }

    /// The factor taking a weekly forecast to its quantile `z` standard spreads up (`z` a
    /// standard normal quantile, e.g. 0.8416 for p80), the spread read from the 80 % range:
    /// `exp(z / 1.2816 · z80 · σ(w))`.
    public func factor(normalQuantile z: Double, leadWeek: Int) -> Double {
        exp(max(0, z) / 1.2815515655446004 * z80 * spread(leadWeek: leadWeek))
    }

    /// Fits the band on weekly totals of backtest windows.
    static func fit(_ windows: [BacktestWindow]) -> WeeklyBand {
        var errors: [(week: Int, r: Double)] = []
        for window in windows {
            let totals = window.weeklyTotals()
            for (week, total) in totals.enumerated() where total.forecast > 0 && total.actual > 0 {
                errors.append((week, log(total.actual / total.forecast)))
            }
        }
        guard errors.count >= minimumSamples else { return fallback }
        let (variance, perWeek, meanSquare) = IntervalCalibration.varianceByLead(
            squares: errors.map { $0.r * $0.r }, leads: errors.map { Double($0.week) })
        // Every backtest week exact (a constant history): the range is the forecast.
        guard meanSquare > 0 else {
            return WeeklyBand(
                variance: 0, variancePerWeek: 0, z80: 0, z95: 0, fromBacktest: true, samples: errors.count)
        }
        let standardised = errors.map { abs($0.r) / (variance + perWeek * Double($0.week)).squareRoot() }
        guard let z80 = Accuracy.quantile(standardised, 0.8), let z95 = Accuracy.quantile(standardised, 0.95),
            z80.isFinite, z95.isFinite, z80 > 0
        else { return fallback }
        return WeeklyBand(
            variance: variance, variancePerWeek: perWeek, z80: z80, z95: max(z80, z95), fromBacktest: true,
            samples: errors.count)
    }
}

extension BacktestWindow {
    /// Forecast and actual totals of each lead week (0 = the 7 local days from the origin's day),
    /// over the intervals whose actuals are known.
    func weeklyTotals() -> [(forecast: Double, actual: Double)] {
        var totals: [(forecast: Double, actual: Double)] = []
        for k in forecasts.indices {
            let week = max(0, days[k] - originDay) / 7
            while totals.count <= week { totals.append((0, 0)) }
            totals[week].forecast += forecasts[k]
            totals[week].actual += actuals[k]
        }
        return totals
    }

    /// WAPE of the weekly totals from lead week `fromWeek` (0-based) on; nil when none is known.
    func weeklyWAPE(fromWeek: Int) -> Double? {
        let totals = weeklyTotals().dropFirst(max(0, fromWeek))
        let actual = totals.reduce(0) { $0 + $1.actual }
        guard actual > 0 else { return nil }
        return totals.reduce(0) { $0 + abs($1.forecast - $1.actual) } / actual
    }
}
