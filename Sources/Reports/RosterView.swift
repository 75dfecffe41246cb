import Rostering
import StaffcastCore

/// The roster in `report.html`: one line per agent across the week, shift blocks coloured by
/// channel (breaks left blank), then hours against contract and what stays uncovered.
public struct RosterView: Sendable {
    public var team: [Agent]
    public var roster: Roster
    public var calendar: PlanningCalendar
    public var dates: [CivilDate]

    public init(team: [Agent], roster: Roster, calendar: PlanningCalendar, dates: [CivilDate]) {
        self.team = team
        self.roster = roster
        self.calendar = calendar
        self.dates = dates
    }

    static let palette = ["#2f6fb0", "#e07b39", "#3f9e5a", "#b24a8f", "#8c6d31", "#5a5fc4", "#c23b3b", "#2a9d9a"]

    public func html() -> String {
        let channels = Array(Set(roster.shifts.flatMap { $0.activities.map(\.channel) })).sorted()
        func color(_ channel: String) -> String {
            Self.palette[(channels.firstIndex(of: channel) ?? 0) % Self.palette.count]
        }
        let label = 150.0
        let dayWidth = 130.0
        let row = 9.0
        let top = 28.0
        let agents = team.filter { agent in roster.shifts.contains { $0.agent == agent.id } }
        let width = label + dayWidth * Double(dates.count) + 10
        let height = top + row * Double(agents.count) + 10
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"roster\">\n"
        for (d, date) in dates.enumerated() {
            let x = label + dayWidth * Double(d)
            svg += "<line class=\"day\" x1=\"\(x)\" y1=\"\(top - 14)\" x2=\"\(x)\" y2=\"\(height - 10)\"/>"
            svg +=
                "<text class=\"tick\" x=\"\(x + 4)\" y=\"\(top - 4)\">\(SVG.escape(WeekdayName.short(date.weekday))) \(date.day)/\(date.month)</text>\n"
        }
        let startOfWeek = calendar.startOfDay(dates[0])
        func xOf(_ instant: Int64) -> Double {
            // Local clock position, so a DST day still spans one column.
            let local = calendar.local(instant)
            let day = Double(local.date.daysSinceEpoch - dates[0].daysSinceEpoch)
            return label + dayWidth * (day + Double(local.secondsOfDay) / 86_400)
        }
        _ = startOfWeek
        for (i, agent) in agents.enumerated() {
            let y = top + row * Double(i)
            svg +=
                "<text class=\"tick\" x=\"2\" y=\"\(y + row - 1.5)\">\(SVG.escape(agent.id)) \(SVG.escape(String(agent.name.prefix(18))))</text>"
            for shift in roster.shifts where shift.agent == agent.id {
                for block in shift.activities {
                    let x0 = xOf(block.start)
                    let x1 = max(x0 + 0.5, xOf(block.end - 1) + dayWidth / 86_400)
                    svg +=
                        "<rect x=\"\(NumberFormat.plain(x0, maxFractionDigits: 2))\" y=\"\(y + 1)\" width=\"\(NumberFormat.plain(x1 - x0, maxFractionDigits: 2))\" height=\"\(row - 2)\" fill=\"\(color(block.channel))\"><title>\(SVG.escape(agent.id)) \(SVG.escape(block.channel)) \(SVG.escape(calendar.format(block.start)))–\(SVG.escape(calendar.format(block.end)))</title></rect>"
                }
            }
            svg += "\n"
        }
        svg += "</svg>\n"
        var legend = "<p class=\"note\">"
        for channel in channels {
            legend +=
                "<span style=\"display:inline-block;width:10px;height:10px;background:\(color(channel));margin:0 4px 0 12px\"></span>\(SVG.escape(channel))"
        }
        legend += " · blank gaps inside a shift are breaks</p>\n"

        var html =
            "<section>\n<h2>Roster <span class=\"model\">\(roster.shifts.count) shifts, \(agents.count) of \(team.count) agents</span></h2>\n"
            + legend + svg
        // Hours against contract.
        let outside = roster.hours.filter { $0.hours < $0.contractMin - 1e-9 || $0.hours > $0.contractMax + 1e-9 }
        let total = roster.hours.reduce(0) { $0 + $1.hours }
        html +=
            "<p class=\"note\">\(NumberFormat.plain(total, maxFractionDigits: 1)) paid agent-hours; \(outside.count) agent(s) outside their contract hours"
        html += roster.warnings.isEmpty ? "" : " (" + roster.warnings.map(SVG.escape).joined(separator: "; ") + ")"
        html += ".</p>\n"
        // Uncovered, per channel.
        if roster.uncovered.isEmpty {
            html += "<p class=\"note\">Every interval is covered.</p>\n"
        } else {
            html +=
                "<table>\n<tr><th>channel</th><th>short intervals</th><th>agent-intervals short</th><th>most frequent cause</th></tr>\n"
            for channel in Array(Set(roster.uncovered.map(\.channel))).sorted() {
                let rows = roster.uncovered.filter { $0.channel == channel }
                var causes: [String: Int] = [:]
                for r in rows { causes[r.cause, default: 0] += 1 }
                let top = causes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key ?? ""
                html +=
                    "<tr><td>\(SVG.escape(channel))</td><td>\(rows.count)</td><td>\(rows.reduce(0) { $0 + $1.shortfall })</td><td style=\"text-align:left\">\(SVG.escape(top))</td></tr>\n"
            }
            html += "</table>\n"
        }
        return html + "</section>\n"
    }
}
