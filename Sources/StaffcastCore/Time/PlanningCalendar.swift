import Foundation

/// The local clock of the planning site: an IANA time zone that turns instants into the local
/// date, weekday and time of day that drive intraday patterns. DST days are 23 or 25 hours long.
///
/// Instants are whole seconds since 1970-01-01T00:00:00Z (`Int64`), the one time type of the
/// pipeline; local wall-clock values are ``LocalDateTime``.
public struct PlanningCalendar: Sendable, Equatable {
    public let timeZone: TimeZone
    /// The zone's offsets from 1970 to 2100, read once (see ``ZoneOffsets``).
    private let offsets: ZoneOffsets

    /// The zone's IANA identifier (`Europe/Amsterdam`, `UTC`). Foundation on Linux names the
    /// zone it returns for "UTC" "GMT"; the planner asked for UTC, so that is what reports say.
    public var identifier: String { timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier }

    /// - Throws: ``CoreError/unknownTimeZone(_:)`` when `identifier` is not an IANA zone.
    public init(identifier: String) throws(CoreError) {
        let name = identifier == "Z" ? "UTC" : identifier
        // Foundation accepts abbreviations such as "EST"; a planner must name a real IANA zone.
        // ICU's list lags the tz database (it has Asia/Calcutta but not Asia/Kolkata), so an
        // Area/Location name that the system's tz database holds is accepted too.
        guard
            name == "UTC" || name == "GMT" || TimeZone.knownTimeZoneIdentifiers.contains(name)
                || Self.isSystemZoneName(name),
            let zone = TimeZone(identifier: name)
        else {
            throw .unknownTimeZone(identifier)
        }
        self.timeZone = zone
        self.offsets = ZoneOffsets(zone)
    }

    private init(zone: TimeZone) {
        self.timeZone = zone
        self.offsets = ZoneOffsets(zone)
    }

    /// UTC, the calendar of files whose timestamps carry offsets (Foundation always knows the
    /// zone; `.gmt` is the same zone by another name).
    public static let utc = PlanningCalendar(zone: TimeZone(identifier: "UTC") ?? .gmt)

    /// Whether `name` is an `Area/Location` zone of the system's tz database (/usr/share/zoneinfo).
    static func isSystemZoneName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }),
            let area = parts.first, area.first?.isUppercase == true,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/_-+".contains($0)) })
        else { return false }
        for directory in ["/usr/share/zoneinfo/", "/usr/lib/zoneinfo/", "/usr/share/lib/zoneinfo/"] {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + name, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                return true
            }
        }
        return false
    }

    /// Offset from UTC, in seconds, in force at `instant`.
    public func utcOffset(at instant: Int64) -> Int {
        offsets.offset(at: instant) ?? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    /// The local wall-clock reading at `instant`.
    public func local(_ instant: Int64) -> LocalDateTime {
        LocalDateTime(utcSeconds: instant + Int64(utcOffset(at: instant)))
    }

    /// The instants whose local reading is `local`: one normally, two in a fall-back hour,
    /// none in a spring-forward gap.
    public func instants(for local: LocalDateTime) -> [Int64] {
        let wall = local.wallSeconds
        // Offsets in force within a day of the wall time cover every transition.
        var candidates = Set<Int>()
        for probe in stride(from: -36 * 3600, through: 36 * 3600, by: 6 * 3600) {
            candidates.insert(utcOffset(at: wall + Int64(probe)))
        }
        return candidates.map { wall - Int64($0) }
            .filter { utcOffset(at: $0) == Int(wall - $0) }
            .sorted()
    }

    /// The first instant of the local day `date` (local midnight, or the first existing time).
    public func startOfDay(_ date: CivilDate) -> Int64 {
        var local = LocalDateTime(date: date, secondsOfDay: 0)
        while true {
            if let first = instants(for: local).first { return first }
            local = LocalDateTime(utcSeconds: local.wallSeconds + 900)
        }
    }

    /// Length of the local day in seconds (82,800 or 90,000 on DST days).
    public func lengthOfDay(_ date: CivilDate) -> Int {
        Int(startOfDay(date.adding(days: 1)) - startOfDay(date))
    }

    /// ISO 8601 with the offset in force: `2025-10-26T02:15:00+01:00`, or `Z` at offset zero.
    public func format(_ instant: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(25)
        Self.appendTimestamp(instant, offset: utcOffset(at: instant), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `format(instant)`'s bytes appended to `bytes`, given the offset in force at `instant`
    /// (an ``OffsetCache`` knows it without asking the zone per row).
    public static func appendTimestamp(_ instant: Int64, offset: Int, to bytes: inout [UInt8]) {
        let local = LocalDateTime(utcSeconds: instant + Int64(offset))
        let date = local.date
        guard (0...9999).contains(date.year) else {
            bytes.append(contentsOf: (local.description + formatOffset(offset)).utf8)
            return
        }
        @inline(__always) func two(_ value: Int) {
            bytes.append(UInt8(48 + value / 10 % 10))
            bytes.append(UInt8(48 + value % 10))
        }
        two(date.year / 100)
        two(date.year % 100)
        bytes.append(45)
        two(date.month)
        bytes.append(45)
        two(date.day)
        bytes.append(84)
        two(local.secondsOfDay / 3600)
        bytes.append(58)
        two(local.secondsOfDay / 60 % 60)
        bytes.append(58)
        two(local.secondsOfDay % 60)
        if offset == 0 {
            bytes.append(90)
        } else {
            let minutes = abs(offset) / 60
            bytes.append(offset < 0 ? 45 : 43)
            two(minutes / 60)
            bytes.append(58)
            two(minutes % 60)
        }
    }

    public static func formatOffset(_ offset: Int) -> String {
        if offset == 0 { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        let h = minutes / 60
        let m = minutes % 60
        return sign + (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    public static func == (a: PlanningCalendar, b: PlanningCalendar) -> Bool {
        a.identifier == b.identifier
    }
}

/// A local wall-clock reading: a date and the seconds since local midnight.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: CivilDate
    public let secondsOfDay: Int

    public init(date: CivilDate, secondsOfDay: Int) {
        self.date = date
        self.secondsOfDay = secondsOfDay
    }

    /// Reads wall-clock seconds since 1970-01-01T00:00 (as if the clock were UTC).
    public init(utcSeconds: Int64) {
        let days = Int((utcSeconds >= 0 ? utcSeconds : utcSeconds - 86_399) / 86_400)
        self.date = CivilDate(daysSinceEpoch: days)
        self.secondsOfDay = Int(utcSeconds - Int64(days) * 86_400)
    }

    /// Wall-clock seconds since 1970-01-01T00:00 (as if the clock were UTC).
    public var wallSeconds: Int64 { Int64(date.daysSinceEpoch) * 86_400 + Int64(secondsOfDay) }

    /// ISO weekday of the date: 1 = Monday … 7 = Sunday.
    public var weekday: Int { date.weekday }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.wallSeconds < b.wallSeconds }

    /// `YYYY-MM-DDTHH:MM:SS`.
    public var description: String {
        let h = secondsOfDay / 3600
        let m = secondsOfDay / 60 % 60
        let s = secondsOfDay % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(date)T\(two(h)):\(two(m)):\(two(s))"
    }
}
