import Foundation

/// What a case's run must satisfy (../shared/docs/CLI.md, issue 11):
/// - no signal, no timeout, no exit 70, and only the documented exit codes;
/// - a failure says why on standard error and leaves no output file (nor, for `plan`, a folder);
/// - exit 0 only for input within the documented bounds: a planted violation must fail;
/// - on success the outputs are there and their numbers are sane: finite, never negative
///   where they count something, probabilities and occupancies within [0, 1].
enum Oracle {
    static let documentedExits: Set<Int32> = [0, 64, 65, 66, 73, 74]

    struct Verdict {
        /// nil when the case passed.
        var failure: String?
        /// A short class for grouping and for the minimiser: "crash SIGSEGV", "timeout", "exit 0 on planted".
        var kind: String?
    }

    static func judge(_ c: FuzzCase, ending: Ending, directory: String) -> Verdict {
        let stderr = read(directory + "/.fuzz-stderr")
        switch ending {
        case .timedOut:
            return Verdict(failure: "timeout after \(c.scenario.timeoutSeconds) s", kind: "timeout")
        case .signalled(let signal):
            return Verdict(failure: "crash: \(signalName(signal))", kind: "crash \(signalName(signal))")
        case .exited(let code):
            if code == 70 { return Verdict(failure: "internal error (exit 70): \(firstLine(stderr))", kind: "exit 70") }
            guard documentedExits.contains(code) else {
                return Verdict(failure: "undocumented exit \(code): \(firstLine(stderr))", kind: "exit \(code)")
            }
            if code != 0 {
                if stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    return Verdict(failure: "exit \(code) without a message on stderr", kind: "silent failure")
                }
                if !c.argumentsMutated {
                    for output in c.scenario.outputs
                    where FileManager.default.fileExists(atPath: directory + "/" + output) {
                        return Verdict(
                            failure: "exit \(code) but \(output) was written (a partial output): \(firstLine(stderr))",
                            kind: "partial output")
                    }
                }
                return Verdict()
            }
            if let planted = c.planted {
                return Verdict(
                    failure: "exit 0 on input breaking a documented bound: \(planted)", kind: "exit 0 on planted")
            }
            return outputs(c, directory: directory)
        }
    }

    static func outputs(_ c: FuzzCase, directory: String) -> Verdict {
        var files: [String] = []
        let fm = FileManager.default
        if !c.argumentsMutated {
            for output in c.scenario.outputs {
                let path = directory + "/" + output
                guard fm.fileExists(atPath: path) else {
                    return Verdict(failure: "exit 0 but \(output) is missing", kind: "missing output")
                }
                if output == "reports" {
                    let weeks = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }
                    guard weeks.count == 1, let week = weeks.first,
                        fm.fileExists(atPath: "\(path)/\(week)/manifest.json")
                    else {
                        return Verdict(
                            failure: "exit 0 but reports/ holds \(weeks), not one week with its manifest",
                            kind: "missing output")
                    }
                    let leftovers = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter {
                        $0.hasPrefix(".") && $0 != ".staffcast.lock"
                    }
                    if !leftovers.isEmpty {
                        return Verdict(failure: "plan left \(leftovers) in reports/", kind: "leftover staging")
                    }
                    for name in [
                        "forecast.csv", "requirements.csv", "coverage.csv", "weekly_staffing.csv", "scenarios.csv",
                        "capacity.csv", "hiring_plan.csv", "roster.csv", "agent_hours.csv", "roster_coverage.csv",
                        "uncovered.csv",
                    ] {
                        let file = "\(path)/\(week)/\(name)"
                        if fm.fileExists(atPath: file) { files.append(file) }
                    }
                } else if output.hasSuffix(".csv") {
                    files.append(path)
                }
            }
        }
        for file in files {
            if let problem = CSVSanity.check(read(file)) {
                return Verdict(
                    failure: "\(file.replacingOccurrences(of: directory + "/", with: "")): \(problem)",
                    kind: "bad output value")
            }
        }
        let stdout = read(directory + "/.fuzz-stdout")
        if stdout.hasPrefix("timestamp,"), let problem = CSVSanity.check(stdout) {
            return Verdict(failure: "standard output: \(problem)", kind: "bad output value")
        }
        if stdout.hasPrefix("{"), let problem = CSVSanity.checkJSON(stdout) {
            return Verdict(failure: "standard output JSON: \(problem)", kind: "bad output value")
        }
        return Verdict()
    }

    static func read(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}

/// Checks the numbers of an output CSV: finite everywhere; never negative in a column that
/// counts or measures; within [0, 1] in a column that is a probability or an occupancy.
enum CSVSanity {
    static let fractions: Set<String> = [
        "service_level", "service_level_at_mean", "occupancy", "abandon_rate", "prob_wait", "coverage80",
        "coverage95",
    ]
    static let nonNegative: Set<String> = [
        "forecast", "lo80", "hi80", "lo95", "hi95", "contacts", "aht_seconds", "agents", "headcount",
        "asa_seconds", "backlog", "oldest_age_seconds", "required", "scheduled", "offered",
        "answered", "abandoned", "workload_hours", "agent_hours_required", "headcount_peak",
        "scheduled_hours",
        // roster, review, reforecast
        "shifts", "hours", "contract_min", "contract_max", "rostered", "shortfall", "contacts_forecast",
        "contacts_actual", "intervals", "wape", "over_agent_hours", "under_agent_hours", "actual",
        "scheduled_heads", "scheduled_agents", "required_agents", "planned_forecast", "reforecast",
        "short_agents",
    ]
    /// Names and times: any text, "NaN" included, is a channel's (or an agent's) right.
    static let textColumns: Set<String> = [
        "timestamp", "channel", "model", "scenario", "name", "date", "tour", "kind", "country",
        "shift_start", "shift_end", "break_start", "break_end", "agent", "activity_start", "activity_end",
        "cause", "service_measure",
    ]
    static let nonFinite: Set<String> = ["nan", "-nan", "inf", "-inf", "+inf", "infinity", "-infinity"]

    static func check(_ text: String) -> String? {
        let rows = parse(text)
        guard let header = rows.first else { return nil }
        for (r, row) in rows.enumerated().dropFirst() {
            for (c, field) in row.enumerated() {
                let name = c < header.count ? header[c] : "column \(c + 1)"
                if textColumns.contains(name) { continue }
                if nonFinite.contains(field.lowercased()) { return "line \(r + 1) \(name) is \(field)" }
                guard let x = Double(field) else { continue }
                if fractions.contains(name), !(x >= 0 && x <= 1) {
                    return "line \(r + 1) \(name) = \(field), outside [0, 1]"
                }
                if nonNegative.contains(name), x < 0 { return "line \(r + 1) \(name) = \(field), negative" }
            }
        }
        return nil
    }

    static func checkJSON(_ text: String) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            return "not a JSON object"
        }
        for (key, value) in object {
            // null is "unbounded" for a wait; for a probability or an occupancy it is a NaN.
            if value is NSNull, ["service_level", "prob_wait", "occupancy"].contains(key) { return "\(key) is null" }
            guard let x = (value as? NSNumber)?.doubleValue, !(value is Bool) else { continue }
            if !x.isFinite { return "\(key) is \(x)" }
            if fractions.contains(key), !(x >= 0 && x <= 1) { return "\(key) = \(x), outside [0, 1]" }
            if ["agents", "headcount", "asa_seconds", "traffic_erlangs"].contains(key), x < 0 {
                return "\(key) = \(x), negative"
            }
        }
        return nil
    }

    /// RFC 4180 fields (quotes, doubled quotes, CRLF).
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var wasQuoted = false
        var chars = text.makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? chars.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = chars.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(ch)
                }
                continue
            }
            switch ch {
            case "\"" where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
            case ",":
                row.append(field)
                field = ""
                wasQuoted = false
            case "\n", "\r\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                wasQuoted = false
            default: field.append(ch)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
