import Planning
import StaffcastCore

/// The flags `review` and `reforecast` share: the published week's folder, which coverage to hold
/// against the actuals, and the actuals file with the input-mapping flags. The actuals are read in
/// the plan's zone and interval (from its manifest).
struct PublishedPlanOptions {
    /// `--plan`, `--coverage` and `--actuals`; `actuals` describes what the actuals file holds.
    static func specs(actuals: String) -> [OptionSpec] {
        [
            OptionSpec("plan", "DIR", "the published week's folder (reports/YYYY-Www)", presence: .required),
            OptionSpec(
                "coverage", "roster|shifts",
                "the staffing to hold against the actuals: the roster's named agents\n(roster_coverage.csv; the default when the plan has a roster) or the shift\nschedule's heads (coverage.csv)"
            ),
            OptionSpec(
                "actuals", "FILE",
                "history CSV of \(actuals): timestamp,channel,contacts[,aht_seconds] or timestamp,<value>",
                presence: .required),
        ]
    }

    let planPath: String
    let coverage: PublishedPlan.Coverage?
    let actuals: HistoryOptions

    init(_ arguments: ParsedArguments) throws {
        planPath = try arguments.required("plan")
        coverage = try arguments.value("coverage").map { text throws(CLIError) in
            guard let choice = PublishedPlan.Coverage(rawValue: text) else {
                throw CLIError.usage("--coverage: expected roster or shifts, got '\(text)'")
            }
            return choice
        }
        actuals = try HistoryOptions(arguments, pathFlag: "actuals")
    }

    /// The plan folder, every file checked against its manifest.
    func plan() throws(PlanningError) -> PublishedPlan {
        try PublishedPlan.read(folder: planPath, coverage: coverage)
    }

    /// The actuals, read in `plan`'s zone and interval.
    func actuals(for plan: PublishedPlan) throws(CoreError) -> ContactHistory {
        var reader = actuals
        reader.options.calendar = plan.calendar
        reader.options.intervalSeconds = plan.intervalSeconds
        // An interval missing some of its finer rows is not an actual: left out and named.
        reader.options.incompleteIntervals = .unknown
        reader.timezoneGiven = true
        return try reader.read()
    }
}
