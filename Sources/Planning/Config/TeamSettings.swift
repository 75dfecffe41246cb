import Rostering

/// The team a plan rosters (config `"team"`): the agents, their requests and the previous week's
/// roster for the rest rule across the week boundary. Paths resolved against the config's folder.
///
/// ```json
/// "team": { "agents": "webshop_team.csv", "requests": "webshop_requests.csv",
///           "previous_roster": "reports/2026-W01/roster.csv", "moves": 4800, "weeks": 4,
///           "seconds": 60, "rules": "nl-atw" }
/// ```
public struct TeamSettings: Sendable, Equatable {
    public var agentsPath: String
    public var agentsPathAsWritten: String
    public var requestsPath: String?
    public var requestsPathAsWritten: String?
    public var previousRosterPath: String?
    /// Ruin-and-recreate moves of the roster search (default 30 per agent).
    public var moves: Int?
    /// Consecutive weeks rostered as one period, 1–6 (`"weeks"`, default 1).
    public var weeks = 1
    /// The roster search's time limit in seconds (`"seconds"`); nil: the moves alone bound it.
    public var seconds: Double? = nil
    /// Working-time rules the roster keeps (`"rules"`: a preset's name or an object of rule keys,
    /// ``WorkingTimeRulesReader``); nil: none beyond the agents' own and the 11 h rest.
    public var rules: WorkingTimeRules? = nil

    public init(
        agentsPath: String, agentsPathAsWritten: String, requestsPath: String? = nil,
        requestsPathAsWritten: String? = nil,
        previousRosterPath: String? = nil, moves: Int? = nil
    ) {
        self.agentsPath = agentsPath
        self.agentsPathAsWritten = agentsPathAsWritten
        self.requestsPath = requestsPath
        self.requestsPathAsWritten = requestsPathAsWritten
        self.previousRosterPath = previousRosterPath
        self.moves = moves
    }
}
