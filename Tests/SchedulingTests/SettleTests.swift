import StaffcastCore
import XCTest

@testable import Scheduling

/// Among equal-cost schedules the scheduler takes the one that works where the work is: no agent
/// on shift before opening or after closing when equal-cost shifts inside the hours exist.
final class SettleTests: XCTestCase {
    func templates() throws -> [ShiftTemplate] {
        try [8, 6, 4].map { hours in
            let length = hours * 3600
            let template = ShiftTemplate(
                name: "\(hours)h", lengthSeconds: length, earliestStartSeconds: 0,
                latestStartSeconds: 86_400 - length, startEverySeconds: 1800, breakRule: nil)
            try template.validate(intervalSeconds: 1800)
            return template
        }
    }

    /// Open 08:00–20:00 with a requirement that rises and falls: every cheapest schedule fits
    /// inside the hours, and the scheduler returns one of those.
    func testNoCoverageOutsideOpeningHours() throws {
        let calendar = PlanningCalendar.utc
        for pattern in [
            [2, 3, 3, 4, 5, 5, 5, 4, 3, 3, 2, 2], [1, 1, 2, 2, 6, 6, 6, 6, 2, 2, 1, 1],
            [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
        ] {
            var required = [Int](repeating: 0, count: 48)
            for (hour, count) in pattern.enumerated() {
                required[16 + 2 * hour] = count
                required[17 + 2 * hour] = count
            }
            let day = DayRequirement(
                date: CivilDate(year: 2025, month: 3, day: 3)!, calendar: calendar, intervalSeconds: 1800,
                required: required)
            let schedule = try ShiftScheduler.solve(
                [ChannelRequirement(channel: "phone", intervalSeconds: 1800, days: [day])],
                templates: try templates())
            XCTAssertTrue(schedule.uncovered.isEmpty)
            let outside = schedule.coverage.filter { $0.required == 0 && $0.scheduled > 0 }
            XCTAssertEqual(outside.count, 0, "\(pattern): agents outside 08:00–20:00 at \(outside.map(\.instant))")
            XCTAssertEqual(schedule.cost, schedule.lowerBound, accuracy: 1e-9, "\(pattern): still optimal")
        }
    }
}

/// The settling pass itself, on a schedule that starts too early.
final class SettleMoveTests: XCTestCase {
    /// Work 08:00–16:00 covered by 4 h shifts from 06:00, 10:00 and 12:00: the cost is the least
    /// (three shifts), but the first runs two hours before opening. It moves, one step at a time,
    /// to start at 08:00; the cost stays and everything stays covered.
    func testAnEarlyShiftMovesIntoTheOpeningHours() throws {
        var required = [Int](repeating: 0, count: 48)
        for slot in 16..<32 { required[slot] = 1 }
        let template = ShiftTemplate(
            name: "4h", lengthSeconds: 4 * 3600, earliestStartSeconds: 0, latestStartSeconds: 20 * 3600,
            startEverySeconds: 1800, breakRule: nil)
        let day = DayRequirement(
            date: CivilDate(year: 2025, month: 3, day: 3)!, calendar: .utc, intervalSeconds: 1800, required: required)
        let block = DayBlock(day: day, interval: 1800, templates: [template])
        var agents = [Int](repeating: 0, count: block.columns.count)
        for start in [12, 20, 24] { agents[try XCTUnwrap(block.columns.firstIndex { $0.startKey == start })] = 1 }
        var state = CoverState(block: block, agents: agents)
        let cost = state.cost
        state.settle()
        XCTAssertEqual(state.cost, cost)
        XCTAssertTrue(zip(state.coverage, required).allSatisfy { $0 >= $1 })
        XCTAssertEqual(
            state.coverage[0..<16].reduce(0, +) + state.coverage[32...].reduce(0, +), 0,
            "nobody before 08:00 or after 16:00")
        let starts = state.agents.indices.filter { state.agents[$0] > 0 }.map { block.columns[$0].startKey }.sorted()
        XCTAssertEqual(starts.first, 16)
    }
}
