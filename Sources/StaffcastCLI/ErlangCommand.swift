import Planning
import Queueing
import Reports
import StaffcastCore

/// `staffcast erlang`: agents for one interval, or the metrics of a given staffing.
struct ErlangCommand: Command {
    static let name = "erlang"
    static let abstract = "agents needed for one interval (Erlang C), or the service a given staffing gives"
    static let discussion = """
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
        """
    static let options =
        [
            OptionSpec("contacts", "N", "contacts offered in the interval", presence: .required),
            OptionSpec(
                "interval", "D",
                "length of the period the contacts arrive in: any positive duration (90s, 1m, 45m, 2h)",
                presence: .required),
            OptionSpec("aht", "SECONDS", "average handle time in seconds", presence: .required),
            OptionSpec(
                "agents", "N", "evaluate this many productive agents instead of solving (then no target is needed)"),
        ] + TargetOptions.specs + [
            OptionSpec(
                flag: "json", "one JSON object: agents, headcount, service_level, asa_seconds, prob_wait, occupancy, …")
        ]

    let contacts: Double
    let intervalSeconds: Int
    let policy: ChannelPolicy
    let agents: Int?
    let json: Bool

    init(_ arguments: ParsedArguments) throws {
        guard let contacts = try arguments.double("contacts") else {
            throw CLIError.usage("missing required option --contacts")
        }
        guard contacts >= 0, contacts <= 1e9 else {
            throw CLIError.usage("--contacts: expected a number of contacts from 0 to 1e9, got \(contacts)")
        }
        guard let interval = try arguments.duration("interval") else {
            throw CLIError.usage("missing required option --interval")
        }
        guard let aht = try arguments.double("aht") else { throw CLIError.usage("missing required option --aht") }
        agents = try arguments.integer("agents", range: 0...QueueingLimits.maximumAgents)
        policy = try TargetOptions(arguments, aht: aht).policy(
            requiresTarget: agents == nil, force: arguments.has("force"))
        self.contacts = contacts
        self.intervalSeconds = interval
        json = arguments.has("json")
    }

    func run() throws {
        let staffing: Staffing
        let target = policy.target
        if let agents {
            // The chat model holds agents × K conversation slots; beyond the limit it has no answer.
            if case .chatAverage(let c) = policy.kind, AverageConcurrency.slots(agents: agents, concurrency: c) == nil {
                throw CLIError.usage(
                    "--agents: \(agents) agents × concurrency \(NumberFormat.plain(c, maxFractionDigits: 6)) is more than \(QueueingLimits.maximumAgents) conversation slots"
                )
            }
            if case .chat(let concurrency, _) = policy.kind {
                let slots = agents.multipliedReportingOverflow(by: concurrency)
                guard !slots.overflow, slots.partialValue <= QueueingLimits.maximumAgents else {
                    throw CLIError.usage(
                        "--agents: \(agents) agents × concurrency \(concurrency) is more than \(QueueingLimits.maximumAgents) conversation slots"
                    )
                }
            }
            let metrics = ChannelStaffing.metrics(
                contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: policy.ahtSeconds,
                agents: agents, kind: policy.kind, target: target)
            guard let metrics else { throw CLIError.usage("deferred work has no per-interval metrics") }
            staffing = Staffing(
                agents: agents, headcount: Headcount.scheduled(agents: agents, shrinkage: target.shrinkage),
                metrics: metrics)
        } else {
            staffing = try ChannelStaffing.requiredAgents(
                contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: policy.ahtSeconds,
                kind: policy.kind, target: target)
        }
        let m = staffing.metrics
        if staffing.agents > RequirementPlanner.implausibleAgents {
            Console.error(
                "warning: \(staffing.agents) agents in one interval; check the volume, handle time and shrinkage\n")
        }
        if json {
            let object: JSONValue = .object([
                ("agents", .integer(staffing.agents)),
                ("headcount", .integer(staffing.headcount)),
                ("traffic_erlangs", .exact(m.trafficErlangs)),
                ("service_level", .exact(m.serviceLevel)),
                ("target_seconds", .exact(target.targetSeconds)),
                ("asa_seconds", m.asaSeconds.isFinite ? .exact(m.asaSeconds) : .null),
                ("prob_wait", .exact(m.probWait)),
                ("occupancy", .exact(m.occupancy)),
                ("mean_queue_length", m.meanQueueLength.isFinite ? .exact(m.meanQueueLength) : .null),
                ("abandon_rate", m.abandonRate.map { .exact($0) } ?? .null),
                ("concurrency", .exact(policy.kind.conversationsPerAgent)),
                (
                    "stable",
                    .bool(
                        target.patienceSeconds != nil || Double(staffing.agents) > m.trafficErlangs
                            || m.trafficErlangs == 0)
                ),
            ])
            try Console.out(object.render() + "\n")
            return
        }
        var text = ""
        text += "traffic          \(NumberFormat.plain(m.trafficErlangs, maxFractionDigits: 4)) Erlangs\n"
        if case .chatAverage(let c) = policy.kind {
            text +=
                "concurrency      \(NumberFormat.plain(c, maxFractionDigits: 6)) conversations per agent on average (⌊agents × \(NumberFormat.plain(c, maxFractionDigits: 6))⌋ slots)\n"
        }
        if case .chat(let concurrency, _) = policy.kind {
            text +=
                "concurrency      \(concurrency) conversations per agent (AHT \((policy.chatAHT ?? []).map { NumberFormat.plain($0, maxFractionDigits: 2) }.joined(separator: ", ")) s at 1…\(concurrency))\n"
        }
        text += "agents           \(staffing.agents)\(agents == nil ? " (fewest meeting every target)" : "")\n"
        text +=
            "headcount        \(staffing.headcount) (shrinkage \(NumberFormat.plain(100 * target.shrinkage, maxFractionDigits: 2)) %)\n"
        text +=
            "service level    \(NumberFormat.plain(100 * m.serviceLevel, maxFractionDigits: 2)) % within \(NumberFormat.plain(target.targetSeconds, maxFractionDigits: 2)) s\n"
        text +=
            "ASA              \(m.asaSeconds.isFinite ? NumberFormat.plain(m.asaSeconds, maxFractionDigits: 2) + " s" : "unbounded (agents ≤ traffic: the queue grows without limit)")\n"
        text += "probability wait \(NumberFormat.plain(100 * m.probWait, maxFractionDigits: 2)) %\n"
        text += "occupancy        \(NumberFormat.plain(100 * m.occupancy, maxFractionDigits: 2)) %\n"
        if let abandon = m.abandonRate {
            text +=
                "abandoned        \(NumberFormat.plain(100 * abandon, maxFractionDigits: 2)) % (mean patience \(NumberFormat.plain(target.patienceSeconds ?? 0, maxFractionDigits: 1)) s)\n"
        }
        try Console.out(text)
    }
}
