/// Durations as planners write them: `90s`, `15m`, `30m`, `1h`, `1.5h`, `7d`, `2w`.
public enum Durations {
    /// Seconds in `text`, or nil when it is not a positive whole number of seconds with a unit
    /// s, m, h, d or w.
    public static func parse(_ text: String) -> Int? {
        guard let unit = text.last,
            let factor = ["s": 1.0, "m": 60, "h": 3600, "d": 86_400, "w": 604_800][String(unit)],
            let value = Double(text.dropLast()), value.isFinite, value > 0
        else { return nil }
        let seconds = value * factor
        guard seconds <= 1e9, seconds.rounded() == seconds else { return nil }
        return Int(seconds)
    }

    /// The shortest exact spelling: 1800 → "30m", 3600 → "1h", 604800 → "1w".
    public static func format(_ seconds: Int) -> String {
        for (unit, size) in [("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60)]
        where seconds % size == 0 && seconds >= size {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}
