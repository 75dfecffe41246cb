import StaffcastCore
import Forecasting

/// The forecast stage, shared by `forecast`, `backtest` and `plan`: which models, which events,
/// and the forecast of one channel from the history before an origin.
public enum ForecastStep {
    /// What each model the tool knows does, in a planner's words, for `--help`.
    static let modelSummaries: [String: String] = [
        "snaive": "same weekday and slot last week",
        "regression": "log-scale calendar regression with holidays, events and a damped trend",
        "wavg6": "mean of the same weekday and slot over the last 6 weeks (wavgN: N weeks, 1–52)",
        "topdown": "daily totals × intraday shares by weekday",
        "dshw": "Taylor's double-seasonal Holt-Winters with AR(1) error correction",
        "combo": "equal-weight combination of regression, topdown and wavg6",
    ]

    /// `auto` and every model `AutoForecaster.model(named:)` knows, each with what it does, one per line.
    public static var modelHelp: String {
        (["auto: the lowest backtest WAPE among " + AutoForecaster.defaultModels.map(\.name).joined(separator: ", ")]
            + AutoForecaster.knownModelNames.map { name in modelSummaries[name].map { "\(name): \($0)" } ?? name })
            .joined(separator: "\n")
    }

    public static let holidaysHelp = "built-in public holidays and retail events of these countries (\(HolidayCalendar.supportedCountries.joined(separator: ", ")))"
    public static let eventsHelp = "the planner's events: name,start,end[,channel][,kind][,uplift] (promotion, closure, holiday, peak; uplift 1.3 = +30 %)"

    /// The models of `name`: the default candidates for `auto`, else the one named.
    public static func models(_ name: String) throws(PlanningError) -> [any ForecastModel] {
        if name == "auto" { return AutoForecaster.defaultModels }
        return [try forecasting { () throws(ForecastingError) in try AutoForecaster.model(named: name) }]
    }

    /// The built-in events of `countries` over the local years of [from, to], clamped to the
    /// years the calendars cover, and the events file at `eventsPath`.
    public static func events(countries: [String], eventsPath: String?, calendar: PlanningCalendar,
                              from: Int64, to: Int64) throws(PlanningError) -> (calendar: [CalendarEvent], user: [UserEvent]) {
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

    /// The series of the channels named, sorted, or every series when none is named.
    public static func select(_ names: [String], from history: ContactHistory) throws(PlanningError) -> [IntervalSeries] {
        if names.isEmpty { return history.series }
        return try names.sorted().map { name throws(PlanningError) in
            guard let series = history.series(for: name) else {
                throw .invalidRequest("--channel: no channel '\(name)' in the history; it has \(history.channels.joined(separator: ", "))")
            }
            return series
        }
    }

    /// The AHT forecast for `instants` from the history of `series` before `origin` (default: its
    /// end); nil when that history has no AHT.
    public static func aht(_ series: IntervalSeries, calendar: PlanningCalendar, origin: Int64?, at instants: [Int64]) -> [Double]? {
        AHTForecast.fit(series.truncated(before: origin ?? series.end), calendar: calendar)?.aht(at: instants)
    }

    /// Forecasts `series` from `origin` (default: its end) over `horizonSeconds`, using only the
    /// history before the origin. `progress` hears what is being done (for a terminal).
    public static func forecast(_ series: IntervalSeries, calendar: PlanningCalendar, models: [any ForecastModel],
                                origin: Int64?, horizonSeconds: Int, backtestOrigins: Int,
                                calendarEvents: [CalendarEvent] = [], userEvents: [UserEvent] = [],
                                progress: ((String) -> Void)? = nil) throws(PlanningError) -> (Forecast, [ModelScore]) {
        let origin = origin ?? series.end
        guard origin > series.start else {
            throw .invalidRequest("the forecast origin \(calendar.format(origin)) is before the history of '\(series.channel)' starts (\(calendar.format(series.start)))")
        }
        let input = ForecastInput(series: series.truncated(before: origin), calendar: calendar,
                                  calendarEvents: calendarEvents, userEvents: userEvents)
        progress?("\(series.channel): backtesting \(models.count) model(s) …")
        return try forecasting { () throws(ForecastingError) in
            try AutoForecaster(models: models, backtestOrigins: backtestOrigins)
                .forecast(input, origin: origin, horizonSeconds: horizonSeconds)
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
        copy.lo80 = keep.map { lo80[$0] }; copy.hi80 = keep.map { hi80[$0] }
        copy.lo95 = keep.map { lo95[$0] }; copy.hi95 = keep.map { hi95[$0] }
        return copy
    }

    /// The same forecast with every volume (mean and bounds) multiplied by `factor`.
    public func scaled(by factor: Double) -> Forecast {
        var copy = self
        copy.mean = mean.map { $0 * factor }
        copy.lo80 = lo80.map { $0 * factor }; copy.hi80 = hi80.map { $0 * factor }
        copy.lo95 = lo95.map { $0 * factor }; copy.hi95 = hi95.map { $0 * factor }
        return copy
    }
}
