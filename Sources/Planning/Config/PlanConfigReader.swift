import Forecasting
import Foundation
import StaffcastCore

/// Reads and checks the plan config (`PlanConfig`); every mistake names the file and the JSON key
/// path and says what was expected.
public enum PlanConfigReader {
    static let topLevelKeys: Set<String> = [
        "history", "timezone", "interval", "value_column", "channel_name",
        "model", "backtest_origins", "staff_to", "channels",
        "holidays", "events", "shifts", "scenarios", "input", "stale_after_days", "team", "fte_hours_per_week",
        "week_start", "capacity",
    ]

    /// The largest config read (a real one is a few kilobytes).
    static let maximumBytes = 16 << 20

    /// `force`: accept shrinkage above 0.95 and occupancy caps below 0.05 (`--force`).
    public static func load(path: String, force: Bool = false, requiresHistory: Bool = true) throws(PlanningError)
        -> PlanConfig
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .core(.missingInput(path: path, reason: "config file not found"))
        }
        guard !isDirectory.boolValue else {
            throw .core(.missingInput(path: path, reason: "is a directory, expected a JSON config file"))
        }
        // Read like every input (a device or a pipe too), and bounded: `/dev/zero` must not fill memory.
        let file = try core { () throws(CoreError) in try InputFile.read(path, maximumBytes: maximumBytes) }
        return try parse(data: file.data, path: path, force: force, requiresHistory: requiresHistory)
    }

    /// `requiresHistory`: false for the commands that take only the config's channels, shifts and zone.
    public static func parse(data: Data, path: String, force: Bool = false, requiresHistory: Bool = true)
        throws(PlanningError) -> PlanConfig
    {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .config(
                path: path, key: "(file)",
                message:
                    "not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "syntax error")"
            )
        }
        guard let object = root as? [String: Any] else {
            throw .config(path: path, key: "(file)", message: "expected a JSON object at the top level")
        }
        if let problem = JSONKeyCheck.firstProblem(in: data) {
            throw .config(path: path, key: problem.keyPath, message: problem.message)
        }
        let reader = JSONFields(path: path)
        try reader.rejectUnknown(object, allowed: topLevelKeys, at: "")

        // `staff --config` and `schedule --config` read no history: the key is needed only to plan.
        let history =
            requiresHistory
            ? try reader.string(object, "history", at: "")
            : (try reader.optionalString(object, "history", at: "") ?? "")
        guard !history.isEmpty || !requiresHistory else {
            throw reader.error("history", "expected the path of the history CSV")
        }
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
        let model = try reader.optionalString(object, "model", at: "") ?? ModelCatalog.auto
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
        var input = InputMapping.native
        if let value = object["input"], !(value is NSNull) {
            guard let table = value as? [String: Any] else {
                throw reader.error(
                    "input",
                    "expected an object such as {\"format\": \"genesys-wfm\"} or {\"columns\": {\"timestamp\": …}}")
            }
            do throws(CoreError) {
                input = try InputMapping.parse(jsonObject: table, keyPath: "input", baseDirectory: base.path)
            } catch {
                if case .badOption(let key, let message) = error {
                    throw .config(path: path, key: key, message: message)
                }
                throw .core(error)
            }
        }
        let team = try teamSettings(object["team"], reader: reader, base: base)
        let staleAfter =
            try reader.optionalNumber(object, "stale_after_days", at: "") ?? Double(StaleHistory.defaultAllowedDays)
        guard staleAfter == staleAfter.rounded(), (0...3650).contains(staleAfter) else {
            throw reader.error("stale_after_days", "expected a whole number of days from 0 to 3650")
        }
        var config = PlanConfig(
            path: path, historyPath: historyPath, historyPathAsWritten: history, calendar: calendar,
            intervalSeconds: interval,
            valueColumn: try reader.optionalString(object, "value_column", at: ""),
            channelName: try reader.optionalString(object, "channel_name", at: ""),
            model: model, backtestOrigins: Int(origins), staffTo: staffTo, channels: channels.policies,
            holidays: holidays, eventsPath: eventsPath, eventsPathAsWritten: eventsText,
            shifts: shifts,
            scenarios: try ScenarioReader.scenarios(object["scenarios"], reader: reader, force: force), data: data)
        config.input = input
        config.timezoneGiven = object["timezone"] != nil && !(object["timezone"] is NSNull)
        config.staleAfterDays = Int(staleAfter)
        config.team = team
        if let day = try reader.optionalString(object, "week_start", at: "") {
            guard let weekday = WeekdayName.parse(day) else {
                throw reader.error(
                    "week_start",
                    "expected the weekday the planning week starts on, such as \"monday\" or \"sunday\", got '\(day)'")
            }
            config.weekStart = weekday
        }
        if let hours = try reader.optionalNumber(object, "fte_hours_per_week", at: "") {
            guard (1...60).contains(hours) else {
                throw reader.error(
                    "fte_hours_per_week",
                    "expected contract hours per week from 1 to 60, got \(ChannelSettings.show(hours))")
            }
            config.fteHoursPerWeek = hours
        }
        config.channelShifts = channels.shifts
        config.capacity = try CapacitySettingsReader.settings(object["capacity"], reader: reader)
        return config
    }

    /// `"team": {"agents": FILE, "requests": FILE, "previous_roster": FILE, "moves": N, "weeks": N,
    /// "seconds": S, "rules": PRESET or {…}}`.
    static func teamSettings(_ value: Any?, reader: JSONFields, base: URL) throws(PlanningError) -> TeamSettings? {
        guard let value, !(value is NSNull) else { return nil }
        guard let object = value as? [String: Any] else {
            throw reader.error(
                "team", "expected an object such as {\"agents\": \"team.csv\", \"requests\": \"requests.csv\"}")
        }
        try reader.rejectUnknown(
            object, allowed: ["agents", "requests", "previous_roster", "moves", "weeks", "seconds", "rules"], at: "team"
        )
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
        var settings = TeamSettings(
            agentsPath: resolved(agents), agentsPathAsWritten: agents, requestsPath: requests.map(resolved),
            requestsPathAsWritten: requests, previousRosterPath: previous.map(resolved), moves: moves)
        if let weeks = try reader.optionalNumber(object, "weeks", at: "team") {
            guard weeks == weeks.rounded(), (1...6).contains(weeks) else {
                throw reader.error("team.weeks", "expected a whole number of weeks from 1 to 6")
            }
            settings.weeks = Int(weeks)
        }
        if let seconds = try reader.optionalNumber(object, "seconds", at: "team") {
            guard seconds.isFinite, seconds > 0, seconds <= 86_400 else {
                throw reader.error("team.seconds", "expected the search's time limit, 0 to 86400 seconds")
            }
            settings.seconds = seconds
        }
        settings.rules = try WorkingTimeRulesReader.parse(object["rules"], reader: reader, at: "team.rules")
        return settings
    }
}
