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
        Reads the JSON config (history, timezone, per-channel targets, shifts; optionally input, scenarios,
        team, …), forecasts the week, finds the agents every interval needs, covers them with shifts and
        writes into DIR/YYYY-Www/, all together or nothing:
          forecast.csv, requirements.csv, schedule.csv, coverage.csv, weekly_staffing.csv, report.html,
          manifest.json; scenarios.csv with "scenarios", roster.csv and its companions with "team"
        A second run on the same DIR while one is running exits 75; the same inputs rewrite identical bytes.
        Every config key with its defaults and bounds, the AHT forecast, chat and deferred work, shifts,
        scenarios and the columns of every file: docs/plan-config.md (README: "The plan config").
        """
    static let examples = [
        "staffcast plan --config datasets/bank_demo.json --week 2003-W36",
        "staffcast plan --config site.json --week next --out-dir /srv/staffcast/reports --quiet",
    ]
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
        // Reading, forecasting and scheduling are measured inside; the rest of the plan is staffing.
        let plan = try StageProfile.measure(.staff) { () throws(PlanningError) in
            try WeeklyPlanner.plan(
                config, week: week, allowStale: allowStale, outputFolder: outDir, progress: progress, warning: warning)
        }
        Console.progressDone()
        let target = try StageProfile.measure(.write) { () throws(CoreError) in
            try WeekPublisher(lock: lock, label: plan.week.label).publish(
                PlanFiles.render(plan, version: StaffcastCommand.version))
        }
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
