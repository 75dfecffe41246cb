import Planning
import Scheduling
import StaffcastCore

/// What `schedule` prints about a schedule (its files are `ScheduleFile` and `CoverageFile`).
public enum ScheduleTable {
    /// The solver summary printed on stdout.
    public static func summary(_ schedule: Schedule) -> String {
        var text =
            "LP lower bound: \(Format.volume(schedule.lowerBound)) agent-hours (LP optimum \(Format.volume(schedule.lpOptimum)))\n"
        text += "agent-hours: \(Format.volume(schedule.agentHours))\n"
        text += "gap: \(NumberFormat.plain(schedule.gap * 100, maxFractionDigits: 2)) %\n"
        if !schedule.uncovered.isEmpty {
            text += "short: \(schedule.totalShortfall) agent-intervals in \(schedule.uncovered.count) intervals\n"
        }
        return text
    }
}
