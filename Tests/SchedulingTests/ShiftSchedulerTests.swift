import StaffcastCore
import TestSupport
import XCTest

@testable import Scheduling

/// The shared reference week: 7 days × 48 half-hours of required agents, day 0 = Monday.
func referenceWeek() throws -> ChannelRequirement {
    let url = try XCTUnwrap(
        Bundle.module.url(forResource: "requirements_week", withExtension: "csv", subdirectory: "Fixtures"))
    let table = try loadFixtureTable(url)
    var byDay = [[Int]](repeating: [Int](repeating: -1, count: 48), count: 7)
    for row in table {
        let day = try XCTUnwrap(Int(row["day"] ?? ""))
        let period = try XCTUnwrap(Int(row["period"] ?? ""))
        byDay[day][period] = try XCTUnwrap(Int(row["required_agents"] ?? ""))
    }
    XCTAssertFalse(byDay.joined().contains(-1), "every half-hour of the week is in the fixture")
    let monday = try XCTUnwrap(CivilDate(year: 2024, month: 1, day: 1))
    XCTAssertEqual(monday.weekday, 1)
    let days = byDay.enumerated().map { index, required in
        let date = monday.adding(days: index)
        return DayRequirement(date: date, startInstant: Int64(date.daysSinceEpoch) * 86_400, required: required)
    }
    return ChannelRequirement(channel: "voice", intervalSeconds: 1800, days: days)
}

let plainShifts = [8, 6, 4].map { ShiftTemplate(name: "\($0)h", lengthSeconds: $0 * 3600) }

/// Agents working each slot of the day, recomputed from the shifts alone (breaks excluded).
func recomputedCoverage(_ schedule: Schedule, day: DayRequirement, interval: Int) -> [Int] {
    var working = [Int](repeating: 0, count: day.required.count)
    for shift in schedule.shifts where shift.date == day.date {
        for t in working.indices {
            let instant = day.startInstant + Int64(t * interval)
            let onShift = instant >= shift.start && instant < shift.end
            let onBreak = shift.breakStart.map { instant >= $0 && instant < shift.breakEnd! } ?? false
            if onShift && !onBreak { working[t] += shift.agents }
        }
    }
    return working
}

final class ShiftSchedulerTests: XCTestCase {
    func testReferenceWeekMatchesPublishedOptimum() throws {
        let week = try referenceWeek()
        // The fixture itself: the trivial bound Σ r_t / 2 is 15,274 agent-hours (reference README).
        XCTAssertEqual(week.days.flatMap(\.required).reduce(0, +), 2 * 15_274)
        let schedule = try ShiftScheduler.solve([week], templates: plainShifts)
        XCTAssertEqual(schedule.agentHours, 15_446)
        XCTAssertEqual(schedule.cost, 15_446)
        XCTAssertEqual(schedule.lowerBound, 15_446)
        assertClose(schedule.lpOptimum, 15_446, absolute: 1e-6)
        XCTAssertEqual(schedule.gap, 0)
        XCTAssertTrue(schedule.isFullyCovered)
        XCTAssertEqual(schedule.coverage.count, 7 * 48)
        for day in week.days {
            let working = recomputedCoverage(schedule, day: day, interval: 1800)
            for t in day.required.indices {
                XCTAssertGreaterThanOrEqual(working[t], day.required[t], "\(day.date) slot \(t)")
            }
        }
        // Agent-hours recomputed from the shift rows.
        let hours = schedule.shifts.reduce(0.0) { $0 + Double($1.agents) * Double($1.end - $1.start) / 3600 }
        XCTAssertEqual(hours, 15_446)
    }

    func testTinyInstanceSolvedByHand() throws {
        // Hours 0–2 need 1, 2, 1 agents. Two 2-hour shifts (0–2, 1–3) cost 4 agent-hours; a
        // 3-hour shift plus a 2-hour one would cost 5.
        let monday = CivilDate(year: 2024, month: 1, day: 1)!
        var required = [Int](repeating: 0, count: 24)
        required[0...2] = [1, 2, 1]
        let day = DayRequirement(date: monday, startInstant: 0, required: required)
        let templates = [
            ShiftTemplate(name: "two", lengthSeconds: 7200, startEverySeconds: 3600),
            ShiftTemplate(name: "three", lengthSeconds: 10_800, startEverySeconds: 3600),
        ]
        let schedule = try ShiftScheduler.solve(
            [ChannelRequirement(channel: "c", intervalSeconds: 3600, days: [day])],
            templates: templates)
        XCTAssertEqual(schedule.agentHours, 4)
        XCTAssertEqual(schedule.lowerBound, 4)
        XCTAssertEqual(
            schedule.shifts.map { [$0.start, $0.end, Int64($0.agents)] }.sorted { $0[0] < $1[0] },
            [[0, 7200, 1], [3600, 10_800, 1]])
        XCTAssertEqual(schedule.shifts.map(\.template), ["two", "two"])
        XCTAssertEqual(schedule.coverage.prefix(4).map(\.scheduled), [1, 2, 1, 0])
    }

    func testAgentsOnBreakDoNotCover() throws {
        // One agent needed 08:00–16:00; an 8-hour shift with a 30-minute break cannot do it
        // alone, so two agents are needed: 2 × 7.5 paid hours.
        let monday = CivilDate(year: 2024, month: 1, day: 1)!
        var required = [Int](repeating: 0, count: 48)
        for t in 16..<32 { required[t] = 1 }
        let rule = BreakRule(lengthSeconds: 1800, earliestStartAfterShiftStart: 7200, latestEndAfterShiftStart: 18_000)
        let template = ShiftTemplate(name: "8h", lengthSeconds: 8 * 3600, breakRule: rule)
        let day = DayRequirement(date: monday, startInstant: 0, required: required)
        let schedule = try ShiftScheduler.solve(
            [ChannelRequirement(channel: "c", intervalSeconds: 1800, days: [day])],
            templates: [template])
        XCTAssertEqual(schedule.agentHours, 15)
        XCTAssertTrue(schedule.isFullyCovered)
        XCTAssertEqual(recomputedCoverage(schedule, day: day, interval: 1800), schedule.coverage.map(\.scheduled))
        // The LP can split agents (½ + ½ …) but still needs more than 7.5 hours.
        XCTAssertGreaterThan(schedule.lpOptimum, 7.5)
    }

    func testBreaksStayInTheirWindowAndNearTheBound() throws {
        var generator = SeededGenerator(seed: 7)
        let monday = CivilDate(year: 2024, month: 1, day: 1)!
        let days = (0..<2).map { index -> DayRequirement in
            let date = monday.adding(days: index)
            let required = (0..<48).map { t -> Int in
                guard (14..<44).contains(t) else { return 0 }
                let peak = 12 - abs(t - 28) / 2
                return max(1, peak + Int(generator.next() % 4))
            }
            return DayRequirement(date: date, startInstant: Int64(date.daysSinceEpoch) * 86_400, required: required)
        }
        let templates = [8, 6, 4].map { hours in
            ShiftTemplate(
                name: "\(hours)h", lengthSeconds: hours * 3600,
                breakRule: BreakRule.standard(forShiftSeconds: hours * 3600))
        }
        let requirement = ChannelRequirement(channel: "chat", intervalSeconds: 1800, days: days)
        let schedule = try ShiftScheduler.solve([requirement], templates: templates)
        XCTAssertTrue(schedule.isFullyCovered)
        for shift in schedule.shifts {
            let length = Int(shift.end - shift.start)
            if length >= 6 * 3600 {
                let breakStart = try XCTUnwrap(shift.breakStart)
                let breakEnd = try XCTUnwrap(shift.breakEnd)
                XCTAssertEqual(breakEnd - breakStart, 1800)
                XCTAssertGreaterThanOrEqual(breakStart - shift.start, 7200, "break at least 2 h in")
                XCTAssertGreaterThanOrEqual(shift.end - breakEnd, 7200, "break ends at least 2 h before the end")
                XCTAssertEqual(shift.paidHoursPerAgent, Double(length - 1800) / 3600)
            } else {
                XCTAssertNil(shift.breakStart)
            }
        }
        for day in days {
            let working = recomputedCoverage(schedule, day: day, interval: 1800)
            XCTAssertEqual(
                working,
                schedule.coverage.filter { row in
                    row.instant >= day.startInstant && row.instant < day.startInstant + 86_400
                }.map(\.scheduled))
            for t in 0..<48 { XCTAssertGreaterThanOrEqual(working[t], day.required[t]) }
        }
        XCTAssertLessThanOrEqual(schedule.cost, schedule.lowerBound * 1.02, "within 2 % of the LP bound")
        XCTAssertGreaterThanOrEqual(schedule.cost, schedule.lowerBound)
    }

    func testNarrowStartWindowGivesPartialScheduleWithUncoveredIntervals() throws {
        // 4-hour shifts may start only 08:00–09:00, so 06:00–08:00 and after 13:00 are out of reach.
        let monday = CivilDate(year: 2024, month: 1, day: 1)!
        var required = [Int](repeating: 0, count: 48)
        for t in 12..<30 { required[t] = 2 }  // 06:00–15:00
        let template = ShiftTemplate(
            name: "4h", lengthSeconds: 4 * 3600, earliestStartSeconds: 8 * 3600,
            latestStartSeconds: 9 * 3600)
        let day = DayRequirement(date: monday, startInstant: 0, required: required)
        let schedule = try ShiftScheduler.solve(
            [ChannelRequirement(channel: "c", intervalSeconds: 1800, days: [day])],
            templates: [template])
        XCTAssertFalse(schedule.isFullyCovered)
        let uncoveredSlots = schedule.uncovered.map { Int($0.instant / 1800) }
        XCTAssertEqual(uncoveredSlots, Array(12..<16) + Array(26..<30))
        XCTAssertTrue(schedule.uncovered.allSatisfy { $0.unreachable && $0.shortfall == 2 && $0.scheduled == 0 })
        XCTAssertEqual(schedule.totalShortfall, 16)
        // 08:00–13:00 is covered: 2 agents from 08:00 and 2 from 09:00 (the reachable part at least cost).
        for t in 16..<26 { XCTAssertGreaterThanOrEqual(schedule.coverage[t].scheduled, 2) }
        XCTAssertEqual(schedule.agentHours, 16)
    }

    func testHeadcountLimitLeavesShortfallAtLeastCost() throws {
        // 3 agents needed 08:00–12:00 but at most 2 may work the only template: 1 short all morning.
        let monday = CivilDate(year: 2024, month: 1, day: 1)!
        var required = [Int](repeating: 0, count: 48)
        for t in 16..<24 { required[t] = 3 }
        let template = ShiftTemplate(name: "4h", lengthSeconds: 4 * 3600, maxAgentsPerDay: 2)
        let day = DayRequirement(date: monday, startInstant: 0, required: required)
        let schedule = try ShiftScheduler.solve(
            [ChannelRequirement(channel: "c", intervalSeconds: 1800, days: [day])],
            templates: [template])
        XCTAssertEqual(schedule.uncovered.count, 8)
        XCTAssertTrue(schedule.uncovered.allSatisfy { $0.shortfall == 1 && !$0.unreachable })
        XCTAssertEqual(schedule.agentHours, 8)
        assertClose(schedule.lpShortfall, 8, absolute: 1e-9)
    }

    func testWeekdaysRestrictTemplates() throws {
        let week = try referenceWeek()
        let weekend = ShiftTemplate(name: "weekend", lengthSeconds: 8 * 3600, weekdays: [6, 7])
        let schedule = try ShiftScheduler.solve([week], templates: [weekend])
        XCTAssertTrue(schedule.shifts.allSatisfy { $0.date.weekday >= 6 })
        XCTAssertFalse(schedule.uncovered.isEmpty)
        XCTAssertTrue(schedule.uncovered.allSatisfy { $0.unreachable })
    }

    func testBadTemplatesAndRequirementsAreRejected() {
        let day = DayRequirement(
            date: CivilDate(year: 2024, month: 1, day: 1)!, startInstant: 0,
            required: [Int](repeating: 1, count: 48))
        let requirement = ChannelRequirement(channel: "c", intervalSeconds: 1800, days: [day])
        func message(_ templates: [ShiftTemplate], _ requirements: [ChannelRequirement]? = nil) -> String {
            do {
                _ = try ShiftScheduler.solve(requirements ?? [requirement], templates: templates)
                return "no error"
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(
            message([ShiftTemplate(name: "long", lengthSeconds: 25 * 3600)]),
            "shift template 'long': a 25 h shift is longer than a day (24 h)")
        let outside = BreakRule(
            lengthSeconds: 1800, earliestStartAfterShiftStart: 3 * 3600, latestEndAfterShiftStart: 5 * 3600)
        XCTAssertEqual(
            message([ShiftTemplate(name: "4h", lengthSeconds: 4 * 3600, breakRule: outside)]),
            "shift template '4h': the break window ends 5 h after the start, outside a 4 h shift")
        XCTAssertEqual(
            message([
                ShiftTemplate(
                    name: "late", lengthSeconds: 4 * 3600, earliestStartSeconds: 36_000, latestStartSeconds: 28_800)
            ]),
            "shift template 'late': the start window is empty: earliest 10:00 is after latest 08:00")
        XCTAssertEqual(message([]), "no shift templates given")
        // A night template runs past midnight: valid (it is used where the channel needs agents at
        // midnight; see NightShiftTests).
        XCTAssertEqual(
            message([
                ShiftTemplate(
                    name: "night", lengthSeconds: 8 * 3600, earliestStartSeconds: 22 * 3600, latestStartSeconds: 84_600)
            ]),
            "no error")
        XCTAssertEqual(message([ShiftTemplate(name: "8h", lengthSeconds: 8 * 3600)]), "no error")
        var negative = day
        negative.required[3] = -1
        XCTAssertEqual(
            message(plainShifts, [ChannelRequirement(channel: "c", intervalSeconds: 1800, days: [negative])]),
            "requirements: channel c, 2024-01-01 interval 3: negative requirement -1")
    }
}

final class CoveringLPTests: XCTestCase {
    func testOddCycleHasFractionalOptimum() throws {
        // Rows {0,1,2}, columns {0,1}, {1,2}, {0,2} at cost 1: LP optimum 1.5 with every x = ½.
        let lp = CoveringLP(
            rowCount: 3, costs: [1, 1, 1], columnRows: [[0, 1], [1, 2], [0, 2]],
            required: [1, 1, 1], groups: [], shortfallPrice: 100)
        let solution = try lp.solve()
        assertClose(solution.cost, 1.5, absolute: 1e-12)
        for x in solution.x { assertClose(x, 0.5, absolute: 1e-12) }
        XCTAssertEqual(solution.shortfall, [0, 0, 0])
    }

    func testGroupLimitAndShortfall() throws {
        // Row 0 needs 5; the only column is limited to 3 agents, so 2 are short.
        let lp = CoveringLP(
            rowCount: 2, costs: [2, 1], columnRows: [[0, 1], [1]],
            required: [5, 4], groups: [([0], 3)], shortfallPrice: 1000)
        let solution = try lp.solve()
        assertClose(solution.x[0], 3, absolute: 1e-9)
        assertClose(solution.x[1], 1, absolute: 1e-9)
        assertClose(solution.shortfall[0], 2, absolute: 1e-9)
        assertClose(solution.shortfall[1], 0, absolute: 1e-9)
        assertClose(solution.cost, 7, absolute: 1e-9)
    }
}
