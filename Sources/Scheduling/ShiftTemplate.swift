import StaffcastCore

/// A kind of shift agents can work: its length, when it may start, its break and what it costs.
///
/// Lengths, start times and break positions are whole numbers of requirement intervals, so a
/// template lines up with the half-hours (or quarter-hours) it covers; ``ShiftScheduler`` checks
/// this against the requirement's interval and reports a ``SchedulingError`` otherwise.
/// A shift belongs to the local day it starts on and may end on the next (a night shift, in a
/// channel that needs agents around midnight; see ``ShiftScheduler``); its end is the start's wall
/// clock plus the length, so it lasts an hour less or more on the nights the clocks change.
public struct ShiftTemplate: Sendable, Equatable {
    public var name: String
    /// Length in seconds, breaks included.
    public var lengthSeconds: Int
    /// Earliest and latest local start, wall-clock seconds after midnight (inclusive).
    public var earliestStartSeconds: Int
    public var latestStartSeconds: Int
    /// Spacing of allowed starts in seconds (e.g. 1800: any half hour), counted from
    /// `earliestStartSeconds`.
    public var startEverySeconds: Int
    /// Relative cost per paid agent-hour (1 = plain time).
    public var costPerHour: Double
    /// The break every agent on this shift takes, if any.
    public var breakRule: BreakRule?
    /// ISO weekdays (1 = Monday … 7 = Sunday) the shift may be worked; `nil` means every day.
    public var weekdays: Set<Int>?
    /// Most agents that may start this template on one day of one channel (all starts and break
    /// placements together); `nil` means no limit.
    public var maxAgentsPerDay: Int?

    public init(
        name: String, lengthSeconds: Int, earliestStartSeconds: Int = 0, latestStartSeconds: Int = 86_400 - 1800,
        startEverySeconds: Int = 1800, costPerHour: Double = 1, breakRule: BreakRule? = nil,
        weekdays: Set<Int>? = nil, maxAgentsPerDay: Int? = nil
    ) {
        self.name = name
        self.lengthSeconds = lengthSeconds
        self.earliestStartSeconds = earliestStartSeconds
        self.latestStartSeconds = latestStartSeconds
        self.startEverySeconds = startEverySeconds
        self.costPerHour = costPerHour
        self.breakRule = breakRule
        self.weekdays = weekdays
        self.maxAgentsPerDay = maxAgentsPerDay
    }

    /// Hours paid for one agent working this shift: the length less an unpaid break.
    public var paidHours: Double {
        let unpaid = (breakRule?.paid ?? true) ? 0 : breakRule?.lengthSeconds ?? 0
        return Double(lengthSeconds - unpaid) / 3600
    }

    /// Checks the template against an interval length (`intervalSeconds`) and the longest day it
    /// may be placed in, naming the first rule it breaks.
    public func validate(intervalSeconds: Int, longestDaySeconds: Int = 90_000) throws(SchedulingError) {
        func bad(_ message: String) -> SchedulingError { .invalidTemplate(name: name, message) }
        guard intervalSeconds > 0 else {
            throw .invalidRequirement("the interval must be positive, got \(intervalSeconds) s")
        }
        guard lengthSeconds > 0 else { throw bad("the length must be positive, got \(lengthSeconds) s") }
        guard lengthSeconds <= longestDaySeconds else {
            throw bad(
                "a \(Self.hours(lengthSeconds)) shift is longer than a day (\(Self.hours(longestDaySeconds)))"
            )
        }
        guard lengthSeconds % intervalSeconds == 0 else {
            throw bad(
                "the length \(Self.hours(lengthSeconds)) is not a whole number of \(intervalSeconds / 60)-minute intervals"
            )
        }
        guard startEverySeconds > 0, startEverySeconds % intervalSeconds == 0 else {
            throw bad(
                "starts every \(startEverySeconds) s is not a positive multiple of the \(intervalSeconds / 60)-minute interval"
            )
        }
        guard earliestStartSeconds >= 0, latestStartSeconds < 86_400, earliestStartSeconds % intervalSeconds == 0 else {
            throw bad("the start window must lie within the day on interval boundaries")
        }
        guard earliestStartSeconds <= latestStartSeconds else {
            throw bad(
                "the start window is empty: earliest \(ClockText.format(earliestStartSeconds)) is after latest \(ClockText.format(latestStartSeconds))"
            )
        }
        guard costPerHour.isFinite, costPerHour > 0 else {
            throw bad("the cost per hour must be a positive number, got \(costPerHour)")
        }
        if let weekdays {
            guard !weekdays.isEmpty, weekdays.allSatisfy({ (1...7).contains($0) }) else {
                throw bad("days allowed must be ISO weekdays 1 (Monday) … 7 (Sunday), at least one")
            }
        }
        if let maxAgentsPerDay, maxAgentsPerDay < 0 { throw bad("the daily headcount limit cannot be negative") }
        if let rule = breakRule {
            guard rule.lengthSeconds > 0, rule.lengthSeconds % intervalSeconds == 0 else {
                throw bad("the break length must be a positive whole number of intervals")
            }
            guard rule.earliestStartAfterShiftStart >= 0, rule.earliestStartAfterShiftStart % intervalSeconds == 0,
                rule.latestEndAfterShiftStart % intervalSeconds == 0
            else {
                throw bad("the break window must start and end on interval boundaries within the shift")
            }
            guard rule.latestEndAfterShiftStart <= lengthSeconds else {
                throw bad(
                    "the break window ends \(Self.hours(rule.latestEndAfterShiftStart)) after the start, outside a \(Self.hours(lengthSeconds)) shift"
                )
            }
            guard rule.latestEndAfterShiftStart - rule.earliestStartAfterShiftStart >= rule.lengthSeconds else {
                throw bad(
                    "a \(rule.lengthSeconds / 60)-minute break does not fit between \(Self.hours(rule.earliestStartAfterShiftStart)) and \(Self.hours(rule.latestEndAfterShiftStart)) after the start"
                )
            }
            guard rule.lengthSeconds < lengthSeconds else { throw bad("the break is as long as the shift") }
        }
    }

    static func hours(_ seconds: Int) -> String {
        seconds % 3600 == 0 ? "\(seconds / 3600) h" : "\(seconds / 60) min"
    }

}

/// One break per shift, placed by the solver at any interval boundary inside its window.
///
/// Example: a 30-minute break between the 3rd and 5th hour of an 8-hour shift is
/// `BreakRule(lengthSeconds: 1800, earliestStartAfterShiftStart: 7200, latestEndAfterShiftStart: 18_000)`.
/// Agents on break do not cover the intervals of their break.
public struct BreakRule: Sendable, Equatable {
    public var lengthSeconds: Int
    /// The break starts no earlier than this many seconds after the shift starts …
    public var earliestStartAfterShiftStart: Int
    /// … and ends no later than this many seconds after the shift starts.
    public var latestEndAfterShiftStart: Int
    /// A paid break counts in the agent-hours; an unpaid one does not.
    public var paid: Bool

    public init(
        lengthSeconds: Int, earliestStartAfterShiftStart: Int, latestEndAfterShiftStart: Int, paid: Bool = false
    ) {
        self.lengthSeconds = lengthSeconds
        self.earliestStartAfterShiftStart = earliestStartAfterShiftStart
        self.latestEndAfterShiftStart = latestEndAfterShiftStart
        self.paid = paid
    }

    /// The default rule of `staffcast schedule`: shifts of 6 hours or more get one unpaid
    /// 30-minute break starting at least 2 hours in and ending at least 2 hours before the end.
    public static func standard(forShiftSeconds length: Int) -> BreakRule? {
        guard length >= 6 * 3600 else { return nil }
        return BreakRule(
            lengthSeconds: 1800, earliestStartAfterShiftStart: 7200, latestEndAfterShiftStart: length - 7200)
    }
}
