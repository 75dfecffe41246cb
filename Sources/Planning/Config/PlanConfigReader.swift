import Foundation
import StaffcastCore
import Forecasting

/// Reads and checks the plan config (`PlanConfig`); every mistake names the file and the JSON key
/// path and says what was expected.
public enum PlanConfigReader {
    static let topLevelKeys: Set<String> = ["history", "timezone", "interval", "value_column", "channel_name",
                                            "model", "backtest_origins", "staff_to", "channels",
                                            "holidays", "events", "shifts", "scenarios"]

    /// The largest config read (a real one is a few kilobytes).
    static let maximumBytes = 16 << 20

    /// `force`: accept shrinkage above 0.95 and occupancy caps below 0.05 (`--force`).
    public static func load(path: String, force: Bool = false) throws(PlanningError) -> PlanConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .core(.missingInput(path: path, reason: "config file not found"))
        }
        guard !isDirectory.boolValue else { throw .core(.missingInput(path: path, reason: "is a directory, expected a JSON config file")) }
        // Read like every input (a device or a pipe too), and bounded: `/dev/zero` must not fill memory.
        let file = try core { () throws(CoreError) in try InputFile.read(path, maximumBytes: maximumBytes) }
        return try parse(data: file.data, path: path, force: force)
    }

    public static func parse(data: Data, path: String, force: Bool = false) throws(PlanningError) -> PlanConfig {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .config(path: path, key: "(file)", message: "not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "syntax error")")
        }
        guard let object = root as? [String: Any] else {
            throw .config(path: path, key: "(file)", message: "expected a JSON object at the top level")
        }
        if let problem = JSONKeyCheck.firstProblem(in: data) {
            throw .config(path: path, key: problem.keyPath, message: problem.message)
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
            guard let seconds = Durations.parse(text), HeadedCSV.intervals.contains(seconds) else {
                throw reader.error("interval", "expected 5m, 10m, 15m, 30m or 1h, got '\(text)'")
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
        let channels = try ChannelPolicyReader.channels(object["channels"], reader: reader, force: force)
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
        return PlanConfig(path: path, historyPath: historyPath, historyPathAsWritten: history, calendar: calendar,
                          intervalSeconds: interval,
                          valueColumn: try reader.optionalString(object, "value_column", at: ""),
                          channelName: try reader.optionalString(object, "channel_name", at: ""),
                          model: model, backtestOrigins: Int(origins), staffTo: staffTo, channels: channels,
                          holidays: holidays, eventsPath: eventsPath, eventsPathAsWritten: eventsText,
                          shifts: shifts,
                          scenarios: try ScenarioReader.scenarios(object["scenarios"], reader: reader, force: force), data: data)
    }
}
