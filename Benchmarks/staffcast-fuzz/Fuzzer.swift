import Foundation

/// The run: cases made in order, run `jobs` at a time, judged, counted; distinct failures
/// minimised and kept.
struct Fuzzer {
    let options: Options
    let runner: ChildRunner
    let work: String
    let generator: Generator

    struct Tally {
        var cases = 0, planted = 0, failures = 0
        var exits: [String: Int] = [:]
        var seconds = 0.0, slowest = 0.0, slowestCase = 0
    }
    var byCommand: [String: Tally] = [:]
    var byKind: [String: Tally] = [:]
    var failures: [(c: FuzzCase, verdict: Oracle.Verdict, plantedLine: Int?)] = []

    init(options: Options, runner: ChildRunner, work: String, generator: Generator) {
        self.options = options
        self.runner = runner
        self.work = work
        self.generator = generator
    }

    /// Every scenario unmutated must exit 0 and pass the output checks.
    func checkSeeds() throws {
        let directory = work + "/check"
        for (_, scenario) in generator.scenarios {
            let c = FuzzCase(
                number: -1, scenario: scenario, target: .argv, targetFile: nil, files: scenario.files,
                arguments: scenario.arguments, mutations: [], planted: nil)
            try Workspace.prepare(c, in: directory)
            let result = try runner.run(
                ChildRequest(
                    binary: options.binary, arguments: c.fullArguments, directory: directory,
                    timeoutSeconds: scenario.timeoutSeconds))
            let verdict = Oracle.judge(c, ending: result.ending, directory: directory)
            guard result.ending == .exited(0), verdict.failure == nil else {
                throw FuzzError(
                    "seed \(scenario.label) does not pass unmutated (\(result.ending)): \(verdict.failure ?? "") "
                        + Oracle.firstLine(Oracle.read(directory + "/.fuzz-stderr")))
            }
        }
    }

    mutating func run() throws {
        var next = 0
        var slots = Array(repeating: true, count: options.jobs)  // free?
        var inFlight: [Int: (c: FuzzCase, plantedLine: Int?, slot: Int)] = [:]
        let started = ChildRunner.now()
        var reported = 0
        while next < options.cases || !inFlight.isEmpty {
            while next < options.cases, let slot = slots.firstIndex(of: true) {
                let (c, line) = generator.make(next)
                let directory = work + "/slot\(slot)"
                try Workspace.prepare(c, in: directory)
                try runner.start(
                    ChildRequest(
                        binary: options.binary, arguments: c.fullArguments, directory: directory,
                        timeoutSeconds: c.scenario.timeoutSeconds), tag: next)
                inFlight[next] = (c, line, slot)
                slots[slot] = false
                next += 1
            }
            for (tag, ending, seconds) in runner.waitForAny() {
                guard let (c, line, slot) = inFlight.removeValue(forKey: tag) else { continue }
                let verdict = Oracle.judge(c, ending: ending, directory: work + "/slot\(slot)")
                record(c, ending: ending, seconds: seconds, verdict: verdict)
                if verdict.failure != nil {
                    failures.append((c, verdict, line))
                    log(
                        "FAIL case \(c.number) \(c.scenario.label) [\(c.target.rawValue)]: \(verdict.failure!) — \(c.mutations.joined(separator: "; "))"
                    )
                }
                slots[slot] = true
            }
            let done = byCommand.values.reduce(0) { $0 + $1.cases }
            if done - reported >= 1000 {
                reported = done - done % 1000
                log(
                    "\(done)/\(options.cases) cases, \(String(format: "%.0f", ChildRunner.now() - started)) s, \(failures.count) failure(s)"
                )
            }
        }
        try keepFailures()
    }

    mutating func record(_ c: FuzzCase, ending: Ending, seconds: Double, verdict: Oracle.Verdict) {
        let exit: String
        switch ending {
        case .exited(let code): exit = String(code)
        case .signalled: exit = "signal"
        case .timedOut: exit = "timeout"
        }
        for key in [c.scenario.command] {
            update(&byCommand[key, default: Tally()], c, exit: exit, seconds: seconds, failed: verdict.failure != nil)
        }
        update(
            &byKind[c.target.rawValue, default: Tally()], c, exit: exit, seconds: seconds,
            failed: verdict.failure != nil)
    }

    func update(_ tally: inout Tally, _ c: FuzzCase, exit: String, seconds: Double, failed: Bool) {
        tally.cases += 1
        if c.planted != nil { tally.planted += 1 }
        if failed { tally.failures += 1 }
        tally.exits[exit, default: 0] += 1
        tally.seconds += seconds
        if seconds > tally.slowest {
            tally.slowest = seconds
            tally.slowestCase = c.number
        }
    }

    /// Failures grouped by command and kind; the first of each group minimised and kept.
    mutating func keepFailures() throws {
        guard !failures.isEmpty else { return }
        var seen = Set<String>()
        var kept = 0
        for (c, verdict, line) in failures {
            let signature =
                "\(c.scenario.command) \(verdict.kind ?? "") \(c.planted.map { String($0.prefix(while: { $0 != ":" })) } ?? "")"
            guard seen.insert(signature).inserted, kept < 20 else { continue }
            kept += 1
            let minimiser = Minimiser(
                runner: runner, binary: options.binary, directory: work + "/minimise", budget: options.minimiseRuns)
            let small =
                options.minimiseRuns > 0 ? minimiser.minimise(c, kind: verdict.kind ?? "", plantedLine: line) : c
            let name =
                String(format: "%02d-", kept) + c.scenario.command + "-"
                + (verdict.kind ?? "failure").replacingOccurrences(of: " ", with: "-")
            try Workspace.save(
                small, verdict: verdict.failure ?? "", seed: options.seed, to: options.keep + "/" + name,
                minimised: options.minimiseRuns > 0)
            log("kept \(options.keep)/\(name) (\(minimiser.runs) minimising runs): \(signature)")
        }
    }

    /// `--case N`: everything about one case.
    func runOne(_ number: Int) throws -> Int32 {
        let (c, line) = generator.make(number)
        let directory = options.keep + "/case-\(number)"
        try Workspace.prepare(c, in: directory)
        let result = try runner.run(
            ChildRequest(
                binary: options.binary, arguments: c.fullArguments, directory: directory,
                timeoutSeconds: c.scenario.timeoutSeconds))
        let verdict = Oracle.judge(c, ending: result.ending, directory: directory)
        print(
            "case \(number): \(c.scenario.label), mutating \(c.target.rawValue)\(c.targetFile.map { " (\($0))" } ?? "")"
        )
        for m in c.mutations { print("  mutation: \(m)") }
        if let planted = c.planted { print("  planted: \(planted)\(line.map { " (line \($0 + 1))" } ?? "")") }
        print("  arguments: \(c.fullArguments.map { FileMutator.shown($0) }.joined(separator: " "))")
        print("  \(result.ending) in \(String(format: "%.3f", result.seconds)) s; \(verdict.failure ?? "pass")")
        print("  stderr: \(Oracle.read(directory + "/.fuzz-stderr").prefix(2000))")
        print("  folder: \(directory)")
        return verdict.failure == nil ? 0 : 1
    }

    func report(seconds: Double) -> Int32 {
        let exitColumns = ["0", "64", "65", "66", "73", "74"]
        func table(_ title: String, _ rows: [String: Tally]) {
            var header = title.padding(toLength: 22, withPad: " ", startingAt: 0) + "cases planted"
            for e in exitColumns { header += e.leftPad(7) }
            header += "  other  fails  mean ms   max ms  (case)"
            print(header)
            for (name, t) in rows.sorted(by: { $0.key < $1.key }) {
                var line =
                    name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(t.cases).leftPad(5)
                    + String(t.planted).leftPad(8)
                for e in exitColumns { line += String(t.exits[e] ?? 0).leftPad(7) }
                let other = t.exits.filter { !exitColumns.contains($0.key) }.values.reduce(0, +)
                line += String(other).leftPad(7) + String(t.failures).leftPad(7)
                line +=
                    String(format: "%9.1f%9.1f", 1000 * t.seconds / Double(max(1, t.cases)), 1000 * t.slowest)
                    + "  (\(t.slowestCase))"
                print(line)
            }
        }
        let total = byCommand.values.reduce(0) { $0 + $1.cases }
        print("staffcast-fuzz: seed \(options.seed), \(total) cases, \(options.jobs) at a time, \(options.binary)")
        table("command", byCommand)
        print("")
        table("input kind mutated", byKind)
        print(
            String(
                format: "\n%d cases in %.1f s (%.1f cases/s); %d failure(s)", total, seconds, Double(total) / seconds,
                failures.count))
        if !failures.isEmpty {
            var counts: [String: Int] = [:]
            for f in failures { counts["\(f.c.scenario.command): \(f.verdict.kind ?? "")", default: 0] += 1 }
            for (k, n) in counts.sorted(by: { $0.key < $1.key }) { print("  \(n)× \(k)") }
            print("failing cases kept (minimised) in \(options.keep); replay one with --case N")
        }
        return failures.isEmpty ? 0 : 1
    }
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
