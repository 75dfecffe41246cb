import Forecasting
import Foundation
import Planning
import StaffcastCore

/// The files of a capacity plan, rendered from a `CapacityPlan`: `capacity.csv`,
/// `hiring_plan.csv`, `capacity.html` and last `manifest.json`, which hashes the others.
public enum CapacityFiles {
    public static func render(_ plan: CapacityPlan, version: String) -> [(name: String, text: String)] {
        var files: [(name: String, text: String)] = [
            ("capacity.csv", capacityCSV(plan)),
            ("hiring_plan.csv", hiringCSV(plan)),
            ("capacity.html", CapacityReport(plan: plan, version: version).html()),
        ]
        let manifest = manifestJSON(plan, version: version, outputs: files)
        files.append(("manifest.json", manifest.render() + "\n"))
        return files
    }

    /// `week,week_start,channel,forecast,lo80,hi80,lo95,hi95,required_fte_p50,required_fte_p80,
    /// available_fte,gap_fte,available_fte_with_hires,gap_fte_with_hires` — the gap at the plan's
    /// quantile, positive when short.
    public static func capacityCSV(_ plan: CapacityPlan) -> String {
        var table = CSVTable(header: [
            "week", "week_start", "channel", "forecast", "lo80", "hi80", "lo95", "hi95",
            "required_fte_p50", "required_fte_p80", "available_fte", "gap_fte",
            "available_fte_with_hires", "gap_fte_with_hires",
        ])
        for row in plan.rows {
            table.append([
                row.week.label, row.week.firstDate.description, row.channel,
                Format.volume(row.forecast), Format.volume(row.lo80), Format.volume(row.hi80),
                Format.volume(row.lo95), Format.volume(row.hi95),
                fte(row.requiredP50), fte(row.requiredP80), fte(row.available), fte(row.gap),
                fte(row.availableWithHires), fte(row.gapWithHires),
            ])
        }
        return table.render()
    }

    /// `channel,start_week,start_date,hires,fte,takes_contacts_from,full_output_from,for_week,source`:
    /// each cohort (source `planned` from the config, `recommended` by the plan, started as late
    /// as training and ramp-up allow), then per channel the weeks no hire can reach in time
    /// (`too late`, with that week in for_week).
    public static func hiringCSV(_ plan: CapacityPlan) -> String {
        var table = CSVTable(header: [
            "channel", "start_week", "start_date", "hires", "fte", "takes_contacts_from",
            "full_output_from", "for_week", "source",
        ])
        for hire in plan.hiring {
            if let start = hire.startWeek {
                table.append([
                    hire.channel, start.label, start.firstDate.description, String(hire.count), fte(hire.fte),
                    hire.firstContactsWeek?.label ?? "", hire.fullOutputWeek?.label ?? "", hire.forWeek?.label ?? "",
                    hire.planned ? "planned" : "recommended",
                ])
            }
            for week in hire.tooLate {
                table.append([hire.channel, "", "", "0", "0", "", "", week.label, "too late"])
            }
        }
        return table.render()
    }

    /// What a channel's model was chosen on, its score and the runner-up's (as in `plan`'s manifest).
    static func choice(_ choice: ModelChoice) -> JSONValue {
        .object([
            ("model", .string(choice.model)), ("scored_on", .string(choice.scoring.label)),
            ("score", .exact(choice.score)), ("runner_up", choice.runnerUp.map { .string($0) } ?? .null),
            ("runner_up_score", .exact(choice.runnerUpScore)),
            ("weekly_wape_from_week_4", .exact(choice.weeklyScore)),
            ("runner_up_weekly_wape_from_week_4", .exact(choice.runnerUpWeeklyScore)),
        ])
    }

    static func fte(_ x: Double) -> String { NumberFormat.plain(x, maxFractionDigits: 3) }

    static func manifestJSON(_ plan: CapacityPlan, version: String, outputs: [(name: String, text: String)])
        -> JSONValue
    {
        let calendar = plan.config.calendar
        let s = plan.settings
        return .object([
            ("staffcast_version", .string(version)),
            ("kind", .string("capacity")),
            ("from_week", .string(plan.weeks.first?.label ?? "")),
            ("weeks", .integer(plan.weeks.count)),
            ("time_zone", .string(calendar.identifier)),
            ("forecast_origin", .string(calendar.format(plan.origin))),
            ("fte_hours_per_week", .exact(plan.config.fteHoursPerWeek)),
            (
                "inputs",
                .array(
                    plan.inputs.map(\.manifestRecord))
            ),
            ("models", .object(plan.models.keys.sorted().map { ($0, .string(plan.models[$0] ?? "")) })),
            (
                "model_choice",
                .object(plan.choices.keys.sorted().compactMap { key in plan.choices[key].map { (key, choice($0)) } })
            ),
            (
                "capacity",
                .object([
                    ("headcount", .object(s.headcount.keys.sorted().map { ($0, .exact(s.headcount[$0] ?? 0)) })),
                    ("attrition_per_week", .exact(s.attritionPerWeek)),
                    ("training_weeks", .integer(s.trainingWeeks)),
                    ("ramp_up", .array(s.rampUp.map { .exact($0) })),
                    ("hire_fte", .exact(s.hireFTE)),
                    ("hire_every_weeks", .integer(s.hireEveryWeeks)),
                    ("quantile", .string(s.quantile.rawValue)),
                    (
                        "shrinkage_by_month",
                        .object(
                            s.shrinkageByMonth.keys.sorted().map { (String($0), .exact(s.shrinkageByMonth[$0] ?? 0)) })
                    ),
                ])
            ),
            ("warnings", .array(plan.warnings.map { .string($0) })),
            (
                "outputs",
                .array(
                    outputs.map { name, text in
                        .object([("file", .string(name)), ("sha256", .string(SHA256.hex(Data(text.utf8))))])
                    })
            ),
        ])
    }
}

/// `capacity.html`: per channel the required band (p50 to p80) against the FTE available, with and
/// without the recommended hires, the hiring starts marked, and the week table.
struct CapacityReport {
    var plan: CapacityPlan
    var version: String

    /// ` (weekly WAPE from week 4 3.1 % on backtest; runner-up …)`, empty without a score.
    static func choiceText(_ choice: ModelChoice?) -> String {
        guard let choice, choice.score.isFinite else { return "" }
        func pct(_ x: Double) -> String { NumberFormat.plain(100 * x, maxFractionDigits: 1) + " %" }
        var text = " (\(choice.scoring.label) \(pct(choice.score)) in the backtest"
        if choice.weeklyScore.isFinite { text += ", weekly from week 4 \(pct(choice.weeklyScore))" }
        if let runnerUp = choice.runnerUp, choice.runnerUpScore.isFinite {
            text += "; runner-up \(runnerUp) \(pct(choice.runnerUpScore))"
            if choice.runnerUpWeeklyScore.isFinite { text += ", weekly \(pct(choice.runnerUpWeeklyScore))" }
        }
        return text + ")"
    }

    func html() -> String {
        let weeks = plan.weeks
        var body =
            "<h1>Capacity plan \(SVG.escape(weeks.first?.label ?? "")) – \(SVG.escape(weeks.last?.label ?? ""))</h1>\n"
        body +=
            "<p class=\"meta\">\(weeks.count) weeks · time zone \(SVG.escape(plan.config.calendar.identifier)) · FTE of "
            + "\(NumberFormat.plain(plan.config.fteHoursPerWeek, maxFractionDigits: 1)) h a week · gap closed at "
            + "\(plan.settings.quantile.rawValue) · staffcast \(SVG.escape(version))</p>\n"
        if !plan.warnings.isEmpty {
            body += "<ul class=\"notes\">" + plan.warnings.map { "<li>\(SVG.escape($0))</li>" }.joined() + "</ul>\n"
        }
        body += hiringTable()
        for channel in plan.channels {
            let rows = plan.rows.filter { $0.channel == channel }
            let starts = plan.hiring.filter { $0.channel == channel && !$0.planned }.compactMap {
                hire -> (Int, String)? in
                guard let start = hire.startWeek, let i = weeks.firstIndex(of: start) else { return nil }
                return (i, "hire \(hire.count)")
            }
            let chart = TimeChart(
                title: "\(channel): required FTE (p50–p80) and available FTE", count: rows.count,
                dayStarts: rows.indices.map { ($0, rows[$0].week.label) },
                lines: [
                    ChartLine(label: "required p50", values: rows.map(\.requiredP50), colour: "#2b6cb0"),
                    ChartLine(label: "available", values: rows.map(\.available), colour: "#5b6673", dashed: true),
                    ChartLine(
                        label: "available with hires", values: rows.map(\.availableWithHires),
                        colour: "#2f855a", width: 2),
                ],
                bands: [
                    ChartBand(
                        label: "required p50–p80", lower: rows.map(\.requiredP50),
                        upper: rows.map(\.requiredP80), colour: "#2b6cb0", opacity: 0.25)
                ],
                yLabel: "FTE", markers: starts.map { (position: $0.0, label: $0.1) })
            body +=
                "<section>\n<h2>\(SVG.escape(channel)) <span class=\"model\">model: \(SVG.escape(plan.models[channel] ?? ""))\(SVG.escape(Self.choiceText(plan.choices[channel])))</span></h2>\n"
                + chart.render() + weekTable(rows) + "</section>\n"
        }
        return ReportPage.head(title: "Capacity plan \(weeks.first?.label ?? "")") + """
            <body>
            \(body)<p class="note">Required FTE = Σ agents on the phones per interval × interval length ÷ (1 − shrinkage of the month) ÷ contract hours, with every interval staffed as the weekly plan staffs it, before shift-scheduling losses. Available FTE: today's headcount and the hires, less attrition each week; a hire takes no contacts while training and works at the ramp-up shares after.</p>
            </body>
            </html>

            """
    }

    func hiringTable() -> String {
        var html =
            "<h2>Hiring plan</h2>\n<table><tr><th>channel</th><th>start</th><th>hires</th><th>FTE</th><th>takes contacts</th><th>full output</th><th>for week</th><th>source</th></tr>\n"
        var any = false
        for hire in plan.hiring {
            if let start = hire.startWeek {
                any = true
                html +=
                    "<tr><td>\(SVG.escape(hire.channel))</td><td>\(start.label) (\(start.firstDate))</td><td>\(hire.count)</td>"
                    + "<td>\(CapacityFiles.fte(hire.fte))</td><td>\(hire.firstContactsWeek?.label ?? "after the horizon")</td>"
                    + "<td>\(hire.fullOutputWeek?.label ?? "after the horizon")</td><td>\(hire.forWeek?.label ?? "")</td>"
                    + "<td>\(hire.planned ? "planned" : "recommended")</td></tr>\n"
            }
            if !hire.tooLate.isEmpty {
                any = true
                html +=
                    "<tr><td>\(SVG.escape(hire.channel))</td><td colspan=\"7\">short in \(hire.tooLate.map(\.label).joined(separator: ", ")): too late to hire and train for</td></tr>\n"
            }
        }
        if !any { html += "<tr><td colspan=\"8\">no hires needed: the team covers every week</td></tr>\n" }
        return html + "</table>\n"
    }

    func weekTable(_ rows: [CapacityPlan.Row]) -> String {
        var html =
            "<table><tr><th>week</th><th>contacts</th><th>80 % range</th><th>required p50</th><th>required p80</th><th>available</th><th>gap</th><th>with hires</th><th>gap with hires</th></tr>\n"
        for row in rows {
            html +=
                "<tr><td>\(row.week.label)</td><td>\(NumberFormat.plain(row.forecast, maxFractionDigits: 0))</td>"
                + "<td>\(NumberFormat.plain(row.lo80, maxFractionDigits: 0))–\(NumberFormat.plain(row.hi80, maxFractionDigits: 0))</td>"
                + "<td>\(CapacityFiles.fte(row.requiredP50))</td><td>\(CapacityFiles.fte(row.requiredP80))</td>"
                + "<td>\(CapacityFiles.fte(row.available))</td><td>\(CapacityFiles.fte(row.gap))</td>"
                + "<td>\(CapacityFiles.fte(row.availableWithHires))</td><td>\(CapacityFiles.fte(row.gapWithHires))</td></tr>\n"
        }
        return html + "</table>\n"
    }
}
