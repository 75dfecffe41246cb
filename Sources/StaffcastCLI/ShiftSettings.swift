import Foundation
import StaffcastCore
import Scheduling
import Reports

/// The `"shifts"` section of the plan config: the shift templates agents may work and whether
/// they work weekly tours.
///
/// Shorthand — lengths starting anywhere in the day, standard breaks:
/// ```json
/// "shifts": { "lengths": ["8h", "6h", "4h"], "start_every": "30m", "breaks": true, "tours": false }
/// ```
/// Full templates — start windows, allowed days, relative cost, break rules, daily limits:
/// ```json
/// "shifts": { "templates": [
///   { "name": "early", "length": "8h", "earliest_start": "07:00", "latest_start": "10:00",
///     "start_every": "30m", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "cost": 1,
///     "break": { "length": "30m", "earliest_start": "3h", "latest_end": "5h", "paid": false },
///     "max_agents_per_day": 200 },
///   { "name": "evening", "length": "4h", "earliest_start": "17:00", "latest_start": "17:00", "cost": 1.25,
///     "break": false } ] }
/// ```
/// A template without `"break"` gets the standard one (shifts of 6 h or more: an unpaid
/// 30-minute break at least 2 h from either end).
struct ShiftSettings: Equatable {
    var templates: [ShiftTemplate]
    var tours: Bool

    static let keys: Set<String> = ["lengths", "start_every", "breaks", "tours", "templates"]
    static let templateKeys: Set<String> = ["name", "length", "earliest_start", "latest_start", "start_every", "days",
                                            "cost", "break", "max_agents_per_day"]
    static let breakKeys: Set<String> = ["length", "earliest_start", "latest_end", "paid"]
    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// 8 h, 6 h and 4 h starting on any half hour, standard breaks, no tours.
    static func standard() throws(CLIError) -> ShiftSettings {
        ShiftSettings(templates: try ShiftPlanning.templates(lengths: [8 * 3600, 6 * 3600, 4 * 3600], startEvery: 1800,
                                                             breaks: true, source: "shifts"), tours: false)
    }

    static func parse(_ value: Any?, reader: JSONFields) throws(CLIError) -> ShiftSettings {
        guard let value, !(value is NSNull) else { return try standard() }
        let path = reader.path
        guard let shifts = value as? [String: Any] else {
            throw .config(path: path, key: "shifts", message: "expected an object such as {\"lengths\": [\"8h\", \"6h\", \"4h\"], \"start_every\": \"30m\", \"breaks\": true}")
        }
        try reader.rejectUnknown(shifts, allowed: keys, at: "shifts")
        let tours = try reader.optionalBool(shifts, "tours", at: "shifts") ?? false
        if let list = shifts["templates"] {
            for key in ["lengths", "start_every", "breaks"] where shifts[key] != nil {
                throw .config(path: path, key: "shifts.\(key)", message: "give either \"templates\" or the lengths shorthand, not both")
            }
            guard let objects = list as? [Any], !objects.isEmpty else {
                throw .config(path: path, key: "shifts.templates", message: "expected a non-empty array of shift templates")
            }
            var templates: [ShiftTemplate] = []
            for (i, item) in objects.enumerated() {
                let template = try parseTemplate(item, at: "shifts.templates[\(i)]", reader: reader)
                guard !templates.contains(where: { $0.name == template.name }) else {
                    throw .config(path: path, key: "shifts.templates[\(i)].name", message: "'\(template.name)' is used twice")
                }
                templates.append(template)
            }
            return ShiftSettings(templates: templates, tours: tours)
        }
        var lengths = [8 * 3600, 6 * 3600, 4 * 3600]
        if let value = shifts["lengths"] {
            guard let list = value as? [Any], !list.isEmpty else {
                throw .config(path: path, key: "shifts.lengths", message: "expected a non-empty array of durations such as [\"8h\", \"6h\"]")
            }
            lengths = []
            for (i, item) in list.enumerated() {
                guard let text = item as? String, let seconds = Durations.parse(text) else {
                    throw .config(path: path, key: "shifts.lengths[\(i)]", message: "expected a duration such as \"8h\"")
                }
                lengths.append(seconds)
            }
        }
        let startEvery = try duration(shifts, "start_every", at: "shifts", reader: reader) ?? 1800
        let breaks = try reader.optionalBool(shifts, "breaks", at: "shifts") ?? true
        do {
            return ShiftSettings(templates: try ShiftPlanning.templates(lengths: lengths, startEvery: startEvery, breaks: breaks,
                                                                        source: "shifts"), tours: tours)
        } catch {
            if case let .usage(message) = error { throw .config(path: path, key: "shifts", message: message) }
            throw error
        }
    }

    static func parseTemplate(_ item: Any, at keyPath: String, reader: JSONFields) throws(CLIError) -> ShiftTemplate {
        let path = reader.path
        guard let object = item as? [String: Any] else {
            throw .config(path: path, key: keyPath, message: "expected an object with at least \"length\"")
        }
        try reader.rejectUnknown(object, allowed: templateKeys, at: keyPath)
        guard let length = try duration(object, "length", at: keyPath, reader: reader) else {
            throw .config(path: path, key: keyPath + ".length", message: "missing; give the shift length, e.g. \"8h\"")
        }
        let name = try reader.optionalString(object, "name", at: keyPath) ?? Durations.format(length)
        let startEvery = try duration(object, "start_every", at: keyPath, reader: reader) ?? 1800
        let earliest = try clock(object, "earliest_start", at: keyPath, reader: reader) ?? 0
        let latest = try clock(object, "latest_start", at: keyPath, reader: reader) ?? max(0, (86_400 - length) / startEvery * startEvery)
        var weekdays: Set<Int>? = nil
        if let days = object["days"] {
            guard let list = days as? [Any], !list.isEmpty else {
                throw .config(path: path, key: keyPath + ".days", message: "expected an array of days such as [\"Mon\", \"Tue\"]")
            }
            var set = Set<Int>()
            for (i, day) in list.enumerated() {
                guard let text = day as? String, let index = dayNames.firstIndex(of: String(text.lowercased().prefix(3))),
                      text.count >= 3 else {
                    throw .config(path: path, key: keyPath + ".days[\(i)]", message: "expected a day name Mon … Sun")
                }
                set.insert(index + 1)
            }
            weekdays = set
        }
        let cost = try reader.optionalNumber(object, "cost", at: keyPath) ?? 1
        var maxAgents: Int? = nil
        if let limit = try reader.optionalNumber(object, "max_agents_per_day", at: keyPath) {
            guard limit == limit.rounded(), limit >= 0, limit <= 10_000_000 else {
                throw .config(path: path, key: keyPath + ".max_agents_per_day", message: "expected a whole number of agents")
            }
            maxAgents = Int(limit)
        }
        var breakRule = BreakRule.standard(forShiftSeconds: length)
        if let value = object["break"] {
            if reader.isBoolean(value), let flag = value as? Bool {
                breakRule = flag ? BreakRule.standard(forShiftSeconds: length) : nil
            } else if let rule = value as? [String: Any] {
                try reader.rejectUnknown(rule, allowed: breakKeys, at: keyPath + ".break")
                guard let breakLength = try duration(rule, "length", at: keyPath + ".break", reader: reader) else {
                    throw .config(path: path, key: keyPath + ".break.length", message: "missing; e.g. \"30m\"")
                }
                breakRule = BreakRule(lengthSeconds: breakLength,
                                      earliestStartAfterShiftStart: try duration(rule, "earliest_start", at: keyPath + ".break", reader: reader, allowZero: true) ?? 0,
                                      latestEndAfterShiftStart: try duration(rule, "latest_end", at: keyPath + ".break", reader: reader) ?? length,
                                      paid: try reader.optionalBool(rule, "paid", at: keyPath + ".break") ?? false)
            } else {
                throw .config(path: path, key: keyPath + ".break", message: "expected true, false or an object {\"length\": \"30m\", \"earliest_start\": \"3h\", \"latest_end\": \"5h\"}")
            }
        }
        let template = ShiftTemplate(name: name, lengthSeconds: length, earliestStartSeconds: earliest, latestStartSeconds: latest,
                                     startEverySeconds: startEvery, costPerHour: cost, breakRule: breakRule,
                                     weekdays: weekdays, maxAgentsPerDay: maxAgents)
        do throws(SchedulingError) { try template.validate(intervalSeconds: 60) } catch {
            throw .config(path: path, key: keyPath, message: error.description)
        }
        return template
    }

    static func duration(_ object: [String: Any], _ key: String, at keyPath: String, reader: JSONFields,
                         allowZero: Bool = false) throws(CLIError) -> Int? {
        guard let text = try reader.optionalString(object, key, at: keyPath) else { return nil }
        if allowZero, ["0", "0m", "0h", "0s"].contains(text) { return 0 }
        guard let seconds = Durations.parse(text) else {
            throw .config(path: reader.path, key: keyPath + "." + key, message: "expected a duration such as \"30m\" or \"3h\", got '\(text)'")
        }
        return seconds
    }

    /// A local clock time `HH:MM` as seconds after midnight.
    static func clock(_ object: [String: Any], _ key: String, at keyPath: String, reader: JSONFields) throws(CLIError) -> Int? {
        guard let text = try reader.optionalString(object, key, at: keyPath) else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0..<24).contains(h), (0..<60).contains(m) else {
            throw .config(path: reader.path, key: keyPath + "." + key, message: "expected a local clock time HH:MM such as \"07:30\", got '\(text)'")
        }
        return h * 3600 + m * 60
    }

    /// The manifest's record of the templates.
    var manifest: JSONValue {
        .object([
            ("tours", .bool(tours)),
            ("templates", .array(templates.map { t in
                var fields: [(String, JSONValue)] = [
                    ("name", .string(t.name)), ("length", .string(Durations.format(t.lengthSeconds))),
                    ("earliest_start", .string(ShiftTemplate.clock(t.earliestStartSeconds))),
                    ("latest_start", .string(ShiftTemplate.clock(t.latestStartSeconds))),
                    ("start_every", .string(Durations.format(t.startEverySeconds))),
                    ("cost", .number(t.costPerHour, fractionDigits: 6)),
                ]
                if let days = t.weekdays { fields.append(("days", .array(days.sorted().map { .string(Self.dayNames[$0 - 1].capitalized) }))) }
                if let rule = t.breakRule {
                    fields.append(("break", .object([("length", .string(Durations.format(rule.lengthSeconds))),
                                                     ("earliest_start", .integer(rule.earliestStartAfterShiftStart)),
                                                     ("latest_end", .integer(rule.latestEndAfterShiftStart)),
                                                     ("paid", .bool(rule.paid))])))
                }
                if let limit = t.maxAgentsPerDay { fields.append(("max_agents_per_day", .integer(limit))) }
                return .object(fields)
            })),
        ])
    }
}
