import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How a child ended.
enum Ending: Equatable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)
    case timedOut

    var description: String {
        switch self {
        case .exited(let code): return "exit \(code)"
        case .signalled(let signal): return "signal \(signal) (\(signalName(signal)))"
        case .timedOut: return "timeout"
        }
    }
}

func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGILL: return "SIGILL"
    case SIGTRAP: return "SIGTRAP"
    case SIGABRT: return "SIGABRT"
    case SIGBUS: return "SIGBUS"
    case SIGFPE: return "SIGFPE"
    case SIGKILL: return "SIGKILL"
    case SIGSEGV: return "SIGSEGV"
    case SIGPIPE: return "SIGPIPE"
    case SIGXFSZ: return "SIGXFSZ"
    default: return "signal \(signal)"
    }
}

/// One child to run: `staffcast` with `arguments`, in `directory`, its standard output and error
/// going to files there, standard input from /dev/null.
struct ChildRequest {
    var binary: String
    var arguments: [String]
    var directory: String
    var timeoutSeconds: Double
    var stdoutPath: String { directory + "/.fuzz-stdout" }
    var stderrPath: String { directory + "/.fuzz-stderr" }
}

/// Runs children with posix_spawn, at most `slots` at once, from one thread: SIGCHLD is blocked
/// and collected with sigtimedwait, so the loop wakes when a child ends or a deadline passes,
/// and kills (SIGKILL, the whole process group) any child that outlives its deadline. Children
/// get their signal mask and dispositions reset, and the resource limits the harness set on
/// itself (address space, file size, no core files).
final class ChildRunner {
    struct Running {
        var tag: Int
        var started: Double
        var deadline: Double
        var killed: Bool
    }
    private(set) var running: [pid_t: Running] = [:]
    let environment: [String]

    init(environment: [String]) {
        self.environment = environment
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGCHLD)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Sets the limits every child inherits: `memoryMB` of address space, 1 GiB files, no cores.
    static func limitResources(memoryMB: Int) {
        var memory = rlimit(rlim_cur: rlim_t(memoryMB) << 20, rlim_max: rlim_t(memoryMB) << 20)
        setrlimit(Int32(RLIMIT_AS.rawValue), &memory)
        var file = rlimit(rlim_cur: 1 << 30, rlim_max: 1 << 30)
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &file)
        var core = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(Int32(RLIMIT_CORE.rawValue), &core)
    }

    /// Starts `request`; `tag` comes back with its ending.
    func start(_ request: ChildRequest, tag: Int) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, request.stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, request.stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGCHLD, SIGINT, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        // execve takes C strings: a NUL inside an argument cannot be passed, so it ends there.
        let argv = ([request.binary] + request.arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        // The child starts in the case's folder: the harness is single-threaded, so it can
        // step into that folder for the spawn (Glibc's Swift module lacks addchdir_np).
        var pid: pid_t = 0
        let home = FileManager.default.currentDirectoryPath
        guard chdir(request.directory) == 0 else { throw FuzzError("cannot enter \(request.directory)") }
        let status = posix_spawn(&pid, request.binary, &actions, &attributes, argv, envp)
        chdir(home)
        guard status == 0 else {
            throw FuzzError("cannot start \(request.binary): \(String(cString: strerror(status)))")
        }
        let started = Self.now()
        running[pid] = Running(tag: tag, started: started, deadline: started + request.timeoutSeconds, killed: false)
    }

    /// Waits until at least one child has ended and returns every ended child's tag, ending and
    /// wall time.
    func waitForAny() -> [(tag: Int, ending: Ending, seconds: Double)] {
        var finished: [(tag: Int, ending: Ending, seconds: Double)] = []
        while finished.isEmpty && !running.isEmpty {
            // Reap what has ended.
            while true {
                var status: Int32 = 0
                let pid = waitpid(-1, &status, WNOHANG)
                guard pid > 0 else { break }
                guard let child = running.removeValue(forKey: pid) else { continue }
                let seconds = Self.now() - child.started
                let ending: Ending
                if child.killed {
                    ending = .timedOut
                } else if status & 0x7F == 0 {
                    ending = .exited((status >> 8) & 0xFF)
                } else {
                    ending = .signalled(status & 0x7F)
                }
                finished.append((child.tag, ending, seconds))
            }
            if !finished.isEmpty { break }
            // Kill the overdue, then sleep until a child ends or the next deadline.
            let now = Self.now()
            var next = now + 0.5
            for (pid, child) in running {
                if !child.killed && now >= child.deadline {
                    kill(-pid, SIGKILL)
                    kill(pid, SIGKILL)
                    running[pid]?.killed = true
                } else if !child.killed {
                    next = min(next, child.deadline)
                }
            }
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGCHLD)
            let wait = max(0.001, next - now)
            var timeout = timespec(tv_sec: Int(wait), tv_nsec: Int((wait - Double(Int(wait))) * 1e9))
            _ = sigtimedwait(&set, nil, &timeout)
        }
        return finished
    }

    /// Runs one request to its end (used by the seed check and the minimiser).
    func run(_ request: ChildRequest) throws -> (ending: Ending, seconds: Double) {
        precondition(running.isEmpty, "run() is for a quiet runner")
        try start(request, tag: -1)
        let result = waitForAny()[0]
        return (result.ending, result.seconds)
    }
}

struct FuzzError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
