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
}

/// The objective's parts; `total` is what the solver minimises.
public struct RosterObjective: Sendable, Equatable {
    public var underCover: Double
    public var overCover: Double
    public var requests: Double
    public var fairness: Double
    public var switches: Double
    public var preferences: Double
    public var total: Double { underCover + overCover + requests + fairness + switches + preferences }
}

extension Roster {
    /// `roster.csv`: one row per activity block, the shift's fields repeated:
    /// `agent,name,date,shift_start,shift_end,break_start,break_end,channel,activity_start,activity_end`.
    public func csv(team: [Agent], calendar: PlanningCalendar) -> String {
        let names = Dictionary(team.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var text = "agent,name,date,shift_start,shift_end,break_start,break_end,channel,activity_start,activity_end\n"
        for shift in shifts {
            for block in shift.activities {
                let fields = [
                    shift.agent, names[shift.agent] ?? "", shift.date.description, calendar.format(shift.start),
                    calendar.format(shift.end),
                    shift.breakStart.map(calendar.format) ?? "", shift.breakEnd.map(calendar.format) ?? "",
                    block.channel, calendar.format(block.start), calendar.format(block.end),
                ]
                text += fields.map(Self.quoted).joined(separator: ",") + "\n"
            }
        }
        return text
    }

    /// `agent_hours.csv`: `agent,shifts,hours,contract_min,contract_max`.
    public func hoursCSV() -> String {
        var text = "agent,shifts,hours,contract_min,contract_max\n"
        for row in hours {
            text +=
                "\(Self.quoted(row.agent)),\(row.shifts),\(Self.number(row.hours)),\(Self.number(row.contractMin)),\(Self.number(row.contractMax))\n"
        }
        return text
    }

    /// `roster_coverage.csv`: `timestamp,channel,required,rostered,gap`.
    public func coverageCSV(calendar: PlanningCalendar) -> String {
        var text = "timestamp,channel,required,rostered,gap\n"
        for row in coverage {
            text +=
                "\(calendar.format(row.instant)),\(Self.quoted(row.channel)),\(row.required),\(row.rostered),\(row.rostered - row.required)\n"
        }
        return text
    }

    /// `uncovered.csv`: `timestamp,channel,shortfall,cause`.
    public func uncoveredCSV(calendar: PlanningCalendar) -> String {
        var text = "timestamp,channel,shortfall,cause\n"
        for row in uncovered {
            text +=
                "\(calendar.format(row.instant)),\(Self.quoted(row.channel)),\(row.shortfall),\(Self.quoted(row.cause))\n"
        }
        return text
    }

    static func quoted(_ field: String) -> String {
        CSVText.field(field)
    }

    /// Shortest text that reads back as the same Double.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
