import StaffcastCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blended team in simulation: several channels, agents with several skills, contacts routed
/// to skills.
///
/// Routing: an arriving contact goes to an idle agent on duty who has its channel, the one who
/// ranks that channel highest (then the one idle longest); otherwise it waits in its channel's
/// FIFO queue. An agent who comes free (or on duty) takes the head of the queues of their skills
/// in their preference order; among queues of equal preference, the contact waiting longest.
/// With one preference level for everybody this is a single FIFO queue over all skills, so two
/// channels pooled by agents who have both behave as M/M/N with the summed arrivals (Erlang C).
/// A contact waiting longer than its patience (exponential, per channel, optional) abandons. An
/// agent whose duty ends finishes the contact in hand, then leaves.
public struct SkillRoutingSetup: Sendable, Equatable {
    public struct Channel: Sendable, Equatable {
        public var name: String
        /// Expected contacts per interval (Poisson arrivals).
        public var contacts: [Double]
        public var handleTime: SimulationSetup.HandleTime
        public var patienceSeconds: Double?
        public var targetSeconds: Double

        public init(
            name: String, contacts: [Double], handleTime: SimulationSetup.HandleTime, patienceSeconds: Double? = nil,
            targetSeconds: Double
        ) {
            self.name = name
            self.contacts = contacts
            self.handleTime = handleTime
            self.patienceSeconds = patienceSeconds
            self.targetSeconds = targetSeconds
        }
    }

    public struct Agent: Sendable, Equatable {
        /// Channel indices by preference: `skills[0]` first; `ranks[i]` its preference level
        /// (equal levels are equally preferred).
        public var skills: [Int]
        public var ranks: [Int]
        /// On-duty spans in seconds from the start of the first interval, [start, end).
        public var duty: [ClosedRange<Double>]

        public init(skills: [Int], ranks: [Int]? = nil, duty: [ClosedRange<Double>]) {
            self.skills = skills
            self.ranks = ranks ?? Array(skills.indices)
            self.duty = duty
        }
    }

    public var intervalSeconds: Double
    public var channels: [Channel]
    public var agents: [Agent]
    public var seed: UInt64
    public var replications: Int

    public init(intervalSeconds: Double, channels: [Channel], agents: [Agent], seed: UInt64 = 1, replications: Int = 10)
    {
        self.intervalSeconds = intervalSeconds
        self.channels = channels
        self.agents = agents
        self.seed = seed
        self.replications = replications
    }

    func validated() throws(QueueingError) -> SkillRoutingSetup {
        guard intervalSeconds.isFinite, intervalSeconds > 0 else {
            throw .invalidParameter(name: .intervalSeconds, message: "must be positive, got \(intervalSeconds)")
        }
        guard replications >= 1, replications <= SimulationSetup.maximumReplications else {
            throw .invalidParameter(
                name: .replications, message: "must be 1…\(SimulationSetup.maximumReplications), got \(replications)")
        }
        for channel in channels {
            guard channel.contacts.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw .invalidParameter(name: .contacts, message: "\(channel.name): contacts must be finite and ≥ 0")
            }
            guard channel.targetSeconds.isFinite, channel.targetSeconds >= 0 else {
                throw .invalidParameter(name: .targetSeconds, message: "\(channel.name): must be ≥ 0")
            }
            switch channel.handleTime {
            case .exponential(let mean), .lognormal(let mean, _):
                guard mean.isFinite, mean > 0 else {
                    throw .invalidParameter(name: .ahtSeconds, message: "\(channel.name): must be positive")
                }
            }
            if case .lognormal(_, let cv) = channel.handleTime, !(cv.isFinite && cv >= 0) {
                throw .invalidParameter(name: .ahtCV, message: "\(channel.name): must be ≥ 0")
            }
            if let p = channel.patienceSeconds, !(p.isFinite && p > 0) {
                throw .invalidParameter(name: .patienceSeconds, message: "\(channel.name): must be positive")
            }
        }
        for agent in agents {
            guard agent.skills.allSatisfy({ channels.indices.contains($0) }), agent.ranks.count == agent.skills.count
            else {
                throw .invalidParameter(
                    name: .agents, message: "an agent's skills must name simulated channels, one rank each")
            }
            guard agent.duty.allSatisfy({ $0.lowerBound.isFinite && $0.upperBound.isFinite }) else {
                throw .invalidParameter(name: .agents, message: "must be finite")
            }
        }
        return self
    }
}

/// Per channel, averaged over the replications.
public struct SkillRoutingChannelResult: Sendable, Equatable {
    public var name: String
    public var offered: Double
    public var answered: Double
    public var abandoned: Double
    public var answeredWithinTarget: Double
    /// Answered within target / offered.
    public var serviceLevel: Double
    public var asaSeconds: Double
    /// Offered and answered within target per interval of arrival.
    public var offeredByInterval: [Double]
    public var withinTargetByInterval: [Double]
}

public enum SkillRoutingSimulator {
    public static func run(_ setup: SkillRoutingSetup) throws(QueueingError) -> [SkillRoutingChannelResult] {
        let setup = try setup.validated()
        let count = setup.channels.map(\.contacts.count).max() ?? 0
        var offered = [[Double]](repeating: [Double](repeating: 0, count: count), count: setup.channels.count)
        var inTime = offered
        var answered = [Double](repeating: 0, count: setup.channels.count)
        var abandoned = answered
        var wait = answered
        var seeds = SplitMix64(seed: setup.seed)
        for _ in 0..<setup.replications {
            var engine = SkillRoutingEngine(setup: setup, intervals: count, seed: seeds.next())
            engine.run()
            for c in setup.channels.indices {
                for i in 0..<count {
                    offered[c][i] += engine.offered[c][i]
                    inTime[c][i] += engine.inTime[c][i]
                }
                answered[c] += engine.answered[c]
                abandoned[c] += engine.abandoned[c]
                wait[c] += engine.wait[c]
            }
        }
        let r = Double(setup.replications)
        return setup.channels.indices.map { c in
            let total = offered[c].reduce(0, +)
            let timely = inTime[c].reduce(0, +)
            return SkillRoutingChannelResult(
                name: setup.channels[c].name, offered: total / r, answered: answered[c] / r,
                abandoned: abandoned[c] / r, answeredWithinTarget: timely / r,
                serviceLevel: total > 0 ? timely / total : 1,
                asaSeconds: answered[c] > 0 ? wait[c] / answered[c] : 0,
                offeredByInterval: offered[c].map { $0 / r }, withinTargetByInterval: inTime[c].map { $0 / r })
        }
    }
}

/// One replication: a time-ordered event heap of arrivals, completions and duty changes.
struct SkillRoutingEngine {
    let setup: SkillRoutingSetup
    let intervals: Int
    var random: VariateSource
    var offered: [[Double]], inTime: [[Double]]
    var answered: [Double], abandoned: [Double], wait: [Double]

    /// Event kinds, in the order they are handled at equal times: completions and duty starts
    /// before duty ends, arrivals last.
    enum Kind: Int {
        case free = 0
        case dutyStart = 1
        case dutyEnd = 2
        case arrival = 3
    }
    struct Event {
        var time: Double
        var kind: Kind
        var index: Int
        var serial: Int
    }
    var events: [Event] = []
    var serial = 0
    /// Queued contacts per channel: (arrival time, abandon time, interval of arrival).
    var queues: [[(arrival: Double, leaves: Double, interval: Int)]]
    var queueHead: [Int]
    var onDuty: [Bool], busy: [Bool], idleSince: [Double]

    init(setup: SkillRoutingSetup, intervals: Int, seed: UInt64) {
        self.setup = setup
        self.intervals = intervals
        random = VariateSource(seed: seed)
        let channels = setup.channels.count
        offered = Array(repeating: Array(repeating: 0, count: intervals), count: channels)
        inTime = offered
        answered = Array(repeating: 0, count: channels)
        abandoned = answered
        wait = answered
        queues = Array(repeating: [], count: channels)
        queueHead = Array(repeating: 0, count: channels)
        onDuty = Array(repeating: false, count: setup.agents.count)
        busy = onDuty
        idleSince = Array(repeating: 0, count: setup.agents.count)
    }

    mutating func push(_ time: Double, _ kind: Kind, _ index: Int) {
        events.append(Event(time: time, kind: kind, index: index, serial: serial))
        serial += 1
        var child = events.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(events[child], events[parent]) else { break }
            events.swapAt(child, parent)
            child = parent
        }
    }

    static func before(_ a: Event, _ b: Event) -> Bool {
        (a.time, a.kind.rawValue, a.serial) < (b.time, b.kind.rawValue, b.serial)
    }

    mutating func pop() -> Event? {
        guard let first = events.first else { return nil }
        let last = events.removeLast()
        if !events.isEmpty {
            events[0] = last
            var parent = 0
            while true {
                var child = 2 * parent + 1
                guard child < events.count else { break }
                if child + 1 < events.count, Self.before(events[child + 1], events[child]) { child += 1 }
                guard Self.before(events[child], events[parent]) else { break }
                events.swapAt(child, parent)
                parent = child
            }
        }
        return first
    }

    mutating func handleTime(_ c: Int) -> Double {
        switch setup.channels[c].handleTime {
        case .exponential(let mean): return mean * random.exponential()
        case .lognormal(let mean, let cv):
            let variance = log1p(cv * cv)
            return exp(log(mean) - variance / 2 + variance.squareRoot() * random.normal())
        }
    }

    mutating func run() {
        // Arrivals: a Poisson process per channel and interval, drawn up front (seeded).
        for (c, channel) in setup.channels.enumerated() {
            for (i, expected) in channel.contacts.enumerated() where expected > 0 {
                let start = Double(i) * setup.intervalSeconds
                let end = start + setup.intervalSeconds
                var time = start + random.exponential() * setup.intervalSeconds / expected
                while time < end {
                    push(time, .arrival, c)
                    time += random.exponential() * setup.intervalSeconds / expected
                }
            }
        }
        var dutyEnds = [[Double]](repeating: [], count: setup.agents.count)
        for (a, agent) in setup.agents.enumerated() {
            for span in agent.duty where span.upperBound > span.lowerBound {
                push(span.lowerBound, .dutyStart, a)
                push(span.upperBound, .dutyEnd, a)
                dutyEnds[a].append(span.upperBound)
            }
        }
        while let event = pop() {
            switch event.kind {
            case .arrival: arrive(channel: event.index, at: event.time)
            case .free:
                busy[event.index] = false
                idleSince[event.index] = event.time
                if onDuty[event.index] { takeWork(agent: event.index, at: event.time) }
            case .dutyStart:
                onDuty[event.index] = true
                if !busy[event.index] {
                    idleSince[event.index] = event.time
                    takeWork(agent: event.index, at: event.time)
                }
            case .dutyEnd:
                onDuty[event.index] = false
            }
        }
        // Contacts still waiting when nobody is left: abandoned if they have patience, else unanswered.
        for c in queues.indices {
            for item in queues[c][queueHead[c]...] where item.leaves < .infinity { abandoned[c] += 1 }
        }
    }

    mutating func arrive(channel c: Int, at time: Double) {
        let i = min(intervals - 1, Int(time / setup.intervalSeconds))
        offered[c][i] += 1
        let patience = setup.channels[c].patienceSeconds.map { $0 * random.exponential() } ?? .infinity
        // The idle agent on duty with the skill who ranks it highest, then idle longest.
        var best = -1
        var bestRank = Int.max
        var bestIdle = Double.infinity
        for (a, agent) in setup.agents.enumerated() where onDuty[a] && !busy[a] {
            guard let position = agent.skills.firstIndex(of: c) else { continue }
            let rank = agent.ranks[position]
            if rank < bestRank || (rank == bestRank && idleSince[a] < bestIdle) {
                best = a
                bestRank = rank
                bestIdle = idleSince[a]
            }
        }
        if best >= 0 {
            serve(agent: best, channel: c, arrival: time, interval: i, at: time)
        } else {
            queues[c].append((time, time + patience, i))
        }
    }

    mutating func serve(agent a: Int, channel c: Int, arrival: Double, interval i: Int, at time: Double) {
        busy[a] = true
        let waited = time - arrival
        answered[c] += 1
        wait[c] += waited
        if waited <= setup.channels[c].targetSeconds { inTime[c][i] += 1 }
        push(time + handleTime(c), .free, a)
    }

    /// The free agent takes the longest-waiting contact of their most preferred non-empty level.
    mutating func takeWork(agent a: Int, at time: Double) {
        let agent = setup.agents[a]
        for level in Set(agent.ranks).sorted() {
            var pick = -1
            var oldest = Double.infinity
            for (position, c) in agent.skills.enumerated() where agent.ranks[position] == level {
                // Drop the contacts that abandoned while waiting.
                while queueHead[c] < queues[c].count, queues[c][queueHead[c]].leaves < time {
                    abandoned[c] += 1
                    queueHead[c] += 1
                }
                if queueHead[c] < queues[c].count, queues[c][queueHead[c]].arrival < oldest {
                    oldest = queues[c][queueHead[c]].arrival
                    pick = c
                }
            }
            if pick >= 0 {
                let item = queues[pick][queueHead[pick]]
                queueHead[pick] += 1
                serve(agent: a, channel: pick, arrival: item.arrival, interval: item.interval, at: time)
                return
            }
        }
    }
}
