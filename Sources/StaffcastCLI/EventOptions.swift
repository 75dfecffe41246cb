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

    func load(calendar: PlanningCalendar, from: Int64, to: Int64) throws(CLIError) -> (
        calendar: [CalendarEvent], user: [UserEvent]
    ) {
        try planning { () throws(PlanningError) in
            try ForecastStep.events(
                countries: countries, eventsPath: eventsPath, calendar: calendar, from: from, to: to)
        }
    }
}
