import Forecasting
import Foundation
import Queueing
import Rostering
import StaffcastCore

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

    /// How far after the history's end a planned week may start.
    public static let maximumLeadDays = 366

    /// The plan of `week` for `config`. `progress` hears what is being done (for a terminal);
    /// `warning` hears each accepted oddity as it is found (they are also in the plan's `warnings`).
    /// For `.after(now)` (the cron job's `--week next`) a history ending more than
    /// `config.staleAfterDays` days before the week is refused with the dates, unless `allowStale`.
    ///
    /// The steps: read the history; fix the week and the forecast origin; forecast every channel;
    /// staff every interval; cover the requirement with shifts; summarise per day; re-staff the
    /// scenarios; roster the team; total the KPIs.
    ///
    /// `outputFolder`: where the weeks are published (`--out-dir`). The published plan of the week
    /// before, when it is there, brings the shifts that run into this week (coverage already
    /// bought); without it a channel that needs agents at midnight covers the week's first night
    /// with shifts of its own, starting the day before.
    public static func plan(
        _ config: PlanConfig, week choice: WeekChoice, allowStale: Bool = false, outputFolder: String? = nil,
        progress: ((String) -> Void)? = nil, warning: ((String) -> Void)? = nil
    ) throws(PlanningError) -> WeeklyPlan {
        try plan(
            config, week: choice, allowStale: allowStale, outputFolder: outputFolder, history: nil, progress: progress,
            warning: warning)
    }

    /// `history`: the history as already read for this config (a roster period's following
    /// weeks), so that it is read, checked and warned about once.
    static func plan(
        _ config: PlanConfig, week choice: WeekChoice, allowStale: Bool, outputFolder: String?, history: PlanHistory?,
        progress: ((String) -> Void)?, warning: ((String) -> Void)?
    ) throws(PlanningError) -> WeeklyPlan {
        var warnings: [String] = []
        func warn(_ text: String) {
            warnings.append(text)
            warning?(text)
        }
        let read: PlanHistory
        if let history { read = history } else { read = try PlanHistory.read(config, progress: progress, warn: warn) }
        let span = try PlanSpan.resolve(
            config, choice: choice, historyEnd: read.history.series.map(\.end).max() ?? 0, allowStale: allowStale,
            warn: warn)
        let (eventsFile, events) = try PlanHistory.events(
            config, from: read.history.series.map(\.start).min() ?? span.origin, to: span.end)
        try checkScenarioChannels(config, history: read.history)
        let channelPlans = try staffChannels(
            config, read: read, span: span, events: events, progress: progress, warn: warn)
        let interval = read.history.intervalSeconds
        let requirements = channelPlans.flatMap(\.requirements)
        let previous = try outputFolder.flatMap { folder throws(PlanningError) in
            try PreviousWeek.read(
                outputFolder: folder, week: span.week, calendar: config.calendar, intervalSeconds: interval)
        }
        let nights = channelPlans.filter { !$0.after.isEmpty }.map(\.channel)
        if let outputFolder, previous == nil, !nights.isEmpty {
            warn(
                "no published plan of \(span.week.previous.label) in \(outputFolder): the first night of \(span.week.label) (\(nights.joined(separator: ", "))) is covered by this week's own shifts, starting \(span.week.dates[0].adding(days: -1))"
            )
        }
        let boundary = ShiftCover.Boundary(
            carriedIn: previous?.carriedIn ?? [:],
            after: channelPlans.flatMap(\.after))
        let shifts = try coverWithShifts(
            requirements, config: config, read: read, span: span, boundary: boundary, progress: progress, warn: warn)
        var daily = DailyStaffing.summarize(
            requirements, dates: span.week.dates, channels: read.history.channels, intervalSeconds: interval,
            calendar: config.calendar)
        for i in daily.indices {
            daily[i].scheduledHours = shifts.hours[ShiftCover.DateChannel(daily[i].date, daily[i].channel)] ?? 0
        }
        let scenarios =
            config.scenarios.isEmpty
            ? []
            : try ScenarioPlanner.staff(
                config.scenarios, channels: channelPlans, intervalSeconds: interval, staffTo: config.staffTo)
        let roster = try StageProfile.measure(.schedule) { () throws(PlanningError) in
            try rosterTeam(
                requirements, config: config, read: read, span: span, outputFolder: outputFolder, progress: progress,
                warn: warn)
        }
        var inputs = read.inputs(config, eventsFile: eventsFile)
        for (role, file, written) in [
            ("team", roster?.teamFile, config.team?.agentsPathAsWritten),
            ("requests", roster?.requestsFile, config.team?.requestsPathAsWritten),
        ] {
            guard let file, let written else { continue }
            inputs.append(PlanInput(role: role, path: written, sha256: file.sha256, regular: file.isRegular))
        }
        var kpis = WeekKPIs.compute(
            channelPlans.map { ($0.channel, $0.policy.kind, $0.requirements) }, intervalSeconds: interval,
            fteHoursPerWeek: config.fteHoursPerWeek)
        kpis.carriedWork(channelPlans, weekStart: span.start, intervalSeconds: interval)
        var plan = WeeklyPlan(
            config: config, week: span.week, intervalSeconds: interval, origin: span.origin,
            channels: channelPlans, shifts: shifts, daily: daily, kpis: kpis, scenarios: scenarios, inputs: inputs,
            warnings: warnings)
        plan.roster = roster
        if let outputFolder, let team = roster?.team {
            // The calendars published before in this week's folder, else in the folder of the
            // roster whose days were kept, for the shifts now cancelled.
            var folders = [outputFolder + "/" + span.week.label + "/"]
            if let kept = roster?.keptFrom, config.team?.previousRosterPath == nil {
                folders.append((kept as NSString).deletingLastPathComponent + "/")
            }
            for agent in team {
                let name = RosterCalendar.fileName(for: agent.id)
                for folder in folders {
                    guard
                        let data = FileManager.default.contents(
                            atPath: folder + RosterStage.calendarsFolder + "/" + name)
                    else { continue }
                    plan.roster?.publishedCalendars[name] = String(decoding: data, as: UTF8.self)
                    break
                }
            }
        }
        plan.previousWeek = previous
        return plan
    }

    /// The week being planned, its bounds and the forecast origin.
    struct PlanSpan {
        var week: PlanWeek
        var start: Int64
        var end: Int64
        /// The end of the history, or the week's start when the history reaches into it.
        var origin: Int64
        var range: Range<Int64> { start..<end }

        /// The week `choice` names: refused outside the supported years, more than
        /// ``WeeklyPlanner/maximumLeadDays`` after the history, or (for `--week next`) after a stale
        /// history; a warning when it lies more than four weeks ahead.
        static func resolve(
            _ config: PlanConfig, choice: WeekChoice, historyEnd: Int64, allowStale: Bool, warn: (String) -> Void
        ) throws(PlanningError) -> PlanSpan {
            let calendar = config.calendar
            let week: PlanWeek
            switch choice {
            case .afterHistory:
                week = PlanWeek(containing: calendar.local(historyEnd - 1).date, firstWeekday: config.weekStart).next
            case .after(let now):
                week = PlanWeek(containing: calendar.local(now).date, firstWeekday: config.weekStart).next
            case .week(let given):
                guard let named = PlanWeek(year: given.year, week: given.week, firstWeekday: config.weekStart) else {
                    throw .invalidRequest("\(given.label) is not an ISO week")
                }
                week = named
            }
            guard week.isSupported else {
                throw .invalidRequest(
                    "\(week.label) is outside the years a plan can be for (\(PlanWeek.supportedYears.lowerBound)–\(PlanWeek.supportedYears.upperBound))"
                )
            }
            let weekStart = week.start(in: calendar)
            let weekEnd = week.end(in: calendar)
            if case .after = choice, !allowStale,
                let stale = StaleHistory.check(
                    historyEnd: historyEnd, weekStart: weekStart, calendar: calendar,
                    allowedDays: config.staleAfterDays, weekLabel: week.label)
            {
                throw .badData("\(config.historyPath): \(stale.description)")
            }
            guard weekStart - historyEnd <= Int64(maximumLeadDays) * 86_400 else {
                throw .invalidRequest(
                    "\(week.label) starts \((weekStart - historyEnd) / 86_400) days after the history ends (\(calendar.format(historyEnd))); a plan forecasts at most \(maximumLeadDays) days ahead"
                )
            }
            if weekStart - historyEnd > 28 * 86_400 {
                warn(
                    "\(week.label) starts \((weekStart - historyEnd) / 86_400) days after the history ends; the forecast reaches far ahead"
                )
            }
            return PlanSpan(week: week, start: weekStart, end: weekEnd, origin: min(historyEnd, weekStart))
        }
    }

    /// Forecasts every channel and staffs every interval of the week: one ``ChannelPlan`` each,
    /// in the history's order, with what the report and the manifest show about it.
    static func staffChannels(
        _ config: PlanConfig, read: PlanHistory, span: PlanSpan, events: PlanHistory.Events,
        progress: ((String) -> Void)?, warn: (String) -> Void
    ) throws(PlanningError) -> [ChannelPlan] {
        let calendar = config.calendar
        let history = read.history
        let models = try ForecastStep.models(config.model)
        // AHT: the configured aht_seconds, or the forecast from the history's aht_seconds when the
        // channel gives none or asks for it ("aht": "forecast").
        let ahtModels = try read.ahtModels(config, origin: span.origin, events: events)
        progress?("forecasting \(read.policies.count) channel(s) …")
        // A channel that needs agents at midnight is forecast and staffed past the week's end, as
        // far as its Sunday-night shifts reach.
        let nightReach = read.policies.map { channel, policy in
            history.series(for: channel).map {
                nightReachSeconds(config, channel: channel, kind: policy.kind, series: $0)
            } ?? 0
        }
        let forecasts = try read.forecasts(
            config, models: models, origin: span.origin,
            horizons: nightReach.map { Int(span.end - span.origin) + $0 }, events: events)
        var channelPlans: [ChannelPlan] = []
        for (k, (channel, policy)) in read.policies.enumerated() {
            guard let series = history.series(for: channel), let chosen = forecasts[k] else { continue }
            let (full, scores) = (chosen.forecast, chosen.scores)
            let forecast = full.restricted(to: span.range)
            let aht = ahtModels[channel]?.aht(at: forecast.instants)
            let usesForecastAHT = policy.usesForecastAHT(available: aht != nil)
            let channelAHT = usesForecastAHT ? aht : nil
            var waiting: [WaitingWork] = []
            if case .deferred(let rules) = policy.kind {
                waiting = try openingBacklog(
                    rules, series: series, full: full, origin: span.origin, week: span.range,
                    ahtSeconds: channelAHT.map { RequirementPlanner.meanAHT($0, weights: forecast.mean) }
                        ?? policy.ahtSeconds,
                    intervalSeconds: history.intervalSeconds, calendar: calendar, source: config.path)
            }
            let requirements = try RequirementPlanner.staff(
                forecast, policy: policy, intervalSeconds: history.intervalSeconds,
                staffTo: config.staffTo, aht: channelAHT, calendar: calendar,
                horizon: span.range, waiting: waiting, source: config.path)
            if let text = RequirementPlanner.implausibleStaffing(requirements, calendar: calendar) { warn(text) }
            var after: [RequirementRow] = []
            if nightReach[k] > 0 {
                let reach = span.end..<(span.end + Int64(nightReach[k]))
                let next = full.restricted(to: reach)
                after = try RequirementPlanner.staff(
                    next, policy: policy, intervalSeconds: history.intervalSeconds, staffTo: config.staffTo,
                    aht: usesForecastAHT ? ahtModels[channel]?.aht(at: next.instants) : nil, calendar: calendar,
                    horizon: reach, source: config.path)
            }
            let context = ChannelContext.gather(
                series, forecast: forecast, config: config, span: span, events: events)
            for decision in context.holidays { if let text = decision.warning { warn(text) } }
            channelPlans.append(
                ChannelPlan(
                    channel: channel, policy: policy, forecast: forecast, forecastAHT: aht,
                    staffedWithForecastAHT: usesForecastAHT, scores: scores, eventsInForce: context.eventsInForce,
                    holidays: context.holidays, anomalies: context.anomalies,
                    requirements: requirements, recentInstants: context.recentInstants,
                    recentValues: context.recentValues, actuals: context.actuals, after: after,
                    openingBacklog: waiting, choice: chosen.choice))
        }
        return channelPlans
    }

    /// How far past the week a channel is forecast and staffed for its night shifts: the longest
    /// of its templates that may run past midnight, and an hour for the night the clocks go back,
    /// when its history has contacts around midnight (open in the last or first interval of some
    /// weekday). 0 for a channel closed at midnight, a deadline channel or weekly tours.
    static func nightReachSeconds(_ config: PlanConfig, channel: String, kind: ChannelKind, series: IntervalSeries)
        -> Int
    {
        let settings = config.shifts(for: channel)
        guard !settings.tours, kind.deadlineSeconds == nil,
            let longest = settings.templates.filter({ $0.latestStartSeconds + $0.lengthSeconds > 86_400 }).map(
                \.lengthSeconds
            ).max()
        else { return 0 }
        let hours = OpeningHours.learn(from: series, calendar: config.calendar)
        let openAtMidnight = (1...7).contains {
            hours.isOpen(weekday: $0, slotOfDay: 0) || hours.isOpen(weekday: $0, slotOfDay: hours.slotsPerDay - 1)
        }
        guard openAtMidnight else { return 0 }
        let interval = series.intervalSeconds
        return (longest + 3600 + interval - 1) / interval * interval
    }

    /// What the report and the manifest say about a channel beside its staffing: the events and
    /// holidays in force in the week and how each holiday was forecast, the anomalies the models
    /// treated, the two weeks of history before the origin, and the actuals of a past week.
    struct ChannelContext {
        var eventsInForce: [String]
        var holidays: [HolidayDecision]
        var anomalies: [ForecastAnomaly]
        var recentInstants: [Int64] = []
        var recentValues: [Double] = []
        var actuals: [Double?]

        static func gather(
            _ series: IntervalSeries, forecast: Forecast, config: PlanConfig, span: PlanSpan,
            events: PlanHistory.Events
        ) -> ChannelContext {
            let calendar = config.calendar
            let inForce = ForecastInput(
                series: series, calendar: calendar, openingHours: OpeningHours.learn(from: series, calendar: calendar),
                calendarEvents: events.calendar, userEvents: events.user
            )
            .eventNames(from: span.start, to: span.end)
            let findings = ForecastStep.findings(
                series, calendar: calendar, origin: span.origin, horizonSeconds: Int(span.end - span.origin),
                calendarEvents: events.calendar, userEvents: events.user)
            let dates = span.week.dates
            var context = ChannelContext(
                eventsInForce: inForce,
                holidays: findings.holidays.filter { $0.date >= dates[0] && $0.date <= dates[dates.count - 1] },
                anomalies: findings.anomalies,
                actuals: forecast.instants.map { instant in series.index(of: instant).flatMap { series.contacts[$0] } })
            for i in 0..<series.count {
                let instant = series.instant(at: i)
                guard instant >= span.origin - 14 * 86_400, instant < span.origin, let value = series.contacts[i] else {
                    continue
                }
                context.recentInstants.append(instant)
                context.recentValues.append(value)
            }
            return context
        }
    }

    /// The requirement covered with shifts (each channel with its own templates where it has
    /// them); a warning when they leave intervals short.
    static func coverWithShifts(
        _ requirements: [RequirementRow], config: PlanConfig, read: PlanHistory, span: PlanSpan,
        boundary: ShiftCover.Boundary, progress: ((String) -> Void)?, warn: (String) -> Void
    ) throws(PlanningError) -> ShiftCover.Result {
        var channelShifts: [String: ShiftSettings] = [:]
        for channel in read.history.channels where config.shifts(for: channel) != config.shifts {
            channelShifts[channel] = config.shifts(for: channel)
        }
        let shifts = try StageProfile.measure(.schedule) { () throws(PlanningError) in
            try ShiftCover.schedule(
                requirements, shifts: config.shifts, channelShifts: channelShifts,
                policies: Dictionary(uniqueKeysWithValues: read.policies),
                intervalSeconds: read.history.intervalSeconds, calendar: config.calendar, dates: span.week.dates,
                source: config.path, boundary: boundary, progress: progress)
        }
        if !shifts.schedule.uncovered.isEmpty {
            warn(
                "the shifts leave \(shifts.schedule.totalShortfall) agent-intervals uncovered in \(shifts.schedule.uncovered.count) intervals; see coverage.csv"
            )
        }
        return shifts
    }

    /// The team rostered onto the requirement when the config names one; warnings for what the
    /// roster accepts and leaves uncovered.
    /// With `"weeks": N` the period is this week and the N − 1 after it, each forecast and staffed as
    /// this one, rostered as one problem (contract hours on average over it, fairness counted over
    /// it). Without `previous_roster`, the roster published last in `outputFolder` before this week
    /// is the previous one: its days in the period are kept as published.
    static func rosterTeam(
        _ requirements: [RequirementRow], config: PlanConfig, read: PlanHistory, span: PlanSpan,
        outputFolder: String?, progress: ((String) -> Void)?, warn: @escaping (String) -> Void
    ) throws(PlanningError) -> RosterStage.Result? {
        guard let team = config.team else { return nil }
        // Without a previous roster in the config, the one published last before this week.
        let lastPublished =
            team.previousRosterPath == nil
            ? try outputFolder.flatMap { folder throws(PlanningError) in
                try RosterStage.lastPublished(outputFolder: folder, week: span.week, calendar: config.calendar)
            } : nil
        var periodRequirements = requirements
        var dates = span.week.dates
        if team.weeks > 1 {
            var alone = config
            alone.team = nil
            var week = span.week
            for _ in 1..<team.weeks {
                week = week.next
                progress?("planning \(week.label) for the roster period …")
                let next = try plan(
                    alone, week: .week(week), allowStale: true, outputFolder: nil, history: read, progress: nil,
                    warning: warn)
                periodRequirements += next.requirements
                dates += week.dates
            }
        }
        progress?("rostering the team …")
        let roster = try RosterStage.roster(
            periodRequirements, team: team, templates: config.shifts.templates,
            policies: Dictionary(uniqueKeysWithValues: read.policies), intervalSeconds: read.history.intervalSeconds,
            calendar: config.calendar, dates: dates, source: config.path, lastPublished: lastPublished)
        for text in roster.roster.warnings { warn(text) }
        let short = roster.roster.uncovered
        if !short.isEmpty {
            warn(
                "the roster leaves \(short.reduce(0) { $0 + $1.shortfall }) agent-intervals uncovered in \(short.count) channel-intervals; see uncovered.csv"
            )
        }
        return roster
    }

    /// The backlog a deferred channel starts the week with: the count the config gives, or what a
    /// levelled plan of the week before leaves (its arrivals from the history where known, the
    /// forecast after the history's end).
    static func openingBacklog(
        _ rules: DeferredRules, series: IntervalSeries, full: Forecast, origin: Int64, week: Range<Int64>,
        ahtSeconds: Double, intervalSeconds: Int, calendar: PlanningCalendar,
        source: String
    ) throws(PlanningError) -> [WaitingWork] {
        switch rules.opening {
        case .given(let count):
            guard count > 0 else { return [] }
            return [
                WaitingWork(
                    contacts: count, waitedIntervals: 0,
                    due: dueOfGiven(rules, week: week, intervalSeconds: intervalSeconds, calendar: calendar))
            ]
        case .history:
            let previous = (week.lowerBound - 7 * 86_400)..<week.lowerBound
            var instants: [Int64] = []
            var mean: [Double] = []
            for i in 0..<series.count {
                let instant = series.instant(at: i)
                guard previous.contains(instant), instant < origin, let value = series.contacts[i] else { continue }
                instants.append(instant)
                mean.append(value)
            }
            for (i, instant) in full.instants.enumerated() where previous.contains(instant) && instant >= origin {
                instants.append(instant)
                mean.append(full.mean[i])
            }
            guard !instants.isEmpty, ahtSeconds >= 1 else { return [] }
            let order = instants.indices.sorted { instants[$0] < instants[$1] }
            let values = order.map { mean[$0] }
            let week0 = Forecast(
                channel: series.channel, model: full.model, instants: order.map { instants[$0] }, mean: values,
                lo80: values, hi80: values, lo95: values, hi95: values)
            return try DeferredPlanner.leftOver(
                week0, ahtSeconds: ahtSeconds, rules: rules, intervalSeconds: intervalSeconds,
                calendar: calendar, horizon: previous, next: week, nextOpen: full.instants, source: source)
        }
    }

    /// A backlog given by count: due as a contact arriving at the week's start.
    static func dueOfGiven(_ rules: DeferredRules, week: Range<Int64>, intervalSeconds: Int, calendar: PlanningCalendar)
        -> Int
    {
        let empty = Forecast(channel: "", model: "", instants: [], mean: [], lo80: [], hi80: [], lo95: [], hi95: [])
        guard
            let grid = try? DeferredPlanner.grid(
                empty, contacts: [], rules: rules, intervalSeconds: intervalSeconds,
                calendar: calendar, horizon: week, source: "")
        else { return 0 }
        return grid.due.first ?? 0
    }

    /// Scenario factors may name only channels the history has (or `"*"`).
    static func checkScenarioChannels(_ config: PlanConfig, history: ContactHistory) throws(PlanningError) {
        for (i, scenario) in config.scenarios.enumerated() {
            for (key, factors) in [("volume_factor", scenario.volumeFactor), ("aht_factor", scenario.ahtFactor)] {
                for name in factors.keys.sorted() where name != "*" && history.series(for: name) == nil {
                    throw .config(
                        path: config.path, key: "scenarios[\(i)].\(key).\(name)",
                        message:
                            "the history has no channel '\(name)'; it has \(history.channels.joined(separator: ", "))")
                }
            }
        }
    }
}
