import Planning
import Queueing
import StaffcastCore

/// `staffcast reforecast`'s CSV and summary.
public enum ReforecastTable {
    /// `timestamp,channel,planned_forecast,reforecast,required_agents,scheduled_agents,short_agents`
    /// for the rest of today and tomorrow, sorted by instant then channel; agents are on the
    /// phones (scheduled heads net of shrinkage); required and short are empty for deferred work.
    public static func csv(_ result: Reforecast.Result, calendar: PlanningCalendar) -> String {
        var table = CSVTable(header: [
            "timestamp", "channel", "planned_forecast", "reforecast", "required_agents", "scheduled_agents",
            "short_agents",
        ])
        for row in result.channels.flatMap(\.rows).sorted(by: { ($0.instant, $0.channel) < ($1.instant, $1.channel) }) {
            table.append([
                calendar.format(row.instant), row.channel, Format.volume(row.planned), Format.volume(row.reforecast),
                row.requiredAgents.map(String.init) ?? "", String(row.scheduledAgents),
                row.shortAgents.map(String.init) ?? "",
            ])
        }
        return table.render()
    }

    /// Per channel: the factor, what it rests on, and the shortfall.
    public static func summary(_ result: Reforecast.Result, calendar: PlanningCalendar) -> String {
        func factor(_ x: Double) -> String { NumberFormat.plain(x, maxFractionDigits: 3, minFractionDigits: 3) }
        var text = ""
        for channel in result.channels {
            let ratio =
                channel.plannedSoFar > 0
                ? " (actual/plan so far \(factor(channel.actualSoFar / channel.plannedSoFar)) over \(channel.knownIntervals) interval(s))"
                : " (no actuals so far)"
            text +=
                "\(channel.channel): level factor \(factor(channel.factor)) for the rest of \(result.today)\(ratio), \(factor(channel.tomorrowFactor)) for \(result.tomorrow); "
            if channel.rows.isEmpty {
                text += "no open interval left today or tomorrow\n"
            } else if channel.rows.contains(where: { $0.shortAgents != nil }) {
                let heads = Headcount.scheduled(agents: channel.maxShort, shrinkage: channel.shrinkage)
                text +=
                    "\(channel.shortIntervals) of \(channel.rows.count) interval(s) short, by at most \(channel.maxShort) agent(s) (\(heads) head(s) at \(NumberFormat.plain(100 * channel.shrinkage, maxFractionDigits: 2)) % shrinkage), "
                text +=
                    "\(NumberFormat.plain(result.shortAgentHours(channel), maxFractionDigits: 1)) agent-hours short\n"
            } else {
                text += "not re-staffed (deferred work: its plan needs the backlog waiting now)\n"
            }
        }
        return text
    }
}
