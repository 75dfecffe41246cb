import Foundation
import StaffcastCore

/// Typed field access on decoded JSON that names the key path on every mistake.
struct JSONFields {
    let path: String

    func error(_ keyPath: String, _ message: String) -> PlanningError {
        .config(path: path, key: keyPath, message: message)
    }

    func rejectUnknown(_ object: [String: Any], allowed: Set<String>, at keyPath: String) throws(PlanningError) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            var message = "unknown key"
            if let guess = Suggestion.closest(key, among: allowed.sorted()) {
                message += "; did you mean \"\(guess)\"?"
            }
            throw error(join(keyPath, key), message)
        }
    }

    func string(_ object: [String: Any], _ key: String, at keyPath: String) throws(PlanningError) -> String {
        guard let value = object[key] else { throw error(join(keyPath, key), "missing") }
        guard let s = value as? String else {
            throw error(join(keyPath, key), "expected a string, got \(describe(value))")
        }
        return s
    }

    func optionalString(_ object: [String: Any], _ key: String, at keyPath: String) throws(PlanningError) -> String? {
        object[key] == nil || object[key] is NSNull ? nil : try string(object, key, at: keyPath)
    }

    func number(_ object: [String: Any], _ key: String, at keyPath: String) throws(PlanningError) -> Double {
        guard let value = object[key] else { throw error(join(keyPath, key), "missing") }
        // JSONSerialization gives NSNumber for both numbers and booleans; refuse booleans.
        guard !isBoolean(value), let number = value as? NSNumber else {
            throw error(join(keyPath, key), "expected a number, got \(describe(value))")
        }
        let x = number.doubleValue
        guard x.isFinite else { throw error(join(keyPath, key), "expected a finite number") }
        return x
    }

    func optionalNumber(_ object: [String: Any], _ key: String, at keyPath: String) throws(PlanningError) -> Double? {
        object[key] == nil || object[key] is NSNull ? nil : try number(object, key, at: keyPath)
    }

    func optionalBool(_ object: [String: Any], _ key: String, at keyPath: String) throws(PlanningError) -> Bool? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard isBoolean(value), let flag = value as? Bool else {
            throw error(join(keyPath, key), "expected true or false, got \(describe(value))")
        }
        return flag
    }

    /// A duration such as `"30m"`; with `allowZero`, `"0"`, `"0m"`, `"0h"` and `"0s"` give 0.
    func optionalDuration(_ object: [String: Any], _ key: String, at keyPath: String, allowZero: Bool = false)
        throws(PlanningError) -> Int?
    {
        guard let text = try optionalString(object, key, at: keyPath) else { return nil }
        if allowZero, ["0", "0m", "0h", "0s"].contains(text) { return 0 }
        guard let seconds = Durations.parse(text) else {
            throw error(join(keyPath, key), "expected a duration such as \"30m\" or \"3h\", got '\(text)'")
        }
        return seconds
    }

    /// JSONSerialization decodes `true`/`false` as NSNumber too; tell them apart by their type.
    func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c" || type(of: value) == Bool.self
    }

    func join(_ keyPath: String, _ key: String) -> String { keyPath.isEmpty ? key : keyPath + "." + key }

    func describe(_ value: Any) -> String {
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
