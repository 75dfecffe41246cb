import StaffcastCore

/// Required agents of one channel, day by day: a 23- or 25-hour DST day simply has 46 or 50
/// half-hour slots. A channel that needs agents around midnight is scheduled over all its days at
/// once, so that a night shift may run into the next day (see ``ShiftScheduler``); the others
/// day by day.
public struct ChannelRequirement: Sendable, Equatable {
    public var channel: String
    /// Length of one interval (slot) in seconds, e.g. 1800.
    public var intervalSeconds: Int
    public var days: [DayRequirement]

    public init(channel: String, intervalSeconds: Int, days: [DayRequirement]) {
        self.channel = channel
        self.intervalSeconds = intervalSeconds
        self.days = days
    }
}

/// One local day of one channel: the headcount required in each of its consecutive intervals.
public struct DayRequirement: Sendable, Equatable {
    /// The local calendar date (its weekday decides which templates may work it).
    public var date: CivilDate
    /// UTC instant (seconds since 1970) at which slot 0 begins: the local midnight.
    public var startInstant: Int64
    /// Required agents per slot, slot `k` starting at `startInstant + k · intervalSeconds`.
    public var required: [Int]
    /// Local wall-clock seconds after midnight of each slot, for the templates' start windows;
    /// `nil` means `k · intervalSeconds` (a day without a clock change).
    public var wallClockSeconds: [Int]?
    /// Whether shifts may start on this day. False for the day after the period: its early hours
    /// are there for the period's own late shifts to reach, the rest of it is the next period's.
    public var shiftsMayStart = true
    /// Whether this day's coverage is part of the result. False for the days around the period that
    /// only give context: the day after (see `shiftsMayStart`) and the day before, from which a
    /// night shift may reach into the period when no earlier plan covers its first night.
    public var isReported = true

    public init(date: CivilDate, startInstant: Int64, required: [Int], wallClockSeconds: [Int]? = nil) {
        self.date = date
        self.startInstant = startInstant
        self.required = required
        self.wallClockSeconds = wallClockSeconds
    }

    /// The day of `date` in `calendar` with `required` per slot from local midnight: the slot
    /// count must match the day's length (46 or 50 half-hours on DST days).
    public init(date: CivilDate, calendar: PlanningCalendar, intervalSeconds: Int, required: [Int]) {
        let start = calendar.startOfDay(date)
        self.date = date
        self.startInstant = start
        self.required = required
        self.wallClockSeconds = required.indices.map { k in
            calendar.local(start + Int64(k * intervalSeconds)).secondsOfDay
        }
    }

    public func wallClock(_ slot: Int, intervalSeconds: Int) -> Int {
        wallClockSeconds?[slot] ?? slot * intervalSeconds
    }
}
