import DemoData
import Foundation
import StaffcastCore

/// `staffcast-bench cli`: the commands a user runs, timed through the release binary with their
/// I/O (issue 23's targets), each with its peak memory and its profile by stage (the binary's
/// `STAFFCAST_PROFILE=1` line: read, forecast, staff, schedule, write, other):
/// - `staff` on 350,400 intervals (10 channels × a year of 15 minutes) against a single-threaded
///   Python implementation of the same Erlang C search (Benchmarks/peers/staff_reference.py, when
///   python3 is there): at least 30× faster;
/// - `inspect` of a 5-million-row history (5 channels × 1 million 5-minute intervals): under 10 s
///   and 1 GiB;
/// - `plan` of the demo web shop at its native 15 minutes (datasets/webshop_demo.json without its
///   team and interval; the history of `make demo-data`, or the same seed generated here): under
///   1.5 s;
/// - `capacity` of the same for 26 weeks from 2025-W37: under 2 s.
///
/// Needs the release `staffcast` beside this binary (`make bench` builds both), or
/// `STAFFCAST_BENCH_BINARY=PATH` (an earlier build, for a before/after table). Run from the
/// project root.
func runCLIBenchmarks() {
    guard let binary = releaseStaffcast() else {
        print("cli bench skipped: no staffcast binary beside this one (swift build -c release --product staffcast)")
        return
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("staffcast-cli-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    print("\n== CLI (release binary with its I/O; best of 3 unless said; load average \(loadAverage()))")
    benchStaff(binary, in: directory)
    benchInspect(binary, in: directory)
    benchWebshop(binary, in: directory)
}

/// The fastest of `times` runs (the highest exit status of them all).
private func best(_ times: Int, _ body: (Int) -> ProfiledRun) -> ProfiledRun {
    var fastest: ProfiledRun? = nil
    var status: Int32 = 0
    for k in 0..<times {
        let run = body(k)
        status = max(status, run.status)
        if fastest.map({ run.seconds < $0.seconds }) ?? true { fastest = run }
    }
    guard var result = fastest else { return ProfiledRun(seconds: .nan, status: -1, peakMiB: 0, profile: nil) }
    result.status = status
    return result
}

private func report(_ label: String, _ run: ProfiledRun, goal: String) {
    print("\(label): \(String(format: "%.2f", run.seconds)) s, peak \(run.peakMiB) MiB (exit \(run.status); \(goal))")
    print("  profile: \(run.profile ?? "none (a binary without STAFFCAST_PROFILE)")")
}

private func benchStaff(_ binary: String, in directory: URL) {
    // 350,400 forecast rows: 10 channels × 35,040 quarter hours, a smooth daily curve.
    var text = "timestamp,channel,forecast,lo80,hi80,lo95,hi95\n"
    let start: Int64 = 1_736_121_600  // 2025-01-06T00:00:00Z
    for i in 0..<35_040 {
        let instant = start + Int64(i) * 900
        let hour = Double(i % 96) / 4
        let base = 40 + 35 * sin((hour - 6) / 24 * 2 * .pi)
        let stamp = PlanningCalendar.utc.format(instant)
        for c in 0..<10 {
            let m = max(0, base * (1 + 0.1 * Double(c)))
            text +=
                "\(stamp),ch\(c),\(NumberFormat.plain(m, maxFractionDigits: 3)),\(NumberFormat.plain(m * 0.85, maxFractionDigits: 3)),\(NumberFormat.plain(m * 1.15, maxFractionDigits: 3)),\(NumberFormat.plain(m * 0.75, maxFractionDigits: 3)),\(NumberFormat.plain(m * 1.3, maxFractionDigits: 3))\n"
        }
    }
    let forecast = directory.appendingPathComponent("forecast.csv").path
    try? text.write(toFile: forecast, atomically: true, encoding: .utf8)
    let staff = best(3) { _ in
        profiledRun(
            binary,
            [
                "staff", "--forecast", forecast, "--aht", "300", "--sl", "80/20", "--max-occupancy", "0.85",
                "--shrinkage", "0.3", "--out", directory.appendingPathComponent("requirements.csv").path,
            ])
    }
    report("staff, 350,400 intervals", staff, goal: "target ≥ 30× the Python reference")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("peers/staff_reference.py").path
    if FileManager.default.fileExists(atPath: "/usr/bin/env"), FileManager.default.fileExists(atPath: script) {
        let python = timedRun(
            "/usr/bin/env", ["python3", script, forecast, directory.appendingPathComponent("python.csv").path])
        if python.status == 0 {
            print(
                "python reference, same rows: \(String(format: "%.2f", python.seconds)) s → staffcast is \(String(format: "%.1f", python.seconds / staff.seconds))× faster (target ≥ 30×)"
            )
        } else {
            print("python reference skipped (exit \(python.status))")
        }
    }
    try? FileManager.default.removeItem(atPath: forecast)
}

private func benchInspect(_ binary: String, in directory: URL) {
    let path = directory.appendingPathComponent("history-5m.csv").path
    guard
        let bytes = writeHistory(
            to: path, channels: ["chat", "email", "sales", "service", "voice"], timestamps: 1_000_000,
            start: 1_041_379_200, calendar: .utc)
    else { return }
    let inspect = best(1) { _ in profiledRun(binary, ["inspect", "--history", path]) }
    report(
        "inspect, 5,000,000 rows (\(bytes / 1_000_000) MB)", inspect, goal: "target < 10 s and < 1024 MiB; one run")
    try? FileManager.default.removeItem(atPath: path)
}

private func benchWebshop(_ binary: String, in directory: URL) {
    guard let (shop, demo) = demoShop(in: directory, bench: "plan") else { return }
    var config = demo
    // Without the team (no roster) and without "interval": the history's own 15 minutes.
    config["team"] = nil
    config["interval"] = nil
    config["history"] = shop.appendingPathComponent("history.csv").path
    config["events"] = shop.appendingPathComponent("events.csv").path
    let configPath = directory.appendingPathComponent("webshop.json").path
    guard let json = try? JSONSerialization.data(withJSONObject: config),
        (try? json.write(to: URL(fileURLWithPath: configPath))) != nil
    else { return }
    let plan = best(3) { k in
        profiledRun(
            binary,
            [
                "plan", "--config", configPath, "--quiet", "--out-dir",
                directory.appendingPathComponent("plan\(k)").path,
            ])
    }
    report("plan, web shop demo at 15 minutes (526k rows), no team", plan, goal: "target < 1.5 s")
    let capacity = best(3) { k in
        profiledRun(
            binary,
            [
                "capacity", "--config", configPath, "--from", "2025-W37", "--weeks", "26", "--quiet", "--out-dir",
                directory.appendingPathComponent("capacity\(k)").path,
            ])
    }
    report("capacity, the same for 26 weeks from 2025-W37", capacity, goal: "target < 2 s")
}

private func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(
        separator: " ") ?? "?"
}
