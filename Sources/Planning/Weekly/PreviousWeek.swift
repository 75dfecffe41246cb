import Foundation
import StaffcastCore

/// The published plan of the week before, as far as this week needs it: its shifts that run past
/// its end into this week (its Sunday-night shifts), whose heads are coverage already bought.
///
/// Read from the output folder the cron job publishes into (`DIR/YYYY-Www/` of the week before):
/// the manifest must name that week and the site's zone, and `schedule.csv` must have the SHA-256
/// the manifest records — an edited or foreign plan is refused rather than trusted.
public struct PreviousWeek: Sendable {
    public var label: String
    public var folder: String
    /// Heads on duty per channel and interval of this week from the shifts of the week before
    /// (agents on break not counted).
    public var carriedIn: [RequirementsFile.Key: Int]
    /// The shifts of the week before that reach into this week.
    public var shiftsReachingIn: Int

    /// The plan of `week.previous` in `outputFolder`, nil when there is none.
    static func read(outputFolder: String, week: PlanWeek, calendar: PlanningCalendar, intervalSeconds: Int)
        throws(PlanningError) -> PreviousWeek?
    {
        let label = week.previous.label
        let folder = outputFolder + "/" + label
        let manifestPath = folder + "/" + PlanManifestFile.fileName
        guard FileManager.default.fileExists(atPath: manifestPath) else { return nil }
        let manifest = try core { () throws(CoreError) in try InputFile.read(manifestPath, maximumBytes: 64 << 20) }
        guard let object = (try? JSONSerialization.jsonObject(with: manifest.data)) as? [String: Any] else {
            throw .config(path: manifestPath, key: "(file)", message: "not a plan manifest (expected a JSON object)")
        }
        let fields = JSONFields(path: manifestPath)
        let written = try fields.string(object, PlanManifestFile.Key.week.rawValue, at: "")
        guard written == label else {
            throw fields.error(
                PlanManifestFile.Key.week.rawValue, "expected \(label) (the folder's week), got '\(written)'")
        }
        let zone = try fields.string(object, PlanManifestFile.Key.timeZone.rawValue, at: "")
        guard zone == calendar.identifier else {
            throw fields.error(
                PlanManifestFile.Key.timeZone.rawValue,
                "the week before was planned in \(zone), this week in \(calendar.identifier): its shifts cannot be counted"
            )
        }
        let schedulePath = folder + "/" + ScheduleFile.fileName
        let schedule = try core { () throws(CoreError) in try InputFile.read(schedulePath) }
        let hashes = try PublishedPlan.outputHashes(object, fields: fields)
        guard let expected = hashes[ScheduleFile.fileName], expected.lowercased() == schedule.sha256 else {
            throw .core(
                .badFile(
                    path: schedulePath,
                    "its SHA-256 differs from the one \(manifestPath) records: the previous week's schedule was changed after it was published, so its night shifts cannot be trusted as this week's coverage"
                ))
        }
        let weekStart = week.start(in: calendar)
        let step = Int64(intervalSeconds)
        var carried: [RequirementsFile.Key: Int] = [:]
        var reaching = 0
        for row in try ScheduleFile.read(path: schedulePath, calendar: calendar, data: schedule.data)
        where row.end > weekStart {
            reaching += 1
            var t = max(row.start, weekStart)
            // On the week's grid: the interval holding t onward.
            t = weekStart + ((t - weekStart) / step) * step
            while t < row.end {
                let onBreak = row.breakStart.map { b in t >= b && t < (row.breakEnd ?? b) } ?? false
                if !onBreak { carried[RequirementsFile.Key(row.channel, t), default: 0] += row.agents }
                t += step
            }
        }
        return PreviousWeek(label: label, folder: folder, carriedIn: carried, shiftsReachingIn: reaching)
    }
}
