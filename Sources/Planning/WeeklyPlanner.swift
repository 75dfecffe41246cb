import Foundation
import StaffcastCore
import Forecasting
import Queueing

/// The weekly pipeline: read the history, forecast the week per channel, staff every interval,
/// cover the requirement with shifts, score the coverage and total the KPIs.
public enum WeeklyPlanner {
    /// Which week to plan.
    public enum WeekChoice: Sendable, Equatable {
        /// The ISO week after the one holding the last history interval.
        case afterHistory
        /// The ISO week after the one holding this instant (`--week next --now`).
        case after(Int64)
        case week(PlanWeek)
    }

    /// The plan of `week` for `config`. `progress` hears what is being done (for a terminal);
    /// `warning` hears each accepted oddity as it is found (they are also in the plan's `warnings`).
    public static func plan(_ config: PlanConfig, week choice: WeekChoice, progress: ((String) -> Void)? = nil,
                            warning: ((String) -> Void)? = nil) throws(PlanningError) -> WeeklyPlan {
        let calendar = config.calendar
        var warnings: [String] = []
        func warn(_ text: String) { warnings.append(text); warning?(text) }
        let historyOptions = HistoryReadOptions(calendar: calendar, intervalSeconds: config.intervalSeconds,
                                                valueColumn: config.valueColumn, channelName: config.channelName)
        progress?("reading \(config.historyPath) …")
        let history = try core { () throws(CoreError) in try HistoryReader.read(path: config.historyPath, options: historyOptions) }
        for text in history.warnings { warn(text) }
        let historyData = FileManager.default.contents(atPath: config.historyPath) ?? Data()

        let policies = try history.channels.map { channel throws(PlanningError) in (channel, try config.policy(for: channel)) }
        for name in config.channels.keys.sorted() where name != "*" && history.series(for: name) == nil {
            throw .config(path: config.path, key: "channels.\(name)",
                          message: "the history has no channel '\(name)'; it has \(history.channels.joined(separator: ", "))")
        }
        let historyEnd = history.series.map(\.end).max() ?? 0
        let week: PlanWeek
        switch choice {
        case .afterHistory: week = PlanWeek(containing: calendar.local(historyEnd - 1).date).next
        case let .after(now): week = PlanWeek(containing: calendar.local(now).date).next
        case let .week(given): week = given
        }
        let weekStart = week.start(in: calendar), weekEnd = week.end(in: calendar)
        let origin = min(historyEnd, weekStart)
        if weekStart - historyEnd > 28 * 86_400 {
            warn("\(week.label) starts \((weekStart - historyEnd) / 86_400) days after the history ends; the forecast reaches far ahead")
        }
        let models = try ForecastStep.models(config.model)
        let events = try ForecastStep.events(countries: config.holidays, eventsPath: config.eventsPath, calendar: calendar,
                                             from: history.series.map(\.start).min() ?? origin, to: weekEnd)
        try checkScenarioChannels(config, history: history)
        // AHT: the configured aht_seconds, or the forecast from the history's aht_seconds when the
        // channel gives none or asks for it ("aht": "forecast").
        var ahtModels: [String: AHTForecast] = [:]
        for (channel, policy) in policies {
            guard let series = history.series(for: channel) else { continue }
            if let model = AHTForecast.fit(series.truncated(before: origin), calendar: calendar) { ahtModels[channel] = model }
            if !policy.ahtConfigured, ahtModels[channel] == nil {
                throw .config(path: config.path, key: "channels.\(channel).aht_seconds",
                              message: "missing, and the history has no aht_seconds for '\(channel)' to forecast it from; give the channel's average handle time in seconds")
            }
        }
        var channelPlans: [ChannelPlan] = []
        for (channel, policy) in policies {
            guard let series = history.series(for: channel) else { continue }
            let (full, scores) = try ForecastStep.forecast(series, calendar: calendar, models: models, origin: origin,
                                                           horizonSeconds: Int(weekEnd - origin),
                                                           backtestOrigins: config.backtestOrigins,
                                                           calendarEvents: events.calendar, userEvents: events.user,
                                                           progress: progress)
            let forecast = full.restricted(to: weekStart..<weekEnd)
            let aht = ahtModels[channel]?.aht(at: forecast.instants)
            let usesForecastAHT = policy.usesForecastAHT(available: aht != nil)
            let requirements = try RequirementPlanner.staff(forecast, policy: policy, intervalSeconds: history.intervalSeconds,
                                                            staffTo: config.staffTo, aht: usesForecastAHT ? aht : nil)
            let inForce = ForecastInput(series: series, calendar: calendar, openingHours: OpeningHours.learn(from: series, calendar: calendar),
                                        calendarEvents: events.calendar, userEvents: events.user)
                .eventNames(from: weekStart, to: weekEnd)
            var recentInstants: [Int64] = [], recentValues: [Double] = []
            for i in 0..<series.count {
                let instant = series.instant(at: i)
                guard instant >= origin - 14 * 86_400, instant < origin, let value = series.contacts[i] else { continue }
                recentInstants.append(instant); recentValues.append(value)
            }
            let actuals = forecast.instants.map { instant in series.index(of: instant).flatMap { series.contacts[$0] } }
            channelPlans.append(ChannelPlan(channel: channel, policy: policy, forecast: forecast, forecastAHT: aht,
                                            staffedWithForecastAHT: usesForecastAHT, scores: scores, eventsInForce: inForce,
                                            requirements: requirements, recentInstants: recentInstants, recentValues: recentValues,
                                            actuals: actuals))
        }

        let requirements = channelPlans.flatMap(\.requirements)
        let shifts = try ShiftCover.schedule(requirements, shifts: config.shifts, policies: Dictionary(uniqueKeysWithValues: policies),
                                             intervalSeconds: history.intervalSeconds, calendar: calendar, dates: week.dates,
                                             source: config.path)
        if !shifts.schedule.uncovered.isEmpty {
            warn("the shifts leave \(shifts.schedule.totalShortfall) agent-intervals uncovered in \(shifts.schedule.uncovered.count) intervals; see coverage.csv")
        }
        var daily = DailyStaffing.summarize(requirements, dates: week.dates, channels: history.channels,
                                            intervalSeconds: history.intervalSeconds, calendar: calendar)
        for i in daily.indices { daily[i].scheduledHours = shifts.hours[ShiftCover.DateChannel(daily[i].date, daily[i].channel)] ?? 0 }
        let scenarios = config.scenarios.isEmpty ? []
            : try ScenarioPlanner.staff(config.scenarios, channels: channelPlans, intervalSeconds: history.intervalSeconds,
                                        staffTo: config.staffTo)

        var roster: RosterStage.Result?
        if let team = config.team {
            progress?("rostering the team …")
            roster = try RosterStage.roster(requirements, team: team, templates: config.shifts.templates,
                                            policies: Dictionary(uniqueKeysWithValues: policies), intervalSeconds: history.intervalSeconds,
                                            calendar: calendar, dates: week.dates, source: config.path)
            for text in roster?.roster.warnings ?? [] { warn(text) }
            if let short = roster?.roster.uncovered, !short.isEmpty {
                warn("the roster leaves \(short.reduce(0) { $0 + $1.shortfall }) agent-intervals uncovered in \(short.count) channel-intervals; see uncovered.csv")
            }
        }

        var inputs = [PlanInput(role: "config", path: URL(fileURLWithPath: config.path).lastPathComponent, sha256: SHA256.hex(config.data)),
                      PlanInput(role: "history", path: config.historyPathAsWritten, sha256: SHA256.hex(historyData))]
        if let eventsPath = config.eventsPath {
            inputs.append(PlanInput(role: "events", path: config.eventsPathAsWritten ?? eventsPath,
                                    sha256: SHA256.hex(FileManager.default.contents(atPath: eventsPath) ?? Data())))
        }
        for (role, path, written) in [("team", config.team?.agentsPath, config.team?.agentsPathAsWritten),
                                      ("requests", config.team?.requestsPath, config.team?.requestsPathAsWritten)] {
            guard let path, let written else { continue }
            inputs.append(PlanInput(role: role, path: written, sha256: SHA256.hex(FileManager.default.contents(atPath: path) ?? Data())))
        }
        var plan = WeeklyPlan(config: config, week: week, intervalSeconds: history.intervalSeconds, origin: origin,
                              channels: channelPlans, shifts: shifts, daily: daily, scenarios: scenarios, inputs: inputs,
                              warnings: warnings)
        plan.roster = roster
        return plan
    }

    /// Scenario factors may name only channels the history has (or `"*"`).
    static func checkScenarioChannels(_ config: PlanConfig, history: ContactHistory) throws(PlanningError) {
        for (i, scenario) in config.scenarios.enumerated() {
            for (key, factors) in [("volume_factor", scenario.volumeFactor), ("aht_factor", scenario.ahtFactor)] {
                for name in factors.keys.sorted() where name != "*" && history.series(for: name) == nil {
                    throw .config(path: config.path, key: "scenarios[\(i)].\(key).\(name)",
                                  message: "the history has no channel '\(name)'; it has \(history.channels.joined(separator: ", "))")
                }
            }
        }
    }
}
