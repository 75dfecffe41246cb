import Forecasting
import Queueing
import StaffcastCore

/// A published week against what happened (`staffcast review`): forecast accuracy, the service
/// the published schedule (or roster) gave on the actual arrivals, and over/under-staffing.
///
/// - Accuracy per channel and local day and for the week, over the intervals with a known actual
///   that the plan forecast or that had contacts: WAPE = Σ|a − f| / Σa, bias = Σ(f − a) / Σa
///   (positive: over-forecast), and the share of those intervals whose actual lies inside the
///   80 % and 95 % prediction bands (bounds included).
/// - Service: queued channels replay the actual counts (`SimulationSetup.Arrivals.replay`: each
///   interval's exact count at uniform random times) through `Simulator` against the scheduled
///   heads net of shrinkage (`Headcount.productive`, as `CoverageScorer` counts them), with the
///   actual handle time per interval where the actuals have `aht_seconds`, else the plan's
///   (requirements.csv), exponential around it, the plan's patience and threshold T; each channel
///   seeded as `simulate` seeds it, so `simulate --replay` on the same arrivals and agents gives
///   the same figures. Intervals of the span without an actual are replayed empty. Chat channels
///   (the simulator serves one contact per agent) are scored by the chat model instead
///   (`CoverageScorer`), and deferred work by the share handled within its deadline in a fluid
///   first-in-first-out replay (`ReviewMeasures.withinDeadline`).
/// - Staffing: per interval, productive scheduled agents minus the agents the actuals needed
///   (`RequirementPlanner.staffInterval` on the actual volume and handle time at the plan's
///   target, as `staff` computes them; deferred work: `DeferredPlanner` on the actual arrivals,
///   opening empty); over = Σ max(gap, 0) × interval hours, under = Σ max(−gap, 0) × interval hours.
public enum Review {
    public struct Options: Sendable {
        public var seed: UInt64
        public var replications: Int
        public init(seed: UInt64 = 1, replications: Int = 10) {
            self.seed = seed
            self.replications = replications
        }
    }

    /// How a channel's service level was obtained.
    public enum ServiceMeasure: String, Sendable {
        case simulated
        case chatModel = "chat model"
        case withinDeadline = "within deadline"
    }

    public struct Interval: Sendable, Equatable {
        public var instant: Int64
        public var channel: String
        /// The plan's forecast (0 with no row: an interval the plan had closed).
        public var forecast: Double
        public var lo80, hi80, lo95, hi95: Double
        public var inPlan: Bool
        /// nil: the actuals do not know the interval.
        public var actual: Double?
        /// The handle time replayed: the actual's where known, else the plan's.
        public var ahtSeconds: Double
        public var actualAHT: Bool
        public var scheduledHeads: Int
        /// Heads net of shrinkage.
        public var scheduledAgents: Int
        /// The agents the actual volume needed at the plan's target; nil without an actual.
        public var requiredAgents: Int?
        /// Contacts arriving in the interval answered within T (deferred: within the deadline)
        /// ÷ offered (deferred: settled); nil when nothing was offered.
        public var serviceLevel: Double?
        /// For pooling: offered (deferred: settled) and in time, means per replication.
        public var offered: Double
        public var inTime: Double
        /// Whether the interval enters the accuracy and staffing figures.
        public var reviewed: Bool { actual != nil && (inPlan || (actual ?? 0) > 0) }
    }

    public struct Summary: Sendable, Equatable {
        public var channel: String
        /// nil: the week.
        public var date: CivilDate?
        public var forecast: Double
        public var actual: Double
        /// Intervals reviewed (with a known actual).
        public var intervals: Int
        public var wape: Double?
        public var bias: Double?
        public var coverage80: Double?
        public var coverage95: Double?
        public var serviceLevel: Double?
        public var overAgentHours: Double
        public var underAgentHours: Double
    }

    public struct ChannelReview: Sendable {
        public var channel: String
        public var measure: ServiceMeasure
        /// The plan's service-level goal (fraction) and threshold T in seconds; nil for deferred work.
        public var targetLevel: Double?
        public var targetSeconds: Double?
        public var intervals: [Interval]
        public var days: [Summary]
        public var week: Summary
        /// The week's simulated service level with its 95 % confidence interval over replications.
        public var weekLevel: ConfidenceInterval?
    }

    public struct Result: Sendable {
        public var label: String
        public var calendar: PlanningCalendar
        public var intervalSeconds: Int
        public var replications: Int
        public var channels: [ChannelReview]
        /// What a reader should know: intervals without actuals, assumptions.
        public var notes: [String]
    }

    public static func run(
        plan: PublishedPlan, actuals: ContactHistory, actualsPath: String,
        options: Options = Options()
    ) throws(PlanningError) -> Result {
        try check(plan: plan, actuals: actuals, actualsPath: actualsPath)
        var notes: [String] = []
        var channels: [ChannelReview] = []
        for channel in plan.channels {
            guard let series = actuals.series(for: channel.name) else { continue }
            let review = try reviewChannel(channel, series: series, plan: plan, options: options, notes: &notes)
            channels.append(review)
        }
        return Result(
            label: plan.label, calendar: plan.calendar, intervalSeconds: plan.intervalSeconds,
            replications: options.replications, channels: channels, notes: notes)
    }

    /// Refuses actuals of other channels, another interval, or another week, saying which.
    static func check(plan: PublishedPlan, actuals: ContactHistory, actualsPath: String) throws(PlanningError) {
        try checkChannels(plan: plan, actuals: actuals, actualsPath: actualsPath)
        let week = "\(plan.label) (\(plan.calendar.format(plan.weekStart)) to \(plan.calendar.format(plan.weekEnd)))"
        for series in actuals.series {
            let instants = series.contacts.indices.filter { series.contacts[$0] != nil }.map(series.instant(at:))
            guard instants.contains(where: { $0 >= plan.weekStart && $0 < plan.weekEnd }) else {
                let span =
                    instants.first.map {
                        "run from \(plan.calendar.format($0)) to \(plan.calendar.format((instants.last ?? $0) + Int64(series.intervalSeconds)))"
                    }
                    ?? "have no known interval"
                throw .badData(
                    "\(actualsPath): the actuals of \(series.channel) \(span), none in the plan's week \(week)")
            }
        }
    }

    /// Refuses actuals whose channels are not the plan's (naming the missing and the extra ones)
    /// or whose interval is not the plan's.
    static func checkChannels(plan: PublishedPlan, actuals: ContactHistory, actualsPath: String) throws(PlanningError) {
        let planned = plan.channels.map(\.name)
        let missing = planned.filter { actuals.series(for: $0) == nil }
        let extra = actuals.channels.filter { !planned.contains($0) }
        if !missing.isEmpty || !extra.isEmpty {
            var message =
                "\(actualsPath): the channels do not match plan \(plan.label) (\(planned.joined(separator: ", ")))"
            if !missing.isEmpty { message += "; no actuals for \(missing.joined(separator: ", "))" }
            if !extra.isEmpty {
                message +=
                    "; not in the plan: \(extra.joined(separator: ", ")) (rename them with --channel-name or --channel-map, or leave them out)"
            }
            throw .badData(message)
        }
        guard actuals.intervalSeconds == plan.intervalSeconds else {
            throw .badData(
                "\(actualsPath): \(Durations.format(actuals.intervalSeconds)) intervals, the plan's are \(Durations.format(plan.intervalSeconds))"
            )
        }
    }

    static func reviewChannel(
        _ channel: PublishedPlan.Channel, series: IntervalSeries, plan: PublishedPlan, options: Options,
        notes: inout [String]
    ) throws(PlanningError) -> ChannelReview {
        let step = Int64(plan.intervalSeconds)
        let known = series.contacts.indices.filter { series.contacts[$0] != nil }.map(series.instant(at:))
            .filter { $0 >= plan.weekStart && $0 < plan.weekEnd }
        let start = known.first ?? plan.weekStart
        let end = (known.last ?? start) + step
        let forecast = plan.forecast(for: channel.name)
        var rows: [Int64: Int] = [:]
        for (i, instant) in (forecast?.instants ?? []).enumerated() { rows[instant] = i }
        let policy = channel.policy
        var intervals: [Interval] = []
        var instant = start
        while instant < end {
            let index = series.index(of: instant)
            let actual = index.flatMap { series.contacts[$0] }
            let actualAHT = index.flatMap { series.ahtSeconds[$0] }.flatMap { $0 >= 1 && $0 <= 86_400 ? $0 : nil }
            let row = rows[instant]
            let heads = plan.heads(channel.name, at: instant)
            func band(_ values: [Double]?) -> Double { row.flatMap { values?[$0] } ?? 0 }
            intervals.append(
                Interval(
                    instant: instant, channel: channel.name, forecast: band(forecast?.mean),
                    lo80: band(forecast?.lo80), hi80: band(forecast?.hi80), lo95: band(forecast?.lo95),
                    hi95: band(forecast?.hi95),
                    inPlan: row != nil, actual: actual,
                    ahtSeconds: actualAHT ?? max(1, plan.plannedAHT(channel.name, at: instant)),
                    actualAHT: actualAHT != nil,
                    scheduledHeads: heads,
                    scheduledAgents: Headcount.productive(heads: heads, shrinkage: policy.target.shrinkage),
                    requiredAgents: nil, serviceLevel: nil, offered: 0, inTime: 0))
            instant += step
        }
        let planned = (forecast?.instants ?? []).filter { $0 >= plan.weekStart && $0 < plan.weekEnd }
        let withActual = Set(intervals.filter { $0.actual != nil }.map(\.instant))
        let missing = planned.filter { !withActual.contains($0) }.count
        if missing > 0 {
            notes.append(
                "\(channel.name): \(missing) of the plan's \(planned.count) intervals have no actual and are left out of the figures"
                    + " (replayed as empty where they fall between known ones)")
        }

        let measure: ServiceMeasure
        var weekLevel: ConfidenceInterval? = nil
        switch policy.kind {
        case .queue:
            measure = .simulated
            weekLevel = try ReviewMeasures.simulate(
                &intervals, policy: policy, intervalSeconds: plan.intervalSeconds,
                seed: ArrivalReplay.channelSeed(options.seed, channel: channel.name),
                replications: options.replications)
            try ReviewMeasures.required(&intervals, policy: policy, intervalSeconds: plan.intervalSeconds)
        case .chat, .chatAverage:
            measure = .chatModel
            for i in intervals.indices {
                let contacts = intervals[i].actual ?? 0
                guard contacts > 0 else { continue }
                let level =
                    CoverageScorer.serviceLevel(
                        scheduled: intervals[i].scheduledHeads, contacts: contacts, ahtSeconds: intervals[i].ahtSeconds,
                        intervalSeconds: plan.intervalSeconds, kind: policy.kind, target: policy.target) ?? 0
                intervals[i].serviceLevel = level
                intervals[i].offered = contacts
                intervals[i].inTime = contacts * level
            }
            try ReviewMeasures.required(&intervals, policy: policy, intervalSeconds: plan.intervalSeconds)
        case .deferred(let rules):
            measure = .withinDeadline
            try ReviewMeasures.deferred(&intervals, channel: channel.name, policy: policy, rules: rules, plan: plan)
        }
        let days = Dictionary(grouping: intervals.filter(\.reviewed), by: { plan.calendar.local($0.instant).date }).keys
            .sorted()
        let deferred = policy.kind.deadlineSeconds != nil
        return ChannelReview(
            channel: channel.name, measure: measure,
            targetLevel: deferred ? nil : policy.target.serviceLevel,
            targetSeconds: deferred ? nil : policy.target.targetSeconds,
            intervals: intervals,
            days: days.map { day in
                ReviewMeasures.summary(
                    intervals.filter { plan.calendar.local($0.instant).date == day }, channel: channel.name,
                    date: day, intervalSeconds: plan.intervalSeconds)
            },
            week: ReviewMeasures.summary(
                intervals, channel: channel.name, date: nil, intervalSeconds: plan.intervalSeconds),
            weekLevel: weekLevel)
    }
}
