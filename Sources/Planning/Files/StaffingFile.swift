import Queueing
import StaffcastCore

/// A staffing plan read from `timestamp[,channel],agents` (what `simulate` replays).
public struct StaffingFile: Sendable {
    public struct Key: Hashable, Sendable {
        public var instant: Int64
        public var channel: String
        public init(instant: Int64, channel: String) {
            self.instant = instant
            self.channel = channel
        }
    }

    public var path: String
    public var agents: [Key: Int]

    /// `channels`: the channels of the arrivals; a file without a channel column serves the only one.
    public static func read(path: String, calendar: PlanningCalendar, channels: [String]) throws(PlanningError)
        -> StaffingFile
    {
        var csv = try HeadedCSV(path: path, expected: "timestamp[,channel],agents")
        guard let timeColumn = csv.column("timestamp"), let agentsColumn = csv.column("agents") else {
            throw csv.headerError(
                "expected a header with timestamp and agents columns (and channel), got '\(csv.header.fields.joined(separator: ","))'"
            )
        }
        let channelColumn = csv.column("channel")
        if channelColumn == nil, channels.count != 1 {
            throw csv.headerError(
                "the arrivals have \(channels.count) channels (\(channels.joined(separator: ", "))); add a channel column"
            )
        }
        var agents: [Key: Int] = [:]
        var lines: [Key: Int] = [:]
        while let record = try csv.next() {
            let instant = try csv.instant(record, timeColumn, calendar: calendar)
            let channel =
                try channelColumn.map { column throws(PlanningError) in try csv.name(record, column) } ?? channels[0]
            let text = record.fields[agentsColumn].trimmingCharacters(in: .whitespaces)
            guard let count = Int(text), count >= 0, count <= QueueingLimits.maximumAgents else {
                throw .core(
                    .badData(
                        record.location(ofField: agentsColumn),
                        "expected a whole number of agents from 0 to \(QueueingLimits.maximumAgents), got '\(text)'"))
            }
            let key = Key(instant: instant, channel: channel)
            if let earlier = lines[key] {
                throw .core(
                    .badData(
                        record.location(ofField: timeColumn),
                        "duplicate of line \(earlier): \(channel) at \(record.fields[timeColumn])"))
            }
            lines[key] = record.line
            agents[key] = count
        }
        guard !agents.isEmpty else { throw .core(.badFile(path: path, "has a header but no staffing rows")) }
        return StaffingFile(path: path, agents: agents)
    }
}
