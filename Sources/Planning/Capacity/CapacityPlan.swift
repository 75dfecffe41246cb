import Forecasting
import StaffcastCore

/// A capacity plan: per channel and week the forecast with its range, the FTE required at p50
/// and p80, the FTE available, and the hires that close the gap (``CapacityPlanner``).
public struct CapacityPlan: Sendable {
    /// One channel in one week.
    public struct Row: Sendable, Equatable {
        public var week: PlanWeek
        public var channel: String
        /// Contacts in the week: the forecast mean and the week's 80 % / 95 % range (``WeeklyBand``).
        public var forecast: Double
        public var lo80: Double, hi80: Double, lo95: Double, hi95: Double
        public var requiredP50: Double
        public var requiredP80: Double
        /// Required at the quantile the hiring plan closes the gap at.
        public var required: Double
        /// FTE available with the hires already planned.
        public var available: Double
        /// FTE available with the recommended hires too.
        public var availableWithHires: Double

        /// Required minus available (positive: short), at the hiring quantile.
        public var gap: Double { required - available }
        public var gapWithHires: Double { required - availableWithHires }
    }

    /// A cohort of hires (planned in the config or recommended), or the weeks no hire can reach.
    public struct Hiring: Sendable, Equatable {
        public var channel: String
        public var startWeek: PlanWeek?
        public var count: Int = 0
        public var fte: Double = 0
        /// The first week the cohort takes contacts (after training), within the horizon.
        public var firstContactsWeek: PlanWeek?
        /// The first week at full output (after ramp-up), within the horizon.
        public var fullOutputWeek: PlanWeek?
        /// The week whose gap made the plan recommend the cohort.
        public var forWeek: PlanWeek?
        public var planned: Bool = false
        /// Weeks left short because a hire started today would still be training.
        public var tooLate: [PlanWeek] = []

        init(
            channel: String, startWeek: PlanWeek, count: Int, fte: Double, firstContactsWeek: PlanWeek?,
            fullOutputWeek: PlanWeek?, forWeek: PlanWeek?, planned: Bool
        ) {
            self.channel = channel
            self.startWeek = startWeek
            self.count = count
            self.fte = fte
            self.firstContactsWeek = firstContactsWeek
            self.fullOutputWeek = fullOutputWeek
            self.forWeek = forWeek
            self.planned = planned
        }

        init(channel: String, tooLate: [PlanWeek]) {
            self.channel = channel
            self.tooLate = tooLate
        }
    }

    public var config: PlanConfig
    public var settings: CapacitySettings
    public var weeks: [PlanWeek]
    public var origin: Int64
    /// Channel by channel (the history's order), week by week.
    public var rows: [Row]
    public var hiring: [Hiring]
    /// The forecast model of each channel (chosen by backtest with `"model": "auto"`).
    public var models: [String: String] = [:]
    /// What each channel's model was chosen on (its backtest score and the runner-up's).
    public var choices: [String: ModelChoice] = [:]
    public var inputs: [PlanInput]
    public var warnings: [String]

    public var channels: [String] {
        var seen: [String] = []
        for row in rows where !seen.contains(row.channel) { seen.append(row.channel) }
        return seen
    }
}
