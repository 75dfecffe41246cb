import Queueing

/// Why an interval's staffing does not follow the channel's targets.
public enum StaffingRule: String, Sendable, Equatable {
    /// Fewer contacts than the channel's minimum volume: treated as closed.
    case belowMinimumClosed = "below minimum volume: closed"
    /// Fewer contacts than the minimum volume: the fixed night cover.
    case belowMinimumCover = "below minimum volume: night cover"
}

/// One interval of one channel, staffed.
public struct RequirementRow: Sendable, Equatable {
    public var instant: Int64
    public var channel: String
    /// Contacts the interval was staffed for (the mean, or the chosen quantile).
    public var contacts: Double
    /// The forecast mean, when staffing was to a higher quantile.
    public var meanContacts: Double
    public var ahtSeconds: Double
    public var staffing: Staffing
    /// Expected service level if the mean forecast arrives with `staffing.agents` agents.
    public var serviceLevelAtMean: Double
    /// Deferred work only: contacts waiting at the end of the interval (nil for a queued channel).
    public var backlog: Double?
    /// Deferred work only: age in seconds of the oldest contact waiting at the end of the interval.
    public var oldestAgeSeconds: Double?

    /// Why the interval was staffed other than by its targets, if it was.
    public var rule: StaffingRule? = nil

    /// True for a deferred-work row (email): staffed to a deadline, no ASA.
    public var isDeferred: Bool { backlog != nil }

    public init(
        instant: Int64, channel: String, contacts: Double, meanContacts: Double, ahtSeconds: Double,
        staffing: Staffing, serviceLevelAtMean: Double, backlog: Double? = nil, oldestAgeSeconds: Double? = nil
    ) {
        self.instant = instant
        self.channel = channel
        self.contacts = contacts
        self.meanContacts = meanContacts
        self.ahtSeconds = ahtSeconds
        self.staffing = staffing
        self.serviceLevelAtMean = serviceLevelAtMean
        self.backlog = backlog
        self.oldestAgeSeconds = oldestAgeSeconds
    }
}
