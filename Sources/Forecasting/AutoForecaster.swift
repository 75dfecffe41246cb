import StaffcastCore

/// Picks a model per channel by a small rolling-origin backtest, refits it on all history and
/// forecasts with calibrated 80 % / 95 % prediction intervals.
public struct AutoForecaster: Sendable {
    /// Weekly seasonal naive (calendar-aligned) and the calendar regression.
    public static let defaultModels: [any ForecastModel] = [SeasonalNaiveModel(), CalendarRegressionModel()]

    /// Names ``model(named:)`` accepts (`wavg` takes any number of weeks 1…52, e.g. `wavg4`).
    public static let knownModelNames = ["snaive", "regression", "wavg6", "topdown", "dshw", "combo"]

    /// Backtest origins are one week apart, so every window sees the same mix of weekdays.
    public static let backtestSpacing = 604_800

    /// Weekly backtest origins whose errors calibrate the prediction intervals (and that
    /// ``Backtest/run(models:input:horizonSeconds:origins:everySeconds:)`` replays at each origin).
    /// More than the four that choose the model: most of the error is the daily level, and four
    /// weeks hold only ~20 business days of it — on the bank data the 95 % interval then covered
    /// 92.5 %, with eight 94 %. Fewer are used when the history is shorter.
    public static let intervalOrigins = 8

    public let models: [any ForecastModel]
    public let backtestOrigins: Int

    public init(models: [any ForecastModel] = AutoForecaster.defaultModels, backtestOrigins: Int = 4) {
        self.models = models
        self.backtestOrigins = max(1, backtestOrigins)
    }

    /// The model a planner names: `snaive`, `regression`, `wavg<N>`, `topdown`, `dshw`, `combo`
    /// (`auto` is the caller's).
    public static func model(named name: String) throws(ForecastingError) -> any ForecastModel {
        let key = name.lowercased()
        switch key {
        case "snaive": return SeasonalNaiveModel()
        case "regression": return CalendarRegressionModel()
        case "topdown": return TopDownModel()
        case "dshw": return DoubleSeasonalHoltWintersModel()
        case "combo": return CombinationModel()
        default:
            if key.hasPrefix("wavg"), let weeks = Int(key.dropFirst(4)), (1...52).contains(weeks),
               String(weeks) == key.dropFirst(4) {
                return WeeklyAverageModel(weeks: weeks)
            }
            throw .unknownModel(name)
        }
    }

    /// Forecasts the open intervals starting in [origin, origin + horizon) from the history
    /// before `origin` (moved up to the series' grid if it falls inside an interval).
    ///
    /// 1. Each model is backtested at ``backtestOrigins`` origins one week apart, the last one
    ///    `horizonSeconds` before `origin`, at this horizon.
    /// 2. The lowest mean WAPE wins (ties: the name first in alphabetical order); when no model
    ///    can be backtested (a short history) the first model in `models` that fits is used.
    /// 3. The winner is refitted on all history before `origin`.
    /// 4. Intervals come from the winner's backtest errors in the ``intervalOrigins`` weeks before
    ///    `origin` (see `IntervalCalibration`), so even a single model is backtested.
    ///
    /// `scores` are the step-1 backtest of every model; their coverage is out of sample, each
    /// window's intervals calibrated on the other windows' errors.
    public func forecast(_ input: ForecastInput, origin: Int64, horizonSeconds: Int) throws(ForecastingError)
        -> (forecast: Forecast, scores: [ModelScore])
    {
        let series = input.series
        guard !models.isEmpty else { throw .invalidRequest("no forecasting model to choose from") }
        guard horizonSeconds >= series.intervalSeconds, series.intervalSeconds > 0 else {
            throw .invalidRequest("the horizon (\(horizonSeconds) s) is shorter than one interval (\(series.intervalSeconds) s)")
        }
        let interval = Int64(series.intervalSeconds)
        let offset = origin - series.start
        let alignedOrigin = offset <= 0 ? origin : series.start + (offset + interval - 1) / interval * interval
        let history = input.truncated(before: alignedOrigin)
        guard alignedOrigin > series.start, history.endOfKnownHistory != nil else {
            throw .insufficientHistory(channel: series.channel, message: "no known volume before the forecast origin")
        }

        var engine = BacktestEngine(input: history)
        let rounds = max(backtestOrigins, Self.intervalOrigins)
        var windowsOf: [[BacktestWindow]] = []
        var scores: [ModelScore] = []
        for (index, model) in models.enumerated() {
            let windows = engine.innerWindows(model, index: index, before: alignedOrigin, horizonSeconds: horizonSeconds,
                                              origins: rounds)
            windowsOf.append(windows)
            let selection = Array(windows.prefix(backtestOrigins))
            let coverages = selection.indices.map { k in
                selection[k].coverage(IntervalCalibration.fit(
                    windows.enumerated().filter { $0.offset != k }.flatMap { $0.element.errorSamples() }))
            }
            scores.append(engine.score(model.name, windows: selection, coverages: coverages))
        }

        // Rank: backtested models by WAPE then name; then the rest in the order given.
        let ranked = models.indices.sorted { a, b in
            let wa = scores[a].wape, wb = scores[b].wape
            switch (wa.isNaN, wb.isNaN) {
            case (false, false): return wa != wb ? wa < wb : (models[a].name, a) < (models[b].name, b)
            case (false, true): return true
            case (true, false): return false
            case (true, true): return a < b
            }
        }
        var firstError: ForecastingError? = nil
        for index in ranked {
            let model = models[index]
            let fitted: any FittedForecastModel
            do { fitted = try model.fit(history) } catch {
                if firstError == nil { firstError = error }
                continue
            }
            let instants = ForecastHorizon.instants(origin: alignedOrigin, horizonSeconds: horizonSeconds,
                                                    intervalSeconds: series.intervalSeconds,
                                                    openingHours: input.openingHours, calendar: input.calendar)
            // Closed holidays and closures forecast 0 whichever model won.
            let closed = history.closedMask(at: instants)
            let mean = zip(fitted.pointForecast(at: instants), closed).map { value, isClosed in
                isClosed || !value.isFinite ? 0 : max(0, value)
            }
            let calibration = IntervalCalibration.fit(
                windowsOf[index].prefix(Self.intervalOrigins).flatMap { $0.errorSamples() })
            let bounds = zip(mean, closed).map { value, isClosed in
                isClosed ? (lo80: 0.0, hi80: 0.0, lo95: 0.0, hi95: 0.0) : calibration.bounds(value)
            }
            let forecast = Forecast(channel: series.channel, model: model.name, instants: instants, mean: mean,
                                    lo80: bounds.map(\.lo80), hi80: bounds.map(\.hi80),
                                    lo95: bounds.map(\.lo95), hi95: bounds.map(\.hi95))
            return (forecast, scores)
        }
        throw firstError ?? .insufficientHistory(channel: series.channel, message: "no model could be fitted")
    }
}
