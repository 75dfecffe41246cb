import Forecasting
import Foundation
import Planning
import Reports
import StaffcastCore

/// `staffcast forecast`: expected contacts per channel and open interval, with 80/95 % bounds.
struct ForecastCommand: Command {
    static let name = "forecast"
    static let abstract = "forecast contacts per channel and interval with 80/95 % prediction intervals"
    static let discussion = """
        Forecasts every open interval starting in [origin, origin + horizon); the origin defaults to
        the end of the last history interval. With --model auto (the default) each channel gets the
        model with the lowest WAPE in a rolling-origin backtest at this horizon. Prediction intervals
        come from that backtest's errors and are never negative.
        Output columns: timestamp,channel,forecast,lo80,hi80,lo95,hi95, then aht_seconds when the
        history has an aht_seconds column with values: the forecast average handle time per interval
        (volume-weighted by weekday and local time of day, recent weeks weighted more, with a damped
        weekly trend; empty for a channel whose history has no AHT). Without AHT in the history the
        column is left out.
        """
    static let options =
        HistoryOptions.specs + [
            OptionSpec("horizon", "DURATION", "how far to forecast: 1d, 7d, 2w", presence: .required),
            OptionSpec("channel", "NAME", "forecast only this channel (repeatable; default all)", repeatable: true),
            OptionSpec("model", "auto|NAME", ForecastStep.modelHelp),
        ] + EventOptions.specs + [
            OptionSpec("origin", "TIMESTAMP", "forecast as if the history ended here (ISO 8601)"),
            OptionSpec("out", "FILE|-", "output CSV (default: standard output)"),
        ]

    /// The longest horizon a forecast (or a backtest) is asked for.
    static let maximumHorizonDays = 366

    let history: HistoryOptions
    let horizonSeconds: Int
    let channels: [String]
    let models: [any ForecastModel]
    let originText: String?
    let outPath: String
    let events: EventOptions

    init(_ arguments: ParsedArguments) throws {
        history = try HistoryOptions(arguments)
        guard let horizon = try arguments.duration("horizon") else {
            throw CLIError.usage("missing required option --horizon")
        }
        guard horizon <= Self.maximumHorizonDays * 86_400 else {
            throw CLIError.usage(
                "--horizon: \(Durations.format(horizon)) is beyond the \(Self.maximumHorizonDays) days a forecast reaches"
            )
        }
        horizonSeconds = horizon
        channels = arguments.all("channel")
        let modelName = arguments.value("model") ?? ModelCatalog.auto
        models = try ForecastStep.models(modelName)
        originText = arguments.value("origin")
        outPath = arguments.value("out") ?? "-"
        events = try EventOptions(arguments)
    }

    func run() throws {
        let contacts = try history.read()
        let calendar = history.options.calendar
        let origin = try originText.map { text throws(CLIError) in
            try parseInstant(text, flag: "origin", calendar: calendar)
        }
        var forecasts: [Forecast] = []
        var aht: [String: [Double]] = [:]
        let selected = try ForecastStep.select(channels, from: contacts)
        let events = try events.load(
            calendar: calendar, from: selected.map(\.start).min() ?? 0,
            to: (origin ?? selected.map(\.end).max() ?? 0) + Int64(horizonSeconds))
        // Channels are independent: forecast on every core, report in channel order.
        let models = self.models
        let horizonSeconds = self.horizonSeconds
        let results = Parallel.map(selected.count, minimumChunk: 1) { k in
            Result { () throws(PlanningError) -> ForecastStep.ChannelForecast in
                try ForecastStep.channelForecast(
                    selected[k], calendar: calendar, models: models, origin: origin,
                    horizonSeconds: horizonSeconds, backtestOrigins: 4,
                    calendarEvents: events.calendar, userEvents: events.user)
            }
        }
        for (k, series) in selected.enumerated() {
            let result = try results[k].get()
            Console.error(
                "\(series.channel): model \(result.forecast.model), \(result.forecast.instants.count) open intervals\n")
            for line in result.notices { Console.error(line + "\n") }
            forecasts.append(result.forecast)
            aht[series.channel] = result.aht
        }
        try AtomicFile.write(ForecastFile.write(forecasts, calendar: calendar, aht: aht), to: outPath)
    }
}
