import Foundation
import StaffcastCore
import Queueing

/// A channel setting, by its config key and its command-line flag: the one table that maps the
/// two (and the queueing engine's parameters) onto each other.
public enum ChannelSetting: String, Sendable, Equatable, CaseIterable {
    case ahtSeconds = "aht_seconds"
    case aht
    case serviceLevel = "service_level"
    case asaSeconds = "asa_seconds"
    case maxOccupancy = "max_occupancy"
    case shrinkage
    case patience
    case maxAbandonRate = "max_abandon_rate"
    case concurrency
    case ahtByConcurrency = "aht_by_concurrency"
    case deadline

    /// The key inside a channel entry of the plan config.
    public var configKey: String { rawValue }

    /// The flag of `erlang` and `staff`, without the dashes.
    public var flag: String {
        switch self {
        case .ahtSeconds, .aht: return "aht"
        case .serviceLevel: return "sl"
        case .asaSeconds: return "asa"
        case .maxOccupancy: return "max-occupancy"
        case .shrinkage: return "shrinkage"
        case .patience: return "patience"
        case .maxAbandonRate: return "max-abandon"
        case .concurrency: return "concurrency"
        case .ahtByConcurrency: return "aht-by-concurrency"
        case .deadline: return "deadline"
        }
    }

    /// The setting a queueing engine's parameter comes from.
    public init?(_ parameter: QueueingParameter) {
        switch parameter {
        case .serviceLevel, .targetSeconds: self = .serviceLevel
        case .asaSeconds: self = .asaSeconds
        case .maxOccupancy: self = .maxOccupancy
        case .shrinkage: self = .shrinkage
        case .patienceSeconds: self = .patience
        case .maxAbandonRate: self = .maxAbandonRate
        case .ahtSeconds: self = .ahtSeconds
        case .concurrency: self = .concurrency
        case .deadlineSeconds: self = .deadline
        case .contacts, .intervalSeconds, .ahtCV, .agents, .trafficErlangs, .openIntervals, .replications: return nil
        }
    }

    /// How messages name the other settings: config keys in a config file, flags on the command line.
    public enum Naming: Sendable {
        case config, flags
        public func name(_ setting: ChannelSetting) -> String {
            switch self {
            case .config: return "\"\(setting.configKey)\""
            case .flags: return "--\(setting.flag)"
            }
        }
    }
}

/// A channel setting refused: which one (and which list item), and why.
public struct ChannelSettingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var setting: ChannelSetting
    /// The item of a list setting (`aht_by_concurrency[2]`), if the error is about one.
    public var index: Int?
    public var message: String

    public init(_ setting: ChannelSetting, index: Int? = nil, _ message: String) {
        self.setting = setting; self.index = index; self.message = message
    }

    public var description: String { "\(setting.rawValue): \(message)" }
}

/// The settings of one channel as a planner writes them — a channel entry of the plan config, or
/// the staffing flags of `erlang` and `staff` — before validation. `policy(naming:)` is the one
/// validation both go through.
public struct ChannelSettings: Sendable, Equatable {
    public var ahtSeconds: Double?
    /// `"config"` or `"forecast"` (config only).
    public var ahtChoice: String?
    public var serviceLevel: String?
    public var asaSeconds: Double?
    public var maxOccupancy: Double?
    public var shrinkage: Double?
    public var patience: Double?
    public var maxAbandonRate: Double?
    public var concurrency: Double?
    public var ahtByConcurrency: [Double]?
    /// Deferred work: a duration of open time (`"24h"`).
    public var deadline: String?

    public init(ahtSeconds: Double? = nil, ahtChoice: String? = nil, serviceLevel: String? = nil, asaSeconds: Double? = nil,
                maxOccupancy: Double? = nil, shrinkage: Double? = nil, patience: Double? = nil, maxAbandonRate: Double? = nil,
                concurrency: Double? = nil, ahtByConcurrency: [Double]? = nil, deadline: String? = nil) {
        self.ahtSeconds = ahtSeconds; self.ahtChoice = ahtChoice; self.serviceLevel = serviceLevel; self.asaSeconds = asaSeconds
        self.maxOccupancy = maxOccupancy; self.shrinkage = shrinkage; self.patience = patience
        self.maxAbandonRate = maxAbandonRate; self.concurrency = concurrency; self.ahtByConcurrency = ahtByConcurrency
        self.deadline = deadline
    }

    /// The settings given, in declaration order (for "does not apply" checks).
    func given(_ setting: ChannelSetting) -> Bool {
        switch setting {
        case .ahtSeconds: return ahtSeconds != nil
        case .aht: return ahtChoice != nil
        case .serviceLevel: return serviceLevel != nil
        case .asaSeconds: return asaSeconds != nil
        case .maxOccupancy: return maxOccupancy != nil
        case .shrinkage: return shrinkage != nil
        case .patience: return patience != nil
        case .maxAbandonRate: return maxAbandonRate != nil
        case .concurrency: return concurrency != nil
        case .ahtByConcurrency: return ahtByConcurrency != nil
        case .deadline: return deadline != nil
        }
    }

    /// The validated policy: a queue (Erlang C, or A with a patience), a chat channel
    /// (concurrency K > 1) or deferred work (a deadline). `aht_seconds` may be left out: the plan
    /// then staffs with the AHT forecast from the history. Without `requiresTarget` (evaluating a
    /// given staff, `erlang --agents`) no service target is needed.
    public func policy(naming: ChannelSetting.Naming, requiresTarget: Bool = true) throws(ChannelSettingError) -> ChannelPolicy {
        if let aht = ahtSeconds {
            guard aht.isFinite, aht > 0, aht <= 86_400 else {
                throw ChannelSettingError(.ahtSeconds, "expected a positive number of seconds up to 86400, got \(Self.show(aht))")
            }
        }
        let choice = ahtChoice ?? "config"
        guard choice == "config" || choice == "forecast" else {
            throw ChannelSettingError(.aht, "expected \"forecast\" (staff with the AHT forecast from the history) or \"config\" (aht_seconds), got '\(choice)'")
        }
        let prefersForecast = choice == "forecast"
        let shrinkage = self.shrinkage ?? 0

        if let deadlineText = deadline {
            guard let seconds = Durations.parse(deadlineText), seconds > 0 else {
                throw ChannelSettingError(.deadline, "expected a duration of open time such as \"24h\", got '\(deadlineText)'")
            }
            for setting in [ChannelSetting.serviceLevel, .asaSeconds, .patience, .maxAbandonRate, .maxOccupancy, .concurrency, .ahtByConcurrency]
            where given(setting) {
                throw ChannelSettingError(setting, "does not apply to deferred work (\(naming.name(.deadline))): the channel is staffed so every contact is handled within the deadline")
            }
            // A placeholder service level passes validation; only the shrinkage is used.
            var target = try Self.validated(StaffingTarget(serviceLevel: 1, targetSeconds: 0, shrinkage: shrinkage))
            target.serviceLevel = nil
            return ChannelPolicy(ahtSeconds: ahtSeconds ?? 0, kind: .deferred(deadlineSeconds: seconds), target: target,
                                 ahtSource: ahtSeconds == nil ? .forecast : (prefersForecast ? .forecastPreferred : .configured))
        }

        var concurrency = 1
        if let k = self.concurrency {
            guard k == k.rounded(), k >= 1, k <= Double(ChatConcurrency.maximumConcurrency) else {
                throw ChannelSettingError(.concurrency, "expected a whole number of conversations from 1 to \(ChatConcurrency.maximumConcurrency), got \(NumberFormat.plain(k, maxFractionDigits: 6))")
            }
            concurrency = Int(k)
        }
        var levels: [Double]? = nil
        if let list = ahtByConcurrency {
            guard !list.isEmpty else {
                throw ChannelSettingError(.ahtByConcurrency, "expected handle times in seconds, one per concurrency level 1…K")
            }
            for (i, x) in list.enumerated() where !(x.isFinite && x > 0 && x <= 86_400) {
                throw ChannelSettingError(.ahtByConcurrency, index: i, "expected a positive number of seconds up to 86400")
            }
            guard list.count <= ChatConcurrency.maximumConcurrency else {
                throw ChannelSettingError(.ahtByConcurrency, "at most \(ChatConcurrency.maximumConcurrency) levels")
            }
            if self.concurrency == nil { concurrency = list.count }
            guard list.count == concurrency else {
                throw ChannelSettingError(.ahtByConcurrency, "gives \(list.count) handle times but \(naming.name(.concurrency)) is \(concurrency); give one per level 1…\(concurrency)")
            }
            levels = list
        }
        if concurrency > 1, patience != nil {
            throw ChannelSettingError(.patience, "abandonment is not modelled with \(naming.name(.concurrency)) above 1; leave \(naming.name(.patience)) out for this channel")
        }
        if maxAbandonRate != nil, patience == nil {
            throw ChannelSettingError(.maxAbandonRate, "needs \(naming.name(.patience)) (seconds callers wait before hanging up)")
        }
        let hasTarget = serviceLevel != nil || asaSeconds != nil || maxAbandonRate != nil
        guard hasTarget || !requiresTarget else {
            let deferred = naming == .config ? " (or a \(naming.name(.deadline)) for deferred work)" : ""
            throw ChannelSettingError(.serviceLevel, "missing; give a service-level target such as \"80/20\", \(naming.name(.asaSeconds)) or \(naming.name(.maxAbandonRate))\(deferred)")
        }
        var fraction: Double? = nil
        var seconds: Double = 0
        if let text = serviceLevel {
            do throws(ServiceLevelText.Invalid) {
                let parsed = try ServiceLevelText.parse(text)
                (fraction, seconds) = (parsed.fraction, parsed.seconds)
            } catch {
                throw ChannelSettingError(.serviceLevel, error.description)
            }
        }
        let given = StaffingTarget(serviceLevel: fraction, targetSeconds: seconds, maxASASeconds: asaSeconds,
                                   maxOccupancy: maxOccupancy, shrinkage: shrinkage,
                                   patienceSeconds: patience, maxAbandonRate: maxAbandonRate)
        var target: StaffingTarget
        if hasTarget || maxOccupancy != nil {
            target = try Self.validated(given)
        } else {
            // Evaluating a given staff: check every field with a placeholder target, then drop it.
            var placeholder = given
            placeholder.serviceLevel = 1
            target = try Self.validated(placeholder)
            target.serviceLevel = nil
        }
        // K = 1 with one level: that level is the handle time (plain Erlang C/A). Explicit
        // per-level handle times count as a configured AHT.
        let single = concurrency == 1 ? levels?.first : nil
        let kind: ChannelKind = concurrency > 1 ? .chat(concurrency: concurrency, ahtByConcurrency: levels) : .queue
        let source: AHTSource = ahtSeconds == nil && levels == nil ? .forecast
            : (prefersForecast && levels == nil ? .forecastPreferred : .configured)
        return ChannelPolicy(ahtSeconds: single ?? (ahtSeconds ?? levels?.first ?? 0), kind: kind, target: target, ahtSource: source)
    }

    /// `target.validated()` with the engine's parameter named as a channel setting.
    static func validated(_ target: StaffingTarget) throws(ChannelSettingError) -> StaffingTarget {
        do throws(QueueingError) { return try target.validated() } catch {
            guard case let .invalidParameter(name, message) = error, let setting = ChannelSetting(name) else {
                throw ChannelSettingError(.serviceLevel, error.description)
            }
            throw ChannelSettingError(setting, message)
        }
    }

    static func show(_ x: Double) -> String {
        x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
