import Foundation

extension AutoForecaster {
    /// How `auto` ranks its candidates from their backtest windows.
    ///
    /// The candidate with the lowest mean WAPE over the windows is the *leader*. A candidate that
    /// is more stable than the leader (``AutoForecaster/stability(_:_:)``) takes its place when
    /// its per-window WAPEs are within noise of the leader's: the mean paired difference
    /// d̄ = mean(WAPEᶜ − WAPEˡ) over the windows both were scored on is at most
    /// ``noiseMultiple`` × its standard error s_d / √n (n ≥ 2; windows that overlap count as
    /// fewer, see `windowsPerIndependent`). Four or eight weeks cannot tell
    /// two models apart by less than that, and on data nobody tuned to the steadier model is the
    /// better bet. Two standard errors, not one: on the accuracy suite one let noisy winners
    /// through (bank check 5.43 % against 5.05 % with two; web shop tune 5.41 % against 5.31 %).
    /// Of several such candidates the most stable wins, then the lower mean WAPE.
    public enum Selection {
        public static let noiseMultiple = 2.0

        /// The mean of a candidate's per-window scores (NaN when none is scored).
        static func meanScore(_ scores: [Int64: Double]) -> Double {
            scores.isEmpty ? .nan : scores.values.sorted().reduce(0, +) / Double(scores.count)
        }

        /// Candidate indices, the chosen one first, then by mean WAPE and name, then those with
        /// no scored window in the order given.
        static func rank(
            _ windows: [[BacktestWindow]], names: [String], stability: [Int],
            noiseMultiple: Double = Selection.noiseMultiple, scoring: Scoring = .intervals
        ) -> [Int] {
            rank(
                scores: windows.map { scoring.scores($0) }, names: names, stability: stability,
                noiseMultiple: noiseMultiple)
        }

        /// Candidate indices ranked on per-window scores (window origin → score, lower is better).
        ///
        /// `windowsPerIndependent`: how many consecutive windows share most of their weeks (a
        /// 17-week window moved by one week shares 16 of them): the mean of n such windows'
        /// differences varies like that of n / `windowsPerIndependent` independent ones, so the
        /// standard error is s_d / √(n / windowsPerIndependent). 1 for windows that do not overlap.
        static func rank(
            scores byOrigin: [[Int64: Double]], names: [String], stability: [Int],
            noiseMultiple: Double = Selection.noiseMultiple, windowsPerIndependent: Int = 1
        ) -> [Int] {
            let means = byOrigin.map(meanScore)
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
                let independent = Double(d.count) / Double(max(1, windowsPerIndependent))
                let standardError = (variance / independent).squareRoot()
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

extension AutoForecaster {
    /// What a backtest window is scored on when `auto` chooses: the decision's horizon.
    public enum Scoring: Sendable, Equatable {
        /// WAPE over the window's intervals: the week ahead `plan` staffs interval by interval.
        case intervals
        /// WAPE of the window's weekly totals from its `fromWeek`-th week on (1 = the first):
        /// `capacity` hires on weekly totals 4–17 weeks ahead, where the level and the season
        /// matter and the shape within the day does not.
        case weeklyTotals(fromWeek: Int)

        /// Window origin → score, for the windows that can be scored.
        func scores(_ windows: [BacktestWindow]) -> [Int64: Double] {
            var map: [Int64: Double] = [:]
            for w in windows {
                let value: Double?
                switch self {
                case .intervals: value = Accuracy.wape(forecast: w.forecasts, actual: w.actuals)
                case .weeklyTotals(let fromWeek): value = w.weeklyWAPE(fromWeek: max(1, fromWeek) - 1)
                }
                if let value, value.isFinite { map[w.origin] = value }
            }
            return map
        }

        /// How the score is named in a manifest.
        public var label: String {
            switch self {
            case .intervals: return "interval WAPE"
            case .weeklyTotals(let fromWeek): return "weekly WAPE from week \(fromWeek)"
            }
        }
    }
}
