import Foundation
import StaffcastCore
import Forecasting
import Reports

/// `staffcast forecast`: expected contacts per channel and open interval, with 80/95 % bounds.
struct ForecastCommand: Command {
    static let name = "forecast"
    static let abstract = "forecast contacts per channel and interval with 80/95 % prediction intervals"
    static let help = """
    --history FILE --horizon DURATION [--channel NAME]… [--model auto|NAME] [--holidays CC,…] [--events FILE]
    [--origin TIMESTAMP] [--out FILE|-]

    Forecasts every open interval starting in [origin, origin + horizon); the origin defaults to
    the end of the last history interval. With --model auto (the default) each channel gets the
    model with the lowest WAPE in a rolling-origin backtest at this horizon. Prediction intervals
    come from that backtest's errors and are never negative.
    Output columns: timestamp,channel,forecast,lo80,hi80,lo95,hi95, then aht_seconds when the
    history has an aht_seconds column with values: the forecast average handle time per interval
    (volume-weighted by weekday and local time of day, recent weeks weighted more, with a damped
    weekly trend; empty for a channel whose history has no AHT). Without AHT in the history the
    column is left out.

    \(HistoryOptions.help)
      --horizon DURATION    how far to forecast: 1d, 7d, 2w
      --channel NAME        forecast only this channel (repeatable; default all)
      --model auto|NAME     \(ForecastSetup.modelHelp)
      --holidays CC,…       \(ForecastSetup.holidaysHelp)
      --events FILE         \(ForecastSetup.eventsHelp)
      --origin TIMESTAMP    forecast as if the history ended here (ISO 8601)
      --out FILE|-          output CSV (default: standard output)
    """
    static let options = HistoryOptions.specs + [OptionSpec("horizon"), OptionSpec("channel", repeatable: true),
                                                 OptionSpec("model"), OptionSpec("origin"), OptionSpec("out")]
        + ForecastSetup.eventSpecs

    let history: HistoryOptions
    let horizonSeconds: Int
    let channels: [String]
    let models: [any ForecastModel]
    let originText: String?
    let outPath: String
    let events: EventOptions

    init(_ arguments: ParsedArguments) throws(CLIError) {
        history = try HistoryOptions(arguments)
        guard let horizon = try arguments.duration("horizon") else { throw .usage("missing required option --horizon") }
        horizonSeconds = horizon
        channels = arguments.all("channel")
        models = try ForecastSetup.models(arguments.value("model") ?? "auto")
        originText = arguments.value("origin")
        outPath = arguments.value("out") ?? "-"
        events = try EventOptions(arguments)
    }

    func run() throws(CLIError) {
        let contacts = try history.read()
        let calendar = history.options.calendar
        let origin = try originText.map { text throws(CLIError) in try parseInstant(text, flag: "origin", calendar: calendar) }
        var forecasts: [Forecast] = []
        var aht: [String: [Double]] = [:]
        let selected = try ForecastSetup.select(channels, from: contacts)
        let (calendarEvents, userEvents) = try events.load(
            calendar: calendar, from: selected.map(\.start).min() ?? 0,
            to: (origin ?? selected.map(\.end).max() ?? 0) + Int64(horizonSeconds))
        // Channels are independent: forecast them on all cores, then report in channel order.
        let results = ChannelResults(count: selected.count)
        let models = self.models, horizonSeconds = self.horizonSeconds
        DispatchQueue.concurrentPerform(iterations: selected.count) { k in
            let series = selected[k]
            let result = Result { () throws(CLIError) -> (Forecast, [String], [Double]?) in
                let (forecast, _) = try ForecastSetup.forecast(series, calendar: calendar, models: models,
                                                               origin: origin, horizonSeconds: horizonSeconds, backtestOrigins: 4,
                                                               calendarEvents: calendarEvents, userEvents: userEvents)
                let notices = ForecastSetup.notices(series, calendar: calendar, origin: origin, horizonSeconds: horizonSeconds,
                                                    calendarEvents: calendarEvents, userEvents: userEvents)
                let aht = ForecastSetup.aht(series, calendar: calendar, origin: origin, at: forecast.instants,
                                            calendarEvents: calendarEvents, userEvents: userEvents)
                return (forecast, notices, aht)
            }
            results.set(k, result)
        }
        for (k, series) in selected.enumerated() {
            let (forecast, notices, channelAHT) = try results.get(k).get()
            Console.error("\(series.channel): model \(forecast.model), \(forecast.instants.count) open intervals\n")
            for line in notices { Console.error(line + "\n") }
            forecasts.append(forecast)
            aht[series.channel] = channelAHT
        }
        try core { () throws(CoreError) in try AtomicFile.write(ForecastTable.csv(forecasts, calendar: calendar, aht: aht), to: outPath) }
    }
}

/// Model choice and the forecast of one channel, shared by `forecast`, `backtest` and `plan`.
enum ForecastSetup {
    static let holidaysHelp = "built-in public holidays and retail events of these countries (\(HolidayCalendar.supportedCountries.joined(separator: ", ")))"
    static let eventsHelp = "the planner's events: name,start,end[,channel][,kind][,uplift] (promotion, closure, holiday, peak; uplift 1.3 = +30 %)"
    static let eventSpecs = [OptionSpec("holidays"), OptionSpec("events")]

    /// The built-in events of `countries` over the local years of [from, to], clamped to the
    /// years the calendars cover, and the events file at `eventsPath`.
    static func events(countries: [String], eventsPath: String?, calendar: PlanningCalendar,
                       from: Int64, to: Int64) throws(CLIError) -> ([CalendarEvent], [UserEvent]) {
        var calendarEvents: [CalendarEvent] = []
        if !countries.isEmpty {
            let years = HolidayCalendar.supportedYears
            let first = min(max(calendar.local(from).date.year, years.lowerBound), years.upperBound)
            let last = min(max(calendar.local(max(from, to)).date.year, first), years.upperBound)
            calendarEvents = try forecasting { () throws(ForecastingError) in
                try HolidayCalendar.events(countries: countries, years: first...last)
            }
        }
        var userEvents: [UserEvent] = []
        if let eventsPath {
            userEvents = try core { () throws(CoreError) in try EventsFile.read(path: eventsPath, calendar: calendar) }
        }
        return (calendarEvents, userEvents)
    }
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

    /// The AHT forecast for `instants` from the history of `series` before `origin` (default: its
    /// end), with the calendar's effects on handle time when events are given; nil when that
    /// history has no AHT.
    static func aht(_ series: IntervalSeries, calendar: PlanningCalendar, origin: Int64?, at instants: [Int64],
                    calendarEvents: [CalendarEvent] = [], userEvents: [UserEvent] = []) -> [Double]? {
        let history = series.truncated(before: origin ?? series.end)
        guard !calendarEvents.isEmpty || !userEvents.isEmpty else {
            return AHTForecast.fit(history, calendar: calendar)?.aht(at: instants)
        }
        let input = ForecastInput(series: history, calendar: calendar, calendarEvents: calendarEvents, userEvents: userEvents)
        return AHTForecast.fit(input)?.aht(at: instants)
    }

    /// What the forecast of `series` from `origin` (default: its end) over `horizonSeconds` must
    /// tell the planner, one line each: a warning per holiday the history has never seen (kept
    /// open, how to declare a closure; ``HolidayDecision``), then a note per anomaly the models
    /// treated specially (absent stretches, glitch days, recording gaps, level shifts;
    /// ``ForecastAnomaly``).
    static func notices(_ series: IntervalSeries, calendar: PlanningCalendar, origin: Int64?, horizonSeconds: Int,
                        calendarEvents: [CalendarEvent], userEvents: [UserEvent]) -> [String] {
        let origin = origin ?? series.end
        guard origin > series.start else { return [] }
        let input = ForecastInput(series: series.truncated(before: origin), calendar: calendar,
                                  calendarEvents: calendarEvents, userEvents: userEvents)
        var lines = input.holidayDecisions(from: origin, to: origin + Int64(horizonSeconds)).compactMap(\.warning)
            .map { "warning: " + $0 }
        lines += input.anomalies(origin: origin, horizonSeconds: horizonSeconds).filter { $0.kind != .unseenHoliday }
            .map { "note: " + $0.description }
        return lines
    }

    /// Forecasts `series` from `origin` (default: its end) over `horizonSeconds`, using only the
    /// history before the origin.
    static func forecast(_ series: IntervalSeries, calendar: PlanningCalendar, models: [any ForecastModel],
                         origin: Int64?, horizonSeconds: Int, backtestOrigins: Int,
                         calendarEvents: [CalendarEvent] = [], userEvents: [UserEvent] = []) throws(CLIError) -> (Forecast, [ModelScore]) {
        let origin = origin ?? series.end
        guard origin > series.start else {
            throw .usage("the forecast origin \(calendar.format(origin)) is before the history of '\(series.channel)' starts (\(calendar.format(series.start)))")
        }
        let input = ForecastInput(series: series.truncated(before: origin), calendar: calendar,
                                  calendarEvents: calendarEvents, userEvents: userEvents)
        Console.progress("\(series.channel): backtesting \(models.count) model(s) …")
        defer { Console.progressDone() }
        return try forecasting { () throws(ForecastingError) in
            try AutoForecaster(models: models, backtestOrigins: backtestOrigins)
                .forecast(input, origin: origin, horizonSeconds: horizonSeconds)
        }
    }
}

/// `--holidays CC,…` and `--events FILE`, shared by `forecast` and `backtest`.
struct EventOptions {
    let countries: [String]
    let eventsPath: String?

    init(_ arguments: ParsedArguments) throws(CLIError) {
        if let text = arguments.value("holidays") {
            let codes = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            // Checked now so a typo fails before the history is read.
            _ = try forecasting { () throws(ForecastingError) in try HolidayCalendar.countryCodes(codes) }
            countries = codes
        } else {
            countries = []
        }
        eventsPath = arguments.value("events")
    }

    func load(calendar: PlanningCalendar, from: Int64, to: Int64) throws(CLIError) -> ([CalendarEvent], [UserEvent]) {
        try ForecastSetup.events(countries: countries, eventsPath: eventsPath, calendar: calendar, from: from, to: to)
    }
}

/// Per-channel results filled in from concurrent forecasts (one slot per channel, behind a lock).
final class ChannelResults: @unchecked Sendable {
    private var slots: [Result<(Forecast, [String], [Double]?), CLIError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ k: Int, _ result: Result<(Forecast, [String], [Double]?), CLIError>) {
        lock.lock(); slots[k] = result; lock.unlock()
    }

    func get(_ k: Int) -> Result<(Forecast, [String], [Double]?), CLIError> {
        lock.lock(); defer { lock.unlock() }
        return slots[k] ?? .failure(.usage("internal error: channel \(k) was not forecast"))
    }
}
