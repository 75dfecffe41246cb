import Foundation
import Queueing
import Scheduling
import StaffcastCore

/// A requirements CSV read back (as `staff` writes it): headcount per channel and interval, with
/// the workload columns (`contacts`, `aht_seconds`) when present.
public struct RequirementsFile: Sendable {
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
        let column = csv.column
        guard let timeColumn = column("timestamp"), let channelColumn = column("channel"),
            let headcountColumn = column("headcount")
        else {
            throw csv.headerError(
                "expected a header with timestamp, channel and headcount columns, got '\(csv.header.fields.joined(separator: ","))'"
            )
        }
        let contactsColumn = column("contacts")
        let ahtColumn = column("aht_seconds")
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
