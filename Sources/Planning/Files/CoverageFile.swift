import Foundation
import StaffcastCore

/// A coverage CSV of a published plan read back: the heads on duty per channel and interval —
/// `coverage.csv` (`timestamp,channel,required,scheduled,gap[,service_level]`, heads the shifts
/// put on the phones, breaks already taken out) or `roster_coverage.csv`
/// (`timestamp,channel,required,rostered,gap`, named agents).
public struct CoverageFile: Sendable {
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
        let name = csv.column("scheduled") != nil ? "scheduled" : "rostered"
        guard let timeColumn = csv.column("timestamp"), let channelColumn = csv.column("channel"),
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
