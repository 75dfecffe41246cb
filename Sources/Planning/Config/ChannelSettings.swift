import Foundation
import Queueing
import StaffcastCore

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
    case workingHours = "working_hours"
    case deadlineCounts = "deadline_counts"
    case openingBacklog = "opening_backlog"
    case closingBacklog = "closing_backlog"
    case minContactsPerInterval = "min_contacts_per_interval"
    case nightCover = "night_cover"

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
        case .workingHours: return "working-hours"
        case .deadlineCounts: return "deadline-counts"
        case .openingBacklog: return "opening-backlog"
        case .closingBacklog: return "closing-backlog"
        case .minContactsPerInterval: return "min-contacts"
        case .nightCover: return "night-cover"
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
        self.setting = setting
        self.index = index
        self.message = message
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
    /// Deferred work: a duration (`"24h"`) of working time, or of clock time with `deadlineCounts`.
    public var deadline: String?
    /// Deferred work: when agents answer it, e.g. `["Mon-Fri 08:00-20:00", "Sat 09:00-17:00"]`;
    /// nil: whenever the channel has contacts.
    public var workingHours: [String]?
    /// Deferred work: `"working"` (default) or `"wall"`.
    public var deadlineCounts: String?
    /// Deferred work: contacts waiting when the week starts, or nil for what the history's last week leaves.
    public var openingBacklog: Double?
    /// Deferred work: `"carry"` (default: contacts due after the week stay) or `"staff"` (the week
    /// answers all of its contacts).
    public var closingBacklog: String?
    /// Real-time channels: intervals with fewer contacts are closed (or get `nightCover` agents).
    public var minContactsPerInterval: Double?
    public var nightCover: Double?

    public init(
        ahtSeconds: Double? = nil, ahtChoice: String? = nil, serviceLevel: String? = nil, asaSeconds: Double? = nil,
        maxOccupancy: Double? = nil, shrinkage: Double? = nil, patience: Double? = nil, maxAbandonRate: Double? = nil,
        concurrency: Double? = nil, ahtByConcurrency: [Double]? = nil, deadline: String? = nil
    ) {
        self.ahtSeconds = ahtSeconds
        self.ahtChoice = ahtChoice
        self.serviceLevel = serviceLevel
        self.asaSeconds = asaSeconds
        self.maxOccupancy = maxOccupancy
        self.shrinkage = shrinkage
        self.patience = patience
        self.maxAbandonRate = maxAbandonRate
        self.concurrency = concurrency
        self.ahtByConcurrency = ahtByConcurrency
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
        case .workingHours: return workingHours != nil
        case .deadlineCounts: return deadlineCounts != nil
        case .openingBacklog: return openingBacklog != nil
        case .closingBacklog: return closingBacklog != nil
        case .minContactsPerInterval: return minContactsPerInterval != nil
        case .nightCover: return nightCover != nil
        }
    }

    /// The validated policy: a queue (Erlang C, or A with a patience), a chat channel
    /// (concurrency K > 1) or deferred work (a deadline). `aht_seconds` may be left out: the plan
    /// then staffs with the AHT forecast from the history. Without `requiresTarget` (evaluating a
    /// given staff, `erlang --agents`) no service target is needed. Without `force`, shrinkage
    /// above `maximumShrinkage` and an occupancy cap below `minimumOccupancyCap` are refused: they
    /// are almost always a percentage typed as a fraction's complement (0.999999 turns 14 agents
    /// into 14,000,000 heads).
    public func policy(naming: ChannelSetting.Naming, requiresTarget: Bool = true, force: Bool = false)
        throws(ChannelSettingError) -> ChannelPolicy
    {
        if !force { try checkPlausible(naming: naming) }
        if let aht = ahtSeconds {
            guard aht.isFinite, aht >= 1, aht <= 86_400 else {
                throw ChannelSettingError(
                    .ahtSeconds, "expected a handle time of 1 to 86400 seconds, got \(Self.show(aht))")
            }
        }
        let choice = ahtChoice ?? "config"
        guard choice == "config" || choice == "forecast" else {
            throw ChannelSettingError(
                .aht,
                "expected \"forecast\" (staff with the AHT forecast from the history) or \"config\" (aht_seconds), got '\(choice)'"
            )
        }
        let prefersForecast = choice == "forecast"
        let shrinkage = self.shrinkage ?? 0

        if let deadlineText = deadline {
            guard let seconds = Durations.parse(deadlineText), seconds > 0 else {
                throw ChannelSettingError(
                    .deadline, "expected a duration of open time such as \"24h\", got '\(deadlineText)'")
            }
            let rules = try deferredRules(deadlineSeconds: seconds)
            for setting in [
                ChannelSetting.serviceLevel, .asaSeconds, .patience, .maxAbandonRate, .maxOccupancy, .concurrency,
                .ahtByConcurrency,
                .minContactsPerInterval, .nightCover,
            ]
            where given(setting) {
                throw ChannelSettingError(
                    setting,
                    "does not apply to deferred work (\(naming.name(.deadline))): the channel is staffed so every contact is handled within the deadline"
                )
            }
            // A placeholder service level passes validation; only the shrinkage is used.
            var target = try Self.validated(StaffingTarget(serviceLevel: 1, targetSeconds: 0, shrinkage: shrinkage))
            target.serviceLevel = nil
            return ChannelPolicy(
                ahtSeconds: ahtSeconds ?? 0, kind: .deferred(rules), target: target,
                ahtSource: ahtSeconds == nil ? .forecast : (prefersForecast ? .forecastPreferred : .configured))
        }

        for setting in [ChannelSetting.workingHours, .deadlineCounts, .openingBacklog, .closingBacklog]
        where given(setting) {
            throw ChannelSettingError(setting, "applies only to deferred work (a \(naming.name(.deadline)))")
        }
        var concurrency = 1
        // A fractional concurrency is a measured average (2.5 conversations at once): a rate.
        var average: Double? = nil
        if let k = self.concurrency {
            guard k.isFinite, k >= 1, k <= Double(ChatConcurrency.maximumConcurrency) else {
                throw ChannelSettingError(
                    .concurrency,
                    "expected the conversations an agent holds at once, from 1 to \(ChatConcurrency.maximumConcurrency) (a whole number, or a measured average such as 2.5), got \(NumberFormat.plain(k, maxFractionDigits: 6))"
                )
            }
            if k == k.rounded() { concurrency = Int(k) } else { average = k }
        }
        if let average, ahtByConcurrency != nil {
            throw ChannelSettingError(
                .ahtByConcurrency,
                "gives handle times per whole concurrency level 1…K, but \(naming.name(.concurrency)) is the average \(NumberFormat.plain(average, maxFractionDigits: 6)); give a whole number with the levels, or leave them out"
            )
        }
        var levels: [Double]? = nil
        if let list = ahtByConcurrency {
            guard !list.isEmpty else {
                throw ChannelSettingError(
                    .ahtByConcurrency, "expected handle times in seconds, one per concurrency level 1…K")
            }
            for (i, x) in list.enumerated() where !(x.isFinite && x >= 1 && x <= 86_400) {
                throw ChannelSettingError(
                    .ahtByConcurrency, index: i, "expected a handle time of 1 to 86400 seconds, got \(Self.show(x))")
            }
            guard list.count <= ChatConcurrency.maximumConcurrency else {
                throw ChannelSettingError(.ahtByConcurrency, "at most \(ChatConcurrency.maximumConcurrency) levels")
            }
            if self.concurrency == nil { concurrency = list.count }
            guard list.count == concurrency else {
                throw ChannelSettingError(
                    .ahtByConcurrency,
                    "gives \(list.count) handle times but \(naming.name(.concurrency)) is \(concurrency); give one per level 1…\(concurrency)"
                )
            }
            levels = list
        }
        if concurrency > 1 || average != nil, patience != nil {
            throw ChannelSettingError(
                .patience,
                "abandonment is not modelled with \(naming.name(.concurrency)) above 1; leave \(naming.name(.patience)) out for this channel"
            )
        }
        if maxAbandonRate != nil, patience == nil {
            throw ChannelSettingError(
                .maxAbandonRate, "needs \(naming.name(.patience)) (seconds callers wait before hanging up)")
        }
        let hasTarget = serviceLevel != nil || asaSeconds != nil || maxAbandonRate != nil
        guard hasTarget || !requiresTarget else {
            let deferred = naming == .config ? " (or a \(naming.name(.deadline)) for deferred work)" : ""
            throw ChannelSettingError(
                .serviceLevel,
                "missing; give a service-level target such as \"80/20\", \(naming.name(.asaSeconds)) or \(naming.name(.maxAbandonRate))\(deferred)"
            )
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
        let given = StaffingTarget(
            serviceLevel: fraction, targetSeconds: seconds, maxASASeconds: asaSeconds,
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
        let kind: ChannelKind =
            if let average { .chatAverage(concurrency: average) } else if concurrency > 1 {
                .chat(concurrency: concurrency, ahtByConcurrency: levels)
            } else { .queue }
        var lowVolume: LowVolumeRule? = nil
        if let minimum = minContactsPerInterval {
            guard minimum.isFinite, minimum >= 0, minimum <= 1000 else {
                throw ChannelSettingError(
                    .minContactsPerInterval, "expected a number of contacts from 0 to 1000, got \(Self.show(minimum))")
            }
            var cover = 0
            if let n = nightCover {
                guard n == n.rounded(), n >= 0, n <= 10_000 else {
                    throw ChannelSettingError(
                        .nightCover, "expected a whole number of agents from 0 to 10000, got \(Self.show(n))")
                }
                cover = Int(n)
            }
            lowVolume = LowVolumeRule(minimumContacts: minimum, cover: cover)
        } else if nightCover != nil {
            throw ChannelSettingError(
                .nightCover,
                "needs \(naming.name(.minContactsPerInterval)): the volume below which the cover replaces the targets")
        }
        let source: AHTSource =
            ahtSeconds == nil && levels == nil
            ? .forecast
            : (prefersForecast && levels == nil ? .forecastPreferred : .configured)
        var policy = ChannelPolicy(
            ahtSeconds: single ?? (ahtSeconds ?? levels?.first ?? 0), kind: kind, target: target, ahtSource: source)
        policy.lowVolume = lowVolume
        return policy
    }

    /// The deferred-work rules of the settings: working hours, what the deadline counts, the backlogs.
    func deferredRules(deadlineSeconds: Int) throws(ChannelSettingError) -> DeferredRules {
        var rules = DeferredRules(deadlineSeconds: deadlineSeconds)
        if let lines = workingHours { rules.workingHours = try Self.workingHours(lines) }
        if let text = deadlineCounts {
            guard let clock = DeadlineClock(rawValue: text) else {
                throw ChannelSettingError(
                    .deadlineCounts,
                    "expected \"working\" (the deadline counts working hours) or \"wall\" (clock time), got '\(text)'")
            }
            rules.clock = clock
        }
        if let count = openingBacklog {
            guard count.isFinite, count >= 0, count <= 1e9 else {
                throw ChannelSettingError(
                    .openingBacklog, "expected a number of contacts from 0 to 1e9, got \(Self.show(count))")
            }
            rules.opening = .given(count)
        }
        if let text = closingBacklog {
            guard let closing = DeferredRules.Closing(rawValue: text) else {
                throw ChannelSettingError(
                    .closingBacklog,
                    "expected \"carry\" (contacts due after the week stay) or \"staff\" (the week answers all of its contacts), got '\(text)'"
                )
            }
            rules.closing = closing
        }
        return rules
    }

    /// `"Mon-Fri 08:00-20:00"`, `"Sat 09:00-13:00,14:00-17:00"`, `"Sun closed"`: days (one, a
    /// range, or a comma list) then windows of local time; a day may appear in one line only.
    static func workingHours(_ lines: [String]) throws(ChannelSettingError) -> WorkingHours {
        func day(_ text: Substring) -> Int? { WeekdayName.parse(text) }
        func clock(_ text: Substring) -> Int? { ClockText.seconds(text, allowingEndOfDay: true) }
        var windows: [Int: [Range<Int>]] = [:]
        for (index, line) in lines.enumerated() {
            let fail = ChannelSettingError(
                .workingHours, index: index,
                "expected days and local times such as \"Mon-Fri 08:00-20:00\" or \"Sat 09:00-13:00,14:00-17:00\", got '\(line)'"
            )
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else { throw fail }
            var days: [Int] = []
            for item in parts[0].split(separator: ",") {
                let ends = item.split(separator: "-")
                guard (1...2).contains(ends.count), let first = day(ends[0]), let last = day(ends[ends.count - 1])
                else { throw fail }
                var d = first
                while true {
                    days.append(d)
                    if d == last { break }
                    d = d % 7 + 1
                }
            }
            var ranges: [Range<Int>] = []
            if parts[1].lowercased() != "closed" {
                for window in parts[1].split(separator: ",") {
                    let ends = window.split(separator: "-")
                    guard ends.count == 2, let start = clock(ends[0]), let end = clock(ends[1]), start < end else {
                        throw fail
                    }
                    ranges.append(start..<end)
                }
            }
            for d in days {
                guard windows[d] == nil else {
                    throw ChannelSettingError(
                        .workingHours, index: index, "\(WeekdayName.short(d)) is given in two lines")
                }
                windows[d] = ranges.sorted { $0.lowerBound < $1.lowerBound }
            }
        }
        guard windows.values.contains(where: { !$0.isEmpty }) else {
            throw ChannelSettingError(.workingHours, "no working time at all: deferred work would never be answered")
        }
        return WorkingHours(windows: windows)
    }

    /// The most shrinkage accepted without `force` (5 % of paid time on the phones).
    public static let maximumShrinkage = 0.95
    /// The lowest occupancy cap accepted without `force`.
    public static let minimumOccupancyCap = 0.05

    func checkPlausible(naming: ChannelSetting.Naming) throws(ChannelSettingError) {
        let force = naming == .config ? "plan --force (or staff --force)" : "--force"
        if let shrinkage, shrinkage > Self.maximumShrinkage, shrinkage < 1 {
            throw ChannelSettingError(
                .shrinkage,
                "\(Self.show(shrinkage)) leaves \(NumberFormat.plain(100 * (1 - shrinkage), maxFractionDigits: 6)) % of paid time on the phones (every agent needs \(NumberFormat.plain(1 / (1 - shrinkage), maxFractionDigits: 1)) heads); at most \(Self.show(Self.maximumShrinkage)) is accepted without \(force)"
            )
        }
        if let cap = maxOccupancy, cap < Self.minimumOccupancyCap, cap > 0 {
            throw ChannelSettingError(
                .maxOccupancy,
                "\(Self.show(cap)) keeps agents idle \(NumberFormat.plain(100 * (1 - cap), maxFractionDigits: 6)) % of the time; at least \(Self.show(Self.minimumOccupancyCap)) is accepted without \(force)"
            )
        }
    }

    /// `target.validated()` with the engine's parameter named as a channel setting.
    static func validated(_ target: StaffingTarget) throws(ChannelSettingError) -> StaffingTarget {
        do throws(QueueingError) { return try target.validated() } catch {
            guard case .invalidParameter(let name, let message) = error, let setting = ChannelSetting(name) else {
                throw ChannelSettingError(.serviceLevel, error.description)
            }
            throw ChannelSettingError(setting, message)
        }
    }

    static func show(_ x: Double) -> String {
        x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
