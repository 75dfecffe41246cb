import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// `make fuzz`: mutates valid inputs of every kind, runs the release `staffcast` on each (two at
// a time), and fails on a crash, a hang, exit 70, an undocumented exit code, a failure without
// a message or with a partial output, insane output numbers, or exit 0 on an input that breaks
// a documented bound. See Benchmarks/staffcast-fuzz/README.md.

let usage = """
    Usage: staffcast-fuzz [--seed N] [--cases N] [--jobs N] [--binary PATH] [--root DIR] [--command NAME]
                          [--kind KIND] [--case N] [--keep DIR] [--minimise-runs N] [--memory-mb N] [--quiet]
      --seed N           seed of the run (default 1); case N of a seed is always the same case
      --cases N          number of cases (default 10000)
      --jobs N           staffcast processes at a time (default 2)
      --binary PATH      the staffcast to test (default .build/release/staffcast)
      --root DIR         the project root, for the seed data (default .)
      --command NAME     only this command's scenarios
      --kind KIND        only cases mutating this input kind (\(InputKind.allCases.map(\.rawValue).joined(separator: ", ")))
      --case N           run only case N and print everything about it
      --keep DIR         where failing cases are kept, minimised (default .build/fuzz/failures)
      --minimise-runs N  runs the minimiser may spend per distinct failure (default 300; 0: keep as found)
      --memory-mb N      address-space limit of each staffcast (default 4096)
    """

struct Options {
    var seed: UInt64 = 1
    var cases = 10_000
    var jobs = 2
    var binary = ".build/release/staffcast"
    var root = "."
    var command: String? = nil
    var kind: InputKind? = nil
    var single: Int? = nil
    var keep = ".build/fuzz/failures"
    var minimiseRuns = 300
    var memoryMB = 4096

    init(_ arguments: [String]) throws {
        var i = 0
        func value() throws -> String {
            guard i + 1 < arguments.count else { throw FuzzError("\(arguments[i]) needs a value\n\(usage)") }
            i += 1
            return arguments[i]
        }
        func number<T: FixedWidthInteger>(_ text: String) throws -> T {
            guard let n = T(text), n >= 0 else { throw FuzzError("expected a whole number, got '\(text)'") }
            return n
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--seed": seed = try number(try value())
            case "--cases": cases = try number(try value())
            case "--jobs": jobs = max(1, try number(try value()))
            case "--binary": binary = try value()
            case "--root": root = try value()
            case "--command": command = try value()
            case "--kind":
                let text = try value()
                guard let k = InputKind(rawValue: text), k.isMutable else {
                    throw FuzzError("unknown --kind '\(text)'\n\(usage)")
                }
                kind = k
            case "--case": single = try number(try value())
            case "--keep": keep = try value()
            case "--minimise-runs": minimiseRuns = try number(try value())
            case "--memory-mb": memoryMB = try number(try value())
            case "--help", "-h":
                print(usage)
                exit(0)
            default: throw FuzzError("unknown option \(arguments[i])\n\(usage)")
            }
            i += 1
        }
    }
}

func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
}

func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

let work = NSTemporaryDirectory() + "staffcast-fuzz-\(getpid())"

/// Ends the run, its scratch folder removed first (`exit` runs no `defer`).
func finish(_ code: Int32) -> Never {
    try? FileManager.default.removeItem(atPath: work)
    exit(code)
}

do {
    var options = try Options(Array(CommandLine.arguments.dropFirst()))
    options.binary = absolute(options.binary)
    options.keep = absolute(options.keep)
    guard FileManager.default.isExecutableFile(atPath: options.binary) else {
        throw FuzzError("no staffcast at \(options.binary); build it with swift build -c release --product staffcast")
    }
    ChildRunner.limitResources(memoryMB: options.memoryMB)
    let runner = ChildRunner(environment: ["PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=\(work)"])
    let started = ChildRunner.now()
    let seeds = try Seeds.build(root: options.root)
    let derived = try DerivedSeeds.make(seeds, runner: runner, binary: options.binary, directory: work + "/seeds")
    var scenarios = Scenarios.all(seeds, derived)
    if let command = options.command { scenarios = scenarios.filter { $0.scenario.command == command } }
    if let kind = options.kind {
        scenarios = scenarios.filter { s in kind == .argv || s.scenario.files.contains { $0.kind == kind } }
    }
    guard !scenarios.isEmpty else { throw FuzzError("no scenario left after --command/--kind") }
    var fuzz = Fuzzer(
        options: options, runner: runner, work: work,
        generator: Generator(scenarios: scenarios, seed: options.seed, onlyKind: options.kind))
    try fuzz.checkSeeds()
    log(
        "seeds: \(scenarios.count) scenarios exit 0 unmutated (\(String(format: "%.1f", ChildRunner.now() - started)) s)"
    )
    if let single = options.single {
        finish(try fuzz.runOne(single))
    }
    try fuzz.run()
    finish(fuzz.report(seconds: ChildRunner.now() - started))
} catch {
    log("staffcast-fuzz: \(error)")
    finish(2)
}
