/// Accuracy of a forecast against the actuals that are known. Each function returns nil when its
/// denominator is zero or empty.
public enum Accuracy {
    /// Weighted absolute percentage error Σ|fᵢ − yᵢ| / Σyᵢ.
    public static func wape(forecast: [Double], actual: [Double]) -> Double? {
        let total = actual.reduce(0, +)
        guard total > 0, forecast.count == actual.count else { return nil }
        return zip(forecast, actual).reduce(0) { $0 + abs($1.0 - $1.1) } / total
    }

    /// Mean absolute error.
    public static func meanAbsoluteError(forecast: [Double], actual: [Double]) -> Double? {
        guard !actual.isEmpty, forecast.count == actual.count else { return nil }
        return zip(forecast, actual).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(actual.count)
    }

    /// Root mean squared error.
    public static func rootMeanSquaredError(forecast: [Double], actual: [Double]) -> Double? {
        guard !actual.isEmpty, forecast.count == actual.count else { return nil }
        return (zip(forecast, actual).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(actual.count))
            .squareRoot()
    }

    /// Relative bias Σ(fᵢ − yᵢ) / Σyᵢ: positive when the forecast is too high.
    public static func bias(forecast: [Double], actual: [Double]) -> Double? {
        let total = actual.reduce(0, +)
        guard total > 0, forecast.count == actual.count else { return nil }
        return (forecast.reduce(0, +) - total) / total
    }

    /// Share of actuals inside [lower, upper] (bounds included).
    public static func coverage(actual: [Double], lower: [Double], upper: [Double]) -> Double? {
        guard !actual.isEmpty, lower.count == actual.count, upper.count == actual.count else { return nil }
        let inside = actual.indices.filter { lower[$0] <= actual[$0] && actual[$0] <= upper[$0] }.count
        return Double(inside) / Double(actual.count)
    }

    /// Mean over days of |Σ forecast − Σ actual| / Σ actual of each day (`day` labels each value).
    public static func dailyAbsolutePercentageError(forecast: [Double], actual: [Double], day: [Int]) -> Double? {
        guard forecast.count == actual.count, day.count == actual.count else { return nil }
        var totals: [Int: (f: Double, y: Double)] = [:]
        for k in actual.indices {
            let old = totals[day[k]] ?? (0, 0)
            totals[day[k]] = (old.f + forecast[k], old.y + actual[k])
        }
        let errors = totals.sorted { $0.key < $1.key }.compactMap { entry -> Double? in
            entry.value.y > 0 ? abs(entry.value.f - entry.value.y) / entry.value.y : nil
        }
        return errors.isEmpty ? nil : errors.reduce(0, +) / Double(errors.count)
    }

    /// Linear-interpolation sample quantile (Hyndman & Fan type 7, R's default) of `p` ∈ [0, 1].
    public static func quantile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty, p.isFinite else { return nil }
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * min(1, max(0, p))
        let lower = Int(h.rounded(.down))
        let upper = min(sorted.count - 1, lower + 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
