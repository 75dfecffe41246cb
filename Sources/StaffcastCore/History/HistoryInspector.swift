extension HistoryInspector {
    /// The report `staffcast inspect` prints: per channel its span, interval, rows and gaps,
    /// days absent, opening hours, daily totals by weekday and suspicious days.
    public static func text(_ summaries: [ChannelSummary], calendar: PlanningCalendar) -> String {
        var out = ""
        for (n, s) in summaries.enumerated() {
            if n > 0 { out += "\n" }
            out += "channel \(s.channel)\n"
            guard s.rows > 0 else {
                out += "  no known intervals\n"
                continue
            }
            out +=
                "  span         \(calendar.format(s.firstInstant)) … \(calendar.format(s.lastInstant)) (\(calendar.identifier))\n"
            out += "  interval     \(Durations.format(s.intervalSeconds))\n"
            out +=
                "  rows         \(s.rows) known intervals; \(s.unknownIntervals) unknown within the span, \(s.unknownOpenIntervals) of them in open hours\n"
            out += "  contacts     \(number(s.totalContacts, digits: 0)) in total"
            if let aht = s.ahtSeconds { out += "; AHT \(number(aht)) s (volume-weighted)" }
            out += "\n"
            out += "  days         \(s.daysPresent) with data, \(s.daysAbsent.count) absent"
            if !s.daysAbsent.isEmpty {
                out += ": " + s.daysAbsent.map { "\($0) (\(WeekdayName.short($0.weekday)))" }.joined(separator: ", ")
            }
            out += "\n"
            out += "  open hours   (learned from the intervals that carry volume)\n"
            for hours in s.openingHours {
                let ranges = hours.open.map { "\(ClockText.format($0.lowerBound))–\(ClockText.format($0.upperBound))" }
                out +=
                    "    \(WeekdayName.short(hours.weekday))        \(ranges.isEmpty ? "closed" : ranges.joined(separator: ", "))\n"
            }
            out += "  daily totals     days       mean     median        min        max\n"
            for t in s.dailyTotals {
                out +=
                    "    \(WeekdayName.short(t.weekday))     " + pad(String(t.days), 8)
                    + [t.mean, t.median, t.minimum, t.maximum].map { pad(number($0), 11) }.joined() + "\n"
            }
            if s.suspiciousDays.isEmpty {
                out += "  suspicious days: none\n"
            } else {
                out += "  suspicious days\n"
                for day in s.suspiciousDays {
                    out +=
                        "    \(day.date) (\(WeekdayName.short(day.date.weekday)))  \(number(day.total, digits: 0)) contacts: \(day.reason)\n"
                }
            }
        }
        return out
    }

    /// The summaries as JSON for `inspect --json`: keys in a fixed order, numbers with
    /// ``NumberFormat``, instants with their offset, so the bytes are the same on every run.
    /// The line of `inspect` that says what absent intervals were taken to be.
    public static func missingRowsLine(_ history: ContactHistory) -> String {
        switch history.missingRows {
        case .unknown:
            return
                "missing rows: unknown (intervals absent from the file are unknown, not zero; say --missing zero if the export leaves out intervals without contacts)\n"
        case .zero:
            return
                "missing rows: zero (\(history.zeroFilledIntervals) interval\(history.zeroFilledIntervals == 1 ? "" : "s") absent from the file read as 0 contacts)\n"
        }
    }

    public static func json(
        _ summaries: [ChannelSummary], calendar: PlanningCalendar, missingRows: MissingRows? = nil,
        zeroFilledIntervals: Int = 0
    ) -> String {
        var channels: [String] = []
        for s in summaries {
            var fields: [(String, String)] = [
                ("channel", quote(s.channel)),
                ("first_interval", s.rows > 0 ? quote(calendar.format(s.firstInstant)) : "null"),
                ("last_interval", s.rows > 0 ? quote(calendar.format(s.lastInstant)) : "null"),
                ("interval_seconds", String(s.intervalSeconds)),
                ("rows", String(s.rows)),
                ("unknown_intervals", String(s.unknownIntervals)),
                ("unknown_open_intervals", String(s.unknownOpenIntervals)),
                ("total_contacts", number(s.totalContacts, digits: 3)),
                ("aht_seconds", s.ahtSeconds.map { number($0, digits: 3) } ?? "null"),
                ("days_present", String(s.daysPresent)),
                ("days_absent", "[" + s.daysAbsent.map { quote($0.description) }.joined(separator: ", ") + "]"),
            ]
            let hours = s.openingHours.map { h in
                (
                    WeekdayName.full(h.weekday).lowercased(),
                    "["
                        + h.open.map {
                            "[\(quote(ClockText.format($0.lowerBound))), \(quote(ClockText.format($0.upperBound)))]"
                        }.joined(
                            separator: ", ") + "]"
                )
            }
            fields.append(("opening_hours", object(hours, indent: 3)))
            let totals = s.dailyTotals.map { t in
                object(
                    [
                        ("weekday", quote(WeekdayName.full(t.weekday).lowercased())), ("days", String(t.days)),
                        ("mean", number(t.mean, digits: 3)), ("median", number(t.median, digits: 3)),
                        ("min", number(t.minimum, digits: 3)), ("max", number(t.maximum, digits: 3)),
                    ], indent: 4)
            }
            fields.append(("daily_totals", array(totals, indent: 3)))
            let days = s.suspiciousDays.map { d in
                object(
                    [
                        ("date", quote(d.date.description)),
                        ("weekday", quote(WeekdayName.full(d.date.weekday).lowercased())),
                        ("total", number(d.total, digits: 3)), ("weekday_median", number(d.weekdayMedian, digits: 3)),
                        ("ratio", number(d.ratio, digits: 3)), ("reason", quote(d.reason)),
                    ], indent: 4)
            }
            fields.append(("suspicious_days", array(days, indent: 3)))
            channels.append(object(fields, indent: 2))
        }
        var top: [(String, String)] = [("timezone", quote(calendar.identifier))]
        if let missingRows {
            top.append(("missing_rows", quote(missingRows.rawValue)))
            top.append(("zero_filled_intervals", String(zeroFilledIntervals)))
        }
        top.append(("channels", array(channels, indent: 1)))
        return object(top, indent: 0) + "\n"
    }

    // MARK: Formatting

    /// Seconds of day as HH:MM (24:00 for the end of the day).

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func object(_ pairs: [(String, String)], indent: Int) -> String {
        if pairs.isEmpty { return "{}" }
        let inner = String(repeating: "  ", count: indent + 1)
        return "{\n" + pairs.map { inner + quote($0.0) + ": " + $0.1 }.joined(separator: ",\n")
            + "\n" + String(repeating: "  ", count: indent) + "}"
    }

    static func array(_ items: [String], indent: Int) -> String {
        if items.isEmpty { return "[]" }
        let inner = String(repeating: "  ", count: indent + 1)
        return "[\n" + items.map { inner + $0 }.joined(separator: ",\n") + "\n" + String(repeating: "  ", count: indent)
            + "]"
    }

    static func quote(_ s: String) -> String { JSONText.quote(s) }
}
