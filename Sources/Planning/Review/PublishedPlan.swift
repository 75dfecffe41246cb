import Forecasting
import Foundation
import Queueing
import StaffcastCore

/// A week published by `staffcast plan` (`reports/YYYY-Www/`), read back for `review` and
/// `reforecast`: the manifest's week, zone, interval and channel settings, and the files it hashes
/// — `forecast.csv`, `requirements.csv`, `coverage.csv` (or `roster_coverage.csv` when the plan
/// has a roster) — each checked against its SHA-256 in `manifest.json` before it is used, so an
/// edited file is refused rather than reviewed. `schedule.csv` is checked too (its coverage is
/// what `coverage.csv` holds); `report.html` and the other files are not read.
public struct PublishedPlan: Sendable {
    typealias Key = PlanManifestFile.Key

    /// One channel as the manifest records it.
    public struct Channel: Sendable {
        public var name: String
        public var model: String
        /// The staffing rules rebuilt from the manifest's `settings` (service target, shrinkage,
        /// occupancy cap, patience, concurrency, deadline and working hours, the low-volume rule
        /// `min_contacts_per_interval` / `night_cover`).
        public var policy: ChannelPolicy
        /// Staffed with the AHT forecast (`"aht_source": "forecast"`): the per-interval handle
        /// times are requirements.csv's `aht_seconds`.
        public var staffedWithForecastAHT: Bool
    }

    public var folder: String
    /// `YYYY-Www`.
    public var label: String
    /// The week as [start, end) instants.
    public var weekStart: Int64
    public var weekEnd: Int64
    public var calendar: PlanningCalendar
    public var intervalSeconds: Int
    public var staffTo: StaffTo
    public var channels: [Channel]
    public var forecast: ForecastFile
    public var requirements: RequirementsFile
    /// `roster_coverage.csv` when the plan has one, else `coverage.csv`.
    public var coverage: CoverageFile

    /// The channel's forecast, nil for a channel the plan does not have.
    public func forecast(for channel: String) -> Forecast? { forecast.forecasts.first { $0.channel == channel } }

    /// Heads on duty for `channel` at `instant` (0 where the coverage has no row).
    public func heads(_ channel: String, at instant: Int64) -> Int {
        coverage.heads[RequirementsFile.Key(channel, instant)] ?? 0
    }

    /// The handle time the plan staffed `channel` with at `instant`: requirements.csv's
    /// `aht_seconds`, else the manifest's.
    public func plannedAHT(_ channel: String, at instant: Int64) -> Double {
        requirements.rows[RequirementsFile.Key(channel, instant)]?.ahtSeconds
            ?? channels.first { $0.name == channel }?.policy.ahtSeconds ?? 0
    }

    /// Which coverage to read: the roster's named agents or the shift schedule's heads.
    public enum Coverage: String, Sendable { case roster, shifts }

    /// Reads the plan in `folder`; `coverage` nil takes the roster when the plan has one.
    /// - Throws: a missing folder, manifest or listed file: `CoreError.missingInput` (exit 66);
    ///   a manifest that is not one, a file whose SHA-256 differs from the manifest's, or a bad
    ///   row (file:line:column): bad data (65).
    public static func read(folder: String, coverage choice: Coverage? = nil) throws(PlanningError) -> PublishedPlan {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw .core(
                .missingInput(
                    path: folder,
                    reason: "no such plan folder (expected reports/YYYY-Www/ as written by staffcast plan)"))
        }
        guard isDirectory.boolValue else {
            throw .core(
                .missingInput(path: folder, reason: "is a file; expected the plan's folder (reports/YYYY-Www/)"))
        }
        let manifestPath = folder + "/" + PlanManifestFile.fileName
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw .core(
                .missingInput(
                    path: manifestPath,
                    reason:
                        "no manifest.json in the plan folder: it was not written by staffcast plan, or is incomplete"))
        }
        let manifest = try core { () throws(CoreError) in try InputFile.read(manifestPath, maximumBytes: 64 << 20) }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: manifest.data) } catch {
            throw .config(
                path: manifestPath, key: "(file)",
                message:
                    "not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "syntax error")"
            )
        }
        guard let object = root as? [String: Any] else {
            throw .config(path: manifestPath, key: "(file)", message: "expected a JSON object at the top level")
        }
        let fields = JSONFields(path: manifestPath)
        let label = try fields.string(object, Key.week.rawValue, at: "")
        let zone = try fields.string(object, Key.timeZone.rawValue, at: "")
        let calendar: PlanningCalendar
        do { calendar = try PlanningCalendar(identifier: zone) } catch {
            throw fields.error(Key.timeZone.rawValue, error.description)
        }
        let intervalText = try fields.string(object, Key.interval.rawValue, at: "")
        guard let interval = Durations.parse(intervalText), PlanningInterval.allowedSeconds.contains(interval) else {
            throw fields.error(Key.interval.rawValue, "expected 5m, 10m, 15m, 30m or 1h, got '\(intervalText)'")
        }
        func instant(_ key: Key) throws(PlanningError) -> Int64 {
            let text = try fields.string(object, key.rawValue, at: "")
            do { return try TimestampParser.parseInstant(text, calendar: calendar) } catch {
                throw fields.error(key.rawValue, "expected an ISO 8601 timestamp, got '\(text)'")
            }
        }
        let weekStart = try instant(.weekStart)
        let weekEnd = try instant(.weekEnd)
        guard weekEnd > weekStart else { throw fields.error(Key.weekEnd.rawValue, "is not after week_start") }
        let staffText = try fields.string(object, Key.staffTo.rawValue, at: "")
        guard let staffTo = StaffTo(rawValue: staffText) else {
            throw fields.error(Key.staffTo.rawValue, "expected p50, p80 or p95, got '\(staffText)'")
        }
        guard let channelList = object[Key.channels.rawValue] as? [Any], !channelList.isEmpty else {
            throw fields.error(Key.channels.rawValue, "expected a non-empty array of channel records")
        }
        var channels: [Channel] = []
        for (index, item) in channelList.enumerated() {
            let at = Key.channels.rawValue + "[\(index)]"
            guard let entry = item as? [String: Any] else { throw fields.error(at, "expected an object") }
            guard let settings = entry[Key.settings.rawValue] as? [String: Any] else {
                throw fields.error(at + "." + Key.settings.rawValue, "missing or not an object")
            }
            let (policy, forecastAHT) = try Self.policy(settings, fields: fields, at: at + "." + Key.settings.rawValue)
            channels.append(
                Channel(
                    name: try fields.string(entry, Key.channel.rawValue, at: at),
                    model: try fields.optionalString(entry, Key.model.rawValue, at: at) ?? "",
                    policy: policy, staffedWithForecastAHT: forecastAHT))
        }

        let hashes = try outputHashes(object, fields: fields)
        func verified(_ name: String) throws(PlanningError) -> (path: String, data: Data) {
            let path = folder + "/" + name
            guard let expected = hashes[name] else {
                throw fields.error(Key.outputs.rawValue, "lists no \(name); the plan folder is incomplete")
            }
            let file = try core { () throws(CoreError) in try InputFile.read(path) }
            let actual = file.sha256
            guard actual == expected.lowercased() else {
                throw .core(
                    .badFile(
                        path: path,
                        "its SHA-256 (\(actual)) differs from the one manifest.json records (\(expected)): the file was changed after staffcast plan wrote it; re-run the plan instead of editing its files"
                    ))
            }
            return (path, file.data)
        }
        let forecastFile = try verified(ForecastFile.fileName)
        let forecast = try ForecastFile.read(
            path: forecastFile.path, calendar: calendar, needsIntervals: true, data: forecastFile.data)
        let requirementsFile = try verified(RequirementsFile.fileName)
        let requirements = try RequirementsFile.read(
            path: requirementsFile.path, calendar: calendar, data: requirementsFile.data)
        _ = try verified(ScheduleFile.fileName)
        let hasRoster = hashes[CoverageFile.rosterFileName] != nil
        if choice == .roster, !hasRoster {
            throw .invalidRequest("\(folder): the plan has no roster (roster_coverage.csv); use --coverage shifts")
        }
        let coverageFile = try verified(
            (choice ?? (hasRoster ? .roster : .shifts)) == .roster ? CoverageFile.rosterFileName : CoverageFile.fileName
        )
        let coverage = try CoverageFile.read(path: coverageFile.path, calendar: calendar, data: coverageFile.data)
        for forecast in forecast.forecasts where !channels.contains(where: { $0.name == forecast.channel }) {
            throw .badData(
                "\(forecastFile.path): channel '\(forecast.channel)' is not among the manifest's channels (\(channels.map(\.name).joined(separator: ", ")))"
            )
        }
        return PublishedPlan(
            folder: folder, label: label, weekStart: weekStart, weekEnd: weekEnd, calendar: calendar,
            intervalSeconds: interval, staffTo: staffTo, channels: channels, forecast: forecast,
            requirements: requirements, coverage: coverage)
    }

    /// The manifest's `outputs`: each file's name and SHA-256.
    static func outputHashes(_ object: [String: Any], fields: JSONFields) throws(PlanningError) -> [String: String] {
        guard let outputList = object[Key.outputs.rawValue] as? [Any] else {
            throw fields.error(Key.outputs.rawValue, "missing; expected the list of files and their sha256")
        }
        var hashes: [String: String] = [:]
        for (index, item) in outputList.enumerated() {
            let at = Key.outputs.rawValue + "[\(index)]"
            guard let entry = item as? [String: Any] else {
                throw fields.error(at, "expected an object with file and sha256")
            }
            hashes[try fields.string(entry, Key.file.rawValue, at: at)] = try fields.string(
                entry, Key.sha256.rawValue, at: at)
        }
        return hashes
    }

    /// A channel's policy from its manifest `settings` (as `PlanManifestFile.channel` writes them),
    /// validated like a config entry; and whether it was staffed with the AHT forecast.
    static func policy(_ settings: [String: Any], fields: JSONFields, at keyPath: String) throws(PlanningError) -> (
        ChannelPolicy, Bool
    ) {
        typealias SettingKey = PlanManifestFile.SettingKey
        func number(_ key: ChannelSetting) throws(PlanningError) -> Double? {
            try fields.optionalNumber(settings, key.configKey, at: keyPath)
        }
        func number(_ key: SettingKey) throws(PlanningError) -> Double? {
            try fields.optionalNumber(settings, key.rawValue, at: keyPath)
        }
        func text(_ key: ChannelSetting) throws(PlanningError) -> String? {
            try fields.optionalString(settings, key.configKey, at: keyPath)
        }
        let forecastAHT =
            try fields.optionalString(settings, SettingKey.ahtSource.rawValue, at: keyPath) == SettingKey.forecast
        var given = ChannelSettings(
            ahtSeconds: try number(.ahtSeconds), ahtChoice: forecastAHT ? SettingKey.forecast : nil,
            asaSeconds: try number(.asaSeconds), maxOccupancy: try number(.maxOccupancy),
            shrinkage: try number(.shrinkage), patience: try number(.patience),
            maxAbandonRate: try number(.maxAbandonRate))
        given.minContactsPerInterval = try number(.minContactsPerInterval)
        given.nightCover = try number(.nightCover)
        let serviceLevel = try number(.serviceLevel)
        let targetSeconds = try number(.targetSeconds)
        if let k = try number(.concurrency), k > 1 {
            given.concurrency = k
            if let levels = settings[ChannelSetting.ahtByConcurrency.configKey] as? [Any], !levels.isEmpty {
                given.ahtByConcurrency = levels.compactMap { ($0 as? NSNumber)?.doubleValue }
            }
        }
        if let deadline = try number(.deadlineSeconds) {
            guard deadline >= 1, deadline <= 1e9, deadline == deadline.rounded() else {
                throw fields.error(
                    keyPath + "." + SettingKey.deadlineSeconds.rawValue, "expected a whole number of seconds")
            }
            given.deadline = "\(Int(deadline))s"
            given.deadlineCounts = try text(.deadlineCounts)
            given.closingBacklog = try text(.closingBacklog)
            if let hours = settings[ChannelSetting.workingHours.configKey] as? [Any] {
                // The manifest lists every day, "Sun closed" too; a week with no working time is refused below.
                given.workingHours = hours.compactMap { $0 as? String }
            }
            if let count = settings[ChannelSetting.openingBacklog.configKey] as? NSNumber {
                given.openingBacklog = count.doubleValue
            }
        } else if serviceLevel != nil {
            given.serviceLevel = "50/0"  // a placeholder that passes validation; the exact target is set below
        }
        var policy: ChannelPolicy
        do throws(ChannelSettingError) {
            policy = try given.policy(naming: .config, requiresTarget: false, force: true)
        } catch {
            throw fields.error(keyPath + "." + error.setting.rawValue, error.message)
        }
        if policy.kind.deadlineSeconds == nil {
            policy.target.serviceLevel = serviceLevel
            policy.target.targetSeconds = targetSeconds ?? 0
            do throws(QueueingError) { policy.target = try policy.target.validated() } catch {
                throw fields.error(keyPath + "." + ChannelSetting.serviceLevel.configKey, error.description)
            }
        }
        return (policy, forecastAHT)
    }
}
