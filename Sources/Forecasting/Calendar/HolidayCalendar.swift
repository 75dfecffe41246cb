import Foundation
import StaffcastCore

/// The built-in calendars behind `--holidays NL,US`: public holidays (``PublicHolidays``) and
/// retail events (``RetailEvents``) per country, with default lead/lag windows; Israel's
/// holidays and their eves from the Hebrew calendar (``HebrewHolidays``); and `ISLAMIC`, the
/// Islamic feasts (``IslamicFeasts``), a calendar of its own to add to any country
/// (`--holidays NL,ISLAMIC`).
///
/// Countries are ISO 3166-1 alpha-2 codes; `GB` means England and Wales (`UK` is accepted for
/// it). Calendars are national: regional days (German Länder, Alsace-Moselle, Scotland,
/// Northern Ireland, US states) are not included. The Western retail days (Black Friday,
/// Sinterklaas, …) belong to BE, DE, FR, GB, NL and US, not to IL or ISLAMIC.
public enum HolidayCalendar {
    public static let supportedCountries = ["BE", "DE", "FR", "GB", "IL", "ISLAMIC", "NL", "US"]

    /// The years the rules are written for: Juneteenth (2021), King's Day (2014) and the GB
    /// one-off bank holidays are dated; before 2000 older rules (e.g. pre-1990 Germany) would apply.
    public static let supportedYears = 2000...2099

    /// Every public holiday and retail event of `countries` dated within `years`, sorted by date,
    /// then name, then country (``CalendarEvent/ordered(_:_:)``). A country listed twice counts once.
    ///
    /// - Throws: ``ForecastingError/invalidRequest(_:)`` for an unknown country code (the message
    ///   lists the supported ones), an empty country list, or years outside ``supportedYears``.
    public static func events(
        countries: [String], years: ClosedRange<Int>,
        kinds: Set<EventKind> = [.holiday, .eve, .retail]
    ) throws(ForecastingError) -> [CalendarEvent] {
        let codes = try countryCodes(countries)
        guard supportedYears.contains(years.lowerBound), supportedYears.contains(years.upperBound) else {
            throw .invalidRequest(
                "holiday calendars cover the years \(supportedYears.lowerBound)–\(supportedYears.upperBound); "
                    + "asked for \(years.lowerBound)–\(years.upperBound)")
        }
        var events: [CalendarEvent] = []
        // A rule year's observed days can fall in the year before (US New Year's Day on a
        // Saturday is observed on 31 December), so the neighbouring years are generated too.
        for code in codes {
            for year in (years.lowerBound - 1)...(years.upperBound + 1) {
                switch code {
                case "IL": events += HebrewHolidays.rules(year: year).filter { kinds.contains($0.kind) }
                case "ISLAMIC": if kinds.contains(.retail) { events += IslamicFeasts.rules(year: year) }
                default:
                    if kinds.contains(.holiday) { events += PublicHolidays.rules(country: code, year: year) }
                    if kinds.contains(.retail) { events += RetailEvents.rules(country: code, year: year) }
                }
            }
        }
        return events.filter { years.contains($0.date.year) }.sorted(by: CalendarEvent.ordered)
    }

    /// The public holidays of one country in one year, sorted.
    public static func publicHolidays(country: String, year: Int) throws(ForecastingError) -> [CalendarEvent] {
        try events(countries: [country], years: year...year, kinds: [.holiday])
    }

    /// Upper-cased, de-duplicated, checked country codes in the order given.
    /// - Throws: ``ForecastingError/invalidRequest(_:)`` naming the unknown code and the supported ones.
    public static func countryCodes(_ countries: [String]) throws(ForecastingError) -> [String] {
        var codes: [String] = []
        for raw in countries {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            var code = trimmed.uppercased()
            if code == "UK" { code = "GB" }
            guard supportedCountries.contains(code) else {
                let shown = trimmed.isEmpty ? "an empty country code" : "unknown country code '\(trimmed)'"
                throw .invalidRequest(
                    "\(shown) for the holiday calendar; supported: \(supportedCountries.joined(separator: ", ")) "
                        + "(GB is England and Wales)")
            }
            if !codes.contains(code) { codes.append(code) }
        }
        guard !codes.isEmpty else {
            throw .invalidRequest(
                "no country given for the holiday calendar; supported: \(supportedCountries.joined(separator: ", "))")
        }
        return codes
    }
}
