/// Mutations of the plan config as JSON: values replaced by other types and extremes, keys
/// deleted, renamed, added or given twice, deep nesting, hostile strings and paths.
enum JSONMutator {
    static let scalars: [JSONTree] = [
        .number("0"), .number("-1"), .number("-0"), .number("1e308"), .number("1e309"), .number("1e-300"),
        .number("123456789012345678901234567890"), .number("0.999999"), .number("86401"), .number("2.5"),
        .raw("NaN"), .raw("Infinity"), .raw("0x10"), .raw("01"), .raw("1."), .raw("+1"),
        .string(""), .string("80/20"), .string("30m"), .string("7m"), .string("abc"), .string("\u{202E}x"),
        .string("1e308"),
        .bool(true), .bool(false), .null, .array([]), .object([]),
    ]

    static func mutate(_ bytes: [UInt8], rng: inout FuzzRandom) -> (bytes: [UInt8], description: String)? {
        guard var tree = JSONTree.parse(bytes) else { return nil }
        let paths = tree.paths()
        let path = rng.pick(paths)
        let location = describe(path, in: tree)
        var raw = false
        let what: String
        if rng.chance(0.2), let bound = atBound(&tree, rng: &rng) { return (Array(tree.render().utf8), bound) }
        // The roster search's effort is what the user asks for (about a millisecond a move on the
        // seeds' teams): a valid count stays small, never an hour-long run.
        if tree.key(at: path) == "moves" {
            let value = rng.pick(moves)
            tree[path] = value
            return (Array(tree.render().utf8), "json \(location) = \(value.render())")
        }
        switch rng.below(10) {
        case 0, 1:
            let value = rng.pick(scalars)
            tree[path] = value
            what = "= \(value.render())"
        case 2:
            guard case .key(let i)? = path.last, case .object(var pairs) = tree[Array(path.dropLast())] else {
                return nil
            }
            pairs.remove(at: i)
            tree[Array(path.dropLast())] = .object(pairs)
            what = "deleted"
        case 3:
            guard case .key(let i)? = path.last, case .object(var pairs) = tree[Array(path.dropLast())] else {
                return nil
            }
            let key = pairs[i].0
            pairs[i].0 = rng.pick([
                key + "s", key.uppercased(), String(key.dropLast()), key.replacingOccurrences(of: "_", with: "-"),
                " " + key, "",
            ])
            tree[Array(path.dropLast())] = .object(pairs)
            what = "key renamed to \(FileMutator.shown(pairs[i].0))"
        case 4:
            // An object gains a key: unknown, or a real one in the wrong place.
            guard case .object(var pairs) = tree[path] else { return nil }
            let key = rng.pick([
                "frobnicate", "history", "channels", "shrinkage", "patience", "name", "*", "", "aht_seconds", "tours",
            ])
            pairs.append((key, rng.pick(scalars)))
            tree[path] = .object(pairs)
            what = "gains \(FileMutator.shown(key))"
        case 5:
            tree[path] = rng.chance(0.5) ? .array([tree[path]]) : .object([("value", tree[path])])
            what = "wrapped"
        case 6:
            let depth = rng.pick([100, 1000, 100_000])
            tree[path] = .raw(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
            what = "nested \(depth) deep"
        case 7:
            let key = tree.key(at: path) ?? ""
            let values = ["history", "events"].contains(key) ? Extremes.inputPaths : Extremes.names
            let value = rng.pick(values)
            tree[path] = .string(value)
            raw = rng.chance(0.3)
            what = "= \(FileMutator.shown(value))\(raw ? " (raw bytes)" : "")"
        case 8:
            // A string or number made longer or odd in place.
            switch tree[path] {
            case .string(let s):
                tree[path] = .string(s + rng.pick(["x", "0", " ", "%", "s", "\u{0}", "\u{FFFF}", "m"]))
            case .number(let n): tree[path] = .number(n + rng.pick(["0", "00000000000000000000", "e5", ".5", "e-400"]))
            default: tree[path] = .string(String(repeating: "y", count: 100_000))
            }
            what = "edited to \(FileMutator.shown(tree[path].render()))"
        default:
            // An array item duplicated or dropped.
            guard case .array(var items) = tree[path], !items.isEmpty else { return nil }
            let i = rng.below(items.count)
            if rng.chance(0.5) { items.insert(items[i], at: i) } else { items.remove(at: i) }
            tree[path] = .array(items)
            what = "array item \(i) duplicated or dropped"
        }
        return (Array(tree.render(rawStrings: raw).utf8), "json \(location) \(what)")
    }

    /// Values for the team's `moves`: small valid ones, and ones out of 0…10,000,000 or of
    /// another type.
    static let moves: [JSONTree] = [
        .number("0"), .number("1"), .number("400"), .number("-1"), .number("10000001"), .number("1e308"),
        .number("2.5"), .number("123456789012345678901234567890"), .raw("NaN"), .raw("0x10"), .string("40"),
        .null, .bool(true), .array([]),
    ]

    /// Valid edges of the capacity and team settings (path from the top-level key, values):
    /// attrition near 1, hires on a Wednesday inside the horizon or in the far future, the
    /// largest cohorts and the longest training.
    static let settingsEdges: [(String, [String], [JSONTree])] = [
        (
            "capacity", ["attrition_per_week"],
            [.number("0.999999"), .number("0.99"), .number("0.9999999"), .number("0"), .number("1e-300")]
        ),
        (
            "capacity", ["hires", "0", "start"],
            [
                .string("2003-04-23"), .string("2003-04-30"), .string("2099-12-30"), .string("2100-12-29"),
                .string("9999-12-29"),
            ]
        ),
        (
            "capacity", ["hires"],
            [
                .array([
                    .object([("channel", .string("calls")), ("start", .string("2003-04-23")), ("count", .number("2"))]),
                    .object([
                        ("channel", .string("chat")), ("start", .string("9999-12-29")), ("count", .number("100000")),
                    ]),
                ]), .array([]),
            ]
        ),
        ("capacity", ["hires", "0", "count"], [.number("100000"), .number("1")]),
        ("capacity", ["training_weeks"], [.number("52"), .number("0")]),
        ("capacity", ["ramp_up"], [.array([]), .array([.number("1")]), .array([.number("0.000001")])]),
        ("capacity", ["hire_every_weeks"], [.number("26"), .number("1")]),
        ("capacity", ["hire_fte"], [.number("2"), .number("0.000001")]),
        ("capacity", ["headcount", "calls"], [.number("0"), .number("1000000")]),
        ("capacity", ["shrinkage_by_month", "4"], [.number("0.95"), .number("0")]),
        ("team", ["moves"], [.number("0"), .number("1"), .number("400")]),
    ]

    /// Valid values at the edges of their ranges, in a channel or a shift template (or the
    /// capacity and team settings): inputs that must be planned (or refused with a message), in
    /// reasonable time.
    static func atBound(_ tree: inout JSONTree, rng: inout FuzzRandom) -> String? {
        if case .object(var top) = tree {
            let present = settingsEdges.filter { edge in top.contains { $0.0 == edge.0 } }
            if !present.isEmpty, rng.chance(0.6) {
                let (key, path, values) = rng.pick(present)
                let value = rng.pick(values)
                if PlantedMutator.set(&top, path: [key] + path, to: value) {
                    tree = .object(top)
                    return "json \(([key] + path).joined(separator: ".")) = \(value.render()) (at its bound)"
                }
            }
        }
        let channel: [(String, [JSONTree])] = [
            ("aht_seconds", [.number("1"), .number("86400")]), ("patience", [.number("1"), .number("86400")]),
            ("shrinkage", [.number("0"), .number("0.95")]), ("max_occupancy", [.number("0.05"), .number("1")]),
            ("asa_seconds", [.number("0.001"), .number("86400")]), ("concurrency", [.number("100"), .number("1")]),
            ("service_level", [.string("99.99/1"), .string("1/86400"), .string("100/0"), .string("50/0")]),
            ("max_abandon_rate", [.number("0.0001"), .number("1")]),
            ("deadline", [.string("5m"), .string("52w"), .string("1s")]),
        ]
        let template: [(String, [JSONTree])] = [
            ("length", [.string("24h"), .string("5m"), .string("23h55m")]),
            ("start_every", [.string("5m"), .string("24h")]),
            ("max_agents_per_day", [.number("0"), .number("1"), .number("1000000000")]),
            ("cost", [.number("0"), .number("1e300")]),
            ("earliest_start", [.string("00:00"), .string("23:59")]),
            ("latest_start", [.string("00:00"), .string("23:55")]),
            ("days", [.array([]), .array([.string("Sun")])]),
        ]
        let paths = tree.paths().filter { path in
            guard case .object = tree[path], path.count >= 2 else { return false }
            let parent = describe(Array(path.dropLast()), in: tree)
            return parent == "channels" || parent.hasSuffix("templates")
        }
        guard !paths.isEmpty else { return nil }
        let path = rng.pick(paths)
        guard case .object(var pairs) = tree[path] else { return nil }
        let isTemplate = describe(path, in: tree).contains("templates")
        let (key, values) = rng.pick(isTemplate ? template : channel)
        let value = rng.pick(values)
        if let i = pairs.firstIndex(where: { $0.0 == key }) { pairs[i].1 = value } else { pairs.append((key, value)) }
        tree[path] = .object(pairs)
        return "json \(describe(path, in: tree)).\(key) = \(value.render()) (at its bound)"
    }

    static func describe(_ path: [JSONTree.PathStep], in tree: JSONTree) -> String {
        var text = ""
        for k in path.indices {
            switch path[k] {
            case .index(let i): text += "[\(i)]"
            case .key:
                text += (text.isEmpty ? "" : ".") + (tree.key(at: Array(path[...k])) ?? "?")
            }
        }
        return text.isEmpty ? "(root)" : text
    }
}
