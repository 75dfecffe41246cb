import Foundation
import StaffcastCore

/// Reads the config's `"capacity"` object (``CapacitySettings``); every mistake names its key.
enum CapacitySettingsReader {
    static let keys: Set<String> = [
        "headcount", "attrition_per_week", "training_weeks", "ramp_up", "hire_fte", "hire_every_weeks", "quantile",
        "shrinkage_by_month", "hires",
    ]

    static func settings(_ value: Any?, reader: JSONFields) throws(PlanningError) -> CapacitySettings? {
        guard let value, !(value is NSNull) else { return nil }
        guard let object = value as? [String: Any] else {
            throw reader.error(
                "capacity", "expected an object such as {\"headcount\": {\"phone\": 30}, \"attrition_per_week\": 0.005}"
            )
        }
        try reader.rejectUnknown(object, allowed: keys, at: "capacity")
        guard let heads = object["headcount"] as? [String: Any] else {
            throw reader.error(
                "capacity.headcount",
                object["headcount"] == nil
                    ? "missing; give the productive FTE per channel, such as {\"phone\": 30, \"chat\": 12}"
                    : "expected an object of channel: FTE, such as {\"phone\": 30}")
        }
        var headcount: [String: Double] = [:]
        for name in heads.keys.sorted() {
            if let problem = NameCheck.problem(name, what: "channel") {
                throw reader.error("capacity.headcount", problem)
            }
            let fte = try reader.number(heads, name, at: "capacity.headcount")
            guard (0...1_000_000).contains(fte) else {
                throw reader.error(
                    "capacity.headcount.\(name)", "expected FTE from 0 to 1000000, got \(ChannelSettings.show(fte))")
            }
            headcount[name] = fte
        }
        var settings = CapacitySettings(headcount: headcount)
        if let rate = try reader.optionalNumber(object, "attrition_per_week", at: "capacity") {
            guard rate >= 0, rate < 1 else {
                throw reader.error(
                    "capacity.attrition_per_week",
                    "expected the share of agents leaving per week in [0, 1) (0.005 = 0.5 % a week), got \(ChannelSettings.show(rate))"
                )
            }
            settings.attritionPerWeek = rate
        }
        if let weeks = try reader.optionalNumber(object, "training_weeks", at: "capacity") {
            guard weeks == weeks.rounded(), (0...52).contains(weeks) else {
                throw reader.error(
                    "capacity.training_weeks",
                    "expected a whole number of weeks from 0 to 52, got \(ChannelSettings.show(weeks))")
            }
            settings.trainingWeeks = Int(weeks)
        }
        if let ramp = object["ramp_up"], !(ramp is NSNull) {
            guard let shares = ramp as? [Any], shares.count <= 52 else {
                throw reader.error(
                    "capacity.ramp_up",
                    "expected up to 52 shares of a full agent's output, one per week after training, such as [0.5, 0.75]"
                )
            }
            settings.rampUp = try shares.indices.map { i throws(PlanningError) in
                let key = "capacity.ramp_up[\(i)]"
                guard !reader.isBoolean(shares[i]), let share = (shares[i] as? NSNumber)?.doubleValue, share.isFinite
                else {
                    throw reader.error(key, "expected a number")
                }
                guard share > 0, share <= 1 else {
                    throw reader.error(
                        key, "expected a share of a full agent's output in (0, 1], got \(ChannelSettings.show(share))")
                }
                return share
            }
        }
        if let fte = try reader.optionalNumber(object, "hire_fte", at: "capacity") {
            guard fte > 0, fte <= 2 else {
                throw reader.error(
                    "capacity.hire_fte",
                    "expected the FTE of one hire in (0, 2] (a 32 h contract at 40 h = 0.8), got \(ChannelSettings.show(fte))"
                )
            }
            settings.hireFTE = fte
        }
        if let weeks = try reader.optionalNumber(object, "hire_every_weeks", at: "capacity") {
            guard weeks == weeks.rounded(), (1...26).contains(weeks) else {
                throw reader.error(
                    "capacity.hire_every_weeks",
                    "expected how often a class of new hires can start, a whole number of weeks from 1 to 26, got \(ChannelSettings.show(weeks))"
                )
            }
            settings.hireEveryWeeks = Int(weeks)
        }
        if let text = try reader.optionalString(object, "quantile", at: "capacity") {
            guard let quantile = StaffTo(rawValue: text) else {
                throw reader.error("capacity.quantile", "expected p50, p80 or p95, got '\(text)'")
            }
            settings.quantile = quantile
        }
        if let months = object["shrinkage_by_month"], !(months is NSNull) {
            guard let byMonth = months as? [String: Any] else {
                throw reader.error(
                    "capacity.shrinkage_by_month",
                    "expected an object of month (1–12): shrinkage, such as {\"11\": 0.33, \"12\": 0.36}")
            }
            for key in byMonth.keys.sorted() {
                guard let month = Int(key), (1...12).contains(month), String(month) == key else {
                    throw reader.error("capacity.shrinkage_by_month.\(key)", "expected a month number from 1 to 12")
                }
                let shrinkage = try reader.number(byMonth, key, at: "capacity.shrinkage_by_month")
                guard shrinkage >= 0, shrinkage <= 0.95 else {
                    throw reader.error(
                        "capacity.shrinkage_by_month.\(key)",
                        "expected shrinkage in [0, 0.95], got \(ChannelSettings.show(shrinkage))")
                }
                settings.shrinkageByMonth[month] = shrinkage
            }
        }
        if let hires = object["hires"], !(hires is NSNull) {
            guard let list = hires as? [Any] else {
                throw reader.error(
                    "capacity.hires",
                    "expected a list such as [{\"channel\": \"phone\", \"start\": \"2025-10-06\", \"count\": 6}]")
            }
            settings.hires = try list.indices.map { i throws(PlanningError) in
                try hire(list[i], at: "capacity.hires[\(i)]", reader: reader)
            }
        }
        return settings
    }

    static func hire(_ value: Any, at key: String, reader: JSONFields) throws(PlanningError) -> PlannedHire {
        guard let object = value as? [String: Any] else {
            throw reader.error(
                key, "expected an object such as {\"channel\": \"phone\", \"start\": \"2025-10-06\", \"count\": 6}")
        }
        try reader.rejectUnknown(object, allowed: ["channel", "start", "count"], at: key)
        let channel = try reader.string(object, "channel", at: key)
        let text = try reader.string(object, "start", at: key)
        guard let start = CivilDate(iso: text) else {
            throw reader.error(key + ".start", "expected a date YYYY-MM-DD, got '\(text)'")
        }
        let count = try reader.number(object, "count", at: key)
        guard count == count.rounded(), (1...100_000).contains(count) else {
            throw reader.error(
                key + ".count", "expected a whole number of people from 1 to 100000, got \(ChannelSettings.show(count))"
            )
        }
        return PlannedHire(channel: channel, start: start, count: Int(count))
    }
}
