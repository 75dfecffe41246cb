/// The values the mutators put where a planner's value was: boundaries, non-numbers, text that
/// looks like a number, hostile names. Grouped by the shape of what they replace.
enum Extremes {
    static let numbers = [
        "0", "-0", "-1", "NaN", "nan", "inf", "-inf", "Infinity", "1e308", "-1e308", "1e309", "1e-300", "4.9e-324",
        "99999999999999999999999999", "9223372036854775807", "-9223372036854775808", "18446744073709551616",
        "1000000001", "1000000", "999999999", "1", "0x1F", "1_000", "1,5", "", " ", "+", "1e", ".", "٣", "１２", "12abc",
        "0.1e-5",
        "3.0000000000000000001", "1e9", "86400", "86401", "0.999999", "2147483648",
    ]
    static let durations = [
        "0s", "1s", "-30m", "7m", "45m", "2h", "1d", "366d", "367d", "1e308s", "99999999999999999w", "30", "m", "30mm",
        "1.5h", "0.5m", "30 m", "PT30M", "", "nanm", "infh",
    ]
    static let timestamps = [
        "9999-12-31T00:00:00Z", "0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2003-04-08T22:00:01",
        "2003-03-30T02:30:00",
        "now", "", "2003-02-30T00:00:00Z", "2003-04-08T24:00:00", "2003-04-08T22:00:00+25:00", "2003-04-08",
    ]
    static let serviceLevels = [
        "100/0", "0/0", "80/1e308", "80/-1", "80", "/20", "80/20/5", "1e308/20", "NaN/20", "80/inf", "80%/20s",
        "0.8/20",
    ]
    static let lists = [
        "", ",", "300,,420", "1e308,1", "8h,8h,8h,8h,8h,8h,8h,8h", "25h", "0h", "NL,NL", "xx", "snaive,snaive", "wavg0",
        "wavg53",
    ]
    static let weeks = [
        "2003-W53", "2004-W53", "2003-W00", "0000-W01", "2003W10", "next", "2003-W1", "2100-W52", "1970-W01",
    ]
    static let zones = [
        "UTC", "Europe/Amsterdam", "Mars/Olympus", "", "../../etc/passwd", "Etc/GMT+14", "America/St_Johns",
        "Asia/Kathmandu", "Pacific/Chatham", "utc", "Europe/London",
    ]
    static let years = [
        "1969", "1970", "2100", "2101", "0", "-1", "99999999999999999999", "2030-2020", "2099-2101", "2023-",
        "2023-2023",
    ]
    /// Paths for files that are read. Never a path outside the case's folder that could be written.
    static let inputPaths = [
        "/dev/null", "/dev/zero", "/", ".", "/nonexistent/x.csv", "-", "missing.csv", "/proc/self/status",
        "history.csv", "plan.json",
    ]
    /// Paths for files that are written: inside the case's folder, or devices that stay devices.
    static let outputPaths = [
        "/dev/full", "sub/missing/x.csv", ".", "-", "history.csv", "out.csv", "./reports/../x.csv",
        "/proc/nonexistent/x",
    ]
    static let generic = ["", " ", "-", "--", String(repeating: "x", count: 100_000), "\u{202E}x", "é", "\u{1B}[2J"]

    /// Names that must be refused or written safely: control characters and bidirectional
    /// overrides (refused), formula starts (written with an apostrophe), long, empty, look-alikes.
    static let names = [
        "ca\u{1B}lls", "ca\u{7}lls", "calls\u{202E}", "\u{2066}calls", "=HYPERLINK(\"http://x\")", "+1", "-2",
        "@SUM(A1)",
        "\tcalls", "calls ", "", " ", String(repeating: "c", count: 5000), "📞", "cafe\u{301}", "calls\u{200B}", "CALLS",
        "\"calls\"",
    ]
    /// Of those, the ones a reader must refuse (control characters and bidi overrides).
    static let forbiddenNames = [
        "ca\u{1B}lls", "ca\u{7}lls", "calls\u{202E}", "\u{2066}calls", "ca\u{0}lls", "ca\u{85}lls",
    ]
}
