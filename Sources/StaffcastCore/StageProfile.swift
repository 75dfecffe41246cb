import Foundation

/// Where a command's time goes, by stage, for `make bench` and anyone asking why a run is slow:
/// with `STAFFCAST_PROFILE=1` in the environment a command prints one line to standard error when
/// it ends,
///
///     profile: read 0.412 s, forecast 1.203 s, staff 0.080 s, schedule 0.000 s, write 0.310 s,
///     other 0.020 s; total 2.025 s; peak memory 130 MiB
///
/// (on one line). Without the variable nothing is measured or printed, and no output file changes.
///
/// A stage measured inside another is counted once, in the inner stage (the outer one gets its
/// own time only), so the stages add up to the run; `other` is the rest (arguments, the config).
/// Stages are measured on the thread that runs the command; work a stage spreads over cores is
/// its wall time.
public enum StageProfile {
    public enum Stage: Int, CaseIterable, Sendable {
        case read, forecast, staff, schedule, write
        var name: String {
            switch self {
            case .read: "read"
            case .forecast: "forecast"
            case .staff: "staff"
            case .schedule: "schedule"
            case .write: "write"
            }
        }
    }

    /// The environment variable that turns the profile on.
    public static let environmentVariable = "STAFFCAST_PROFILE"

    public static let isEnabled: Bool = {
        guard let value = ProcessInfo.processInfo.environment[environmentVariable] else { return false }
        return !value.isEmpty && value != "0"
    }()

    /// Runs `body`, its time counted to `stage` (less the stages measured inside it).
    public static func measure<T, E: Error>(_ stage: Stage, _ body: () throws(E) -> T) throws(E) -> T {
        guard isEnabled else { return try body() }
        clock.enter()
        defer { clock.leave(stage) }
        return try body()
    }

    /// Starts the run's clock (the command's start); `report()` measures the total from here.
    public static func start() {
        if isEnabled { clock.start() }
    }

    /// The profile line (with its newline), or nil when the profile is off.
    public static func report() -> String? {
        guard isEnabled else { return nil }
        let (seconds, total) = clock.totals()
        let other = max(0, total - seconds.reduce(0, +))
        let stages = Stage.allCases.map { "\($0.name) \(format(seconds[$0.rawValue])) s" }
        return "profile: \(stages.joined(separator: ", ")), other \(format(other)) s; total \(format(total)) s; "
            + "peak memory \(peakMemoryMiB().map { "\($0) MiB" } ?? "unknown")\n"
    }

    private static func format(_ seconds: Double) -> String {
        NumberFormat.plain(seconds, maxFractionDigits: 3, minFractionDigits: 3)
    }

    /// The peak resident memory of this process (VmHWM of /proc/self/status), nil where unknown.
    static func peakMemoryMiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count > 1, let kilobytes = Int(fields[1]) else { return nil }
        return kilobytes / 1024
    }

    private static let clock = Clock()

    /// The stack of open stages and the seconds per stage, behind a lock.
    private final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var startedAt: UInt64 = DispatchTime.now().uptimeNanoseconds
        /// Per open stage: when it started and the time of the stages inside it.
        private var open: [(start: UInt64, inner: UInt64)] = []
        private var nanoseconds = [UInt64](repeating: 0, count: Stage.allCases.count)

        func start() {
            lock.withLock { startedAt = DispatchTime.now().uptimeNanoseconds }
        }

        func enter() {
            let now = DispatchTime.now().uptimeNanoseconds
            lock.withLock { open.append((now, 0)) }
        }

        func leave(_ stage: Stage) {
            let now = DispatchTime.now().uptimeNanoseconds
            lock.withLock {
                guard let last = open.popLast() else { return }
                let elapsed = now - last.start
                nanoseconds[stage.rawValue] += elapsed - min(elapsed, last.inner)
                if !open.isEmpty { open[open.count - 1].inner += elapsed }
            }
        }

        func totals() -> (seconds: [Double], total: Double) {
            let now = DispatchTime.now().uptimeNanoseconds
            return lock.withLock {
                (nanoseconds.map { Double($0) / 1e9 }, Double(now - startedAt) / 1e9)
            }
        }
    }
}
