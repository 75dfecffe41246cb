import Foundation
import Planning
import Reports
import Scheduling
import StaffcastCore

/// `staffcast schedule`: shifts that cover a requirements file at least agent-hours.
struct ScheduleCommand: Command {
    static let name = "schedule"
    static let abstract = "shifts covering a requirements CSV at least agent-hours, with coverage"
    static let discussion = """
        Reads a requirements CSV (timestamp,channel,…,headcount,…, as `staff` writes it) and chooses
        how many agents start each shift so every interval's headcount is covered at least cost:
        the LP relaxation by a simplex, then rounding and local improvement. Shifts lie within one
        local day (--timezone) and may start on any multiple of --start-every from midnight. Unless
        --no-breaks, shifts of 6 hours or more get one unpaid 30-minute break, placed by the solver
        at least 2 hours after the start and ending at least 2 hours before the end; agents on break
        do not count as covering. The LP lower bound, the agent-hours and the gap go to stdout.

        With --tours, agents work weekly tours instead of independent daily shifts: the same start
        time on 5 days of each ISO week (Monday first) with 2 consecutive days off (Sun–Mon
        included). Each working day's break is fixed at the middle of its window. In a partial week
        at the edge of the file a tour works only the days present.

        Schedule columns: date,channel,shift_start,shift_end,break_start,break_end,agents (one row per
        shift start and break placement; break fields empty without a break). With --tours, one row per
        working day of each tour and a last column `tour` naming it (template, start, days off, e.g.
        `8h 08:00 off Sat-Sun`); the agents of a tour are the same on each of its rows.
        Coverage columns: timestamp,channel,required,scheduled,gap (gap = scheduled − required), and
        service_level when the requirements have contacts and aht_seconds columns and --sl-seconds is
        given: Erlang C with the scheduled agents × (1 − shrinkage), the same scorer as `plan`'s
        coverage.csv.
        """
    static let options = [
        OptionSpec(
            "requirements", "FILE", "requirements CSV with timestamp, channel and headcount columns",
            presence: .required),
        OptionSpec(
            "shifts", "D,D,…", "shift lengths, e.g. 8h,6h,4h (each within a day)", presence: .alternative("shifts")),
        OptionSpec("start-every", "D", "start granularity (default 30m)"),
        OptionSpec(flag: "no-breaks", "shifts without breaks"),
        OptionSpec(flag: "tours", "weekly tours: 5 days at one start time, 2 consecutive days off"),
        OptionSpec("interval", "D", "interval length (default: the spacing of the timestamps)"),
        OptionSpec("timezone", "TZ", "zone of the local days and output offsets (default: the config's, else UTC)"),
        OptionSpec("sl-seconds", "T", "answer-time target for the re-scored service level"),
        OptionSpec("shrinkage", "F", "share of scheduled time off the phones for the re-scoring, in [0, 1)"),
        OptionSpec("out", "FILE", "schedule CSV", presence: .required),
        OptionSpec("coverage", "FILE", "coverage CSV"),
        OptionSpec(
            "config", "FILE",
            "take the shift templates, tours and time zone from a plan config's\n\"shifts\" and \"timezone\" (start windows, days, costs, break rules, limits)",
            presence: .alternative("shifts")),
    ]

    let requirementsPath: String
    let templates: [ShiftTemplate]
    let tours: Bool
    let intervalSeconds: Int?
    let calendar: PlanningCalendar
    let targetSeconds: Double?
    let shrinkage: Double
    let outPath: String
    let coveragePath: String?

    init(_ arguments: ParsedArguments) throws {
        requirementsPath = try arguments.required("requirements")
        outPath = try arguments.required("out")
        coveragePath = arguments.value("coverage")
        if coveragePath == outPath { throw CLIError.usage("--coverage and --out name the same file") }
        var config: PlanConfig? = nil
        if let configPath = arguments.value("config") {
            for flag in ["shifts", "start-every", "no-breaks"] where arguments.has(flag) {
                throw CLIError.usage(
                    "--\(flag) cannot be combined with --config; the config's \"shifts\" gives the templates")
            }
            let loaded = try PlanConfigReader.load(path: configPath, requiresHistory: false)
            templates = loaded.shifts.templates
            tours = loaded.shifts.tours || arguments.has("tours")
            config = loaded
        } else {
            guard let shiftsText = arguments.value("shifts") else {
                throw CLIError.usage("give the shifts: --shifts 8h,6h,4h, or --config FILE with a \"shifts\" section")
            }
            var lengths: [Int] = []
            for item in shiftsText.split(separator: ",", omittingEmptySubsequences: false) {
                let text = item.trimmingCharacters(in: .whitespaces)
                guard let length = Durations.parse(text) else {
                    throw CLIError.usage("--shifts: expected shift lengths such as 8h,6h,4h, got '\(text)'")
                }
                lengths.append(length)
            }
            let startEvery = try arguments.duration("start-every") ?? 1800
            templates = try ShiftSettings.templates(
                lengths: lengths, startEvery: startEvery, breaks: !arguments.has("no-breaks"), source: "--shifts")
            tours = arguments.has("tours")
        }
        intervalSeconds = try arguments.duration("interval")
        if let zone = arguments.value("timezone") {
            do { calendar = try PlanningCalendar(identifier: zone) } catch {
                throw CLIError.usage("--timezone: " + error.description)
            }
        } else {
            calendar = config?.calendar ?? .utc
        }
        targetSeconds = try arguments.double("sl-seconds")
        if let targetSeconds, targetSeconds < 0 {
            throw CLIError.usage("--sl-seconds: expected a non-negative number of seconds")
        }
        shrinkage = try arguments.double("shrinkage") ?? 0
        guard shrinkage >= 0, shrinkage < 1 else {
            throw CLIError.usage("--shrinkage: expected a share in [0, 1), got \(shrinkage)")
        }
        if arguments.has("shrinkage"), targetSeconds == nil {
            throw CLIError.usage("--shrinkage needs --sl-seconds (it only affects the re-scored service level)")
        }
    }

    func run() throws {
        let result = try RequirementsFile.read(path: requirementsPath, calendar: calendar)
            .schedule(
                templates: templates, tours: tours, intervalSeconds: intervalSeconds, calendar: calendar,
                targetSeconds: targetSeconds, shrinkage: shrinkage)
        let scheduleText = ScheduleFile.write(result.schedule, calendar: calendar, tours: tours)
        let coverageText = CoverageFile.write(result.coverage, calendar: calendar, serviceLevel: result.scored)
        if let coveragePath { try AtomicFile.write(coverageText, to: coveragePath) }
        try AtomicFile.write(scheduleText, to: outPath)
        try Console.out(ScheduleTable.summary(result.schedule))
    }
}
