import Foundation
import Queueing
import Rostering
import Scheduling
import StaffcastCore

/// The roster stage of the pipeline: the week's requirement per channel and interval (scheduled
/// heads), the team and its requests, the templates of the shift stage, the previous week's roster
/// for the rest rule across the boundary → named agents on shifts and channels (`Rostering`).
/// Deferred-work channels (`"deadline"`) lend their deadline to the roster, whose idle time fills it.
public enum RosterStage {
    /// The folder of a published week that holds the agents' calendars.
    public static let calendarsFolder = "calendars"

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
        dates: [CivilDate], source: String
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
        let previousRows =
            try settings.previousRosterPath.map { path throws(PlanningError) in
                try rostering { () throws(RosteringError) in try RosterFile.read(path: path, calendar: calendar) }
            } ?? []
        if let path = settings.previousRosterPath {
            try checkPrevious(previousRows, path: path, team: team, dates: dates, notices: &notices)
        }
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
        return result
    }

    /// The previous roster must be of the weeks before this period: a shift dated in the period or
    /// later is refused (the rest rule across the boundary would be off), and a roster none of
    /// whose agents is in the team is said in a warning.
    static func checkPrevious(
        _ rows: [RosterFile.Row], path: String, team: [Agent], dates: [CivilDate], notices: inout [String]
    ) throws(PlanningError) {
        guard let first = dates.first else { return }
        if let late = rows.first(where: { $0.date >= first }) {
            throw .rostering(
                .badData(
                    SourceLocation(file: path, line: late.line, column: 1),
                    "the previous roster has a shift dated \(late.date), not before this period (\(first) …): give the roster of the weeks before"
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
