/// The days of one rostering period and the kinds of work a person may be given on a day.
///
/// An *option* is one way to work a day: a benchmark shift type, or a shift template started at
/// one time. Options fall into *rest groups*: two options in the same group are alike for the
/// rule on what may follow them the next day (in the benchmark each shift type is its own group;
/// in a contact centre the group is the end time, which decides the rest before the next shift).
public struct PatternCalendar: Sendable, Equatable {
    public var days: Int
    public var options: [PatternOption]
    public var groupCount: Int
    /// `mayFollow[g][o]`: option `o` may be worked the day after a shift of rest group `g`.
    public var mayFollow: [[Bool]]
    /// The weekend each day belongs to (0, 1, …), or nil on a weekday. A weekend counts as worked
    /// when any of its days is worked; its days must be consecutive.
    public var weekendOfDay: [Int?]

    public init(days: Int, options: [PatternOption], groupCount: Int, mayFollow: [[Bool]], weekendOfDay: [Int?]) {
        self.days = days
        self.options = options
        self.groupCount = groupCount
        self.mayFollow = mayFollow
        self.weekendOfDay = weekendOfDay
    }

    /// Saturday and Sunday as weekends for a period whose first day has ISO weekday
    /// `firstWeekday` (1 = Monday … 7 = Sunday).
    public static func weekends(days: Int, firstWeekday: Int) -> [Int?] {
        var result = [Int?](repeating: nil, count: days)
        var index = -1
        for day in 0..<days {
            let weekday = (firstWeekday - 1 + day) % 7 + 1
            if weekday == 6 || (weekday == 7 && (day == 0 || result[day - 1] == nil)) { index += 1 }
            if weekday >= 6 { result[day] = index }
        }
        return result
    }
}

/// One way of working a day.
public struct PatternOption: Sendable, Equatable {
    /// Paid minutes, for the contract's minimum and maximum.
    public var minutes: Int
    /// The rest group (see ``PatternCalendar``).
    public var group: Int

    public init(minutes: Int, group: Int) {
        self.minutes = minutes
        self.group = group
    }
}

/// How a person's run of days stood when the period begins.
public struct PatternCarryIn: Sendable, Equatable {
    /// The rest group of the shift worked the day before the period, or nil when that day was off.
    public var lastGroup: Int?
    /// Length of the run (of working days, or of days off) that ends the day before the period.
    public var runLength: Int
    /// True when that run is exempt from the minimum run lengths (it is not known how it began).
    public var exempt: Bool

    public init(lastGroup: Int?, runLength: Int, exempt: Bool) {
        self.lastGroup = lastGroup
        self.runLength = runLength
        self.exempt = exempt
    }

    /// Nothing known before the period: the first run, worked or off, is exempt from the
    /// minimum run lengths (the benchmark's convention).
    public static let unknown = PatternCarryIn(lastGroup: nil, runLength: Int.max / 4, exempt: true)
}

/// One person's hard rules over the period.
public struct PatternRules: Sendable, Equatable {
    /// `allowed[day][option]`: the person may work this option on this day (skills, unavailable
    /// days, start and end limits, templates' weekdays).
    public var allowed: [[Bool]]
    /// Most times each option may be worked over the period (nil: no limit of its own).
    public var maxCount: [Int?]
    public var minMinutes: Int
    public var maxMinutes: Int
    public var maxConsecutiveWork: Int
    public var minConsecutiveWork: Int
    public var minConsecutiveOff: Int
    public var maxWeekends: Int
    /// Most shifts in the period, whatever the option (nil: no limit beyond one a day).
    public var maxShifts: Int?
    public var carryIn: PatternCarryIn
    /// True when the run that reaches the period's end is exempt from the minimum run lengths
    /// (it may go on after the period).
    public var lastRunExempt: Bool

    public init(
        allowed: [[Bool]], maxCount: [Int?], minMinutes: Int, maxMinutes: Int, maxConsecutiveWork: Int,
        minConsecutiveWork: Int, minConsecutiveOff: Int, maxWeekends: Int, maxShifts: Int? = nil,
        carryIn: PatternCarryIn = .unknown, lastRunExempt: Bool = true
    ) {
        self.maxShifts = maxShifts
        self.allowed = allowed
        self.maxCount = maxCount
        self.minMinutes = minMinutes
        self.maxMinutes = maxMinutes
        self.maxConsecutiveWork = maxConsecutiveWork
        self.minConsecutiveWork = minConsecutiveWork
        self.minConsecutiveOff = minConsecutiveOff
        self.maxWeekends = maxWeekends
        self.carryIn = carryIn
        self.lastRunExempt = lastRunExempt
    }
}

/// A person's period: the option worked each day, nil on a day off.
public typealias WorkPattern = [Int?]
