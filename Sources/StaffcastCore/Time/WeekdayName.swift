/// Names of the ISO weekdays (1 = Monday … 7 = Sunday, as ``CivilDate/weekday``), written and
/// read in one place.
public enum WeekdayName {
    /// `Monday` … `Sunday`.
    public static let full = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    /// `Mon` … `Sun`.
    public static let short = full.map { String($0.prefix(3)) }

    /// `Monday` for 1 … `Sunday` for 7.
    public static func full(_ weekday: Int) -> String { full[((weekday - 1) % 7 + 7) % 7] }

    /// `Mon` for 1 … `Sun` for 7.
    public static func short(_ weekday: Int) -> String { short[((weekday - 1) % 7 + 7) % 7] }

    /// The ISO weekday a planner named: the day's name or its start of at least three letters, in
    /// any case (`Mon`, `monday`, `THU`, `Thurs`). Nil for anything else (`Mo`, `Monkey`, ` Mon`).
    public static func parse(_ text: some StringProtocol) -> Int? {
        let lower = text.lowercased()
        guard lower.count >= 3 else { return nil }
        return full.firstIndex { $0.lowercased().hasPrefix(lower) }.map { $0 + 1 }
    }
}
