import Forecasting
import Queueing
import StaffcastCore

/// One input of a plan, as the manifest records it.
public struct PlanInput: Sendable, Equatable {
    /// `config`, `history` or `events`.
    public var role: String
    /// The path as the planner wrote it (the config by its file name).
    public var path: String
    /// SHA-256 of the bytes the run read and parsed, lower-case hex.
    public var sha256: String
    /// False for a pipe or standard input: the bytes hashed were read once and cannot be re-read.
    public var regular: Bool = true
}

/// Everything the plan decided for one channel.
public struct ChannelPlan: Sendable {
    public var channel: String
    public var policy: ChannelPolicy
    /// The forecast of the planned week's open intervals (the model that made it in `forecast.model`).
    public var forecast: Forecast
    /// The AHT forecast per forecast interval, when the history has AHT.
    public var forecastAHT: [Double]?
    /// Whether the channel was staffed with `forecastAHT` rather than the configured AHT.
    public var staffedWithForecastAHT: Bool
    /// The backtest of every candidate model.
    public var scores: [ModelScore]
    /// The events and holidays the model applied in the week.
    public var eventsInForce: [String]
    /// How each holiday of the week was forecast, and on what evidence (an unseen one is kept open).
    public var holidays: [HolidayDecision]
    /// What the models treated specially in the history: outages, glitch days, recording gaps,
    /// level shifts.
    public var anomalies: [ForecastAnomaly]
    public var requirements: [RequirementRow]
    /// The two weeks of known history before the origin (interval starts and volumes), for the report.
    public var recentInstants: [Int64]
    public var recentValues: [Double]
    /// Actual volumes of the forecast intervals where the history already has them (a past week).
    public var actuals: [Double?]
    /// The requirement past the week's end that its Sunday-night shifts reach (a channel that
    /// needs agents at midnight); not published, the next week plans it.
    public var after: [RequirementRow] = []
    /// Deferred work only: what the week starts with, carried from the week before, oldest first
    /// (each with its arrival and its due interval on the week's grid).
    public var openingBacklog: [WaitingWork] = []
    /// What `auto` chose on: the score of the chosen candidate and of the runner-up.
    public var choice: ModelChoice? = nil
}

/// A scenario's staffing of one channel (`scenarios.csv`).
public struct ScenarioStaffing: Sendable, Equatable {
    /// `baseline` for the plan itself.
    public var scenario: String
    public var channel: String
    public var contacts: Double
    /// Σ headcount × interval length.
    public var agentHoursRequired: Double
    public var headcountPeak: Int
}

/// The weekly plan: forecast, requirements, schedule, coverage and KPIs, with what the manifest
/// records. `Reports` renders it; the command line publishes it.
public struct WeeklyPlan: Sendable {
    public var config: PlanConfig
    public var week: PlanWeek
    public var intervalSeconds: Int
    /// The forecast origin: the end of the history, or the week's start when the history reaches into it.
    public var origin: Int64
    /// Every channel of the history, in its order.
    public var channels: [ChannelPlan]
    public var shifts: ShiftCover.Result
    public var daily: [DailyStaffing]
    /// The week's figures per channel and together.
    public var kpis: WeekKPIs
    /// Baseline rows first, then each scenario's; empty without scenarios.
    public var scenarios: [ScenarioStaffing]
    /// The roster of named agents when the config names a team (``RosterStage``).
    public var roster: RosterStage.Result? = nil
    /// The published plan of the week before, when it was read: its shifts that run into this week.
    public var previousWeek: PreviousWeek? = nil
    public var inputs: [PlanInput]
    /// Accepted oddities the planner should know of (history warnings, a far horizon, shortfalls).
    public var warnings: [String]

    public var calendar: PlanningCalendar { config.calendar }
    public var requirements: [RequirementRow] { channels.flatMap(\.requirements) }
}
