/// A what-if scenario of the config's `"scenarios"`: the same forecast re-staffed with volume and
/// handle-time factors per channel, and optionally another service level or shrinkage.
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var volumeFactor: [String: Double] = [:]
    public var ahtFactor: [String: Double] = [:]
    /// Replaces the service level of every queued channel (deferred channels keep their deadline).
    public var serviceLevel: ServiceLevelText.Target? = nil
    public var shrinkage: Double? = nil

    public init(
        name: String, volumeFactor: [String: Double] = [:], ahtFactor: [String: Double] = [:],
        serviceLevel: ServiceLevelText.Target? = nil, shrinkage: Double? = nil
    ) {
        self.name = name
        self.volumeFactor = volumeFactor
        self.ahtFactor = ahtFactor
        self.serviceLevel = serviceLevel
        self.shrinkage = shrinkage
    }

    /// `policy` of `channel` under this scenario.
    public func apply(to policy: ChannelPolicy, channel: String) -> ChannelPolicy {
        var result = policy.scalingAHT(by: aht(for: channel))
        if let serviceLevel, result.kind.deadlineSeconds == nil {
            result.target.serviceLevel = serviceLevel.fraction
            result.target.targetSeconds = serviceLevel.seconds
        }
        if let shrinkage { result.target.shrinkage = shrinkage }
        return result
    }

    /// The volume factor of `channel`: its own, else the `"*"` entry, else 1.
    public func volume(for channel: String) -> Double { volumeFactor[channel] ?? volumeFactor["*"] ?? 1 }

    /// The handle-time factor of `channel`: its own, else the `"*"` entry, else 1.
    public func aht(for channel: String) -> Double { ahtFactor[channel] ?? ahtFactor["*"] ?? 1 }
}
