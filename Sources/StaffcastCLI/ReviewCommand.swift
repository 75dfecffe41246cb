import Foundation
import Planning
import Queueing
import Reports
import StaffcastCore

/// `staffcast review`: a published week against what happened.
struct ReviewCommand: Command {
    static let name = "review"
    static let abstract = "after the week: a published plan against the actuals (accuracy, service level, agent-hours)"
    static let discussion = """
        Reads the plan folder written by `staffcast plan` (manifest.json and the files it hashes: an
        edited file is refused) and the actuals, a history CSV read like --history (same layouts and
        input-mapping flags; the time zone and interval are the plan's, finer rows are summed). The
        actuals must have exactly the plan's channels and known intervals in its week; rows outside
        the week are ignored (a whole history file may be given).
        Writes, each file atomically and only once everything is computed:
          review.csv            channel,date,contacts_forecast,contacts_actual,intervals,wape,bias,
                                coverage80,coverage95,service_level,service_measure,
                                over_agent_hours,under_agent_hours — per local day, then the week
                                (date = YYYY-Www)
          review_intervals.csv  timestamp,channel,forecast,lo80,hi80,lo95,hi95,actual,aht_seconds,
                                scheduled_heads,scheduled_agents,required_agents,agent_gap,
                                service_level — every interval of the span of actuals
          review.html           forecast vs actual, service level per interval, staffing, the table
        WAPE = Σ|actual − forecast| / Σ actual and bias = Σ(forecast − actual) / Σ actual (positive:
        over-forecast), over the intervals with an actual that the plan forecast or that had contacts;
        coverage80/95 = share of those intervals whose actual lies in the 80 %/95 % band.
        Service level (queued channels, service_measure "simulated"): the actual counts replayed
        (simulate --replay) against the published coverage — roster_coverage.csv when the plan has
        a roster, else coverage.csv; --coverage chooses — net of shrinkage, with the actuals' aht_seconds per interval
        where present (else the plan's), exponential handle times, the plan's patience and target
        time; seeded per channel as simulate is. Chat channels: the chat model on the actual volume
        ("chat model"). Deferred work: the share of contacts handled by their deadline in a fluid
        first-in-first-out replay of the scheduled agents ("within deadline").
        Agent-hours: scheduled agents net of shrinkage minus the agents the actual volume and handle
        time needed at the plan's target (as `staff` computes them); over = the positive part, under
        = the negative part, × interval length. Not in the manifest, so not applied: the low-volume
        rule (min_contacts_per_interval, night_cover). A later `plan` of the same week replaces the
        folder, the review files with it.
        """
    static let options =
        PublishedPlanOptions.specs(actuals: "the week") + [] + HistoryOptions.mappingSpecs + [
            OptionSpec("seed", "N", "random seed of the replay, 0 to 18446744073709551615 (default 1)"),
            OptionSpec("replications", "R", "replications of the replay, 1 to 100000 (default 10)"),
            OptionSpec("out-dir", "DIR", "where the review files go (default: the plan folder)"),
            OptionSpec(flag: "quiet", "print nothing on success"),
        ]

    let published: PublishedPlanOptions
    let options: Review.Options
    let outDir: String
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        published = try PublishedPlanOptions(arguments)
        var seed: UInt64 = 1
        if let text = arguments.value("seed") {
            guard let value = UInt64(text) else {
                throw CLIError.usage("--seed: expected a whole number from 0 to \(UInt64.max), got '\(text)'")
            }
            seed = value
        }
        let replications = try arguments.integer("replications", range: 1...SimulationSetup.maximumReplications) ?? 10
        options = Review.Options(seed: seed, replications: replications)
        outDir = arguments.value("out-dir") ?? published.planPath
        quiet = arguments.has("quiet")
    }

    func run() throws {
        let plan = try published.plan()
        let history = try published.actuals(for: plan)
        let review = try Review.run(plan: plan, actuals: history, actualsPath: published.actuals.path, options: options)
        for note in review.notes { Console.error("note: \(note)\n") }
        // Every file is computed before the first is written; they are published together (all of
        // them or none: an earlier review is never left half replaced).
        let files = ReviewReport.render(review)
        try AtomicFile.writeTogether(files.map { (outDir + "/" + $0.name, Data($0.text.utf8)) })
        if !quiet {
            try Console.out(
                Self.summary(review) + "→ " + files.map { outDir + "/" + $0.name }.joined(separator: ", ") + "\n")
        }
    }

    /// One line per channel: the week's accuracy, service level and agent-hours.
    static func summary(_ review: Review.Result) -> String {
        func pct(_ x: Double?) -> String { x.map { NumberFormat.plain(100 * $0, maxFractionDigits: 2) + " %" } ?? "–" }
        var text = ""
        for channel in review.channels {
            let week = channel.week
            text +=
                "\(channel.channel) \(review.label): forecast \(NumberFormat.plain(week.forecast, maxFractionDigits: 0)), "
            text +=
                "actual \(NumberFormat.plain(week.actual, maxFractionDigits: 0)) contacts, WAPE \(pct(week.wape)), bias \(pct(week.bias)), "
            text += "in 80 % band \(pct(week.coverage80)), in 95 % band \(pct(week.coverage95)); "
            text += "service level \(pct(week.serviceLevel)) (\(channel.measure.rawValue)"
            if let ci = channel.weekLevel, review.replications > 1 {
                text += ", 95 % CI \(pct(max(0, ci.lower))) to \(pct(min(1, ci.upper)))"
            }
            if let level = channel.targetLevel, let seconds = channel.targetSeconds {
                text += "; target \(pct(level)) in \(NumberFormat.plain(seconds, maxFractionDigits: 1)) s"
            }
            text += "); agent-hours over \(NumberFormat.plain(week.overAgentHours, maxFractionDigits: 1)), "
            text += "under \(NumberFormat.plain(week.underAgentHours, maxFractionDigits: 1))\n"
        }
        return text
    }
}
