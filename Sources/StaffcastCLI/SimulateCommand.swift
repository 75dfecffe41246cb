import StaffcastCore
import Queueing
import Reports

/// `staffcast simulate`: a discrete-event check of a staffing plan against arrivals.
struct SimulateCommand: Command {
    static let name = "simulate"
    static let abstract = "simulate a staffing plan against arrivals: service level with a 95 % confidence interval"
    static let help = """
    --arrivals FILE --staffing FILE --aht SECONDS --sl-seconds T [--aht-cv F] [--patience SECONDS] [--seed N] [--replications R] [--departure finish|preempt] [--replay] [--timezone TZ] --out FILE|-

    Simulates one FIFO queue per channel, carried across interval boundaries: arrivals within
    each interval are Poisson at the interval's rate (or, with --replay, exactly the interval's
    count at uniform random times); handle times exponential with mean --aht, or lognormal with
    coefficient of variation --aht-cv; with --patience, callers hang up after an exponential
    patience. The staffing file gives the agents on duty per interval; after the last interval
    its staff stays on until the queue is empty. Intervals of the arrivals without a count are
    simulated as empty; every interval with contacts needs a staffing row. Seeded: the same inputs and --seed give the same
    bytes. Output per interval (means over replications, over the contacts arriving in it):
    timestamp,channel,offered,answered,abandoned,service_level,asa_seconds,occupancy.
    service_level = answered within T / offered (abandons never count as in time); asa_seconds =
    mean wait of answered contacts; occupancy = busy / staffed agent time. Standard output: per
    channel and overall, the service level with its 95 % confidence interval (Student t over
    the replications).

    When the staffing drops at an interval boundary, idle agents leave first; if too few are
    idle, the busy agents whose contacts would end last leave, so the agents who stay are the
    ones free soonest. --departure says what those busy leavers do:
      finish    (default) they finish the contact they are on and then leave, taking no new
                work; that overrun counts as staffed, busy time in the next interval
      preempt   they leave at the boundary; their contacts go back to the head of the queue and
                the next free agent resumes them with the work left

      --arrivals FILE       history CSV: timestamp,channel,contacts or timestamp,<value> (one channel)
      --staffing FILE       CSV timestamp[,channel],agents (without channel: the arrivals' only channel)
      --aht SECONDS         mean handle time in seconds
      --aht-cv F            coefficient of variation of handle times: lognormal (default: exponential, CV 1)
      --patience SECONDS    mean patience before hanging up, exponential (default: nobody hangs up)
      --sl-seconds T        service-level threshold in seconds
      --seed N              random seed, 0 to 18446744073709551615 (default 1)
      --replications R      independent replications, 1 to 100000 (default 10)
      --departure MODE      finish (default) or preempt: see above
      --replay              replay the exact counts instead of Poisson arrivals
      --timezone TZ         IANA zone for timestamps without offset and for the output (default UTC)
      --out FILE|-          output CSV
    """
    static let options = [OptionSpec("arrivals"), OptionSpec("staffing"), OptionSpec("aht"), OptionSpec("aht-cv"),
                          OptionSpec("patience"), OptionSpec("sl-seconds"), OptionSpec("seed"), OptionSpec("replications"),
                          OptionSpec("departure"), OptionSpec("replay", value: false), OptionSpec("timezone"), OptionSpec("out")]

    let arrivalsPath: String
    let staffingPath: String
    let outPath: String
    let calendar: PlanningCalendar
    /// Everything but the intervals, checked once here so bad flags fail before any reading.
    let template: SimulationSetup

    init(_ arguments: ParsedArguments) throws(CLIError) {
        arrivalsPath = try arguments.required("arrivals")
        staffingPath = try arguments.required("staffing")
        outPath = try arguments.required("out")
        guard let aht = try arguments.double("aht") else { throw .usage("missing required option --aht") }
        guard aht > 0, aht <= 86_400 else { throw .usage("--aht: expected a positive number of seconds up to 86400, got \(aht)") }
        guard let target = try arguments.double("sl-seconds") else { throw .usage("missing required option --sl-seconds") }
        let handleTime: SimulationSetup.HandleTime
        if let cv = try arguments.double("aht-cv") {
            handleTime = .lognormal(meanSeconds: aht, cv: cv)
        } else {
            handleTime = .exponential(meanSeconds: aht)
        }
        var seed: UInt64 = 1
        if let text = arguments.value("seed") {
            guard let value = UInt64(text) else { throw .usage("--seed: expected a whole number from 0 to \(UInt64.max), got '\(text)'") }
            seed = value
        }
        let replications = try arguments.integer("replications", range: 1...SimulationSetup.maximumReplications) ?? 10
        var departure = SimulationSetup.Departure.finish
        if let text = arguments.value("departure") {
            guard let value = SimulationSetup.Departure(rawValue: text) else {
                throw .usage("--departure: expected finish or preempt, got '\(text)'")
            }
            departure = value
        }
        do { calendar = try PlanningCalendar(identifier: arguments.value("timezone") ?? "UTC") } catch {
            throw .usage("--timezone: " + error.description)
        }
        let setup = SimulationSetup(intervalSeconds: 1800, contacts: [], agents: [], handleTime: handleTime,
                                    patienceSeconds: try arguments.double("patience"), targetSeconds: target,
                                    arrivals: arguments.has("replay") ? .replay : .poisson, departure: departure,
                                    seed: seed, replications: replications)
        do throws(QueueingError) { template = try setup.validated() } catch {
            if case let .invalidParameter(name, message) = error { throw .usage("--\(Self.flag(for: name)): \(message)") }
            throw .queueing(error)
        }
    }

    static func flag(for field: String) -> String {
        ["aht_seconds": "aht", "aht_cv": "aht-cv", "patience_seconds": "patience", "target_seconds": "sl-seconds",
         "replications": "replications"][field] ?? field
    }

    func run() throws(CLIError) {
        let history = try core { () throws(CoreError) in
            try HistoryReader.read(path: arrivalsPath, options: HistoryReadOptions(calendar: calendar))
        }
        for warning in history.warnings { Console.error("warning: \(warning)\n") }
        let staffing = try StaffingFile.read(path: staffingPath, calendar: calendar, channels: history.channels)
        var rows: [(instant: Int64, channel: String, fields: [String])] = []
        var pooledOffered = [Double](repeating: 0, count: template.replications)
        var pooledInTime = pooledOffered
        var summary = ""
        var matched = 0
        for series in history.series {
            var setup = template
            setup.intervalSeconds = Double(series.intervalSeconds)
            setup.seed = Self.channelSeed(template.seed, channel: series.channel)
            setup.contacts = []
            setup.agents = []
            for (index, count) in series.contacts.enumerated() {
                let instant = series.start + Int64(index * series.intervalSeconds)
                let contacts = count ?? 0
                let agents = staffing.agents[StaffingFile.Key(instant: instant, channel: series.channel)]
                if agents != nil { matched += 1 }
                if agents == nil, contacts > 0 {
                    throw .badData("\(staffingPath): no staffing for \(series.channel) at \(calendar.format(instant)), "
                                   + "where \(arrivalsPath) has \(Format.volume(contacts)) contacts")
                }
                setup.contacts.append(contacts)
                setup.agents.append(agents ?? 0)
            }
            let result = try queueing { () throws(QueueingError) in try Simulator.run(setup) }
            for (index, interval) in result.intervals.enumerated() {
                let instant = series.start + Int64(index * series.intervalSeconds)
                rows.append((instant, series.channel, [
                    calendar.format(instant), series.channel, Format.volume(interval.offered), Format.volume(interval.answered),
                    Format.volume(interval.abandoned), Format.fraction(interval.serviceLevel), Format.seconds(interval.asaSeconds),
                    Format.fraction(interval.occupancy),
                ]))
            }
            for r in 0..<template.replications {
                pooledOffered[r] += result.replicationOffered[r]
                pooledInTime[r] += result.replicationAnsweredWithinTarget[r]
            }
            summary += Self.line(label: series.channel, result.serviceLevel, offered: result.offered,
                                 abandoned: template.patienceSeconds == nil ? nil : result.abandoned,
                                 replications: template.replications)
        }
        guard matched > 0 else {
            throw .badData("\(staffingPath): no row matches an interval of \(arrivalsPath) (check the timestamps, channels and --timezone)")
        }
        if history.series.count > 1 {
            let levels = zip(pooledInTime, pooledOffered).map { $1 > 0 ? $0 / $1 : 1 }
            summary += Self.line(label: "overall", ConfidenceInterval(samples: levels),
                                 offered: pooledOffered.reduce(0, +) / Double(template.replications), abandoned: nil,
                                 replications: template.replications)
        }
        rows.sort { ($0.instant, $0.channel) < ($1.instant, $1.channel) }
        let table = CSVTable(header: ["timestamp", "channel", "offered", "answered", "abandoned", "service_level",
                                      "asa_seconds", "occupancy"], rows: rows.map(\.fields))
        try core { () throws(CoreError) in try AtomicFile.write(table.render(), to: outPath) }
        if outPath == "-" { Console.error(summary) } else { Console.out(summary) }
    }

    /// "phone: service level 0.8841 (95 % CI 0.8790 to 0.8892; 10 replications), offered 4800.2 per replication, abandoned 1.20 %"
    static func line(label: String, _ level: ConfidenceInterval, offered: Double, abandoned: Double?, replications: Int) -> String {
        func four(_ x: Double) -> String { NumberFormat.plain(x, maxFractionDigits: 4, minFractionDigits: 4) }
        var text = "\(label): service level \(four(level.mean))"
        if replications > 1 {
            text += " (95 % CI \(four(max(0, level.lower))) to \(four(min(1, level.upper))); \(replications) replications)"
        } else {
            text += " (one replication: no confidence interval; use --replications)"
        }
        text += ", offered \(Format.volume(offered))" + (replications > 1 ? " per replication" : "")
        if let abandoned, offered > 0 { text += ", abandoned \(NumberFormat.plain(100 * abandoned / offered, maxFractionDigits: 2)) %" }
        return text + "\n"
    }

    /// Each channel its own stream, stable across runs and platforms (FNV-1a of the name, not
    /// Swift's per-process hash).
    static func channelSeed(_ seed: UInt64, channel: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in channel.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var mixer = SplitMix64(seed: seed ^ hash)
        return mixer.next()
    }
}

/// The staffing plan read from `timestamp[,channel],agents`.
struct StaffingFile {
    struct Key: Hashable {
        var instant: Int64
        var channel: String
    }

    var agents: [Key: Int]

    static func read(path: String, calendar: PlanningCalendar, channels: [String]) throws(CLIError) -> StaffingFile {
        var csv = try HeadedCSV(path: path, expected: "timestamp[,channel],agents")
        guard let timeColumn = csv.column("timestamp"), let agentsColumn = csv.column("agents") else {
            throw csv.headerError("expected a header with timestamp and agents columns (and channel), got '\(csv.header.fields.joined(separator: ","))'")
        }
        let channelColumn = csv.column("channel")
        if channelColumn == nil, channels.count != 1 {
            throw csv.headerError("the arrivals have \(channels.count) channels (\(channels.joined(separator: ", "))); add a channel column")
        }
        var agents: [Key: Int] = [:]
        var lines: [Key: Int] = [:]
        while let record = try csv.next() {
            let instant = try csv.instant(record, timeColumn, calendar: calendar)
            let channel = channelColumn.map { record.fields[$0] } ?? channels[0]
            let text = record.fields[agentsColumn].trimmingCharacters(in: .whitespaces)
            guard let count = Int(text), count >= 0, count <= QueueingLimits.maximumAgents else {
                throw .core(.badData(record.location(ofField: agentsColumn),
                                     "expected a whole number of agents from 0 to \(QueueingLimits.maximumAgents), got '\(text)'"))
            }
            let key = Key(instant: instant, channel: channel)
            if let earlier = lines[key] {
                throw .core(.badData(record.location(ofField: timeColumn), "duplicate of line \(earlier): \(channel) at \(record.fields[timeColumn])"))
            }
            lines[key] = record.line
            agents[key] = count
        }
        guard !agents.isEmpty else { throw .core(.badFile(path: path, "has a header but no staffing rows")) }
        return StaffingFile(agents: agents)
    }
}
