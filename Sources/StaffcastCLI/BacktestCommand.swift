import Forecasting
import Planning
import Reports
import StaffcastCore

/// `staffcast backtest`: rolling-origin accuracy of each model per channel.
struct BacktestCommand: Command {
    static let name = "backtest"
    static let abstract = "rolling-origin evaluation of the forecasting models (MASE, WAPE, RMSE, coverage, fit time)"
    static let discussion = """
        Cuts the history at N origins spaced --every apart (the last one a horizon before the end),
        fits each model on what precedes the origin and scores its forecast of the next horizon on the
        known actuals of open intervals. Prints per channel and model: MASE (against the in-sample
        one-week seasonal naive), WAPE, RMSE, bias (mean forecast − actual, as a share of actuals),
        80 %/95 % interval coverage and mean fit time.
        """
    static let options =
        HistoryOptions.specs + [
            OptionSpec("horizon", "DURATION", "forecast horizon at each origin: 1d, 7d, 2w", presence: .required),
            OptionSpec("origins", "N", "number of origins (default 8)"),
            OptionSpec("every", "DURATION", "spacing of the origins (default: the horizon)"),
            OptionSpec(
                "models", "a,b,…", "models to compare (default: auto's candidates), from:\n" + ForecastStep.modelHelp),
            OptionSpec("channel", "NAME", "only this channel (repeatable)", repeatable: true),
        ] + EventOptions.specs + [
            OptionSpec("out", "FILE", "also write the scores as CSV")
        ]

    let history: HistoryOptions
    let horizonSeconds: Int
    let origins: Int
    let everySeconds: Int
    let models: [any ForecastModel]
    let channels: [String]
    let outPath: String?
    let events: EventOptions

    init(_ arguments: ParsedArguments) throws {
        history = try HistoryOptions(arguments)
        guard let horizon = try arguments.duration("horizon") else {
            throw CLIError.usage("missing required option --horizon")
        }
        guard horizon <= ForecastCommand.maximumHorizonDays * 86_400 else {
            throw CLIError.usage(
                "--horizon: \(Durations.format(horizon)) is beyond the \(ForecastCommand.maximumHorizonDays) days a forecast reaches"
            )
        }
        horizonSeconds = horizon
        origins = try arguments.integer("origins", range: 1...520) ?? 8
        everySeconds = try arguments.duration("every") ?? horizon
        let names = (arguments.value("models") ?? ModelCatalog.auto).split(separator: ",").map(String.init)
        var models: [any ForecastModel] = []
        for name in names { models += try ForecastStep.models(name) }
        guard !models.isEmpty else { throw CLIError.usage("--models: name at least one model") }
        self.models = models
        channels = arguments.all("channel")
        outPath = arguments.value("out")
        events = try EventOptions(arguments)
    }

    func run() throws {
        let contacts = try history.read()
        var table = CSVTable(header: [
            "channel", "model", "origins", "mase", "wape", "rmse", "bias", "coverage80", "coverage95", "fit_seconds",
        ])
        var text = ""
        let selected = try ForecastStep.select(channels, from: contacts)
        let events = try events.load(
            calendar: history.options.calendar, from: selected.map(\.start).min() ?? 0,
            to: selected.map(\.end).max() ?? 0)
        for series in selected {
            Console.progress("\(series.channel): backtesting …")
            let input = ForecastInput(
                series: series, calendar: history.options.calendar,
                calendarEvents: events.calendar, userEvents: events.user)
            let scores = Backtest.run(
                models: models, input: input, horizonSeconds: horizonSeconds,
                origins: origins, everySeconds: everySeconds)
            Console.progressDone()
            text +=
                "\(series.channel) — horizon \(Durations.format(horizonSeconds)), origins every \(Durations.format(everySeconds))\n"
            text += "  model          origins    MASE    WAPE      RMSE     bias   cov80   cov95   fit s\n"
            for s in scores.sorted(by: { ($0.wape, $0.model) < ($1.wape, $1.model) }) {
                text += "  " + s.model.padding(toLength: 14, withPad: " ", startingAt: 0)
                text +=
                    [
                        String(s.origins).leftPad(7), fixed(s.mase, 3).leftPad(8), percent(s.wape).leftPad(8),
                        fixed(s.rmse, 2).leftPad(10), percent(s.bias).leftPad(8), percent(s.coverage80).leftPad(8),
                        percent(s.coverage95).leftPad(8), fixed(s.fitSeconds, 3).leftPad(8),
                    ].joined() + "\n"
                // A score without origins is unknown: an empty cell, never "nan" in machine output.
                func cell(_ x: Double, _ format: (Double) -> String) -> String { x.isFinite ? format(x) : "" }
                table.append([
                    series.channel, s.model, String(s.origins), cell(s.mase, Format.fraction),
                    cell(s.wape, Format.fraction),
                    cell(s.rmse, Format.seconds), cell(s.bias, Format.fraction), cell(s.coverage80, Format.fraction),
                    cell(s.coverage95, Format.fraction), cell(s.fitSeconds, Format.fraction),
                ])
            }
        }
        if let outPath {
            try AtomicFile.write(table.render(), to: outPath)
        }
        try Console.out(text)
    }

    private func fixed(_ x: Double, _ digits: Int) -> String {
        x.isFinite ? NumberFormat.plain(x, maxFractionDigits: digits, minFractionDigits: digits) : "n/a"
    }
    private func percent(_ x: Double) -> String { x.isFinite ? fixed(100 * x, 2) + "%" : "n/a" }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
