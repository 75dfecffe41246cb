import Foundation

/// Reads the config's `"scenarios"`: `[{"name": "chatbot", "volume_factor": {"chat": 0.8},
/// "aht_factor": {"chat": 1.1}, "service_level": "90/20", "shrinkage": 0.35}]`, all but the
/// name optional, `"*"` as a channel meaning every other channel.
enum ScenarioReader {
    static let keys: Set<String> = ["name", "volume_factor", "aht_factor", "service_level", "shrinkage"]

    static func scenarios(_ value: Any?, reader: JSONFields, force: Bool) throws(PlanningError) -> [Scenario] {
        guard let value, !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else {
            throw reader.error("scenarios", "expected an array of {\"name\": …, \"volume_factor\": {channel: f}, …}")
        }
        var result: [Scenario] = []
        for (i, item) in list.enumerated() {
            let keyPath = "scenarios[\(i)]"
            guard let object = item as? [String: Any] else {
                throw reader.error(keyPath, "expected an object with at least a \"name\"")
            }
            try reader.rejectUnknown(object, allowed: keys, at: keyPath)
            let name = try reader.string(object, "name", at: keyPath)
            guard !name.isEmpty, name != "baseline", !name.contains(","), !name.contains("\""), !name.contains("\n")
            else {
                throw reader.error(
                    keyPath + ".name",
                    "expected a non-empty name other than \"baseline\", without commas, quotes or line breaks")
            }
            guard !result.contains(where: { $0.name == name }) else {
                throw reader.error(keyPath + ".name", "another scenario is already named '\(name)'")
            }
            var scenario = Scenario(name: name)
            scenario.volumeFactor = try factors(
                object, "volume_factor", positiveOnly: false, at: keyPath, reader: reader)
            scenario.ahtFactor = try factors(object, "aht_factor", positiveOnly: true, at: keyPath, reader: reader)
            if let sl = try reader.optionalString(object, "service_level", at: keyPath) {
                do throws(ServiceLevelText.Invalid) { scenario.serviceLevel = try ServiceLevelText.parse(sl) } catch {
                    throw reader.error(keyPath + ".service_level", error.description)
                }
            }
            if let shrinkage = try reader.optionalNumber(object, "shrinkage", at: keyPath) {
                guard shrinkage >= 0, shrinkage < 1 else {
                    throw reader.error(keyPath + ".shrinkage", "expected a fraction in [0, 1), got \(shrinkage)")
                }
                guard force || shrinkage <= ChannelSettings.maximumShrinkage else {
                    throw reader.error(
                        keyPath + ".shrinkage",
                        "\(shrinkage) is above \(ChannelSettings.maximumShrinkage); accepted only with plan --force")
                }
                scenario.shrinkage = shrinkage
            }
            result.append(scenario)
        }
        return result
    }

    /// Channel → factor, each at most 100 and above 0 (`positiveOnly`) or from 0.
    static func factors(
        _ object: [String: Any], _ key: String, positiveOnly: Bool, at keyPath: String,
        reader: JSONFields
    ) throws(PlanningError) -> [String: Double] {
        guard let raw = object[key], !(raw is NSNull) else { return [:] }
        guard let factors = raw as? [String: Any] else {
            throw reader.error(
                keyPath + "." + key, "expected an object of channel name → factor, e.g. {\"calls\": 0.8}")
        }
        var parsed: [String: Double] = [:]
        for channel in factors.keys.sorted() {
            let x = try reader.number(factors, channel, at: keyPath + "." + key)
            guard positiveOnly ? x > 0 : x >= 0, x <= 100 else {
                throw reader.error(
                    keyPath + "." + key + "." + channel,
                    "expected a factor \(positiveOnly ? "above 0" : "from 0") up to 100, got \(x)")
            }
            parsed[channel] = x
        }
        return parsed
    }
}
