import Foundation
import StaffcastCore
import Forecasting

/// Reads and checks the plan config (`PlanConfig`); every mistake names the file and the JSON key
/// path and says what was expected.
public enum PlanConfigReader {
    static let topLevelKeys: Set<String> = ["history", "timezone", "interval", "value_column", "channel_name",
                                            "model", "backtest_origins", "staff_to", "channels",
                                            "holidays", "events", "shifts", "scenarios", "team"]

    public static func load(path: String) throws(PlanningError) -> PlanConfig {
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

    public static func parse(data: Data, path: String) throws(PlanningError) -> PlanConfig {
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
        guard !history.isEmpty else { throw reader.error("history", "expected the path of the history CSV") }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        let historyPath = history.hasPrefix("/") ? history : base.appendingPathComponent(history).path

        let zoneName = try reader.optionalString(object, "timezone", at: "") ?? "UTC"
        let calendar: PlanningCalendar
        do { calendar = try PlanningCalendar(identifier: zoneName) } catch {
            throw reader.error("timezone", error.description)
        }
        var interval: Int? = nil
        if let text = try reader.optionalString(object, "interval", at: "") {
            guard let seconds = Durations.parse(text) else {
                throw reader.error("interval", "expected a duration such as 15m, 30m or 1h, got '\(text)'")
            }
            interval = seconds
        }
        let model = try reader.optionalString(object, "model", at: "") ?? "auto"
        let origins = try reader.optionalNumber(object, "backtest_origins", at: "") ?? 4
        guard origins == origins.rounded(), (1...52).contains(origins) else {
            throw reader.error("backtest_origins", "expected a whole number from 1 to 52")
        }
        let staffToText = try reader.optionalString(object, "staff_to", at: "") ?? "p50"
        guard let staffTo = StaffTo(rawValue: staffToText) else {
            throw reader.error("staff_to", "expected p50, p80 or p95, got '\(staffToText)'")
        }
        let channels = try ChannelPolicyReader.channels(object["channels"], reader: reader)
        var holidays: [String] = []
        if let value = object["holidays"], !(value is NSNull) {
            guard let list = value as? [Any], list.allSatisfy({ $0 is String }) else {
                throw reader.error("holidays", "expected an array of country codes such as [\"US\"]")
            }
            holidays = list.compactMap { $0 as? String }
            if !holidays.isEmpty {
                do throws(ForecastingError) { _ = try HolidayCalendar.countryCodes(holidays) } catch {
                    throw reader.error("holidays", error.description)
                }
            }
        }
        let eventsText = try reader.optionalString(object, "events", at: "")
        if let eventsText, eventsText.isEmpty { throw reader.error("events", "expected the path of the events CSV") }
        let eventsPath = eventsText.map { $0.hasPrefix("/") ? $0 : base.appendingPathComponent($0).path }
        let shifts = try ShiftSettingsReader.parse(object["shifts"], reader: reader)
        let team = try teamSettings(object["team"], reader: reader, base: base)
        var config = PlanConfig(path: path, historyPath: historyPath, historyPathAsWritten: history, calendar: calendar,
                          intervalSeconds: interval,
                          valueColumn: try reader.optionalString(object, "value_column", at: ""),
                          channelName: try reader.optionalString(object, "channel_name", at: ""),
                          model: model, backtestOrigins: Int(origins), staffTo: staffTo, channels: channels,
                          holidays: holidays, eventsPath: eventsPath, eventsPathAsWritten: eventsText,
                          shifts: shifts,
                          scenarios: try ScenarioReader.scenarios(object["scenarios"], reader: reader), data: data)
        config.team = team
        return config
    }

    /// `"team": {"agents": FILE, "requests": FILE, "previous_roster": FILE, "moves": N}`.
    static func teamSettings(_ value: Any?, reader: JSONFields, base: URL) throws(PlanningError) -> TeamSettings? {
        guard let value, !(value is NSNull) else { return nil }
        guard let object = value as? [String: Any] else {
            throw reader.error("team", "expected an object such as {\"agents\": \"team.csv\", \"requests\": \"requests.csv\"}")
        }
        try reader.rejectUnknown(object, allowed: ["agents", "requests", "previous_roster", "moves"], at: "team")
        func resolved(_ text: String) -> String { text.hasPrefix("/") ? text : base.appendingPathComponent(text).path }
        let agents = try reader.string(object, "agents", at: "team")
        guard !agents.isEmpty else { throw reader.error("team.agents", "expected the path of the team CSV") }
        let requests = try reader.optionalString(object, "requests", at: "team")
        let previous = try reader.optionalString(object, "previous_roster", at: "team")
        var moves: Int?
        if let number = try reader.optionalNumber(object, "moves", at: "team") {
            guard number == number.rounded(), number >= 0, number <= 10_000_000 else {
                throw reader.error("team.moves", "expected a whole number of search moves from 0 to 10000000")
            }
            moves = Int(number)
        }
        return TeamSettings(agentsPath: resolved(agents), agentsPathAsWritten: agents, requestsPath: requests.map(resolved),
                            requestsPathAsWritten: requests, previousRosterPath: previous.map(resolved), moves: moves)
    }
}
