import Forecasting
import Planning
import Queueing
import StaffcastCore

/// Everything the report shows about one channel.
public struct ChannelReport: Sendable {
    public var channel: String
    public var model: String
    /// Recent history (interval starts and known volumes) drawn before the forecast.
    public var historyInstants: [Int64]
    public var historyValues: [Double]
    public var forecast: Forecast
    /// Actual volumes of the forecast intervals where the history already knows them (a past week).
    public var actuals: [Double?]
    public var requirements: [RequirementRow]
    public var coverage: [CoverageScore]
    /// What the forecast treated specially, one line each (holidays, anomalies), for the planner.
    public var notes: [String] = []

    public init(
        channel: String, model: String, historyInstants: [Int64], historyValues: [Double], forecast: Forecast,
        actuals: [Double?], requirements: [RequirementRow], coverage: [CoverageScore] = []
    ) {
        self.channel = channel
        self.model = model
        self.historyInstants = historyInstants
        self.historyValues = historyValues
        self.forecast = forecast
        self.actuals = actuals
        self.requirements = requirements
        self.coverage = coverage
    }
}

/// `report.html`: one self-contained page a planner reads before publishing the week — charts are
/// inline SVG, styles inline, no scripts, fonts or network; every user string is escaped.
public struct WeeklyReport: Sendable {
    public var weekLabel: String
    public var calendar: PlanningCalendar
    public var intervalSeconds: Int
    public var dates: [CivilDate]
    public var channels: [ChannelReport]
    public var daily: [DailyStaffing]
    public var version: String
    /// Paid hours of one full-time agent per day, for the FTE column.
    public var hoursPerFTEDay: Double
    /// The week's figures (the summary table uses them when given).
    public var kpis: WeekKPIs? = nil
    /// The roster of named agents, when the plan has one.
    public var roster: RosterView? = nil

    public init(
        weekLabel: String, calendar: PlanningCalendar, intervalSeconds: Int, dates: [CivilDate],
        channels: [ChannelReport], daily: [DailyStaffing], version: String, hoursPerFTEDay: Double = 8
    ) {
        self.weekLabel = weekLabel
        self.calendar = calendar
        self.intervalSeconds = intervalSeconds
        self.dates = dates
        self.channels = channels
        self.daily = daily
        self.version = version
        self.hoursPerFTEDay = hoursPerFTEDay
    }

    func dayLabel(_ date: CivilDate) -> String { ReportPage.dayLabel(date) }

    /// A moment as the summary names it: `Mon 1/12 10:30`, local time.
    static func moment(_ instant: Int64, _ calendar: PlanningCalendar) -> String {
        let local = calendar.local(instant)
        return ReportPage.dayLabel(local.date) + " " + ClockText.format(local.secondsOfDay)
    }

    public func html() -> String {
        var body = ""
        body += "<h1>Staffing plan \(SVG.escape(weekLabel))</h1>\n"
        body +=
            "<p class=\"meta\">\(SVG.escape(dates.first?.description ?? "")) to \(SVG.escape(dates.last?.description ?? "")) · "
            + "time zone \(SVG.escape(calendar.identifier)) · \(SVG.escape(Durations.format(intervalSeconds))) intervals · staffcast \(SVG.escape(version))</p>\n"
        body += summaryTable()
        for channel in channels {
            body +=
                "<section>\n<h2>\(SVG.escape(channel.channel)) <span class=\"model\">model: \(SVG.escape(channel.model))</span></h2>\n"
            if !channel.notes.isEmpty {
                body += "<ul class=\"notes\">" + channel.notes.map { "<li>\(SVG.escape($0))</li>" }.joined() + "</ul>\n"
            }
            body += forecastChart(channel)
            body += heatMap(channel)
            if !channel.coverage.isEmpty { body += coverageChart(channel) }
            body += dailyTable(channel.channel)
            body += "</section>\n"
        }
        if let roster { body += roster.html() }
        return ReportPage.head(title: "Staffing plan \(weekLabel)") + """
            <body>
            \(body)<p class="note">Contacts are the forecast mean; agent-hours are required headcount × interval length (shrinkage included); FTE = agent-hours ÷ \(NumberFormat.plain(hoursPerFTEDay, maxFractionDigits: 1)) h per day; service level and occupancy are contact-weighted expectations at the staffed agents.</p>
            </body>
            </html>

            """
    }

    // MARK: Tables

    /// A day's totals, with occupancy and service level defined as in `WeekKPIs`.
    struct Totals {
        var contacts = 0.0, workload = 0.0, agentHours = 0.0, busyAgents = 0.0, agents = 0.0
        var slWeighted = 0.0, slContacts = 0.0, peak = 0
        mutating func add(_ row: RequirementRow, intervalHours: Double) {
            contacts += row.meanContacts
            workload += row.meanContacts * row.ahtSeconds / 3600
            agentHours += Double(row.staffing.headcount) * intervalHours
            if row.staffing.agents > 0, row.staffing.metrics.occupancy.isFinite {
                busyAgents += min(1, row.staffing.metrics.occupancy) * Double(row.staffing.agents)
                agents += Double(row.staffing.agents)
            }
            if !row.isDeferred {
                slWeighted += row.serviceLevelAtMean * row.meanContacts
                slContacts += row.meanContacts
            }
            peak = max(peak, row.staffing.headcount)
        }
        var serviceLevel: Double? { slContacts > 0 ? slWeighted / slContacts : nil }
        var occupancy: Double? { agents > 0 ? busyAgents / agents : nil }
    }

    func totals(channel: String?, date: CivilDate?) -> Totals {
        var t = Totals()
        let hours = Double(intervalSeconds) / 3600
        for report in channels where channel == nil || report.channel == channel {
            for row in report.requirements where date == nil || calendar.local(row.instant).date == date {
                t.add(row, intervalHours: hours)
            }
        }
        return t
    }

    func row(_ label: String, _ t: Totals, days: Double, cssClass: String = "") -> String {
        func pct(_ x: Double?) -> String {
            x.map { NumberFormat.plain(100 * $0, maxFractionDigits: 1, minFractionDigits: 1) + " %" } ?? "–"
        }
        let fte = t.agentHours / hoursPerFTEDay / max(days, 1)
        return "<tr\(cssClass.isEmpty ? "" : " class=\"\(cssClass)\"")><td>\(SVG.escape(label))</td>"
            + "<td>\(NumberFormat.plain(t.contacts, maxFractionDigits: 0))</td>"
            + "<td>\(NumberFormat.plain(t.workload, maxFractionDigits: 1, minFractionDigits: 1))</td>"
            + "<td>\(NumberFormat.plain(t.agentHours, maxFractionDigits: 1, minFractionDigits: 1))</td>"
            + "<td>\(NumberFormat.plain(fte, maxFractionDigits: 1, minFractionDigits: 1))</td>"
            + "<td>\(t.peak)</td><td>\(pct(t.serviceLevel))</td><td>\(pct(t.occupancy))</td></tr>\n"
    }

    static let header =
        "<tr><th></th><th>contacts</th><th>workload h</th><th>agent-hours</th><th>FTE</th><th>peak heads</th><th>service level</th><th>occupancy</th></tr>\n"

    func summaryTable() -> String {
        guard let kpis else { return legacySummaryTable() }
        func pct(_ x: Double?) -> String {
            x.map { NumberFormat.plain(100 * $0, maxFractionDigits: 1, minFractionDigits: 1) + " %" } ?? "–"
        }
        // The constraint that decides most staffed intervals: the deadline, the occupancy cap or the service target.
        func line(
            _ label: String, _ t: WeekKPIs.Totals, serviceLevel: String, deferred: Bool = false, cssClass: String = ""
        ) -> String {
            let binding =
                t.staffedIntervals == 0
                ? "–"
                : deferred
                    ? "deadline"
                    : t.cappedByOccupancy * 2 > t.staffedIntervals
                        ? "occupancy cap (\(pct(Double(t.cappedByOccupancy) / Double(t.staffedIntervals))) of intervals)"
                        : "service target"
            return "<tr\(cssClass.isEmpty ? "" : " class=\"\(cssClass)\"")><td>\(SVG.escape(label))</td>"
                + "<td>\(NumberFormat.plain(t.contacts, maxFractionDigits: 0))</td>"
                + "<td>\(NumberFormat.plain(t.workloadHours, maxFractionDigits: 1, minFractionDigits: 1))</td>"
                + "<td>\(NumberFormat.plain(t.agentHours, maxFractionDigits: 1, minFractionDigits: 1))</td>"
                + "<td>\(NumberFormat.plain(t.fte, maxFractionDigits: 1, minFractionDigits: 1))</td>"
                + "<td>\(t.peakHeads)</td><td>\(serviceLevel)</td><td>\(pct(t.occupancy))</td><td>\(binding)</td></tr>\n"
        }
        var html =
            "<h2>Week summary</h2>\n<table>\n<tr><th></th><th>contacts</th><th>workload h</th><th>agent-hours</th><th>FTE¹</th><th>peak heads²</th><th>service level³</th><th>occupancy</th><th>binding</th></tr>\n"
        let deferredChannels = Set(channels.filter { $0.requirements.contains(where: \.isDeferred) }.map(\.channel))
        for (channel, t) in kpis.channels {
            let deferred = deferredChannels.contains(channel)
            html += line(
                channel, t, serviceLevel: deferred ? "within deadline" : pct(t.serviceLevel), deferred: deferred)
        }
        if kpis.deferred != nil {
            html += line(
                "real-time channels", kpis.realTime, serviceLevel: pct(kpis.realTime.serviceLevel), cssClass: "total")
        }
        if let deferred = kpis.deferred {
            html += line(
                "deferred channels", deferred, serviceLevel: pct(kpis.answeredInTime) + " within deadline",
                deferred: true,
                cssClass: "total")
        }
        html += line("all channels", kpis.all, serviceLevel: pct(kpis.all.serviceLevel), cssClass: "total")
        html +=
            "</table>\n<p class=\"note\">¹ FTE = agent-hours ÷ \(NumberFormat.plain(kpis.fteHoursPerWeek, maxFractionDigits: 1)) contract hours per week (config fte_hours_per_week). "
            + "² All channels: the most heads needed at the same time (seats), not the largest channel's peak. "
            + "³ Real-time channels only, expected at the mean forecast; deferred work is answered within its deadline"
            + (kpis.openingBacklog > 0
                ? "; \(NumberFormat.plain(kpis.openingBacklog, maxFractionDigits: 0)) contacts carried in from the week before"
                    + (kpis.openingOldestDue.map { " (the oldest due \(Self.moment($0, calendar)))" } ?? "")
                : "")
            + (kpis.closingBacklog > 0
                ? "; \(NumberFormat.plain(kpis.closingBacklog, maxFractionDigits: 0)) contacts carried into next week"
                    + (kpis.closingOldestArrival.map { " (the oldest waiting since \(Self.moment($0, calendar)))" }
                        ?? "")
                : "") + ".</p>\n"
        return html
    }

    func legacySummaryTable() -> String {
        var html = "<h2>Week summary</h2>\n<table>\n" + Self.header
        for report in channels {
            html += row(report.channel, totals(channel: report.channel, date: nil), days: Double(dates.count))
        }
        html += row("all channels", totals(channel: nil, date: nil), days: Double(dates.count), cssClass: "total")
        return html + "</table>\n<p class=\"note\">FTE in the week summary: average per day.</p>\n"
    }

    func dailyTable(_ channel: String) -> String {
        var html = "<table>\n" + Self.header
        for date in dates { html += row(dayLabel(date), totals(channel: channel, date: date), days: 1) }
        html += row("week", totals(channel: channel, date: nil), days: Double(dates.count), cssClass: "total")
        return html + "</table>\n"
    }

    // MARK: Charts

    func dayStarts(_ instants: [Int64]) -> [(Int, String)] {
        var starts: [(Int, String)] = []
        var previous: CivilDate? = nil
        for (i, instant) in instants.enumerated() {
            let date = calendar.local(instant).date
            if date != previous {
                starts.append((i, dayLabel(date)))
                previous = date
            }
        }
        return starts
    }

    func forecastChart(_ report: ChannelReport) -> String {
        // History and forecast on one grid of intervals, so closed hours take the same width in
        // both (the history has rows at night, the forecast only its open intervals).
        let f = report.forecast
        let step = Int64(intervalSeconds)
        let first = report.historyInstants.first ?? f.instants.first ?? 0
        let last = max(report.historyInstants.last ?? first, f.instants.last ?? first)
        let count = last >= first ? Int(min((last - first) / step, 100_000)) + 1 : 0
        let instants = (0..<count).map { first + Int64($0) * step }
        func place(_ at: [Int64], _ values: [Double?]) -> [Double?] {
            var grid = [Double?](repeating: nil, count: count)
            for (k, instant) in at.enumerated() where instant >= first && (instant - first) % step == 0 {
                let i = Int((instant - first) / step)
                if i < count { grid[i] = values[k] }
            }
            return grid
        }
        let h =
            f.instants.first.map { instant in instant >= first ? Int(min((instant - first) / step, Int64(count))) : 0 }
            ?? count
        var lines = [
            ChartLine(
                label: "history", values: place(report.historyInstants, report.historyValues.map { Optional($0) }),
                colour: "#5b6673"),
            ChartLine(
                label: "forecast", values: place(f.instants, f.mean.map { Optional($0) }), colour: "#1f5fbf", width: 2),
        ]
        if report.actuals.contains(where: { $0 != nil }) {
            lines.append(
                ChartLine(label: "actual", values: place(f.instants, report.actuals), colour: "#c0392b", dashed: true))
        }
        let bands = [
            ChartBand(
                label: "95 %", lower: place(f.instants, f.lo95.map { Optional($0) }),
                upper: place(f.instants, f.hi95.map { Optional($0) }), colour: "#1f5fbf", opacity: 0.12),
            ChartBand(
                label: "80 %", lower: place(f.instants, f.lo80.map { Optional($0) }),
                upper: place(f.instants, f.hi80.map { Optional($0) }), colour: "#1f5fbf", opacity: 0.22),
        ]
        return TimeChart(
            title:
                "Contacts per \(Durations.format(intervalSeconds)): recent history and forecast with 80/95 % intervals",
            count: instants.count, dayStarts: dayStarts(instants), lines: lines, bands: bands,
            forecastFrom: h, yLabel: "contacts"
        ).render()
    }

    /// Required headcount by day and local clock time. A 25-hour day's repeated hour shows the
    /// larger of its two intervals; a 23-hour day's missing hour stays empty.
    func heatMap(_ report: ChannelReport) -> String {
        let perDay = 86_400 / intervalSeconds
        var values = [[Double?]](repeating: [Double?](repeating: nil, count: perDay), count: dates.count)
        let dayIndex = Dictionary(uniqueKeysWithValues: dates.enumerated().map { ($1, $0) })
        for row in report.requirements {
            let local = calendar.local(row.instant)
            guard let d = dayIndex[local.date] else { continue }
            let slot = min(perDay - 1, local.secondsOfDay / intervalSeconds)
            values[d][slot] = max(values[d][slot] ?? 0, Double(row.staffing.headcount))
        }
        let labels = (0..<perDay).map { ClockText.format($0 * intervalSeconds) }
        return HeatMap(
            title: "Required headcount by day and time of day", rowLabels: dates.map(dayLabel), columnLabels: labels,
            values: values, labelEvery: max(1, 7200 / intervalSeconds)
        ).render()
    }

    func coverageChart(_ report: ChannelReport) -> String {
        let rows = report.coverage.sorted { $0.instant < $1.instant }
        let instants = rows.map(\.instant)
        // Required is drawn last and dashed so it stays visible where the schedule matches it.
        var lines = [
            ChartLine(label: "scheduled", values: rows.map { Double($0.scheduled) }, colour: "#1f5fbf", width: 2.5),
            ChartLine(
                label: "required", values: rows.map { Double($0.required) }, colour: "#c0392b", dashed: true, width: 1.5
            ),
        ]
        var chart = TimeChart(
            title: "Scheduled versus required headcount", count: instants.count, dayStarts: dayStarts(instants),
            lines: lines, yLabel: "agents"
        ).render()
        if rows.contains(where: { $0.serviceLevel != nil }) {
            lines = [
                ChartLine(
                    label: "expected service level (%)", values: rows.map { $0.serviceLevel.map { 100 * $0 } },
                    colour: "#2e8b57")
            ]
            chart += TimeChart(
                title: "Service level the schedule yields", count: instants.count, dayStarts: dayStarts(instants),
                lines: lines, yLabel: "% in target", height: 200
            ).render()
        }
        return chart
    }
}
