import Forecasting
import Queueing
import StaffcastCore

/// During the day (`staffcast reforecast`): the rest of today and tomorrow re-forecast from the
/// actuals so far, re-staffed, against the published schedule.
///
/// Per channel, `planned` is the plan's forecast of today's intervals (forecast.csv, the plan's
/// local day) and `observed` the actuals of those that ended by `now`; `IntradayUpdate` (the
/// standard method, chosen by the reforecast backtest) gives the level factor for the rest of
/// today and the one carried to tomorrow. The updated forecast — mean and bands scaled by the
/// factor — is staffed with the plan's channel settings, quantile (`staff_to`) and per-interval
/// handle times, as `plan` and `staff` staff (`RequirementPlanner`); the required agents (on the
/// phones) are set against the scheduled heads net of shrinkage (`Headcount.productive`):
/// short = max(0, required − scheduled). Deferred work is re-forecast but not re-staffed: its plan
/// needs the backlog waiting now, which the actuals do not give.
///
/// Actuals of the interval in progress at `now` and later are ignored (counted in a note): an
/// export taken at 12:05 holds five minutes of the 12:00 interval, which would read as a collapse.
public enum Reforecast {
    public struct Row: Sendable, Equatable {
        public var instant: Int64
        public var channel: String
        public var planned: Double
        public var reforecast: Double
        /// nil for deferred work (not re-staffed).
        public var requiredAgents: Int?
        public var scheduledAgents: Int
        public var shortAgents: Int?
    }

    public struct ChannelResult: Sendable {
        public var channel: String
        /// Level factor for the rest of today, and the one carried to tomorrow.
        public var factor: Double
        public var tomorrowFactor: Double
        /// Today's intervals that ended by now, and those of them with a known actual.
        public var observedIntervals: Int
        public var knownIntervals: Int
        public var actualSoFar: Double
        public var plannedSoFar: Double
        public var rows: [Row]
        public var shrinkage: Double

        public var shortIntervals: Int { rows.filter { ($0.shortAgents ?? 0) > 0 }.count }
        public var maxShort: Int { rows.compactMap(\.shortAgents).max() ?? 0 }
    }

    public struct Result: Sendable {
        public var now: Int64
        public var today: CivilDate
        public var tomorrow: CivilDate
        public var intervalSeconds: Int
        public var channels: [ChannelResult]
        public var notes: [String]

        /// Σ short agents × interval hours.
        public func shortAgentHours(_ channel: ChannelResult) -> Double {
            Double(channel.rows.compactMap(\.shortAgents).reduce(0, +)) * Double(intervalSeconds) / 3600
        }
    }

    /// - Throws: `invalidRequest` (usage) when `now` is outside the plan's week; bad data when
    ///   the actuals' channels or interval are not the plan's.
    public static func run(
        plan: PublishedPlan, actuals: ContactHistory, actualsPath: String, now: Int64,
        method: IntradayUpdate = .standard
    ) throws(PlanningError) -> Result {
        guard now >= plan.weekStart, now < plan.weekEnd else {
            throw .invalidRequest(
                "--now \(plan.calendar.format(now)) is outside the plan's week \(plan.label) "
                    + "(\(plan.calendar.format(plan.weekStart)) to \(plan.calendar.format(plan.weekEnd)))")
        }
        try Review.checkChannels(plan: plan, actuals: actuals, actualsPath: actualsPath)
        let step = Int64(plan.intervalSeconds)
        let today = plan.calendar.local(now).date
        let tomorrow = today.adding(days: 1)
        var notes: [String] = []
        let late = actuals.series.reduce(0) { count, series in
            count
                + series.contacts.indices.filter { series.contacts[$0] != nil && series.instant(at: $0) + step > now }
                .count
        }
        if late > 0 {
            notes.append(
                "\(late) interval(s) of actuals at or after \(plan.calendar.format(now)) ignored: only intervals that ended by --now count"
            )
        }
        var channels: [ChannelResult] = []
        for channel in plan.channels {
            guard let forecast = plan.forecast(for: channel.name), let series = actuals.series(for: channel.name) else {
                continue
            }
            let days = forecast.instants.map { plan.calendar.local($0).date }
            let todays = forecast.instants.indices.filter { days[$0] == today }
            let tomorrows = forecast.instants.indices.filter { days[$0] == tomorrow }
            let done = todays.filter { forecast.instants[$0] + step <= now }
            let observed: [Double?] = done.map { i in
                series.index(of: forecast.instants[i]).flatMap { series.contacts[$0] }
            }
            let update = method.update(planned: todays.map { forecast.mean[$0] }, observed: observed)
            let known = zip(done, observed).filter { $0.1 != nil }
            if todays.isEmpty { notes.append("\(channel.name): the plan has no open interval on \(today)") }
            if tomorrows.isEmpty {
                notes.append(
                    "\(channel.name): the plan has no open interval on \(tomorrow) (closed, or after the week)")
            }
            // The rest of today, then tomorrow: (forecast index, factor).
            let ahead =
                todays.dropFirst(done.count).map { (index: $0, factor: update.factor) }
                + tomorrows.map { (index: $0, factor: update.tomorrowFactor) }
            let rows = try restaff(ahead, forecast: forecast, channel: channel, plan: plan)
            channels.append(
                ChannelResult(
                    channel: channel.name, factor: update.factor, tomorrowFactor: update.tomorrowFactor,
                    observedIntervals: done.count, knownIntervals: known.count,
                    actualSoFar: known.reduce(0) { $0 + ($1.1 ?? 0) },
                    plannedSoFar: known.reduce(0) { $0 + forecast.mean[$1.0] },
                    rows: rows, shrinkage: channel.policy.target.shrinkage))
        }
        return Result(
            now: now, today: today, tomorrow: tomorrow, intervalSeconds: plan.intervalSeconds, channels: channels,
            notes: notes)
    }

    /// The re-forecast intervals staffed as the plan staffs them, against its scheduled agents.
    static func restaff(
        _ ahead: [(index: Int, factor: Double)], forecast: Forecast, channel: PublishedPlan.Channel,
        plan: PublishedPlan
    ) throws(PlanningError) -> [Row] {
        let indices = ahead.map(\.index)
        func scaled(_ values: [Double]) -> [Double] { ahead.map { values[$0.index] * $0.factor } }
        let updated = Forecast(
            channel: forecast.channel, model: "reforecast", instants: indices.map { forecast.instants[$0] },
            mean: scaled(forecast.mean), lo80: scaled(forecast.lo80), hi80: scaled(forecast.hi80),
            lo95: scaled(forecast.lo95), hi95: scaled(forecast.hi95))
        let policy = channel.policy
        var required: [Int64: Int] = [:]
        if policy.kind.deadlineSeconds == nil, !indices.isEmpty {
            let aht = updated.instants.map { plan.plannedAHT(channel.name, at: $0) }
            for row in try RequirementPlanner.staff(
                updated, policy: policy, intervalSeconds: plan.intervalSeconds, staffTo: plan.staffTo,
                aht: aht, calendar: plan.calendar)
            {
                required[row.instant] = row.staffing.agents
            }
        }
        return indices.indices.map { k in
            let instant = updated.instants[k]
            let scheduled = Headcount.productive(
                heads: plan.heads(channel.name, at: instant), shrinkage: policy.target.shrinkage)
            let need = required[instant]
            return Row(
                instant: instant, channel: channel.name, planned: forecast.mean[indices[k]],
                reforecast: updated.mean[k],
                requiredAgents: need, scheduledAgents: scheduled, shortAgents: need.map { max(0, $0 - scheduled) })
        }
    }
}
