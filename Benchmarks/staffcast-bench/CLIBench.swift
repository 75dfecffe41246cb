import DemoData
import Foundation
import StaffcastCore

/// `staffcast-bench cli`: the commands a user runs, timed with their I/O — `staffcast staff` on
/// 350,400 intervals (10 channels × a year of 15 minutes) against a single-threaded Python
/// implementation of the same Erlang C search (Benchmarks/peers/staff_reference.py, when python3
/// is there), and `staffcast plan` on three years × 5 channels × 15 minutes of the generated web
/// shop. Needs the release `staffcast` beside this binary (`make bench` builds both).
func runCLIBenchmarks() {
    guard let binary = releaseStaffcast() else {
        print("cli bench skipped: no staffcast binary beside this one (swift build -c release --product staffcast)")
        return
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("staffcast-cli-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let run = timedRun
    func best(_ times: Int, _ body: () -> (seconds: Double, status: Int32)) -> (Double, Int32) {
        var fastest = Double.infinity
        var status: Int32 = 0
        for _ in 0..<times {
            let r = body()
            fastest = min(fastest, r.seconds)
            status = max(status, r.status)
        }
        return (fastest, status)
    }
    print("\n== CLI (release, with I/O; best of 3; load average \(loadAverage()))")
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
    let (staffSeconds, staffStatus) = best(3) {
        run(
            binary,
            [
                "staff", "--forecast", forecast, "--aht", "300", "--sl", "80/20", "--max-occupancy", "0.85",
                "--shrinkage", "0.3",
                "--out", directory.appendingPathComponent("requirements.csv").path,
            ])
    }
    print("staff, 350,400 intervals: \(String(format: "%.2f", staffSeconds)) s (exit \(staffStatus))")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("peers/staff_reference.py").path
    if FileManager.default.fileExists(atPath: "/usr/bin/env"), FileManager.default.fileExists(atPath: script) {
        let python = run(
            "/usr/bin/env", ["python3", script, forecast, directory.appendingPathComponent("python.csv").path])
        if python.status == 0 {
            print(
                "python reference, same rows: \(String(format: "%.2f", python.seconds)) s → staffcast is \(String(format: "%.1f", python.seconds / staffSeconds))× faster (target ≥ 30×)"
            )
        } else {
            print("python reference skipped (exit \(python.status))")
        }
    }
    // Three years of the web shop, 5 channels × 15 minutes.
    let shop = directory.appendingPathComponent("shop")
    do {
        let first = CivilDate(year: 2023, month: 1, day: 2)!
        try DemoDataset(DemoConfig(seed: 42, start: first, days: DemoConfig.days(from: first, years: 3))).write(
            to: shop.path)
    } catch {
        print("plan bench skipped: \(error)")
        return
    }
    let config = """
        {"history": "history.csv", "timezone": "Europe/Amsterdam", "holidays": ["NL"], "events": "events.csv",
         "channels": {
           "phone": {"aht_seconds": 360, "service_level": "80/20", "max_occupancy": 0.85, "shrinkage": 0.3, "min_contacts_per_interval": 0.5},
           "chat": {"aht_seconds": 480, "service_level": "80/60", "concurrency": 2, "shrinkage": 0.3, "min_contacts_per_interval": 0.5},
           "whatsapp": {"aht_seconds": 540, "service_level": "80/300", "shrinkage": 0.3, "min_contacts_per_interval": 0.5},
           "email": {"aht_seconds": 300, "deadline": "24h", "working_hours": ["Mon-Sat 08:00-20:00", "Sun closed"], "shrinkage": 0.3},
           "social": {"aht_seconds": 240, "deadline": "4h", "shrinkage": 0.3}}}
        """
    try? config.write(to: shop.appendingPathComponent("plan.json"), atomically: true, encoding: .utf8)
    var k = 0
    let (planSeconds, planStatus) = best(3) {
        k += 1
        return run(
            binary,
            [
                "plan", "--config", shop.appendingPathComponent("plan.json").path, "--quiet",
                "--out-dir", shop.appendingPathComponent("reports\(k)").path,
            ])
    }
    print(
        "plan, 3 years × 5 channels × 15 min (526k rows), no tours: \(String(format: "%.2f", planSeconds)) s (exit \(planStatus); target < 3 s)"
    )
}

private func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(
        separator: " ") ?? "?"
}
