import Foundation
import Queueing
import Scheduling
import StaffcastCore

/// `requirements.csv`, written and read back: `timestamp,channel,contacts,aht_seconds,agents,
/// headcount,service_level,asa_seconds,occupancy,abandon_rate` (abandon_rate empty where no patience
/// is modelled), then `service_level_at_mean`, `backlog`, `oldest_age_seconds` and `rule`, rows
/// sorted by instant then channel.
///
/// Deferred-work rows (e-mail, staffed to a deadline): service_level and service_level_at_mean are
/// the share handled within the deadline — 1 by construction of the plan —, asa_seconds and
/// abandon_rate are empty, and backlog / oldest_age_seconds give the contacts still waiting at the
/// end of the interval and the age of the oldest (both empty for queued channels).
///
/// Read back (as `schedule` and `review` do): headcount per channel and interval, with the
/// workload columns (`contacts`, `aht_seconds`) when present.
public struct RequirementsFile: Sendable {
    public static let fileName = "requirements.csv"

    /// The columns, in the order they are written.
    public enum Column: String, CaseIterable, Sendable {
        case timestamp, channel, contacts
        case ahtSeconds = "aht_seconds"
        case agents, headcount
        case serviceLevel = "service_level"
        case asaSeconds = "asa_seconds"
        case occupancy
        case abandonRate = "abandon_rate"
        case serviceLevelAtMean = "service_level_at_mean"
        case backlog
        case oldestAgeSeconds = "oldest_age_seconds"
        case rule
    }

    /// The file's text: the rows sorted by instant, then channel.
    public static func write(_ rows: [RequirementRow], calendar: PlanningCalendar) -> String {
        String(decoding: bytes(rows, calendar: calendar), as: UTF8.self)
    }

    /// The file's bytes (``write(_:calendar:)``'s text), for ``AtomicFile/write(_:to:)-([UInt8],_)``.
    public static func bytes(_ rows: [RequirementRow], calendar: PlanningCalendar) -> [UInt8] {
        // Sorted by instant, then channel: the channels by their rank among the names (the same
        // order as comparing the names, without comparing Strings n log n times).
        var numbers: [String: Int] = [:]
        var names: [String] = []
        var number = [Int](repeating: 0, count: rows.count)
        var last = (name: "", number: -1)
        for i in rows.indices {
            let name = rows[i].channel
            if last.number < 0 || name != last.name {
                if let known = numbers[name] {
                    last = (name, known)
                } else {
                    last = (name, names.count)
                    numbers[name] = names.count
                    names.append(name)
                }
            }
            number[i] = last.number
        }
        var rank = [Int](repeating: 0, count: names.count)
        for (position, k) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() { rank[k] = position }
        // One key per row, read once: comparing rows would copy them (and their Strings).
        let instants = rows.map(\.instant)
        let channelRanks = number.map { rank[$0] }
        let order = rows.indices.sorted {
            (instants[$0], channelRanks[$0]) < (instants[$1], channelRanks[$1])
        }
        // Formatting is most of the time: blocks of rows are formatted on every core, then joined in order.
        let chunk = 8192
        let blocks = Parallel.map((order.count + chunk - 1) / chunk, minimumChunk: 1) { block in
            var csv = CSVWriter(calendar: calendar, reservingRows: chunk)
            for i in order[(block * chunk)..<min(order.count, (block + 1) * chunk)] {
                let row = rows[i]
                let m = row.staffing.metrics
                csv.timestamp(row.instant)
                csv.text(row.channel)
                csv.volume(row.contacts)
                csv.seconds(row.ahtSeconds)
                csv.integer(row.staffing.agents)
                csv.integer(row.staffing.headcount)
                csv.fraction(m.serviceLevel)
                if row.isDeferred { csv.empty() } else { csv.seconds(m.asaSeconds) }
                csv.fraction(m.occupancy)
                if let rate = m.abandonRate { csv.fraction(rate) } else { csv.empty() }
                csv.fraction(row.serviceLevelAtMean)
                if let backlog = row.backlog { csv.volume(backlog) } else { csv.empty() }
                if let age = row.oldestAgeSeconds { csv.seconds(age) } else { csv.empty() }
                if let rule = row.rule { csv.text(rule.rawValue) } else { csv.empty() }
                csv.endRow()
            }
            return csv
        }
        var csv = CSVWriter(header: Column.allCases.map(\.rawValue), calendar: calendar)
        csv.append(blocks)
        return csv.bytes
    }

    public struct Key: Hashable, Sendable {
        public var channel: String
        public var instant: Int64
        public init(_ channel: String, _ instant: Int64) {
            self.channel = channel
            self.instant = instant
        }
    }
    public struct Row: Sendable {
        public var headcount: Int
        public var contacts: Double?
        public var ahtSeconds: Double?
    }

    public var path: String
    public var rows: [Key: Row]
    public var hasWorkload: Bool
    /// Each row's line, for errors about it.
    var lines: [Key: Int] = [:]
    /// The timestamp column (0-based).
    var timeColumn = 0

    /// `data`: the bytes of `path` already read (nil reads the file).
    public static func read(path: String, calendar: PlanningCalendar, data: Data? = nil) throws(PlanningError)
        -> RequirementsFile
    {
        var csv = try HeadedCSV(path: path, expected: "with timestamp, channel and headcount", data: data)
        func column(_ name: Column) -> Int? { csv.column(name.rawValue) }
        guard let timeColumn = column(.timestamp), let channelColumn = column(.channel),
            let headcountColumn = column(.headcount)
        else {
            throw csv.headerError(
                "expected a header with timestamp, channel and headcount columns, got '\(csv.header.fields.joined(separator: ","))'"
            )
        }
        let contactsColumn = column(.contacts)
        let ahtColumn = column(.ahtSeconds)
        let decimalComma = csv.allowsDecimalComma
        var rows: [Key: Row] = [:]
        var lines: [Key: Int] = [:]
        while let record = try csv.next() {
            let instant = try csv.instant(record, timeColumn, calendar: calendar)
            let key = Key(try csv.name(record, channelColumn), instant)
            if let earlier = lines[key] {
                throw .core(
                    .badData(
                        record.location(ofField: timeColumn),
                        "duplicate of line \(earlier): \(key.channel) at \(record.fields[timeColumn])"))
            }
            lines[key] = record.line
            let text = record.fields[headcountColumn].trimmingCharacters(in: .whitespaces)
            guard let headcount = Int(text), headcount >= 0, headcount <= 1_000_000 else {
                throw .core(
                    .badData(
                        record.location(ofField: headcountColumn),
                        "expected a whole, non-negative number of agents, got '\(record.fields[headcountColumn])'"))
            }
            // The bounds of the history and the config: contacts 0…1e9, AHT 1…86,400 s.
            func number(_ index: Int?, _ range: ClosedRange<Double>, _ what: String) throws(PlanningError) -> Double? {
                guard let index else { return nil }
                switch DecimalParser.parse(record.fields[index], allowDecimalComma: decimalComma) {
                case .success(let x) where x.isFinite && range.contains(x): return x
                default:
                    throw .core(
                        .badData(record.location(ofField: index), "expected \(what), got '\(record.fields[index])'"))
                }
            }
            rows[key] = Row(
                headcount: headcount,
                contacts: try number(contactsColumn, 0...1e9, "a number of contacts from 0 to 1e9"),
                ahtSeconds: try number(ahtColumn, 1...86_400, "an average handle time of 1 to 86400 seconds"))
        }
        guard !rows.isEmpty else { throw .core(.badFile(path: path, "has a header but no requirement rows")) }
        return RequirementsFile(
            path: path, rows: rows, hasWorkload: contactsColumn != nil && ahtColumn != nil, lines: lines,
            timeColumn: timeColumn)
    }

    /// The interval of the file (`given`, or the common spacing of its rows), every row on its grid.
    public func interval(given: Int?, calendar: PlanningCalendar) throws(PlanningError) -> Int {
        try HeadedCSV.grid(
            lines.map { (instant: $0.key.instant, channel: $0.key.channel, line: $0.value) }, given: given,
            calendar: calendar, path: path, column: timeColumn)
    }

    /// Requirements per channel and local day; intervals missing from the file need no agents.
    public func requirements(intervalSeconds interval: Int, calendar: PlanningCalendar) throws(PlanningError)
        -> [ChannelRequirement]
    {
        try ShiftCover.curves(
            rows.map { (channel: $0.key.channel, instant: $0.key.instant, headcount: $0.value.headcount) },
            intervalSeconds: interval, calendar: calendar, source: path)
    }

    /// Shifts covering the file's headcount at least cost, and the coverage of each of its rows.
    /// With `targetSeconds` and workload columns, every row's service level is re-scored by
    /// `CoverageScorer` (Erlang C: the file says nothing of patience or concurrency) with the
    /// scheduled heads net of `shrinkage`. Intervals no shift can work are an error naming them.
    public func schedule(
        templates: [ShiftTemplate], tours: Bool, intervalSeconds given: Int?, calendar: PlanningCalendar,
        targetSeconds: Double?, shrinkage: Double
    ) throws(PlanningError) -> (schedule: Schedule, coverage: [CoverageScore], scored: Bool) {
        let interval = try self.interval(given: given, calendar: calendar)
        try ShiftSettings.check(templates, intervalSeconds: interval, source: "--shifts/--start-every")
        let schedule = try ShiftCover.solve(
            try requirements(intervalSeconds: interval, calendar: calendar), templates: templates, tours: tours)
        let unreachable = schedule.uncovered.filter { $0.unreachable && rows[Key($0.channel, $0.instant)] != nil }
        if !unreachable.isEmpty {
            let listed = unreachable.prefix(5).map {
                "\($0.channel) \(calendar.format($0.instant)) needing \($0.required)"
            }
            throw .badData(
                "\(path): no shift can cover \(unreachable.count) open interval(s): "
                    + listed.joined(separator: ", ") + (unreachable.count > 5 ? ", …" : ""))
        }
        let scored = targetSeconds != nil && hasWorkload
        let target = StaffingTarget(serviceLevel: nil, targetSeconds: targetSeconds ?? 0, shrinkage: shrinkage)
        var coverage: [CoverageScore] = []
        for row in schedule.coverage.sorted(by: { ($0.instant, $0.channel) < ($1.instant, $1.channel) }) {
            guard let source = rows[Key(row.channel, row.instant)] else { continue }
            let serviceLevel =
                scored
                ? CoverageScorer.serviceLevel(
                    scheduled: row.scheduled, contacts: source.contacts ?? 0, ahtSeconds: source.ahtSeconds ?? 0,
                    intervalSeconds: interval, kind: .queue, target: target)
                : nil
            coverage.append(
                CoverageScore(
                    instant: row.instant, channel: row.channel, required: row.required,
                    scheduled: row.scheduled, serviceLevel: serviceLevel))
        }
        return (schedule, coverage, scored)
    }
}
