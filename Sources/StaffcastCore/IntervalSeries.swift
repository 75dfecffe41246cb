/// Contact volumes of one channel on a regular grid of intervals, each labelled by its start.
///
/// `contacts[i]` belongs to the interval starting at `start + i · intervalSeconds` (UTC
/// instants, so a DST day simply has 46 or 50 half-hours). `nil` means *unknown* — the interval
/// is absent from the history (an outage, a day not exported) — which is never the same as zero.
public struct IntervalSeries: Sendable, Equatable {
    public var channel: String
    public var intervalSeconds: Int
    /// Start of the first interval, seconds since the Unix epoch.
    public var start: Int64
    /// Contacts offered per interval; nil = unknown.
    public var contacts: [Double?]
    /// Average handle time per interval in seconds; nil where the history gives none.
    public var ahtSeconds: [Double?]
    /// Contacts abandoned per interval, when the history gives them (nil otherwise).
    public var abandoned: [Double?]?

    public init(
        channel: String, intervalSeconds: Int, start: Int64,
        contacts: [Double?], ahtSeconds: [Double?]? = nil, abandoned: [Double?]? = nil
    ) {
        self.channel = channel
        self.intervalSeconds = intervalSeconds
        self.start = start
        self.contacts = contacts
        self.ahtSeconds = ahtSeconds ?? Array(repeating: nil, count: contacts.count)
        self.abandoned = abandoned
    }

    public var count: Int { contacts.count }

    /// Start instant of interval `index`.
    public func instant(at index: Int) -> Int64 { start + Int64(index) * Int64(intervalSeconds) }

    /// End of the last interval (exclusive).
    public var end: Int64 { instant(at: count) }

    /// Index of the interval starting at `instant`, if it is on this grid and within range.
    public func index(of instant: Int64) -> Int? {
        let offset = instant - start
        guard offset >= 0, offset % Int64(intervalSeconds) == 0 else { return nil }
        let i = Int(offset / Int64(intervalSeconds))
        return i < count ? i : nil
    }

    /// The series cut to intervals starting before `instant` (a forecast origin).
    public func truncated(before instant: Int64) -> IntervalSeries {
        var copy = self
        let n = max(0, min(count, Int((instant - start + Int64(intervalSeconds) - 1) / Int64(intervalSeconds))))
        copy.contacts = Array(contacts.prefix(n))
        copy.ahtSeconds = Array(ahtSeconds.prefix(n))
        copy.abandoned = abandoned.map { Array($0.prefix(n)) }
        return copy
    }

    /// Number of intervals with a known volume.
    public var knownCount: Int { contacts.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
}

/// Everything read from a history file: one series per channel, sorted by channel name, all on
/// the same interval and the same planning calendar.
public struct ContactHistory: Sendable, Equatable {
    public var calendar: PlanningCalendar
    public var intervalSeconds: Int
    public var series: [IntervalSeries]
    /// Accepted oddities, each naming its line ("line 12: blank line skipped").
    public var warnings: [String]
    /// What intervals absent from the file were taken to be.
    public var missingRows: MissingRows
    /// How many absent intervals within the channels' spans were read as zero.
    public var zeroFilledIntervals: Int
    /// The first line whose timestamp carried a UTC offset other than zero (nil when none did):
    /// a file written in a zone other than UTC, whose planning zone should be named.
    public var firstNonUTCOffsetLine: Int?

    public init(
        calendar: PlanningCalendar, intervalSeconds: Int, series: [IntervalSeries], warnings: [String] = [],
        missingRows: MissingRows = .unknown, zeroFilledIntervals: Int = 0, firstNonUTCOffsetLine: Int? = nil
    ) {
        self.calendar = calendar
        self.intervalSeconds = intervalSeconds
        self.series = series.sorted { $0.channel < $1.channel }
        self.warnings = warnings
        self.missingRows = missingRows
        self.zeroFilledIntervals = zeroFilledIntervals
        self.firstNonUTCOffsetLine = firstNonUTCOffsetLine
    }

    public var channels: [String] { series.map(\.channel) }

    public func series(for channel: String) -> IntervalSeries? { series.first { $0.channel == channel } }
}
