/// Mutations that break a documented bound on purpose (`../shared/docs/CLI.md`, the commands'
/// `--help`, issue 11): the run must then fail with a message, never exit 0. Each changes one
/// cell, line or key of a valid seed and nothing else, so the bound is the only thing wrong
/// (besides, at most, a second thing wrong — which also must not exit 0).
enum PlantedMutator {
    struct Planted {
        var description: String
        /// The 0-based line the violation is on (kept by the minimiser).
        var line: Int?
    }

    static func plant(_ bytes: inout [UInt8], kind: InputKind, scenario: Scenario, rng: inout FuzzRandom) -> Planted? {
        switch kind {
        case .config: return config(&bytes, rng: &rng)
        case .events: return events(&bytes, rng: &rng)
        case .forecast:
            return csv(
                &bytes, rng: &rng,
                options: [
                    (
                        ["forecast", "lo80", "hi95"], ["1000000001", "1e10", "-1", "NaN", "inf"],
                        "contacts beyond 0…1e9"
                    ),
                    (["aht_seconds"], ["0.2", "0.5", "86401", "1e308", "-3"], "AHT outside 1…86400 s"),
                ], grid: [1, 7, 61, 420, 900, -1, -900], gridSeconds: 1800)
        case .requirements:
            return csv(
                &bytes, rng: &rng,
                options: [
                    (
                        ["headcount"], ["1000001", "-1", "2.5", "1e308", "NaN", "99999999999999999999"],
                        "headcount outside 0…1,000,000"
                    ),
                    (["contacts"], ["1000000001", "1e308", "-1", "inf"], "contacts beyond 0…1e9"),
                    (["aht_seconds"], ["0.2", "86401", "1e308", "-1"], "AHT outside 1…86400 s"),
                ], grid: [1, 7, 61, 420, 900, -1], gridSeconds: 1800)
        case .staffing:
            return csv(
                &bytes, rng: &rng,
                options: [
                    (["agents"], ["10000001", "-1", "2.5", "1e308", "NaN"], "agents outside 0…10,000,000")
                ], grid: [], gridSeconds: 0)
        case .team, .requests, .previousRoster:
            return RosterMutator.plant(&bytes, kind: kind, rng: &rng)
        case .argv, .published:
            return nil
        default:
            // Histories and arrivals.
            var options: [([String], [String], String)] = [
                (["contacts", "calls"], ["1000000001", "1e10", "2e9", "-1", "-7"], "contacts beyond 0…1e9"),
                (["aht_seconds"], ["1e308", "1e200", "0.2", "0.5", "86401", "1e6"], "history AHT outside 1…86400 s"),
            ]
            if kind == .historyDecimalComma { options[1].1 += ["0,5", "86400,5"] }
            if kind == .historyDST, rng.chance(0.25) { return dstGap(&bytes, rng: &rng) }
            return csv(&bytes, rng: &rng, options: options, grid: [1, 7, 61, 150, 299, -1, -61], gridSeconds: 300)
        }
    }

    /// One of: a value cell out of its bounds, a row moved off the grid, a row given twice, a
    /// name with a control character.
    static func csv(
        _ bytes: inout [UInt8], rng: inout FuzzRandom, options: [([String], [String], String)],
        grid: [Int], gridSeconds: Int
    ) -> Planted? {
        var table = TextTable(bytes)
        let lines = table.dataLines
        guard !lines.isEmpty else { return nil }
        let line = rng.pick(lines)
        var fields = table.fields(line)
        switch rng.below(grid.isEmpty ? 3 : 4) {
        case 0, 1:
            let present = options.filter { table.column($0.0) != nil }
            guard let (columns, values, label) = present.isEmpty ? nil : rng.pick(present),
                let c = table.column(columns)
            else { return nil }
            let value = rng.pick(values)
            fields[c] = value
            table.setFields(line, fields)
            bytes = table.bytes
            return Planted(description: "\(label): line \(line + 1) \(table.header[c]) = \(value)", line: line)
        case 2:
            if rng.chance(0.5), let c = table.column(["channel"]) {
                let name = rng.pick(Extremes.forbiddenNames)
                fields[c] = name
                table.setFields(line, fields)
                bytes = table.bytes
                return Planted(
                    description: "control character in a name: line \(line + 1) channel \(FileMutator.shown(name))",
                    line: line)
            }
            table.lines.insert(table.lines[line], at: line + 1)
            bytes = table.bytes
            return Planted(description: "a row given twice: line \(line + 1) repeated", line: line + 1)
        default:
            guard let c = table.column(["timestamp"]), var stamp = WallTimestamp(fields[c]), stamp.hasSeconds else {
                return nil
            }
            let shift = rng.pick(grid)
            stamp.seconds += Int64(shift)
            fields[c] = stamp.text
            table.setFields(line, fields)
            bytes = table.bytes
            return Planted(
                description: "a row off the grid: line \(line + 1) moved \(shift) s to \(fields[c])", line: line)
        }
    }

    /// The capacity settings' bounds (README "Capacity"; `CapacitySettingsReader`), broken:
    /// (path from the `capacity` object, values). `hires.0` is the first planned hire.
    static let capacityBounds: [([String], [JSONTree])] = [
        (["attrition_per_week"], [.number("1"), .number("1.5"), .number("-0.01"), .number("1e308")]),
        (["training_weeks"], [.number("53"), .number("2.5"), .number("-1")]),
        (["hire_every_weeks"], [.number("0"), .number("27"), .number("1.5")]),
        (["hire_fte"], [.number("0"), .number("2.5"), .number("-1")]),
        (["ramp_up"], [.array([.number("0")]), .array([.number("1.5")]), .array([.number("0.5"), .number("-1")])]),
        (["headcount", "calls"], [.number("1000001"), .number("-1"), .number("1e308")]),
        (["shrinkage_by_month", "4"], [.number("0.96"), .number("-0.1"), .number("1")]),
        (["quantile"], [.string("p99"), .string("p0")]),
        // A hire before the plan's first week (2003-W16 starts on 2003-04-14).
        (["hires", "0", "start"], [.string("2003-04-09"), .string("2003-04-13"), .string("1970-01-07")]),
        (["hires", "0", "count"], [.number("0"), .number("100001"), .number("2.5"), .number("-1")]),
        (["hires", "0", "channel"], [.string("cals"), .string("phone")]),
    ]
    /// The team settings' bounds: moves are a whole number from 0 to 10,000,000.
    static let teamBounds: [([String], [JSONTree])] = [
        (["moves"], [.number("10000001"), .number("-1"), .number("2.5"), .number("1e308")])
    ]

    /// Sets the value at `path` (object keys, or array indices as digits) inside `pairs`; false
    /// when the path is not there.
    static func set(_ pairs: inout [(String, JSONTree)], path: [String], to value: JSONTree) -> Bool {
        guard let key = path.first, let i = pairs.firstIndex(where: { $0.0 == key }) else { return false }
        if path.count == 1 {
            pairs[i].1 = value
            return true
        }
        var node = pairs[i].1
        guard set(&node, path: Array(path.dropFirst()), to: value) else { return false }
        pairs[i].1 = node
        return true
    }

    static func set(_ node: inout JSONTree, path: [String], to value: JSONTree) -> Bool {
        switch node {
        case .object(var pairs):
            guard set(&pairs, path: path, to: value) else { return false }
            node = .object(pairs)
            return true
        case .array(var items):
            guard let first = path.first, let i = Int(first), items.indices.contains(i) else { return false }
            if path.count == 1 {
                items[i] = value
            } else {
                guard set(&items[i], path: Array(path.dropFirst()), to: value) else { return false }
            }
            node = .array(items)
            return true
        default:
            return false
        }
    }

    /// A local time that does not exist (02:00–03:00 on 2003-03-30 in Amsterdam), written without
    /// an offset. The autumn hour that happens twice (02:00–03:00 on 2003-10-26) is not planted: the
    /// contract reads it in file order (first +02:00, then +01:00) with a warning naming the line,
    /// a lone row as the first hour (issue 10, "Local time across DST").
    static func dstGap(_ bytes: inout [UInt8], rng: inout FuzzRandom) -> Planted? {
        var table = TextTable(bytes)
        guard let c = table.column(["timestamp"]), !table.dataLines.isEmpty else { return nil }
        let line = rng.pick(table.dataLines)
        var fields = table.fields(line)
        let stamp = rng.pick(["2003-03-30T02:00:00", "2003-03-30T02:30:00"])
        fields[c] = stamp
        table.setFields(line, fields)
        bytes = table.bytes
        return Planted(description: "a DST local time that does not exist: line \(line + 1) = \(stamp)", line: line)
    }

    static func events(_ bytes: inout [UInt8], rng: inout FuzzRandom) -> Planted? {
        var table = TextTable(bytes)
        guard let c = table.column(["name"]), !table.dataLines.isEmpty else { return nil }
        let line = rng.pick(table.dataLines)
        var fields = table.fields(line)
        let name = rng.pick(Extremes.forbiddenNames)
        fields[c] = fields[c] + name
        table.setFields(line, fields)
        bytes = table.bytes
        return Planted(
            description: "control character in a name: events line \(line + 1) \(FileMutator.shown(fields[c]))",
            line: line)
    }

    /// Channel settings out of their bounds, a key given twice, a control character in a name;
    /// in a config with a team or a capacity plan, their settings out of bounds too.
    static func config(_ bytes: inout [UInt8], rng: inout FuzzRandom) -> Planted? {
        guard var tree = JSONTree.parse(bytes), case .object(var top) = tree else { return nil }
        for (key, bounds) in [("capacity", capacityBounds), ("team", teamBounds)] where rng.chance(0.4) {
            guard let c = top.firstIndex(where: { $0.0 == key }), case .object(var settings) = top[c].1 else {
                continue
            }
            let (path, values) = rng.pick(bounds)
            let value = rng.pick(values)
            guard set(&settings, path: path, to: value) else { continue }
            top[c].1 = .object(settings)
            bytes = Array(JSONTree.object(top).render().utf8)
            return Planted(
                description: "\(key).\(path.joined(separator: ".")) = \(value.render()) (out of bounds)", line: nil)
        }
        switch rng.below(4) {
        case 0:
            // A key given twice, in any object.
            let objects = tree.paths().filter {
                if case .object(let pairs) = tree[$0] { return !pairs.isEmpty } else { return false }
            }
            let path = rng.pick(objects)
            guard case .object(var pairs) = tree[path] else { return nil }
            let i = rng.below(pairs.count)
            pairs.insert((pairs[i].0, rng.chance(0.5) ? pairs[i].1 : .number("1")), at: rng.below(pairs.count + 1))
            tree[path] = .object(pairs)
            bytes = Array(tree.render().utf8)
            return Planted(
                description: "duplicate JSON key '\(pairs[i].0)' in \(JSONMutator.describe(path, in: tree))", line: nil)
        case 1:
            // A control character in a channel, scenario or template name.
            let name = rng.pick(Extremes.forbiddenNames)
            let raw = rng.chance(0.3)
            guard let c = top.firstIndex(where: { $0.0 == "channels" }), case .object(var channels) = top[c].1,
                !channels.isEmpty
            else { return nil }
            let k = rng.below(channels.count)
            channels[k].0 += name
            top[c].1 = .object(channels)
            bytes = Array(JSONTree.object(top).render(rawStrings: raw).utf8)
            return Planted(
                description:
                    "control character in a name: channel \(FileMutator.shown(channels[k].0))\(raw ? " (raw)" : "")",
                line: nil)
        case 2:
            guard let c = top.firstIndex(where: { $0.0 == "interval" }) ?? Optional(top.count) else { return nil }
            let value = rng.pick(["7m", "1s", "2h", "45m", "20m", "1d"])
            if c == top.count { top.append(("interval", .string(value))) } else { top[c].1 = .string(value) }
            bytes = Array(JSONTree.object(top).render().utf8)
            return Planted(description: "interval \(value) (only 5, 10, 15, 30, 60 minutes)", line: nil)
        default:
            guard let c = top.firstIndex(where: { $0.0 == "channels" }), case .object(var channels) = top[c].1,
                !channels.isEmpty
            else { return nil }
            let k = rng.below(channels.count)
            guard case .object(var settings) = channels[k].1 else { return nil }
            let (key, values) = rng.pick([
                ("aht_seconds", ["0.5", "0", "-1", "86401", "1e308"]), ("patience", ["0.5", "1e-300", "0", "-5"]),
                ("shrinkage", ["0.96", "0.999999", "1", "1.5", "-0.1"]),
                ("max_occupancy", ["0.01", "0.04", "0", "1.5", "-1"]),
                ("max_abandon_rate", ["1.5", "-0.1"]), ("concurrency", ["0", "101", "2.5", "-1"]),
                ("service_level", ["\"101/20\"", "\"-1/20\"", "\"80/-5\"", "\"0/20\""]),
            ])
            let value = rng.pick(values)
            let node: JSONTree = value.hasPrefix("\"") ? .string(String(value.dropFirst().dropLast())) : .number(value)
            if let i = settings.firstIndex(where: { $0.0 == key }) {
                settings[i].1 = node
            } else {
                settings.append((key, node))
            }
            channels[k].1 = .object(settings)
            top[c].1 = .object(channels)
            bytes = Array(JSONTree.object(top).render().utf8)
            return Planted(description: "channels.\(channels[k].0).\(key) = \(value) (out of bounds)", line: nil)
        }
    }
}
