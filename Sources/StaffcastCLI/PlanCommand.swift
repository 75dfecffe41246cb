import Foundation
import StaffcastCore
import Forecasting
import Queueing
import Reports

/// `staffcast plan`: the weekly job. Forecasts the week, staffs every interval, and publishes
/// the reports into `DIR/YYYY-Www/` all at once or not at all.
struct PlanCommand: Command {
    static let name = "plan"
    static let abstract = "the weekly job: forecast, staff and publish next week's reports"
    static let help = """
    --config FILE [--week YYYY-Www|next] [--now TIMESTAMP] [--out-dir DIR] [--quiet]

    Reads the JSON config (history, timezone, interval, model, staff_to, holidays, events, and per channel
    aht_seconds (or "aht": "forecast"), service_level "P/T", asa_seconds, max_occupancy, shrinkage, patience,
    max_abandon_rate, concurrency, aht_by_concurrency, deadline; scenarios), forecasts the week,
    finds the agents every interval needs, and writes into DIR/YYYY-Www/:
      forecast.csv, requirements.csv, schedule.csv, coverage.csv, weekly_staffing.csv,
      report.html, manifest.json, and scenarios.csv when the config has scenarios
    AHT: a channel without aht_seconds is staffed with the AHT forecast from the history's
    aht_seconds column (per interval: volume-weighted by weekday and local time of day, recent
    weeks weighted more, with a damped weekly trend); with neither the plan fails naming
    channels.X.aht_seconds. When both are there, aht_seconds wins unless the channel sets
    "aht": "forecast" (then aht_seconds is only the fallback for a history without AHT).
    Explicit aht_by_concurrency levels are always used as given. Deferred-work channels use the
    contact-weighted mean of the week's forecast AHT. requirements.csv's aht_seconds shows the
    handle time each interval was staffed with; forecast.csv gets a last column aht_seconds
    when the history has AHT; in manifest.json such a channel has "aht_source": "forecast" and
    aht_seconds = the contact-weighted mean of the week's forecast AHT.
    Chat channels ("concurrency": K > 1, optional "aht_by_concurrency": [AHT at 1…K]) are staffed
    by the chat concurrency model (see `erlang --help`; service level = first reply within T).
    Deferred work ("deadline": "24h" instead of a service level — e-mail, social messages): the
    deadline counts open time only (the channel's forecast intervals; nights and weekends do not
    count), and each interval gets the fewest agents such that every contact forecast (mean) for
    the week is handled by its deadline, backlog carried across intervals and days, starting empty
    at the week's first open interval; contacts due after the week stay in the closing backlog.
    Headcount = ceil(agents / (1 − shrinkage)). In requirements.csv such rows have service_level
    (and service_level_at_mean) = 1, the share handled within the deadline (1 by construction),
    asa_seconds and abandon_rate empty, and the extra last columns backlog (contacts waiting at the
    interval's end) and oldest_age_seconds (clock-time age of the oldest waiting contact); those
    two columns are empty for queued channels. coverage.csv leaves their service_level empty.
    What-if scenarios ("scenarios": [{"name": "chatbot", "volume_factor": {"calls": 0.8},
    "aht_factor": {"calls": 1.1}, "service_level": "90/20", "shrinkage": 0.35}], all but name
    optional, "*" as a channel means every other channel) re-staff the same forecast (no
    re-forecast; service_level applies to queued channels, not deadlines) and give
    scenarios.csv: scenario,channel,contacts,agent_hours_required,headcount_peak — a baseline
    row per channel first, then each scenario's (agent-hours = Σ headcount × interval, as in
    weekly_staffing.csv).
    Shifts (config "shifts": lengths, start_every, breaks, tours — or full "templates" with start
    windows, days, cost, break rules and daily limits; default 8h, 6h and 4h starting on any
    half hour, shifts of 6 h or more with an unpaid 30-minute break) cover each interval's
    headcount at least cost; coverage.csv re-scores every interval's service level with the agents
    actually on the phones (scheduled heads net of breaks and shrinkage). When shifts cannot cover
    everything the plan is still published and the shortfall is listed in coverage.csv.
    The files appear together: they are written into a hidden folder beside the target and
    renamed into place only when all succeeded; a failed run publishes nothing and leaves an
    earlier plan of that week untouched. Two runs on the same DIR at once: the second exits 75.
    The same inputs rewrite identical bytes.

      --config FILE         the plan's JSON config (paths in it are relative to it)
      --week YYYY-Www|next  the ISO week to plan; default: the week after the last history interval;
                            next: the week after --now
      --now TIMESTAMP       the time 'next' counts from (ISO 8601; default: the clock)
      --out-dir DIR         where the week's folder goes (default: reports)
      --quiet               print nothing on success (for cron); errors still go to stderr
    """
    static let options = [OptionSpec("config"), OptionSpec("week"), OptionSpec("now"), OptionSpec("out-dir"),
                          OptionSpec("quiet", value: false)]

    let configPath: String
    let weekText: String?
    let nowText: String?
    let outDir: String
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws(CLIError) {
        configPath = try arguments.required("config")
        weekText = arguments.value("week")
        if let weekText, weekText != "next", PlanWeek.parse(weekText) == nil {
            throw .usage("--week: '\(weekText)' is not an ISO week of the form YYYY-Www that exists (e.g. 2003-W36), nor 'next'")
        }
        nowText = arguments.value("now")
        if nowText != nil, weekText != "next" { throw .usage("--now only applies with --week next") }
        outDir = arguments.value("out-dir") ?? "reports"
        quiet = arguments.has("quiet")
    }

    func run() throws(CLIError) {
        let config = try PlanConfig.load(path: configPath)
        let calendar = config.calendar
        let historyOptions = HistoryReadOptions(calendar: calendar, intervalSeconds: config.intervalSeconds,
                                                valueColumn: config.valueColumn, channelName: config.channelName)
        if !quiet { Console.progress("reading \(config.historyPath) …") }
        let history = try core { () throws(CoreError) in try HistoryReader.read(path: config.historyPath, options: historyOptions) }
        Console.progressDone()
        if !quiet { for warning in history.warnings { Console.error("warning: \(warning)\n") } }
        let historyData = FileManager.default.contents(atPath: config.historyPath) ?? Data()

        let policies = try history.channels.map { channel throws(CLIError) in (channel, try config.policy(for: channel)) }
        for name in config.channels.keys.sorted() where name != "*" && history.series(for: name) == nil {
            throw .config(path: config.path, key: "channels.\(name)",
                          message: "the history has no channel '\(name)'; it has \(history.channels.joined(separator: ", "))")
        }
        let historyEnd = history.series.map(\.end).max() ?? 0
        let week = try resolveWeek(historyEnd: historyEnd, calendar: calendar)
        let weekStart = week.start(in: calendar), weekEnd = week.end(in: calendar)
        let origin = min(historyEnd, weekStart)
        if weekStart - historyEnd > 28 * 86_400 {
            Console.error("warning: \(week.label) starts \((weekStart - historyEnd) / 86_400) days after the history ends; the forecast reaches far ahead\n")
        }
        let models = try ForecastSetup.models(config.model)
        let (calendarEvents, userEvents) = try ForecastSetup.events(
            countries: config.holidays, eventsPath: config.eventsPath, calendar: calendar,
            from: history.series.map(\.start).min() ?? origin, to: weekEnd)

        for (i, scenario) in config.scenarios.enumerated() {
            for (key, factors) in [("volume_factor", scenario.volumeFactor), ("aht_factor", scenario.ahtFactor)] {
                for name in factors.keys.sorted() where name != "*" && history.series(for: name) == nil {
                    throw .config(path: config.path, key: "scenarios[\(i)].\(key).\(name)",
                                  message: "the history has no channel '\(name)'; it has \(history.channels.joined(separator: ", "))")
                }
            }
        }
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
        var forecasts: [Forecast] = []
        var forecastAHT: [String: [Double]] = [:]
        var staffingAHT: [String: [Double]] = [:]
        var requirements: [RequirementRow] = []
        var channelManifests: [JSONValue] = []
        var channelReports: [ChannelReport] = []
        for (channel, policy) in policies {
            guard let series = history.series(for: channel) else { continue }
            let (full, scores) = try ForecastSetup.forecast(series, calendar: calendar, models: models, origin: origin,
                                                            horizonSeconds: Int(weekEnd - origin),
                                                            backtestOrigins: config.backtestOrigins,
                                                            calendarEvents: calendarEvents, userEvents: userEvents)
            let forecast = full.restricted(to: weekStart..<weekEnd)
            forecasts.append(forecast)
            let aht = ahtModels[channel]?.aht(at: forecast.instants)
            forecastAHT[channel] = aht
            let usesForecastAHT = policy.usesForecastAHT(available: aht != nil)
            if usesForecastAHT { staffingAHT[channel] = aht }
            let staffed = try StaffingStep.staff(forecast, policy: policy, intervalSeconds: history.intervalSeconds,
                                                 staffTo: config.staffTo, aht: usesForecastAHT ? aht : nil)
            requirements += staffed
            channelReports.append(Self.report(series: series, origin: origin, model: forecast.model, forecast: forecast,
                                              requirements: staffed))
            let inForce = ForecastInput(series: series, calendar: calendar, openingHours: OpeningHours.learn(from: series, calendar: calendar),
                                        calendarEvents: calendarEvents, userEvents: userEvents)
                .eventNames(from: weekStart, to: weekEnd)
            channelManifests.append(Self.manifest(channel: channel, model: forecast.model, policy: policy, scores: scores,
                                                  events: inForce, forecastAHT: usesForecastAHT ? staffed : nil))
        }

        let shifts = try ShiftStep.schedule(requirements, config: config, policies: Dictionary(uniqueKeysWithValues: policies),
                                            intervalSeconds: history.intervalSeconds, calendar: calendar, dates: week.dates)
        if !shifts.schedule.uncovered.isEmpty {
            Console.error("warning: the shifts leave \(shifts.schedule.totalShortfall) agent-intervals uncovered in \(shifts.schedule.uncovered.count) intervals; see coverage.csv\n")
        }
        for i in channelReports.indices { channelReports[i].coverage = shifts.scores.filter { $0.channel == channelReports[i].channel } }
        var weekly = WeeklyStaffing.summarize(requirements, dates: week.dates, channels: history.channels,
                                              intervalSeconds: history.intervalSeconds, calendar: calendar)
        for i in weekly.indices { weekly[i].scheduledHours = shifts.hours[ShiftStep.key(weekly[i].date, weekly[i].channel)] ?? 0 }
        let report = WeeklyReport(weekLabel: week.label, calendar: calendar, intervalSeconds: history.intervalSeconds,
                                  dates: week.dates, channels: channelReports, daily: weekly, version: StaffcastCommand.version)
        var scenarioFiles: [(String, String)] = []
        if !config.scenarios.isEmpty {
            scenarioFiles.append(("scenarios.csv", try Self.scenariosCSV(config.scenarios, forecasts: forecasts, baseline: requirements,
                                                                         policies: Dictionary(uniqueKeysWithValues: policies),
                                                                         intervalSeconds: history.intervalSeconds, staffTo: config.staffTo,
                                                                         aht: staffingAHT)))
        }
        var files: [(String, String)] = [
            ("forecast.csv", ForecastTable.csv(forecasts, calendar: calendar, aht: forecastAHT)),
            ("requirements.csv", RequirementsTable.csv(requirements, calendar: calendar)),
            ("schedule.csv", ShiftPlanning.scheduleCSV(shifts.schedule, calendar: calendar, tours: config.shifts.tours)),
            ("coverage.csv", ShiftStep.coverageCSV(shifts.scores, calendar: calendar)),
            ("weekly_staffing.csv", WeeklyStaffing.csv(weekly)),
            ("report.html", report.html()),
        ] + scenarioFiles
        var eventsInput: [JSONValue] = []
        if let eventsPath = config.eventsPath {
            eventsInput.append(.object([("role", .string("events")), ("path", .string(config.eventsPathAsWritten ?? eventsPath)),
                                        ("sha256", .string(SHA256.hex(FileManager.default.contents(atPath: eventsPath) ?? Data())))]))
        }
        let manifest: JSONValue = .object([
            ("staffcast_version", .string(StaffcastCommand.version)),
            ("week", .string(week.label)),
            ("week_start", .string(calendar.format(weekStart))),
            ("week_end", .string(calendar.format(weekEnd))),
            ("time_zone", .string(calendar.identifier)),
            ("interval", .string(Durations.format(history.intervalSeconds))),
            ("forecast_origin", .string(calendar.format(origin))),
            ("staff_to", .string(config.staffTo.rawValue)),
            ("inputs", .array([
                .object([("role", .string("config")), ("path", .string(URL(fileURLWithPath: config.path).lastPathComponent)),
                         ("sha256", .string(SHA256.hex(config.data)))]),
                .object([("role", .string("history")), ("path", .string(config.historyPathAsWritten)),
                         ("sha256", .string(SHA256.hex(historyData)))]),
            ] + eventsInput)),
            ("channels", .array(channelManifests)),
            ("schedule", .object([
                ("shifts", config.shifts.manifest),
                ("agent_hours", .number(shifts.schedule.agentHours, fractionDigits: 2)),
                ("lp_lower_bound", .number(shifts.schedule.lowerBound, fractionDigits: 2)),
                ("gap", .number(shifts.schedule.gap, fractionDigits: 6)),
                ("uncovered_agent_intervals", .integer(shifts.schedule.totalShortfall)),
            ])),
            ("outputs", .array(files.map { name, text in
                .object([("file", .string(name)), ("sha256", .string(SHA256.hex(Data(text.utf8))))])
            })),
        ])
        files.append(("manifest.json", manifest.render() + "\n"))

        let target = try WeekPublisher(outDir: outDir, label: week.label).publish(files)
        if !quiet {
            let agentHours = weekly.reduce(0) { $0 + $1.agentHoursRequired }
            let contacts = weekly.reduce(0) { $0 + $1.contacts }
            Console.out("\(week.label): \(NumberFormat.plain(contacts, maxFractionDigits: 0)) contacts, "
                        + "\(NumberFormat.plain(agentHours, maxFractionDigits: 1)) agent-hours required, "
                        + "\(NumberFormat.plain(shifts.schedule.agentHours, maxFractionDigits: 1)) scheduled in shifts "
                        + "(LP bound \(NumberFormat.plain(shifts.schedule.lowerBound, maxFractionDigits: 1)), "
                        + "gap \(NumberFormat.plain(100 * shifts.schedule.gap, maxFractionDigits: 2)) %), "
                        + "\(history.channels.count) channel(s) → \(target)/\n")
        }
    }

    /// `scenarios.csv`: `scenario,channel,contacts,agent_hours_required,headcount_peak`, a
    /// `baseline` row per channel (from the plan's own requirements), then each scenario's rows:
    /// the same forecast with its volume factor, staffed with the scenario's policy.
    static func scenariosCSV(_ scenarios: [Scenario], forecasts: [Forecast], baseline: [RequirementRow],
                             policies: [String: ChannelPolicy], intervalSeconds: Int, staffTo: StaffTo,
                             aht: [String: [Double]] = [:]) throws(CLIError) -> String {
        var table = CSVTable(header: ["scenario", "channel", "contacts", "agent_hours_required", "headcount_peak"])
        let hours = Double(intervalSeconds) / 3600
        func append(_ name: String, _ channel: String, _ rows: [RequirementRow]) {
            let contacts = rows.reduce(0) { $0 + $1.meanContacts }
            let agentHours = rows.reduce(0) { $0 + Double($1.staffing.headcount) * hours }
            let peak = rows.map(\.staffing.headcount).max() ?? 0
            table.append([name, channel, Format.volume(contacts), Format.seconds(agentHours), String(peak)])
        }
        for forecast in forecasts { append("baseline", forecast.channel, baseline.filter { $0.channel == forecast.channel }) }
        for scenario in scenarios {
            for forecast in forecasts {
                guard let policy = policies[forecast.channel] else { continue }
                let factor = scenario.volume(for: forecast.channel)
                var scaled = forecast
                scaled.mean = forecast.mean.map { $0 * factor }
                scaled.lo80 = forecast.lo80.map { $0 * factor }; scaled.hi80 = forecast.hi80.map { $0 * factor }
                scaled.lo95 = forecast.lo95.map { $0 * factor }; scaled.hi95 = forecast.hi95.map { $0 * factor }
                let ahtFactor = scenario.aht(for: forecast.channel)
                let rows = try StaffingStep.staff(scaled, policy: scenario.apply(to: policy, channel: forecast.channel),
                                                  intervalSeconds: intervalSeconds, staffTo: staffTo,
                                                  aht: aht[forecast.channel]?.map { $0 * ahtFactor })
                append(scenario.name, forecast.channel, rows)
            }
        }
        return table.render()
    }

    func resolveWeek(historyEnd: Int64, calendar: PlanningCalendar) throws(CLIError) -> PlanWeek {
        switch weekText {
        case nil:
            // The week after the one holding the last history interval.
            return PlanWeek(containing: calendar.local(historyEnd - 1).date).next
        case "next":
            let now = try nowText.map { text throws(CLIError) in try parseInstant(text, flag: "now", calendar: calendar) }
                ?? Int64(Date().timeIntervalSince1970)
            return PlanWeek(containing: calendar.local(now).date).next
        case let text?:
            guard let week = PlanWeek.parse(text) else { throw .usage("--week: '\(text)' is not an ISO week") }
            return week
        }
    }

    /// The report's view of a channel: the two weeks of known history before the origin, and the
    /// actual volumes of the planned intervals where the history already has them.
    static func report(series: IntervalSeries, origin: Int64, model: String, forecast: Forecast,
                       requirements: [RequirementRow]) -> ChannelReport {
        var instants: [Int64] = [], values: [Double] = []
        for i in 0..<series.count {
            let instant = series.instant(at: i)
            guard instant >= origin - 14 * 86_400, instant < origin, let value = series.contacts[i] else { continue }
            instants.append(instant); values.append(value)
        }
        let actuals = forecast.instants.map { instant in series.index(of: instant).flatMap { series.contacts[$0] } }
        return ChannelReport(channel: series.channel, model: model, historyInstants: instants, historyValues: values,
                             forecast: forecast, actuals: actuals, requirements: requirements)
    }

    /// `forecastAHT`: the requirement rows when the channel was staffed with the AHT forecast;
    /// `aht_seconds` is then their contact-weighted mean and `"aht_source": "forecast"` is added.
    static func manifest(channel: String, model: String, policy: ChannelPolicy, scores: [ModelScore],
                         events: [String] = [], forecastAHT: [RequirementRow]? = nil) -> JSONValue {
        var aht = policy.ahtSeconds
        if let rows = forecastAHT {
            let volume = rows.reduce(0) { $0 + $1.meanContacts }
            aht = volume > 0 ? rows.reduce(0) { $0 + $1.meanContacts * $1.ahtSeconds } / volume
                : rows.reduce(0) { $0 + $1.ahtSeconds } / Double(max(1, rows.count))
        }
        var settings: [(String, JSONValue)] = [("aht_seconds", .number(aht, fractionDigits: 3))]
        if forecastAHT != nil { settings.append(("aht_source", .string("forecast"))) }
        if let sl = policy.target.serviceLevel { settings.append(("service_level", .number(sl, fractionDigits: 6))) }
        if policy.deadlineSeconds == nil { settings.append(("target_seconds", .number(policy.target.targetSeconds, fractionDigits: 3))) }
        if let asa = policy.target.maxASASeconds { settings.append(("asa_seconds", .number(asa, fractionDigits: 3))) }
        if let cap = policy.target.maxOccupancy { settings.append(("max_occupancy", .number(cap, fractionDigits: 6))) }
        settings.append(("shrinkage", .number(policy.target.shrinkage, fractionDigits: 6)))
        if let patience = policy.target.patienceSeconds { settings.append(("patience", .number(patience, fractionDigits: 3))) }
        if let abandon = policy.target.maxAbandonRate { settings.append(("max_abandon_rate", .number(abandon, fractionDigits: 6))) }
        if policy.concurrency > 1 {
            settings.append(("concurrency", .integer(policy.concurrency)))
            settings.append(("aht_by_concurrency", .array((policy.chatAHT ?? []).map { .number($0, fractionDigits: 3) })))
        }
        if let deadline = policy.deadlineSeconds { settings.append(("deadline_seconds", .integer(deadline))) }
        return .object([
            ("channel", .string(channel)),
            ("model", .string(model)),
            ("settings", .object(settings)),
            ("events", .array(events.map { .string($0) })),
            ("backtest", .array(scores.sorted { $0.model < $1.model }.map { s in
                .object([("model", .string(s.model)), ("origins", .integer(s.origins)),
                         ("wape", .number(s.wape, fractionDigits: 6)), ("mase", .number(s.mase, fractionDigits: 6)),
                         ("coverage80", .number(s.coverage80, fractionDigits: 6)),
                         ("coverage95", .number(s.coverage95, fractionDigits: 6))])
            })),
        ])
    }
}

extension Forecast {
    /// The part of the forecast whose intervals start within `range`.
    func restricted(to range: Range<Int64>) -> Forecast {
        let keep = instants.indices.filter { range.contains(instants[$0]) }
        var copy = self
        copy.instants = keep.map { instants[$0] }
        copy.mean = keep.map { mean[$0] }
        copy.lo80 = keep.map { lo80[$0] }; copy.hi80 = keep.map { hi80[$0] }
        copy.lo95 = keep.map { lo95[$0] }; copy.hi95 = keep.map { hi95[$0] }
        return copy
    }
}
