import Foundation
import StaffcastCore
import Queueing
import Forecasting

/// The staffing rules of one channel: handle time and service targets.
///
/// Three kinds of channel: a queue (calls: Erlang C, or Erlang A with a patience), a chat queue
/// (`concurrency` K > 1: `ChatConcurrency`, service level = first reply within T) and deferred
/// work (`deadlineSeconds` set: `DeferredBacklog`, every contact handled within the deadline of
/// open time; `target` then only carries the shrinkage).
struct ChannelPolicy: Equatable {
    var ahtSeconds: Double
    var target: StaffingTarget
    /// Conversations an agent holds at once (1: one contact at a time, Erlang C/A).
    var concurrency: Int = 1
    /// Handle time per conversation while the agent holds k of them, k = 1…concurrency; nil: `ahtSeconds` at every level.
    var ahtByConcurrency: [Double]? = nil
    /// Deferred work: the response deadline in seconds of open time.
    var deadlineSeconds: Int? = nil
    /// False when the config (or `--aht`) gives no handle time: `ahtSeconds` is then a
    /// placeholder and the forecast AHT must be used.
    var ahtConfigured: Bool = true
    /// `"aht": "forecast"`: the forecast AHT wins over `aht_seconds` when the history has AHT.
    var prefersForecastAHT: Bool = false

    /// Whether to staff with the forecast AHT, given whether one is available: when the config
    /// gives none, or when it asks for the forecast (`"aht": "forecast"`).
    func usesForecastAHT(available: Bool) -> Bool { available && (!ahtConfigured || prefersForecastAHT) }

    /// The per-level handle times of the chat model, or nil for a one-at-a-time queue (K = 1).
    var chatAHT: [Double]? {
        guard concurrency > 1 else { return nil }
        return ahtByConcurrency ?? ChatConcurrency.ahtByConcurrency(ahtSeconds: ahtSeconds, concurrency: concurrency)
    }

    /// The same policy with handle times scaled by `factor` (what-if scenarios).
    func scalingAHT(by factor: Double) -> ChannelPolicy {
        var copy = self
        copy.ahtSeconds *= factor
        copy.ahtByConcurrency = ahtByConcurrency?.map { $0 * factor }
        return copy
    }
}

/// A what-if scenario of the config's `"scenarios"`: the same forecast re-staffed with volume and
/// handle-time factors per channel, and optionally another service level or shrinkage.
struct Scenario: Equatable {
    var name: String
    var volumeFactor: [String: Double] = [:]
    var ahtFactor: [String: Double] = [:]
    /// Replaces the service level of every queued channel (deferred channels keep their deadline).
    var serviceLevel: (fraction: Double, seconds: Double)? = nil
    var shrinkage: Double? = nil

    static func == (a: Scenario, b: Scenario) -> Bool {
        a.name == b.name && a.volumeFactor == b.volumeFactor && a.ahtFactor == b.ahtFactor
            && a.serviceLevel?.fraction == b.serviceLevel?.fraction && a.serviceLevel?.seconds == b.serviceLevel?.seconds
            && a.shrinkage == b.shrinkage
    }

    /// `policy` of `channel` under this scenario.
    func apply(to policy: ChannelPolicy, channel: String) -> ChannelPolicy {
        var result = policy.scalingAHT(by: aht(for: channel))
        if let serviceLevel, result.deadlineSeconds == nil {
            result.target.serviceLevel = serviceLevel.fraction
            result.target.targetSeconds = serviceLevel.seconds
        }
        if let shrinkage { result.target.shrinkage = shrinkage }
        return result
    }

    func volume(for channel: String) -> Double { volumeFactor[channel] ?? volumeFactor["*"] ?? 1 }

    func aht(for channel: String) -> Double { ahtFactor[channel] ?? ahtFactor["*"] ?? 1 }
}

/// Which forecast quantile to staff to (`--staff-to`, config `staff_to`).
enum StaffTo: String, CaseIterable {
    case p50, p80, p95
}

/// The JSON config of `staffcast plan` (and `staff --config`):
///
/// ```json
/// { "history": "bank_calls.csv", "timezone": "UTC", "interval": "30m", "model": "auto",
///   "staff_to": "p50", "holidays": ["US"], "events": "events.csv",
///   "channels": { "calls": { "aht_seconds": 300, "service_level": "80/20",
///                             "max_occupancy": 0.85, "shrinkage": 0.3 } } }
/// ```
/// Paths are relative to the config file. A channel entry named `"*"` applies to every channel
/// the history has and the config does not name.
struct PlanConfig {
    var path: String
    var historyPath: String
    /// The history path exactly as written in the config (for the manifest).
    var historyPathAsWritten: String
    var calendar: PlanningCalendar
    var intervalSeconds: Int?
    var valueColumn: String?
    var channelName: String?
    var model: String
    var backtestOrigins: Int
    var staffTo: StaffTo
    var channels: [String: ChannelPolicy]
    /// Countries of the built-in holiday calendars (`"holidays": ["US"]`); none by default.
    var holidays: [String] = []
    /// The events file (`"events"`), resolved against the config's folder, and as written.
    var eventsPath: String? = nil
    var eventsPathAsWritten: String? = nil
    /// Shift lengths in seconds (`"shifts": {"lengths": ["8h", "6h", "4h"]}`), start spacing and
    /// whether shifts of 6 h or more get the standard 30-minute break.
    var shifts: ShiftSettings
    /// What-if scenarios (`"scenarios"`), in the config's order.
    var scenarios: [Scenario] = []
    /// The config file's bytes (hashed into the manifest).
    var data: Data

    static let topLevelKeys: Set<String> = ["history", "timezone", "interval", "value_column", "channel_name",
                                            "model", "backtest_origins", "staff_to", "channels",
                                            "holidays", "events", "shifts", "scenarios"]
    static let scenarioKeys: Set<String> = ["name", "volume_factor", "aht_factor", "service_level", "shrinkage"]
    static let channelKeys: Set<String> = ["aht_seconds", "service_level", "asa_seconds", "max_occupancy", "shrinkage",
                                           "patience", "max_abandon_rate", "concurrency", "aht_by_concurrency", "deadline", "aht"]

    static func load(path: String) throws(CLIError) -> PlanConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .core(.missingInput(path: path, reason: "config file not found"))
        }
        guard !isDirectory.boolValue else { throw .core(.missingInput(path: path, reason: "is a directory, expected a JSON config file")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .core(.missingInput(path: path, reason: "cannot read the config file (permission denied?)"))
        }
        return try parse(data: data, path: path)
    }

    static func parse(data: Data, path: String) throws(CLIError) -> PlanConfig {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .config(path: path, key: "(file)", message: "not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "syntax error")")
        }
        guard let object = root as? [String: Any] else {
            throw .config(path: path, key: "(file)", message: "expected a JSON object at the top level")
        }
        let reader = JSONFields(path: path)
        try reader.rejectUnknown(object, allowed: topLevelKeys, at: "")

        let history = try reader.string(object, "history", at: "")
        guard !history.isEmpty else { throw .config(path: path, key: "history", message: "expected the path of the history CSV") }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        let historyPath = history.hasPrefix("/") ? history : base.appendingPathComponent(history).path

        let zoneName = try reader.optionalString(object, "timezone", at: "") ?? "UTC"
        let calendar: PlanningCalendar
        do { calendar = try PlanningCalendar(identifier: zoneName) } catch {
            throw .config(path: path, key: "timezone", message: error.description)
        }
        var interval: Int? = nil
        if let text = try reader.optionalString(object, "interval", at: "") {
            guard let seconds = Durations.parse(text) else {
                throw .config(path: path, key: "interval", message: "expected a duration such as 15m, 30m or 1h, got '\(text)'")
            }
            interval = seconds
        }
        let model = try reader.optionalString(object, "model", at: "") ?? "auto"
        let origins = try reader.optionalNumber(object, "backtest_origins", at: "") ?? 4
        guard origins == origins.rounded(), (1...52).contains(origins) else {
            throw .config(path: path, key: "backtest_origins", message: "expected a whole number from 1 to 52")
        }
        let staffToText = try reader.optionalString(object, "staff_to", at: "") ?? "p50"
        guard let staffTo = StaffTo(rawValue: staffToText) else {
            throw .config(path: path, key: "staff_to", message: "expected p50, p80 or p95, got '\(staffToText)'")
        }

        guard let channelsValue = object["channels"] else {
            throw .config(path: path, key: "channels", message: "missing; expected an object of channel name → {aht_seconds, service_level, …}")
        }
        guard let channelObjects = channelsValue as? [String: Any], !channelObjects.isEmpty else {
            throw .config(path: path, key: "channels", message: "expected a non-empty object of channel name → settings")
        }
        var channels: [String: ChannelPolicy] = [:]
        for name in channelObjects.keys.sorted() {
            let keyPath = "channels.\(name)"
            guard let settings = channelObjects[name] as? [String: Any] else {
                throw .config(path: path, key: keyPath, message: "expected an object with aht_seconds and service_level")
            }
            channels[name] = try policy(settings, at: keyPath, reader: reader)
        }
        var holidays: [String] = []
        if let value = object["holidays"], !(value is NSNull) {
            guard let list = value as? [Any], list.allSatisfy({ $0 is String }) else {
                throw .config(path: path, key: "holidays", message: "expected an array of country codes such as [\"US\"]")
            }
            holidays = list.compactMap { $0 as? String }
            if !holidays.isEmpty {
                do throws(ForecastingError) { _ = try HolidayCalendar.countryCodes(holidays) } catch {
                    throw .config(path: path, key: "holidays", message: error.description)
                }
            }
        }
        let eventsText = try reader.optionalString(object, "events", at: "")
        if let eventsText, eventsText.isEmpty {
            throw .config(path: path, key: "events", message: "expected the path of the events CSV")
        }
        let eventsPath = eventsText.map { $0.hasPrefix("/") ? $0 : base.appendingPathComponent($0).path }
        let shifts = try ShiftSettings.parse(object["shifts"], reader: reader)
        return PlanConfig(path: path, historyPath: historyPath, historyPathAsWritten: history, calendar: calendar,
                          intervalSeconds: interval,
                          valueColumn: try reader.optionalString(object, "value_column", at: ""),
                          channelName: try reader.optionalString(object, "channel_name", at: ""),
                          model: model, backtestOrigins: Int(origins), staffTo: staffTo, channels: channels,
                          holidays: holidays, eventsPath: eventsPath, eventsPathAsWritten: eventsText,
                          shifts: shifts,
                          scenarios: try scenarios(object["scenarios"], reader: reader), data: data)
    }

    static func scenarios(_ value: Any?, reader: JSONFields) throws(CLIError) -> [Scenario] {
        guard let value, !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else {
            throw .config(path: reader.path, key: "scenarios", message: "expected an array of {\"name\": …, \"volume_factor\": {channel: f}, …}")
        }
        var result: [Scenario] = []
        for (i, item) in list.enumerated() {
            let keyPath = "scenarios[\(i)]"
            guard let object = item as? [String: Any] else {
                throw .config(path: reader.path, key: keyPath, message: "expected an object with at least a \"name\"")
            }
            try reader.rejectUnknown(object, allowed: scenarioKeys, at: keyPath)
            let name = try reader.string(object, "name", at: keyPath)
            guard !name.isEmpty, name != "baseline", !name.contains(","), !name.contains("\""), !name.contains("\n") else {
                throw .config(path: reader.path, key: keyPath + ".name",
                              message: "expected a non-empty name other than \"baseline\", without commas, quotes or line breaks")
            }
            guard !result.contains(where: { $0.name == name }) else {
                throw .config(path: reader.path, key: keyPath + ".name", message: "another scenario is already named '\(name)'")
            }
            var scenario = Scenario(name: name)
            for (key, positiveOnly) in [("volume_factor", false), ("aht_factor", true)] {
                guard let raw = object[key], !(raw is NSNull) else { continue }
                guard let factors = raw as? [String: Any] else {
                    throw .config(path: reader.path, key: keyPath + "." + key, message: "expected an object of channel name → factor, e.g. {\"calls\": 0.8}")
                }
                var parsed: [String: Double] = [:]
                for channel in factors.keys.sorted() {
                    let x = try reader.number(factors, channel, at: keyPath + "." + key)
                    guard positiveOnly ? x > 0 : x >= 0, x <= 100 else {
                        throw .config(path: reader.path, key: keyPath + "." + key + "." + channel,
                                      message: "expected a factor \(positiveOnly ? "above 0" : "from 0") up to 100, got \(x)")
                    }
                    parsed[channel] = x
                }
                if key == "volume_factor" { scenario.volumeFactor = parsed } else { scenario.ahtFactor = parsed }
            }
            if let sl = try reader.optionalString(object, "service_level", at: keyPath) {
                do throws(ServiceLevelText.Invalid) { scenario.serviceLevel = try ServiceLevelText.parse(sl) } catch {
                    throw .config(path: reader.path, key: keyPath + ".service_level", message: error.description)
                }
            }
            if let shrinkage = try reader.optionalNumber(object, "shrinkage", at: keyPath) {
                guard shrinkage >= 0, shrinkage < 1 else {
                    throw .config(path: reader.path, key: keyPath + ".shrinkage", message: "expected a fraction in [0, 1), got \(shrinkage)")
                }
                scenario.shrinkage = shrinkage
            }
            result.append(scenario)
        }
        return result
    }

    static func policy(_ settings: [String: Any], at keyPath: String, reader: JSONFields) throws(CLIError) -> ChannelPolicy {
        try reader.rejectUnknown(settings, allowed: channelKeys, at: keyPath)
        // aht_seconds may be left out: the plan then staffs with the AHT forecast from the history.
        let configuredAHT = try reader.optionalNumber(settings, "aht_seconds", at: keyPath)
        if let aht = configuredAHT {
            guard aht.isFinite, aht > 0, aht <= 86_400 else {
                throw .config(path: reader.path, key: keyPath + ".aht_seconds", message: "expected a positive number of seconds up to 86400, got \(aht)")
            }
        }
        let aht = configuredAHT ?? 0
        let ahtChoice = try reader.optionalString(settings, "aht", at: keyPath) ?? "config"
        guard ahtChoice == "config" || ahtChoice == "forecast" else {
            throw .config(path: reader.path, key: keyPath + ".aht",
                          message: "expected \"forecast\" (staff with the AHT forecast from the history) or \"config\" (aht_seconds), got '\(ahtChoice)'")
        }
        let prefersForecast = ahtChoice == "forecast"
        let sl = try reader.optionalString(settings, "service_level", at: keyPath)
        let asa = try reader.optionalNumber(settings, "asa_seconds", at: keyPath)
        let patience = try reader.optionalNumber(settings, "patience", at: keyPath)
        let maxAbandon = try reader.optionalNumber(settings, "max_abandon_rate", at: keyPath)
        let maxOccupancy = try reader.optionalNumber(settings, "max_occupancy", at: keyPath)
        let shrinkage = try reader.optionalNumber(settings, "shrinkage", at: keyPath) ?? 0

        // Deferred work: a deadline instead of a service level.
        if let deadlineText = try reader.optionalString(settings, "deadline", at: keyPath) {
            guard let deadline = Durations.parse(deadlineText), deadline > 0 else {
                throw .config(path: reader.path, key: keyPath + ".deadline", message: "expected a duration of open time such as \"24h\", got '\(deadlineText)'")
            }
            for key in ["service_level", "asa_seconds", "patience", "max_abandon_rate", "max_occupancy", "concurrency", "aht_by_concurrency"]
            where settings[key] != nil && !(settings[key] is NSNull) {
                throw .config(path: reader.path, key: keyPath + "." + key,
                              message: "does not apply to deferred work (\"deadline\"): the channel is staffed so every contact is handled within the deadline")
            }
            // A placeholder service level passes validation; only the shrinkage is used.
            var target: StaffingTarget
            do throws(QueueingError) {
                target = try StaffingTarget(serviceLevel: 1, targetSeconds: 0, shrinkage: shrinkage).validated()
            } catch {
                if case let .invalidParameter(name, message) = error {
                    throw .config(path: reader.path, key: keyPath + "." + name, message: message)
                }
                throw .config(path: reader.path, key: keyPath, message: error.description)
            }
            target.serviceLevel = nil
            return ChannelPolicy(ahtSeconds: aht, target: target, deadlineSeconds: deadline,
                                 ahtConfigured: configuredAHT != nil, prefersForecastAHT: prefersForecast)
        }

        var concurrency = 1
        if let k = try reader.optionalNumber(settings, "concurrency", at: keyPath) {
            guard k == k.rounded(), k >= 1, k <= Double(ChatConcurrency.maximumConcurrency) else {
                throw .config(path: reader.path, key: keyPath + ".concurrency",
                              message: "expected a whole number of conversations from 1 to \(ChatConcurrency.maximumConcurrency), got \(NumberFormat.plain(k, maxFractionDigits: 6))")
            }
            concurrency = Int(k)
        }
        var ahtLevels: [Double]? = nil
        if let raw = settings["aht_by_concurrency"], !(raw is NSNull) {
            guard let list = raw as? [Any], !list.isEmpty else {
                throw .config(path: reader.path, key: keyPath + ".aht_by_concurrency", message: "expected an array of handle times in seconds, one per concurrency level 1…K")
            }
            var levels: [Double] = []
            for (i, item) in list.enumerated() {
                guard let number = item as? NSNumber, !(item is Bool), number.doubleValue.isFinite,
                      number.doubleValue > 0, number.doubleValue <= 86_400 else {
                    throw .config(path: reader.path, key: keyPath + ".aht_by_concurrency[\(i)]", message: "expected a positive number of seconds up to 86400")
                }
                levels.append(number.doubleValue)
            }
            if settings["concurrency"] == nil { concurrency = levels.count }
            guard levels.count == concurrency else {
                throw .config(path: reader.path, key: keyPath + ".aht_by_concurrency",
                              message: "gives \(levels.count) handle times but concurrency is \(concurrency); give one per level 1…\(concurrency)")
            }
            guard concurrency <= ChatConcurrency.maximumConcurrency else {
                throw .config(path: reader.path, key: keyPath + ".aht_by_concurrency", message: "at most \(ChatConcurrency.maximumConcurrency) levels")
            }
            ahtLevels = levels
        }
        if concurrency > 1, patience != nil {
            throw .config(path: reader.path, key: keyPath + ".patience",
                          message: "abandonment is not modelled with chat concurrency > 1; leave patience out for this channel")
        }
        if maxAbandon != nil, patience == nil {
            throw .config(path: reader.path, key: keyPath + ".max_abandon_rate", message: "needs \"patience\" (seconds callers wait before hanging up)")
        }
        guard sl != nil || asa != nil || maxAbandon != nil else {
            throw .config(path: reader.path, key: keyPath + ".service_level", message: "missing; give a service-level target such as \"80/20\", asa_seconds or max_abandon_rate (or a \"deadline\" for deferred work)")
        }
        var fraction: Double? = nil
        var seconds: Double = 0
        if let sl {
            do throws(ServiceLevelText.Invalid) { (fraction, seconds) = try ServiceLevelText.parse(sl) } catch {
                throw .config(path: reader.path, key: keyPath + ".service_level", message: error.description)
            }
        }
        let target = StaffingTarget(serviceLevel: fraction, targetSeconds: seconds, maxASASeconds: asa,
                                    maxOccupancy: maxOccupancy, shrinkage: shrinkage,
                                    patienceSeconds: patience, maxAbandonRate: maxAbandon)
        let validated: StaffingTarget
        do throws(QueueingError) { validated = try target.validated() } catch {
            if case let .invalidParameter(name, message) = error {
                let key = ["patience_seconds": "patience"][name] ?? name
                throw .config(path: reader.path, key: keyPath + "." + key, message: message)
            }
            throw .config(path: reader.path, key: keyPath, message: error.description)
        }
        // K = 1 with one level: that level is the handle time (plain Erlang C/A).
        let single = concurrency == 1 ? ahtLevels?.first : nil
        // Explicit per-level handle times count as a configured AHT.
        return ChannelPolicy(ahtSeconds: single ?? (configuredAHT ?? ahtLevels?.first ?? 0), target: validated, concurrency: concurrency,
                             ahtByConcurrency: concurrency > 1 ? ahtLevels : nil,
                             ahtConfigured: configuredAHT != nil || ahtLevels != nil,
                             prefersForecastAHT: prefersForecast && ahtLevels == nil)
    }

    /// The policy of `channel`: its own entry, else the `"*"` entry.
    func policy(for channel: String) throws(CLIError) -> ChannelPolicy {
        if let own = channels[channel] ?? channels["*"] { return own }
        throw .config(path: path, key: "channels", message: "the history has a channel '\(channel)' but the config gives no settings for it; add \"\(channel)\": {…} or a \"*\" entry")
    }
}

/// Typed field access on decoded JSON that names the key path on every mistake.
struct JSONFields {
    let path: String

    func rejectUnknown(_ object: [String: Any], allowed: Set<String>, at keyPath: String) throws(CLIError) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            var message = "unknown key"
            if let guess = ArgumentScanner.closest(key, among: allowed.sorted()) { message += "; did you mean \"\(guess)\"?" }
            throw .config(path: path, key: join(keyPath, key), message: message)
        }
    }

    func string(_ object: [String: Any], _ key: String, at keyPath: String) throws(CLIError) -> String {
        guard let value = object[key] else { throw .config(path: path, key: join(keyPath, key), message: "missing") }
        guard let s = value as? String else {
            throw .config(path: path, key: join(keyPath, key), message: "expected a string, got \(describe(value))")
        }
        return s
    }

    func optionalString(_ object: [String: Any], _ key: String, at keyPath: String) throws(CLIError) -> String? {
        object[key] == nil || object[key] is NSNull ? nil : try string(object, key, at: keyPath)
    }

    func number(_ object: [String: Any], _ key: String, at keyPath: String) throws(CLIError) -> Double {
        guard let value = object[key] else { throw .config(path: path, key: join(keyPath, key), message: "missing") }
        // JSONSerialization gives NSNumber for both numbers and booleans; refuse booleans.
        guard !isBoolean(value), let number = value as? NSNumber else {
            throw .config(path: path, key: join(keyPath, key), message: "expected a number, got \(describe(value))")
        }
        let x = number.doubleValue
        guard x.isFinite else { throw .config(path: path, key: join(keyPath, key), message: "expected a finite number") }
        return x
    }

    func optionalNumber(_ object: [String: Any], _ key: String, at keyPath: String) throws(CLIError) -> Double? {
        object[key] == nil || object[key] is NSNull ? nil : try number(object, key, at: keyPath)
    }

    func optionalBool(_ object: [String: Any], _ key: String, at keyPath: String) throws(CLIError) -> Bool? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard isBoolean(value), let flag = value as? Bool else {
            throw .config(path: path, key: join(keyPath, key), message: "expected true or false, got \(describe(value))")
        }
        return flag
    }

    /// JSONSerialization decodes `true`/`false` as NSNumber too; tell them apart by their type.
    func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c" || type(of: value) == Bool.self
    }

    private func join(_ keyPath: String, _ key: String) -> String { keyPath.isEmpty ? key : keyPath + "." + key }

    private func describe(_ value: Any) -> String {
        switch value {
        case is String: return "a string"
        case is Bool: return "a boolean"
        case is NSNumber: return "a number"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        case is NSNull: return "null"
        default: return "another type"
        }
    }
}

/// Service-level targets as planners write them: `80/20` = 80 % answered within 20 seconds.
enum ServiceLevelText {
    struct Invalid: Error, CustomStringConvertible { let description: String }

    static func parse(_ text: String) throws(Invalid) -> (fraction: Double, seconds: Double) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let percent = Double(parts[0].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")),
              let seconds = Double(parts[1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "s", with: "")),
              percent.isFinite, seconds.isFinite else {
            throw Invalid(description: "expected a service-level target P/T such as 80/20 (80 % within 20 seconds), got '\(text)'")
        }
        guard percent > 0, percent <= 100 else {
            throw Invalid(description: "the percentage in '\(text)' must be above 0 and at most 100")
        }
        guard seconds >= 0, seconds <= 86_400 else {
            throw Invalid(description: "the seconds in '\(text)' must be between 0 and 86400")
        }
        return (percent / 100, seconds)
    }
}
