import Forecasting
import Foundation
import StaffcastCore

/// `staffcast calendar`: the built-in holiday and retail-event dates, so a planner can check
/// what `--holidays` will feed the models.
struct CalendarCommand: Command {
    static let name = "calendar"
    static let abstract = "list the public holidays and retail events of --holidays countries"
    static let discussion = """
        Lists the dates of the built-in calendars, sorted by date, then name, then country: public
        holidays (with observed and substitute days), holiday eves (IL: Erev Yom Kippur, …) and
        retail events (Black Friday, Cyber Monday, Sinterklaas, Mother's Day; ISLAMIC: Eid al-Fitr,
        Eid al-Adha). The table shows each event's default window: the days before
        (lead) and after (lag) that it affects.
        """
    static let options = [
        OptionSpec(
            "holidays", "CC,…",
            "countries: \(HolidayCalendar.supportedCountries.joined(separator: ", ")) (GB is England and Wales;\nIL from the Hebrew calendar; ISLAMIC: the Islamic feasts, to add to any country)",
            presence: .required),
        OptionSpec("year", "YYYY", "one year", presence: .alternative("years")),
        OptionSpec("years", "YYYY-YYYY", "a range of years, e.g. 2023-2030", presence: .alternative("years")),
        OptionSpec("kind", "holiday|eve|retail", "only holiday, eve or retail events"),
        OptionSpec(flag: "csv", "print CSV: date,country,kind,name"),
        OptionSpec("out", "FILE|-", "write to FILE instead of standard output (CSV when the name ends in .csv)"),
    ]

    let countries: [String]
    let years: ClosedRange<Int>
    let kinds: Set<EventKind>
    let csv: Bool
    let outPath: String?

    init(_ arguments: ParsedArguments) throws {
        let list = try arguments.required("holidays")
        do {
            countries = try HolidayCalendar.countryCodes(
                list.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        } catch {
            throw CLIError.usage("--holidays: \(error.description)")
        }
        let supported = HolidayCalendar.supportedYears
        switch (arguments.value("year"), arguments.value("years")) {
        case (nil, nil):
            throw CLIError.usage("give --year YYYY or --years YYYY-YYYY")
        case (_?, _?):
            throw CLIError.usage("give either --year or --years, not both")
        case (_?, nil):
            let year = try arguments.integer("year", range: supported) ?? supported.lowerBound
            years = year...year
        case (nil, let text?):
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let first = Int(parts[0]), let last = Int(parts[1]),
                supported.contains(first), supported.contains(last), first <= last
            else {
                throw CLIError.usage(
                    "--years: expected two years in \(supported.lowerBound)...\(supported.upperBound) "
                        + "such as 2023-2030, first not after last; got '\(text)'")
            }
            years = first...last
        }
        switch arguments.value("kind")?.lowercased() {
        case nil: kinds = [.holiday, .eve, .retail]
        case "holiday"?: kinds = [.holiday]
        case "eve"?: kinds = [.eve]
        case "retail"?: kinds = [.retail]
        case let other?: throw CLIError.usage("--kind: expected holiday, eve or retail, got '\(other)'")
        }
        outPath = arguments.value("out")
        csv = arguments.has("csv") || (outPath.map { $0 != "-" && $0.lowercased().hasSuffix(".csv") } ?? false)
    }

    func run() throws {
        let events = try HolidayCalendar.events(countries: countries, years: years, kinds: kinds)
        let text = csv ? Self.csv(events) : Self.table(events)
        if let outPath, outPath != "-" {
            try AtomicFile.write(text, to: outPath)
        } else {
            try Console.out(text)
        }
    }

    /// `date,country,kind,name`; names are quoted when they hold a comma or a quote.
    static func csv(_ events: [CalendarEvent]) -> String {
        var text = "date,country,kind,name\n"
        for event in events {
            text += "\(event.date),\(event.country ?? ""),\(event.kind),\(quoted(event.name))\n"
        }
        return text
    }

    /// A fixed-width table: date, weekday, country, kind, window, name.
    static func table(_ events: [CalendarEvent]) -> String {
        var text = "date        day  country  kind     window   name\n"
        for event in events {
            let window = "-\(event.leadDays)/+\(event.lagDays)"
            text +=
                "\(event.date)  \(WeekdayName.short(event.date.weekday))  "
                + (event.country ?? "-").padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
                + event.kind.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
                + window.padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
                + event.name + "\n"
        }
        text +=
            "\(events.count) event\(events.count == 1 ? "" : "s"); window = days before/after the date it affects by default\n"
        return text
    }

    private static func quoted(_ field: String) -> String { CSVText.field(field) }
}
