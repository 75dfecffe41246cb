import Foundation
import StaffcastCore

/// Israel's public holidays (`IL`) and their eves, from the Hebrew calendar.
///
/// Foundation's `Calendar(identifier: .hebrew)` gives Rosh Hashanah (1 Tishri) of the Hebrew
/// year that starts in the Gregorian year; every other date is a fixed number of days from it,
/// because the months from Nisan to Elul have fixed lengths (30, 29, 30, 29, 30, 29 days):
/// Pesach (15 Nisan) is 163 days before Rosh Hashanah, Independence Day (5 Iyar) 20 days and
/// Shavuot (6 Sivan) 50 days after Pesach. (E. M. Reingold & N. Dershowitz, *Calendrical
/// Calculations*, 3rd ed., 2008, ch. 8.)
///
/// Holidays (the days of rest of the Hours of Work and Rest Law, as the Python `holidays` package
/// lists them): Rosh Hashanah (two days), Yom Kippur, Sukkot, Simchat Torah / Shemini Atzeret,
/// Pesach, the seventh day of Pesach, Independence Day and Shavuot. Independence Day moves off
/// the weekend and off Monday (Knesset decision of 2004): on a Friday or Saturday to the Thursday
/// before, on a Monday to the Tuesday after.
///
/// Eves (``EventKind/eve``: short working days, contacts move to the morning) are the days
/// before each holiday: Erev Rosh Hashanah, Erev Yom Kippur, Erev Sukkot, Erev Simchat Torah,
/// Erev Pesach, the eve of the seventh day of Pesach, Erev Shavuot, and Remembrance Day, the
/// day before Independence Day. The second day of Rosh Hashanah has no eve of its own.
enum HebrewHolidays {
    static func rules(year: Int) -> [CalendarEvent] {
        guard let roshHashanah = roshHashanah(gregorianYear: year) else { return [] }
        let pesach = roshHashanah.adding(days: -163)
        var independence = pesach.adding(days: 20)
        switch independence.weekday {
        case DateRules.friday: independence = independence.adding(days: -1)
        case DateRules.saturday: independence = independence.adding(days: -2)
        case DateRules.monday where year >= 2004: independence = independence.adding(days: 1)
        default: break
        }
        let holidays: [(String, CivilDate)] = [
            ("Pesach", pesach),
            ("Seventh day of Pesach", pesach.adding(days: 6)),
            ("Independence Day", independence),
            ("Shavuot", pesach.adding(days: 50)),
            ("Rosh Hashanah", roshHashanah),
            ("Rosh Hashanah (second day)", roshHashanah.adding(days: 1)),
            ("Yom Kippur", roshHashanah.adding(days: 9)),
            ("Sukkot", roshHashanah.adding(days: 14)),
            ("Simchat Torah / Shemini Atzeret", roshHashanah.adding(days: 21)),
        ]
        var events = holidays.map { name, day in
            CalendarEvent(name: name, date: day, kind: .holiday, country: "IL", lagDays: 1)
        }
        for (name, day) in holidays where !name.hasSuffix("(second day)") {
            let eve = name == "Independence Day" ? "Remembrance Day (eve of Independence Day)" : "Eve of \(name)"
            events.append(CalendarEvent(name: eve, date: day.adding(days: -1), kind: .eve, country: "IL"))
        }
        return events
    }

    /// 1 Tishri of the Hebrew year that begins in September or October of `gregorianYear`.
    static func roshHashanah(gregorianYear: Int) -> CivilDate? {
        var components = DateComponents()
        components.year = gregorianYear + 3761
        components.month = 1
        components.day = 1
        return ForeignCalendars.gregorianDate(components, in: ForeignCalendars.hebrew)
    }
}

/// The Islamic feasts (`ISLAMIC`): Eid al-Fitr (1 Shawwal, the end of Ramadan) and Eid al-Adha
/// (10 Dhu al-Hijjah), dated by Foundation's `Calendar(identifier: .islamicUmmAlQura)`, the
/// tabulated Umm al-Qura calendar of Saudi Arabia. Where a community follows the sighting of the
/// moon, a feast may fall a day later; contacts shift around the feasts either way.
///
/// They are retail events (``EventKind/retail``), not closures: in Dutch, Belgian, German and
/// French shops contacts move around them (shopping before, quieter days during), which a model
/// learns from past occurrences; a feast the history has not seen changes nothing. Windows:
/// Eid al-Fitr lead 3, lag 2 (a three-day feast); Eid al-Adha lead 2, lag 3 (four days).
enum IslamicFeasts {
    static func rules(year: Int) -> [CalendarEvent] {
        // The Islamic year is about 354 days, so one or two of each feast fall in a Gregorian year.
        let approximate = Int((Double(year - 622) * 1.030684).rounded(.down))
        var events: [CalendarEvent] = []
        for islamicYear in (approximate - 1)...(approximate + 2) {
            for (name, month, day, lead, lag) in [("Eid al-Fitr", 10, 1, 3, 2), ("Eid al-Adha", 12, 10, 2, 3)] {
                var components = DateComponents()
                components.year = islamicYear
                components.month = month
                components.day = day
                guard let date = ForeignCalendars.gregorianDate(components, in: ForeignCalendars.islamic),
                    date.year == year
                else { continue }
                events.append(
                    CalendarEvent(
                        name: name, date: date, kind: .retail, country: "ISLAMIC",
                        leadDays: lead, lagDays: lag))
            }
        }
        return events
    }
}

/// Foundation's non-Gregorian calendars, read in UTC so a date is a whole civil day.
enum ForeignCalendars {
    static let hebrew = calendar(.hebrew)
    static let islamic = calendar(.islamicUmmAlQura)
    static let gregorian = calendar(.gregorian)

    private static func calendar(_ identifier: Calendar.Identifier) -> Calendar {
        var calendar = Calendar(identifier: identifier)
        if let utc = TimeZone(identifier: "UTC") { calendar.timeZone = utc }
        return calendar
    }

    /// The Gregorian civil date of `components` in `calendar`; nil when Foundation cannot date it.
    static func gregorianDate(_ components: DateComponents, in calendar: Calendar) -> CivilDate? {
        guard let instant = calendar.date(from: components) else { return nil }
        let parts = gregorian.dateComponents([.year, .month, .day], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }
}
