import StaffcastCore
import Planning

/// The history flags shared by `inspect`, `forecast` and `backtest`.
struct HistoryOptions {
    static let specs = [
        OptionSpec("history", "FILE", "contact history CSV: timestamp,channel,contacts[,aht_seconds] or timestamp,<value>"),
        OptionSpec("timezone", "TZ", "IANA zone of the planning site; local timestamps without offset are read in it (default UTC)"),
        OptionSpec("interval", "D", "aggregate finer history to this interval (5m, 10m, 15m, 30m or 1h)"),
        OptionSpec("value-column", "NAME", "the value column of a single-series file (default: its only numeric column)"),
        OptionSpec("channel-name", "NAME", "the channel of a single-series file (default: the column's name)"),
    ]

    var path: String
    var options: HistoryReadOptions

    init(_ arguments: ParsedArguments) throws(CLIError) {
        path = try arguments.required("history")
        let calendar: PlanningCalendar
        do { calendar = try PlanningCalendar(identifier: arguments.value("timezone") ?? "UTC") } catch {
            throw .usage("--timezone: " + error.description)
        }
        let interval = try arguments.duration("interval")
        if let interval, !PlanningInterval.allowedSeconds.contains(interval) {
            throw .usage("--interval: \(Durations.format(interval)) is not an interval the tool plans in; use \(PlanningInterval.allowedText)")
        }
        options = HistoryReadOptions(calendar: calendar, intervalSeconds: interval,
                                     valueColumn: arguments.value("value-column"),
                                     channelName: arguments.value("channel-name"))
    }

    /// Reads the history, printing accepted oddities on stderr.
    func read() throws(CLIError) -> ContactHistory {
        Console.progress("reading \(path) …")
        let history = try core { () throws(CoreError) in try HistoryReader.read(path: path, options: options) }
        Console.progressDone()
        for warning in history.warnings { Console.error("warning: \(warning)\n") }
        return history
    }
}

/// Reads a timestamp given on the command line (`--origin`, `--now`).
func parseInstant(_ text: String, flag: String, calendar: PlanningCalendar) throws(CLIError) -> Int64 {
    do {
        return try TimestampParser.parseInstant(text, calendar: calendar)
    } catch {
        throw .usage("--\(flag): \(error.description)")
    }
}
