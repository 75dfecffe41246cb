import Foundation
import Scheduling
import StaffcastCore

/// Reads the `"shifts"` section of the plan config.
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
enum ShiftSettingsReader {
    static let keys: Set<String> = ["lengths", "start_every", "breaks", "tours", "templates"]
    static let templateKeys: Set<String> = [
        "name", "length", "earliest_start", "latest_start", "start_every", "days",
        "cost", "break", "max_agents_per_day",
    ]
    static let breakKeys: Set<String> = ["length", "earliest_start", "latest_end", "paid"]

    /// `at`: the key path of the section (`shifts`, or `channels.email.shifts` for a channel's own).
    static func parse(_ value: Any?, reader: JSONFields, at path: String = "shifts") throws(PlanningError)
        -> ShiftSettings
    {
        guard let value, !(value is NSNull) else { return try ShiftSettings.standard() }
        guard let shifts = value as? [String: Any] else {
            throw reader.error(
                path,
                "expected an object such as {\"lengths\": [\"8h\", \"6h\", \"4h\"], \"start_every\": \"30m\", \"breaks\": true}"
            )
        }
        try reader.rejectUnknown(shifts, allowed: keys, at: path)
        let tours = try reader.optionalBool(shifts, "tours", at: path) ?? false
        if let list = shifts["templates"] {
            for key in ["lengths", "start_every", "breaks"] where shifts[key] != nil {
                throw reader.error("\(path).\(key)", "give either \"templates\" or the lengths shorthand, not both")
            }
            guard let objects = list as? [Any], !objects.isEmpty else {
                throw reader.error(path + ".templates", "expected a non-empty array of shift templates")
            }
            var templates: [ShiftTemplate] = []
            for (i, item) in objects.enumerated() {
                let template = try parseTemplate(item, at: path + ".templates[\(i)]", reader: reader)
                guard !templates.contains(where: { $0.name == template.name }) else {
                    throw reader.error(path + ".templates[\(i)].name", "'\(template.name)' is used twice")
                }
                templates.append(template)
            }
            return ShiftSettings(templates: templates, tours: tours)
        }
        var lengths = [8 * 3600, 6 * 3600, 4 * 3600]
        if let value = shifts["lengths"] {
            guard let list = value as? [Any], !list.isEmpty else {
                throw reader.error(
                    path + ".lengths", "expected a non-empty array of durations such as [\"8h\", \"6h\"]")
            }
            lengths = []
            for (i, item) in list.enumerated() {
                guard let text = item as? String, let seconds = Durations.parse(text) else {
                    throw reader.error(path + ".lengths[\(i)]", "expected a duration such as \"8h\"")
                }
                lengths.append(seconds)
            }
        }
        let startEvery = try reader.optionalDuration(shifts, "start_every", at: path) ?? 1800
        let breaks = try reader.optionalBool(shifts, "breaks", at: path) ?? true
        do {
            return ShiftSettings(
                templates: try ShiftSettings.templates(
                    lengths: lengths, startEvery: startEvery, breaks: breaks,
                    source: path), tours: tours)
        } catch {
            if case .invalidRequest(let message) = error { throw reader.error(path, message) }
            throw error
        }
    }

    static func parseTemplate(_ item: Any, at keyPath: String, reader: JSONFields) throws(PlanningError)
        -> ShiftTemplate
    {
        guard let object = item as? [String: Any] else {
            throw reader.error(keyPath, "expected an object with at least \"length\"")
        }
        try reader.rejectUnknown(object, allowed: templateKeys, at: keyPath)
        guard let length = try reader.optionalDuration(object, "length", at: keyPath) else {
            throw reader.error(keyPath + ".length", "missing; give the shift length, e.g. \"8h\"")
        }
        let name = try reader.optionalString(object, "name", at: keyPath) ?? Durations.format(length)
        let startEvery = try reader.optionalDuration(object, "start_every", at: keyPath) ?? 1800
        let earliest = try clock(object, "earliest_start", at: keyPath, reader: reader) ?? 0
        let latest =
            try clock(object, "latest_start", at: keyPath, reader: reader)
            ?? max(0, (86_400 - length) / startEvery * startEvery)
        var weekdays: Set<Int>? = nil
        if let days = object["days"] {
            guard let list = days as? [Any], !list.isEmpty else {
                throw reader.error(keyPath + ".days", "expected an array of days such as [\"Mon\", \"Tue\"]")
            }
            var set = Set<Int>()
            for (i, day) in list.enumerated() {
                guard let text = day as? String, let weekday = WeekdayName.parse(text) else {
                    throw reader.error(keyPath + ".days[\(i)]", "expected a day name Mon … Sun")
                }
                set.insert(weekday)
            }
            weekdays = set
        }
        let cost = try reader.optionalNumber(object, "cost", at: keyPath) ?? 1
        var maxAgents: Int? = nil
        if let limit = try reader.optionalNumber(object, "max_agents_per_day", at: keyPath) {
            guard limit == limit.rounded(), limit >= 0, limit <= 10_000_000 else {
                throw reader.error(keyPath + ".max_agents_per_day", "expected a whole number of agents")
            }
            maxAgents = Int(limit)
        }
        var breakRule = BreakRule.standard(forShiftSeconds: length)
        if let value = object["break"] {
            if reader.isBoolean(value), let flag = value as? Bool {
                breakRule = flag ? BreakRule.standard(forShiftSeconds: length) : nil
            } else if let rule = value as? [String: Any] {
                let at = keyPath + ".break"
                try reader.rejectUnknown(rule, allowed: breakKeys, at: at)
                guard let breakLength = try reader.optionalDuration(rule, "length", at: at) else {
                    throw reader.error(at + ".length", "missing; e.g. \"30m\"")
                }
                breakRule = BreakRule(
                    lengthSeconds: breakLength,
                    earliestStartAfterShiftStart: try reader.optionalDuration(
                        rule, "earliest_start", at: at, allowZero: true) ?? 0,
                    latestEndAfterShiftStart: try reader.optionalDuration(rule, "latest_end", at: at) ?? length,
                    paid: try reader.optionalBool(rule, "paid", at: at) ?? false)
            } else {
                throw reader.error(
                    keyPath + ".break",
                    "expected true, false or an object {\"length\": \"30m\", \"earliest_start\": \"3h\", \"latest_end\": \"5h\"}"
                )
            }
        }
        let template = ShiftTemplate(
            name: name, lengthSeconds: length, earliestStartSeconds: earliest, latestStartSeconds: latest,
            startEverySeconds: startEvery, costPerHour: cost, breakRule: breakRule,
            weekdays: weekdays, maxAgentsPerDay: maxAgents)
        do throws(SchedulingError) { try template.validate(intervalSeconds: 60) } catch {
            throw reader.error(keyPath, error.description)
        }
        return template
    }

    /// A local clock time `HH:MM` as seconds after midnight.
    static func clock(_ object: [String: Any], _ key: String, at keyPath: String, reader: JSONFields)
        throws(PlanningError) -> Int?
    {
        guard let text = try reader.optionalString(object, key, at: keyPath) else { return nil }
        guard let seconds = ClockText.seconds(text, allowingEndOfDay: false) else {
            throw reader.error(
                keyPath + "." + key, "expected a local clock time HH:MM such as \"07:30\", got '\(text)'")
        }
        return seconds
    }
}
