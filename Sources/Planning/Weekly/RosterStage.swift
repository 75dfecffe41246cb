import Foundation
import Queueing
import Rostering
import Scheduling
import StaffcastCore

/// The roster stage of the pipeline: the week's requirement per channel and interval (scheduled
/// heads), the team and its requests, the templates of the shift stage, the previous week's roster
/// for the rest rule across the boundary (its days inside the period kept as published) → named
/// agents on shifts and channels (`Rostering`).
/// Deferred-work channels (`"deadline"`) lend their deadline to the roster, whose idle time fills it.
public enum RosterStage {
    /// The folder of a published week that holds the agents' calendars.
    public static let calendarsFolder = "calendars"

    /// The roster published last before `week` in `outputFolder`, as read and checked against its
    /// manifest: the nearest of the five weeks before whose folder lists a roster (a period is at
    /// most six weeks, so an older one cannot reach into this week). Nil when there is none.
    static func lastPublished(outputFolder: String, week: PlanWeek, calendar: PlanningCalendar)
        throws(PlanningError) -> InputFile?
    {
        var earlier = week
        for _ in 1...5 {
            earlier = earlier.previous
            guard
                let folder = try PublishedWeekFolder.open(
                    outputFolder: outputFolder, week: earlier, calendar: calendar,
                    purpose: "its roster cannot be kept"),
                folder.lists(RosterFile.fileName)
            else { continue }
            return try folder.read(
                RosterFile.fileName,
                why:
                    "the roster was changed after it was published; publish the change with plan, or name the roster as team.previous_roster"
            )
        }
        return nil
    }

    public struct Result: Sendable {
        public var team: [Agent]
        public var roster: Roster
        /// The team and requests files as read once (the bytes parsed are the bytes the manifest hashes).
        public var teamFile: InputFile
        public var requestsFile: InputFile?
        /// The period rostered, [start, end).
        public var period: Range<Int64> = 0..<0
        /// The agents' calendars as published before in the week's folder (file name → text), so
        /// that a shift the roster no longer has is sent as cancelled.
        public var publishedCalendars: [String: String] = [:]
        /// The period's dates, the working-time rules kept (nil: none) and the agents' last
        /// shifts before the period, for the rule report.
        public var dates: [CivilDate] = []
        public var rules: WorkingTimeRules? = nil
        public var previousShifts: [PreviousShift] = []
        /// The earlier publication whose days in this period were kept (the previous roster when
        /// it reaches into the period), nil when none did; its changes are `roster.changes`.
        public var keptFrom: String? = nil

        /// `roster_changes.csv` when an earlier publication reached into the period.
        public func changesFile(calendar: PlanningCalendar) -> String? {
            keptFrom.map { _ in RosterChangesFile.write(roster.changes, calendar: calendar) }
        }

        /// `roster_rules.csv` when the roster keeps working-time rules.
        public func rulesReport(calendar: PlanningCalendar) -> String? {
            rules.map {
                WorkingTimeReport.csv(
                    roster: roster, team: team, rules: $0, calendar: calendar, dates: dates, previous: previousShifts)
            }
        }
    }

    public static func roster(
        _ requirements: [RequirementRow], team settings: TeamSettings, templates: [ShiftTemplate],
        policies: [String: ChannelPolicy], intervalSeconds: Int, calendar: PlanningCalendar,
        dates: [CivilDate], source: String, lastPublished: InputFile? = nil
    ) throws(PlanningError) -> Result {
        var notices: [String] = []
        let teamFile = try core { () throws(CoreError) in try InputFile.read(settings.agentsPath) }
        let team = try rostering { () throws(RosteringError) in
            try TeamReader.parseTeam(data: teamFile.data, file: settings.agentsPath) { notices.append($0) }
        }
        let requestsFile = try settings.requestsPath.map { path throws(PlanningError) in
            try core { () throws(CoreError) in try InputFile.read(path) }
        }
        let requests =
            try requestsFile.map { file throws(PlanningError) in
                try rostering { () throws(RosteringError) in
                    try TeamReader.parseRequests(data: file.data, file: file.path, team: team) { notices.append($0) }
                }
            } ?? []
        let periodStart = calendar.startOfDay(dates[0])
        // The config's previous roster, else the roster published last before the period.
        let previousPath = settings.previousRosterPath ?? lastPublished?.path
        // The published roster's bytes as checked against its manifest, not read a second time.
        let checked = settings.previousRosterPath == nil ? lastPublished?.data : nil
        let previousRows =
            try previousPath.map { path throws(PlanningError) in
                try rostering { () throws(RosteringError) in
                    try RosterFile.read(path: path, calendar: calendar, data: checked)
                }
            } ?? []
        if let previousPath {
            try checkPrevious(previousRows, path: previousPath, team: team, dates: dates, notices: &notices)
        }
        let published = PublishedDay.from(previousRows, dates: dates)
        let previous = PreviousRoster.lastShifts(previousRows, periodStart: periodStart, calendar: calendar)
        // The previous roster's night shifts that run into the week are cover already rostered.
        let carried = PreviousRoster.carriedIn(previousRows, periodStart: periodStart, intervalSeconds: intervalSeconds)
        let entries = requirements.map {
            (
                channel: $0.channel, instant: $0.instant,
                headcount: max(0, $0.staffing.headcount - (carried[$0.channel]?[$0.instant] ?? 0))
            )
        }
        let curves = try ShiftCover.curves(
            entries, intervalSeconds: intervalSeconds, calendar: calendar, source: source, dates: dates)
        guard !curves.isEmpty else {
            throw .invalidRequest("a roster was asked for without a requirement: the week has no channel to staff")
        }
        var deferred: [String: Int] = [:]
        for (channel, policy) in policies {
            if let deadline = policy.kind.deadlineSeconds { deferred[channel] = deadline }
        }
        var input = RosterInput(
            team: team, requests: requests, requirements: curves, templates: templates, previousShifts: previous,
            deferredChannels: deferred, moves: settings.moves)
        input.knownChannels = policies.keys.sorted()
        input.published = published
        input.seconds = settings.seconds
        if let rules = settings.rules {
            input.workingTimeRules = rules
            input.minimumRestSeconds = rules.dailyRestSeconds ?? 0
        }
        var roster = try rostering { () throws(RosteringError) in try RosterSolver.solve(input) }
        roster.warnings = notices + roster.warnings
        var result = Result(team: team, roster: roster, teamFile: teamFile, requestsFile: requestsFile)
        result.period = calendar.startOfDay(dates[0])..<calendar.startOfDay(dates[dates.count - 1].adding(days: 1))
        result.dates = dates
        result.rules = settings.rules
        result.previousShifts = previous
        result.keptFrom = published.isEmpty ? nil : previousPath
        if let path = result.keptFrom, !roster.changes.isEmpty {
            let agents = Set(roster.changes.map(\.agent)).count
            result.roster.warnings.append(
                "\(roster.changes.count) published day\(roster.changes.count == 1 ? "" : "s") of \(path) changed (\(agents) agent\(agents == 1 ? "" : "s")); see roster_changes.csv"
            )
        }
        return result
    }

    /// The previous roster must start before this period: its days before the period carry the
    /// rest, runs and nights in, and its days in the period are kept as published. A roster whose
    /// first shift is in the period or later is refused (it is this period's own, or a later one),
    /// and a roster none of whose agents is in the team is said in a warning.
    static func checkPrevious(
        _ rows: [RosterFile.Row], path: String, team: [Agent], dates: [CivilDate], notices: inout [String]
    ) throws(PlanningError) {
        guard let first = dates.first else { return }
        if let earliest = rows.min(by: { ($0.date, $0.line) < ($1.date, $1.line) }), earliest.date >= first {
            throw .rostering(
                .badData(
                    SourceLocation(file: path, line: earliest.line, column: 1),
                    "the previous roster starts with a shift dated \(earliest.date), not before this period (\(first) …): give the roster published before it (its days in this period are kept)"
                ))
        }
        let ids = Set(team.map(\.id))
        if !rows.isEmpty, !rows.contains(where: { ids.contains($0.agent) }) {
            notices.append(
                "\(path): none of the previous roster's agents is in the team, so no rest or days in a row is carried in"
            )
        }
    }
}

@inline(__always)
func rostering<T>(_ body: () throws(RosteringError) -> T) throws(PlanningError) -> T {
    do { return try body() } catch { throw .rostering(error) }
}
