import DemoData
import Foundation
import StaffcastCore

/// `staffcast-bench roster-scale` (issue 21, item 5): 1,000 agents rostered over 4 weeks as a user
/// runs it — `staffcast roster --week 2025-W41 --weeks 4 --rules nl-atw --seconds 240` through the
/// release binary — in under 5 minutes and 4 GiB on a 2-core machine.
///
/// The inputs are written into a temporary folder: the demo web shop's config (datasets/
/// webshop_demo.json, without its capacity section), its history (`make demo-data`, or the same
/// seed generated here) with the contacts scaled by ``volumeFactor`` so that about 1,000 agents
/// are needed (the bundled 160-agent team's channels need about 256–290), and a generated team of
/// 1,000 (``DemoTeam``: fixed seed). Prints the wall time and the child's peak memory (wait4),
/// the search limit, the shifts in roster.csv, and the coverage of roster_coverage.csv:
/// Σ min(rostered, required) / Σ required over every channel and interval.
func runRosterScaleBenchmark() {
    let agents = 1_000
    let weeks = 4
    let seconds = 240
    let volumeFactor = 3.9
    guard let binary = releaseStaffcast() else {
        print(
            "roster-scale bench skipped: no staffcast binary beside this one (swift build -c release --product staffcast)"
        )
        return
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "staffcast-roster-scale-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    guard let (shop, demo) = demoShop(in: directory, bench: "roster-scale") else { return }
    var config = demo
    let history = directory.appendingPathComponent("history.csv").path
    let team = directory.appendingPathComponent("team.csv").path
    guard
        scaleHistory(
            from: shop.appendingPathComponent("history.csv").path, to: history, factor: volumeFactor),
        (try? DemoTeam.csv(agents: agents).write(toFile: team, atomically: true, encoding: .utf8)) != nil
    else {
        print("roster-scale bench skipped: cannot write the scaled history or the team into \(directory.path)")
        return
    }
    config["history"] = history
    config["events"] = shop.appendingPathComponent("events.csv").path
    config["team"] = ["agents": team]
    config["capacity"] = nil
    let configPath = directory.appendingPathComponent("plan.json").path
    guard let json = try? JSONSerialization.data(withJSONObject: config),
        (try? json.write(to: URL(fileURLWithPath: configPath))) != nil
    else { return }
    let roster = directory.appendingPathComponent("roster.csv").path
    let coverage = directory.appendingPathComponent("roster_coverage.csv").path
    print(
        "\n== Roster at scale (release binary with its I/O; one run; load average \(rosterScaleLoadAverage()))"
    )
    let run = profiledRun(
        binary,
        [
            "roster", "--config", configPath, "--week", "2025-W41", "--weeks", String(weeks), "--rules", "nl-atw",
            "--seconds", String(seconds), "--out", roster, "--coverage", coverage,
        ])
    let met = run.status == 0 && run.seconds < 300 && run.peakMiB < 4096
    print(
        "roster-scale, \(agents) agents, \(weeks) weeks from 2025-W41, nl-atw (web shop volumes × \(volumeFactor)): "
            + "\(String(format: "%.2f", run.seconds)) s, peak \(run.peakMiB) MiB (exit \(run.status); search limit \(seconds) s; "
            + "target < 300 s and < 4096 MiB: \(met ? "met" : "NOT met"))")
    let shifts = rosterShifts(roster)
    let cover = rosterCoverage(coverage)
    print(
        "  \(shifts.map(String.init) ?? "?") shifts; coverage "
            + (cover.map {
                "\(String(format: "%.2f", $0.required > 0 ? 100 * Double($0.covered) / Double($0.required) : 100)) % of \($0.required) required agent-intervals"
            } ?? "? (no roster_coverage.csv)"))
    print("  profile: \(run.profile ?? "none (a binary without STAFFCAST_PROFILE)")")
}

/// Copies the history at `source` to `target` with its `contacts` column multiplied by `factor`
/// (rounded to whole contacts), every other column and row as it is.
private func scaleHistory(from source: String, to target: String, factor: Double) -> Bool {
    guard let text = try? String(contentsOfFile: source, encoding: .utf8) else { return false }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    guard let header = lines.first,
        let column = header.split(separator: ",", omittingEmptySubsequences: false).firstIndex(of: "contacts")
    else { return false }
    var out = String(header) + "\n"
    out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
    lines.removeFirst()
    for line in lines {
        var fields = line.split(separator: ",", omittingEmptySubsequences: false)
        if column < fields.count, let value = Double(fields[column]) {
            fields[column] = Substring(String(Int((value * factor).rounded())))
        }
        out += fields.joined(separator: ",")
        out += "\n"
    }
    return (try? out.write(toFile: target, atomically: true, encoding: .utf8)) != nil
}

/// The shifts of a roster.csv: its distinct (agent, date) pairs (one shift a day), nil when unreadable.
private func rosterShifts(_ path: String) -> Int? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let lines = text.split(separator: "\n")
    guard let header = lines.first?.split(separator: ",").map(String.init),
        let agent = header.firstIndex(of: "agent"), let date = header.firstIndex(of: "date")
    else { return nil }
    var shifts = Set<String>()
    for line in lines.dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count > max(agent, date) else { continue }
        shifts.insert("\(fields[agent]),\(fields[date])")
    }
    return shifts.count
}

/// Σ min(rostered, required) and Σ required over a roster_coverage.csv, nil when unreadable.
private func rosterCoverage(_ path: String) -> (covered: Int, required: Int)? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let lines = text.split(separator: "\n")
    guard let header = lines.first?.split(separator: ",").map(String.init),
        let requiredColumn = header.firstIndex(of: "required"), let rosteredColumn = header.firstIndex(of: "rostered")
    else { return nil }
    var covered = 0
    var required = 0
    for line in lines.dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count > max(requiredColumn, rosteredColumn), let need = Int(fields[requiredColumn]),
            let heads = Int(fields[rosteredColumn])
        else { continue }
        covered += min(heads, need)
        required += need
    }
    return (covered, required)
}

private func rosterScaleLoadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(
        separator: " ") ?? "?"
}
