import StaffcastCore
import Forecasting
import Queueing
import Reports

/// `staffcast staff`: agents per channel and interval for a forecast file.
struct StaffCommand: Command {
    static let name = "staff"
    static let abstract = "agents and headcount per channel and interval for a forecast CSV"
    static let help = """
    --forecast FILE (--config FILE | --aht S (--sl P/T | --asa S) [--shrinkage F] [--max-occupancy F] [--patience S] [--concurrency K [--aht-by-concurrency L]]) [--staff-to p50|p80|p95] [--interval D] [--timezone TZ] --out FILE|-

    Reads a forecast CSV (timestamp,channel,forecast[,lo80,hi80,lo95,hi95], as `forecast`
    writes it) and finds, per row, the fewest agents meeting the channel's targets by exact
    Erlang C, and the headcount ceil(agents / (1 − shrinkage)). --staff-to p80/p95 staffs that
    quantile of the forecast distribution (read from the prediction intervals, which the file
    must then have); the service level the mean forecast would get is in service_level_at_mean.
    Handle time: --aht (or the config's aht_seconds) when given; otherwise the forecast file's
    optional aht_seconds column, interval by interval (an error names a row without it). With a
    config, a channel set to "aht": "forecast" uses the column whenever the file has it.
    Output columns: timestamp,channel,contacts,aht_seconds,agents,headcount,service_level,
    asa_seconds,occupancy,abandon_rate,service_level_at_mean,backlog,oldest_age_seconds.
    Chat channels (--concurrency K > 1, or "concurrency" in the config) are staffed by the chat
    concurrency model of `erlang --help` (service level = first reply within T). Deferred-work
    channels (config "deadline") are staffed as `plan --help` describes; backlog and
    oldest_age_seconds are filled only for them.

      --forecast FILE       forecast CSV
      --config FILE         per-channel settings from a plan config (its channels, timezone, staff_to)
      --aht S               average handle time in seconds (every channel); default: the
                            forecast file's aht_seconds column (as `forecast` writes it)
      --sl P/T              service-level target, e.g. 80/20
      --asa S               average-speed-of-answer target in seconds
      --shrinkage F         share of paid time off the phones, in [0, 1)
      --max-occupancy F     occupancy cap in (0, 1]
      --patience S          mean seconds before callers hang up: staff by Erlang A (abandon_rate filled)
      --max-abandon F       highest acceptable share of abandoned contacts (needs --patience)
      --concurrency K       chat: conversations an agent holds at once, 1 to 100 (default 1; not with --patience)
      --aht-by-concurrency L  chat: comma-separated AHT at concurrency 1…K (e.g. 300,360,420)
      --staff-to Q          p50 (mean, default), p80 or p95
      --interval D          interval length (default: the spacing of the forecast's timestamps)
      --timezone TZ         zone of the output timestamps' offsets (default: the config's, else UTC)
      --out FILE|-          output CSV
    """
    static let options = [OptionSpec("forecast"), OptionSpec("config"), OptionSpec("aht"), OptionSpec("sl"), OptionSpec("asa"),
                          OptionSpec("shrinkage"), OptionSpec("max-occupancy"), OptionSpec("patience"), OptionSpec("max-abandon"),
                          OptionSpec("concurrency"), OptionSpec("aht-by-concurrency"), OptionSpec("staff-to"),
                          OptionSpec("interval"), OptionSpec("timezone"), OptionSpec("out")]

    let forecastPath: String
    let config: PlanConfig?
    let policy: ChannelPolicy?
    let staffTo: StaffTo
    let intervalSeconds: Int?
    let calendar: PlanningCalendar
    let outPath: String

    init(_ arguments: ParsedArguments) throws(CLIError) {
        forecastPath = try arguments.required("forecast")
        outPath = try arguments.required("out")
        intervalSeconds = try arguments.duration("interval")
        if let configPath = arguments.value("config") {
            for flag in ["aht", "sl", "asa", "shrinkage", "max-occupancy", "patience", "max-abandon", "concurrency", "aht-by-concurrency"] where arguments.has(flag) {
                throw .usage("--\(flag) cannot be combined with --config; the config gives the channel settings")
            }
            config = try PlanConfig.load(path: configPath)
            policy = nil
        } else {
            config = nil
            // Without --aht the forecast file's aht_seconds column gives the handle time (checked in run()).
            let givenAHT = try arguments.double("aht")
            guard givenAHT != nil || arguments.has("sl") || arguments.has("asa") || arguments.has("max-abandon") else {
                throw .usage("give --config FILE, or --aht with --sl or --asa")
            }
            if let aht = givenAHT, !(aht > 0 && aht <= 86_400) { throw .usage("--aht: expected a positive number of seconds up to 86400, got \(aht)") }
            let aht = givenAHT ?? 0
            let sl = try arguments.value("sl").map { text throws(CLIError) in
                do throws(ServiceLevelText.Invalid) { return try ServiceLevelText.parse(text) } catch { throw .usage("--sl: " + error.description) }
            }
            let asa = try arguments.double("asa")
            if let asa, asa <= 0 { throw .usage("--asa: expected a positive number of seconds, got \(asa)") }
            let patience = try arguments.double("patience")
            let maxAbandon = try arguments.double("max-abandon")
            if maxAbandon != nil, patience == nil { throw .usage("--max-abandon needs --patience") }
            guard sl != nil || asa != nil || maxAbandon != nil else { throw .usage("give a target: --sl P/T, --asa SECONDS or --max-abandon F") }
            let target = StaffingTarget(serviceLevel: sl?.fraction, targetSeconds: sl?.seconds ?? 0, maxASASeconds: asa,
                                        maxOccupancy: try arguments.double("max-occupancy"),
                                        shrinkage: try arguments.double("shrinkage") ?? 0,
                                        patienceSeconds: patience, maxAbandonRate: maxAbandon)
            let (concurrency, levels) = try ErlangCommand.concurrency(arguments, patience: patience)
            do throws(QueueingError) {
                policy = ChannelPolicy(ahtSeconds: concurrency == 1 ? levels?.first ?? aht : aht, target: try target.validated(),
                                       concurrency: concurrency, ahtByConcurrency: concurrency > 1 ? levels : nil,
                                       ahtConfigured: givenAHT != nil || levels != nil)
            } catch {
                if case let .invalidParameter(name, message) = error { throw .usage("--\(ErlangCommand.flag(for: name)): \(message)") }
                throw .queueing(error)
            }
        }
        if let text = arguments.value("staff-to") {
            guard let q = StaffTo(rawValue: text) else { throw .usage("--staff-to: expected p50, p80 or p95, got '\(text)'") }
            staffTo = q
        } else {
            staffTo = config?.staffTo ?? .p50
        }
        if let zone = arguments.value("timezone") {
            do { calendar = try PlanningCalendar(identifier: zone) } catch { throw .usage("--timezone: " + error.description) }
        } else {
            calendar = config?.calendar ?? .utc
        }
    }

    func run() throws(CLIError) {
        let file = try ForecastFile.read(path: forecastPath, calendar: calendar, needsIntervals: staffTo != .p50)
        var rows: [RequirementRow] = []
        let interval: Int
        if let given = intervalSeconds { interval = given } else { interval = try file.interval() }
        for forecast in file.forecasts {
            let policy: ChannelPolicy
            if let given = self.policy {
                policy = given
            } else if let config {
                policy = try config.policy(for: forecast.channel)
            } else {
                throw .usage("give --config FILE, or --aht with --sl or --asa")
            }
            let fileAHT = file.aht[forecast.channel]
            let complete = fileAHT.map { $0.allSatisfy { $0 != nil } } ?? false
            if !policy.ahtConfigured, !complete {
                let source = config == nil ? "--aht" : "channels.\(forecast.channel).aht_seconds in the config"
                if let missing = fileAHT?.firstIndex(where: { $0 == nil }) {
                    throw .usage("\(forecastPath): the \(forecast.channel) row at \(calendar.format(forecast.instants[missing])) has no aht_seconds; give \(source)")
                }
                throw .usage("\(forecastPath) has no aht_seconds column; give \(source)")
            }
            let aht = complete && policy.usesForecastAHT(available: true) ? fileAHT?.compactMap { $0 } : nil
            rows += try StaffingStep.staff(forecast, policy: policy, intervalSeconds: interval, staffTo: staffTo, aht: aht)
        }
        try core { () throws(CoreError) in try AtomicFile.write(RequirementsTable.csv(rows, calendar: calendar), to: outPath) }
    }
}

/// A forecast CSV read back: one ``Forecast`` per channel.
struct ForecastFile {
    var path: String
    var forecasts: [Forecast]
    /// Per channel, the optional `aht_seconds` column in the order of its forecast's instants
    /// (nil where the cell is empty); absent when the file has no such column.
    var aht: [String: [Double?]] = [:]

    static func read(path: String, calendar: PlanningCalendar, needsIntervals: Bool) throws(CLIError) -> ForecastFile {
        var csv = try HeadedCSV(path: path, expected: "timestamp,channel,forecast[,lo80,hi80,lo95,hi95][,aht_seconds]")
        let column = csv.column
        guard let timeColumn = column("timestamp"), let channelColumn = column("channel"), let meanColumn = column("forecast") else {
            throw csv.headerError("expected a header with timestamp, channel and forecast columns, got '\(csv.header.fields.joined(separator: ","))'")
        }
        let boundColumns = ["lo80", "hi80", "lo95", "hi95"].map(column)
        if needsIntervals, boundColumns.contains(where: { $0 == nil }) {
            throw csv.headerError("--staff-to p80/p95 needs the lo80,hi80,lo95,hi95 columns")
        }
        let ahtColumn = column("aht_seconds")
        let decimalComma = csv.allowsDecimalComma
        var byChannel: [String: [(Int64, [Double], Double?)]] = [:]
        var seen: [String: Int] = [:]
        while let record = try csv.next() {
            let instant = try csv.instant(record, timeColumn, calendar: calendar)
            let channel = record.fields[channelColumn]
            let key = "\(instant)|\(channel)"
            if let earlier = seen[key] {
                throw .core(.badData(record.location(ofField: timeColumn), "duplicate of line \(earlier): \(channel) at \(record.fields[timeColumn])"))
            }
            seen[key] = record.line
            var values: [Double] = []
            for index in [meanColumn] + boundColumns.map({ $0 ?? meanColumn }) {
                switch DecimalParser.parse(record.fields[index], allowDecimalComma: decimalComma) {
                case let .success(x) where x.isFinite && x >= 0 && x <= 1e9: values.append(x)
                default:
                    throw .core(.badData(record.location(ofField: index),
                                         "expected a non-negative number of contacts, got '\(record.fields[index])'"))
                }
            }
            var aht: Double? = nil
            if let ahtColumn, !record.fields[ahtColumn].isEmpty {
                switch DecimalParser.parse(record.fields[ahtColumn], allowDecimalComma: decimalComma) {
                case let .success(x) where x.isFinite && x > 0 && x <= 86_400: aht = x
                default:
                    throw .core(.badData(record.location(ofField: ahtColumn),
                                         "expected a positive average handle time in seconds up to 86400 (or empty), got '\(record.fields[ahtColumn])'"))
                }
            }
            byChannel[channel, default: []].append((instant, values, aht))
        }
        guard !byChannel.isEmpty else { throw .core(.badFile(path: path, "has a header but no forecast rows")) }
        let forecasts = byChannel.sorted { $0.key < $1.key }.map { channel, unsorted in
            let rows = unsorted.sorted { $0.0 < $1.0 }
            return Forecast(channel: channel, model: "file", instants: rows.map(\.0), mean: rows.map { $0.1[0] },
                            lo80: rows.map { $0.1[1] }, hi80: rows.map { $0.1[2] }, lo95: rows.map { $0.1[3] }, hi95: rows.map { $0.1[4] })
        }
        var aht: [String: [Double?]] = [:]
        if ahtColumn != nil {
            for (channel, unsorted) in byChannel { aht[channel] = unsorted.sorted { $0.0 < $1.0 }.map(\.2) }
        }
        return ForecastFile(path: path, forecasts: forecasts, aht: aht)
    }

    /// The interval of the file: the greatest common divisor of the gaps between consecutive rows
    /// of each channel (a channel with one row takes the others' interval).
    func interval() throws(CLIError) -> Int {
        var divisor: Int64 = 0
        for forecast in forecasts {
            for (a, b) in zip(forecast.instants, forecast.instants.dropFirst()) {
                var (x, y) = (b - a, divisor)
                while y != 0 { (x, y) = (y, x % y) }
                divisor = x
            }
        }
        guard divisor > 0, divisor <= 86_400, 86_400 % divisor == 0 else {
            throw .usage("\(path): cannot tell the interval from the timestamps; give --interval")
        }
        return Int(divisor)
    }
}
