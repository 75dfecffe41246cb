import Queueing

/// Scheduled agents against the requirement in one interval, re-scored by the queueing model.
public struct CoverageScore: Sendable, Equatable {
    public var instant: Int64
    public var channel: String
    public var required: Int
    public var scheduled: Int
    /// Expected service level with the scheduled agents (net of shrinkage and breaks), if known.
    public var serviceLevel: Double?
    /// Of `scheduled`, the heads the previous week's shifts bring (its Sunday-night shifts).
    public var carriedIn = 0

    public init(instant: Int64, channel: String, required: Int, scheduled: Int, serviceLevel: Double?) {
        self.instant = instant
        self.channel = channel
        self.required = required
        self.scheduled = scheduled
        self.serviceLevel = serviceLevel
    }

    /// Scheduled minus required heads: negative where the shifts fall short.
    public var gap: Int { scheduled - required }
}

/// The one scorer of a schedule's coverage, for `plan` and `schedule` alike: the service level an
/// interval gets from the heads the shifts put on it (breaks already taken out), net of shrinkage
/// (`Headcount.productive`, the exact inverse of the headcount ceiling), by the channel's own
/// model (`ChannelStaffing.metrics`: Erlang C, Erlang A with a patience, or the chat model).
/// Deferred work has no per-interval service level: its deadline is met when every interval is
/// covered, so it scores nil.
public enum CoverageScorer {
    /// The expected service level of `scheduled` heads for `contacts` (the forecast mean) at
    /// `ahtSeconds`.
    public static func serviceLevel(
        scheduled: Int, contacts: Double, ahtSeconds: Double, intervalSeconds: Int,
        kind: ChannelKind, target: StaffingTarget
    ) -> Double? {
        let onPhones = Headcount.productive(heads: scheduled, shrinkage: target.shrinkage)
        return ChannelStaffing.metrics(
            contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds,
            agents: onPhones, kind: kind, target: target)?.serviceLevel
    }
}
