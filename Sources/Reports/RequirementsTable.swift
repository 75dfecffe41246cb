import Planning
import Queueing
import StaffcastCore

/// `requirements.csv`: `timestamp,channel,contacts,aht_seconds,agents,headcount,service_level,
/// asa_seconds,occupancy,abandon_rate` (abandon_rate empty where no patience is modelled), then
/// `service_level_at_mean`, `backlog`, `oldest_age_seconds`.
///
/// Deferred-work rows (email, staffed to a deadline): service_level and service_level_at_mean are
/// the share handled within the deadline — 1 by construction of the plan —, asa_seconds and
/// abandon_rate are empty, and backlog / oldest_age_seconds give the contacts still waiting at the
/// end of the interval and the age of the oldest (both empty for queued channels).
public enum RequirementsTable {
    public static let header = [
        "timestamp", "channel", "contacts", "aht_seconds", "agents", "headcount",
        "service_level", "asa_seconds", "occupancy", "abandon_rate", "service_level_at_mean",
        "backlog", "oldest_age_seconds", "rule",
    ]

    public static func csv(_ rows: [RequirementRow], calendar: PlanningCalendar) -> String {
        let order = rows.indices.sorted { (rows[$0].instant, rows[$0].channel) < (rows[$1].instant, rows[$1].channel) }
        let sorted = order.map { rows[$0] }
        // Formatting is most of the time: the rows are formatted on every core, in order.
        let table = CSVTable(
            header: header,
            rows: Parallel.map(sorted.count) { i in
                let row = sorted[i]
                let m = row.staffing.metrics
                return [
                    calendar.format(row.instant), row.channel, Format.volume(row.contacts),
                    Format.seconds(row.ahtSeconds), String(row.staffing.agents), String(row.staffing.headcount),
                    Format.fraction(m.serviceLevel), row.isDeferred ? "" : Format.seconds(m.asaSeconds),
                    Format.fraction(m.occupancy),
                    m.abandonRate.map(Format.fraction) ?? "", Format.fraction(row.serviceLevelAtMean),
                    row.backlog.map(Format.volume) ?? "", row.oldestAgeSeconds.map(Format.seconds) ?? "",
                    row.rule?.rawValue ?? "",
                ]
            })
        return table.render()
    }
}
