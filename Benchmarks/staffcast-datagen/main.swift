import DemoData
import Foundation
import StaffcastCore

let usage = """
    usage: staffcast-datagen --out-dir DIR [--seed N] [--years N] [--start YYYY-MM-DD] [--vary]
           staffcast-datagen --team FILE [--agents N]
    Writes the Dutch web shop's demo contact history (history.csv, events.csv, truth.csv,
    effects.json) into DIR. Defaults: --seed 42 --years 3 --start 2023-01-02.
    --vary draws the shop itself from the seed too (volumes, trends, holiday and retail effects,
    the annual cycle, promotions with and without effect and with wrong expected uplifts, the
    outage, glitch and level shift, handle time on calendar days): one of many shops, for accuracy
    suites that must not be tuned to one.
    --team writes the demo web shop's team (datasets/webshop_team.csv: 344 agents; --agents N
    scales the same mix) and nothing else.
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("staffcast-datagen: " + message + "\n").utf8))
    exit(2)
}

var outDir: String?
var seed: UInt64 = 42
var years = 3
var start = CivilDate(year: 2023, month: 1, day: 2)!
var vary = false
var teamPath: String?
var agents = DemoTeam.demoAgents
var args = Array(CommandLine.arguments.dropFirst())
while !args.isEmpty {
    let flag = args.removeFirst()
    if flag == "--help" || flag == "-h" {
        print(usage)
        exit(0)
    }
    if flag == "--vary" {
        vary = true
        continue
    }
    guard !args.isEmpty else { fail("\(flag) needs a value\n" + usage) }
    let value = args.removeFirst()
    switch flag {
    case "--out-dir": outDir = value
    case "--team": teamPath = value
    case "--agents":
        guard let n = Int(value), (1...100_000).contains(n) else { fail("--agents must be 1…100000, got '\(value)'") }
        agents = n
    case "--seed":
        guard let s = UInt64(value) else { fail("--seed must be a non-negative integer, got '\(value)'") }
        seed = s
    case "--years":
        guard let y = Int(value), (1...20).contains(y) else { fail("--years must be 1…20, got '\(value)'") }
        years = y
    case "--start":
        let p = value.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, let d = CivilDate(year: p[0], month: p[1], day: p[2]) else {
            fail("--start must be YYYY-MM-DD, got '\(value)'")
        }
        start = d
    default: fail("unknown option '\(flag)'\n" + usage)
    }
}
if let teamPath {
    do {
        try AtomicFile.write(Data(DemoTeam.csv(agents: agents).utf8), to: teamPath)
    } catch {
        fail("\(error)")
    }
    print("wrote \(teamPath): \(agents) agents")
    exit(0)
}
guard let outDir else { fail("--out-dir is required\n" + usage) }
do {
    let config = DemoConfig(
        seed: seed, start: start, days: DemoConfig.days(from: start, years: years),
        variation: vary ? .random(seed: seed) : .standard)
    let dataset = try DemoDataset(config)
    try dataset.write(to: outDir)
    let rows = dataset.channels.reduce(0) { $0 + $1.counts.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
    print(
        "wrote \(outDir): \(rows) history rows, \(dataset.channels.count) channels, \(dataset.effects.promotions.count) promotions"
    )
} catch {
    fail("\(error)")
}
