import StaffcastCore
import Queueing
import Planning

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
