import Foundation
import StaffcastCore
import Queueing
import Forecasting

/// The staffing rules of one channel: handle time and service targets.
struct ChannelPolicy: Equatable {
    var ahtSeconds: Double
    var target: StaffingTarget
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
    var shiftLengths: [Int] = [8 * 3600, 6 * 3600, 4 * 3600]
    var shiftStartEvery = 1800
    var shiftBreaks = true
    /// The config file's bytes (hashed into the manifest).
    var data: Data

    static let topLevelKeys: Set<String> = ["history", "timezone", "interval", "value_column", "channel_name",
                                            "model", "backtest_origins", "staff_to", "channels",
                                            "holidays", "events", "shifts"]
    static let shiftKeys: Set<String> = ["lengths", "start_every", "breaks"]
    static let channelKeys: Set<String> = ["aht_seconds", "service_level", "asa_seconds", "max_occupancy", "shrinkage",
                                           "patience", "max_abandon_rate"]

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
        var shiftLengths = [8 * 3600, 6 * 3600, 4 * 3600], shiftStartEvery = 1800, shiftBreaks = true
        if let value = object["shifts"], !(value is NSNull) {
            guard let shifts = value as? [String: Any] else {
                throw .config(path: path, key: "shifts", message: "expected an object such as {\"lengths\": [\"8h\", \"6h\", \"4h\"], \"start_every\": \"30m\", \"breaks\": true}")
            }
            try reader.rejectUnknown(shifts, allowed: shiftKeys, at: "shifts")
            if let lengths = shifts["lengths"] {
                guard let list = lengths as? [Any], !list.isEmpty else {
                    throw .config(path: path, key: "shifts.lengths", message: "expected a non-empty array of durations such as [\"8h\", \"6h\"]")
                }
                shiftLengths = []
                for (i, item) in list.enumerated() {
                    guard let text = item as? String, let seconds = Durations.parse(text) else {
                        throw .config(path: path, key: "shifts.lengths[\(i)]", message: "expected a duration such as \"8h\"")
                    }
                    shiftLengths.append(seconds)
                }
            }
            if let text = try reader.optionalString(shifts, "start_every", at: "shifts") {
                guard let seconds = Durations.parse(text) else {
                    throw .config(path: path, key: "shifts.start_every", message: "expected a duration such as \"30m\", got '\(text)'")
                }
                shiftStartEvery = seconds
            }
            if let breaks = try reader.optionalBool(shifts, "breaks", at: "shifts") { shiftBreaks = breaks }
        }
        return PlanConfig(path: path, historyPath: historyPath, historyPathAsWritten: history, calendar: calendar,
                          intervalSeconds: interval,
                          valueColumn: try reader.optionalString(object, "value_column", at: ""),
                          channelName: try reader.optionalString(object, "channel_name", at: ""),
                          model: model, backtestOrigins: Int(origins), staffTo: staffTo, channels: channels,
                          holidays: holidays, eventsPath: eventsPath, eventsPathAsWritten: eventsText,
                          shiftLengths: shiftLengths, shiftStartEvery: shiftStartEvery, shiftBreaks: shiftBreaks, data: data)
    }

    static func policy(_ settings: [String: Any], at keyPath: String, reader: JSONFields) throws(CLIError) -> ChannelPolicy {
        try reader.rejectUnknown(settings, allowed: channelKeys, at: keyPath)
        let aht = try reader.number(settings, "aht_seconds", at: keyPath)
        let sl = try reader.optionalString(settings, "service_level", at: keyPath)
        let asa = try reader.optionalNumber(settings, "asa_seconds", at: keyPath)
        let patience = try reader.optionalNumber(settings, "patience", at: keyPath)
        let maxAbandon = try reader.optionalNumber(settings, "max_abandon_rate", at: keyPath)
        if maxAbandon != nil, patience == nil {
            throw .config(path: reader.path, key: keyPath + ".max_abandon_rate", message: "needs \"patience\" (seconds callers wait before hanging up)")
        }
        guard sl != nil || asa != nil || maxAbandon != nil else {
            throw .config(path: reader.path, key: keyPath + ".service_level", message: "missing; give a service-level target such as \"80/20\", asa_seconds or max_abandon_rate")
        }
        var fraction: Double? = nil
        var seconds: Double = 0
        if let sl {
            do throws(ServiceLevelText.Invalid) { (fraction, seconds) = try ServiceLevelText.parse(sl) } catch {
                throw .config(path: reader.path, key: keyPath + ".service_level", message: error.description)
            }
        }
        let target = StaffingTarget(serviceLevel: fraction, targetSeconds: seconds, maxASASeconds: asa,
                                    maxOccupancy: try reader.optionalNumber(settings, "max_occupancy", at: keyPath),
                                    shrinkage: try reader.optionalNumber(settings, "shrinkage", at: keyPath) ?? 0,
                                    patienceSeconds: patience, maxAbandonRate: maxAbandon)
        let validated: StaffingTarget
        do throws(QueueingError) { validated = try target.validated() } catch {
            if case let .invalidParameter(name, message) = error {
                let key = ["patience_seconds": "patience"][name] ?? name
                throw .config(path: reader.path, key: keyPath + "." + key, message: message)
            }
            throw .config(path: reader.path, key: keyPath, message: error.description)
        }
        guard aht.isFinite, aht > 0, aht <= 86_400 else {
            throw .config(path: reader.path, key: keyPath + ".aht_seconds", message: "expected a positive number of seconds up to 86400, got \(aht)")
        }
        return ChannelPolicy(ahtSeconds: aht, target: validated)
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
    private func isBoolean(_ value: Any) -> Bool {
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
