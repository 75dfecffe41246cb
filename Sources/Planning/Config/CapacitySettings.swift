import StaffcastCore

/// The team a capacity plan counts on (config `"capacity"`), per skill (channel), in FTE of
/// `fte_hours_per_week` contract hours:
///
/// ```json
/// "capacity": { "headcount": {"phone": 38, "chat": 20}, "attrition_per_week": 0.004,
///               "training_weeks": 3, "ramp_up": [0.5, 0.75], "hire_fte": 0.8, "hire_every_weeks": 4, "quantile": "p80",
///               "shrinkage_by_month": {"11": 0.33, "12": 0.36},
///               "hires": [{"channel": "phone", "start": "2025-10-06", "count": 6}] }
/// ```
///
/// A new hire trains for `training_weeks` weeks (no contacts), then works at `ramp_up[0]`,
/// `ramp_up[1]`, … of a full agent's output for one week each, then fully. Every agent, old or
/// new, leaves at `attrition_per_week` (a share of those still there each week).
public struct CapacitySettings: Sendable, Equatable {
    /// Productive FTE per channel at the start of the first planned week.
    public var headcount: [String: Double]
    /// Share of agents leaving per week, in [0, 1).
    public var attritionPerWeek: Double = 0
    public var trainingWeeks: Int = 0
    /// Output of a new hire in each week after training, as a share of a full agent (each in (0, 1]).
    public var rampUp: [Double] = []
    /// FTE of one hire (a 32-hour contract against 40 hours a week is 0.8).
    public var hireFTE: Double = 1
    /// New hires start in classes: only every this many weeks from the first planned week (1: any week).
    public var hireEveryWeeks: Int = 1
    /// The quantile the hiring plan closes the gap at.
    public var quantile: StaffTo = .p80
    /// Shrinkage per calendar month (1–12) replacing each channel's own in that month.
    public var shrinkageByMonth: [Int: Double] = [:]
    /// Hires already decided.
    public var hires: [PlannedHire] = []

    public init(headcount: [String: Double]) { self.headcount = headcount }

    /// A new hire's output `weeksSinceStart` weeks after their start week (0 in it), before attrition.
    public func productivity(weeksSinceStart k: Int) -> Double {
        if k < trainingWeeks { return 0 }
        let ramp = k - trainingWeeks
        return ramp < rampUp.count ? rampUp[ramp] : 1
    }

    /// Weeks from a hire's start until they work at full output.
    public var weeksToFullOutput: Int { trainingWeeks + rampUp.count }
}

/// Hires already decided: `count` people on `channel` starting on `start` (a local date; they
/// count from the planning week holding it).
public struct PlannedHire: Sendable, Equatable {
    public var channel: String
    public var start: CivilDate
    public var count: Int

    public init(channel: String, start: CivilDate, count: Int) {
        self.channel = channel
        self.start = start
        self.count = count
    }
}
