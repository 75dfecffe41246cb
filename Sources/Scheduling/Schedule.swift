import StaffcastCore

/// Agents starting one shift at one time with one break placement.
public struct ScheduledShift: Sendable, Equatable {
    public var channel: String
    /// Local date of the day the shift belongs to.
    public var date: CivilDate
    public var template: String
    /// UTC instants (seconds since 1970).
    public var start: Int64
    public var end: Int64
    public var breakStart: Int64?
    public var breakEnd: Int64?
    public var agents: Int
    /// Paid hours of one agent on this shift (the length less an unpaid break).
    public var paidHoursPerAgent: Double
    /// With weekly tours, the tour these agents work, e.g. `8h 08:00 off Sat-Sun` (template, start
    /// time, days off): the same agents appear on each of its working days. `nil` for daily shifts.
    public var tour: String? = nil
}

/// Required versus scheduled agents in one interval; `scheduled` counts agents at work, not on break.
public struct CoverageRow: Sendable, Equatable {
    public var instant: Int64
    public var channel: String
    public var required: Int
    public var scheduled: Int
    /// `scheduled − required`: negative where the schedule falls short, positive where it over-covers.
    public var gap: Int { scheduled - required }
}

/// An interval the schedule leaves short.
public struct UncoveredInterval: Sendable, Equatable {
    public var instant: Int64
    public var channel: String
    public var required: Int
    public var scheduled: Int
    public var shortfall: Int { required - scheduled }
    /// True when no template can work this interval at all (start windows, days allowed,
    /// day length); false when only headcount limits stop it.
    public var unreachable: Bool
}

/// The solver's answer: shifts, coverage and how close to optimal it is.
public struct Schedule: Sendable, Equatable {
    public var shifts: [ScheduledShift]
    /// One row per interval of every requirement day, in channel then time order.
    public var coverage: [CoverageRow]
    /// Intervals where `scheduled < required` (empty when fully covered).
    public var uncovered: [UncoveredInterval]
    /// Paid agent-hours of the schedule.
    public var agentHours: Double
    /// Σ cost per hour × paid hours: the objective (equal to `agentHours` when every cost is 1).
    public var cost: Double
    /// Optimum of the LP relaxation (objective units), summed over days and channels.
    public var lpOptimum: Double
    /// Lower bound on the cost of any integer schedule with no more shortfall than the LP's:
    /// per day and channel, the LP optimum rounded up when every shift's cost is a whole number.
    public var lowerBound: Double
    /// Interval-agents the LP relaxation could not cover (0 when full coverage is possible).
    public var lpShortfall: Double
    /// `(cost − lowerBound) / lowerBound` (0 for an empty requirement).
    public var gap: Double {
        lowerBound > 0 ? (cost - lowerBound) / lowerBound : 0
    }
    /// Simplex pivots over all blocks, for benchmarks.
    public var pivots: Int
    /// Per channel: the cost of its shifts and its lower bound (the gap of each channel apart).
    public var channels: [String: ChannelBound] = [:]

    public struct ChannelBound: Sendable, Equatable {
        public var cost = 0.0
        public var lowerBound = 0.0
        public var gap: Double { lowerBound > 0 ? (cost - lowerBound) / lowerBound : 0 }

        public init(cost: Double = 0, lowerBound: Double = 0) {
            self.cost = cost
            self.lowerBound = lowerBound
        }
    }

    public init(
        shifts: [ScheduledShift], coverage: [CoverageRow], uncovered: [UncoveredInterval], agentHours: Double,
        cost: Double, lpOptimum: Double, lowerBound: Double, lpShortfall: Double, pivots: Int
    ) {
        self.shifts = shifts
        self.coverage = coverage
        self.uncovered = uncovered
        self.agentHours = agentHours
        self.cost = cost
        self.lpOptimum = lpOptimum
        self.lowerBound = lowerBound
        self.lpShortfall = lpShortfall
        self.pivots = pivots
    }

    public var isFullyCovered: Bool { uncovered.isEmpty }
    public var totalShortfall: Int { uncovered.reduce(0) { $0 + $1.shortfall } }
}
