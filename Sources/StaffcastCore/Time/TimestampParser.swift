import Foundation

/// How a timestamp was written. One file must stick to one way, so a column that switches (a
/// paste from another export, half the rows without offset) is caught at its first odd line.
public struct TimestampStyle: Sendable, Equatable, CustomStringConvertible {
    public enum Offset: Sendable, Equatable {
        /// No offset: a local time in the planning calendar.
        case none
        /// `Z`, which goes with either offset spelling (a UTC+0 reading of `+01:00` rows).
        case zulu
        /// `+01:00`
        case extended
        /// `+0100` or `+01`
        case basic
    }

    /// `T` or a space between date and time.
    public var separator: UInt8
    public var hasSeconds: Bool
    public var offset: Offset

    /// Whether rows written in `self` and `other` may share a file.
    public func isConsistent(with other: TimestampStyle) -> Bool {
        guard separator == other.separator, hasSeconds == other.hasSeconds else { return false }
        switch (offset, other.offset) {
        case (.none, .none), (.zulu, .zulu), (.extended, .extended), (.basic, .basic),
            (.zulu, .extended), (.extended, .zulu), (.zulu, .basic), (.basic, .zulu):
            return true
        default:
            return false
        }
    }

    public var description: String {
        let sep = separator == UInt8(ascii: "T") ? "T" : "a space"
        let offsetText: String
        switch offset {
        case .none: offsetText = "no UTC offset"
        case .zulu: offsetText = "the offset Z"
        case .extended: offsetText = "an offset like +01:00"
        case .basic: offsetText = "an offset like +0100"
        }
        return "\(sep) before the time, \(hasSeconds ? "with" : "without") seconds, \(offsetText)"
    }
}

/// A timestamp as written: the local wall-clock reading and the offset, if one was written.
public struct ParsedTimestamp: Sendable, Equatable {
    /// The wall-clock reading as seconds since 1970-01-01T00:00 (as if the clock were UTC).
    public var wallSeconds: Int64
    /// The written UTC offset in seconds (`+01:00` → 3600), nil when none was written.
    public var offsetSeconds: Int?
    public var style: TimestampStyle

    /// The instant, when an offset was written.
    public var instant: Int64? { offsetSeconds.map { wallSeconds - Int64($0) } }
    public var local: LocalDateTime { LocalDateTime(utcSeconds: wallSeconds) }
}

/// Why a text is not an accepted timestamp, in words for the message after `file:line:column:`.
public struct TimestampError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads ISO 8601 timestamps by hand at fixed positions (no DateFormatter, no allocation):
/// `YYYY-MM-DD(T| )HH:MM[:SS[.000]][Z|±HH:MM|±HHMM|±HH]`.
///
/// Only ISO 8601 is accepted: `03/04/2003` cannot be read without guessing whether it is March
/// or April, so it is refused with a message saying how to write it. Fractional seconds are
/// accepted only when zero (history intervals start on whole minutes).
public enum TimestampParser {
    /// Parses `text` (surrounding spaces allowed).
    public static func parse(_ text: String) -> Result<ParsedTimestamp, TimestampError> {
        let utf8 = Array(text.utf8)
        return utf8.withUnsafeBufferPointer { parse($0) }
    }

    /// Parses a timestamp given on the command line or in a config file and resolves it in
    /// `calendar` when it has no offset.
    /// - Throws: ``CoreError/badFile(path:_:)`` naming the text and what was expected.
    public static func parseInstant(_ text: String, calendar: PlanningCalendar) throws(CoreError) -> Int64 {
        switch parse(text) {
        case .failure(let error):
            throw .badFile(path: "'\(text)'", error.message)
        case .success(let timestamp):
            if let instant = timestamp.instant { return instant }
            var resolver = LocalTimeResolver(calendar: calendar)
            switch resolver.resolve(wallSeconds: timestamp.wallSeconds) {
            case .success(let instant): return instant
            case .failure(let error): throw .badFile(path: "'\(text)'", error.message)
            }
        }
    }

    /// Parses UTF-8 bytes (surrounding spaces allowed). With `allowFractionalSeconds` (a list of
    /// contacts, not interval starts) a fraction of a second is dropped instead of refused.
    public static func parse(_ field: UnsafeBufferPointer<UInt8>, allowFractionalSeconds: Bool = false) -> Result<
        ParsedTimestamp, TimestampError
    > {
        var days = DayCache()
        return parse(field, allowFractionalSeconds: allowFractionalSeconds, days: &days)
    }

    /// The last date read and its day number: the rows of a file come in runs of one date (a
    /// day's intervals, each channel's row of an interval), so a row whose date is the last
    /// one's skips the calendar arithmetic.
    public struct DayCache: Sendable {
        fileprivate var key = -1
        fileprivate var days: Int64 = 0
        public init() {}
    }

    /// ``parse(_:allowFractionalSeconds:)`` with the days of the last date remembered in `days`.
    public static func parse(
        _ field: UnsafeBufferPointer<UInt8>, allowFractionalSeconds: Bool = false, days cache: inout DayCache
    ) -> Result<ParsedTimestamp, TimestampError> {
        var lower = 0
        var upper = field.count
        while lower < upper && (field[lower] == 0x20 || field[lower] == 0x09) { lower += 1 }
        while upper > lower && (field[upper - 1] == 0x20 || field[upper - 1] == 0x09) { upper -= 1 }
        let b = UnsafeBufferPointer(rebasing: field[lower..<upper])
        let n = b.count

        @inline(__always) func digit(_ i: Int) -> Int? {
            guard i < n else { return nil }
            let d = Int(b[i]) - 48
            return d >= 0 && d <= 9 ? d : nil
        }
        @inline(__always) func two(_ i: Int) -> Int? {
            guard let a = digit(i), let c = digit(i + 1) else { return nil }
            return a * 10 + c
        }
        func shown() -> String {
            let text = String(decoding: b.prefix(60), as: UTF8.self)
            return "'" + text + (n > 60 ? "…" : "") + "'"
        }
        func failure(_ why: String) -> Result<ParsedTimestamp, TimestampError> { .failure(TimestampError(why)) }
        let expected =
            "expected an ISO 8601 timestamp such as 2003-03-03T07:00:00Z, 2003-03-03T08:00:00+01:00 or 2003-03-03 07:00"

        if n == 0 { return failure("the timestamp is empty; \(expected)") }
        guard n >= 16, let y1 = two(0), let y2 = two(2), b[4] == UInt8(ascii: "-"), let month = two(5),
            b[7] == UInt8(ascii: "-"), let day = two(8)
        else {
            return failure(diagnoseNonISO(b, shown: shown()) + "; " + expected)
        }
        let separator = b[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ") || separator == UInt8(ascii: "t") else {
            return failure("\(shown()) needs 'T' or a space between the date and the time; \(expected)")
        }
        guard let hour = two(11), b[13] == UInt8(ascii: ":"), let minute = two(14) else {
            return failure("\(shown()) has no time of day in the form HH:MM; \(expected)")
        }
        let year = y1 * 100 + y2
        let key = (year * 100 + month) * 100 + day
        let days: Int64
        if key == cache.key {
            days = cache.days
        } else {
            guard let date = CivilDate(year: year, month: month, day: day), year >= 1 else {
                return failure("\(shown()): the date \(String(decoding: b[0 ..< 10], as: UTF8.self)) does not exist")
            }
            days = Int64(date.daysSinceEpoch)
            cache.key = key
            cache.days = days
        }
        guard hour < 24, minute < 60 else {
            return failure(
                "\(shown()): the time \(String(decoding: b[11 ..< 16], as: UTF8.self)) does not exist (hours 00–23, minutes 00–59)"
            )
        }
        var i = 16
        var second = 0
        var hasSeconds = false
        if i < n && b[i] == UInt8(ascii: ":") {
            guard let s = two(i + 1), s < 60 else {
                return failure("\(shown()): seconds must be two digits 00–59")
            }
            second = s
            hasSeconds = true
            i += 3
            if i < n && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
                i += 1
                var fractionDigits = 0
                while let d = digit(i) {
                    if d != 0 && !allowFractionalSeconds {
                        return failure("\(shown()) has fractional seconds; history intervals start on whole minutes")
                    }
                    i += 1
                    fractionDigits += 1
                }
                if fractionDigits == 0 {
                    return failure("\(shown()): expected digits after the decimal point of the seconds")
                }
            }
        }
        var offset: Int? = nil
        var offsetStyle = TimestampStyle.Offset.none
        if i < n {
            let c = b[i]
            if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
                offset = 0
                offsetStyle = .zulu
                i += 1
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                guard let oh = two(i + 1) else {
                    return failure("\(shown()): expected a UTC offset like +01:00 after the time")
                }
                var om = 0
                if i + 3 < n && b[i + 3] == UInt8(ascii: ":") {
                    guard let m = two(i + 4) else {
                        return failure("\(shown()): expected a UTC offset like +01:00 after the time")
                    }
                    om = m
                    offsetStyle = .extended
                    i += 6
                } else if let m = two(i + 3) {
                    om = m
                    offsetStyle = .basic
                    i += 5
                } else {
                    offsetStyle = .basic
                    i += 3
                }
                guard oh <= 18, om < 60 else {
                    return failure("\(shown()): the UTC offset is out of range (at most ±18:00)")
                }
                let magnitude = oh * 3600 + om * 60
                offset = c == UInt8(ascii: "-") ? -magnitude : magnitude
            }
        }
        if i < n {
            let rest = String(decoding: b[i...], as: UTF8.self)
            if b[i] == UInt8(ascii: " ") {
                return failure(
                    "\(shown()): unexpected '\(rest.dropFirst())' after the time; write the UTC offset directly after it (2003-03-03T07:00:00+01:00), or leave it out for local time"
                )
            }
            return failure("\(shown()): unexpected '\(rest)' after the time; \(expected)")
        }
        let wall = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return .success(
            ParsedTimestamp(
                wallSeconds: wall, offsetSeconds: offset,
                style: TimestampStyle(
                    separator: separator == UInt8(ascii: "t") ? UInt8(ascii: "T") : separator,
                    hasSeconds: hasSeconds, offset: offsetStyle)))
    }

    /// Says what a non-ISO timestamp looks like, so the planner knows how to fix the export.
    private static func diagnoseNonISO(_ b: UnsafeBufferPointer<UInt8>, shown: String) -> String {
        let text = String(decoding: b.prefix(60), as: UTF8.self)
        if text.contains("/") || text.range(of: #"^\d{1,2}[.-]\d{1,2}[.-]\d{2,4}"#, options: .regularExpression) != nil
        {
            return
                "\(shown) is not an ISO 8601 timestamp: in dates like 03/04/2003 the order of day and month cannot be told apart, so they are not guessed; write dates as YYYY-MM-DD"
        }
        if text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil {
            return "\(shown) is a date without a time of day; history rows need the start of their interval"
        }
        if text.range(of: #"^\d{5}([.,]\d+)?$"#, options: .regularExpression) != nil {
            return
                "\(shown) looks like an Excel date serial number; format the column as yyyy-mm-dd hh:mm before exporting"
        }
        if text.range(of: #"^\d{8}T?\d{4}"#, options: .regularExpression) != nil {
            return "\(shown) is in ISO 8601 basic format; write it with separators (2003-03-03T07:00:00Z)"
        }
        return "\(shown) is not an ISO 8601 timestamp"
    }
}
