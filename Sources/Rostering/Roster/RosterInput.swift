import Scheduling
import StaffcastCore

/// Everything a roster is made from: the team and their requests, the per-channel, per-interval
/// requirement (as ``Scheduling`` computes it), the shift templates, the previous week's last
/// shifts and the weights of the objective.
public struct RosterInput: Sendable {
    public var team: [Agent]
    public var requests: [AgentRequest]
    /// One per channel; all with the same interval and the same consecutive days.
    public var requirements: [ChannelRequirement]
    public var templates: [ShiftTemplate]
    public var previousShifts: [PreviousShift]
    /// Channels whose work may wait (e-mail): channel → deadline in seconds. Their requirement may
    /// be served by agents idle on their own channel any time until the deadline.
    public var deferredChannels: [String: Int]
    public var weights: RosterWeights
    /// Least rest between two shifts, seconds (11 h).
    public var minimumRestSeconds: Int
    /// Ruin-and-recreate moves after the first roster (the search is deterministic: no clock).
    public var moves: Int
    public var seed: UInt64
    /// The search's time limit in seconds, counted from its start; nil: the moves alone bound it.
    /// The first roster (every agent placed once, a week at a time in a longer period) is always
    /// finished; the improving moves stop at the limit, so the result then depends on the
    /// machine's speed, not only on `moves`.
    public var seconds: Double? = nil
    /// Every channel the plan has (its config's), also those that need nobody this period; nil:
    /// the requirement's. A skill outside them is a mistake in the team file, named by its cell.
    public var knownChannels: [String]? = nil
    /// Working-time rules kept as hard rules (``WorkingTimeRules``); nil: none beyond the
    /// agents' own and the 11 h rest. With rules the rest between shifts is theirs
    /// (`dailyRestSeconds`, in real hours) instead of `minimumRestSeconds`.
    public var workingTimeRules: WorkingTimeRules? = nil
    /// The days of this period an earlier publication gave the agents (``PublishedDay``): kept as
    /// published, a change costing `weights.publishedChange` (so one is made only where it buys
    /// more cover than that), except where the published shift can no longer be worked (a new
    /// unavailability, changed templates or limits). The first roster starts from them as they are.
    public var published: [PublishedDay] = []

    public init(
        team: [Agent], requests: [AgentRequest] = [], requirements: [ChannelRequirement], templates: [ShiftTemplate],
        previousShifts: [PreviousShift] = [], deferredChannels: [String: Int] = [:],
        weights: RosterWeights = RosterWeights(),
        minimumRestSeconds: Int = 11 * 3600, moves: Int? = nil, seed: UInt64 = 1
    ) {
        self.team = team
        self.requests = requests
        self.requirements = requirements
        self.templates = templates
        self.previousShifts = previousShifts
        self.deferredChannels = deferredChannels
        self.weights = weights
        self.minimumRestSeconds = minimumRestSeconds
        self.moves = moves ?? 30 * team.count
        self.seed = seed
    }
}

/// The objective's weights, per agent-hour where coverage is concerned.
public struct RosterWeights: Sendable, Equatable {
    /// Per agent-hour short of the requirement (per channel: `underCoverByChannel` overrides).
    public var underCover = 100.0
    public var underCoverByChannel: [String: Double] = [:]
    /// Per agent-hour above the requirement (an agent with nothing to do).
    public var overCover = 5.0
    /// Fairness: Σ over agents of weight × (weekend days worked)², and × (evening shifts)².
    public var weekendFairness = 4.0
    public var eveningFairness = 2.0
    /// A shift ending after this local time is an evening shift.
    public var eveningEndsAfterSeconds = 20 * 3600
    /// Per change of channel inside a shift.
    public var channelSwitch = 3.0
    /// Per agent-hour spent on a channel one preference level below the agent's first choice.
    public var preferenceStep = 0.5
    /// Per published day changed (``RosterInput/published``): ten agent-hours of under-cover,
    /// more than a whole shift's, so a published day changes when the rules force it (a new
    /// unavailability and what must move with it), not to trade cover between weeks or for
    /// fairness; what the absence leaves short is reported with its cause for the planner to fill.
    /// (The Working Hours Act lets an employer change a published roster only for unforeseen
    /// circumstances.)
    public var publishedChange = 1000.0

    public init() {}

    func underCover(_ channel: String) -> Double { underCoverByChannel[channel] ?? underCover }
}
