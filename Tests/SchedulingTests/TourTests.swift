import StaffcastCore
import TestSupport
import XCTest

@testable import Scheduling

/// Weekly tours: 5 working days at the same start time with 2 consecutive days off.
final class TourTests: XCTestCase {
    /// Checks that the schedule's rows form whole tours and returns them keyed by label.
    func assertWholeTours(_ schedule: Schedule, file: StaticString = #filePath, line: UInt = #line) -> [String:
        [ScheduledShift]]
    {
        let byTour = Dictionary(grouping: schedule.shifts) { $0.tour ?? "" }
        XCTAssertNil(byTour[""], "every row belongs to a tour", file: file, line: line)
        for (label, rows) in byTour {
            let weekdays = Set(rows.map(\.date.weekday))
            XCTAssertEqual(rows.count, 5, "\(label): one row per working day", file: file, line: line)
            XCTAssertEqual(weekdays.count, 5, "\(label): 5 distinct working days", file: file, line: line)
            let off = (1...7).filter { !weekdays.contains($0) }
            XCTAssertEqual(off.count, 2, label, file: file, line: line)
            if off.count == 2 {
                XCTAssertTrue(
                    off[1] - off[0] == 1 || off == [1, 7], "\(label): days off \(off) are consecutive", file: file,
                    line: line)
            }
            XCTAssertEqual(
                Set(rows.map { ($0.start - Int64($0.date.daysSinceEpoch) * 86_400) }).count, 1,
                "\(label): the same start time every working day", file: file, line: line)
            XCTAssertEqual(
                Set(rows.map(\.agents)).count, 1, "\(label): the same agents every working day", file: file, line: line)
            XCTAssertEqual(Set(rows.map(\.template)).count, 1, label, file: file, line: line)
        }
        return byTour
    }

    /// One agent needed at 09:00–10:00 every day; a 1-hour shift that can only start at 09:00.
    /// Each tour covers 5 of the 7 days, so the LP takes ⅕ of each of the 7 tours (7 agent-hours)
    /// and the integer optimum is 2 tours with disjoint days off (10 agent-hours).
    func testTinyWeekSolvedByHand() throws {
        let monday = try XCTUnwrap(CivilDate(year: 2024, month: 1, day: 1))
        let days = (0..<7).map { d in
            let date = monday.adding(days: d)
            var required = [Int](repeating: 0, count: 24)
            required[9] = 1
            return DayRequirement(date: date, startInstant: Int64(date.daysSinceEpoch) * 86_400, required: required)
        }
        let template = ShiftTemplate(
            name: "1h", lengthSeconds: 3600, earliestStartSeconds: 9 * 3600, latestStartSeconds: 9 * 3600,
            startEverySeconds: 3600)
        let requirement = ChannelRequirement(channel: "voice", intervalSeconds: 3600, days: days)
        let schedule = try ShiftScheduler.solve([requirement], templates: [template], tours: true)
        // Tour blocks are solved perturbed: the LP optimum is at most a relative 2·10⁻⁶ low.
        XCTAssertLessThanOrEqual(schedule.lpOptimum, 7)
        XCTAssertGreaterThanOrEqual(schedule.lpOptimum, 7 * (1 - 2e-6))
        XCTAssertEqual(schedule.lowerBound, 7)
        XCTAssertEqual(schedule.agentHours, 10)
        assertClose(schedule.gap, 3.0 / 7, absolute: 1e-12)
        XCTAssertTrue(schedule.isFullyCovered)
        let tours = assertWholeTours(schedule)
        XCTAssertEqual(tours.count, 2)
        XCTAssertEqual(schedule.shifts.count, 10)
        for shift in schedule.shifts {
            XCTAssertEqual(shift.agents, 1)
            XCTAssertEqual(shift.start, Int64(shift.date.daysSinceEpoch) * 86_400 + 9 * 3600)
            XCTAssertEqual(shift.paidHoursPerAgent, 1)
        }
        // Two agents needed Monday to Friday only: two agents on the Sat–Sun-off tour, no gap.
        let weekdaysOnly = ChannelRequirement(
            channel: "voice", intervalSeconds: 3600,
            days: days.map { day in
                var day = day
                day.required[9] = day.date.weekday <= 5 ? 2 : 0
                return day
            })
        let office = try ShiftScheduler.solve([weekdaysOnly], templates: [template], tours: true)
        XCTAssertEqual(office.agentHours, 10)
        XCTAssertEqual(office.gap, 0)
        XCTAssertEqual(Set(office.shifts.compactMap(\.tour)), ["1h 09:00 off Sat-Sun"])
        XCTAssertEqual(office.shifts.map(\.agents), [2, 2, 2, 2, 2])
        // Without tours the same week is 7 daily shifts of 1 hour.
        let daily = try ShiftScheduler.solve([requirement], templates: [template])
        XCTAssertEqual(daily.agentHours, 7)
        XCTAssertTrue(daily.shifts.allSatisfy { $0.tour == nil })
    }

    /// The perturbed simplex (used for tour blocks) returns a lower bound a relative 2·10⁻⁶ at most
    /// below the exact LP, with an x that still covers every row.
    func testPerturbedLPIsALowerBoundAndCovers() throws {
        var lp = CoveringLP(
            rowCount: 3, costs: [1, 1, 1], columnRows: [[0, 1], [1, 2], [0, 2]],
            required: [1, 1, 1], groups: [], shortfallPrice: 100)
        lp.perturbFirst = true
        let solution = try lp.solve()
        XCTAssertLessThanOrEqual(solution.cost, 1.5)
        XCTAssertGreaterThanOrEqual(solution.cost, 1.5 * (1 - 2e-6))
        XCTAssertLessThan(solution.cost, 1.5, "the costs really are perturbed")
        for row in 0..<3 {
            let covered = zip(lp.columnRows, solution.x).reduce(0.0) { $0 + ($1.0.contains(row) ? $1.1 : 0) }
            XCTAssertGreaterThanOrEqual(covered, 1 - 1e-9)
        }
        let exact = try CoveringLP(
            rowCount: 3, costs: [1, 1, 1], columnRows: [[0, 1], [1, 2], [0, 2]],
            required: [1, 1, 1], groups: [], shortfallPrice: 100
        ).solve()
        XCTAssertEqual(exact.cost, 1.5, accuracy: 1e-12)
    }

    /// Two agents needed at 09:00 every day, at most one agent per day: the LP spreads ⅕ over each
    /// of the 7 tours (one agent a day, 7 short) but any two whole tours share a working day, so
    /// the integer schedule is one tour: 5 days one short, 2 days off two short — 9 in all.
    func testDailyLimitWithToursLeavesShortfall() throws {
        let monday = try XCTUnwrap(CivilDate(year: 2024, month: 1, day: 1))
        let days = (0..<7).map { d in
            let date = monday.adding(days: d)
            return DayRequirement(
                date: date, startInstant: Int64(date.daysSinceEpoch) * 86_400,
                required: [Int](repeating: 0, count: 9) + [2] + [Int](repeating: 0, count: 14))
        }
        let template = ShiftTemplate(
            name: "1h", lengthSeconds: 3600, earliestStartSeconds: 9 * 3600, latestStartSeconds: 9 * 3600,
            startEverySeconds: 3600, maxAgentsPerDay: 1)
        let schedule = try ShiftScheduler.solve(
            [ChannelRequirement(channel: "voice", intervalSeconds: 3600, days: days)],
            templates: [template], tours: true)
        assertClose(schedule.lpShortfall, 7, absolute: 1e-9)
        XCTAssertEqual(schedule.totalShortfall, 9)
        XCTAssertEqual(schedule.agentHours, 5)
        XCTAssertEqual(schedule.uncovered.count, 7)
        XCTAssertFalse(schedule.uncovered.contains(where: \.unreachable))
        for date in Set(schedule.shifts.map(\.date)) {
            XCTAssertLessThanOrEqual(
                schedule.shifts.filter { $0.date == date }.reduce(0) { $0 + $1.agents }, 1, "\(date)")
        }
        _ = assertWholeTours(schedule)
    }

    /// The reference week with 8-hour tours starting on any half hour and the standard unpaid
    /// 30-minute break: every interval covered, whole tours, within 2 % of the LP bound.
    func testReferenceWeekToursWithBreaksWithinTwoPercent() throws {
        let week = try referenceWeek()
        let template = ShiftTemplate(
            name: "8h", lengthSeconds: 8 * 3600, latestStartSeconds: 16 * 3600,
            breakRule: BreakRule.standard(forShiftSeconds: 8 * 3600))
        let schedule = try ShiftScheduler.solve([week], templates: [template], tours: true)
        XCTAssertTrue(schedule.isFullyCovered)
        XCTAssertEqual(schedule.coverage.count, 7 * 48)
        for day in week.days {
            let working = recomputedCoverage(schedule, day: day, interval: 1800)
            for t in day.required.indices {
                XCTAssertGreaterThanOrEqual(working[t], day.required[t], "\(day.date) slot \(t)")
            }
        }
        let tours = assertWholeTours(schedule)
        XCTAssertGreaterThan(tours.count, 10)
        for shift in schedule.shifts {
            XCTAssertEqual(shift.end - shift.start, 8 * 3600)
            let breakStart = try XCTUnwrap(shift.breakStart)
            let breakEnd = try XCTUnwrap(shift.breakEnd)
            XCTAssertEqual(breakEnd - breakStart, 1800)
            XCTAssertGreaterThanOrEqual(breakStart - shift.start, 7200)
            XCTAssertLessThanOrEqual(shift.end - breakEnd, 7200 + 3600 * 4)
            XCTAssertGreaterThanOrEqual(shift.end - breakEnd, 7200)
            XCTAssertEqual(shift.paidHoursPerAgent, 7.5)
        }
        let hours = schedule.shifts.reduce(0.0) { $0 + Double($1.agents) * $1.paidHoursPerAgent }
        XCTAssertEqual(hours, schedule.agentHours)
        XCTAssertEqual(
            schedule.agentHours.truncatingRemainder(dividingBy: 37.5), 0, "whole tours of 5 × 7.5 paid hours")
        XCTAssertGreaterThanOrEqual(schedule.lowerBound, schedule.lpOptimum - 1e-6)
        XCTAssertGreaterThan(schedule.lowerBound, 15_274 * 7.5 / 8, "at least the workload less breaks")
        XCTAssertLessThanOrEqual(schedule.gap, 0.02, "agent-hours \(schedule.agentHours), bound \(schedule.lowerBound)")
        // print("tours: agent-hours \(schedule.agentHours), LP bound \(schedule.lowerBound), LP \(schedule.lpOptimum), gap \(schedule.gap * 100) %, pivots \(schedule.pivots)")
    }
}
