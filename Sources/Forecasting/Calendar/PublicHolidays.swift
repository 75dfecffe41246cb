import StaffcastCore

/// The public-holiday rules of each supported country, one function per country, each giving
/// the holidays *of* a rule year (an observed day may fall in the year before: the US observes
/// New Year's Day 2028, a Saturday, on Friday 2027-12-31). ``HolidayCalendar`` asks for the
/// neighbouring years too and keeps the dates inside the range.
///
/// Defaults: every holiday affects the day after it (lag 1, the post-holiday surge); Christmas
/// Day also the ten days before it (lead 10). Sources: NL Algemene termijnenwet art. 3 and
/// Rijksoverheid; BE Arrêté royal du 18 avril 1974; DE Länder Feiertagsgesetze (the days all
/// sixteen share); FR Code du travail L3133-1; GB gov.uk/bank-holidays (England and Wales);
/// US 5 U.S.C. 6103 and Executive Order 11582.
enum PublicHolidays {
    static func rules(country: String, year: Int) -> [CalendarEvent] {
        switch country {
        case "NL": return netherlands(year)
        case "BE": return belgium(year)
        case "DE": return germany(year)
        case "FR": return france(year)
        case "GB": return englandAndWales(year)
        case "US": return unitedStates(year)
        default: return []
        }
    }

    // MARK: Netherlands

    /// The Algemene termijnenwet's days plus Good Friday. Choices:
    /// - Good Friday is not in the Algemene termijnenwet, but government, banks and many
    ///   collective agreements close on it, so contact volumes move; it is included.
    /// - Liberation Day (5 May) is in the law every year, but most collective agreements give it
    ///   off only in lustrum years (2025, 2030, …); it is a holiday in lustrum years only, as the
    ///   `holidays` package also has it. In other years it is an ordinary working day.
    /// - King's Day (27 April, from 2014) moves to 26 April when the 27th is a Sunday; Queen's
    ///   Day (30 April, until 2013) moved to 29 April when the 30th was a Sunday.
    static func netherlands(_ year: Int) -> [CalendarEvent] {
        let easter = DateRules.easterSunday(year: year)
        var days: [(String, CivilDate)] = [
            ("New Year's Day", date(year, 1, 1)),
            ("Good Friday", easter.adding(days: -2)),
            ("Easter Sunday", easter),
            ("Easter Monday", easter.adding(days: 1)),
            ("Ascension Day", easter.adding(days: 39)),
            ("Whit Sunday", easter.adding(days: 49)),
            ("Whit Monday", easter.adding(days: 50)),
            ("Christmas Day", date(year, 12, 25)),
            ("Second Christmas Day", date(year, 12, 26)),
        ]
        if year >= 2014 {
            let kingsDay = date(year, 4, 27)
            days.append(("King's Day", kingsDay.weekday == DateRules.sunday ? kingsDay.adding(days: -1) : kingsDay))
        } else {
            let queensDay = date(year, 4, 30)
            days.append(("Queen's Day", queensDay.weekday == DateRules.sunday ? queensDay.adding(days: -1) : queensDay))
        }
        if year % 5 == 0 { days.append(("Liberation Day", date(year, 5, 5))) }
        return holidays(days, country: "NL")
    }

    // MARK: Belgium

    /// The ten legal holidays plus Easter Sunday and Whit Sunday. A holiday on a Sunday is made
    /// up by each employer on a day of its choosing, so there is no national substitute day.
    static func belgium(_ year: Int) -> [CalendarEvent] {
        let easter = DateRules.easterSunday(year: year)
        return holidays(
            [
                ("New Year's Day", date(year, 1, 1)),
                ("Easter Sunday", easter),
                ("Easter Monday", easter.adding(days: 1)),
                ("Labour Day", date(year, 5, 1)),
                ("Ascension Day", easter.adding(days: 39)),
                ("Whit Sunday", easter.adding(days: 49)),
                ("Whit Monday", easter.adding(days: 50)),
                ("Belgian National Day", date(year, 7, 21)),
                ("Assumption Day", date(year, 8, 15)),
                ("All Saints' Day", date(year, 11, 1)),
                ("Armistice Day", date(year, 11, 11)),
                ("Christmas Day", date(year, 12, 25)),
            ], country: "BE")
    }

    // MARK: Germany

    /// The nine holidays of every Land. Regional days (Epiphany, Corpus Christi, Reformation Day,
    /// All Saints' Day, …) are left out; Reformation Day 2017 (the 500th anniversary) was a
    /// holiday in every Land and is included as a one-off.
    static func germany(_ year: Int) -> [CalendarEvent] {
        let easter = DateRules.easterSunday(year: year)
        var days: [(String, CivilDate)] = [
            ("New Year's Day", date(year, 1, 1)),
            ("Good Friday", easter.adding(days: -2)),
            ("Easter Monday", easter.adding(days: 1)),
            ("Labour Day", date(year, 5, 1)),
            ("Ascension Day", easter.adding(days: 39)),
            ("Whit Monday", easter.adding(days: 50)),
            ("German Unity Day", date(year, 10, 3)),
            ("Christmas Day", date(year, 12, 25)),
            ("Second Christmas Day", date(year, 12, 26)),
        ]
        if year == 2017 { days.append(("Reformation Day", date(2017, 10, 31))) }
        return holidays(days, country: "DE")
    }

    // MARK: France

    /// The eleven jours fériés of metropolitan France. Whit Monday stays: since 2008 the
    /// "journée de solidarité" may be worked, but it is still a public holiday. Alsace-Moselle's
    /// Good Friday and 26 December are regional and left out.
    static func france(_ year: Int) -> [CalendarEvent] {
        let easter = DateRules.easterSunday(year: year)
        return holidays(
            [
                ("New Year's Day", date(year, 1, 1)),
                ("Easter Monday", easter.adding(days: 1)),
                ("Labour Day", date(year, 5, 1)),
                ("Victory in Europe Day", date(year, 5, 8)),
                ("Ascension Day", easter.adding(days: 39)),
                ("Whit Monday", easter.adding(days: 50)),
                ("Bastille Day", date(year, 7, 14)),
                ("Assumption Day", date(year, 8, 15)),
                ("All Saints' Day", date(year, 11, 1)),
                ("Armistice Day", date(year, 11, 11)),
                ("Christmas Day", date(year, 12, 25)),
            ], country: "FR")
    }

    // MARK: United Kingdom: England and Wales

    /// Bank holidays of England and Wales. Christmas Day, Boxing Day and New Year's Day on a
    /// weekend get a substitute day: the next weekday that is not already a bank holiday
    /// (Christmas on a Saturday: Monday 27th for Christmas, Tuesday 28th for Boxing Day).
    /// Royal proclamations that moved or added days are listed by year.
    static func englandAndWales(_ year: Int) -> [CalendarEvent] {
        let easter = DateRules.easterSunday(year: year)
        var earlyMay = DateRules.nthWeekday(1, DateRules.monday, month: 5, year: year)
        var spring = DateRules.lastWeekday(DateRules.monday, month: 5, year: year)
        var specials: [(String, CivilDate)] = []
        switch year {
        case 2002:
            spring = date(2002, 6, 4)
            specials = [("Golden Jubilee of Elizabeth II", date(2002, 6, 3))]
        case 2011:
            specials = [("Wedding of Prince William and Catherine Middleton", date(2011, 4, 29))]
        case 2012:
            spring = date(2012, 6, 4)
            specials = [("Diamond Jubilee of Elizabeth II", date(2012, 6, 5))]
        case 2020:
            earlyMay = date(2020, 5, 8)  // moved to VE Day's 75th anniversary
        case 2022:
            spring = date(2022, 6, 2)
            specials = [
                ("Platinum Jubilee of Elizabeth II", date(2022, 6, 3)),
                ("State Funeral of Queen Elizabeth II", date(2022, 9, 19)),
            ]
        case 2023:
            specials = [("Coronation of King Charles III", date(2023, 5, 8))]
        default:
            break
        }
        var days: [(String, CivilDate)] =
            [
                ("Good Friday", easter.adding(days: -2)),
                ("Easter Monday", easter.adding(days: 1)),
                ("Early May Bank Holiday", earlyMay),
                ("Spring Bank Holiday", spring),
                ("Summer Bank Holiday", DateRules.lastWeekday(DateRules.monday, month: 8, year: year)),
            ] + specials
        let weekendable = [
            ("New Year's Day", date(year, 1, 1)),
            ("Christmas Day", date(year, 12, 25)),
            ("Boxing Day", date(year, 12, 26)),
        ]
        days += weekendable
        var taken = Set(days.map(\.1))
        for (name, day) in weekendable where day.weekday >= DateRules.saturday {
            var substitute = day.adding(days: 1)
            while substitute.weekday >= DateRules.saturday || taken.contains(substitute) {
                substitute = substitute.adding(days: 1)
            }
            taken.insert(substitute)
            days.append((name + " (substitute day)", substitute))
        }
        return holidays(days, country: "GB")
    }

    // MARK: United States

    /// The eleven federal holidays (Juneteenth from 2021). A fixed-date holiday on a Saturday is
    /// observed on the Friday before, on a Sunday on the Monday after (5 U.S.C. 6103(b)); both the
    /// date and the observed day are listed, the observed one named "(observed)".
    static func unitedStates(_ year: Int) -> [CalendarEvent] {
        var fixed: [(String, CivilDate)] = [
            ("New Year's Day", date(year, 1, 1)),
            ("Independence Day", date(year, 7, 4)),
            ("Veterans Day", date(year, 11, 11)),
            ("Christmas Day", date(year, 12, 25)),
        ]
        if year >= 2021 { fixed.append(("Juneteenth National Independence Day", date(year, 6, 19))) }
        var days: [(String, CivilDate)] =
            [
                ("Martin Luther King Jr. Day", DateRules.nthWeekday(3, DateRules.monday, month: 1, year: year)),
                ("Washington's Birthday", DateRules.nthWeekday(3, DateRules.monday, month: 2, year: year)),
                ("Memorial Day", DateRules.lastWeekday(DateRules.monday, month: 5, year: year)),
                ("Labor Day", DateRules.nthWeekday(1, DateRules.monday, month: 9, year: year)),
                ("Columbus Day", DateRules.nthWeekday(2, DateRules.monday, month: 10, year: year)),
                ("Thanksgiving Day", DateRules.nthWeekday(4, DateRules.thursday, month: 11, year: year)),
            ] + fixed
        for (name, day) in fixed {
            if let observed = DateRules.usObservedDay(day) { days.append((name + " (observed)", observed)) }
        }
        return holidays(days, country: "US")
    }

    // MARK: Helpers

    /// Holiday events with the default windows: lag 1 (the day after surges), Christmas lead 10.
    private static func holidays(_ days: [(String, CivilDate)], country: String) -> [CalendarEvent] {
        days.map { name, day in
            CalendarEvent(
                name: name, date: day, kind: .holiday, country: country,
                leadDays: name == "Christmas Day" ? 10 : 0, lagDays: 1)
        }
    }

    /// A date the rules know exists (month 1…12, day within the month).
    static func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: day) ?? CivilDate(daysSinceEpoch: 0)
    }
}
