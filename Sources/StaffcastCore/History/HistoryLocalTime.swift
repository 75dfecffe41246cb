import Foundation

/// What a history's timestamps said about time zones, kept while reading and turned into
/// warnings (or refusals) at the end:
///
/// - the repeated autumn hour of a local-time export, resolved in file order: the first row of a
///   channel (and queue) at 02:30 is the earlier instant, the second the later; a third is a
///   duplicate. A single row for the repeated hour is warned about (an hourly export may have
///   merged both hours into it). In a list of contacts the second pass starts where the clock
///   reading goes back.
/// - rows with and without offsets in one file: each row must be an exact instant, so the
///   repeated hour cannot be read in file order there;
/// - UTC offsets that change other than as the planning zone's DST does;
/// - rows in the skipped spring hour that carry no contacts (dropped).
struct LocalTimeBook {
    struct Key: Hashable {
        var wall: Int64
        var channel: Int32
        var source: Int32
    }

    private var fileOrderRows: [Key: [Int]] = [:]
    private var keyOrder: [Key] = []
    private(set) var firstLocalLine: Int? = nil
    private(set) var firstOffsetLine: Int? = nil
    private(set) var firstNonUTCOffsetLine: Int? = nil
    private var lastOffset: (offset: Int, line: Int, instant: Int64)? = nil
    private var mixedOffset: (line: Int, offset: Int, earlierLine: Int, earlierOffset: Int)? = nil
    private var skipped: (count: Int, line: Int, wall: Int64) = (0, 0, 0)
    private var contactPasses: [Int32: (day: Int64, latest: Int64, second: Bool)] = [:]
    private var secondPass: (count: Int, line: Int) = (0, 0)

    mutating func noteLocal(line: Int) {
        if firstLocalLine == nil { firstLocalLine = line }
    }

    mutating func noteExact(_ instant: Int64, offset: Int, line: Int, offsets: inout OffsetCache) {
        if firstOffsetLine == nil { firstOffsetLine = line }
        if offset != 0 && firstNonUTCOffsetLine == nil { firstNonUTCOffsetLine = line }
        if let last = lastOffset, last.offset != offset, mixedOffset == nil {
            // A change the planning zone makes itself (DST) is no mixture.
            let zoneChange = offsets.offset(at: last.instant) == last.offset && offsets.offset(at: instant) == offset
            if !zoneChange { mixedOffset = (line, offset, last.line, last.offset) }
        }
        lastOffset = (offset, line, instant)
    }

    mutating func noteSkipped(line: Int, wall: Int64) {
        if skipped.count == 0 {
            skipped.line = line
            skipped.wall = wall
        }
        skipped.count += 1
    }

    /// The instant of a row in the repeated hour, by its place in the file.
    mutating func fileOrder(
        wall: Int64, first: Int64, second: Int64, channel: Int32, source: Int32, line: Int,
        location: SourceLocation, resolver: LocalTimeResolver
    ) throws(CoreError) -> Int64 {
        if let offsetLine = firstOffsetLine {
            let why = resolver.problem(wallSeconds: wall)?.message ?? "this local time is ambiguous"
            throw .badData(
                location,
                "\(why); other rows of this file carry UTC offsets (line \(offsetLine)), so every row must be an exact instant"
            )
        }
        let key = Key(wall: wall, channel: channel, source: source)
        var lines = fileOrderRows[key] ?? []
        if lines.isEmpty { keyOrder.append(key) }
        guard lines.count < 2 else {
            throw .badData(
                location,
                "duplicate row: \(Self.reading(wall)) occurs twice when the clocks go back, but lines \(lines[0]), \(lines[1]) and \(line) all give it for the same channel; keep two of them"
            )
        }
        lines.append(line)
        fileOrderRows[key] = lines
        return lines.count == 1 ? first : second
    }

    /// The instant of a contact in the repeated hour: the first pass until the clock reading goes
    /// back, the second pass after.
    mutating func contactOrder(wall: Int64, first: Int64, second: Int64, channel: Int32, line: Int) -> Int64 {
        let hourMark = wall / 86_400  // the day: the clocks go back at most once a day
        var state = contactPasses[channel] ?? (hourMark, wall, false)
        if state.day != hourMark { state = (hourMark, wall, false) }
        if !state.second && wall < state.latest {
            state.second = true
            if secondPass.count == 0 { secondPass.line = line }
            secondPass.count += 1
        }
        state.latest = max(state.latest, wall)
        contactPasses[channel] = state
        return state.second ? second : first
    }

    static func reading(_ wall: Int64) -> String {
        String(LocalDateTime(utcSeconds: wall).description.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// Warnings for what was accepted; an error when the repeated hour was read in file order in a
    /// file whose other rows carry offsets.
    func finish(file: String, calendar: PlanningCalendar, channels: [String], warnings: inout [String])
        throws(CoreError)
    {
        let zone = calendar.identifier
        if let offsetLine = firstOffsetLine, let key = keyOrder.first, let line = fileOrderRows[key]?.first {
            throw .badData(
                SourceLocation(file: file, line: line, column: 1),
                "\(Self.reading(key.wall)) is ambiguous in \(zone) (the clocks go back) and has no UTC offset, while other rows carry one (line \(offsetLine)); write this row with its offset too"
            )
        }
        var pairs: [String] = []
        var singles: [String] = []
        for key in keyOrder {
            guard let lines = fileOrderRows[key] else { continue }
            let channel = Int(key.channel) < channels.count ? channels[Int(key.channel)] : "?"
            if lines.count == 2 {
                pairs.append("lines \(lines[0]) and \(lines[1]) ('\(channel)')")
            } else {
                singles.append("line \(lines[0]) ('\(channel)')")
            }
        }
        if let key = keyOrder.first {
            let shown = Self.reading(key.wall)
            if !pairs.isEmpty {
                warnings.append(
                    "\(file): \(pairs.prefix(3).joined(separator: ", "))\(pairs.count > 3 ? " and \(pairs.count - 3) more pairs" : ""): \(shown) and the other times of the repeated hour occur twice in \(zone) when the clocks go back; read in file order, the first row as the earlier hour (summer time), the second as the later"
                )
            }
            if !singles.isEmpty {
                warnings.append(
                    "\(file): \(singles.prefix(3).joined(separator: ", "))\(singles.count > 3 ? " and \(singles.count - 3) more" : ""): the repeated hour (\(shown) …) occurs twice in \(zone) when the clocks go back, but the file has one row for it; read as the first (summer-time) hour, the second is unknown — if the export merged both, this row holds two hours of contacts"
                )
            }
        }
        if secondPass.count > 0 {
            warnings.append(
                "\(file):\(secondPass.line): the clock reading goes back within the repeated hour of \(zone); from here the contacts are read as the later (winter-time) hour"
            )
        }
        if skipped.count > 0 {
            warnings.append(
                "\(file):\(skipped.line): \(Self.reading(skipped.wall)) does not exist in \(zone) (the clocks go forward); \(skipped.count == 1 ? "this row has" : "\(skipped.count) such rows have") no contacts and \(skipped.count == 1 ? "is" : "are") skipped"
            )
        }
        if let local = firstLocalLine, let offset = firstOffsetLine {
            warnings.append(
                "\(file): rows without a UTC offset (first on line \(local)) are read as local time in \(zone); rows with one (first on line \(offset)) as the instants they name"
            )
        }
        if let mixed = mixedOffset {
            warnings.append(
                "\(file):\(mixed.line): the UTC offset \(PlanningCalendar.formatOffset(mixed.offset)) differs from \(PlanningCalendar.formatOffset(mixed.earlierOffset)) on line \(mixed.earlierLine), which is not a DST change of \(zone); every row is read as the instant it names"
            )
        }
    }
}
