import Forecasting
import Planning
import Rostering
import StaffcastCore

/// The files of a published week, rendered from a `WeeklyPlan`: `forecast.csv`,
/// `requirements.csv`, `schedule.csv`, `coverage.csv`, `weekly_staffing.csv`, `report.html`,
/// `scenarios.csv` (with scenarios) and last `manifest.json`, which hashes the others.
public enum PlanFiles {
    public static func render(_ plan: WeeklyPlan, version: String) -> [(name: String, text: String)] {
        let calendar = plan.calendar
        var aht: [String: [Double]] = [:]
        for channel in plan.channels { aht[channel.channel] = channel.forecastAHT }
        let reports = plan.channels.map { channel in
            var report = ChannelReport(
                channel: channel.channel, model: channel.forecast.model, historyInstants: channel.recentInstants,
                historyValues: channel.recentValues, forecast: channel.forecast, actuals: channel.actuals,
                requirements: channel.requirements,
                coverage: plan.shifts.scores.filter { $0.channel == channel.channel })
            report.notes = channel.holidays.map(\.description) + channel.anomalies.map(\.description)
            return report
        }
        var report = WeeklyReport(
            weekLabel: plan.week.label, calendar: calendar, intervalSeconds: plan.intervalSeconds,
            dates: plan.week.dates, channels: reports, daily: plan.daily, version: version,
            hoursPerFTEDay: plan.config.fteHoursPerWeek / 5)
        report.kpis = plan.kpis
        if let roster = plan.roster {
            report.roster = RosterView(
                team: roster.team, roster: roster.roster, calendar: calendar, dates: plan.week.dates)
        }
        var files: [(name: String, text: String)] = [
            (ForecastFile.fileName, ForecastFile.write(plan.channels.map(\.forecast), calendar: calendar, aht: aht)),
            (RequirementsFile.fileName, RequirementsFile.write(plan.requirements, calendar: calendar)),
            (
                ScheduleFile.fileName,
                ScheduleFile.write(plan.shifts.schedule, calendar: calendar, tours: plan.config.shifts.tours)
            ),
            (CoverageFile.fileName, CoverageFile.write(plan.shifts.scores, calendar: calendar)),
            ("weekly_staffing.csv", WeeklyStaffing.csv(plan.daily)),
            ("report.html", report.html()),
        ]
        if !plan.scenarios.isEmpty { files.append(("scenarios.csv", scenariosCSV(plan.scenarios))) }
        if let roster = plan.roster {
            files.append((RosterFile.fileName, RosterFile.write(roster.roster, team: roster.team, calendar: calendar)))
            files.append(("agent_hours.csv", roster.roster.hoursCSV()))
            files.append(
                (CoverageFile.rosterFileName, CoverageFile.write(roster: roster.roster.coverage, calendar: calendar)))
            files.append(("uncovered.csv", roster.roster.uncoveredCSV(calendar: calendar)))
            if let changes = roster.changesFile(calendar: calendar) {
                files.append((RosterChangesFile.fileName, changes))
            }
            if let report = roster.rulesReport(calendar: calendar) {
                files.append((WorkingTimeReport.fileName, report))
            }
            for file in RosterCalendar.files(
                roster: roster.roster, team: roster.team, calendar: calendar, period: roster.period, stamp: plan.origin,
                published: { roster.publishedCalendars[$0] })
            {
                files.append((RosterStage.calendarsFolder + "/" + file.name, file.text))
            }
        }
        files.append(
            (
                PlanManifestFile.fileName,
                PlanManifestFile.write(plan, version: version, outputs: files.map { ($0.name, $0.text) })
            ))
        return files
    }

    /// `scenarios.csv`: `scenario,channel,contacts,agent_hours_required,headcount_peak`.
    public static func scenariosCSV(_ rows: [ScenarioStaffing]) -> String {
        var table = CSVTable(header: ["scenario", "channel", "contacts", "agent_hours_required", "headcount_peak"])
        for row in rows {
            table.append([
                row.scenario, row.channel, Format.volume(row.contacts), Format.seconds(row.agentHoursRequired),
                String(row.headcountPeak),
            ])
        }
        return table.render()
    }
}
