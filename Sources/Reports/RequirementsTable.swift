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
    /// Deferred work only: contacts waiting at the end of the interval (nil for a queued channel).
    public var backlog: Double?
    /// Deferred work only: age in seconds of the oldest contact waiting at the end of the interval.
    public var oldestAgeSeconds: Double?

    /// True for a deferred-work row (email): staffed to a deadline, no ASA.
    public var isDeferred: Bool { backlog != nil }

    public init(instant: Int64, channel: String, contacts: Double, meanContacts: Double, ahtSeconds: Double,
                staffing: Staffing, serviceLevelAtMean: Double, backlog: Double? = nil, oldestAgeSeconds: Double? = nil) {
        self.instant = instant; self.channel = channel; self.contacts = contacts; self.meanContacts = meanContacts
        self.ahtSeconds = ahtSeconds; self.staffing = staffing; self.serviceLevelAtMean = serviceLevelAtMean
        self.backlog = backlog; self.oldestAgeSeconds = oldestAgeSeconds
    }
}

/// `requirements.csv`: `timestamp,channel,contacts,aht_seconds,agents,headcount,service_level,
/// asa_seconds,occupancy,abandon_rate` (abandon_rate empty where no patience is modelled), then
/// `service_level_at_mean`, `backlog`, `oldest_age_seconds`.
///
/// Deferred-work rows (email, staffed to a deadline): service_level and service_level_at_mean are
/// the share handled within the deadline — 1 by construction of the plan —, asa_seconds and
/// abandon_rate are empty, and backlog / oldest_age_seconds give the contacts still waiting at the
/// end of the interval and the age of the oldest (both empty for queued channels).
public enum RequirementsTable {
    public static let header = ["timestamp", "channel", "contacts", "aht_seconds", "agents", "headcount",
                                "service_level", "asa_seconds", "occupancy", "abandon_rate", "service_level_at_mean",
                                "backlog", "oldest_age_seconds"]

    public static func csv(_ rows: [RequirementRow], calendar: PlanningCalendar) -> String {
        var table = CSVTable(header: header)
        for row in rows.sorted(by: { ($0.instant, $0.channel) < ($1.instant, $1.channel) }) {
            let m = row.staffing.metrics
            table.append([calendar.format(row.instant), row.channel, Format.volume(row.contacts),
                          Format.seconds(row.ahtSeconds), String(row.staffing.agents), String(row.staffing.headcount),
                          Format.fraction(m.serviceLevel), row.isDeferred ? "" : Format.seconds(m.asaSeconds),
                          Format.fraction(m.occupancy),
                          m.abandonRate.map(Format.fraction) ?? "", Format.fraction(row.serviceLevelAtMean),
                          row.backlog.map(Format.volume) ?? "", row.oldestAgeSeconds.map(Format.seconds) ?? ""])
        }
        return table.render()
    }
}
