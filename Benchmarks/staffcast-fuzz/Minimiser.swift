import Foundation

/// Shrinks a failing case while it fails the same way (the verdict's kind): the lines of each
/// CSV input by delta debugging (Zeller & Hildebrandt 2002, ddmin), keeping the header and the
/// line a planted violation is on, then (unless a bound was planted) the options of the
/// argument vector. Bounded by a number of runs.
final class Minimiser {
    let runner: ChildRunner
    let binary: String
    let directory: String
    var budget: Int
    private(set) var runs = 0

    init(runner: ChildRunner, binary: String, directory: String, budget: Int) {
        self.runner = runner
        self.binary = binary
        self.directory = directory
        self.budget = budget
    }

    /// Wall-clock limit of one minimisation: a hang costs its timeout per run.
    var deadline = ChildRunner.now() + 90

    func fails(_ c: FuzzCase, like kind: String) -> Bool {
        guard runs < budget, ChildRunner.now() < deadline else { return false }
        runs += 1
        guard (try? Workspace.prepare(c, in: directory)) != nil else { return false }
        let request = ChildRequest(
            binary: binary, arguments: c.fullArguments, directory: directory, timeoutSeconds: c.scenario.timeoutSeconds)
        guard let result = try? runner.run(request) else { return false }
        return Oracle.judge(c, ending: result.ending, directory: directory).kind == kind
    }

    func minimise(_ original: FuzzCase, kind: String, plantedLine: Int?) -> FuzzCase {
        var c = original
        let order = c.files.indices.sorted {
            (c.files[$0].name == c.targetFile ? 0 : 1) < (c.files[$1].name == c.targetFile ? 0 : 1)
        }
        for f in order where c.files[f].kind.isCSV {
            var lines = TextTable(c.files[f].bytes).lines
            guard lines.count > 2 else { continue }
            let keep: Set<Int> = c.files[f].name == c.targetFile && plantedLine != nil ? [0, plantedLine!] : [0]
            let fixed = lines.indices.filter { keep.contains($0) }
            let movable = lines.indices.filter { !keep.contains($0) }
            let finalNewline = TextTable(c.files[f].bytes).finalNewline
            let chosen = ddmin(movable) { subset in
                let kept = Set(fixed + subset)
                var candidate = c
                candidate.files[f].bytes = Array(
                    (lines.indices.filter { kept.contains($0) }.map { lines[$0] }.joined(separator: "\n")
                        + (finalNewline ? "\n" : "")).utf8)
                return fails(candidate, like: kind)
            }
            let kept = Set(fixed + chosen)
            lines = lines.indices.filter { kept.contains($0) }.map { lines[$0] }
            c.files[f].bytes = Array((lines.joined(separator: "\n") + (finalNewline ? "\n" : "")).utf8)
        }
        // A planted case keeps its arguments: without the option that reads the planted input,
        // exit 0 would be right.
        if c.planted == nil {
            let options = ArgvMutator.options(c.arguments)
            let chosen = ddmin(Array(options.indices)) { subset in
                var candidate = c
                candidate.arguments = Self.arguments(c.arguments, options: options, keeping: subset)
                return fails(candidate, like: kind)
            }
            c.arguments = Self.arguments(c.arguments, options: options, keeping: chosen)
        }
        // Inputs the shrunk arguments no longer name are dropped (a published plan's files go
        // with the folder named).
        c.files = c.files.filter { file in
            c.arguments.contains(file.name) || Workspace.folder(of: file.name).map(c.arguments.contains) == true
                || c.files.contains { $0.kind == .config && c.arguments.contains($0.name) }
        }
        return c
    }

    static func arguments(_ arguments: [String], options: [(flag: Int, value: Int?)], keeping: [Int]) -> [String] {
        var used = Set<Int>()
        for k in keeping {
            used.insert(options[k].flag)
            if let v = options[k].value { used.insert(v) }
        }
        // Tokens that are not options (positional junk) stay.
        let all = Set(options.flatMap { [$0.flag] + ($0.value.map { [$0] } ?? []) })
        return arguments.indices.filter { used.contains($0) || !all.contains($0) }.map { arguments[$0] }
    }

    /// ddmin: the smallest subset found of `items` for which `test` holds (it holds for all of them).
    func ddmin(_ items: [Int], _ test: ([Int]) -> Bool) -> [Int] {
        var current = items
        var n = 2
        while current.count >= 2 && runs < budget && ChildRunner.now() < deadline {
            let size = Int((Double(current.count) / Double(n)).rounded(.up))
            let chunks = stride(from: 0, to: current.count, by: size).map {
                Array(current[$0..<min($0 + size, current.count)])
            }
            var reduced = false
            for chunk in chunks where test(chunk) {
                current = chunk
                n = 2
                reduced = true
                break
            }
            if !reduced {
                for i in chunks.indices {
                    let complement = chunks.indices.filter { $0 != i }.flatMap { chunks[$0] }
                    if test(complement) {
                        current = complement
                        n = max(n - 1, 2)
                        reduced = true
                        break
                    }
                }
            }
            if !reduced {
                if n >= current.count { break }
                n = min(current.count, n * 2)
            }
        }
        return current
    }
}

/// A case's folder: emptied, then its input files written.
enum Workspace {
    static func prepare(_ c: FuzzCase, in directory: String) throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in c.files {
            try makeFolder(of: file.name, in: directory)
            guard fm.createFile(atPath: directory + "/" + file.name, contents: Data(file.bytes)) else {
                throw FuzzError("cannot write \(directory)/\(file.name)")
            }
        }
    }

    /// The folder a file's name puts it in (`plan` for `plan/manifest.json`; nil for none).
    static func folder(of name: String) -> String? {
        name.firstIndex(of: "/").map { String(name[..<$0]) }
    }

    static func makeFolder(of name: String, in directory: String) throws {
        if let folder = folder(of: name) {
            try FileManager.default.createDirectory(
                atPath: directory + "/" + folder, withIntermediateDirectories: true)
        }
    }

    /// Keeps a failing case as a fixture: its inputs, `case.json` (arguments, what was found,
    /// how it was made) and `run.sh` to replay it.
    static func save(_ c: FuzzCase, verdict: String, seed: UInt64, to directory: String, minimised: Bool) throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in c.files {
            try makeFolder(of: file.name, in: directory)
            _ = fm.createFile(atPath: directory + "/" + file.name, contents: Data(file.bytes))
        }
        let object: [String: Any] = [
            "arguments": c.fullArguments, "found": verdict, "seed": String(seed), "case": c.number,
            "scenario": c.scenario.label,
            "mutated": c.target.rawValue, "mutations": c.mutations, "planted": c.planted ?? NSNull(),
            "minimised": minimised,
        ]
        let json = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        _ = fm.createFile(atPath: directory + "/case.json", contents: json)
        let quoted = c.fullArguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(
            separator: " ")
        let script =
            "#!/bin/sh\n# \(verdict.replacingOccurrences(of: "\n", with: " "))\ncd \"$(dirname \"$0\")\" && exec \"${STAFFCAST:-staffcast}\" \(quoted)\n"
        _ = fm.createFile(
            atPath: directory + "/run.sh", contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
    }
}
