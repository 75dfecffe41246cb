import Foundation
import Rostering
import StaffcastCore

/// `"team": {"rules": …}`: the working-time rules the roster keeps (``WorkingTimeRules``).
///
/// ```json
/// "rules": "nl-atw"
/// "rules": {"preset": "nl-atw", "max_shift_hours": 10, "min_free_sundays": 2, "weekly_rest_hours": false}
/// "rules": {"max_week_hours": 48, "daily_rest_hours": 11}
/// ```
///
/// A preset's name alone switches its rules on; an object takes a preset's rules (if it names one)
/// and sets or overrides each key it gives; `false` switches a rule off. Without a preset only the
/// keys given are rules. Hours are plain numbers, whole minutes; counts are whole numbers.
enum WorkingTimeRulesReader {
    /// Hours: the key, its upper bound, and where it goes.
    static var hourKeys: [(key: String, most: Double, path: WritableKeyPath<WorkingTimeRules, Int?>)] {
        [
            ("max_shift_hours", 24, \.maxShiftSeconds),
            ("max_week_hours", 168, \.maxWeekSeconds),
            ("max_average_week_hours", 168, \.maxAverageWeekSeconds),
            ("daily_rest_hours", 24, \.dailyRestSeconds),
            ("max_night_shift_hours", 24, \.maxNightShiftSeconds),
            ("rest_after_night_hours", 72, \.restAfterNightSeconds),
            ("rest_after_night_series_hours", 168, \.restAfterNightSeriesSeconds),
            ("weekly_rest_hours", 168, \.weeklyRestSeconds),
        ]
    }

    static let countKeys = [
        "max_shifts_in_a_row_with_night", "min_free_sundays", "free_sundays_per_52_weeks", "average_weeks",
        "night_series_length",
    ]

    static func parse(_ value: Any?, reader: JSONFields, at keyPath: String) throws(PlanningError)
        -> WorkingTimeRules?
    {
        guard let value, !(value is NSNull) else { return nil }
        let presets = WorkingTimeRules.presets.keys.sorted()
        if let name = value as? String {
            return try preset(name, reader: reader, key: keyPath)
        }
        guard let object = value as? [String: Any] else {
            throw reader.error(
                keyPath,
                "expected a preset's name (\(presets.joined(separator: ", "))) or an object such as {\"preset\": \"nl-atw\", \"max_shift_hours\": 10}, got \(reader.describe(value))"
            )
        }
        try reader.rejectUnknown(
            object, allowed: Set(["preset"] + hourKeys.map(\.key) + countKeys), at: keyPath)
        var rules = WorkingTimeRules()
        if let name = try reader.optionalString(object, "preset", at: keyPath) {
            rules = try preset(name, reader: reader, key: reader.join(keyPath, "preset"))
        }
        for entry in hourKeys {
            guard let given = object[entry.key], !(given is NSNull) else { continue }
            let key = reader.join(keyPath, entry.key)
            if reader.isBoolean(given), (given as? Bool) == false {
                rules[keyPath: entry.path] = nil
                continue
            }
            let hours = try reader.number(object, entry.key, at: keyPath)
            let minutes = hours * 60
            guard hours > 0, hours <= entry.most, minutes == minutes.rounded() else {
                throw reader.error(
                    key,
                    "expected hours above 0 and at most \(Int(entry.most)), in whole minutes (such as 11 or 10.5), or false to switch the rule off; got \(ChannelSettings.show(hours))"
                )
            }
            rules[keyPath: entry.path] = Int(minutes) * 60
        }
        if let count = try whole(object, "max_shifts_in_a_row_with_night", 1...28, reader, keyPath, switchable: true) {
            rules.maxShiftsInARowWithNight = count >= 0 ? count : nil
        }
        if let count = try whole(object, "min_free_sundays", 0...6, reader, keyPath, switchable: true) {
            rules.minFreeSundays = count >= 0 ? count : 0
            if count < 0 { rules.freeSundaysPer52Weeks = nil }
        }
        if let count = try whole(object, "free_sundays_per_52_weeks", 0...52, reader, keyPath, switchable: false) {
            rules.freeSundaysPer52Weeks = count
            rules.minFreeSundays = nil
        }
        if object["free_sundays_per_52_weeks"] != nil, object["min_free_sundays"] != nil {
            throw reader.error(
                reader.join(keyPath, "free_sundays_per_52_weeks"),
                "give either min_free_sundays (in the period) or free_sundays_per_52_weeks (pro rata), not both")
        }
        if let count = try whole(object, "average_weeks", 1...26, reader, keyPath, switchable: false) {
            rules.averageWeeks = count
        }
        if let count = try whole(object, "night_series_length", 1...14, reader, keyPath, switchable: false) {
            rules.nightSeriesLength = count
        }
        return rules
    }

    static func preset(_ name: String, reader: JSONFields, key: String) throws(PlanningError) -> WorkingTimeRules {
        if let rules = WorkingTimeRules.presets[name] { return rules }
        let names = WorkingTimeRules.presets.keys.sorted()
        var message = "unknown preset '\(name)'; the presets are \(names.joined(separator: ", "))"
        if let guess = Suggestion.closest(name, among: names) { message += "; did you mean \"\(guess)\"?" }
        throw reader.error(key, message)
    }

    /// A whole number in `range`; −1 for `false` where the rule may be switched off.
    static func whole(
        _ object: [String: Any], _ key: String, _ range: ClosedRange<Int>, _ reader: JSONFields, _ keyPath: String,
        switchable: Bool
    ) throws(PlanningError) -> Int? {
        guard let given = object[key], !(given is NSNull) else { return nil }
        if switchable, reader.isBoolean(given), (given as? Bool) == false { return -1 }
        let number = try reader.number(object, key, at: keyPath)
        guard number == number.rounded(), number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw reader.error(
                reader.join(keyPath, key),
                "expected a whole number from \(range.lowerBound) to \(range.upperBound)\(switchable ? ", or false to switch the rule off" : ""); got \(ChannelSettings.show(number))"
            )
        }
        return Int(number)
    }
}
