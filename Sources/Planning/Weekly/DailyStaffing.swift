import StaffcastCore

/// One day of one channel: the totals a planner publishes (`weekly_staffing.csv`).
public struct DailyStaffing: Sendable, Equatable {
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

    public init(
        date: CivilDate, channel: String, contacts: Double, workloadHours: Double, agentHoursRequired: Double,
        headcountPeak: Int, scheduledHours: Double? = nil
    ) {
        self.date = date
        self.channel = channel
        self.contacts = contacts
        self.workloadHours = workloadHours
        self.agentHoursRequired = agentHoursRequired
        self.headcountPeak = headcountPeak
        self.scheduledHours = scheduledHours
    }

    /// Totals per local date and channel of `rows`; every (date, channel) of `dates` × `channels`
    /// gets a row, zero for a closed day, so a closed channel still shows up. Rows are in date
    /// order, channels sorted within a date.
    public static func summarize(
        _ rows: [RequirementRow], dates: [CivilDate], channels: [String],
        intervalSeconds: Int, calendar: PlanningCalendar
    ) -> [DailyStaffing] {
        var byKey: [String: DailyStaffing] = [:]
        func key(_ date: CivilDate, _ channel: String) -> String { "\(date)|\(channel)" }
        for date in dates {
            for channel in channels {
                byKey[key(date, channel)] = DailyStaffing(
                    date: date, channel: channel, contacts: 0, workloadHours: 0,
                    agentHoursRequired: 0, headcountPeak: 0)
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
}
