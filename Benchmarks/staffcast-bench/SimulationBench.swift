import Foundation
import Queueing

/// Simulates four weeks of half-hour intervals (1 344 intervals, about 700 000 contacts) against
/// the Erlang C staffing for 80/20, with lognormal handle times (mean 300 s, CV 1.2) and
/// exponential patience (mean 180 s), and prints seconds per replication (target: well under a
/// second in a release build) and contacts simulated per second.
func runSimulationBenchmarks() {
    let intervals = 28 * 48
    var contacts: [Double] = []
    var agents: [Int] = []
    let aht = 300.0
    let target = StaffingTarget(serviceLevel: 0.8, targetSeconds: 20)
    for i in 0..<intervals {
        let day = i / 48
        let slot = i % 48
        let hour = Double(slot) / 2
        // Open 07:00–22:00 with morning and afternoon peaks; weekends at 60 %.
        let open = hour >= 7 && hour < 22
        let shape = open ? 0.55 + 0.45 * sin(Double.pi * (hour - 7) / 7.5).magnitude : 0
        let volume = (shape * 1_125 * (day % 7 >= 5 ? 0.6 : 1)).rounded()
        contacts.append(volume)
        do {
            agents.append(
                try StaffingSolver.solve(contacts: volume, intervalSeconds: 1800, ahtSeconds: aht, target: target)
                    .agents)
        } catch {
            print("simulation: staffing failed: \(error)")
            return
        }
    }
    let expected = contacts.reduce(0, +)
    var setup = SimulationSetup(
        intervalSeconds: 1800, contacts: contacts, agents: agents,
        handleTime: .lognormal(meanSeconds: aht, cv: 1.2), patienceSeconds: 180,
        targetSeconds: 20, seed: 2024, replications: 1)
    let clock = ContinuousClock()
    var timings: [Double] = []
    var lastResult: SimulationResult?
    for run in 0..<5 {
        setup.seed = 2024 + UInt64(run)
        let start = clock.now
        do { lastResult = try Simulator.run(setup) } catch {
            print("simulation: failed: \(error)")
            return
        }
        let elapsed = clock.now - start
        timings.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    guard let result = lastResult else { return }
    let sorted = timings.sorted()
    let median = sorted[sorted.count / 2]
    print(
        "simulation: 4 weeks of 30-minute intervals (\(intervals)), \(Int(expected)) expected contacts, "
            + "Erlang C 80/20 staffing, lognormal AHT 300 s (CV 1.2), patience 180 s")
    print(
        String(
            format: "  time:   median %.4f s per replication, best %.4f s of %d — target well under 1 s: %@",
            median, sorted[0], timings.count, median < 0.5 ? "met" : "MISSED"))
    print(String(format: "  rate:   %.2f million contacts/s (median run)", result.offered / median / 1e6))
    print(
        String(
            format: "  check:  offered %.0f, service level %.4f, abandoned %.2f %%",
            result.offered, result.serviceLevel.mean, 100 * result.abandoned / max(1, result.offered)))
}
