import Foundation
import Planning
import Reports
import StaffcastCore

/// `staffcast capacity`: required against available FTE for up to 26 weeks, and the hiring plan,
/// published into `DIR/capacity-YYYY-Www/` all at once or not at all.
struct CapacityCommand: Command {
    static let name = "capacity"
    static let abstract = "required and available FTE per week up to 26 weeks ahead, and the hiring plan"
    static let discussion = """
        Reads the plan's JSON config with a "capacity" object:
          "capacity": { "headcount": {"phone": 38, "chat": 20, …},   productive FTE per channel today
                        "attrition_per_week": 0.004,                  share leaving per week, in [0, 1)
                        "training_weeks": 3,                          a new hire takes no contacts
                        "ramp_up": [0.5, 0.75],                       then works at these shares, a week each
                        "hire_fte": 1, "quantile": "p80",             FTE of a hire; gap closed at p50|p80|p95
                        "hire_every_weeks": 4,                        classes start every N weeks (default 1)
                        "shrinkage_by_month": {"11": 0.33},           replaces a channel's shrinkage that month
                        "hires": [{"channel": "phone", "start": "2025-10-06", "count": 6}] }
        forecasts every channel over the N planning weeks from --from (history before that week only),
        staffs every interval as `plan` does (at p50 and at p80), and totals each week's required FTE =
        Σ agents × interval ÷ (1 − shrinkage of the month) ÷ fte_hours_per_week (default 36). The team's
        available FTE falls by attrition each week and rises with the planned hires after training.
        Where the required FTE at the quantile exceeds it, the plan recommends a cohort started as late
        as training and ramp-up allow to be at full output that week; weeks sooner than a hire started
        now can reach at full output get no cohort of their own, and what they are still short is
        listed as "too late" (cover it with overtime, temporary agents or a lower target).
        Writes into DIR/capacity-YYYY-Www/: capacity.csv (week, week_start, channel, forecast, lo80,
        hi80, lo95, hi95, required_fte_p50, required_fte_p80, available_fte, gap_fte,
        available_fte_with_hires, gap_fte_with_hires), hiring_plan.csv (channel, start_week,
        start_date, hires, fte, takes_contacts_from, full_output_from, for_week, source),
        capacity.html (required band against available, hiring starts marked) and manifest.json.
        A week's forecast range is the sum of its intervals' bounds. Refused: more than 26 weeks, a
        hire before the first week, attrition outside [0, 1), a channel without headcount; a history
        shorter than a year gives a warning (the yearly peak is not learned from it).
        """
    static let options = [
        OptionSpec("config", "FILE", "the plan's JSON config with a \"capacity\" object", presence: .required),
        OptionSpec("from", "YYYY-Www", "the first planning week", presence: .required),
        OptionSpec("weeks", "N", "how many weeks, 1–26", presence: .required),
        OptionSpec("out-dir", "DIR", "where the plan's folder goes (default: reports)"),
        OptionSpec(flag: "quiet", "print nothing on success (for cron); errors still go to stderr"),
        OptionSpec(
            flag: "force", "accept shrinkage above 0.95 and occupancy caps below 0.05 (refused as likely typos)"),
    ]

    let configPath: String
    let fromText: String
    let weeks: Int
    let outDir: String
    let quiet: Bool
    let force: Bool

    init(_ arguments: ParsedArguments) throws {
        configPath = try arguments.required("config")
        fromText = try arguments.required("from")
        guard PlanWeek.parse(fromText) != nil else {
            throw CLIError.usage(
                "--from: '\(fromText)' is not an ISO week of the form YYYY-Www that exists in 1970–2100 (e.g. 2025-W40)"
            )
        }
        let weeksText = try arguments.required("weeks")
        guard let weeks = Int(weeksText), (1...CapacityPlanner.maximumWeeks).contains(weeks) else {
            throw CLIError.usage(
                "--weeks: expected a whole number of weeks from 1 to \(CapacityPlanner.maximumWeeks), got '\(weeksText)'; a capacity plan does not reach further than the forecast supports"
            )
        }
        self.weeks = weeks
        outDir = arguments.value("out-dir") ?? "reports"
        quiet = arguments.has("quiet")
        force = arguments.has("force")
    }

    func run() throws {
        try PublishLock.holding(outDir) { lock in try plan(holding: lock) }
    }

    func plan(holding lock: PublishLock) throws {
        let config = try PlanConfigReader.load(path: configPath, force: force)
        guard let from = PlanWeek.parse(fromText, firstWeekday: config.weekStart) else {
            throw CLIError.usage("--from: '\(fromText)' is not an ISO week")
        }
        let (progress, warning) = Console.planningListeners(quiet: quiet)
        // Reading and forecasting are measured inside; the rest of the plan is staffing.
        let plan = try StageProfile.measure(.staff) { () throws(PlanningError) in
            try CapacityPlanner.plan(config, from: from, weeks: weeks, progress: progress, warning: warning)
        }
        Console.progressDone()
        let target = try StageProfile.measure(.write) { () throws(CoreError) in
            try WeekPublisher(lock: lock, label: "capacity-" + from.label)
                .publish(CapacityFiles.render(plan, version: StaffcastCommand.version))
        }
        guard !quiet else { return }
        var text = ""
        for channel in plan.channels {
            let rows = plan.rows.filter { $0.channel == channel }
            let worst = rows.max { $0.gap < $1.gap }
            let hires = plan.hiring.filter { $0.channel == channel && !$0.planned && $0.startWeek != nil }
            text +=
                "\(channel): required \(fte(rows.map(\.requiredP50).min() ?? 0))–\(fte(rows.map(\.requiredP80).max() ?? 0)) FTE"
            if let worst, worst.gap > 0 {
                text +=
                    ", short \(fte(worst.gap)) FTE at \(plan.settings.quantile.rawValue) in \(worst.week.label) without new hires"
            }
            let tooLate = plan.hiring.filter { $0.channel == channel }.flatMap(\.tooLate)
            if hires.isEmpty && tooLate.isEmpty {
                text += "; no hires needed\n"
            } else if hires.isEmpty {
                // Short weeks that no hire reaches in time: say what they need instead.
                text +=
                    "; no hire reaches \(tooLate.count) short week\(tooLate.count == 1 ? "" : "s") (\(tooLate.first?.label ?? "")…\(tooLate.last?.label ?? "")) in time: cover them with overtime, temporary agents, or hires started before the horizon allows\n"
            } else {
                text +=
                    "; hire " + hires.map { "\($0.count) from \($0.startWeek?.label ?? "")" }.joined(separator: ", ")
                    + "\n"
            }
        }
        try Console.out(
            text
                + "\(plan.weeks.first?.label ?? "")–\(plan.weeks.last?.label ?? ""), \(plan.channels.count) channel(s) → \(target)/\n"
        )
    }

    func fte(_ x: Double) -> String { NumberFormat.plain(x, maxFractionDigits: 1) }
}
