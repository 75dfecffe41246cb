import Planning
import Queueing
import Reports
import StaffcastCore

/// `staffcast simulate`: a discrete-event check of a staffing plan against arrivals.
struct SimulateCommand: Command {
    static let name = "simulate"
    static let abstract = "simulate a staffing plan against arrivals: service level with a 95 % confidence interval"
    static let discussion = """
        Simulates one FIFO queue per channel, carried across interval boundaries: arrivals within
        each interval are Poisson at the interval's rate (or, with --replay, exactly the interval's
        count at uniform random times); handle times exponential with mean --aht, or lognormal with
        coefficient of variation --aht-cv; with --patience, callers hang up after an exponential
        patience. The staffing file gives the agents on duty per interval; after the last interval
        its staff stays on until the queue is empty. Intervals of the arrivals without a count are
        simulated as empty; every interval with contacts needs a staffing row. Seeded: the same inputs and --seed give the same
        bytes. Output per interval (means over replications, over the contacts arriving in it):
        timestamp,channel,offered,answered,abandoned,service_level,asa_seconds,occupancy.
        service_level = answered within T / offered (abandons never count as in time); asa_seconds =
        mean wait of answered contacts; occupancy = busy / staffed agent time. Standard output: per
        channel and overall, the service level with its 95 % confidence interval (Student t over
        the replications).

        When the staffing drops at an interval boundary, idle agents leave first; if too few are
        idle, the busy agents whose contacts would end last leave, so the agents who stay are the
        ones free soonest. --departure says what those busy leavers do:
          finish    (default) they finish the contact they are on and then leave, taking no new
                    work; that overrun counts as staffed, busy time in the next interval
          preempt   they leave at the boundary; their contacts go back to the head of the queue and
                    the next free agent resumes them with the work left
        """
    static let options = [
        OptionSpec(
            "arrivals", "FILE", "history CSV: timestamp,channel,contacts or timestamp,<value> (one channel)",
            presence: .required),
        OptionSpec(
            "staffing", "FILE", "CSV timestamp[,channel],agents (without channel: the arrivals' only channel)",
            presence: .required),
        OptionSpec("aht", "SECONDS", "mean handle time in seconds", presence: .required),
        OptionSpec("aht-cv", "F", "coefficient of variation of handle times: lognormal (default: exponential, CV 1)"),
        OptionSpec("patience", "SECONDS", "mean patience before hanging up, exponential (default: nobody hangs up)"),
        OptionSpec("sl-seconds", "T", "service-level threshold in seconds", presence: .required),
        OptionSpec("seed", "N", "random seed, 0 to 18446744073709551615 (default 1)"),
        OptionSpec("replications", "R", "independent replications, 1 to 100000 (default 10)"),
        OptionSpec("departure", "finish|preempt", "finish (default) or preempt: see above"),
        OptionSpec(flag: "replay", "replay the exact counts instead of Poisson arrivals"),
        OptionSpec("timezone", "TZ", "IANA zone for timestamps without offset and for the output (default UTC)"),
        OptionSpec("out", "FILE|-", "output CSV", presence: .required),
    ]

    let arrivalsPath: String
    let staffingPath: String
    let outPath: String
    let calendar: PlanningCalendar
    /// Everything but the intervals, checked once here so bad flags fail before any reading.
    let template: SimulationSetup

    init(_ arguments: ParsedArguments) throws {
        arrivalsPath = try arguments.required("arrivals")
        staffingPath = try arguments.required("staffing")
        outPath = try arguments.required("out")
        guard let aht = try arguments.double("aht") else { throw CLIError.usage("missing required option --aht") }
        guard aht > 0, aht <= 86_400 else {
            throw CLIError.usage("--aht: expected a positive number of seconds up to 86400, got \(aht)")
        }
        guard let target = try arguments.double("sl-seconds") else {
            throw CLIError.usage("missing required option --sl-seconds")
        }
        let handleTime: SimulationSetup.HandleTime
        if let cv = try arguments.double("aht-cv") {
            handleTime = .lognormal(meanSeconds: aht, cv: cv)
        } else {
            handleTime = .exponential(meanSeconds: aht)
        }
        var seed: UInt64 = 1
        if let text = arguments.value("seed") {
            guard let value = UInt64(text) else {
                throw CLIError.usage("--seed: expected a whole number from 0 to \(UInt64.max), got '\(text)'")
            }
            seed = value
        }
        let replications = try arguments.integer("replications", range: 1...SimulationSetup.maximumReplications) ?? 10
        var departure = SimulationSetup.Departure.finish
        if let text = arguments.value("departure") {
            guard let value = SimulationSetup.Departure(rawValue: text) else {
                throw CLIError.usage("--departure: expected finish or preempt, got '\(text)'")
            }
            departure = value
        }
        do { calendar = try PlanningCalendar(identifier: arguments.value("timezone") ?? "UTC") } catch {
            throw CLIError.usage("--timezone: " + error.description)
        }
        let setup = SimulationSetup(
            intervalSeconds: 1800, contacts: [], agents: [], handleTime: handleTime,
            patienceSeconds: try arguments.double("patience"), targetSeconds: target,
            arrivals: arguments.has("replay") ? .replay : .poisson, departure: departure,
            seed: seed, replications: replications)
        do throws(QueueingError) { template = try setup.validated() } catch {
            if case .invalidParameter(let name, let message) = error {
                throw CLIError.usage("--\(Self.flag(for: name)): \(message)")
            }
            throw error
        }
    }

    /// The flag a simulation parameter comes from.
    static func flag(for parameter: QueueingParameter) -> String {
        switch parameter {
        case .ahtSeconds: return "aht"
        case .ahtCV: return "aht-cv"
        case .patienceSeconds: return "patience"
        case .targetSeconds: return "sl-seconds"
        case .replications: return "replications"
        default: return parameter.rawValue
        }
    }

    func run() throws {
        let history = try HistoryReader.read(path: arrivalsPath, options: HistoryReadOptions(calendar: calendar))
        for warning in history.warnings { Console.error("warning: \(warning)\n") }
        let staffing = try StaffingFile.read(path: staffingPath, calendar: calendar, channels: history.channels)
        let result = try ArrivalReplay.run(
            arrivals: history, arrivalsPath: arrivalsPath, staffing: staffing, template: template, calendar: calendar)
        let table = CSVTable(
            header: [
                "timestamp", "channel", "offered", "answered", "abandoned", "service_level",
                "asa_seconds", "occupancy",
            ],
            rows: result.intervals.map { row in
                [
                    calendar.format(row.instant), row.channel, Format.volume(row.interval.offered),
                    Format.volume(row.interval.answered),
                    Format.volume(row.interval.abandoned), Format.fraction(row.interval.serviceLevel),
                    Format.seconds(row.interval.asaSeconds),
                    Format.fraction(row.interval.occupancy),
                ]
            })
        var summary = ""
        for channel in result.channels + (result.overall.map { [$0] } ?? []) {
            summary += Self.line(
                label: channel.channel, channel.serviceLevel, offered: channel.offered, abandoned: channel.abandoned,
                replications: template.replications)
        }
        try AtomicFile.write(table.render(), to: outPath)
        if outPath == "-" { Console.error(summary) } else { try Console.out(summary) }
    }

    /// "phone: service level 0.8841 (95 % CI 0.8790 to 0.8892; 10 replications), offered 4800.2 per replication, abandoned 1.20 %"
    static func line(label: String, _ level: ConfidenceInterval, offered: Double, abandoned: Double?, replications: Int)
        -> String
    {
        func four(_ x: Double) -> String { NumberFormat.plain(x, maxFractionDigits: 4, minFractionDigits: 4) }
        var text = "\(label): service level \(four(level.mean))"
        if replications > 1 {
            text +=
                " (95 % CI \(four(max(0, level.lower))) to \(four(min(1, level.upper))); \(replications) replications)"
        } else {
            text += " (one replication: no confidence interval; use --replications)"
        }
        text += ", offered \(Format.volume(offered))" + (replications > 1 ? " per replication" : "")
        if let abandoned, offered > 0 {
            text += ", abandoned \(NumberFormat.plain(100 * abandoned / offered, maxFractionDigits: 2)) %"
        }
        return text + "\n"
    }
}
