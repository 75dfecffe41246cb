import Foundation
import StaffcastCore
import Forecasting
import Queueing
import Planning
import Reports

/// `staffcast plan`: the weekly job. Forecasts the week, staffs every interval, and publishes
/// the reports into `DIR/YYYY-Www/` all at once or not at all.
struct PlanCommand: Command {
    static let name = "plan"
    static let abstract = "the weekly job: forecast, staff and publish next week's reports"
    static let synopsis = "--config FILE [--week YYYY-Www|next] [--now TIMESTAMP] [--out-dir DIR] [--quiet]"
    static let discussion = """
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
    """
    static let options = [
        OptionSpec("config", "FILE", "the plan's JSON config (paths in it are relative to it)"),
        OptionSpec("week", "YYYY-Www|next", "the ISO week to plan; default: the week after the last history interval;\nnext: the week after --now"),
        OptionSpec("now", "TIMESTAMP", "the time 'next' counts from (ISO 8601; default: the clock)"),
        OptionSpec("out-dir", "DIR", "where the week's folder goes (default: reports)"),
        OptionSpec(flag: "quiet", "print nothing on success (for cron); errors still go to stderr"),
    ]

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
        let config = try planning { () throws(PlanningError) in try PlanConfigReader.load(path: configPath) }
        let week: WeeklyPlanner.WeekChoice
        switch weekText {
        case nil: week = .afterHistory
        case "next":
            let now = try nowText.map { text throws(CLIError) in try parseInstant(text, flag: "now", calendar: config.calendar) }
                ?? Int64(Date().timeIntervalSince1970)
            week = .after(now)
        case let text?:
            guard let given = PlanWeek.parse(text) else { throw .usage("--week: '\(text)' is not an ISO week") }
            week = .week(given)
        }
        let progress: ((String) -> Void)? = quiet ? nil : { Console.progress($0) }
        let warning: (String) -> Void = { text in
            Console.progressDone()
            Console.error("warning: \(text)\n")
        }
        let plan = try planning { () throws(PlanningError) in
            try WeeklyPlanner.plan(config, week: week, progress: progress, warning: quiet ? nil : warning)
        }
        Console.progressDone()
        let target = try WeekPublisher(outDir: outDir, label: plan.week.label).publish(PlanFiles.render(plan, version: StaffcastCommand.version))
        if !quiet {
            let schedule = plan.shifts.schedule
            let agentHours = plan.daily.reduce(0) { $0 + $1.agentHoursRequired }
            let contacts = plan.daily.reduce(0) { $0 + $1.contacts }
            var line = "\(plan.week.label): \(NumberFormat.plain(contacts, maxFractionDigits: 0)) contacts, "
            line += "\(NumberFormat.plain(agentHours, maxFractionDigits: 1)) agent-hours required, "
            line += "\(NumberFormat.plain(schedule.agentHours, maxFractionDigits: 1)) scheduled in shifts "
            line += "(LP bound \(NumberFormat.plain(schedule.lowerBound, maxFractionDigits: 1)), "
            line += "gap \(NumberFormat.plain(100 * schedule.gap, maxFractionDigits: 2)) %), "
            line += "\(plan.channels.count) channel(s) → \(target)/\n"
            Console.out(line)
        }
    }
}
