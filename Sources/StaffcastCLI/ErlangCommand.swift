import StaffcastCore
import Queueing
import Reports

/// `staffcast erlang`: agents for one interval, or the metrics of a given staffing.
struct ErlangCommand: Command {
    static let name = "erlang"
    static let abstract = "agents needed for one interval (Erlang C), or the service a given staffing gives"
    static let help = """
    --contacts N --interval D --aht SECONDS (--sl P/T | --asa SECONDS | --max-abandon F) [--agents N] [--max-occupancy F] [--shrinkage F] [--patience SECONDS] [--concurrency K [--aht-by-concurrency S1,S2,…]] [--json]

    Without --agents: the fewest agents meeting every target (service level, ASA, abandonment,
    occupancy cap) by exact Erlang C (M/M/N, nobody hangs up) or, with --patience, Erlang A
    (M/M/N+M: callers abandon after an exponential patience; the service level counts only
    contacts answered within T, over all offered). With --agents: the metrics of that staffing.
    headcount = ceil(agents / (1 − shrinkage)).

    Chat and messaging (--concurrency K > 1): each agent holds up to K conversations at once and
    a conversation's handle time depends on how many its agent holds (--aht-by-concurrency gives
    the AHT at 1, 2, …, K; default --aht at every level). The agent is a server pool of capacity K
    with a state-dependent service rate (Tezcan & Zhang 2014; Koole 2013 §5.6) — not AHT / K;
    the service level is the share whose first reply comes within T, and traffic is λ·AHT(K)/K.
    K = 1 is exactly Erlang C. Abandonment is not modelled with K > 1: --patience is refused.

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
      --concurrency K       conversations an agent holds at once, a whole number from 1 to 100 (default 1)
      --aht-by-concurrency L  comma-separated AHT in seconds at concurrency 1…K (e.g. 300,360,420);
                            K defaults to the list's length
      --json                one JSON object: agents, headcount, service_level, asa_seconds, prob_wait, occupancy, …
    """
    static let options = [OptionSpec("contacts"), OptionSpec("interval"), OptionSpec("aht"), OptionSpec("sl"), OptionSpec("asa"),
                          OptionSpec("agents"), OptionSpec("max-occupancy"), OptionSpec("shrinkage"), OptionSpec("patience"), OptionSpec("max-abandon"),
                          OptionSpec("concurrency"), OptionSpec("aht-by-concurrency"), OptionSpec("json", value: false)]

    let contacts: Double
    let intervalSeconds: Int
    let ahtSeconds: Double
    let target: StaffingTarget
    /// Concurrency and per-level AHT (`policy.chatAHT` is nil for K = 1).
    let policy: ChannelPolicy
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
        let (concurrency, levels) = try Self.concurrency(arguments, patience: patience)
        self.contacts = contacts
        self.intervalSeconds = interval
        self.ahtSeconds = concurrency == 1 ? levels?.first ?? aht : aht
        policy = ChannelPolicy(ahtSeconds: self.ahtSeconds, target: target, concurrency: concurrency,
                               ahtByConcurrency: concurrency > 1 ? levels : nil)
        json = arguments.has("json")
    }

    /// `--concurrency K` and `--aht-by-concurrency L` (shared with `staff`): K and the per-level
    /// AHT list, if given. Refuses `--patience` with K > 1 (abandonment is not modelled for chat).
    static func concurrency(_ arguments: ParsedArguments, patience: Double?) throws(CLIError) -> (Int, [Double]?) {
        var k = try arguments.integer("concurrency", range: 1...ChatConcurrency.maximumConcurrency)
        var levels: [Double]? = nil
        if let text = arguments.value("aht-by-concurrency") {
            var list: [Double] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let x = Double(part.trimmingCharacters(in: .whitespaces)), x.isFinite, x > 0, x <= 86_400 else {
                    throw .usage("--aht-by-concurrency: expected comma-separated positive seconds up to 86400 (300,360,420), got '\(text)'")
                }
                list.append(x)
            }
            guard list.count <= ChatConcurrency.maximumConcurrency else {
                throw .usage("--aht-by-concurrency: at most \(ChatConcurrency.maximumConcurrency) levels")
            }
            if let k, k != list.count {
                throw .usage("--aht-by-concurrency: gives \(list.count) handle times but --concurrency is \(k); give one per level 1…\(k)")
            }
            k = list.count
            levels = list
        }
        let concurrency = k ?? 1
        if concurrency > 1, patience != nil {
            throw .usage("--patience cannot be combined with --concurrency above 1: abandonment is not modelled for chat concurrency")
        }
        return (concurrency, levels)
    }

    /// The flag a StaffingTarget field comes from.
    static func flag(for field: String) -> String {
        ["service_level": "sl", "target_seconds": "sl", "asa_seconds": "asa", "max_occupancy": "max-occupancy",
         "shrinkage": "shrinkage", "patience_seconds": "patience", "max_abandon_rate": "max-abandon"][field] ?? field
    }

    func run() throws(CLIError) {
        let staffing: Staffing
        if let agents {
            let metrics = StaffingStep.metrics(contacts: contacts, intervalSeconds: intervalSeconds, policy: policy, agents: agents)
            staffing = Staffing(agents: agents, headcount: Headcount.scheduled(agents: agents, shrinkage: target.shrinkage), metrics: metrics)
        } else {
            staffing = try StaffingStep.staffInterval(instant: 0, channel: "", contacts: contacts, meanContacts: contacts,
                                                      policy: policy, intervalSeconds: intervalSeconds).staffing
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
                ("concurrency", .integer(policy.concurrency)),
                ("stable", .bool(target.patienceSeconds != nil || Double(staffing.agents) > m.trafficErlangs || m.trafficErlangs == 0)),
            ])
            Console.out(object.render() + "\n")
            return
        }
        var text = ""
        text += "traffic          \(NumberFormat.plain(m.trafficErlangs, maxFractionDigits: 4)) Erlangs\n"
        if policy.concurrency > 1 {
            text += "concurrency      \(policy.concurrency) conversations per agent (AHT \((policy.chatAHT ?? []).map { NumberFormat.plain($0, maxFractionDigits: 2) }.joined(separator: ", ")) s at 1…\(policy.concurrency))\n"
        }
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
