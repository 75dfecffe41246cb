import Forecasting
import Foundation
import StaffcastCore

/// The history a config names, read once and checked, with each channel's policy: the first
/// stage of `plan` and `capacity`.
struct PlanHistory {
    /// The built-in holidays and retail events, and the planner's events.
    typealias Events = (calendar: [CalendarEvent], user: [UserEvent])

    /// The bytes read (hashed into the manifest are the bytes parsed).
    var file: InputFile
    var history: ContactHistory
    /// Every channel of the history with its policy, in the history's order.
    var policies: [(String, ChannelPolicy)]

    var historyEnd: Int64 { history.series.map(\.end).max() ?? 0 }
    var historyStart: Int64 { history.series.map(\.start).min() ?? 0 }

    /// Reads `config.historyPath` with the config's input mapping; refuses offsets without a
    /// named zone, channels without settings and settings of channels the history lacks.
    static func read(_ config: PlanConfig, progress: ((String) -> Void)?, warn: (String) -> Void) throws(PlanningError)
        -> PlanHistory
    {
        let historyOptions = HistoryReadOptions(
            calendar: config.calendar, intervalSeconds: config.intervalSeconds,
            valueColumn: config.valueColumn, channelName: config.channelName, input: config.input)
        progress?("reading \(config.historyPath) …")
        let (file, history) = try core { () throws(CoreError) in
            try StageProfile.measure(.read) { () throws(CoreError) in
                let file = try InputFile.read(config.historyPath)
                return (
                    file, try HistoryReader.read(data: file.data, name: config.historyPath, options: historyOptions)
                )
            }
        }
        for text in history.warnings { warn(text) }
        if !config.timezoneGiven, let line = history.firstNonUTCOffsetLine {
            throw .config(
                path: config.path, key: "timezone",
                message:
                    "missing, but the history's timestamps carry UTC offsets (\(config.historyPath):\(line)); name the planning site's zone (e.g. \"Europe/Amsterdam\"), or say \"timezone\": \"UTC\" to plan on the UTC clock"
            )
        }
        let policies = try history.channels.map { channel throws(PlanningError) in
            (channel, try config.policy(for: channel))
        }
        for name in config.channels.keys.sorted() where name != "*" && history.series(for: name) == nil {
            throw .config(
                path: config.path, key: "channels.\(name)",
                message: "the history has no channel '\(name)'; it has \(history.channels.joined(separator: ", "))")
        }
        return PlanHistory(file: file, history: history, policies: policies)
    }

    /// The config's events file read once (its bytes are what the manifest hashes) and the
    /// built-in holidays and the planner's events over [from, to].
    static func events(_ config: PlanConfig, from: Int64, to: Int64) throws(PlanningError)
        -> (file: InputFile?, events: Events)
    {
        let file = try config.eventsPath.map { path throws(PlanningError) in
            try core { () throws(CoreError) in try InputFile.read(path) }
        }
        let events = try ForecastStep.events(
            countries: config.holidays, eventsFile: file, calendar: config.calendar, from: from, to: to)
        return (file, events)
    }

    /// The inputs every manifest records: the config, this history and the events file when given.
    func inputs(_ config: PlanConfig, eventsFile: InputFile?) -> [PlanInput] {
        var inputs = [
            PlanInput(
                role: "config", path: URL(fileURLWithPath: config.path).lastPathComponent,
                sha256: SHA256.hex(config.data)),
            PlanInput(role: "history", path: config.historyPathAsWritten, sha256: file.sha256, regular: file.isRegular),
        ]
        if let eventsFile {
            inputs.append(
                PlanInput(
                    role: "events", path: config.eventsPathAsWritten ?? eventsFile.path, sha256: eventsFile.sha256,
                    regular: eventsFile.isRegular))
        }
        return inputs
    }

    /// The AHT forecast of every channel whose history has AHT, fitted before `origin`; a channel
    /// with neither configured nor recorded AHT is refused naming its key.
    func ahtModels(_ config: PlanConfig, origin: Int64, events: Events)
        throws(PlanningError) -> [String: AHTForecast]
    {
        var models: [String: AHTForecast] = [:]
        for (channel, policy) in policies {
            guard let series = history.series(for: channel) else { continue }
            let fitted = StageProfile.measure(.forecast) {
                ForecastStep.ahtModel(
                    series, calendar: config.calendar, origin: origin,
                    calendarEvents: events.calendar, userEvents: events.user)
            }
            if let model = fitted {
                models[channel] = model
            }
            if !policy.ahtConfigured, models[channel] == nil {
                throw .config(
                    path: config.path, key: "channels.\(channel).aht_seconds",
                    message:
                        "missing, and the history has no aht_seconds for '\(channel)' to forecast it from; give the channel's average handle time in seconds"
                )
            }
        }
        return models
    }

    /// Every channel's forecast from `origin` over its horizon (`horizons`, in channel order),
    /// computed on every core and returned in channel order (nil for a channel without a series).
    func forecasts(
        _ config: PlanConfig, models: [any ForecastModel], origin: Int64, horizons: [Int], events: Events,
        scoring: AutoForecaster.Scoring = .intervals
    ) throws(PlanningError) -> [AutoForecast?] {
        let allSeries = policies.map { history.series(for: $0.0) }
        let calendar = config.calendar
        let backtestOrigins = config.backtestOrigins
        let results = StageProfile.measure(.forecast) {
            Parallel.map(allSeries.count, minimumChunk: 1) { k in
                Result { () throws(PlanningError) -> AutoForecast? in
                    guard let series = allSeries[k] else { return nil }
                    return try ForecastStep.autoForecast(
                        series, calendar: calendar, models: models, origin: origin,
                        horizonSeconds: horizons[k], backtestOrigins: backtestOrigins,
                        calendarEvents: events.calendar, userEvents: events.user, scoring: scoring)
                }
            }
        }
        return try results.map { result throws(PlanningError) in try result.get() }
    }
}
