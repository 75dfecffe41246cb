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
    public struct Result: Sendable {
        public var team: [Agent]
        public var roster: Roster
        /// The team and requests files as read once (the bytes parsed are the bytes the manifest hashes).
        public var teamFile: InputFile
        public var requestsFile: InputFile?
    }

    public static func roster(
        _ requirements: [RequirementRow], team settings: TeamSettings, templates: [ShiftTemplate],
        policies: [String: ChannelPolicy], intervalSeconds: Int, calendar: PlanningCalendar,
        dates: [CivilDate], source: String
    ) throws(PlanningError) -> Result {
        let teamFile = try core { () throws(CoreError) in try InputFile.read(settings.agentsPath) }
        let team = try rostering { () throws(RosteringError) in
            try TeamReader.parseTeam(data: teamFile.data, file: settings.agentsPath)
        }
        let requestsFile = try settings.requestsPath.map { path throws(PlanningError) in
            try core { () throws(CoreError) in try InputFile.read(path) }
        }
        let requests =
            try requestsFile.map { file throws(PlanningError) in
                try rostering { () throws(RosteringError) in
                    try TeamReader.parseRequests(data: file.data, file: file.path, team: team)
                }
            } ?? []
        let periodStart = calendar.startOfDay(dates[0])
        let previousRows =
            try settings.previousRosterPath.map { path throws(PlanningError) in
                try rostering { () throws(RosteringError) in try RosterFile.read(path: path, calendar: calendar) }
            } ?? []
        let previous = PreviousRoster.lastShifts(previousRows, periodStart: periodStart)
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
        let input = RosterInput(
            team: team, requests: requests, requirements: curves, templates: templates, previousShifts: previous,
            deferredChannels: deferred, moves: settings.moves)
        let roster = try rostering { () throws(RosteringError) in try RosterSolver.solve(input) }
        return Result(team: team, roster: roster, teamFile: teamFile, requestsFile: requestsFile)
    }
}

@inline(__always)
func rostering<T>(_ body: () throws(RosteringError) -> T) throws(PlanningError) -> T {
    do { return try body() } catch { throw .rostering(error) }
}
