import Forecasting
import StaffcastCore

/// The forecast stage, shared by `forecast`, `backtest` and `plan`: which models, which events,
/// and the forecast of one channel from the history before an origin.
public enum ForecastStep {
    /// `auto` and every model `AutoForecaster.model(named:)` knows, each with what it does, one per line.
    public static var modelHelp: String {
        (["auto: the lowest backtest WAPE among " + AutoForecaster.defaultModels.map(\.name).joined(separator: ", ")]
            + ModelCatalog.entries.map { "\($0.name): \($0.summary)" })
            .joined(separator: "\n")
    }

    public static let holidaysHelp =
        "built-in public holidays and retail events of these countries (\(HolidayCalendar.supportedCountries.joined(separator: ", ")))"
    public static let eventsHelp =
        "the planner's events: name,start,end[,channel][,kind][,uplift] (promotion, closure, holiday, peak; uplift 1.3 = +30 %)"

    /// The models of `name`: the default candidates for `auto`, else the one named.
    public static func models(_ name: String) throws(PlanningError) -> [any ForecastModel] {
        if ModelCatalog.isAuto(name) { return AutoForecaster.defaultModels }
        return [try forecasting { () throws(ForecastingError) in try AutoForecaster.model(named: name) }]
    }

    /// The built-in events of `countries` over the local years of [from, to], clamped to the
    /// years the calendars cover, and the events file at `eventsPath`.
    public static func events(
        countries: [String], eventsPath: String?, calendar: PlanningCalendar,
        from: Int64, to: Int64
    ) throws(PlanningError) -> (calendar: [CalendarEvent], user: [UserEvent]) {
        let file = try eventsPath.map { path throws(PlanningError) in
            try core { () throws(CoreError) in try InputFile.read(path) }
        }
        return try events(countries: countries, eventsFile: file, calendar: calendar, from: from, to: to)
    }

    /// The built-in events of `countries` and the events file already read.
    public static func events(
        countries: [String], eventsFile: InputFile?, calendar: PlanningCalendar,
        from: Int64, to: Int64
    ) throws(PlanningError) -> (calendar: [CalendarEvent], user: [UserEvent]) {
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
        if let eventsFile {
            userEvents = try core { () throws(CoreError) in
                try EventsFile.read(data: eventsFile.data, name: eventsFile.path, calendar: calendar)
            }
        }
        return (calendarEvents, userEvents)
    }

    /// The series of the channels named, sorted, or every series when none is named.
    public static func select(_ names: [String], from history: ContactHistory) throws(PlanningError) -> [IntervalSeries]
    {
        if names.isEmpty { return history.series }
        return try names.sorted().map { name throws(PlanningError) in
            guard let series = history.series(for: name) else {
                throw .invalidRequest(
                    "--channel: no channel '\(name)' in the history; it has \(history.channels.joined(separator: ", "))"
                )
            }
            return series
        }
    }

    /// The AHT forecast for `instants` from the history of `series` before `origin` (default: its
    /// end), with the calendar's effects on handle time when events are given; nil when that
    /// history has no AHT.
    public static func aht(
        _ series: IntervalSeries, calendar: PlanningCalendar, origin: Int64?, at instants: [Int64],
        calendarEvents: [CalendarEvent] = [], userEvents: [UserEvent] = []
    ) -> [Double]? {
        ahtModel(series, calendar: calendar, origin: origin, calendarEvents: calendarEvents, userEvents: userEvents)?
            .aht(at: instants)
    }

    /// The fitted AHT forecast of `series` before `origin`, learning event and season effects.
    public static func ahtModel(
        _ series: IntervalSeries, calendar: PlanningCalendar, origin: Int64?,
        calendarEvents: [CalendarEvent] = [], userEvents: [UserEvent] = []
    ) -> AHTForecast? {
        let history = series.truncated(before: origin ?? series.end)
        guard !calendarEvents.isEmpty || !userEvents.isEmpty else {
            return AHTForecast.fit(history, calendar: calendar)
        }
        return AHTForecast.fit(
            ForecastInput(series: history, calendar: calendar, calendarEvents: calendarEvents, userEvents: userEvents))
    }

    /// What the forecast of `series` from `origin` (default: its end) over `horizonSeconds` must
    /// tell the planner: the holiday decisions (an unseen holiday kept open, how to declare a
    /// closure; ``HolidayDecision``) and the anomalies the models treated specially (absent
    /// stretches, glitch days, recording gaps, level shifts; ``ForecastAnomaly``).
    public static func findings(
        _ series: IntervalSeries, calendar: PlanningCalendar, origin: Int64?, horizonSeconds: Int,
        calendarEvents: [CalendarEvent], userEvents: [UserEvent]
    ) -> (holidays: [HolidayDecision], anomalies: [ForecastAnomaly]) {
        let origin = origin ?? series.end
        guard origin > series.start else { return ([], []) }
        let input = ForecastInput(
            series: series.truncated(before: origin), calendar: calendar,
            calendarEvents: calendarEvents, userEvents: userEvents)
        return (
            input.holidayDecisions(from: origin, to: origin + Int64(horizonSeconds)),
            input.anomalies(origin: origin, horizonSeconds: horizonSeconds).filter { $0.kind != .unseenHoliday }
        )
    }

    /// `findings` as lines for a terminal: a warning per unseen holiday, a note per anomaly.
    public static func notices(
        _ series: IntervalSeries, calendar: PlanningCalendar, origin: Int64?, horizonSeconds: Int,
        calendarEvents: [CalendarEvent], userEvents: [UserEvent]
    ) -> [String] {
        let found = findings(
            series, calendar: calendar, origin: origin, horizonSeconds: horizonSeconds,
            calendarEvents: calendarEvents, userEvents: userEvents)
        return found.holidays.compactMap(\.warning).map { "warning: " + $0 }
            + found.anomalies.map { "note: " + $0.description }
    }

    /// One channel's forecast with what the planner must be told and its AHT forecast.
    public struct ChannelForecast: Sendable {
        public var forecast: Forecast
        public var scores: [ModelScore]
        public var notices: [String]
        public var aht: [Double]?
    }

    /// `forecast`, `notices` and `aht` of one channel together (for the `forecast` command).
    public static func channelForecast(
        _ series: IntervalSeries, calendar: PlanningCalendar, models: [any ForecastModel],
        origin: Int64?, horizonSeconds: Int, backtestOrigins: Int,
        calendarEvents: [CalendarEvent], userEvents: [UserEvent]
    ) throws(PlanningError) -> ChannelForecast {
        let (forecast, scores) = try self.forecast(
            series, calendar: calendar, models: models, origin: origin, horizonSeconds: horizonSeconds,
            backtestOrigins: backtestOrigins, calendarEvents: calendarEvents, userEvents: userEvents)
        return ChannelForecast(
            forecast: forecast, scores: scores,
            notices: notices(
                series, calendar: calendar, origin: origin, horizonSeconds: horizonSeconds,
                calendarEvents: calendarEvents, userEvents: userEvents),
            aht: aht(
                series, calendar: calendar, origin: origin, at: forecast.instants,
                calendarEvents: calendarEvents, userEvents: userEvents))
    }

    /// Forecasts `series` from `origin` (default: its end) over `horizonSeconds`, using only the
    /// history before the origin. `progress` hears what is being done (for a terminal).
    public static func forecast(
        _ series: IntervalSeries, calendar: PlanningCalendar, models: [any ForecastModel],
        origin: Int64?, horizonSeconds: Int, backtestOrigins: Int,
        calendarEvents: [CalendarEvent] = [], userEvents: [UserEvent] = [],
        progress: ((String) -> Void)? = nil
    ) throws(PlanningError) -> (Forecast, [ModelScore]) {
        let result = try autoForecast(
            series, calendar: calendar, models: models, origin: origin, horizonSeconds: horizonSeconds,
            backtestOrigins: backtestOrigins, calendarEvents: calendarEvents, userEvents: userEvents,
            progress: progress)
        return (result.forecast, result.scores)
    }

    /// ``forecast(_:calendar:models:origin:horizonSeconds:backtestOrigins:calendarEvents:userEvents:progress:)``
    /// with the choice's score and runner-up and the weekly range, the model chosen on `scoring`.
    public static func autoForecast(
        _ series: IntervalSeries, calendar: PlanningCalendar, models: [any ForecastModel],
        origin: Int64?, horizonSeconds: Int, backtestOrigins: Int,
        calendarEvents: [CalendarEvent] = [], userEvents: [UserEvent] = [],
        scoring: AutoForecaster.Scoring = .intervals, progress: ((String) -> Void)? = nil
    ) throws(PlanningError) -> AutoForecast {
        let origin = origin ?? series.end
        guard origin > series.start else {
            throw .invalidRequest(
                "the forecast origin \(calendar.format(origin)) is before the history of '\(series.channel)' starts (\(calendar.format(series.start)))"
            )
        }
        let input = ForecastInput(
            series: series.truncated(before: origin), calendar: calendar,
            calendarEvents: calendarEvents, userEvents: userEvents)
        progress?("\(series.channel): backtesting \(models.count) model(s) …")
        return try forecasting { () throws(ForecastingError) in
            try AutoForecaster(models: models, backtestOrigins: backtestOrigins, scoring: scoring)
                .forecastWithChoice(input, origin: origin, horizonSeconds: horizonSeconds)
        }
    }
}

extension Forecast {
    /// The part of the forecast whose intervals start within `range`.
    public func restricted(to range: Range<Int64>) -> Forecast {
        let keep = instants.indices.filter { range.contains(instants[$0]) }
        var copy = self
        copy.instants = keep.map { instants[$0] }
        copy.mean = keep.map { mean[$0] }
        copy.lo80 = keep.map { lo80[$0] }
        copy.hi80 = keep.map { hi80[$0] }
        copy.lo95 = keep.map { lo95[$0] }
        copy.hi95 = keep.map { hi95[$0] }
        return copy
    }

    /// The same forecast with every volume (mean and bounds) multiplied by `factor`.
    public func scaled(by factor: Double) -> Forecast {
        var copy = self
        copy.mean = mean.map { $0 * factor }
        copy.lo80 = lo80.map { $0 * factor }
        copy.hi80 = hi80.map { $0 * factor }
        copy.lo95 = lo95.map { $0 * factor }
        copy.hi95 = hi95.map { $0 * factor }
        return copy
    }
}
