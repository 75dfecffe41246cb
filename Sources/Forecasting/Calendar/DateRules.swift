import StaffcastCore

/// The date arithmetic holiday rules are written in: Easter, "the nth weekday of a month",
/// and moving a day off a weekend.
public enum DateRules {
    /// Western (Gregorian) Easter Sunday of `year`, by the Anonymous Gregorian algorithm
    /// (Meeus/Jones/Butcher; J. Meeus, *Astronomical Algorithms*, 2nd ed., ch. 8). Valid for every
    /// Gregorian year (1583 onwards); integer arithmetic only.
    public static func easterSunday(year: Int) -> CivilDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        // month is 3 or 4 and day 1…31 by construction, so the date always exists.
        return CivilDate(year: year, month: month, day: day) ?? CivilDate(daysSinceEpoch: 0)
    }

    /// The `n`th (1-based) `weekday` (ISO: 1 = Monday … 7 = Sunday) of `month`, e.g. US
    /// Thanksgiving is `nthWeekday(4, .thursday …)`: the fourth Thursday of November.
    /// `n` must be 1…4 (every month has at least four of each weekday).
    public static func nthWeekday(_ n: Int, _ weekday: Int, month: Int, year: Int) -> CivilDate {
        let first = CivilDate(year: year, month: month, day: 1) ?? CivilDate(daysSinceEpoch: 0)
        let offset = ((weekday - first.weekday) % 7 + 7) % 7
        return first.adding(days: offset + 7 * (n - 1))
    }

    /// The last `weekday` of `month` (US Memorial Day: the last Monday of May).
    public static func lastWeekday(_ weekday: Int, month: Int, year: Int) -> CivilDate {
        let last =
            CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))
            ?? CivilDate(daysSinceEpoch: 0)
        let back = ((last.weekday - weekday) % 7 + 7) % 7
        return last.adding(days: -back)
    }

    /// The first `weekday` on or after `date`.
    public static func weekday(_ weekday: Int, onOrAfter date: CivilDate) -> CivilDate {
        date.adding(days: ((weekday - date.weekday) % 7 + 7) % 7)
    }

    /// US federal observance (5 U.S.C. 6103(b)): a holiday on a Saturday is observed on the
    /// Friday before, one on a Sunday on the Monday after; nil on a weekday.
    public static func usObservedDay(_ date: CivilDate) -> CivilDate? {
        switch date.weekday {
        case 6: return date.adding(days: -1)
        case 7: return date.adding(days: 1)
        default: return nil
        }
    }

    public static let monday = 1, tuesday = 2, wednesday = 3, thursday = 4, friday = 5, saturday = 6, sunday = 7
}
