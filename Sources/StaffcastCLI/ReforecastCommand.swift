import Forecasting
import Planning
import Reports
import StaffcastCore

/// `staffcast reforecast`: the rest of today and tomorrow from the actuals so far.
struct ReforecastCommand: Command {
    static let name = "reforecast"
    static let abstract =
        "during the day: re-forecast the rest of today and tomorrow from the actuals so far, re-staffed"
    static let discussion = """
        Reads the plan folder written by `staffcast plan` (manifest.json and the files it hashes) and
        the actuals so far, a history CSV read like --history (same input-mapping flags; the plan's
        time zone and interval). Today is the plan's local day of --now, which must fall in the plan's
        week (else exit 64). Per channel, the plan's forecast of today's intervals and the actuals of
        those that ended by --now give a level factor (IntradayUpdate.standard: the ratio of actual to
        forecast so far, shrunk toward 1 by how little of the day has passed and by how scattered the
        interval ratios are; bounded to 0.25…4); the rest of today is the forecast × factor, tomorrow
        the forecast × 1 + 0.7 (factor − 1). Actuals of the interval in progress at --now and later are
        ignored, with a note on stderr. The actuals must have exactly the plan's channels (exit 65
        naming the missing and extra ones).
        The updated forecast (mean and bands scaled) is staffed with the plan's settings, staff_to and
        handle times, as `plan` staffs it, and set against the published coverage (roster_coverage.csv
        when the plan has a roster) net of shrinkage. Output CSV:
          timestamp,channel,planned_forecast,reforecast,required_agents,scheduled_agents,short_agents
        for the rest of today and tomorrow; agents are on the phones (heads net of shrinkage), short =
        max(0, required − scheduled). Deferred work is re-forecast but not re-staffed (required and
        short empty). Summary per channel (stdout; stderr when the CSV goes to stdout): the factor,
        the intervals short, the largest shortfall (also in heads) and the agent-hours short.
        """
    static let options =
        PublishedPlanOptions.specs(actuals: "today so far") + [
            OptionSpec(
                "now", "TIMESTAMP", "the time of the update (ISO 8601; local times in the plan's zone)",
                presence: .required)
        ] + HistoryOptions.mappingSpecs + [
            OptionSpec("out", "FILE|-", "output CSV (default -: standard output)"),
            OptionSpec(flag: "quiet", "print no summary"),
        ]

    let published: PublishedPlanOptions
    let nowText: String
    let outPath: String
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        published = try PublishedPlanOptions(arguments)
        nowText = try arguments.required("now")
        outPath = arguments.value("out") ?? "-"
        quiet = arguments.has("quiet")
    }

    func run() throws {
        let plan = try published.plan()
        let now = try parseInstant(nowText, flag: "now", calendar: plan.calendar)
        let history = try published.actuals(for: plan)
        let result = try Reforecast.run(plan: plan, actuals: history, actualsPath: published.actuals.path, now: now)
        for note in result.notes { Console.error("note: \(note)\n") }
        try AtomicFile.write(ReforecastTable.csv(result, calendar: plan.calendar), to: outPath)
        guard !quiet else { return }
        let summary = ReforecastTable.summary(result, calendar: plan.calendar)
        if outPath == "-" { Console.error(summary) } else { try Console.out(summary) }
    }
}
