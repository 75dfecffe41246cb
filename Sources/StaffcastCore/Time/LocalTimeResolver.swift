import Foundation

/// The UTC offset of a planning calendar at many instants, fast: ``PlanningCalendar/utcOffset(at:)``
/// asks Foundation every time, which a 5-million-row history cannot afford.
///
/// Instants are grouped in 15-minute buckets. A bucket whose first and last second have the
/// same offset has no transition inside it (transitions are at least months apart), so the
/// offset holds for the whole bucket; a bucket holding a transition asks Foundation per instant.
/// Buckets are cached direct-mapped, so memory stays fixed and sorted or unsorted input are both
/// quick.
public struct OffsetCache: Sendable {
    public let calendar: PlanningCalendar
    private let fixedOffset: Int?
    private var keys: [Int64]
    private var offsets: [Int]
    private static let bucketSeconds: Int64 = 900
    private static let slots = 4096
    /// Marks a bucket that contains a transition.
    private static let irregular = Int.min

    public init(calendar: PlanningCalendar) {
        self.calendar = calendar
        let zone = calendar.timeZone
        let isFixed = zone.identifier == "UTC" || zone.identifier == "GMT"
        fixedOffset = isFixed ? zone.secondsFromGMT() : nil
        keys = Array(repeating: Int64.min, count: Self.slots)
        offsets = Array(repeating: 0, count: Self.slots)
    }

    /// The offset in seconds in force at `instant`.
    public mutating func offset(at instant: Int64) -> Int {
        if let fixedOffset { return fixedOffset }
        let bucket =
            instant >= 0 ? instant / Self.bucketSeconds : (instant - Self.bucketSeconds + 1) / Self.bucketSeconds
        let slot = Int(UInt64(bitPattern: bucket) % UInt64(Self.slots))
        if keys[slot] != bucket {
            let start = bucket &* Self.bucketSeconds
            let first = calendar.utcOffset(at: start)
            let last = calendar.utcOffset(at: start &+ Self.bucketSeconds &- 1)
            keys[slot] = bucket
            offsets[slot] = first == last ? first : Self.irregular
        }
        let cached = offsets[slot]
        return cached == Self.irregular ? calendar.utcOffset(at: instant) : cached
    }

    /// The local wall-clock reading at `instant`.
    public mutating func local(_ instant: Int64) -> LocalDateTime {
        LocalDateTime(utcSeconds: instant + Int64(offset(at: instant)))
    }

    /// ISO 8601 with the offset in force, exactly as ``PlanningCalendar/format(_:)``.
    public mutating func format(_ instant: Int64) -> String {
        let offset = offset(at: instant)
        return LocalDateTime(utcSeconds: instant + Int64(offset)).description + PlanningCalendar.formatOffset(offset)
    }
}

/// Turns local wall-clock readings (timestamps written without an offset) into instants in a
/// planning calendar, refusing the readings a DST change makes ambiguous or non-existent.
///
/// Results are cached per local hour: an hour whose first and last second each map to a single
/// instant with the same offset holds no transition, so every reading in it maps with that offset.
/// Other hours (a fall-back repeat, a spring-forward gap) are resolved reading by reading.
public struct LocalTimeResolver: Sendable {
    public let calendar: PlanningCalendar
    private let fixedOffset: Int?
    private var keys: [Int64]
    private var offsets: [Int]
    private static let slots = 1024
    private static let irregular = Int.min

    public init(calendar: PlanningCalendar) {
        self.calendar = calendar
        let zone = calendar.timeZone
        fixedOffset = zone.identifier == "UTC" || zone.identifier == "GMT" ? zone.secondsFromGMT() : nil
        keys = Array(repeating: Int64.min, count: Self.slots)
        offsets = Array(repeating: 0, count: Self.slots)
    }

    /// The instants of a local reading: one, two (the repeated hour when the clocks go back, in
    /// time order) or none (the hour skipped when they go forward).
    public enum Instants: Equatable, Sendable {
        case one(Int64)
        case two(Int64, Int64)
        case none
    }

    /// The instants whose local reading is `wallSeconds`.
    public mutating func instants(wallSeconds wall: Int64) -> Instants {
        if case .success(let instant) = resolve(wallSeconds: wall) { return .one(instant) }
        let candidates = calendar.instants(for: LocalDateTime(utcSeconds: wall))
        guard let first = candidates.first, let last = candidates.last, candidates.count >= 2 else { return .none }
        return .two(first, last)
    }

    /// Why `wallSeconds` has no single instant (for messages); nil when it has one.
    public func problem(wallSeconds wall: Int64) -> TimestampError? {
        if case .failure(let error) = resolveSlowly(wall) { return error }
        return nil
    }

    /// The instant of the local reading `wallSeconds` (seconds since 1970-01-01T00:00 local),
    /// or why there is none or more than one.
    public mutating func resolve(wallSeconds wall: Int64) -> Result<Int64, TimestampError> {
        if let fixedOffset { return .success(wall - Int64(fixedOffset)) }
        let hour = wall >= 0 ? wall / 3600 : (wall - 3599) / 3600
        let slot = Int(UInt64(bitPattern: hour) % UInt64(Self.slots))
        if keys[slot] != hour {
            keys[slot] = hour
            let start = hour &* 3600
            let first = calendar.instants(for: LocalDateTime(utcSeconds: start))
            let last = calendar.instants(for: LocalDateTime(utcSeconds: start + 3599))
            if first.count == 1, last.count == 1, start - first[0] == start + 3599 - last[0] {
                offsets[slot] = Int(start - first[0])
            } else {
                offsets[slot] = Self.irregular
            }
        }
        if offsets[slot] != Self.irregular { return .success(wall - Int64(offsets[slot])) }
        return resolveSlowly(wall)
    }

    private func resolveSlowly(_ wall: Int64) -> Result<Int64, TimestampError> {
        let local = LocalDateTime(utcSeconds: wall)
        let candidates = calendar.instants(for: local)
        let reading = String(local.description.prefix(16)).replacingOccurrences(of: "T", with: " ")
        let zone = calendar.identifier
        if candidates.count == 1 { return .success(candidates[0]) }
        if candidates.count > 1 {
            let offsets = candidates.map { PlanningCalendar.formatOffset(Int(wall - $0)) }
            let example = local.description + offsets[0]
            return .failure(
                TimestampError(
                    "\(reading) is ambiguous in \(zone) (DST ends: the clocks go back, so it occurs at \(offsets.joined(separator: " and again at "))); "
                        + "write it with its offset, e.g. \(example)"))
        }
        let before = calendar.utcOffset(at: wall - 18 * 3600)
        let after = calendar.utcOffset(at: wall + 18 * 3600)
        let jump = Durations.format(max(60, abs(after - before)))
        return .failure(
            TimestampError(
                "\(reading) does not exist in \(zone) (DST starts: the clocks jump forward \(jump)); "
                    + "write timestamps with their offset, e.g. \(calendar.format(wall - Int64(before)))"))
    }
}
