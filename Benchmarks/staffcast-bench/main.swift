import Foundation

// `make bench`: release-mode figures for the closing notes. Run from the project root.
// `staffcast-bench [queueing|forecast|history|history-mapped|scheduling|simulation|suite]…` runs a subset;
// `webshop` (the seed-42 shop in detail) and `suite-export DIR` (data and cases for
// Benchmarks/peers/run_peers.py) only when named.
let requested = Set(CommandLine.arguments.dropFirst())
func wanted(_ name: String) -> Bool { requested.isEmpty || requested.contains(name) }

if wanted("queueing") { runQueueingBenchmarks() }
if wanted("simulation") { runSimulationBenchmarks() }
if wanted("scheduling") { runSchedulingBenchmarks() }
if wanted("forecast") { runForecastingBenchmarks() }
if wanted("history") { runHistoryBenchmarks() }
if wanted("history-mapped") { runMappedHistoryBenchmark() }
if requested.contains("webshop") { runWebshopBenchmarks() }
if wanted("suite") { runAccuracySuite() }
if requested.contains("suite-export"), let i = CommandLine.arguments.firstIndex(of: "suite-export"), i + 1 < CommandLine.arguments.count {
    runAccuracySuite(export: CommandLine.arguments[i + 1])
}
