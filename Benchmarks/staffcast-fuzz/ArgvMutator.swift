/// Mutations of the argument vector: options dropped, duplicated, unknown, written `--x=v`,
/// swapped, and values replaced by extremes of their shape.
enum ArgvMutator {
    static let numberFlags: Set<String> = [
        "contacts", "aht", "agents", "asa", "max-occupancy", "shrinkage", "patience", "max-abandon",
        "concurrency", "sl-seconds", "aht-cv", "seed", "replications", "origins",
    ]
    static let durationFlags: Set<String> = ["interval", "horizon", "every", "start-every"]
    static let inputFlags: Set<String> = [
        "history", "forecast", "requirements", "arrivals", "staffing", "config", "events", "actuals",
    ]
    static let outputFlags: Set<String> = ["out", "coverage", "dump", "out-dir"]
    static let listFlags: Set<String> = ["aht-by-concurrency", "shifts", "models", "holidays", "channel"]

    /// `current` is the value being replaced (`--coverage` is a file for `schedule`, a choice
    /// for `review` and `reforecast`).
    static func values(for flag: String, current: String = "") -> [String] {
        if flag == "coverage", ["roster", "shifts"].contains(current) {
            return ["roster", "shifts", "", "both", "ROSTER", "shift", " roster"]
        }
        // A published plan's folder.
        if flag == "plan" {
            return [
                "/", ".", "/nonexistent", "plan/manifest.json", "-", "", "/dev/null", "plan/", "plan/..", "actuals.csv",
            ]
        }
        // Counts of work: extremes outside the range, never a valid but hour-long run.
        if flag == "replications" {
            return ["0", "-1", "100001", "1e308", "NaN", "", "1.5", "99999999999999999999", "1", "+2"]
        }
        if flag == "origins" { return ["0", "-1", "1000000", "NaN", "", "1.5", "99999999999999999999", "1"] }
        if numberFlags.contains(flag) { return Extremes.numbers }
        if durationFlags.contains(flag) { return Extremes.durations }
        if inputFlags.contains(flag) { return Extremes.inputPaths }
        if outputFlags.contains(flag) { return Extremes.outputPaths }
        if listFlags.contains(flag) { return Extremes.lists }
        switch flag {
        case "origin", "now": return Extremes.timestamps
        case "sl": return Extremes.serviceLevels
        case "week": return Extremes.weeks
        case "timezone": return Extremes.zones
        case "year", "years": return Extremes.years
        case "model": return ["auto", "nope", "wavg0", "wavg53", "wavg1", "dshw", "combo", "", "AUTO"]
        case "staff-to": return ["p99", "p50", "P80", "", "p95 "]
        case "kind": return ["holiday", "retail", "both", ""]
        case "departure": return ["finish", "preempt", "later", ""]
        default: return Extremes.generic
        }
    }

    /// The options of `arguments`: (index of the flag, index of its value if any).
    static func options(_ arguments: [String]) -> [(flag: Int, value: Int?)] {
        var result: [(Int, Int?)] = []
        var i = 0
        while i < arguments.count {
            if arguments[i].hasPrefix("--") {
                let hasValue = i + 1 < arguments.count && !arguments[i + 1].hasPrefix("--")
                result.append((i, hasValue ? i + 1 : nil))
                i += hasValue ? 2 : 1
            } else {
                i += 1
            }
        }
        return result
    }

    static func mutate(_ arguments: inout [String], rng: inout FuzzRandom) -> String {
        let opts = options(arguments)
        switch rng.below(opts.isEmpty ? 2 : 9) {
        case 0:
            let unknown = rng.pick([
                "--frobnicate", "--histroy", "--out-dirr", "-x", "--", "---", "--=x", "--\u{202E}", "-", "",
                "--force", "--json", "--quiet", "--help", "--no-breaks", "--tours", "--replay", "--interval",
            ])
            let at = rng.below(arguments.count + 1)
            arguments.insert(unknown, at: at)
            return "argv: insert \(FileMutator.shown(unknown)) at \(at)"
        case 1:
            let junk = rng.pick(Extremes.generic + ["positional", "--history=", "--out=-"])
            arguments.append(junk)
            return "argv: append \(FileMutator.shown(junk))"
        case 2, 3, 4:
            guard let (f, v) = opts.isEmpty ? nil : rng.pick(opts), let value = v else { fallthrough }
            let flag = String(arguments[f].dropFirst(2))
            let replacement = rng.pick(values(for: flag, current: arguments[value]))
            arguments[value] = replacement
            return "argv: --\(flag) \(FileMutator.shown(replacement))"
        case 5:
            let (f, v) = rng.pick(opts)
            let flag = arguments[f]
            arguments.removeSubrange(f...(v ?? f))
            return "argv: drop \(flag)"
        case 6:
            let (f, v) = rng.pick(opts)
            let copy = Array(arguments[f...(v ?? f)])
            arguments += copy
            return "argv: repeat \(arguments[f])"
        case 7:
            guard let (f, v) = opts.first(where: { $0.value != nil }).map({ _ in rng.pick(opts) }), let value = v else {
                return "argv: no value"
            }
            arguments[f] += "=" + arguments[value]
            arguments.remove(at: value)
            return "argv: \(arguments[f].prefix(40)) inline"
        default:
            guard arguments.count > 1 else { return "argv: one token" }
            let i = rng.below(arguments.count - 1)
            arguments.swapAt(i, i + 1)
            return "argv: swap tokens \(i) and \(i + 1)"
        }
    }

    /// Sets `--flag value`, replacing its value when present, appending it otherwise.
    static func set(_ arguments: inout [String], _ flag: String, _ value: String) {
        if let i = arguments.firstIndex(of: "--" + flag), i + 1 < arguments.count, !arguments[i + 1].hasPrefix("--") {
            arguments[i + 1] = value
        } else if let i = arguments.firstIndex(of: "--" + flag) {
            arguments.insert(value, at: i + 1)
        } else {
            arguments += ["--" + flag, value]
        }
    }

    /// The documented bounds of each command's flags, broken: (flag, values, needs) where the
    /// value is refused whenever `needs` holds for the arguments (no `--force`, say).
    static func plantedOptions(_ command: String, _ arguments: [String]) -> [(flag: String, values: [String])] {
        let force = arguments.contains("--force")
        var targets: [(String, [String])] = [
            ("patience", ["0.5", "1e-300", "0", "-1", "0.999"]),
            ("shrinkage", ["1", "1.5", "-0.1"] + (force ? [] : ["0.96", "0.999999"])),
            ("max-occupancy", ["0", "1.5", "-1"] + (force ? [] : ["0.01", "0.049"])),
            ("max-abandon", ["1.5", "-0.1", "0"]),
            ("sl", ["101/20", "-5/20", "80/-1", "0/20", "NaN/20"]),
            ("concurrency", ["0", "101", "2.5", "-3"]),
            ("aht", ["0.5", "0", "86401", "1e308", "-1"]),
            ("aht-by-concurrency", ["300,0.5,420", "300,86401,420", "300,360,1e308"]),
        ]
        switch command {
        case "erlang":
            targets += [
                // erlang takes any positive period (1s, 45m, 2h): only no period or an absurd one is out.
                ("contacts", ["1000000001", "-1", "1e308", "1e10"]), ("interval", ["0s", "-30m", "0.5s", "40000d"]),
                ("agents", ["-1", "10000001"]),
            ]
        case "staff":
            targets = targets.filter {
                arguments.contains("--" + $0.0) || $0.0 == "shrinkage"
                    || $0.0 == "patience" && !arguments.contains("--concurrency")
            }
            if arguments.contains("--config") { targets = [] }
            targets += [("interval", ["1s", "7m", "2h", "1d"]), ("staff-to", ["p99", "p0"])]
        case "schedule":
            targets = [
                ("interval", ["1s", "7m", "2h"]), ("shifts", ["0h", "25h", "-8h"]), ("start-every", ["7m", "0s"]),
            ]
            if arguments.contains("--sl-seconds") {
                targets += [("shrinkage", ["1", "1.5", "-0.1"]), ("sl-seconds", ["-1"])]
            }
            if arguments.contains("--config") { targets = targets.filter { $0.0 != "shifts" && $0.0 != "start-every" } }
        case "simulate":
            targets = [
                ("aht", ["0", "86401", "-5", "1e308"]), ("patience", ["0.5", "0", "-1"]),
                ("replications", ["0", "100001", "-1"]),
                ("seed", ["-1", "18446744073709551616"]), ("departure", ["later"]), ("sl-seconds", ["-1", "NaN"]),
            ]
        case "plan", "roster":
            targets = [("week", ["9999-W52", "1969-W10", "2101-W01", "2099-W10", "2003-W54", "2003-W00", "1970-W01"])]
            if command == "roster" { targets += [("out", [""])] }
        case "review":
            targets = [
                ("replications", ["0", "100001", "-1", "1.5"]), ("seed", ["-1", "18446744073709551616"]),
                ("coverage", ["both", "ROSTER", ""]),
            ]
        case "reforecast":
            // --now must lie in the plan's week (2003-W13 or 2003-W16).
            targets = [
                (
                    "now",
                    ["2003-05-05T11:00:00Z", "2003-03-01T11:00:00Z", "1969-12-31T23:59:59Z", "9999-12-31T00:00:00Z"]
                ),
                ("coverage", ["both", "ROSTER", ""]),
            ]
        case "forecast":
            targets = [
                ("horizon", ["367d", "53w", "400d"]), ("interval", ["1s", "7m", "2h", "1d"]), ("model", ["nope"]),
                ("holidays", ["XX"]),
            ]
        case "backtest":
            targets = [("horizon", ["367d", "53w"]), ("origins", ["0", "-1"]), ("interval", ["2h", "1d"])]
        case "inspect":
            targets = [("interval", ["2h", "1d", "7m", "1s", "20m"]), ("timezone", ["Mars/Olympus"])]
        case "calendar":
            targets =
                arguments.contains("--year")
                ? [("year", ["1969", "1999", "2100"])] : [("years", ["2099-2101", "1990-2001", "2030-2020"])]
            targets += [("holidays", ["XX"])]
        default:
            break
        }
        return targets.map { (flag: $0.0, values: $0.1) }
    }

    static func plant(_ arguments: inout [String], command: String, rng: inout FuzzRandom) -> String? {
        if command == "plan", rng.chance(0.3), arguments.contains("--now") {
            arguments[arguments.firstIndex(of: "--now")! + 1] = rng.pick([
                "9999-12-31T00:00:00Z", "1969-06-01T00:00:00Z", "2101-01-05T00:00:00Z",
            ])
            return "--week next --now \(arguments[arguments.firstIndex(of: "--now")! + 1]) (a week outside 1970–2100)"
        }
        let targets = plantedOptions(command, arguments)
        guard !targets.isEmpty else { return nil }
        let target = rng.pick(targets)
        let value = rng.pick(target.values)
        set(&arguments, target.flag, value)
        return "--\(target.flag) \(value)"
    }
}
