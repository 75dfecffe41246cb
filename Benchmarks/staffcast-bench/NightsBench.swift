import DemoData
import Foundation
import StaffcastCore

/// `staffcast-bench nights`: the demo web shop planned around the clock, as a user runs it — its
/// config without the team, weeks 2025-W48 and 2025-W49 into one folder through the release
/// binary. Prints the run time of W48 (best of 3), each channel's shift cost against its own LP
/// bound (target: within 1 %), the night intervals (23:00–07:00) of chat and WhatsApp short of
/// their requirement in both weeks, what W49 counts as carried in from W48, and e-mail's Monday
/// 08:00 requirement against the week's daily peaks.
func runNightsBenchmark() {
    guard let binary = releaseStaffcast() else {
        print("nights bench skipped: no staffcast binary beside this one")
        return
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("staffcast-nights-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    guard let (shop, demo) = demoShop(in: directory, bench: "nights") else { return }
    var config = demo
    config["team"] = nil
    config["history"] = shop.appendingPathComponent("history.csv").path
    config["events"] = shop.appendingPathComponent("events.csv").path
    let configPath = directory.appendingPathComponent("plan.json").path
    guard let json = try? JSONSerialization.data(withJSONObject: config),
        (try? json.write(to: URL(fileURLWithPath: configPath))) != nil
    else { return }
    func plan(_ week: String, into folder: String) -> (seconds: Double, status: Int32) {
        timedRun(binary, ["plan", "--config", configPath, "--week", week, "--out-dir", folder, "--quiet"])
    }
    print("\n== Nights and the week boundary (web shop demo without its team, release binary with I/O)")
    var fastest = Double.infinity
    for k in 0..<3 {
        fastest = min(fastest, plan("2025-W48", into: directory.appendingPathComponent("t\(k)").path).seconds)
    }
    let out = directory.appendingPathComponent("reports").path
    let first = plan("2025-W48", into: out)
    let second = plan("2025-W49", into: out)
    print(
        "plan 2025-W48: \(String(format: "%.2f", fastest)) s (best of 3); W48 then W49 into one folder: exit \(first.status), \(second.status)"
    )
    for week in ["2025-W48", "2025-W49"] {
        let folder = out + "/" + week
        guard let manifestData = FileManager.default.contents(atPath: folder + "/manifest.json"),
            let manifest = (try? JSONSerialization.jsonObject(with: manifestData)) as? [String: Any],
            let schedule = manifest["schedule"] as? [String: Any],
            let channels = schedule["channels"] as? [String: [String: Double]]
        else { continue }
        let gaps = channels.keys.sorted().map { name in
            "\(name) \(String(format: "%.2f", 100 * (channels[name]?["gap"] ?? .nan))) %"
        }
        print("\(week) shift cost against each channel's LP bound: \(gaps.joined(separator: ", "))")
        guard let coverage = try? String(contentsOfFile: folder + "/coverage.csv", encoding: .utf8) else { continue }
        let lines = coverage.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = lines.first?.map(String.init) ?? []
        let carriedColumn = header.firstIndex(of: "carried_in")
        var nights = 0
        var short = 0
        var carried = 0
        for row in lines.dropFirst() where row.count >= 5 && (row[1] == "chat" || row[1] == "whatsapp") {
            let hour = Int(row[0].dropFirst(11).prefix(2)) ?? 12
            if let c = carriedColumn, c < row.count { carried += Int(row[c]) ?? 0 }
            guard hour >= 23 || hour < 7 else { continue }
            nights += 1
            if (Int(row[3]) ?? 0) < (Int(row[2]) ?? 0) { short += 1 }
        }
        print(
            "\(week) chat and WhatsApp night intervals (23:00–07:00): \(nights), short: \(short); carried in from the week before: \(carried) agent-intervals"
        )
        guard let requirements = try? String(contentsOfFile: folder + "/requirements.csv", encoding: .utf8) else {
            continue
        }
        var peaks: [String: Int] = [:]
        var monday8 = 0
        var first8 = true
        for line in requirements.split(separator: "\n").dropFirst() {
            let row = line.split(separator: ",", omittingEmptySubsequences: false)
            guard row.count > 5, row[1] == "email", let agents = Int(row[4]) else { continue }
            let day = String(row[0].prefix(10))
            peaks[day] = max(peaks[day] ?? 0, agents)
            if first8, row[0].dropFirst(11).hasPrefix("08:00") {
                monday8 = agents
                first8 = false
            }
        }
        print(
            "\(week) e-mail at Monday 08:00: \(monday8) agents; daily peaks \(peaks.keys.sorted().map { String(peaks[$0] ?? 0) }.joined(separator: ", "))"
        )
    }
}
