import StaffcastCore

/// One agent of the team, as the team CSV gives them.
public struct Agent: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Channels the agent may work, most preferred first; agents take channels in this order
    /// when several need them (equal `rank`s are equally preferred).
    public var skills: [Skill]
    /// Contract hours per week, least and most (paid hours: unpaid breaks excluded).
    public var minHoursPerWeek: Double
    public var maxHoursPerWeek: Double
    /// Most shifts in the period (nil: one a day at most, nothing more).
    public var maxShifts: Int?
    public var maxDaysInARow: Int
    public var minDaysOffInARow: Int
    /// Most weekends (Saturday or Sunday worked) in the period.
    public var maxWeekends: Int
    /// Earliest shift start and latest shift end, local seconds after midnight.
    public var earliestStartSeconds: Int
    public var latestEndSeconds: Int
    /// Where the agent's skills were read (the team file's cell), for an error about them.
    public var skillsLocation: SourceLocation? = nil

    public init(
        id: String, name: String, skills: [Skill], minHoursPerWeek: Double, maxHoursPerWeek: Double,
        maxShifts: Int? = nil, maxDaysInARow: Int = 5, minDaysOffInARow: Int = 1, maxWeekends: Int = 1,
        earliestStartSeconds: Int = 0, latestEndSeconds: Int = 86_400
    ) {
        self.id = id
        self.name = name
        self.skills = skills
        self.minHoursPerWeek = minHoursPerWeek
        self.maxHoursPerWeek = maxHoursPerWeek
        self.maxShifts = maxShifts
        self.maxDaysInARow = maxDaysInARow
        self.minDaysOffInARow = minDaysOffInARow
        self.maxWeekends = maxWeekends
        self.earliestStartSeconds = earliestStartSeconds
        self.latestEndSeconds = latestEndSeconds
    }

    public func rank(of channel: String) -> Int? { skills.first { $0.channel == channel }?.rank }

    /// Whether the agent's start and end times allow a shift from `start` to `end` (local seconds
    /// after the midnight it starts from; past 86,400 on the next day). A window whose latest end
    /// is not after its earliest start runs past midnight (22:00–08:30: nights; 07:00–07:00: any
    /// shift starting from 07:00 and ending by 07:00 the next day).
    func mayWork(start: Int, end: Int) -> Bool {
        let latest = latestEndSeconds > earliestStartSeconds ? latestEndSeconds : latestEndSeconds + 86_400
        return start >= earliestStartSeconds && end <= latest
    }

    /// Whether `clock` (local seconds after midnight) lies inside the agent's window.
    func mayWorkAt(_ clock: Int) -> Bool {
        latestEndSeconds > earliestStartSeconds
            ? clock >= earliestStartSeconds && clock < latestEndSeconds
            : clock >= earliestStartSeconds || clock < latestEndSeconds
    }
}

/// A channel an agent may work and how much they prefer it (0 = first choice).
public struct Skill: Sendable, Equatable {
    public var channel: String
    public var rank: Int

    public init(channel: String, rank: Int) {
        self.channel = channel
        self.rank = rank
    }
}

/// What an agent asks for one date. `unavailable` is hard; the others cost `weight` when not met.
public struct AgentRequest: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The agent cannot work that day (hard).
        case unavailable
        /// The agent wants to work that day / not to work that day.
        case wantDay = "want_day"
        case avoidDay = "avoid_day"
        /// The agent wants a shift lying within `window` / no shift overlapping `window`.
        case wantShift = "want_shift"
        case avoidShift = "avoid_shift"
    }

    public var agent: String
    public var date: CivilDate
    public var kind: Kind
    /// Local seconds after midnight, start and end, for the shift kinds.
    public var window: ClosedRange<Int>?
    public var weight: Double

    public init(agent: String, date: CivilDate, kind: Kind, window: ClosedRange<Int>? = nil, weight: Double = 0) {
        self.agent = agent
        self.date = date
        self.kind = kind
        self.window = window
        self.weight = weight
    }
}

/// The last shift an agent worked before the period, for the rest and days-in-a-row rules
/// across the week boundary.
public struct PreviousShift: Sendable, Equatable {
    public var agent: String
    /// UTC instant (seconds since 1970) the shift ended.
    public var end: Int64
    /// Days worked in a row up to and including that shift's day.
    public var daysInARow: Int

    /// The shift's start (UTC seconds); the end when not known.
    public var start: Int64
    /// The date the shift belongs to (the day it starts); nil: the days before the period are
    /// counted from its end. A night shift dated Saturday that ends on Sunday morning leaves
    /// Sunday a day off: only the date says so.
    public var date: CivilDate? = nil
    /// For the working-time rules: whether it was a night shift, ending after 02:00, how many
    /// night shifts in a row it ended, and whether the run of days worked held a night shift.
    public var night = false
    public var endsLate = false
    public var nightsInARow = 0
    public var runHasNight = false

    public init(agent: String, end: Int64, daysInARow: Int, start: Int64? = nil) {
        self.agent = agent
        self.end = end
        self.daysInARow = daysInARow
        self.start = start ?? end
    }
}
