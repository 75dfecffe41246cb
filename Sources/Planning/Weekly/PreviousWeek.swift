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
        guard
            let published = try PublishedWeekFolder.open(
                outputFolder: outputFolder, week: week.previous, calendar: calendar,
                purpose: "its shifts cannot be counted")
        else { return nil }
        let label = published.label
        let folder = published.folder
        let schedulePath = folder + "/" + ScheduleFile.fileName
        let schedule = try published.read(
            ScheduleFile.fileName,
            why:
                "the previous week's schedule was changed after it was published, so its night shifts cannot be trusted as this week's coverage"
        )
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
