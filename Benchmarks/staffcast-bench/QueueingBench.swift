import Foundation
import Queueing

/// Staffs one year of 15-minute intervals for 10 channels (350 400 Erlang C solves) at 80/20 with
/// an 85 % occupancy cap and 30 % shrinkage, on a fixed synthetic volume curve, and prints the time
/// (target: under 0.25 s in a release build), solves per second and peak memory.
func runQueueingBenchmarks() {
    let workload = QueueingBenchWorkload()
    let target = StaffingTarget(serviceLevel: 0.8, targetSeconds: 20, maxOccupancy: 0.85, shrinkage: 0.30)
    let clock = ContinuousClock()
    var timings: [Double] = []
    var checksum = (agents: 0, headcount: 0)
    for _ in 0..<5 {
        var agents = 0
        var headcount = 0
        let start = clock.now
        do {
            for i in workload.contacts.indices {
                let staffing = try StaffingSolver.solve(
                    contacts: workload.contacts[i], intervalSeconds: 900,
                    ahtSeconds: workload.aht[i], target: target)
                agents &+= staffing.agents
                headcount &+= staffing.headcount
            }
        } catch {
            print("queueing: solve failed: \(error)")
            return
        }
        let elapsed = clock.now - start
        timings.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        checksum = (agents, headcount)
    }
    let sorted = timings.sorted()
    let median = sorted[sorted.count / 2]
    let count = Double(workload.contacts.count)
    func seconds(_ value: Double) -> String { String(format: "%.4f s", value) }
    print(
        "queueing: staffed \(workload.contacts.count) intervals (10 channels × 365 days × 96 quarter hours; "
            + "0–400 contacts, AHT 180–600 s) at 80/20, occupancy ≤ 85 %, shrinkage 30 %")
    print(
        "  time:   first \(seconds(timings[0])), median \(seconds(median)), best \(seconds(sorted[0])) of \(timings.count) runs"
            + " — target < 0.25 s: \(median < 0.25 ? "met" : "MISSED")")
    print(
        String(
            format: "  rate:   %.2f million solves/s (%.0f ns per solve, median run)", count / median / 1e6,
            median / count * 1e9))
    print(
        "  check:  \(checksum.agents) agent-intervals, \(checksum.headcount) head-intervals, "
            + "\(workload.openIntervals) intervals with contacts, peak traffic \(String(format: "%.1f", workload.peakTraffic)) Erlangs"
    )
    print("  memory: peak resident \(peakResidentMemory())")
}

/// The fixed input: per channel a peak volume and AHT, shaped by a three-hump intraday curve
/// (open 07:00–22:00), a weekly pattern and a yearly season. No randomness: the same numbers every run.
private struct QueueingBenchWorkload {
    var contacts: [Double] = []
    var aht: [Double] = []
    var openIntervals = 0
    var peakTraffic = 0.0

    init() {
        let peaks: [Double] = [400, 340, 280, 230, 180, 140, 100, 70, 40, 15]
        let handlingTimes: [Double] = [180, 600, 240, 420, 300, 540, 360, 480, 210, 330]
        let weekly: [Double] = [1.0, 0.94, 0.91, 0.89, 0.84, 0.52, 0.31]
        func bump(_ hour: Double, _ centre: Double, _ width: Double) -> Double {
            exp(-(hour - centre) * (hour - centre) / (2 * width * width))
        }
        contacts.reserveCapacity(350_400)
        aht.reserveCapacity(350_400)
        for channel in 0..<10 {
            for day in 0..<365 {
                let season = 1 + 0.15 * sin(2 * Double.pi * Double(day) / 365)
                for slot in 0..<96 {
                    let hour = Double(slot) / 4
                    var shape = 0.0
                    if hour >= 7, hour < 22 {
                        shape = min(
                            1, bump(hour, 10.5, 1.8) + 0.8 * bump(hour, 15, 2.2) + 0.35 * bump(hour, 19.5, 1.2) + 0.05)
                    }
                    let volume = min(400, peaks[channel] * weekly[day % 7] * season * shape)
                    let rounded = (volume * 100).rounded() / 100  // forecasts in hundredths of a contact
                    let handling = handlingTimes[channel] * (1 + 0.1 * sin(Double(slot) / 7))
                    contacts.append(rounded)
                    aht.append(handling.rounded())
                    if rounded > 0 { openIntervals += 1 }
                    peakTraffic = max(peakTraffic, rounded * handling.rounded() / 900)
                }
            }
        }
    }
}

/// VmHWM from /proc/self/status (Linux), e.g. "14.2 MB".
private func peakResidentMemory() -> String {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
    else {
        return "unavailable (no /proc/self/status)"
    }
    return String(format: "%.1f MB (VmHWM)", kilobytes / 1024)
}
