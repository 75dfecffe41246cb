import Planning
import Scheduling
import StaffcastCore

/// `schedule.csv` and `coverage.csv`, as `plan` and `schedule` write them.
public enum ScheduleTable {
    /// `date,channel,shift_start,shift_end,break_start,break_end,agents`, one row per shift start
    /// and break placement, in a stable order. With `tours` (or when the schedule has tours), one
    /// row per working day of each tour and a last column `tour` naming it.
    public static func csv(_ schedule: Schedule, calendar: PlanningCalendar, tours: Bool = false) -> String {
        let tourColumn = tours || schedule.shifts.contains { $0.tour != nil }
        var table = CSVTable(
            header: ["date", "channel", "shift_start", "shift_end", "break_start", "break_end", "agents"]
                + (tourColumn ? ["tour"] : []))
        let sorted = schedule.shifts.sorted {
            ($0.date, $0.channel, $0.start, $0.end, $0.breakStart ?? 0) < (
                $1.date, $1.channel, $1.start, $1.end, $1.breakStart ?? 0
            )
                || (($0.date, $0.channel, $0.start, $0.end, $0.breakStart ?? 0) == (
                    $1.date, $1.channel, $1.start, $1.end, $1.breakStart ?? 0
                )
                    && ($0.tour ?? "") < ($1.tour ?? ""))
        }
        for shift in sorted {
            table.append(
                [
                    shift.date.description, shift.channel, calendar.format(shift.start), calendar.format(shift.end),
                    shift.breakStart.map(calendar.format) ?? "", shift.breakEnd.map(calendar.format) ?? "",
                    String(shift.agents),
                ] + (tourColumn ? [shift.tour ?? ""] : []))
        }
        return table.render()
    }

    /// `coverage.csv`: `timestamp,channel,required,scheduled,gap` and, with `serviceLevel`, a last
    /// column `service_level` (empty where the interval has none: deferred work, unplanned intervals).
    public static func coverageCSV(_ scores: [CoverageScore], calendar: PlanningCalendar, serviceLevel: Bool = true)
        -> String
    {
        var table = CSVTable(
            header: ["timestamp", "channel", "required", "scheduled", "gap"] + (serviceLevel ? ["service_level"] : []))
        for row in scores {
            var fields = [
                calendar.format(row.instant), row.channel, String(row.required), String(row.scheduled), String(row.gap),
            ]
            if serviceLevel { fields.append(row.serviceLevel.map { $0.isFinite ? Format.fraction($0) : "" } ?? "") }
            table.append(fields)
        }
        return table.render()
    }

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
