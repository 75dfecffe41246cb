import Foundation
import Rostering
import StaffcastCore

/// A coverage CSV of a published plan read back: the heads on duty per channel and interval —
/// `coverage.csv` (`timestamp,channel,required,scheduled,gap[,service_level]`, heads the shifts
/// put on the phones, breaks already taken out) or `roster_coverage.csv`
/// (`timestamp,channel,required,rostered,gap`, named agents).
public struct CoverageFile: Sendable {
    public static let fileName = "coverage.csv"
    public static let rosterFileName = "roster_coverage.csv"

    /// The columns of both files, in the order they are written.
    public enum Column: String, CaseIterable, Sendable {
        case timestamp, channel, required, scheduled, rostered, gap
        case serviceLevel = "service_level"
        case carriedIn = "carried_in"
    }

    /// `coverage.csv`: `timestamp,channel,required,scheduled,gap` and, with `serviceLevel`, a
    /// column `service_level` (empty where the interval has none: deferred work, unplanned
    /// intervals); when the previous week's shifts run into the week, a last column `carried_in`:
    /// how many of the scheduled heads they bring. Rows in the order given.
    public static func write(_ scores: [CoverageScore], calendar: PlanningCalendar, serviceLevel: Bool = true)
        -> String
    {
        let carried = scores.contains { $0.carriedIn > 0 }
        let columns: [Column] =
            [.timestamp, .channel, .required, .scheduled, .gap] + (serviceLevel ? [.serviceLevel] : [])
            + (carried ? [.carriedIn] : [])
        var table = CSVTable(header: columns.map(\.rawValue))
        for row in scores {
            var fields = [
                calendar.format(row.instant), row.channel, String(row.required), String(row.scheduled), String(row.gap),
            ]
            if serviceLevel { fields.append(row.serviceLevel.map { $0.isFinite ? Format.fraction($0) : "" } ?? "") }
            if carried { fields.append(String(row.carriedIn)) }
            table.append(fields)
        }
        return table.render()
    }

    /// `roster_coverage.csv`: `timestamp,channel,required,rostered,gap`, the roster's named agents.
    public static func write(roster coverage: [ChannelCoverage], calendar: PlanningCalendar) -> String {
        var table = CSVTable(header: [Column.timestamp, .channel, .required, .rostered, .gap].map(\.rawValue))
        for row in coverage {
            table.append([
                calendar.format(row.instant), row.channel, String(row.required), String(row.rostered),
                String(row.rostered - row.required),
            ])
        }
        return table.render()
    }

    public var path: String
    /// Heads on duty (before shrinkage), by channel and instant.
    public var heads: [RequirementsFile.Key: Int]
    /// The column the heads came from: `scheduled` or `rostered`.
    public var column: String

    /// `data`: the bytes of `path` already read (nil reads the file).
    public static func read(path: String, calendar: PlanningCalendar, data: Data? = nil) throws(PlanningError)
        -> CoverageFile
    {
        var csv = try HeadedCSV(
            path: path, expected: "timestamp,channel,required,scheduled (or rostered),gap", data: data)
        let name = (csv.column(Column.scheduled.rawValue) != nil ? Column.scheduled : .rostered).rawValue
        guard let timeColumn = csv.column(Column.timestamp.rawValue),
            let channelColumn = csv.column(Column.channel.rawValue),
            let headsColumn = csv.column(name)
        else {
            throw csv.headerError(
                "expected a header with timestamp, channel and scheduled (or rostered) columns, got '\(csv.header.fields.joined(separator: ","))'"
            )
        }
        var heads: [RequirementsFile.Key: Int] = [:]
        var lines: [RequirementsFile.Key: Int] = [:]
        while let record = try csv.next() {
            let key = RequirementsFile.Key(
                try csv.name(record, channelColumn), try csv.instant(record, timeColumn, calendar: calendar))
            if let earlier = lines[key] {
                throw .core(
                    .badData(
                        record.location(ofField: timeColumn),
                        "duplicate of line \(earlier): \(key.channel) at \(record.fields[timeColumn])"))
            }
            let text = record.fields[headsColumn].trimmingCharacters(in: .whitespaces)
            guard let count = Int(text), count >= 0, count <= 1_000_000 else {
                throw .core(
                    .badData(
                        record.location(ofField: headsColumn),
                        "expected a whole, non-negative number of agents, got '\(record.fields[headsColumn])'"))
            }
            lines[key] = record.line
            heads[key] = count
        }
        return CoverageFile(path: path, heads: heads, column: name)
    }
}
