/// Which local slots of the week a channel is open, learned from history: a slot (ISO weekday ×
/// local time of day) is open when it carried volume; slots that never carry volume are closed.
///
/// Slots are keyed by local clock time, so a site open 08:00–20:00 stays open 08:00–20:00 across
/// DST changes. The repeated hour of a fall-back day maps onto the same slots as the first pass.
public struct OpeningHours: Sendable, Equatable {
    public let intervalSeconds: Int
    /// open[(weekday - 1) * slotsPerDay + slotOfDay]
    private var open: [Bool]

    public var slotsPerDay: Int { 86_400 / intervalSeconds }

    public init(intervalSeconds: Int, open: [Bool]) {
        precondition(
            86_400 % intervalSeconds == 0 && open.count == 7 * 86_400 / intervalSeconds,
            "OpeningHours: grid must divide the day")
        self.intervalSeconds = intervalSeconds
        self.open = open
    }

    /// Always open (a 24/7 channel).
    public static func always(intervalSeconds: Int) -> OpeningHours {
        OpeningHours(
            intervalSeconds: intervalSeconds, open: Array(repeating: true, count: 7 * 86_400 / intervalSeconds))
    }

    /// Learns the hours of `series`: a slot of the week is open when at least `minimumShare` of
    /// its known observations (and at least one) carry volume. The default 0.1 keeps a slot that
    /// is busy most weeks open even if a few weeks were quiet, and closes slots with a single
    /// stray contact in a long history.
    public static func learn(
        from series: IntervalSeries, calendar: PlanningCalendar,
        minimumShare: Double = 0.1
    ) -> OpeningHours {
        let perDay = 86_400 / series.intervalSeconds
        var positive = Array(repeating: 0, count: 7 * perDay)
        var known = Array(repeating: 0, count: 7 * perDay)
        for i in 0..<series.count {
            guard let v = series.contacts[i] else { continue }
            let slot = slotOfWeek(
                calendar.local(series.instant(at: i)), perDay: perDay, interval: series.intervalSeconds)
            known[slot] += 1
            if v > 0 { positive[slot] += 1 }
        }
        let open = (0..<(7 * perDay)).map { s in
            positive[s] >= 1 && Double(positive[s]) >= minimumShare * Double(known[s])
        }
        return OpeningHours(intervalSeconds: series.intervalSeconds, open: open)
    }

    static func slotOfWeek(_ local: LocalDateTime, perDay: Int, interval: Int) -> Int {
        (local.weekday - 1) * perDay + min(perDay - 1, local.secondsOfDay / interval)
    }

    /// Slot index within the week (0 ..< 7 · slotsPerDay) of a local time.
    public func slotOfWeek(_ local: LocalDateTime) -> Int {
        Self.slotOfWeek(local, perDay: slotsPerDay, interval: intervalSeconds)
    }

    public func isOpen(_ local: LocalDateTime) -> Bool { open[slotOfWeek(local)] }

    public func isOpen(weekday: Int, slotOfDay: Int) -> Bool { open[(weekday - 1) * slotsPerDay + slotOfDay] }

    /// Open slots of a weekday as half-open ranges of seconds of day, e.g. [(25200, 75600)].
    public func openRanges(weekday: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var begin: Int? = nil
        for s in 0...slotsPerDay {
            let isOpen = s < slotsPerDay && open[(weekday - 1) * slotsPerDay + s]
            if isOpen, begin == nil { begin = s }
            if !isOpen, let b = begin {
                ranges.append(b * intervalSeconds..<s * intervalSeconds)
                begin = nil
            }
        }
        return ranges
    }

    public var openSlotCount: Int { open.reduce(0) { $0 + ($1 ? 1 : 0) } }
}
