import Planning
import StaffcastCore

/// `weekly_staffing.csv`: `date,channel,contacts,workload_hours,agent_hours_required,
/// headcount_peak,scheduled_hours` — the per-day totals a planner publishes (`DailyStaffing`).
public enum WeeklyStaffing {
    public static let header = [
        "date", "channel", "contacts", "workload_hours", "agent_hours_required",
        "headcount_peak", "scheduled_hours",
    ]

    public static func csv(_ rows: [DailyStaffing]) -> String {
        var table = CSVTable(header: header)
        for row in rows {
            table.append([
                row.date.description, row.channel, Format.volume(row.contacts), Format.seconds(row.workloadHours),
                Format.seconds(row.agentHoursRequired), String(row.headcountPeak),
                row.scheduledHours.map(Format.seconds) ?? "",
            ])
        }
        return table.render()
    }
}
