import Foundation

extension AutoForecaster {
    /// How `auto` ranks its candidates from their backtest windows.
    ///
    /// The candidate with the lowest mean WAPE over the windows is the *leader*. A candidate that
    /// is more stable than the leader (``AutoForecaster/stability(_:_:)``) takes its place when
    /// its per-window WAPEs are within noise of the leader's: the mean paired difference
    /// d̄ = mean(WAPEᶜ − WAPEˡ) over the windows both were scored on is at most
    /// ``noiseMultiple`` × its standard error s_d / √n (n ≥ 2). Four or eight weeks cannot tell
    /// two models apart by less than that, and on data nobody tuned to the steadier model is the
    /// better bet. Two standard errors, not one: on the accuracy suite one let noisy winners
    /// through (bank check 5.43 % against 5.05 % with two; web shop tune 5.41 % against 5.31 %).
    /// Of several such candidates the most stable wins, then the lower mean WAPE.
    public enum Selection {
        public static let noiseMultiple = 2.0

        static func meanWAPE(_ windows: [BacktestWindow]) -> Double {
            let wapes = windows.compactMap { Accuracy.wape(forecast: $0.forecasts, actual: $0.actuals) }.filter(
                \.isFinite)
            return wapes.isEmpty ? .nan : wapes.reduce(0, +) / Double(wapes.count)
        }

        /// Candidate indices, the chosen one first, then by mean WAPE and name, then those with
        /// no scored window in the order given.
        static func rank(
            _ windows: [[BacktestWindow]], names: [String], stability: [Int],
            noiseMultiple: Double = Selection.noiseMultiple
        ) -> [Int] {
            let byOrigin: [[Int64: Double]] = windows.map { list in
                var map: [Int64: Double] = [:]
                for w in list {
                    if let v = Accuracy.wape(forecast: w.forecasts, actual: w.actuals), v.isFinite { map[w.origin] = v }
                }
                return map
            }
            let means = byOrigin.map { $0.isEmpty ? Double.nan : $0.values.sorted().reduce(0, +) / Double($0.count) }
            let ordered = names.indices.sorted { a, b in
                switch (means[a].isNaN, means[b].isNaN) {
                case (false, false): return means[a] != means[b] ? means[a] < means[b] : (names[a], a) < (names[b], b)
                case (false, true): return true
                case (true, false): return false
                case (true, true): return a < b
                }
            }
            guard let leader = ordered.first, means[leader].isFinite, noiseMultiple > 0 else { return ordered }
            var chosen = leader
            for c in ordered where c != leader && means[c].isFinite && stability[c] > stability[leader] {
                let common = byOrigin[c].keys.filter { byOrigin[leader][$0] != nil }.sorted()
                guard common.count >= 2 else { continue }
                let d = common.compactMap { day in
                    byOrigin[c][day].flatMap { a in byOrigin[leader][day].map { a - $0 } }
                }
                let mean = d.reduce(0, +) / Double(d.count)
                let variance = d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d.count - 1)
                let standardError = (variance / Double(d.count)).squareRoot()
                guard mean <= noiseMultiple * standardError else { continue }
                if stability[c] > stability[chosen]
                    || (stability[c] == stability[chosen] && chosen != leader && means[c] < means[chosen])
                {
                    chosen = c
                }
            }
            return [chosen] + ordered.filter { $0 != chosen }
        }
    }
}
