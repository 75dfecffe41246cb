/// What a planner asks of one queue: a service level, an ASA, an occupancy cap, and (for queues
/// where contacts hang up) an abandonment cap, plus the shrinkage that turns productive agents
/// into scheduled heads.
///
/// The solver finds the fewest agents meeting *every* target given; at least one of
/// `serviceLevel`, `maxASASeconds`, `maxOccupancy` or `maxAbandonRate` is required.
public struct StaffingTarget: Sendable, Equatable {
    /// Fraction of contacts to answer within `targetSeconds`, in (0, 1] (0.8 for "80/20").
    public var serviceLevel: Double?
    /// The service-level threshold in seconds (≥ 0; 0 means "answered without waiting").
    public var targetSeconds: Double
    /// Highest acceptable average speed of answer in seconds (> 0).
    public var maxASASeconds: Double?
    /// Highest acceptable occupancy, in (0, 1]; the agent count is at least ⌈A / maxOccupancy⌉ on the
    /// offered load A (with abandonment this is conservative: abandoned contacts take no agent time).
    public var maxOccupancy: Double?
    /// Fraction of paid time agents are unavailable (breaks, training, absence), in [0, 1).
    public var shrinkage: Double
    /// Mean patience in seconds (exponential). When set, the solver uses Erlang A (M/M/N+M)
    /// instead of Erlang C.
    public var patienceSeconds: Double?
    /// Highest acceptable fraction of offered contacts that abandon, in (0, 1]; needs `patienceSeconds`.
    public var maxAbandonRate: Double?

    public init(
        serviceLevel: Double?, targetSeconds: Double, maxASASeconds: Double? = nil, maxOccupancy: Double? = nil,
        shrinkage: Double = 0, patienceSeconds: Double? = nil, maxAbandonRate: Double? = nil
    ) {
        self.serviceLevel = serviceLevel
        self.targetSeconds = targetSeconds
        self.maxASASeconds = maxASASeconds
        self.maxOccupancy = maxOccupancy
        self.shrinkage = shrinkage
        self.patienceSeconds = patienceSeconds
        self.maxAbandonRate = maxAbandonRate
    }

    /// The same target after checking every field; the error names the first bad one:
    /// "service_level", "target_seconds", "asa_seconds", "max_occupancy", "shrinkage",
    /// "patience_seconds" or "max_abandon_rate".
    public func validated() throws(QueueingError) -> StaffingTarget {
        if let serviceLevel { try InputCheck.fraction(serviceLevel, name: .serviceLevel) }
        try InputCheck.seconds(targetSeconds, name: .targetSeconds, allowZero: true)
        if let maxASASeconds { try InputCheck.seconds(maxASASeconds, name: .asaSeconds, allowZero: false) }
        if let maxOccupancy { try InputCheck.fraction(maxOccupancy, name: .maxOccupancy) }
        try InputCheck.shrinkage(shrinkage)
        if let patienceSeconds { try InputCheck.patience(patienceSeconds) }
        if let maxAbandonRate {
            try InputCheck.fraction(maxAbandonRate, name: .maxAbandonRate)
            guard patienceSeconds != nil else {
                throw .invalidParameter(
                    name: .maxAbandonRate,
                    message: "needs patience_seconds: without abandonment (Erlang C) nobody abandons")
            }
        }
        guard serviceLevel != nil || maxASASeconds != nil || maxOccupancy != nil || maxAbandonRate != nil else {
            throw .invalidParameter(
                name: .serviceLevel,
                message:
                    "no target given: set a service level (such as 0.8 within 20 s), an ASA, a maximum occupancy or a maximum abandon rate"
            )
        }
        return self
    }
}
