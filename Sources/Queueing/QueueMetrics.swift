/// What a queue does with a given staff in one interval.
///
/// Conventions (see `ErlangC` and `ErlangA`): an unstable Erlang C queue (agents ≤ traffic) has
/// `probWait` 1, `serviceLevel` 0, `asaSeconds` and `meanQueueLength` +∞ and `occupancy` 1; zero
/// traffic has `probWait` 0, `serviceLevel` 1, `asaSeconds` 0 and `occupancy` 0.
public struct QueueMetrics: Sendable, Equatable {
    /// Productive agents on the queue.
    public var agents: Int
    /// Offered load A = λ · AHT in Erlangs.
    public var trafficErlangs: Double
    /// Probability that an arriving contact has to wait (all agents busy).
    public var probWait: Double
    /// Fraction of offered contacts answered within the target time.
    public var serviceLevel: Double
    /// Average speed of answer in seconds: the mean wait over all contacts for Erlang C, the mean
    /// wait of answered contacts for Erlang A; +∞ when unstable.
    public var asaSeconds: Double
    /// Mean fraction of time agents are busy.
    public var occupancy: Double
    /// Mean number of contacts waiting.
    public var meanQueueLength: Double
    /// Fraction of offered contacts that abandon; nil for Erlang C (no abandonment).
    public var abandonRate: Double?

    public init(
        agents: Int, trafficErlangs: Double, probWait: Double, serviceLevel: Double, asaSeconds: Double,
        occupancy: Double, meanQueueLength: Double, abandonRate: Double?
    ) {
        self.agents = agents
        self.trafficErlangs = trafficErlangs
        self.probWait = probWait
        self.serviceLevel = serviceLevel
        self.asaSeconds = asaSeconds
        self.occupancy = occupancy
        self.meanQueueLength = meanQueueLength
        self.abandonRate = abandonRate
    }

    /// Metrics for inputs outside the valid range of a non-throwing function: every measure NaN.
    static func undefined(agents: Int, traffic: Double, abandonment: Bool = false) -> QueueMetrics {
        QueueMetrics(
            agents: agents, trafficErlangs: traffic, probWait: .nan, serviceLevel: .nan, asaSeconds: .nan,
            occupancy: .nan, meanQueueLength: .nan, abandonRate: abandonment ? .nan : nil)
    }

    /// No contacts: nobody waits, every contact (there are none) is answered at once.
    static func zeroTraffic(agents: Int, abandonment: Bool = false) -> QueueMetrics {
        QueueMetrics(
            agents: agents, trafficErlangs: 0, probWait: 0, serviceLevel: 1, asaSeconds: 0,
            occupancy: 0, meanQueueLength: 0, abandonRate: abandonment ? 0 : nil)
    }

    /// Erlang C with agents ≤ traffic: the queue grows without limit.
    static func unstable(agents: Int, traffic: Double) -> QueueMetrics {
        QueueMetrics(
            agents: agents, trafficErlangs: traffic, probWait: 1, serviceLevel: 0, asaSeconds: .infinity,
            occupancy: 1, meanQueueLength: .infinity, abandonRate: nil)
    }
}
