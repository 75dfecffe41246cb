import Foundation

/// A time zone's UTC offsets from 1970 to 2100 as a sorted list of changes, read from the zone
/// once, so that the offset at an instant is a binary search instead of a call into ICU (which
/// takes a lock: reading three years of 15-minute history asked it about a million times).
///
/// The changes are the zone's transitions as Foundation reports them
/// (`nextDaylightSavingTimeTransition(after:)`: daylight saving and changes of standard offset
/// alike, e.g. Europe/Moscow 2011 and 2014, Pacific/Apia 2011), each with the offset in force from
/// that instant on. Instants outside the range, or a zone whose transitions cannot be read
/// as whole seconds, are left to the zone (``offset(at:)`` returns nil).
final class ZoneOffsets: Sendable {
    /// 1970-01-01T00:00:00Z and 2100-01-01T00:00:00Z.
    static let range: Range<Int64> = 0..<4_102_444_800

    /// `starts[k]` is the first instant of `offsets[k]`; `starts[0]` is the range's start.
    private let starts: [Int64]
    private let offsets: [Int]

    init(_ zone: TimeZone) {
        let range = Self.range
        var starts: [Int64] = [range.lowerBound]
        var offsets = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(range.lowerBound)))]
        var after = Date(timeIntervalSince1970: TimeInterval(range.lowerBound))
        let end = Date(timeIntervalSince1970: TimeInterval(range.upperBound))
        while let next = zone.nextDaylightSavingTimeTransition(after: after), next < end {
            guard let instant = Int64(exactly: next.timeIntervalSince1970), instant > starts[starts.count - 1] else {
                // Not a whole second, or not after the last: leave every instant to the zone.
                starts = []
                offsets = []
                break
            }
            starts.append(instant)
            offsets.append(zone.secondsFromGMT(for: next))
            after = next
        }
        self.starts = starts
        self.offsets = offsets
    }

    /// The offset in force at `instant`, or nil when the list does not cover it.
    @inline(__always) func offset(at instant: Int64) -> Int? {
        guard Self.range.contains(instant), !starts.isEmpty else { return nil }
        // The last change at or before `instant`.
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= instant { low = middle } else { high = middle }
        }
        return offsets[low]
    }
}
