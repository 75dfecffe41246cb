import Planning
import StaffcastCore

/// The history flags shared by `inspect`, `forecast` and `backtest`: the file, its time zone and
/// interval, and the input mapping of another platform's export (README, "Import your data").
struct HistoryOptions {
    static let specs =
        [
            OptionSpec(
                "history", "FILE",
                "contact history CSV: timestamp,channel,contacts[,aht_seconds] or timestamp,<value>",
                presence: .required),
            OptionSpec(
                "timezone", "TZ",
                "IANA zone of the planning site; local timestamps without offset are read in it (default UTC)"),
            OptionSpec(
                "interval", "D",
                "aggregate finer history to this interval (5m, 10m, 15m, 30m or 1h); in a list of contacts, count per D"
            ),
        ] + mappingSpecs

    /// How the file is read (a single series' column, another platform's export), one group on
    /// the usage line. `review` and `reforecast` take these alone: their zone and interval come
    /// from the plan's manifest.
    static let mappingSpecs = [
        OptionSpec(
            "format", "NAME", "another platform's export: " + InputPresets.all.map(\.name).joined(separator: ", ")),
        OptionSpec(
            "columns", "ROLE=HEADER,…",
            "which column is which: timestamp (and end), or date with time, hour or period;\n"
                + "channel or queue; contacts (contacts=* for one row per contact); aht, or handle_time\n"
                + "with handled; abandoned; split (rows that differ in it are summed)"),
        OptionSpec("channel-map", "FILE", "queue,channel CSV turning queues into channels (queue * catches the rest)"),
        OptionSpec("date-order", "ORDER", "dmy, mdy or ymd, for dates such as 03/04/2025 (never guessed)"),
        OptionSpec("duration-unit", "U", "s, ms or hh:mm:ss for handle times (values with colons are always h:mm:ss)"),
        OptionSpec("encoding", "E", "utf-8, utf-16 or windows-1252 (default: detected; Windows-1252 with a notice)"),
        OptionSpec("missing", "M", "unknown (default) or zero: what intervals absent from the file are"),
        OptionSpec(
            "value-column", "NAME", "the value column of a single-series file (default: its only numeric column)"),
        OptionSpec("channel-name", "NAME", "the channel of a single-series file (default: the column's name)"),
    ].map { $0.grouped("input mapping") }

    var path: String
    var options: HistoryReadOptions
    /// Whether --timezone was given (a file with UTC offsets and no zone gets a warning).
    var timezoneGiven: Bool

    /// `pathFlag`: the flag naming the file (`history`; `actuals` for `review` and `reforecast`).
    init(_ arguments: ParsedArguments, pathFlag: String = "history") throws {
        path = try arguments.required(pathFlag)
        timezoneGiven = arguments.value("timezone") != nil
        let calendar: PlanningCalendar
        do { calendar = try PlanningCalendar(identifier: arguments.value("timezone") ?? "UTC") } catch {
            throw CLIError.usage("--timezone: " + error.description)
        }
        let interval = try arguments.duration("interval")
        if let interval, !PlanningInterval.allowedSeconds.contains(interval) {
            throw CLIError.usage(
                "--interval: \(Durations.format(interval)) is not an interval the tool plans in; use \(PlanningInterval.allowedText)"
            )
        }
        let channelMap = try arguments.value("channel-map").map { file throws(CoreError) in
            try ChannelMap.read(path: file)
        }
        let input = try InputMapping.fromFlags(
            format: arguments.value("format"), columns: arguments.value("columns"), channelMap: channelMap,
            dateOrder: arguments.value("date-order"), durationUnit: arguments.value("duration-unit"),
            encoding: arguments.value("encoding"), missing: arguments.value("missing"))
        options = HistoryReadOptions(
            calendar: calendar, intervalSeconds: interval,
            valueColumn: arguments.value("value-column"),
            channelName: arguments.value("channel-name"), input: input)
    }

    /// Reads the history, printing accepted oddities on stderr.
    func read() throws(CoreError) -> ContactHistory {
        Console.progress("reading \(path) …")
        let history = try StageProfile.measure(.read) { () throws(CoreError) in
            try HistoryReader.read(path: path, options: options)
        }
        Console.progressDone()
        for warning in history.warnings { Console.error("warning: \(warning)\n") }
        if !timezoneGiven, let line = history.firstNonUTCOffsetLine {
            Console.error(
                "warning: \(path):\(line): the timestamps carry UTC offsets other than Z, but no --timezone was given: "
                    + "days, weekdays and opening hours are taken on the UTC clock; name the planning site's zone (--timezone Europe/Amsterdam)\n"
            )
        }
        return history
    }
}

/// Reads a timestamp given on the command line (`--origin`, `--now`).
func parseInstant(_ text: String, flag: String, calendar: PlanningCalendar) throws(CLIError) -> Int64 {
    do {
        return try TimestampParser.parseInstant(text, calendar: calendar)
    } catch {
        throw CLIError.usage("--\(flag): \(error.description)")
    }
}
