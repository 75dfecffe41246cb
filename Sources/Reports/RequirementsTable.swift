import StaffcastCore
import Queueing

/// One interval of one channel, staffed.
public struct RequirementRow: Sendable, Equatable {
    public var instant: Int64
    public var channel: String
    /// Contacts the interval was staffed for (the mean, or the chosen quantile).
    public var contacts: Double
    /// The forecast mean, when staffing was to a higher quantile.
    public var meanContacts: Double
    public var ahtSeconds: Double
    public var staffing: Staffing
    /// Expected service level if the mean forecast arrives with `staffing.agents` agents.
    public var serviceLevelAtMean: Double

    public init(instant: Int64, channel: String, contacts: Double, meanContacts: Double, ahtSeconds: Double,
                staffing: Staffing, serviceLevelAtMean: Double) {
        self.instant = instant; self.channel = channel; self.contacts = contacts; self.meanContacts = meanContacts
        self.ahtSeconds = ahtSeconds; self.staffing = staffing; self.serviceLevelAtMean = serviceLevelAtMean
    }
}

/// `requirements.csv`: `timestamp,channel,contacts,aht_seconds,agents,headcount,service_level,
/// asa_seconds,occupancy,abandon_rate` (abandon_rate empty where no patience is modelled), then
/// `service_level_at_mean`.
public enum RequirementsTable {
    public static let header = ["timestamp", "channel", "contacts", "aht_seconds", "agents", "headcount",
                                "service_level", "asa_seconds", "occupancy", "abandon_rate", "service_level_at_mean"]

    public static func csv(_ rows: [RequirementRow], calendar: PlanningCalendar) -> String {
        var table = CSVTable(header: header)
        for row in rows.sorted(by: { ($0.instant, $0.channel) < ($1.instant, $1.channel) }) {
            let m = row.staffing.metrics
            table.append([calendar.format(row.instant), row.channel, Format.volume(row.contacts),
                          Format.seconds(row.ahtSeconds), String(row.staffing.agents), String(row.staffing.headcount),
                          Format.fraction(m.serviceLevel), Format.seconds(m.asaSeconds), Format.fraction(m.occupancy),
                          m.abandonRate.map(Format.fraction) ?? "", Format.fraction(row.serviceLevelAtMean)])
        }
        return table.render()
    }
}
