/// The order of day, month and year in dates such as `03/04/2025` (`--date-order`). It is
/// declared, never guessed: the same text is 3 April in the Netherlands and 4 March in the US.
public enum DateOrder: String, Sendable, Equatable, CaseIterable {
    case dmy, mdy, ymd

    var spelled: String {
        switch self {
        case .dmy: return "day-month-year"
        case .mdy: return "month-day-year"
        case .ymd: return "year-month-day"
        }
    }
}

/// Reads the dates and times of day that exports write outside ISO 8601: `6-1-2025`,
/// `01/06/2025`, `2025/01/06`, `06012025`, `8:00`, `08:00:00`, `8:00 AM`, `08:00-08:30`.
enum DateText {
    /// The date in `text`, read in `order` (ISO `YYYY-MM-DD` needs no order). A time of day of
    /// midnight after the date (`6-1-2025 00:00`, as Excel writes dates) is allowed.
    static func date(_ text: Substring, order: DateOrder?) -> Result<CivilDate, TimestampError> {
        var body = text.trimmingCharacters(in: .whitespaces)[...]
        let shown = "'\(text.trimmingCharacters(in: .whitespaces))'"
        if let space = body.firstIndex(where: { $0 == " " || $0 == "T" }) {
            let rest = body[body.index(after: space)...].trimmingCharacters(in: .whitespaces)
            if case .success(let clock) = Self.clock(rest[...]), clock.seconds == 0 {
                body = body[..<space]
            } else {
                return .failure(TimestampError("\(shown) is not a date: expected a date without a time of day"))
            }
        }
        if body.isEmpty { return .failure(TimestampError("the date is empty")) }
        let needOrder =
            "the order of day, month and year cannot be told from the text; declare it with --date-order dmy, mdy or ymd"
        if body.allSatisfy(\.isNumber) {
            let digits = Array(body).compactMap(\.wholeNumberValue)
            if digits.count == 5 {
                return .failure(
                    TimestampError(
                        "\(shown) looks like an Excel date serial number; format the column as a date before exporting")
                )
            }
            guard digits.count == 8 || digits.count == 6 else {
                return .failure(TimestampError("\(shown) is not a date"))
            }
            guard let order else { return .failure(TimestampError("\(shown): \(needOrder)")) }
            let yearLength = digits.count == 8 ? 4 : 2
            func number(_ from: Int, _ length: Int) -> Int { digits[from..<from + length].reduce(0) { $0 * 10 + $1 } }
            let parts: (Int, Int, Int)
            switch order {
            case .ymd: parts = (number(0, yearLength), number(yearLength, 2), number(yearLength + 2, 2))
            case .dmy: parts = (number(4, yearLength), number(2, 2), number(0, 2))
            case .mdy: parts = (number(4, yearLength), number(0, 2), number(2, 2))
            }
            return make(
                year: yearLength == 2 ? 2000 + parts.0 : parts.0, month: parts.1, day: parts.2, shown: shown,
                order: order)
        }
        // Three numbers split by one separator used twice.
        guard let separator = body.first(where: { !$0.isNumber }), "/-.".contains(separator) else {
            return .failure(
                TimestampError(
                    "\(shown) is not a date in a form Staffcast reads (2025-01-06, 6-1-2025, 01/06/2025, 06.01.2025)"))
        }
        let parts = body.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isNumber) }),
            let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2])
        else {
            return .failure(
                TimestampError(
                    "\(shown) is not a date in a form Staffcast reads (2025-01-06, 6-1-2025, 01/06/2025, 06.01.2025)"))
        }
        if parts[0].count == 4 {
            // Year first: ISO and 2025/01/06.
            if let order, order != .ymd {
                return .failure(
                    TimestampError(
                        "\(shown) starts with the year, which does not fit the declared date order \(order.rawValue) (\(order.spelled))"
                    ))
            }
            return make(year: a, month: b, day: c, shown: shown, order: .ymd)
        }
        guard parts[2].count == 4 || parts[2].count == 2 else {
            return .failure(TimestampError("\(shown): expected the year as 4 digits"))
        }
        guard let order else { return .failure(TimestampError("\(shown): \(needOrder)")) }
        let year = parts[2].count == 2 ? 2000 + c : c
        switch order {
        case .ymd:
            return .failure(
                TimestampError(
                    "\(shown) ends with the year, which does not fit the declared date order ymd (year-month-day)"))
        case .dmy: return make(year: year, month: b, day: a, shown: shown, order: order)
        case .mdy: return make(year: year, month: a, day: b, shown: shown, order: order)
        }
    }

    private static func make(year: Int, month: Int, day: Int, shown: String, order: DateOrder) -> Result<
        CivilDate, TimestampError
    > {
        if !(1...12).contains(month) {
            return .failure(
                TimestampError(
                    "\(shown) does not fit the date order \(order.rawValue) (\(order.spelled)): there is no month \(month)"
                ))
        }
        guard year >= 1, let date = CivilDate(year: year, month: month, day: day) else {
            return .failure(
                TimestampError("\(shown): read as \(order.spelled), the date \(year)-\(month)-\(day) does not exist"))
        }
        return .success(date)
    }

    /// A time of day: `8:00`, `08:00:00`, `0800`, `8:00 AM`, `12:30 pm`; seconds may carry a
    /// fraction. `seconds` is seconds since midnight, `exactMinute` false when seconds are written
    /// and not zero.
    static func clock(_ text: Substring) -> Result<(seconds: Int, exactMinute: Bool), TimestampError> {
        var body = text.trimmingCharacters(in: .whitespaces).lowercased()
        let shown = "'\(text.trimmingCharacters(in: .whitespaces))'"
        var meridiem: Character? = nil
        for (suffix, mark) in [("a.m.", "a"), ("p.m.", "p"), ("am", "a"), ("pm", "p")] where body.hasSuffix(suffix) {
            meridiem = Character(mark)
            body = String(body.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        var parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1, parts[0].count == 4, parts[0].allSatisfy(\.isNumber) {
            parts = [String(parts[0].prefix(2)), String(parts[0].suffix(2))]
        }
        if parts.count == 1, meridiem != nil { parts.append("00") }
        guard (2...3).contains(parts.count), let hour = Int(parts[0]), parts[0].count <= 2, parts[1].count == 2,
            let minute = Int(parts[1]), parts[0].allSatisfy(\.isNumber), parts[1].allSatisfy(\.isNumber)
        else {
            return .failure(TimestampError("\(shown) is not a time of day (expected 08:00, 8:00:00 or 8:00 AM)"))
        }
        var second = 0
        var exact = true
        if parts.count == 3 {
            let secondText = parts[2].replacingOccurrences(of: ",", with: ".")
            let whole = secondText.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard whole[0].count == 2, let s = Int(whole[0]), whole[0].allSatisfy(\.isNumber), s < 60,
                whole.count == 1 || whole[1].allSatisfy(\.isNumber)
            else {
                return .failure(TimestampError("\(shown): seconds must be two digits 00–59"))
            }
            second = s
            if s != 0 || (whole.count == 2 && whole[1].contains(where: { $0 != "0" })) { exact = false }
        }
        var h = hour
        if let meridiem {
            guard (1...12).contains(hour) else {
                return .failure(TimestampError("\(shown): with AM/PM the hour must be 1–12"))
            }
            h = hour % 12 + (meridiem == "p" ? 12 : 0)
        }
        guard h < 24, minute < 60 else {
            return .failure(TimestampError("\(shown): the time does not exist (hours 00–23, minutes 00–59)"))
        }
        return .success((h * 3600 + minute * 60 + second, exact))
    }

    /// A period written as a range, `08:00-08:30` or `08:00 – 08:30`: its start and its length
    /// (an end of `00:00` or `24:00` is midnight). Nil when `text` holds no range.
    static func range(_ text: Substring) -> Result<(start: Int, length: Int), TimestampError>? {
        let body = text.trimmingCharacters(in: .whitespaces)
        for dash in [" - ", " – ", "–", " to ", "-"] {
            guard let r = body.range(of: dash) else { continue }
            let left = body[..<r.lowerBound]
            let right = body[r.upperBound...]
            guard !left.isEmpty, !right.isEmpty else { continue }
            let shown = "'\(body)'"
            switch clock(left) {
            case .failure(let error): return .failure(error)
            case .success(let start):
                let endText = right.trimmingCharacters(in: .whitespaces)
                let end: Int
                if endText == "24:00" || endText == "24:00:00" {
                    end = 86_400
                } else {
                    switch clock(endText[...]) {
                    case .failure(let error): return .failure(error)
                    case .success(let value): end = value.seconds == 0 ? 86_400 : value.seconds
                    }
                }
                guard end > start.seconds else {
                    return .failure(TimestampError("\(shown): the period ends before it starts"))
                }
                return .success((start.seconds, end - start.seconds))
            }
        }
        return nil
    }

    /// An hour of the day: `8`, `08`, `8:00`, `8 AM`, or a one-hour range `08:00-09:00`.
    static func hour(_ text: Substring) -> Result<Int, TimestampError> {
        let body = text.trimmingCharacters(in: .whitespaces)
        let shown = "'\(body)'"
        if !body.isEmpty, body.count <= 2, body.allSatisfy(\.isNumber), let h = Int(body) {
            guard h < 24 else {
                return .failure(
                    TimestampError("\(shown) is not an hour of the day (0–23, the hour the interval starts)"))
            }
            return .success(h * 3600)
        }
        if let range = range(body[...]) {
            switch range {
            case .failure(let error): return .failure(error)
            case .success(let r):
                guard r.length == 3600, r.start % 3600 == 0 else {
                    return .failure(TimestampError("\(shown) is not one whole hour"))
                }
                return .success(r.start)
            }
        }
        switch clock(body[...]) {
        case .failure(let error): return .failure(error)
        case .success(let value):
            guard value.seconds % 3600 == 0 else {
                return .failure(TimestampError("\(shown) is not the start of an hour"))
            }
            return .success(value.seconds)
        }
    }
}
