import StaffcastCore
import Queueing
import Reports

/// `staffcast erlang`: agents for one interval, or the metrics of a given staffing.
struct ErlangCommand: Command {
    static let name = "erlang"
    static let abstract = "agents needed for one interval (Erlang C), or the service a given staffing gives"
    static let help = """
    --contacts N --interval D --aht SECONDS (--sl P/T | --asa SECONDS | --max-abandon F) [--agents N] [--max-occupancy F] [--shrinkage F] [--patience SECONDS] [--json]

    Without --agents: the fewest agents meeting every target (service level, ASA, abandonment,
    occupancy cap) by exact Erlang C (M/M/N, nobody hangs up) or, with --patience, Erlang A
    (M/M/N+M: callers abandon after an exponential patience; the service level counts only
    contacts answered within T, over all offered). With --agents: the metrics of that staffing.
    headcount = ceil(agents / (1 − shrinkage)).

      --contacts N          contacts offered in the interval
      --interval D          interval length: 15m, 30m, 1h
      --aht SECONDS         average handle time in seconds
      --sl P/T              service-level target: P % answered within T seconds (80/20)
      --asa SECONDS         average-speed-of-answer target in seconds
      --agents N            evaluate this many productive agents instead of solving
      --max-occupancy F     occupancy cap, a fraction in (0, 1] (e.g. 0.85)
      --shrinkage F         share of paid time off the phones, in [0, 1) (e.g. 0.3)
      --patience SECONDS    mean time callers wait before hanging up (Erlang A)
      --max-abandon F       highest acceptable share of abandoned contacts, in (0, 1) (needs --patience)
      --json                one JSON object: agents, headcount, service_level, asa_seconds, prob_wait, occupancy, …
    """
    static let options = [OptionSpec("contacts"), OptionSpec("interval"), OptionSpec("aht"), OptionSpec("sl"), OptionSpec("asa"),
                          OptionSpec("agents"), OptionSpec("max-occupancy"), OptionSpec("shrinkage"), OptionSpec("patience"), OptionSpec("max-abandon"),
                          OptionSpec("json", value: false)]

    let contacts: Double
    let intervalSeconds: Int
    let ahtSeconds: Double
    let target: StaffingTarget
    let agents: Int?
    let json: Bool

    init(_ arguments: ParsedArguments) throws(CLIError) {
        guard let contacts = try arguments.double("contacts") else { throw .usage("missing required option --contacts") }
        guard contacts >= 0, contacts <= 1e9 else { throw .usage("--contacts: expected a number of contacts from 0 to 1e9, got \(contacts)") }
        guard let interval = try arguments.duration("interval") else { throw .usage("missing required option --interval") }
        guard let aht = try arguments.double("aht") else { throw .usage("missing required option --aht") }
        guard aht > 0, aht <= 86_400 else { throw .usage("--aht: expected a positive number of seconds up to 86400, got \(aht)") }
        let sl = try arguments.value("sl").map { text throws(CLIError) in
            do throws(ServiceLevelText.Invalid) { return try ServiceLevelText.parse(text) } catch { throw .usage("--sl: " + error.description) }
        }
        let asa = try arguments.double("asa")
        if let asa, asa <= 0 { throw .usage("--asa: expected a positive number of seconds, got \(asa)") }
        agents = try arguments.integer("agents", range: 0...10_000_000)
        let patience = try arguments.double("patience")
        let maxAbandon = try arguments.double("max-abandon")
        if maxAbandon != nil, patience == nil { throw .usage("--max-abandon needs --patience (abandonment is modelled only with a patience)") }
        guard sl != nil || asa != nil || maxAbandon != nil || agents != nil else {
            throw .usage("give a target: --sl P/T, --asa SECONDS or --max-abandon F (or --agents N to evaluate)")
        }
        let candidate = StaffingTarget(serviceLevel: sl?.fraction, targetSeconds: sl?.seconds ?? 0, maxASASeconds: asa,
                                       maxOccupancy: try arguments.double("max-occupancy"),
                                       shrinkage: try arguments.double("shrinkage") ?? 0,
                                       patienceSeconds: patience, maxAbandonRate: maxAbandon)
        do throws(QueueingError) { target = try candidate.validated() } catch {
            if case let .invalidParameter(name, message) = error {
                throw .usage("--\(Self.flag(for: name)): \(message)")
            }
            throw .queueing(error)
        }
        self.contacts = contacts
        self.intervalSeconds = interval
        self.ahtSeconds = aht
        json = arguments.has("json")
    }

    /// The flag a StaffingTarget field comes from.
    static func flag(for field: String) -> String {
        ["service_level": "sl", "target_seconds": "sl", "asa_seconds": "asa", "max_occupancy": "max-occupancy",
         "shrinkage": "shrinkage", "patience_seconds": "patience", "max_abandon_rate": "max-abandon"][field] ?? field
    }

    func run() throws(CLIError) {
        let staffing: Staffing
        if let agents {
            let metrics = StaffingStep.metrics(contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds,
                                               agents: agents, target: target)
            staffing = Staffing(agents: agents, headcount: Headcount.scheduled(agents: agents, shrinkage: target.shrinkage), metrics: metrics)
        } else {
            staffing = try queueing { () throws(QueueingError) in
                try StaffingSolver.solve(contacts: contacts, intervalSeconds: Double(intervalSeconds), ahtSeconds: ahtSeconds, target: target)
            }
        }
        let m = staffing.metrics
        if json {
            let object: JSONValue = .object([
                ("agents", .integer(staffing.agents)),
                ("headcount", .integer(staffing.headcount)),
                ("traffic_erlangs", .number(m.trafficErlangs, fractionDigits: 9)),
                ("service_level", .number(m.serviceLevel, fractionDigits: 9)),
                ("target_seconds", .number(target.targetSeconds, fractionDigits: 3)),
                ("asa_seconds", m.asaSeconds.isFinite ? .number(m.asaSeconds, fractionDigits: 6) : .null),
                ("prob_wait", .number(m.probWait, fractionDigits: 9)),
                ("occupancy", .number(m.occupancy, fractionDigits: 9)),
                ("mean_queue_length", m.meanQueueLength.isFinite ? .number(m.meanQueueLength, fractionDigits: 6) : .null),
                ("abandon_rate", m.abandonRate.map { .number($0, fractionDigits: 9) } ?? .null),
                ("stable", .bool(target.patienceSeconds != nil || Double(staffing.agents) > m.trafficErlangs || m.trafficErlangs == 0)),
            ])
            Console.out(object.render() + "\n")
            return
        }
        var text = ""
        text += "traffic          \(NumberFormat.plain(m.trafficErlangs, maxFractionDigits: 4)) Erlangs\n"
        text += "agents           \(staffing.agents)\(agents == nil ? " (fewest meeting every target)" : "")\n"
        text += "headcount        \(staffing.headcount) (shrinkage \(NumberFormat.plain(100 * target.shrinkage, maxFractionDigits: 2)) %)\n"
        text += "service level    \(NumberFormat.plain(100 * m.serviceLevel, maxFractionDigits: 2)) % within \(NumberFormat.plain(target.targetSeconds, maxFractionDigits: 2)) s\n"
        text += "ASA              \(m.asaSeconds.isFinite ? NumberFormat.plain(m.asaSeconds, maxFractionDigits: 2) + " s" : "unbounded (agents ≤ traffic: the queue grows without limit)")\n"
        text += "probability wait \(NumberFormat.plain(100 * m.probWait, maxFractionDigits: 2)) %\n"
        text += "occupancy        \(NumberFormat.plain(100 * m.occupancy, maxFractionDigits: 2)) %\n"
        if let abandon = m.abandonRate {
            text += "abandoned        \(NumberFormat.plain(100 * abandon, maxFractionDigits: 2)) % (mean patience \(NumberFormat.plain(target.patienceSeconds ?? 0, maxFractionDigits: 1)) s)\n"
        }
        Console.out(text)
    }
}
