import Forecasting
import Foundation
import Planning
import Queueing
import Reports
import StaffcastCore

/// `staffcast plan`: the weekly job. Forecasts the week, staffs every interval, and publishes
/// the reports into `DIR/YYYY-Www/` all at once or not at all.
struct PlanCommand: Command {
    static let name = "plan"
    static let abstract = "the weekly job: forecast, staff and publish next week's reports"
    static let discussion = """
        Reads the JSON config (history, timezone, interval, model, staff_to, holidays, events, and per channel
        aht_seconds (or "aht": "forecast"), service_level "P/T", asa_seconds, max_occupancy, shrinkage, patience,
        max_abandon_rate, concurrency, aht_by_concurrency, deadline, working_hours, …; scenarios), forecasts the week,
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
        Deferred work ("deadline": "24h" instead of a service level — e-mail, social messages):
        "working_hours": ["Mon-Sat 08:00-20:00", "Sun closed"] says when agents answer it (default:
        whenever it has contacts); "deadline_counts": "working" (default: 24h of working time) or
        "wall" (clock time); the work is levelled — the least peak staffing that meets every
        deadline, then work answered as it comes under that peak — never staffed outside working
        hours; "opening_backlog": N contacts, or "history" (default: what a levelled plan of the week
        before leaves); "closing_backlog": "carry" (default: contacts due after the week stay) or
        "staff" (the week answers all of its own). staff_to staffs each interval's quantile.
        Headcount = ceil(agents / (1 − shrinkage)). In requirements.csv such rows have service_level
        (and service_level_at_mean) = 1, the share handled within the deadline (1 by construction),
        asa_seconds and abandon_rate empty, and the columns backlog (contacts waiting at the
        interval's end) and oldest_age_seconds (clock-time age of the oldest waiting contact); those
        two columns are empty for queued channels. coverage.csv leaves their service_level empty.
        Working hours that can never meet a deadline, a deadline under one interval, or working hours
        no shift template can work are refused naming the key.
        Nights: "min_contacts_per_interval": 0.5 treats intervals with fewer contacts as closed, or
        held by "night_cover": N agents; requirements.csv's last column rule says which.
        Occupancy is one definition everywhere (requirements.csv, report, erlang): busy time ÷
        staffed time (chat: busy conversation slots ÷ agents × K; deferred: work handled ÷ staffed
        time), never above 100 %. The week summary gives seats (the simultaneous peak over channels),
        FTE = agent-hours ÷ "fte_hours_per_week" (default 36), the service level of the real-time
        channels and the deferred channels' answered-within-deadline apart, and the binding
        constraint (service target, occupancy cap or deadline) per channel.
        What-if scenarios ("scenarios": [{"name": "chatbot", "volume_factor": {"calls": 0.8},
        "aht_factor": {"calls": 1.1}, "service_level": "90/20", "shrinkage": 0.35}], all but name
        optional, "*" as a channel means every other channel) re-staff the same forecast (no
        re-forecast; service_level applies to queued channels, not deadlines) and give
        scenarios.csv: scenario,channel,contacts,agent_hours_required,headcount_peak — a baseline
        row per channel first, then each scenario's (agent-hours = Σ headcount × interval, as in
        weekly_staffing.csv).
        Shifts (config "shifts": lengths, start_every, breaks, tours — or full "templates" with start
        windows, days, cost, break rules and daily limits; default 8h, 6h and 4h starting on any
        half hour, shifts of 6 h or more with an unpaid 30-minute break; "shifts" inside a channel
        entry gives that channel its own) cover each interval's headcount at least cost, and among
        schedules of equal cost the one with the fewest agents outside opening hours; coverage.csv re-scores every interval's service level with the agents
        actually on the phones (scheduled heads net of breaks and shrinkage). When shifts cannot cover
        everything the plan is still published and the shortfall is listed in coverage.csv.
        The files appear together: they are written into a hidden folder beside the target and
        renamed into place only when all succeeded; a failed run publishes nothing and leaves an
        earlier plan of that week untouched. Two runs on the same DIR at once: the second exits 75.
        The same inputs rewrite identical bytes.
        "week_start": "sunday" makes the planning week run from the Sunday before the ISO week's
        Monday (YYYY-Www still names it; weekly tours follow ISO weeks).
        """
    static let options = [
        OptionSpec("config", "FILE", "the plan's JSON config (paths in it are relative to it)", presence: .required),
        OptionSpec(
            "week", "YYYY-Www|next",
            "the ISO week to plan; default: the week after the last history interval;\nnext: the week after --now"),
        OptionSpec("now", "TIMESTAMP", "the time 'next' counts from (ISO 8601; default: the clock)"),
        OptionSpec("out-dir", "DIR", "where the week's folder goes (default: reports)"),
        OptionSpec(flag: "quiet", "print nothing on success (for cron); errors still go to stderr"),
        OptionSpec(
            flag: "allow-stale",
            "with --week next: plan even when the history ends more than the config's\nstale_after_days (default 14) days before the week (otherwise exit 65 with the dates)"
        ),
        OptionSpec(
            flag: "force", "accept shrinkage above 0.95 and occupancy caps below 0.05 (refused as likely typos)"),
    ]

    let configPath: String
    let weekText: String?
    let nowText: String?
    let outDir: String
    let quiet: Bool
    let allowStale: Bool
    let force: Bool

    init(_ arguments: ParsedArguments) throws {
        configPath = try arguments.required("config")
        weekText = arguments.value("week")
        if let weekText, weekText != "next", PlanWeek.parse(weekText) == nil {
            throw CLIError.usage(
                "--week: '\(weekText)' is not an ISO week of the form YYYY-Www that exists in 1970–2100 (e.g. 2003-W36), nor 'next'"
            )
        }
        nowText = arguments.value("now")
        if nowText != nil, weekText != "next" { throw CLIError.usage("--now only applies with --week next") }
        outDir = arguments.value("out-dir") ?? "reports"
        quiet = arguments.has("quiet")
        allowStale = arguments.has("allow-stale")
        force = arguments.has("force")
    }

    func run() throws {
        try PublishLock.holding(outDir) { lock in try plan(holding: lock) }
    }

    func plan(holding lock: PublishLock) throws {
        let config = try PlanConfigReader.load(path: configPath, force: force)
        let week: WeeklyPlanner.WeekChoice
        switch weekText {
        case nil: week = .afterHistory
        case "next":
            let now =
                try nowText.map { text throws(CLIError) in
                    try parseInstant(text, flag: "now", calendar: config.calendar)
                }
                ?? Int64(Date().timeIntervalSince1970)
            week = .after(now)
        case let text?:
            guard let given = PlanWeek.parse(text, firstWeekday: config.weekStart) else {
                throw CLIError.usage("--week: '\(text)' is not an ISO week")
            }
            week = .week(given)
        }
        let (progress, warning) = Console.planningListeners(quiet: quiet)
        let plan = try WeeklyPlanner.plan(
            config, week: week, allowStale: allowStale, progress: progress, warning: warning)
        Console.progressDone()
        let target = try WeekPublisher(lock: lock, label: plan.week.label).publish(
            PlanFiles.render(plan, version: StaffcastCommand.version))
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
            try Console.out(line)
        }
    }
}
