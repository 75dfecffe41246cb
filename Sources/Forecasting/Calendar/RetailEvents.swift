import StaffcastCore

/// Shopping days that move web-shop contact volumes, per country. Every supported country gets
/// them all unless noted (Black Friday and Cyber Monday are US-born but a fixture of European
/// retail since the 2010s).
///
/// | event | date | lead | lag |
/// |---|---|---|---|
/// | Valentine's Day | 14 Feb | 7 | 0 |
/// | Mother's Day | per country, see ``mothersDay(country:year:)`` | 7 | 0 |
/// | Singles' Day | 11 Nov | 0 | 1 |
/// | Black Friday | the day after US Thanksgiving (4th Thursday of November) | 3 | 3 (through Cyber Monday) |
/// | Cyber Monday | the Monday after Black Friday | 0 | 1 |
/// | Sinterklaas | 5 Dec (NL, pakjesavond) / 6 Dec (BE); NL and BE only | 14 | 0 |
/// | Christmas Eve | 24 Dec | 0 | 0 |
/// | Boxing Day | 26 Dec (sales, also where it is no holiday) | 0 | 0 |
/// | New Year's Eve | 31 Dec | 0 | 0 |
/// | January returns weeks | the first Monday after 1 January (2–8 Jan) and the 13 days after: two full Monday–Sunday weeks | 0 | 13 |
///
/// January returns weeks start on the first Monday *after* New Year's Day, so when 1 January is a
/// Monday they run 8–21 January: the holiday week itself belongs to New Year.
enum RetailEvents {
    static func rules(country: String, year: Int) -> [CalendarEvent] {
        let thanksgiving = DateRules.nthWeekday(4, DateRules.thursday, month: 11, year: year)
        var events = [
            retail("Valentine's Day", PublicHolidays.date(year, 2, 14), country, lead: 7),
            retail("Mother's Day", mothersDay(country: country, year: year), country, lead: 7),
            retail("Singles' Day", PublicHolidays.date(year, 11, 11), country, lag: 1),
            retail("Black Friday", thanksgiving.adding(days: 1), country, lead: 3, lag: 3),
            retail("Cyber Monday", thanksgiving.adding(days: 4), country, lag: 1),
            retail("Christmas Eve", PublicHolidays.date(year, 12, 24), country),
            retail("Boxing Day", PublicHolidays.date(year, 12, 26), country),
            retail("New Year's Eve", PublicHolidays.date(year, 12, 31), country),
            retail(
                "January returns weeks",
                DateRules.weekday(DateRules.monday, onOrAfter: PublicHolidays.date(year, 1, 2)), country, lag: 13),
        ]
        switch country {
        case "NL": events.append(retail("Sinterklaas", PublicHolidays.date(year, 12, 5), country, lead: 14))
        case "BE": events.append(retail("Sinterklaas", PublicHolidays.date(year, 12, 6), country, lead: 14))
        default: break
        }
        return events
    }

    /// Mother's Day of the country's national custom:
    /// - NL, BE, DE, US: the second Sunday of May (Antwerp keeps 15 August; not modelled, the
    ///   calendars are national).
    /// - GB: Mothering Sunday, the fourth Sunday of Lent = Easter Sunday − 21 days.
    /// - FR: the last Sunday of May, or the first Sunday of June when that Sunday is Pentecost
    ///   (loi du 24 mai 1950, décret 1950; e.g. 2023: Pentecost 28 May, so 4 June).
    static func mothersDay(country: String, year: Int) -> CivilDate {
        switch country {
        case "GB":
            return DateRules.easterSunday(year: year).adding(days: -21)
        case "FR":
            let lastSunday = DateRules.lastWeekday(DateRules.sunday, month: 5, year: year)
            let pentecost = DateRules.easterSunday(year: year).adding(days: 49)
            return lastSunday == pentecost
                ? DateRules.nthWeekday(1, DateRules.sunday, month: 6, year: year) : lastSunday
        default:
            return DateRules.nthWeekday(2, DateRules.sunday, month: 5, year: year)
        }
    }

    private static func retail(_ name: String, _ date: CivilDate, _ country: String, lead: Int = 0, lag: Int = 0)
        -> CalendarEvent
    {
        CalendarEvent(name: name, date: date, kind: .retail, country: country, leadDays: lead, lagDays: lag)
    }
}
