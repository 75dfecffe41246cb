import Planning
import Reports
import StaffcastCore

/// `staffcast staff`: agents per channel and interval for a forecast file.
struct StaffCommand: Command {
    static let name = "staff"
    static let abstract = "agents and headcount per channel and interval for a forecast CSV"
    static let discussion = """
        Reads a forecast CSV (timestamp,channel,forecast[,lo80,hi80,lo95,hi95], as `forecast`
        writes it) and finds, per row, the fewest agents meeting the channel's targets by exact
        Erlang C, and the headcount ceil(agents / (1 − shrinkage)). --staff-to p80/p95 staffs that
        quantile of the forecast distribution (read from the prediction intervals, which the file
        must then have); the service level the mean forecast would get is in service_level_at_mean.
        Handle time: --aht (or the config's aht_seconds) when given; otherwise the forecast file's
        optional aht_seconds column, interval by interval (an error names a row without it). With a
        config, a channel set to "aht": "forecast" uses the column whenever the file has it.
        Output columns: timestamp,channel,contacts,aht_seconds,agents,headcount,service_level,
        asa_seconds,occupancy,abandon_rate,service_level_at_mean,backlog,oldest_age_seconds,rule.
        Chat channels (--concurrency K > 1, or "concurrency" in the config) are staffed by the chat
        concurrency model of `erlang --help` (service level = first reply within T). Deferred-work
        channels (config "deadline") are staffed as docs/plan-config.md describes ("Deferred work");
        backlog and oldest_age_seconds are filled only for them.
        """
    static let options =
        [
            OptionSpec("forecast", "FILE", "forecast CSV", presence: .required),
            OptionSpec(
                "config", "FILE",
                "per-channel settings from a plan config (its channels, timezone, staff_to);\ninstead of --aht and the target flags",
                presence: .alternative("target")),
            OptionSpec(
                "aht", "SECONDS",
                "average handle time in seconds (every channel); default: the\nforecast file's aht_seconds column (as `forecast` writes it)"
            ),
        ] + TargetOptions.specs + [
            OptionSpec("staff-to", "p50|p80|p95", "p50 (mean, default), p80 or p95"),
            OptionSpec("interval", "D", "interval length (default: the spacing of the forecast's timestamps)"),
            OptionSpec("timezone", "TZ", "zone of the output timestamps' offsets (default: the config's, else UTC)"),
            OptionSpec("out", "FILE|-", "output CSV", presence: .required),
        ]

    let forecastPath: String
    let config: PlanConfig?
    let policy: ChannelPolicy?
    let staffTo: StaffTo
    let intervalSeconds: Int?
    let calendar: PlanningCalendar
    let outPath: String

    init(_ arguments: ParsedArguments) throws {
        forecastPath = try arguments.required("forecast")
        outPath = try arguments.required("out")
        intervalSeconds = try arguments.duration("interval")
        if let configPath = arguments.value("config") {
            for flag in ["aht"] + TargetOptions.flags where arguments.has(flag) {
                throw CLIError.usage(
                    "--\(flag) cannot be combined with --config; the config gives the channel settings")
            }
            config = try PlanConfigReader.load(path: configPath, force: arguments.has("force"), requiresHistory: false)
            policy = nil
        } else {
            config = nil
            // Without --aht the forecast file's aht_seconds column gives the handle time (checked in run()).
            let aht = try arguments.double("aht")
            guard aht != nil || arguments.has("sl") || arguments.has("asa") || arguments.has("max-abandon") else {
                throw CLIError.usage("give --config FILE, or --aht with --sl or --asa")
            }
            policy = try TargetOptions(arguments, aht: aht).policy(force: arguments.has("force"))
        }
        if let text = arguments.value("staff-to") {
            guard let q = StaffTo(rawValue: text) else {
                throw CLIError.usage("--staff-to: expected p50, p80 or p95, got '\(text)'")
            }
            staffTo = q
        } else {
            staffTo = config?.staffTo ?? .p50
        }
        if let zone = arguments.value("timezone") {
            do { calendar = try PlanningCalendar(identifier: zone) } catch {
                throw CLIError.usage("--timezone: " + error.description)
            }
        } else {
            calendar = config?.calendar ?? .utc
        }
    }

    func run() throws {
        let file = try StageProfile.measure(.read) { () throws(PlanningError) in
            try ForecastFile.read(path: forecastPath, calendar: calendar, needsIntervals: staffTo != .p50)
        }
        let interval = try file.interval(given: intervalSeconds, calendar: calendar)
        let rows = try StageProfile.measure(.staff) { () throws(PlanningError) in
            try file.staff(
                policy: policy, config: config, staffTo: staffTo, intervalSeconds: interval, calendar: calendar)
        }
        if let text = RequirementPlanner.implausibleStaffing(rows, calendar: calendar) {
            Console.error("warning: \(text)\n")
        }
        try StageProfile.measure(.write) { () throws(CoreError) in
            try AtomicFile.write(RequirementsFile.bytes(rows, calendar: calendar), to: outPath)
        }
    }
}
