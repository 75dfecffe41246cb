import Foundation

/// Reads the `"channels"` object of the plan config: channel name → settings, each checked by
/// `ChannelSettings.policy(naming:)` (the same validation as the `erlang` and `staff` flags).
enum ChannelPolicyReader {
    static func channels(_ value: Any?, reader: JSONFields) throws(PlanningError) -> [String: ChannelPolicy] {
        guard let value else {
            throw reader.error("channels", "missing; expected an object of channel name → {aht_seconds, service_level, …}")
        }
        guard let objects = value as? [String: Any], !objects.isEmpty else {
            throw reader.error("channels", "expected a non-empty object of channel name → settings")
        }
        var channels: [String: ChannelPolicy] = [:]
        for name in objects.keys.sorted() {
            let keyPath = "channels.\(name)"
            guard let entry = objects[name] as? [String: Any] else {
                throw reader.error(keyPath, "expected an object with aht_seconds and service_level")
            }
            channels[name] = try policy(entry, at: keyPath, reader: reader)
        }
        return channels
    }

    static func policy(_ entry: [String: Any], at keyPath: String, reader: JSONFields) throws(PlanningError) -> ChannelPolicy {
        try reader.rejectUnknown(entry, allowed: Set(ChannelSetting.allCases.map(\.configKey)), at: keyPath)
        func number(_ setting: ChannelSetting) throws(PlanningError) -> Double? {
            try reader.optionalNumber(entry, setting.configKey, at: keyPath)
        }
        func text(_ setting: ChannelSetting) throws(PlanningError) -> String? {
            try reader.optionalString(entry, setting.configKey, at: keyPath)
        }
        var settings = ChannelSettings(ahtSeconds: try number(.ahtSeconds), ahtChoice: try text(.aht),
                                       serviceLevel: try text(.serviceLevel), asaSeconds: try number(.asaSeconds),
                                       maxOccupancy: try number(.maxOccupancy), shrinkage: try number(.shrinkage),
                                       patience: try number(.patience), maxAbandonRate: try number(.maxAbandonRate),
                                       concurrency: try number(.concurrency), deadline: try text(.deadline))
        let levelsKey = keyPath + "." + ChannelSetting.ahtByConcurrency.configKey
        if let raw = entry[ChannelSetting.ahtByConcurrency.configKey], !(raw is NSNull) {
            guard let list = raw as? [Any], !list.isEmpty else {
                throw reader.error(levelsKey, "expected an array of handle times in seconds, one per concurrency level 1…K")
            }
            var levels: [Double] = []
            for (i, item) in list.enumerated() {
                guard let number = item as? NSNumber, !reader.isBoolean(item), number.doubleValue.isFinite else {
                    throw reader.error(levelsKey + "[\(i)]", "expected a positive number of seconds up to 86400")
                }
                levels.append(number.doubleValue)
            }
            settings.ahtByConcurrency = levels
        }
        do throws(ChannelSettingError) { return try settings.policy(naming: .config) } catch {
            throw reader.error(keyPath + "." + error.setting.configKey + (error.index.map { "[\($0)]" } ?? ""), error.message)
        }
    }
}
