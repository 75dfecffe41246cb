import DemoData
import Foundation
import StaffcastCore

/// The release `staffcast` beside this binary (`make bench` builds both), nil when absent.
/// `STAFFCAST_BENCH_BINARY` names another (an earlier build, for a before/after table).
func releaseStaffcast() -> String? {
    if let given = ProcessInfo.processInfo.environment["STAFFCAST_BENCH_BINARY"], !given.isEmpty {
        return FileManager.default.isExecutableFile(atPath: given) ? given : nil
    }
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("staffcast").path
    return FileManager.default.isExecutableFile(atPath: binary) ? binary : nil
}

/// Runs `executable` with `arguments`, output discarded: the wall time and the exit status.
func timedRun(_ executable: String, _ arguments: [String]) -> (seconds: Double, status: Int32) {
    let run = profiledRun(executable, arguments)
    return (run.seconds, run.status)
}

/// One run of a command through its binary, measured from outside: wall time, exit status, the
/// child's peak resident memory (from wait4), and the stage profile it printed
/// (`STAFFCAST_PROFILE=1`, its `profile:` line without the prefix), when it printed one.
struct ProfiledRun {
    var seconds: Double
    var status: Int32
    var peakMiB: Int
    var profile: String?
}

/// Runs `executable` with `arguments` and `STAFFCAST_PROFILE=1`, standard output discarded,
/// standard error kept for the profile line.
func profiledRun(_ executable: String, _ arguments: [String]) -> ProfiledRun {
    let failed = ProfiledRun(seconds: .nan, status: -1, peakMiB: 0, profile: nil)
    let errorPath = NSTemporaryDirectory() + "staffcast-bench-stderr-\(getpid())"
    defer { unlink(errorPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var environment = ProcessInfo.processInfo.environment
    environment["STAFFCAST_PROFILE"] = "1"
    let argv = ([executable] + arguments).map { strdup($0) }
    let envp = environment.map { strdup("\($0.key)=\($0.value)") }
    defer {
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let start = Date()
    let spawned = (argv + [nil]).withUnsafeBufferPointer { arguments in
        (envp + [nil]).withUnsafeBufferPointer { environment in
            guard let arguments = arguments.baseAddress, let environment = environment.baseAddress else {
                return EINVAL
            }
            return posix_spawn(&pid, executable, &actions, nil, arguments, environment)
        }
    }
    guard spawned == 0 else { return failed }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        guard errno == EINTR else { return failed }
    }
    let seconds = Date().timeIntervalSince(start)
    // WIFEXITED / WEXITSTATUS by hand (macros Swift does not import); a signal is 128 + its number.
    let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    let errorText = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
    let profile = errorText.split(separator: "\n").last { $0.hasPrefix("profile: ") }.map {
        String($0.dropFirst("profile: ".count))
    }
    return ProfiledRun(seconds: seconds, status: exitStatus, peakMiB: Int(usage.ru_maxrss) / 1024, profile: profile)
}

/// The demo web shop for a CLI bench: its folder (`datasets/webshop` from `make demo-data`, or
/// the same seed generated into `directory`) and `datasets/webshop_demo.json` as a dictionary to
/// edit. Nil, with a line saying why the bench named `bench` is skipped, when neither can be had.
func demoShop(in directory: URL, bench: String) -> (shop: URL, config: [String: Any])? {
    let datasets = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("datasets")
    var shop = datasets.appendingPathComponent("webshop")
    if !FileManager.default.fileExists(atPath: shop.appendingPathComponent("history.csv").path) {
        shop = directory.appendingPathComponent("webshop")
        let first = CivilDate(year: 2023, month: 1, day: 2)!
        do {
            try DemoDataset(DemoConfig(seed: 42, start: first, days: DemoConfig.days(from: first, years: 3))).write(
                to: shop.path)
        } catch {
            print("\(bench) bench skipped: \(error)")
            return nil
        }
    }
    guard let data = try? Data(contentsOf: datasets.appendingPathComponent("webshop_demo.json")),
        let config = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    else {
        print("\(bench) bench skipped: no datasets/webshop_demo.json (run from the project root)")
        return nil
    }
    return (shop, config)
}
