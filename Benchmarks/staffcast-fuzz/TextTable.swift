/// The plain CSV the seeds are made of, split into lines and fields for the mutators (no quoted
/// fields: the seeds have none, and a mutated file need not stay well formed).
struct TextTable {
    var lines: [String]
    var delimiter: Character
    /// Whether the text ended with a newline.
    var finalNewline: Bool

    init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        finalNewline = text.hasSuffix("\n")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if finalNewline { lines.removeLast() }
        self.lines = lines
        let header = lines.first ?? ""
        delimiter = header.contains(";") ? ";" : header.contains("\t") ? "\t" : ","
    }

    var bytes: [UInt8] { Array((lines.joined(separator: "\n") + (finalNewline ? "\n" : "")).utf8) }

    var header: [String] { fields(0) }

    func fields(_ line: Int) -> [String] {
        lines[line].split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
    }

    mutating func setFields(_ line: Int, _ fields: [String]) {
        lines[line] = fields.joined(separator: String(delimiter))
    }

    /// The column whose header (trimmed, lower-cased) is one of `names`.
    func column(_ names: [String]) -> Int? {
        header.firstIndex { names.contains($0.trimmingCharacters(in: .whitespaces).lowercased()) }
    }

    /// Data lines (1-based after the header) that have as many fields as the header.
    var dataLines: [Int] {
        let width = header.count
        return lines.indices.dropFirst().filter { fields($0).count == width && !lines[$0].isEmpty }
    }
}

/// An ISO 8601 timestamp as the seeds write it (`2003-03-03T07:00:00`, `…Z`, `…+01:00`, with a
/// space or a T, with or without seconds), shifted by whole seconds in its own spelling.
struct WallTimestamp {
    var seconds: Int64  // wall-clock seconds since 1970-01-01 (the offset is kept as text)
    var separator: Character
    var hasSeconds: Bool
    var suffix: String  // "", "Z", "+01:00", "-0500"

    init?(_ text: String) {
        let chars = Array(text)
        guard chars.count >= 16, chars[4] == "-", chars[7] == "-", chars[13] == ":",
            let year = Int(String(chars[0..<4])), let month = Int(String(chars[5..<7])),
            let day = Int(String(chars[8..<10])),
            let hour = Int(String(chars[11..<13])), let minute = Int(String(chars[14..<16]))
        else { return nil }
        separator = chars[10]
        var rest = 16
        var second = 0
        if chars.count >= 19, chars[16] == ":", let s = Int(String(chars[17..<19])) {
            second = s
            hasSeconds = true
            rest = 19
        } else {
            hasSeconds = false
        }
        suffix = String(chars[rest...])
        seconds = Self.daysFromCivil(year, month, day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    var text: String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (y, m, d) = Self.civil(fromDays: days)
        let s = Int(seconds - days * 86_400)
        func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        func year(_ x: Int) -> String {
            x >= 0 && x < 10_000 ? String(repeating: "0", count: 4 - String(x).count) + String(x) : String(x)
        }
        var text = "\(year(y))-\(two(m))-\(two(d))\(separator)\(two(s / 3600)):\(two(s / 60 % 60))"
        if hasSeconds { text += ":\(two(s % 60))" }
        return text + suffix
    }

    /// Howard Hinnant's days_from_civil.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (Int(yoe + era * 400) + (m <= 2 ? 1 : 0), m, d)
    }
}
