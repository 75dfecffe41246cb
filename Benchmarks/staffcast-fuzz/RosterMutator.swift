/// Mutations of the roster's inputs (README "Rosters"; `Rostering/Team/TeamReader.swift`,
/// `Rostering/Roster/RosterFile.swift`): the team, the requests and the previous week's roster.
/// `mutate` puts values of each column's shape in a cell (edges, look-alikes, wrong shapes);
/// `plant` breaks one of the files' documented rules in one cell or row and changes nothing else.
enum RosterMutator {
    // MARK: values by column

    static let hours = [
        "0", "168", "167.5", "0.5", "40.0", "24.25", "00040", "0.000001", "167.99999999", "40.", ".5", "", "٤٠",
        "1,5",
    ]
    static let counts = [
        "0", "1", "7", "9223372036854775807", "9223372036854775808", "10000000", "99999999999999999999", "", "00",
        "2.0", " 3 ",
    ]
    static let clocks = [
        "00:00", "24:00", "23:59", "07:00", "22:00", "7:30", "07:30:00", "25:00", "12:60", "", "24:01", "-0:30",
        "+7:00", "0700",
    ]
    static let skills = [
        "calls", "chat", "email", "phone", "calls>chat>email", "email|chat|calls", "calls>calls", ">calls", "calls|",
        "calls||chat", " calls ", "CALLS", "", "calls>", "phone>phone", "phone|", "chat>calls|email",
    ]
    static let ids = ["A1", "P1", "", "Z9", "a1", "=A1", "A 1", String(repeating: "A", count: 5000), "📞"]
    static let dates = [
        "2003-04-14", "2003-03-24", "2003-04-20", "2003-03-30", "2003-02-29", "2003-4-14", "+2003-04-14",
        "9999-12-31", "0000-01-01", "1969-12-31", "", "2003-04-14T00:00:00",
    ]
    static let kinds = [
        "unavailable", "want_day", "avoid_day", "want_shift", "avoid_shift", "UNAVAILABLE", "holiday", "",
    ]
    static let windows = [
        "07:00-15:30", "00:00-24:00", "22:00-06:00", "07:00-07:00", "7:00-15:00", "07:00-", "-", "", "06:00-23:59",
        "12:00-12:30", "24:00-24:00", "08:00 - 16:00",
    ]
    static let weights = ["1000000", "0", "0.000001", "3", "999999.9", "", "1", "0.5", "000001"]
    static let channels = ["calls", "chat", "email", "phone", "", "sms", "CALLS"]

    /// The values of the column `name` of a file of `kind`; nil when it has no particular shape.
    static func values(_ kind: InputKind, column name: String) -> [String]? {
        switch (kind, name) {
        case (.team, "id"), (.requests, "agent"), (.previousRoster, "agent"): return ids
        case (.team, "name"), (.previousRoster, "name"): return Extremes.names
        case (.team, "skills"): return skills
        case (.team, "min_hours"), (.team, "max_hours"): return hours
        case (.team, "max_shifts"), (.team, "max_days_in_a_row"), (.team, "min_days_off_in_a_row"),
            (.team, "max_weekends"):
            return counts
        case (.team, "earliest_start"), (.team, "latest_end"): return clocks
        case (.requests, "date"), (.previousRoster, "date"): return dates
        case (.requests, "kind"): return kinds
        case (.requests, "shift"): return windows
        case (.requests, "weight"): return weights
        case (.previousRoster, "channel"): return channels
        default: return nil
        }
    }

    /// The previous roster's time columns.
    static let timeColumns = [
        "shift_start", "shift_end", "break_start", "break_end", "activity_start", "activity_end",
    ]

    /// One cell of a data row given a value of its column's shape; in the previous roster, a
    /// time moved (minutes to weeks, either way) or respelled.
    static func mutate(_ bytes: inout [UInt8], kind: InputKind, rng: inout FuzzRandom) -> String {
        var table = TextTable(bytes)
        guard !table.dataLines.isEmpty else { return "\(kind.rawValue): no rows" }
        let line = rng.pick(table.dataLines)
        var fields = table.fields(line)
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces) }
        if kind == .previousRoster, rng.chance(0.5) {
            let columns = header.indices.filter { timeColumns.contains(header[$0]) && !fields[$0].isEmpty }
            guard let c = columns.isEmpty ? nil : rng.pick(columns), var stamp = WallTimestamp(fields[c]) else {
                return "previous roster: no time"
            }
            let what: String
            switch rng.below(10) {
            case 0..<6:
                let shift = rng.pick([-7 * 86_400, -86_400, -3600, -1800, -300, -1, 1, 300, 1800, 3600, 43_200, 86_400])
                stamp.seconds += Int64(shift)
                what = "moved \(shift) s"
            case 6, 7:
                let year = rng.pick([1969, 1970, 2004, 2100, 9999])
                stamp.seconds = WallTimestamp.daysFromCivil(year, 4, 7) * 86_400 + stamp.seconds % 86_400
                what = "year \(year)"
            default:
                stamp.suffix = rng.pick(["", "Z", "+00:00", "-05:00", "+14:00", " "])
                what = "offset \(FileMutator.shown(stamp.suffix))"
            }
            fields[c] = stamp.text
            table.setFields(line, fields)
            bytes = table.bytes
            return "previous roster line \(line + 1) \(header[c]) \(what) → \(fields[c])"
        }
        let shaped = header.indices.filter { values(kind, column: header[$0]) != nil }
        guard let c = shaped.isEmpty ? nil : rng.pick(shaped), let list = values(kind, column: header[c]) else {
            return "\(kind.rawValue): no column"
        }
        let value = rng.pick(list)
        fields[c] = value
        table.setFields(line, fields)
        bytes = table.bytes
        return "\(kind.rawValue) line \(line + 1) \(header[c]) = \(FileMutator.shown(value))"
    }

    // MARK: planted

    /// The documented rules of each file, broken once.
    static func plant(_ bytes: inout [UInt8], kind: InputKind, rng: inout FuzzRandom) -> PlantedMutator.Planted? {
        var table = TextTable(bytes)
        guard !table.dataLines.isEmpty else { return nil }
        switch kind {
        case .team: return team(&table, &bytes, rng: &rng)
        case .requests: return requests(&table, &bytes, rng: &rng)
        case .previousRoster: return previous(&table, &bytes, rng: &rng)
        default: return nil
        }
    }

    /// Sets one cell and says so.
    static func set(
        _ table: inout TextTable, _ bytes: inout [UInt8], line: Int, column: Int, to value: String, label: String
    ) -> PlantedMutator.Planted {
        var fields = table.fields(line)
        fields[column] = value
        table.setFields(line, fields)
        bytes = table.bytes
        return PlantedMutator.Planted(
            description: "\(label): line \(line + 1) \(table.header[column]) = \(FileMutator.shown(value))", line: line)
    }

    /// A number with a sign, hexadecimal or an exponent; contract hours above 168; a control
    /// character in an agent's id or name; a skill that is not a channel of the plan.
    static func team(_ table: inout TextTable, _ bytes: inout [UInt8], rng: inout FuzzRandom)
        -> PlantedMutator.Planted?
    {
        let line = rng.pick(table.dataLines)
        let fields = table.fields(line)
        switch rng.below(4) {
        case 0:
            let numeric = [
                "min_hours", "max_hours", "max_shifts", "max_days_in_a_row", "min_days_off_in_a_row", "max_weekends",
            ]
            guard let c = table.column([rng.pick(numeric)]) else { return nil }
            let value = rng.pick(["+8", "0x24", "-1", "1e3", "+0", "0x0A", "-0", "+24.5", "2e1"])
            return set(
                &table, &bytes, line: line, column: c, to: value,
                label: "a team number with a sign, hexadecimal or an exponent")
        case 1:
            guard let c = table.column(["max_hours"]) else { return nil }
            let value = rng.pick(["168.5", "169", "1000", "99999999999999999999", "168.0001", "8760"])
            return set(&table, &bytes, line: line, column: c, to: value, label: "contract hours above 168 a week")
        case 2:
            guard let c = table.column([rng.pick(["id", "name"])]) else { return nil }
            let name = fields[c].isEmpty ? "Agent" : fields[c]
            let control = rng.pick(["\u{1B}", "\u{7}", "\u{202E}", "\u{2066}", "\u{0}", "\u{85}", "\t", "\u{7F}"])
            let at = name.index(
                name.startIndex, offsetBy: 1 + rng.below(max(1, name.count - 1)), limitedBy: name.endIndex)
            var value = name
            value.insert(contentsOf: control, at: at ?? name.endIndex)
            return set(&table, &bytes, line: line, column: c, to: value, label: "control character in an agent's name")
        default:
            guard let c = table.column(["skills"]) else { return nil }
            let unknown = rng.pick(["cals", "e-mail", "sms", "phon", "chats", "voice"])
            let skills = fields[c]
            let value: String
            switch rng.below(3) {
            case 0: value = skills + "|" + unknown
            case 1: value = skills + ">" + unknown
            default: value = unknown
            }
            return set(&table, &bytes, line: line, column: c, to: value, label: "a skill that is not a plan channel")
        }
    }

    /// A weight above 1,000,000, or one with a sign, hexadecimal or an exponent (on a request
    /// that takes a weight).
    static func requests(_ table: inout TextTable, _ bytes: inout [UInt8], rng: inout FuzzRandom)
        -> PlantedMutator.Planted?
    {
        guard let w = table.column(["weight"]), let k = table.column(["kind"]) else { return nil }
        let weighted = table.dataLines.filter {
            let fields = table.fields($0)
            return fields[k].trimmingCharacters(in: .whitespaces) != "unavailable" && !fields[w].isEmpty
        }
        guard !weighted.isEmpty else { return nil }
        let line = rng.pick(weighted)
        if rng.chance(0.5) {
            let value = rng.pick(["1000001", "1000000.5", "2000000", "99999999999999999999", "1000000.0001"])
            return set(&table, &bytes, line: line, column: w, to: value, label: "a request weight above 1,000,000")
        }
        let value = rng.pick(["+3", "0x10", "-2", "1e3", "+0.5", "5e0"])
        return set(
            &table, &bytes, line: line, column: w, to: value,
            label: "a request weight with a sign, hexadecimal or an exponent")
    }

    /// A row of the previous roster moved into the planned week (or later), every time and the
    /// date alike; or a row whose date contradicts its shift's end.
    static func previous(_ table: inout TextTable, _ bytes: inout [UInt8], rng: inout FuzzRandom)
        -> PlantedMutator.Planted?
    {
        guard let d = table.column(["date"]) else { return nil }
        let line = rng.pick(table.dataLines)
        var fields = table.fields(line)
        func moved(_ text: String, days: Int) -> String? {
            guard var stamp = WallTimestamp(text) else { return nil }
            stamp.seconds += Int64(days) * 86_400
            return stamp.text
        }
        if rng.chance(0.2) {
            // An activity block outside its shift (roster.csv repeats the shift on each of its
            // blocks): ending after the shift's end (an hour, a day, in the year 9999), or
            // starting before its start.
            guard let s = table.column(["shift_start"]), let e = table.column(["shift_end"]),
                let a = table.column(["activity_start"]), let b = table.column(["activity_end"]),
                var start = WallTimestamp(fields[s]), var end = WallTimestamp(fields[e])
            else { return nil }
            let label: String
            if rng.chance(0.7) {
                switch rng.below(3) {
                case 0: end.seconds += 3600
                case 1: end.seconds += 86_400
                default: end.seconds = WallTimestamp.daysFromCivil(9999, 12, 31) * 86_400
                }
                fields[b] = end.text
                label = "activity_end \(fields[b]) after shift_end"
            } else {
                start.seconds -= Int64(rng.pick([3600, 86_400]))
                fields[a] = start.text
                label = "activity_start \(fields[a]) before shift_start"
            }
            table.setFields(line, fields)
            bytes = table.bytes
            return PlantedMutator.Planted(
                description: "a previous roster activity outside its shift: line \(line + 1) \(label)", line: line)
        }
        if rng.chance(0.7) {
            let days = rng.pick([7, 7, 8, 14])
            guard let date = moved(fields[d] + "T00:00", days: days) else { return nil }
            fields[d] = String(date.prefix(10))
            for (c, name) in table.header.enumerated() where timeColumns.contains(name) && !fields[c].isEmpty {
                guard let stamp = moved(fields[c], days: days) else { return nil }
                fields[c] = stamp
            }
            table.setFields(line, fields)
            bytes = table.bytes
            return PlantedMutator.Planted(
                description:
                    "a previous roster dated in the planned week or later: line \(line + 1) moved \(days) days",
                line: line)
        }
        // The shift ends on its date or, at night, the next day: a date after its end's, or two
        // or more days before it, contradicts it.
        guard let e = table.column(["shift_end"]), var end = WallTimestamp(fields[e]) else { return nil }
        end.seconds -= 1
        let days = rng.pick([1, 2, -2, -3, -8])
        guard let date = moved(String(end.text.prefix(10)) + "T00:00", days: days) else { return nil }
        return set(
            &table, &bytes, line: line, column: d, to: String(date.prefix(10)),
            label: "a previous roster date contradicting its shift_end (\(days) days from the end's date)")
    }
}
