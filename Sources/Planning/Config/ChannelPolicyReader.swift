import Foundation

/// Reads the `"channels"` object of the plan config: channel name → settings, each checked by
/// `ChannelSettings.policy(naming:)` (the same validation as the `erlang` and `staff` flags).
enum ChannelPolicyReader {
    /// The policies, and the channels' own shift templates (`"shifts"` inside a channel entry).
    static func channels(_ value: Any?, reader: JSONFields, force: Bool) throws(PlanningError) -> (
        policies: [String: ChannelPolicy], shifts: [String: ShiftSettings]
    ) {
        guard let value else {
            throw reader.error(
                "channels", "missing; expected an object of channel name → {aht_seconds, service_level, …}")
        }
        guard let objects = value as? [String: Any], !objects.isEmpty else {
            throw reader.error("channels", "expected a non-empty object of channel name → settings")
        }
        var channels: [String: ChannelPolicy] = [:]
        var shifts: [String: ShiftSettings] = [:]
        for name in objects.keys.sorted() {
            let keyPath = "channels.\(name)"
            guard var entry = objects[name] as? [String: Any] else {
                throw reader.error(keyPath, "expected an object with aht_seconds and service_level")
            }
            if let own = entry.removeValue(forKey: "shifts"), !(own is NSNull) {
                shifts[name] = try ShiftSettingsReader.parse(own, reader: reader, at: keyPath + ".shifts")
            }
            channels[name] = try policy(entry, at: keyPath, reader: reader, force: force)
        }
        return (channels, shifts)
    }

    static func policy(_ entry: [String: Any], at keyPath: String, reader: JSONFields, force: Bool)
        throws(PlanningError) -> ChannelPolicy
    {
        try reader.rejectUnknown(
            entry, allowed: Set(ChannelSetting.allCases.map(\.configKey) + ["shifts"]), at: keyPath)
        func number(_ setting: ChannelSetting) throws(PlanningError) -> Double? {
            try reader.optionalNumber(entry, setting.configKey, at: keyPath)
        }
        func text(_ setting: ChannelSetting) throws(PlanningError) -> String? {
            try reader.optionalString(entry, setting.configKey, at: keyPath)
        }
        var settings = ChannelSettings(
            ahtSeconds: try number(.ahtSeconds), ahtChoice: try text(.aht),
            serviceLevel: try text(.serviceLevel), asaSeconds: try number(.asaSeconds),
            maxOccupancy: try number(.maxOccupancy), shrinkage: try number(.shrinkage),
            patience: try number(.patience), maxAbandonRate: try number(.maxAbandonRate),
            concurrency: try number(.concurrency), deadline: try text(.deadline))
        settings.deadlineCounts = try text(.deadlineCounts)
        settings.minContactsPerInterval = try number(.minContactsPerInterval)
        settings.nightCover = try number(.nightCover)
        settings.closingBacklog = try text(.closingBacklog)
        if let raw = entry[ChannelSetting.openingBacklog.configKey], !(raw is NSNull) {
            if let word = raw as? String {
                guard word == "history" else {
                    throw reader.error(
                        keyPath + ".opening_backlog",
                        "expected a number of contacts or \"history\" (what the last week leaves), got '\(word)'")
                }
            } else {
                settings.openingBacklog = try number(.openingBacklog)
            }
        }
        if let raw = entry[ChannelSetting.workingHours.configKey], !(raw is NSNull) {
            let list: [Any] = (raw as? String).map { [$0] } ?? (raw as? [Any] ?? [])
            guard !list.isEmpty, list.allSatisfy({ $0 is String }) else {
                throw reader.error(
                    keyPath + ".working_hours", "expected a list such as [\"Mon-Fri 08:00-20:00\", \"Sat 09:00-17:00\"]"
                )
            }
            settings.workingHours = list.compactMap { $0 as? String }
        }
        let levelsKey = keyPath + "." + ChannelSetting.ahtByConcurrency.configKey
        if let raw = entry[ChannelSetting.ahtByConcurrency.configKey], !(raw is NSNull) {
            guard let list = raw as? [Any], !list.isEmpty else {
                throw reader.error(
                    levelsKey, "expected an array of handle times in seconds, one per concurrency level 1…K")
            }
            var levels: [Double] = []
            for (i, item) in list.enumerated() {
                guard let number = item as? NSNumber, !reader.isBoolean(item), number.doubleValue.isFinite else {
                    throw reader.error(levelsKey + "[\(i)]", "expected a handle time of 1 to 86400 seconds")
                }
                levels.append(number.doubleValue)
            }
            settings.ahtByConcurrency = levels
        }
        do throws(ChannelSettingError) { return try settings.policy(naming: .config, force: force) } catch {
            throw reader.error(
                keyPath + "." + error.setting.configKey + (error.index.map { "[\($0)]" } ?? ""), error.message)
        }
    }
}
