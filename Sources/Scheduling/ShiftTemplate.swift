/// A kind of shift agents can work: its paid length and when it may start.
///
/// Lengths and start times are whole numbers of requirement intervals, so a template lines up
/// with the half-hours (or quarter-hours) it covers.
public struct ShiftTemplate: Sendable, Equatable {
    public var name: String
    /// Length in seconds, breaks included.
    public var lengthSeconds: Int
    /// Earliest and latest local start, seconds after midnight (inclusive).
    public var earliestStartSeconds: Int
    public var latestStartSeconds: Int
    /// Spacing of allowed starts in seconds (e.g. 1800: any half hour).
    public var startEverySeconds: Int
    /// Relative cost per agent-hour (1 = plain time).
    public var costPerHour: Double

    public init(name: String, lengthSeconds: Int, earliestStartSeconds: Int = 0, latestStartSeconds: Int = 86_400 - 1800,
                startEverySeconds: Int = 1800, costPerHour: Double = 1) {
        self.name = name
        self.lengthSeconds = lengthSeconds
        self.earliestStartSeconds = earliestStartSeconds
        self.latestStartSeconds = latestStartSeconds
        self.startEverySeconds = startEverySeconds
        self.costPerHour = costPerHour
    }
}
