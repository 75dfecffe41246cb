import StaffcastCore
import XCTest

@testable import Scheduling

/// Shifts that cross midnight: one agent is needed from 23:00 to 07:00 every night, and the only
/// template is a night shift starting at 23:00. The shift belongs to the day it starts, ends at
/// 07:00 on the next day's clock, and lasts and is paid the real hours in between: 8 on a normal
/// night, 7 on the night the clocks go forward, 9 on the night they go back.
final class NightShiftTests: XCTestCase {
    let night = ShiftTemplate(
        name: "night", lengthSeconds: 8 * 3600, earliestStartSeconds: 23 * 3600, latestStartSeconds: 23 * 3600)

    /// Days `first` … `first + 2` of `calendar` at 30 minutes: 23:00–24:00 required on the first
    /// two days, 00:00–07:00 on the last two.
    func nights(_ calendar: PlanningCalendar, from first: CivilDate) -> ChannelRequirement {
        let days = (0..<3).map { d -> DayRequirement in
            let date = first.adding(days: d)
            var day = DayRequirement(
                date: date, calendar: calendar, intervalSeconds: 1800,
                required: [Int](repeating: 0, count: calendar.lengthOfDay(date) / 1800))
            for k in day.required.indices {
                let clock = day.wallClock(k, intervalSeconds: 1800)
                if (d < 2 && clock >= 23 * 3600) || (d > 0 && clock < 7 * 3600) { day.required[k] = 1 }
            }
            return day
        }
        return ChannelRequirement(channel: "whatsapp", intervalSeconds: 1800, days: days)
    }

    func check(
        zone: String, from first: CivilDate, hours: [Double], file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let calendar = try PlanningCalendar(identifier: zone)
        let requirement = nights(calendar, from: first)
        XCTAssertTrue(ShiftScheduler.isAroundTheClock(requirement, templates: [night]), file: file, line: line)
        let schedule = try ShiftScheduler.solve([requirement], templates: [night])
        let shifts = schedule.shifts.sorted { $0.start < $1.start }
        XCTAssertEqual(shifts.map(\.date), [first, first.adding(days: 1)], file: file, line: line)
        XCTAssertEqual(shifts.map(\.agents), [1, 1], file: file, line: line)
        for (shift, expected) in zip(shifts, hours) {
            XCTAssertEqual(calendar.local(shift.start).secondsOfDay, 23 * 3600, file: file, line: line)
            XCTAssertEqual(calendar.local(shift.end).secondsOfDay, 7 * 3600, file: file, line: line)
            XCTAssertEqual(calendar.local(shift.end).date, shift.date.adding(days: 1), file: file, line: line)
            XCTAssertEqual(Double(shift.end - shift.start) / 3600, expected, file: file, line: line)
            XCTAssertEqual(shift.paidHoursPerAgent, expected, file: file, line: line)
        }
        XCTAssertEqual(schedule.agentHours, hours.reduce(0, +), file: file, line: line)
        XCTAssertEqual(schedule.uncovered, [], file: file, line: line)
        // Every required half hour is covered once, in real time: 2 + 14/16/18 + 14 … intervals.
        let covered = schedule.coverage.filter { $0.scheduled > 0 }.count
        XCTAssertEqual(covered, Int(hours.reduce(0, +) * 2), file: file, line: line)
        XCTAssertEqual(schedule.coverage.filter { $0.required > $0.scheduled }.count, 0, file: file, line: line)
    }

    func testANormalNightIsEightHours() throws {
        try check(
            zone: "Europe/Amsterdam", from: try XCTUnwrap(CivilDate(year: 2025, month: 11, day: 17)), hours: [8, 8])
    }

    /// Amsterdam: 2025-03-30 02:00 → 03:00 and 2025-10-26 03:00 → 02:00.
    func testTheDSTNightsInAmsterdam() throws {
        try check(
            zone: "Europe/Amsterdam", from: try XCTUnwrap(CivilDate(year: 2025, month: 3, day: 29)), hours: [7, 8])
        try check(
            zone: "Europe/Amsterdam", from: try XCTUnwrap(CivilDate(year: 2025, month: 10, day: 25)), hours: [9, 8])
    }

    /// New York: 2025-03-09 02:00 → 03:00 and 2025-11-02 02:00 → 01:00.
    func testTheDSTNightsInNewYork() throws {
        try check(
            zone: "America/New_York", from: try XCTUnwrap(CivilDate(year: 2025, month: 3, day: 8)), hours: [7, 8])
        try check(
            zone: "America/New_York", from: try XCTUnwrap(CivilDate(year: 2025, month: 11, day: 1)), hours: [9, 8])
    }

    /// A channel closed at midnight keeps its days apart: the night template has no place there.
    func testAChannelClosedAtMidnightIsPlannedDayByDay() throws {
        let day = DayRequirement(
            date: try XCTUnwrap(CivilDate(year: 2025, month: 11, day: 17)), startInstant: 0,
            required: (0..<48).map { (16..<42).contains($0) ? 2 : 0 })
        let requirement = ChannelRequirement(channel: "phone", intervalSeconds: 1800, days: [day])
        let eight = ShiftTemplate(name: "8h", lengthSeconds: 8 * 3600)
        XCTAssertFalse(ShiftScheduler.isAroundTheClock(requirement, templates: [eight, night]))
        let schedule = try ShiftScheduler.solve([requirement], templates: [eight, night])
        XCTAssertTrue(schedule.shifts.allSatisfy { $0.template == "8h" })
        XCTAssertEqual(schedule.uncovered, [])
    }
}
