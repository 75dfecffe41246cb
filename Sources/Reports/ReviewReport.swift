import Planning
import StaffcastCore

/// The files of `staffcast review`: `review.csv` (per channel and day, then the week),
/// `review_intervals.csv` (per interval) and `review.html` (charts and the table, self-contained
/// like `report.html`).
public enum ReviewReport {
    public static func render(_ review: Review.Result) -> [(name: String, text: String)] {
        [("review.csv", csv(review)), ("review_intervals.csv", intervalsCSV(review)), ("review.html", html(review))]
    }

    static func optional(_ x: Double?) -> String { x.map(Format.fraction) ?? "" }

    /// `channel,date,contacts_forecast,contacts_actual,intervals,wape,bias,coverage80,coverage95,
    /// service_level,service_measure,over_agent_hours,under_agent_hours` — a row per channel and
    /// local day with actuals, then the channel's week row (date = the week, `YYYY-Www`).
    public static func csv(_ review: Review.Result) -> String {
        var table = CSVTable(header: [
            "channel", "date", "contacts_forecast", "contacts_actual", "intervals", "wape", "bias",
            "coverage80", "coverage95", "service_level", "service_measure", "over_agent_hours", "under_agent_hours",
        ])
        for channel in review.channels {
            for summary in channel.days + [channel.week] {
                table.append([
                    channel.channel, summary.date?.description ?? review.label, Format.volume(summary.forecast),
                    Format.volume(summary.actual), String(summary.intervals), optional(summary.wape),
                    optional(summary.bias),
                    optional(summary.coverage80), optional(summary.coverage95), optional(summary.serviceLevel),
                    channel.measure.rawValue, Format.volume(summary.overAgentHours),
                    Format.volume(summary.underAgentHours),
                ])
            }
        }
        return table.render()
    }

    /// `timestamp,channel,forecast,lo80,hi80,lo95,hi95,actual,aht_seconds,scheduled_heads,
    /// scheduled_agents,required_agents,agent_gap,service_level` — every interval of each
    /// channel's span of actuals; `actual`, `required_agents` and `agent_gap` empty where the
    /// actuals do not know the interval, `service_level` empty where nothing was offered.
    public static func intervalsCSV(_ review: Review.Result) -> String {
        var table = CSVTable(header: [
            "timestamp", "channel", "forecast", "lo80", "hi80", "lo95", "hi95", "actual", "aht_seconds",
            "scheduled_heads", "scheduled_agents", "required_agents", "agent_gap", "service_level",
        ])
        let rows = review.channels.flatMap(\.intervals).sorted { ($0.instant, $0.channel) < ($1.instant, $1.channel) }
        for row in rows {
            table.append([
                review.calendar.format(row.instant), row.channel, Format.volume(row.forecast), Format.volume(row.lo80),
                Format.volume(row.hi80), Format.volume(row.lo95), Format.volume(row.hi95),
                row.actual.map(Format.volume) ?? "",
                Format.seconds(row.ahtSeconds), String(row.scheduledHeads), String(row.scheduledAgents),
                row.requiredAgents.map(String.init) ?? "",
                row.requiredAgents.map { String(row.scheduledAgents - $0) } ?? "",
                optional(row.serviceLevel),
            ])
        }
        return table.render()
    }

    public static func html(_ review: Review.Result) -> String {
        func pct(_ x: Double?) -> String {
            x.map { NumberFormat.plain(100 * $0, maxFractionDigits: 1, minFractionDigits: 1) + " %" } ?? "–"
        }
        func hours(_ x: Double) -> String { NumberFormat.plain(x, maxFractionDigits: 1, minFractionDigits: 1) }
        var body = "<h1>Review of plan \(SVG.escape(review.label))</h1>\n"
        body +=
            "<p class=\"meta\">time zone \(SVG.escape(review.calendar.identifier)) · \(SVG.escape(Durations.format(review.intervalSeconds))) intervals · "
            + "service level from \(review.replications) replication(s) of the actual arrivals against the published schedule</p>\n"
        if !review.notes.isEmpty {
            body += "<ul class=\"notes\">" + review.notes.map { "<li>\(SVG.escape($0))</li>" }.joined() + "</ul>\n"
        }
        for channel in review.channels {
            body +=
                "<section>\n<h2>\(SVG.escape(channel.channel)) <span class=\"model\">service level: \(SVG.escape(channel.measure.rawValue))"
            if let level = channel.targetLevel, let seconds = channel.targetSeconds {
                body +=
                    " · target \(NumberFormat.plain(100 * level, maxFractionDigits: 2)) % in \(NumberFormat.plain(seconds, maxFractionDigits: 1)) s"
            }
            if let ci = channel.weekLevel, review.replications > 1 {
                body += " · week \(pct(ci.mean)) (95 % CI \(pct(max(0, ci.lower))) to \(pct(min(1, ci.upper))))"
            }
            body += "</span></h2>\n"
            // Charts over the intervals the plan forecast or that had contacts: nights take no room.
            let shown = channel.intervals.filter { $0.inPlan || ($0.actual ?? 0) > 0 }
            var starts: [(Int, String)] = []
            var previous: CivilDate? = nil
            for (i, row) in shown.enumerated() {
                let date = review.calendar.local(row.instant).date
                if date != previous {
                    starts.append((i, dayLabel(date)))
                    previous = date
                }
            }
            body += TimeChart(
                title:
                    "Contacts per \(Durations.format(review.intervalSeconds)): forecast with 80/95 % intervals and actual",
                count: shown.count, dayStarts: starts,
                lines: [
                    ChartLine(label: "forecast", values: shown.map { $0.forecast }, colour: "#1f5fbf", width: 2),
                    ChartLine(label: "actual", values: shown.map(\.actual), colour: "#c0392b", width: 1.5),
                ],
                bands: [
                    ChartBand(
                        label: "95 %", lower: shown.map { $0.lo95 }, upper: shown.map { $0.hi95 }, colour: "#1f5fbf",
                        opacity: 0.12),
                    ChartBand(
                        label: "80 %", lower: shown.map { $0.lo80 }, upper: shown.map { $0.hi80 }, colour: "#1f5fbf",
                        opacity: 0.22),
                ],
                yLabel: "contacts"
            ).render()
            var levelLines = [
                ChartLine(
                    label: "service level (%)", values: shown.map { $0.serviceLevel.map { 100 * $0 } },
                    colour: "#2e8b57", width: 2)
            ]
            if let level = channel.targetLevel {
                levelLines.append(
                    ChartLine(
                        label: "target", values: shown.map { _ in 100 * level }, colour: "#5b6673", dashed: true,
                        width: 1))
            }
            body += TimeChart(
                title: channel.measure == .withinDeadline
                    ? "Share handled within the deadline, by arrival interval"
                    : "Service level the published schedule gave on the actual arrivals",
                count: shown.count, dayStarts: starts, lines: levelLines, yLabel: "% in target", height: 200
            ).render()
            body += TimeChart(
                title: "Scheduled agents (net of shrinkage) versus the agents the actuals needed", count: shown.count,
                dayStarts: starts,
                lines: [
                    ChartLine(
                        label: "scheduled", values: shown.map { Double($0.scheduledAgents) }, colour: "#1f5fbf",
                        width: 2),
                    ChartLine(
                        label: "needed", values: shown.map { $0.requiredAgents.map(Double.init) }, colour: "#c0392b",
                        dashed: true),
                ],
                yLabel: "agents", height: 220
            ).render()
            body +=
                "<table>\n<tr><th></th><th>forecast</th><th>actual</th><th>WAPE</th><th>bias</th><th>in 80 %</th><th>in 95 %</th>"
                + "<th>service level</th><th>over agent-h</th><th>under agent-h</th></tr>\n"
            for summary in channel.days + [channel.week] {
                let label = summary.date.map(dayLabel) ?? "week"
                body +=
                    "<tr\(summary.date == nil ? " class=\"total\"" : "")><td>\(SVG.escape(label))</td>"
                    + "<td>\(NumberFormat.plain(summary.forecast, maxFractionDigits: 0))</td><td>\(NumberFormat.plain(summary.actual, maxFractionDigits: 0))</td>"
                    + "<td>\(pct(summary.wape))</td><td>\(pct(summary.bias))</td><td>\(pct(summary.coverage80))</td><td>\(pct(summary.coverage95))</td>"
                    + "<td>\(pct(summary.serviceLevel))</td><td>\(hours(summary.overAgentHours))</td><td>\(hours(summary.underAgentHours))</td></tr>\n"
            }
            body += "</table>\n</section>\n"
        }
        return ReportPage.head(title: "Review of plan \(review.label)") + """
            <body>
            \(body)<p class="note">WAPE = Σ|actual − forecast| ÷ Σ actual; bias = Σ(forecast − actual) ÷ Σ actual (positive: over-forecast); in 80 %/95 %: share of intervals whose actual lies inside the band. Service level: answered within the target time ÷ offered, from replaying the actual counts (and handle times where the actuals have them) through the simulator against the scheduled heads net of shrinkage. Over/under agent-hours: scheduled agents net of shrinkage minus the agents the actual volume needed at the plan's target, summed over intervals × interval length.</p>
            </body>
            </html>

            """
    }

    static func dayLabel(_ date: CivilDate) -> String { ReportPage.dayLabel(date) }
}
