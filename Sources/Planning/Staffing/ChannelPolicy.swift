import Queueing

/// Where a channel's handle time comes from.
public enum AHTSource: Sendable, Equatable {
    /// The configured `aht_seconds` (or per-level chat handle times).
    case configured
    /// None configured: the forecast from the history's `aht_seconds` column must be used.
    case forecast
    /// `"aht": "forecast"`: the forecast wins when the history has AHT; `aht_seconds` is the fallback.
    case forecastPreferred
}

/// What a real-time channel does in intervals with almost no contacts (a fraction of one at
/// night): below `minimumContacts` it is closed, or held by `cover` agents.
public struct LowVolumeRule: Sendable, Equatable {
    public var minimumContacts: Double
    /// Agents kept on in such intervals; 0 closes them.
    public var cover: Int
    public init(minimumContacts: Double, cover: Int = 0) {
        self.minimumContacts = minimumContacts
        self.cover = cover
    }
}

/// The staffing rules of one channel: how it is worked, its handle time and its targets.
public struct ChannelPolicy: Sendable, Equatable {
    /// The configured handle time in seconds; 0 when `ahtSource` is `.forecast` (none given).
    public var ahtSeconds: Double
    public var kind: ChannelKind
    /// Service targets and shrinkage (deferred work: only the shrinkage is used).
    public var target: StaffingTarget
    public var ahtSource: AHTSource
    /// Intervals below a minimum volume: closed or a fixed cover (config `min_contacts_per_interval`, `night_cover`).
    public var lowVolume: LowVolumeRule? = nil

    public init(
        ahtSeconds: Double, kind: ChannelKind = .queue, target: StaffingTarget, ahtSource: AHTSource = .configured
    ) {
        self.ahtSeconds = ahtSeconds
        self.kind = kind
        self.target = target
        self.ahtSource = ahtSource
    }

    /// False when no handle time was given: the forecast AHT is then required.
    public var ahtConfigured: Bool { ahtSource != .forecast }

    /// Whether to staff with the forecast AHT, given whether one is available: when the config
    /// gives none, or when it asks for the forecast (`"aht": "forecast"`).
    public func usesForecastAHT(available: Bool) -> Bool { available && ahtSource != .configured }

    /// The per-level handle times of the chat model, or nil for one-at-a-time channels.
    public var chatAHT: [Double]? { kind.chatAHT(ahtSeconds: ahtSeconds) }

    /// The same policy with handle times scaled by `factor` (what-if scenarios).
    public func scalingAHT(by factor: Double) -> ChannelPolicy {
        var copy = self
        copy.ahtSeconds *= factor
        copy.kind = kind.scalingAHT(by: factor)
        return copy
    }
}
