/// What to simulate: arrivals and agents per interval, handle times, patience and the rules for
/// arrivals within an interval and for agents leaving when the staffing drops.
public struct SimulationSetup: Sendable, Equatable {
    /// How arrivals are placed within an interval.
    public enum Arrivals: String, Sendable, Equatable {
        /// A Poisson process at rate contacts / intervalSeconds (the count varies around the figure).
        case poisson
        /// Exactly the interval's count (rounded to a whole number), at independent uniform times.
        case replay
    }

    /// The handle-time law.
    public enum HandleTime: Sendable, Equatable {
        /// Exponential with this mean (CV 1), the Erlang C/A assumption.
        case exponential(meanSeconds: Double)
        /// Lognormal with this mean and coefficient of variation (standard deviation / mean);
        /// CV 0 means every contact takes exactly the mean.
        case lognormal(meanSeconds: Double, cv: Double)
    }

    /// What happens at an interval boundary where the staffing drops by d agents.
    ///
    /// Idle agents leave first. When fewer than d are idle, the remaining leavers are the busy agents
    /// whose current contacts would end *last*, so the agents who stay are the ones free soonest
    /// (the planned staff is available to the queue as early as possible). What those busy leavers do:
    public enum Departure: String, Sendable, Equatable {
        /// They finish the contact they are on, then leave without taking new work (default). Their
        /// overrun counts as staffed and busy time in the occupancy of the intervals it falls in.
        case finish
        /// They leave at the boundary; the contact goes back to the head of the queue and the next
        /// free agent resumes it with the work left (it is not answered or timed a second time).
        case preempt
    }

    public var intervalSeconds: Double
    /// Contacts per interval (expected count for `.poisson`, exact for `.replay`).
    public var contacts: [Double]
    /// Productive agents per interval, as many entries as `contacts`. After the last interval its
    /// staff stays on until the queue is empty.
    public var agents: [Int]
    public var handleTime: HandleTime
    /// Mean handle time per interval for the contacts arriving in it (one entry per interval), or
    /// nil for the mean of `handleTime` everywhere. Each contact's handle time is drawn from
    /// `handleTime` and scaled by `intervalAHTSeconds[i] / mean`, so the law and its coefficient
    /// of variation stay and the mean becomes the interval's (actual handle times of a review).
    public var intervalAHTSeconds: [Double]? = nil
    /// Mean patience in seconds (exponential); nil: nobody abandons.
    public var patienceSeconds: Double?
    /// Service-level threshold T in seconds.
    public var targetSeconds: Double
    public var arrivals: Arrivals
    public var departure: Departure
    public var seed: UInt64
    public var replications: Int

    public init(
        intervalSeconds: Double, contacts: [Double], agents: [Int], handleTime: HandleTime,
        patienceSeconds: Double? = nil, targetSeconds: Double, arrivals: Arrivals = .poisson,
        departure: Departure = .finish, seed: UInt64 = 1, replications: Int = 1
    ) {
        self.intervalSeconds = intervalSeconds
        self.contacts = contacts
        self.agents = agents
        self.handleTime = handleTime
        self.patienceSeconds = patienceSeconds
        self.targetSeconds = targetSeconds
        self.arrivals = arrivals
        self.departure = departure
        self.seed = seed
        self.replications = replications
    }

    /// Largest number of contacts (summed over replications) one run may simulate, so that no
    /// input makes it run for hours: about a minute of release-build work.
    public static let maximumSimulatedContacts = 2_000_000_000.0
    public static let maximumReplications = 100_000

    /// The same setup after checking every field; the error names the first bad one:
    /// "interval_seconds", "contacts", "agents", "aht_seconds" (also for `intervalAHTSeconds`), "aht_cv", "patience_seconds",
    /// "target_seconds" or "replications".
    public func validated() throws(QueueingError) -> SimulationSetup {
        try InputCheck.seconds(intervalSeconds, name: .intervalSeconds, allowZero: false)
        guard contacts.count == agents.count else {
            throw .invalidParameter(
                name: .agents,
                message:
                    "needs one entry per interval: \(contacts.count) intervals of contacts, \(agents.count) of agents")
        }
        for value in contacts { try InputCheck.contacts(value) }
        for value in agents { try InputCheck.agents(value) }
        if let intervalAHTSeconds {
            guard intervalAHTSeconds.count == contacts.count else {
                throw .invalidParameter(
                    name: .ahtSeconds,
                    message:
                        "needs one handle time per interval: \(contacts.count) intervals of contacts, \(intervalAHTSeconds.count) handle times"
                )
            }
            for value in intervalAHTSeconds { try InputCheck.seconds(value, name: .ahtSeconds, allowZero: false) }
        }
        switch handleTime {
        case .exponential(let mean):
            try InputCheck.seconds(mean, name: .ahtSeconds, allowZero: false)
        case .lognormal(let mean, let cv):
            try InputCheck.seconds(mean, name: .ahtSeconds, allowZero: false)
            guard cv.isFinite, cv >= 0, cv <= 20 else {
                throw .invalidParameter(
                    name: .ahtCV, message: "must be a coefficient of variation from 0 to 20, got \(InputCheck.show(cv))"
                )
            }
        }
        if let patienceSeconds { try InputCheck.patience(patienceSeconds) }
        try InputCheck.seconds(targetSeconds, name: .targetSeconds, allowZero: true)
        guard replications >= 1, replications <= Self.maximumReplications else {
            throw .invalidParameter(
                name: .replications,
                message: "must be a whole number from 1 to \(Self.maximumReplications), got \(replications)")
        }
        let work = contacts.reduce(0, +) * Double(replications)
        guard work <= Self.maximumSimulatedContacts else {
            throw .invalidParameter(
                name: .contacts,
                message: "\(InputCheck.show(work.rounded())) contacts over all replications "
                    + "is more than the \(InputCheck.show(Self.maximumSimulatedContacts)) one run simulates; use fewer replications"
            )
        }
        return self
    }
}

/// One interval of a simulation, pooled over replications: counts are means per replication,
/// ratios are ratios of the pooled sums (contacts arriving in the interval, wherever they are
/// answered; agent time inside the interval).
public struct SimulatedInterval: Sendable, Equatable {
    /// Contacts arriving in the interval.
    public var offered: Double
    public var answered: Double
    public var abandoned: Double
    /// Answered with a wait ≤ T.
    public var answeredWithinTarget: Double
    /// answered within T / offered, abandons counted as not in time (Erlang A convention); 1 when
    /// nothing was offered.
    public var serviceLevel: Double
    /// Mean wait of answered contacts in seconds; 0 when none was answered.
    public var asaSeconds: Double
    /// Busy agent time / staffed agent time in the interval (staffed includes leavers finishing
    /// their last contact); 0 when nobody was staffed.
    public var occupancy: Double
    /// Sum of the waits of answered contacts, mean per replication (for pooling intervals).
    public var answeredWaitSeconds: Double
    /// Busy and staffed agent-seconds, means per replication (for pooling intervals).
    public var busyAgentSeconds: Double
    public var staffedAgentSeconds: Double
}

/// The outcome of `Simulator.run`.
public struct SimulationResult: Sendable, Equatable {
    public var intervals: [SimulatedInterval]
    /// Per replication: answered within T / offered over the whole horizon.
    public var replicationServiceLevels: [Double]
    /// Per replication: contacts offered and answered within T over the whole horizon (to pool
    /// several queues replication by replication).
    public var replicationOffered: [Double]
    public var replicationAnsweredWithinTarget: [Double]
    /// Mean of `replicationServiceLevels` with its 95 % confidence interval.
    public var serviceLevel: ConfidenceInterval
    /// Totals over the horizon, means per replication.
    public var offered: Double
    public var answered: Double
    public var abandoned: Double
    /// Contacts never answered nor abandoned: still waiting when the queue had no agents left
    /// after the last interval (only without patience and with 0 agents at the end).
    public var unanswered: Double
}
