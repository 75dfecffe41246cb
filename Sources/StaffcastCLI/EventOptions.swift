import Forecasting
import Planning
import StaffcastCore

/// `--holidays CC,…` and `--events FILE`, shared by `forecast` and `backtest`.
struct EventOptions {
    static let specs = [
        OptionSpec("holidays", "CC,…", ForecastStep.holidaysHelp),
        OptionSpec("events", "FILE", ForecastStep.eventsHelp),
    ]

    let countries: [String]
    let eventsPath: String?

    init(_ arguments: ParsedArguments) throws(ForecastingError) {
        if let text = arguments.value("holidays") {
            let codes = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            // Checked now so a typo fails before the history is read.
            _ = try HolidayCalendar.countryCodes(codes)
            countries = codes
        } else {
            countries = []
        }
        eventsPath = arguments.value("events")
    }

    func load(calendar: PlanningCalendar, from: Int64, to: Int64) throws(PlanningError) -> (
        calendar: [CalendarEvent], user: [UserEvent]
    ) {
        try ForecastStep.events(
            countries: countries, eventsPath: eventsPath, calendar: calendar, from: from, to: to)
    }
}
