import StaffcastCore

/// One agent's shift on one date, with its break and what they do in it.
public struct RosterShift: Sendable, Equatable {
    public var agent: String
    public var date: CivilDate
    public var template: String
    /// UTC instants (seconds since 1970).
    public var start: Int64
    public var end: Int64
    public var breakStart: Int64?
    public var breakEnd: Int64?
    /// Consecutive blocks of one channel, in time order, covering the shift less its break.
    public var activities: [ActivityBlock]
    public var paidHours: Double
}

public struct ActivityBlock: Sendable, Equatable {
    public var channel: String
    public var start: Int64
    public var end: Int64
}

/// An agent's paid hours in the period against their contract.
public struct AgentHours: Sendable, Equatable {
    public var agent: String
    public var hours: Double
    public var contractMin: Double
    public var contractMax: Double
    public var shifts: Int
}

/// Required versus rostered agents on one channel in one interval (agents on break excluded).
/// For a deferred channel `rostered` counts the agents working it, idle time from other channels
/// included, and `late` the agent-intervals of its work that missed the deadline.
public struct ChannelCoverage: Sendable, Equatable {
    public var channel: String
    public var instant: Int64
    public var required: Int
    public var rostered: Int
}

/// An interval left short, with the reason.
public struct UncoveredInterval: Sendable, Equatable {
    public var channel: String
    public var instant: Int64
    public var shortfall: Int
    public var cause: String
}

/// The published roster: shifts, hours, coverage, what stays uncovered and the objective's parts.
public struct Roster: Sendable, Equatable {
    public var shifts: [RosterShift]
    public var hours: [AgentHours]
    public var coverage: [ChannelCoverage]
    public var uncovered: [UncoveredInterval]
    public var objective: RosterObjective
    /// Accepted oddities (an agent whose contract minimum cannot be met, …).
    public var warnings: [String]
    /// The published days this roster changes (``RosterInput/published``), with the reason.
    public var changes: [RosterChange] = []
}

/// The objective's parts; `total` is what the solver minimises.
public struct RosterObjective: Sendable, Equatable {
    public var underCover: Double
    public var overCover: Double
    public var requests: Double
    public var fairness: Double
    public var switches: Double
    public var preferences: Double
    /// Published days changed, at ``RosterWeights/publishedChange`` each.
    public var changes: Double = 0
    public var total: Double { underCover + overCover + requests + fairness + switches + preferences + changes }
}

extension Roster {
    /// `roster.csv` (``RosterFile``).
    public func csv(team: [Agent], calendar: PlanningCalendar) -> String {
        RosterFile.write(self, team: team, calendar: calendar)
    }

    /// `agent_hours.csv`: `agent,shifts,hours,contract_min,contract_max`.
    public func hoursCSV() -> String {
        var table = CSVTable(header: ["agent", "shifts", "hours", "contract_min", "contract_max"])
        for row in hours {
            table.append([
                row.agent, String(row.shifts), Self.number(row.hours), Self.number(row.contractMin),
                Self.number(row.contractMax),
            ])
        }
        return table.render()
    }

    /// `uncovered.csv`: `timestamp,channel,shortfall,cause`.
    public func uncoveredCSV(calendar: PlanningCalendar) -> String {
        var table = CSVTable(header: ["timestamp", "channel", "shortfall", "cause"])
        for row in uncovered {
            table.append([calendar.format(row.instant), row.channel, String(row.shortfall), row.cause])
        }
        return table.render()
    }

    /// Shortest text that reads back as the same Double.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
