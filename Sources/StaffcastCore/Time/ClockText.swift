/// Local clock times as planners write them in configs, team files and requests: `HH:MM`, and
/// the same text in every report. The one rule for `24:00`: it is the end of the local day,
/// accepted only where the caller reads the end of a window (`allowingEndOfDay`).
///
/// Exports use a more lenient reader (`8:00`, `8:00 AM`, seconds; `DateText`): a platform writes
/// what it writes. A planner's own config is read strictly, so that a value cannot be read two
/// ways: no sign (`+7:00`, `-0:30`), no one-digit hour, no seconds, no spaces.
public enum ClockText {
    /// Seconds after local midnight of `HH:MM`: two ASCII digits, a colon, two ASCII digits,
    /// from `00:00` to `23:59`, and `24:00` (86 400) when `allowingEndOfDay`. Nil for anything else.
    public static func seconds(_ text: some StringProtocol, allowingEndOfDay: Bool) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":") else { return nil }
        var digits: [Int] = []
        for index in [0, 1, 3, 4] {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            digits.append(Int(byte - UInt8(ascii: "0")))
        }
        let hours = digits[0] * 10 + digits[1]
        let minutes = digits[2] * 10 + digits[3]
        guard minutes < 60 else { return nil }
        if hours == 24 && minutes == 0 && allowingEndOfDay { return 86_400 }
        guard hours < 24 else { return nil }
        return hours * 3600 + minutes * 60
    }

    /// `HH:MM` of seconds after local midnight (seconds dropped); 86 400 is `24:00`, the end of
    /// the day.
    public static func format(_ secondsOfDay: Int) -> String {
        twoDigits(secondsOfDay / 3600) + ":" + twoDigits(secondsOfDay % 3600 / 60)
    }

    /// `HH:MM`, or `HH:MM:SS` when the time is not on a whole minute.
    public static func formatKeepingSeconds(_ secondsOfDay: Int) -> String {
        let seconds = secondsOfDay % 60
        return seconds == 0 ? format(secondsOfDay) : format(secondsOfDay) + ":" + twoDigits(seconds)
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
