import Foundation
import Scheduling
import StaffcastCore

/// Shift scheduling figures for the closing notes (run from the project root):
/// 1. the shared reference week (Tests/SchedulingTests/Fixtures/requirements_week.csv, a copy of
///    ../shared/reference/requirements_week.csv) with 8/6/4-hour shifts on any half hour, no
///    breaks — the published optimum is 15,446 agent-hours;
/// 2. the same week with the standard unpaid 30-minute break on 6- and 8-hour shifts;
/// 3. a week of 7 days × 48 half-hours × 3 channels (the reference week and two scaled,
///    shifted copies) with breaks — the issue asks for "seconds";
/// 4. weekly tours (5 days at one start, 2 consecutive days off, the break fixed mid-window):
///    the reference week with 8-hour tours (the test instance), with 8/6/4-hour tours, and the
///    3-channel week with 8/6/4-hour tours — the issue asks for 2 % of the LP bound.
func runSchedulingBenchmarks() {
    let path = "Tests/SchedulingTests/Fixtures/requirements_week.csv"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        print("scheduling: cannot read \(path); run from the project root")
        return
    }
    var week = [[Int]](repeating: [Int](repeating: 0, count: 48), count: 7)
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
        let fields = line.split(separator: ",")
        guard fields.count >= 6, let day = Int(fields[0]), let period = Int(fields[1]), let agents = Int(fields[5]),
            (0..<7).contains(day), (0..<48).contains(period)
        else {
            print("scheduling: unexpected line in \(path): \(line)")
            return
        }
        week[day][period] = agents
    }
    let monday = CivilDate(year: 2024, month: 1, day: 1)!
    func channel(_ name: String, _ transform: (Int, Int, Int) -> Int) -> ChannelRequirement {
        let days = (0..<7).map { d in
            let date = monday.adding(days: d)
            return DayRequirement(
                date: date, startInstant: Int64(date.daysSinceEpoch) * 86_400,
                required: (0..<48).map { transform(d, $0, week[d][$0]) })
        }
        return ChannelRequirement(channel: name, intervalSeconds: 1800, days: days)
    }
    let plain = [8, 6, 4].map { ShiftTemplate(name: "\($0)h", lengthSeconds: $0 * 3600) }
    let withBreaks = [8, 6, 4].map {
        ShiftTemplate(
            name: "\($0)h", lengthSeconds: $0 * 3600, breakRule: BreakRule.standard(forShiftSeconds: $0 * 3600))
    }
    let voice = channel("voice") { _, _, r in r }
    let chat = channel("chat") { d, t, _ in (week[d][(t + 47) % 48] * 2 + 2) / 3 }
    let email = channel("email") { d, t, _ in week[d][(t + 2) % 48] / 3 }

    func measure(
        _ label: String, _ requirements: [ChannelRequirement], _ templates: [ShiftTemplate], tours: Bool = false
    ) {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let schedule = try ShiftScheduler.solve(requirements, templates: templates, tours: tours)
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            print("scheduling: \(label)")
            print(
                String(
                    format:
                        "  agent-hours %.1f, LP bound %.1f (LP optimum %.3f), gap %.3f %%, %.3f s, %d pivots, short %d",
                    schedule.agentHours, schedule.lowerBound, schedule.lpOptimum, schedule.gap * 100, seconds,
                    schedule.pivots, schedule.totalShortfall))
        } catch {
            print("scheduling: \(label): \(error)")
        }
    }
    measure("reference week, 8/6/4 h on any half hour, no breaks (published optimum 15,446)", [voice], plain)
    measure("reference week, 8/6/4 h, 30-min unpaid break on 6 and 8 h shifts", [voice], withBreaks)
    measure("7 days × 48 half-hours × 3 channels, 8/6/4 h, no breaks", [voice, chat, email], plain)
    measure("7 days × 48 half-hours × 3 channels, 8/6/4 h with breaks", [voice, chat, email], withBreaks)
    let eightHourTours = [
        ShiftTemplate(
            name: "8h", lengthSeconds: 8 * 3600, latestStartSeconds: 16 * 3600,
            breakRule: BreakRule.standard(forShiftSeconds: 8 * 3600))
    ]
    measure("reference week, weekly tours of 8 h on any half hour with breaks", [voice], eightHourTours, tours: true)
    measure("reference week, weekly tours of 8/6/4 h with breaks", [voice], withBreaks, tours: true)
    measure(
        "7 days × 48 half-hours × 3 channels, weekly tours of 8/6/4 h with breaks", [voice, chat, email], withBreaks,
        tours: true)
}
