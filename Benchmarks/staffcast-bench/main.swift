import Foundation

// `make bench`: release-mode figures for the closing notes. Run from the project root.
// `staffcast-bench [queueing|forecast|history|history-mapped|scheduling|simulation]…` runs a subset.
let requested = Set(CommandLine.arguments.dropFirst())
func wanted(_ name: String) -> Bool { requested.isEmpty || requested.contains(name) }

if wanted("queueing") { runQueueingBenchmarks() }
if wanted("simulation") { runSimulationBenchmarks() }
if wanted("scheduling") { runSchedulingBenchmarks() }
if wanted("forecast") { runForecastingBenchmarks() }
if wanted("history") { runHistoryBenchmarks() }
if wanted("history-mapped") { runMappedHistoryBenchmark() }
if requested.contains("webshop") { runWebshopBenchmarks() }
