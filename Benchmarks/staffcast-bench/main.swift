import Foundation

// `make bench`: release-mode figures for the closing notes. Run from the project root.
// `staffcast-bench [queueing|forecast|reforecast|history|history-mapped|scheduling|simulation|rostering|roster-scale|cli|nights|suite]…` runs a subset;
// `staffcast-bench roster FILE --seconds S --out FILE` solves one rostering benchmark instance;
// `webshop` (the seed-42 shop in detail), `capacity-suite` (17-week weekly totals, `make bench-forecast`) and `suite-export DIR` (data and cases for
// Benchmarks/peers/run_peers.py) only when named.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "roster" { exit(runRosterCommand(Array(arguments.dropFirst()))) }

// `--roster-seconds S` sets the time per rostering instance of the table (default 5).
var rosterSeconds = 5.0
var names: [String] = []
var position = 0
while position < arguments.count {
    if arguments[position] == "--roster-seconds", position + 1 < arguments.count,
        let s = Double(arguments[position + 1]), s > 0
    {
        rosterSeconds = s
        position += 2
    } else {
        names.append(arguments[position])
        position += 1
    }
}
let requested = Set(names)
func wanted(_ name: String) -> Bool { requested.isEmpty || requested.contains(name) }

if wanted("queueing") { runQueueingBenchmarks() }
if wanted("simulation") { runSimulationBenchmarks() }
if wanted("scheduling") { runSchedulingBenchmarks() }
if wanted("rostering") { runRosteringBenchmarks(seconds: rosterSeconds, instances: Array(1...12)) }
if wanted("rostering") { runWebshopRosterBenchmark() }
if wanted("roster-scale") { runRosterScaleBenchmark() }
if wanted("blending") { runBlendingBenchmark() }
if wanted("forecast") { runForecastingBenchmarks() }
if wanted("reforecast") { runReforecastBenchmark() }
if wanted("history") { runHistoryBenchmarks() }
if wanted("history-mapped") { runMappedHistoryBenchmark() }
if requested.contains("webshop") { runWebshopBenchmarks() }
if wanted("cli") { runCLIBenchmarks() }
if wanted("nights") { runNightsBenchmark() }
if wanted("suite") { runAccuracySuite() }
if requested.contains("capacity-suite") { runCapacitySuite() }
if requested.contains("suite-export"), let i = CommandLine.arguments.firstIndex(of: "suite-export"),
    i + 1 < CommandLine.arguments.count
{
    runAccuracySuite(export: CommandLine.arguments[i + 1])
}
