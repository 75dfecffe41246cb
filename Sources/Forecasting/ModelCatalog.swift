/// Every forecast model a planner can name, once: its name, what it does in a planner's words,
/// how steady it is, and how to make it. `--model`, the config's `"model"`, `--help`, the
/// "unknown model" message and `auto`'s tie-break all read this table.
public enum ModelCatalog {
    public struct Entry: Sendable {
        /// The name a planner writes (`wavg6` stands for every `wavgN`).
        public let name: String
        /// One line for `--help`.
        public let summary: String
        /// Higher is steadier: from one week to the next and across data sets (see
        /// ``AutoForecaster``'s selection: a candidate replaces a steadier one only when it beats
        /// it by more than noise).
        let stability: Int
        let make: @Sendable () -> any ForecastModel
    }

    /// The table, in the order `--help` lists it.
    public static let entries: [Entry] = [
        Entry(name: "snaive", summary: "same weekday and slot last week", stability: 0) { SeasonalNaiveModel() },
        Entry(
            name: "regression", summary: "log-scale calendar regression with holidays, events and a damped trend",
            stability: 5
        ) { CalendarRegressionModel() },
        Entry(
            name: "wavg6",
            summary: "mean of the same weekday and slot over the last 6 weeks (wavgN: N weeks, 1–52)", stability: 3
        ) { WeeklyAverageModel(weeks: 6) },
        Entry(name: "topdown", summary: "daily totals × intraday shares by weekday", stability: 3) { TopDownModel() },
        Entry(
            name: "dshw", summary: "Taylor's double-seasonal Holt-Winters with AR(1) error correction", stability: 1
        ) { DoubleSeasonalHoltWintersModel() },
        Entry(name: "combo", summary: "equal-weight combination of regression, topdown and wavg6", stability: 4) {
            CombinationModel()
        },
    ]

    /// The name that lets the backtest choose.
    public static let auto = "auto"

    /// The names ``model(named:)`` accepts (`wavg` takes any number of weeks 1…52, e.g. `wavg4`).
    public static var names: [String] { entries.map(\.name) }

    /// The model a planner names, in any case: a name of the table, or `wavg<N>` with N 1…52
    /// written without leading zeros (`auto` is the caller's: it means the backtest chooses).
    public static func model(named name: String) throws(ForecastingError) -> any ForecastModel {
        let key = name.lowercased()
        if let weeks = averageWeeks(key) { return WeeklyAverageModel(weeks: weeks) }
        guard let entry = entries.first(where: { $0.name == key }) else { throw .unknownModel(name) }
        return entry.make()
    }

    /// Whether `name` asks the backtest to choose (`auto`, in any case).
    public static func isAuto(_ name: String) -> Bool { name.lowercased() == auto }

    /// How steady the model called `name` is (a fitted model's name); 0 for a name the table
    /// does not know. A weekly average of four weeks or more is as steady as top-down; of fewer,
    /// as Holt-Winters.
    static func stability(of name: String) -> Int {
        if let weeks = averageWeeks(name) { return weeks >= 4 ? 3 : 1 }
        return entries.first { $0.name == name }?.stability ?? 0
    }

    /// N of `wavgN` (1…52, canonical digits), nil for any other name.
    static func averageWeeks(_ name: String) -> Int? {
        guard name.hasPrefix("wavg"), let weeks = Int(name.dropFirst(4)), (1...52).contains(weeks),
            String(weeks) == name.dropFirst(4)
        else { return nil }
        return weeks
    }
}
