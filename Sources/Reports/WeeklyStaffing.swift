import StaffcastCore

/// One day of one channel in `weekly_staffing.csv`.
public struct WeeklyStaffingRow: Sendable, Equatable {
    public var date: CivilDate
    public var channel: String
    /// Expected contacts (sum of the forecast mean).
    public var contacts: Double
    /// Contacts × AHT, in hours: the pure handling work.
    public var workloadHours: Double
    /// Σ headcount × interval length: the agent-hours to schedule, shrinkage included.
    public var agentHoursRequired: Double
    /// The largest headcount of any interval of the day.
    public var headcountPeak: Int
    /// Agent-hours actually scheduled in shifts; nil until a schedule exists.
    public var scheduledHours: Double?
}

/// `weekly_staffing.csv`: `date,channel,contacts,workload_hours,agent_hours_required,
/// headcount_peak,scheduled_hours` — the per-day totals a planner publishes.
public enum WeeklyStaffing {
    public static let header = ["date", "channel", "contacts", "workload_hours", "agent_hours_required",
                                "headcount_peak", "scheduled_hours"]

    /// Totals per local date and channel of `rows`; every (date, channel) of `dates` × `channels`
    /// gets a row, zero for a closed day, so a closed channel still shows up.
    public static func summarize(_ rows: [RequirementRow], dates: [CivilDate], channels: [String],
                                 intervalSeconds: Int, calendar: PlanningCalendar) -> [WeeklyStaffingRow] {
        var byKey: [String: WeeklyStaffingRow] = [:]
        func key(_ date: CivilDate, _ channel: String) -> String { "\(date)|\(channel)" }
        for date in dates {
            for channel in channels {
                byKey[key(date, channel)] = WeeklyStaffingRow(date: date, channel: channel, contacts: 0, workloadHours: 0,
                                                              agentHoursRequired: 0, headcountPeak: 0, scheduledHours: nil)
            }
        }
        let intervalHours = Double(intervalSeconds) / 3600
        for row in rows {
            let date = calendar.local(row.instant).date
            guard var entry = byKey[key(date, row.channel)] else { continue }
            entry.contacts += row.meanContacts
            entry.workloadHours += row.meanContacts * row.ahtSeconds / 3600
            entry.agentHoursRequired += Double(row.staffing.headcount) * intervalHours
            entry.headcountPeak = max(entry.headcountPeak, row.staffing.headcount)
            byKey[key(date, row.channel)] = entry
        }
        return dates.flatMap { date in channels.sorted().compactMap { byKey[key(date, $0)] } }
    }

    public static func csv(_ rows: [WeeklyStaffingRow]) -> String {
        var table = CSVTable(header: header)
        for row in rows {
            table.append([row.date.description, row.channel, Format.volume(row.contacts), Format.seconds(row.workloadHours),
                          Format.seconds(row.agentHoursRequired), String(row.headcountPeak),
                          row.scheduledHours.map(Format.seconds) ?? ""])
        }
        return table.render()
    }
}
