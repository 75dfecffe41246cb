/// Working-time rules as data: the limits a law or a collective agreement puts on one person's
/// shifts, hours and rest, which the roster keeps as hard rules (README: "Working-time rules").
///
/// Hours are real hours: a night shift over a clock change works 7 or 9. A *night shift* is one
/// with more than `nightMinimumSeconds` (1 h) of work between 00:00 and 06:00 by the local clock. A
/// *week* is one of the period's blocks of seven days from its first day, 00:00 local. A *series*
/// of night shifts is night shifts starting on consecutive days; *shifts in a row* are shifts
/// starting on consecutive days. A value of nil switches its rule off.
public struct WorkingTimeRules: Sendable, Equatable {
    /// Most working time in one shift (breaks excluded), seconds.
    public var maxShiftSeconds: Int?
    /// Most working time in one week of the period, seconds (a shift counts in the week it starts).
    public var maxWeekSeconds: Int?
    /// Most working time per week on average over `averageWeeks` weeks, seconds; over the period
    /// when it is shorter. A longer period keeps every week at or below it.
    public var maxAverageWeekSeconds: Int?
    public var averageWeeks = 4
    /// Least rest between two shifts, seconds.
    public var dailyRestSeconds: Int?
    /// Most working time in a night shift, seconds.
    public var maxNightShiftSeconds: Int?
    /// Least rest after a night shift that ends after `lateNightEndSeconds` (02:00), seconds.
    public var restAfterNightSeconds: Int?
    public var lateNightEndSeconds = 2 * 3600
    /// Least rest after a series of `nightSeriesLength` or more night shifts, seconds.
    public var restAfterNightSeriesSeconds: Int?
    public var nightSeriesLength = 3
    /// Most shifts in a row when one of them is a night shift.
    public var maxShiftsInARowWithNight: Int?
    /// Least uninterrupted rest inside every week of the period, seconds.
    public var weeklyRestSeconds: Int?
    /// Fewest Sundays without any work in the period (a night shift from Saturday works Sunday);
    /// nil with `freeSundaysPer52Weeks`: that many pro rata, rounded down.
    public var minFreeSundays: Int?
    public var freeSundaysPer52Weeks: Int?
    /// The night: work between these local times, more than `nightMinimumSeconds` of it.
    public let nightStartSeconds = 0
    public let nightEndSeconds = 6 * 3600
    public let nightMinimumSeconds = 3600

    public init() {}

    /// The Dutch Working Hours Act's standard rules (Arbeidstijdenwet, "standaardregeling"): 12 h
    /// a shift, 60 h a week, 55 h a week on average over 4 weeks, 11 h of daily rest, a night
    /// shift at most 10 h, 14 h of rest after a night shift ending after 02:00, 46 h after 3 or
    /// more night shifts in a row, at most 7 shifts in a row with a night among them, 36 h of
    /// uninterrupted rest every week, and 13 free Sundays in 52 weeks.
    ///
    /// Staffcast does not use the Act's exceptions that would let a roster go further (once a
    /// week 8 h of daily rest; 12 h nights five times in 14 days; 72 h of weekly rest per 14 days
    /// in parts): a roster that keeps the rules above keeps the Act.
    public static let netherlandsStandard: WorkingTimeRules = {
        var rules = WorkingTimeRules()
        rules.maxShiftSeconds = 12 * 3600
        rules.maxWeekSeconds = 60 * 3600
        rules.maxAverageWeekSeconds = 55 * 3600
        rules.dailyRestSeconds = 11 * 3600
        rules.maxNightShiftSeconds = 10 * 3600
        rules.restAfterNightSeconds = 14 * 3600
        rules.restAfterNightSeriesSeconds = 46 * 3600
        rules.maxShiftsInARowWithNight = 7
        rules.weeklyRestSeconds = 36 * 3600
        rules.freeSundaysPer52Weeks = 13
        return rules
    }()

    /// Presets by the name a config gives them.
    public static let presets: [String: WorkingTimeRules] = ["nl-atw": netherlandsStandard]

    /// Free Sundays required in a period of `weeks` weeks.
    public func freeSundays(weeks: Int) -> Int {
        if let minFreeSundays { return minFreeSundays }
        return freeSundaysPer52Weeks.map { $0 * weeks / 52 } ?? 0
    }

    /// Whether a shift is a night shift: more than an hour between 00:00 and 06:00 by the clock.
    /// `start` and `end` are local seconds after the midnight it starts from (past 86,400 on the
    /// next day); a break is working time left out.
    public func isNight(start: Int, end: Int, breakStart: Int? = nil, breakEnd: Int? = nil) -> Bool {
        var inside = 0
        for midnight in [0, 86_400] {
            let low = midnight + nightStartSeconds
            let high = midnight + nightEndSeconds
            inside += max(0, min(end, high) - max(start, low))
            if let breakStart, let breakEnd {
                inside -= max(0, min(breakEnd, high) - max(breakStart, low))
            }
        }
        return inside > nightMinimumSeconds
    }
}

/// A rule of ``WorkingTimeRules``, as a report or a shortage cause names it.
public enum WorkingTimeRule: String, Sendable, CaseIterable {
    case maxShiftHours = "max_shift_hours"
    case maxWeekHours = "max_week_hours"
    case maxAverageWeekHours = "max_average_week_hours"
    case dailyRestHours = "daily_rest_hours"
    case maxNightShiftHours = "max_night_shift_hours"
    case restAfterNightHours = "rest_after_night_hours"
    case restAfterNightSeriesHours = "rest_after_night_series_hours"
    case maxShiftsInARowWithNight = "max_shifts_in_a_row_with_night"
    case weeklyRestHours = "weekly_rest_hours"
    case minFreeSundays = "min_free_sundays"

    /// In a planner's words.
    public var phrase: String {
        switch self {
        case .maxShiftHours: return "the longest shift"
        case .maxWeekHours: return "the most hours a week"
        case .maxAverageWeekHours: return "the most hours a week on average"
        case .dailyRestHours: return "the daily rest"
        case .maxNightShiftHours: return "the longest night shift"
        case .restAfterNightHours: return "the rest after a night shift"
        case .restAfterNightSeriesHours: return "the rest after a series of nights"
        case .maxShiftsInARowWithNight: return "the most shifts in a row with a night"
        case .weeklyRestHours: return "the weekly rest"
        case .minFreeSundays: return "the free Sundays"
        }
    }
}
