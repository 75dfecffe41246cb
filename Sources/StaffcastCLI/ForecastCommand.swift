import StaffcastCore
import Forecasting
import Reports

/// `staffcast forecast`: expected contacts per channel and open interval, with 80/95 % bounds.
struct ForecastCommand: Command {
    static let name = "forecast"
    static let abstract = "forecast contacts per channel and interval with 80/95 % prediction intervals"
    static let help = """
    --history FILE --horizon DURATION [--channel NAME]… [--model auto|NAME] [--origin TIMESTAMP] [--out FILE|-]

    Forecasts every open interval starting in [origin, origin + horizon); the origin defaults to
    the end of the last history interval. With --model auto (the default) each channel gets the
    model with the lowest WAPE in a rolling-origin backtest at this horizon. Prediction intervals
    come from that backtest's errors and are never negative.
    Output columns: timestamp,channel,forecast,lo80,hi80,lo95,hi95.

    \(HistoryOptions.help)
      --horizon DURATION    how far to forecast: 1d, 7d, 2w
      --channel NAME        forecast only this channel (repeatable; default all)
      --model auto|NAME     \(ForecastSetup.modelHelp)
      --origin TIMESTAMP    forecast as if the history ended here (ISO 8601)
      --out FILE|-          output CSV (default: standard output)
    """
    static let options = HistoryOptions.specs + [OptionSpec("horizon"), OptionSpec("channel", repeatable: true),
                                                 OptionSpec("model"), OptionSpec("origin"), OptionSpec("out")]

    let history: HistoryOptions
    let horizonSeconds: Int
    let channels: [String]
    let models: [any ForecastModel]
    let originText: String?
    let outPath: String

    init(_ arguments: ParsedArguments) throws(CLIError) {
        history = try HistoryOptions(arguments)
        guard let horizon = try arguments.duration("horizon") else { throw .usage("missing required option --horizon") }
        horizonSeconds = horizon
        channels = arguments.all("channel")
        models = try ForecastSetup.models(arguments.value("model") ?? "auto")
        originText = arguments.value("origin")
        outPath = arguments.value("out") ?? "-"
    }

    func run() throws(CLIError) {
        let contacts = try history.read()
        let calendar = history.options.calendar
        let origin = try originText.map { text throws(CLIError) in try parseInstant(text, flag: "origin", calendar: calendar) }
        var forecasts: [Forecast] = []
        for series in try ForecastSetup.select(channels, from: contacts) {
            let (forecast, _) = try ForecastSetup.forecast(series, calendar: calendar, models: models,
                                                           origin: origin, horizonSeconds: horizonSeconds, backtestOrigins: 4)
            Console.error("\(series.channel): model \(forecast.model), \(forecast.instants.count) open intervals\n")
            forecasts.append(forecast)
        }
        try core { () throws(CoreError) in try AtomicFile.write(ForecastTable.csv(forecasts, calendar: calendar), to: outPath) }
    }
}

/// Model choice and the forecast of one channel, shared by `forecast`, `backtest` and `plan`.
enum ForecastSetup {
    static let modelHelp = "auto, or one model: snaive (same weekday and slot last week), regression (log-scale calendar regression)"

    static func models(_ name: String) throws(CLIError) -> [any ForecastModel] {
        if name == "auto" { return AutoForecaster.defaultModels }
        return [try forecasting { () throws(ForecastingError) in try AutoForecaster.model(named: name) }]
    }

    static func select(_ names: [String], from history: ContactHistory) throws(CLIError) -> [IntervalSeries] {
        if names.isEmpty { return history.series }
        return try names.sorted().map { name throws(CLIError) in
            guard let series = history.series(for: name) else {
                throw .usage("--channel: no channel '\(name)' in the history; it has \(history.channels.joined(separator: ", "))")
            }
            return series
        }
    }

    /// Forecasts `series` from `origin` (default: its end) over `horizonSeconds`, using only the
    /// history before the origin.
    static func forecast(_ series: IntervalSeries, calendar: PlanningCalendar, models: [any ForecastModel],
                         origin: Int64?, horizonSeconds: Int, backtestOrigins: Int) throws(CLIError) -> (Forecast, [ModelScore]) {
        let origin = origin ?? series.end
        guard origin > series.start else {
            throw .usage("the forecast origin \(calendar.format(origin)) is before the history of '\(series.channel)' starts (\(calendar.format(series.start)))")
        }
        let input = ForecastInput(series: series.truncated(before: origin), calendar: calendar)
        Console.progress("\(series.channel): backtesting \(models.count) model(s) …")
        defer { Console.progressDone() }
        return try forecasting { () throws(ForecastingError) in
            try AutoForecaster(models: models, backtestOrigins: backtestOrigins)
                .forecast(input, origin: origin, horizonSeconds: horizonSeconds)
        }
    }
}
