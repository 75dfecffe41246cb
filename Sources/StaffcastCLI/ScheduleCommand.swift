import StaffcastCore
import Queueing
import Scheduling
import Reports

/// `staffcast schedule`: shifts that cover a requirements file at least agent-hours.
struct ScheduleCommand: Command {
    static let name = "schedule"
    static let abstract = "shifts covering a requirements CSV at least agent-hours, with coverage"
    static let help = """
    --requirements FILE (--config FILE | --shifts 8h,6h,4h [--start-every 30m] [--no-breaks] [--tours]) [--interval D] [--timezone TZ] [--sl-seconds T] [--shrinkage F] --out FILE [--coverage FILE]

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
    given: Erlang C with the scheduled agents × (1 − shrinkage).

      --requirements FILE   requirements CSV with timestamp, channel and headcount columns
      --shifts LIST         shift lengths, e.g. 8h,6h,4h (each within a day)
      --start-every D       start granularity (default 30m)
      --no-breaks           shifts without breaks
      --tours               weekly tours: 5 days at one start time, 2 consecutive days off
      --interval D          interval length (default: the spacing of the timestamps)
      --timezone TZ         zone of the local days and output offsets (default: the config's, else UTC)
      --sl-seconds T        answer-time target for the re-scored service level
      --shrinkage F         share of scheduled time off the phones for the re-scoring, in [0, 1)
      --out FILE            schedule CSV
      --coverage FILE       coverage CSV
      --config FILE         take the shift templates, tours and time zone from a plan config's
                            "shifts" and "timezone" (start windows, days, costs, break rules, limits)
    """
    static let options = [OptionSpec("requirements"), OptionSpec("config"), OptionSpec("shifts"), OptionSpec("start-every"),
                          OptionSpec("no-breaks", value: false), OptionSpec("tours", value: false), OptionSpec("interval"),
                          OptionSpec("timezone"), OptionSpec("sl-seconds"), OptionSpec("shrinkage"),
                          OptionSpec("out"), OptionSpec("coverage")]

    let requirementsPath: String
    let templates: [ShiftTemplate]
    let tours: Bool
    let intervalSeconds: Int?
    let calendar: PlanningCalendar
    let targetSeconds: Double?
    let shrinkage: Double
    let outPath: String
    let coveragePath: String?

    init(_ arguments: ParsedArguments) throws(CLIError) {
        requirementsPath = try arguments.required("requirements")
        outPath = try arguments.required("out")
        coveragePath = arguments.value("coverage")
        if coveragePath == outPath { throw .usage("--coverage and --out name the same file") }
        var config: PlanConfig? = nil
        if let configPath = arguments.value("config") {
            for flag in ["shifts", "start-every", "no-breaks"] where arguments.has(flag) {
                throw .usage("--\(flag) cannot be combined with --config; the config's \"shifts\" gives the templates")
            }
            let loaded = try PlanConfig.load(path: configPath)
            templates = loaded.shifts.templates
            tours = loaded.shifts.tours || arguments.has("tours")
            config = loaded
        } else {
            guard let shiftsText = arguments.value("shifts") else {
                throw .usage("give the shifts: --shifts 8h,6h,4h, or --config FILE with a \"shifts\" section")
            }
            var lengths: [Int] = []
            for item in shiftsText.split(separator: ",", omittingEmptySubsequences: false) {
                let text = item.trimmingCharacters(in: .whitespaces)
                guard let length = Durations.parse(text) else {
                    throw .usage("--shifts: expected shift lengths such as 8h,6h,4h, got '\(text)'")
                }
                lengths.append(length)
            }
            templates = try ShiftPlanning.templates(lengths: lengths, startEvery: try arguments.duration("start-every") ?? 1800,
                                                    breaks: !arguments.has("no-breaks"), source: "--shifts")
            tours = arguments.has("tours")
        }
        intervalSeconds = try arguments.duration("interval")
        if let zone = arguments.value("timezone") {
            do { calendar = try PlanningCalendar(identifier: zone) } catch { throw .usage("--timezone: " + error.description) }
        } else {
            calendar = config?.calendar ?? .utc
        }
        targetSeconds = try arguments.double("sl-seconds")
        if let targetSeconds, targetSeconds < 0 { throw .usage("--sl-seconds: expected a non-negative number of seconds") }
        shrinkage = try arguments.double("shrinkage") ?? 0
        guard shrinkage >= 0, shrinkage < 1 else { throw .usage("--shrinkage: expected a share in [0, 1), got \(shrinkage)") }
        if arguments.has("shrinkage"), targetSeconds == nil { throw .usage("--shrinkage needs --sl-seconds (it only affects the re-scored service level)") }
    }

    func run() throws(CLIError) {
        let file = try RequirementsFile.read(path: requirementsPath, calendar: calendar)
        let interval: Int
        if let given = intervalSeconds { interval = given } else { interval = try file.interval() }
        try ShiftPlanning.check(templates, intervalSeconds: interval, source: "--shifts/--start-every")
        let requirements = try file.requirements(intervalSeconds: interval, calendar: calendar)
        let schedule = try ShiftPlanning.solve(requirements, templates: templates, tours: tours)
        // Intervals no shift can work are a setup error, not a schedule: report them all.
        let unreachable = schedule.uncovered.filter { $0.unreachable && file.rows[RequirementsFile.Key($0.channel, $0.instant)] != nil }
        if !unreachable.isEmpty {
            let listed = unreachable.prefix(5).map { "\($0.channel) \(calendar.format($0.instant)) needing \($0.required)" }
            throw .badData("\(requirementsPath): no shift can cover \(unreachable.count) open interval(s): "
                           + listed.joined(separator: ", ") + (unreachable.count > 5 ? ", …" : ""))
        }

        let rescore = targetSeconds != nil && file.hasWorkload
        var coverageTable = CSVTable(header: ["timestamp", "channel", "required", "scheduled", "gap"] + (rescore ? ["service_level"] : []))
        for row in schedule.coverage.sorted(by: { ($0.instant, $0.channel) < ($1.instant, $1.channel) }) {
            guard let source = file.rows[RequirementsFile.Key(row.channel, row.instant)] else { continue }
            var fields = [calendar.format(row.instant), row.channel, String(row.required), String(row.scheduled), String(row.gap)]
            if rescore, let targetSeconds {
                let onPhones = Int((Double(row.scheduled) * (1 - shrinkage) + 1e-9).rounded(.down))
                let metrics = ErlangC.metrics(contacts: source.contacts ?? 0, intervalSeconds: Double(interval),
                                              ahtSeconds: source.ahtSeconds ?? 0, agents: onPhones, targetSeconds: targetSeconds)
                fields.append(metrics.serviceLevel.isFinite ? Format.fraction(metrics.serviceLevel) : "")
            }
            coverageTable.append(fields)
        }
        let scheduleText = ShiftPlanning.scheduleCSV(schedule, calendar: calendar, tours: tours), coverageText = coverageTable.render()
        try core { () throws(CoreError) in
            if let coveragePath { try AtomicFile.write(coverageText, to: coveragePath) }
            try AtomicFile.write(scheduleText, to: outPath)
        }
        Console.out(ShiftPlanning.summary(schedule))
    }
}

/// A requirements CSV read back: headcount per channel and interval, with the workload columns
/// when present.
struct RequirementsFile {
    struct Key: Hashable {
        var channel: String
        var instant: Int64
        init(_ channel: String, _ instant: Int64) { self.channel = channel; self.instant = instant }
    }
    struct Row {
        var headcount: Int
        var contacts: Double?
        var ahtSeconds: Double?
    }

    var path: String
    var rows: [Key: Row]
    var hasWorkload: Bool

    static func read(path: String, calendar: PlanningCalendar) throws(CLIError) -> RequirementsFile {
        var csv = try HeadedCSV(path: path, expected: "with timestamp, channel and headcount")
        let column = csv.column
        guard let timeColumn = column("timestamp"), let channelColumn = column("channel"), let headcountColumn = column("headcount") else {
            throw csv.headerError("expected a header with timestamp, channel and headcount columns, got '\(csv.header.fields.joined(separator: ","))'")
        }
        let contactsColumn = column("contacts"), ahtColumn = column("aht_seconds")
        let decimalComma = csv.allowsDecimalComma
        var rows: [Key: Row] = [:]
        var lines: [Key: Int] = [:]
        while let record = try csv.next() {
            let instant = try csv.instant(record, timeColumn, calendar: calendar)
            let key = Key(record.fields[channelColumn], instant)
            if let earlier = lines[key] {
                throw .core(.badData(record.location(ofField: timeColumn),
                                     "duplicate of line \(earlier): \(key.channel) at \(record.fields[timeColumn])"))
            }
            lines[key] = record.line
            let text = record.fields[headcountColumn].trimmingCharacters(in: .whitespaces)
            guard let headcount = Int(text), headcount >= 0, headcount <= 1_000_000 else {
                throw .core(.badData(record.location(ofField: headcountColumn),
                                     "expected a whole, non-negative number of agents, got '\(record.fields[headcountColumn])'"))
            }
            func number(_ index: Int?) throws(CLIError) -> Double? {
                guard let index else { return nil }
                switch DecimalParser.parse(record.fields[index], allowDecimalComma: decimalComma) {
                case let .success(x) where x.isFinite && x >= 0: return x
                default:
                    throw .core(.badData(record.location(ofField: index), "expected a non-negative number, got '\(record.fields[index])'"))
                }
            }
            rows[key] = Row(headcount: headcount, contacts: try number(contactsColumn), ahtSeconds: try number(ahtColumn))
        }
        guard !rows.isEmpty else { throw .core(.badFile(path: path, "has a header but no requirement rows")) }
        return RequirementsFile(path: path, rows: rows, hasWorkload: contactsColumn != nil && ahtColumn != nil)
    }

    /// The greatest common divisor of the gaps between a channel's consecutive timestamps.
    func interval() throws(CLIError) -> Int {
        var divisor: Int64 = 0
        for instants in Dictionary(grouping: rows.keys, by: \.channel).values {
            let sorted = instants.map(\.instant).sorted()
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                var (x, y) = (b - a, divisor)
                while y != 0 { (x, y) = (y, x % y) }
                divisor = x
            }
        }
        guard divisor > 0, divisor <= 86_400, 86_400 % divisor == 0 else {
            throw .usage("\(path): cannot tell the interval from the timestamps; give --interval")
        }
        return Int(divisor)
    }

    /// Requirements per channel and local day; intervals missing from the file need no agents.
    func requirements(intervalSeconds interval: Int, calendar: PlanningCalendar) throws(CLIError) -> [ChannelRequirement] {
        try ShiftPlanning.requirements(rows.map { (channel: $0.key.channel, instant: $0.key.instant, headcount: $0.value.headcount) },
                                       intervalSeconds: interval, calendar: calendar, source: path)
    }
}
