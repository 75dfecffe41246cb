import Scheduling
import StaffcastCore
import XCTest

@testable import Rostering

/// Night shifts on a roster: one agent is needed from 23:00 to 07:00 every night of a week, the
/// template is a night shift 23:00–07:00, and two agents have a night window (22:00–08:30). Each
/// night is worked by one of them, the shift belongs to the day it starts and ends the next
/// morning, nights in a row keep 11 hours of rest between them (16 h here), and the hours are real.
final class NightRosterTests: XCTestCase {
    func testNightsAreRosteredAcrossMidnight() throws {
        let night = ShiftTemplate(
            name: "night", lengthSeconds: 8 * 3600, earliestStartSeconds: 23 * 3600, latestStartSeconds: 23 * 3600,
            startEverySeconds: 3600)
        let requirement = RosterSolverTests.requirement("chat", days: 7) { d, hour in
            (hour >= 23 && d < 6) || (hour < 7 && d > 0) ? 1 : 0
        }
        let team = ["n1", "n2"].map { id in
            Agent(
                id: id, name: id, skills: [Skill(channel: "chat", rank: 0)], minHoursPerWeek: 0,
                maxHoursPerWeek: 40, maxDaysInARow: 5, earliestStartSeconds: 22 * 3600,
                latestEndSeconds: 8 * 3600 + 1800)
        }
        let input = RosterInput(team: team, requirements: [requirement], templates: [night], moves: 200)
        let roster = try RosterSolver.solve(input)
        let shifts = roster.shifts.sorted { $0.start < $1.start }
        XCTAssertEqual(shifts.count, 6, "\(shifts)")
        for (d, shift) in shifts.enumerated() {
            XCTAssertEqual(shift.date, RosterSolverTests.monday.adding(days: d))
            XCTAssertEqual(shift.start, Int64(shift.date.daysSinceEpoch) * 86_400 + 23 * 3600)
            XCTAssertEqual(shift.end - shift.start, 8 * 3600)
            XCTAssertEqual(shift.paidHours, 8)
            XCTAssertEqual(shift.activities.map(\.channel), ["chat"])
        }
        XCTAssertEqual(roster.uncovered, [])
        XCTAssertEqual(roster.coverage.filter { $0.rostered < $0.required }.count, 0)
        // Two agents, 6 nights, at most 40 h (5 nights) each.
        for agent in team { XCTAssertLessThanOrEqual(shifts.filter { $0.agent == agent.id }.count, 5) }
    }

    /// An agent whose window does not reach past midnight gets no night shift.
    func testADayWindowKeepsAnAgentOffNights() throws {
        let night = ShiftTemplate(
            name: "night", lengthSeconds: 8 * 3600, earliestStartSeconds: 23 * 3600, latestStartSeconds: 23 * 3600,
            startEverySeconds: 3600)
        let requirement = RosterSolverTests.requirement("chat", days: 2) { d, hour in
            (hour >= 23 && d == 0) || (hour < 7 && d == 1) ? 1 : 0
        }
        let day = Agent(
            id: "d1", name: "d1", skills: [Skill(channel: "chat", rank: 0)], minHoursPerWeek: 0, maxHoursPerWeek: 40)
        XCTAssertThrowsError(
            try RosterSolver.solve(RosterInput(team: [day], requirements: [requirement], templates: [night])))
        XCTAssertTrue(day.mayWork(start: 7 * 3600, end: 15 * 3600))
        XCTAssertFalse(day.mayWork(start: 23 * 3600, end: 31 * 3600))
        var nights = day
        nights.earliestStartSeconds = 22 * 3600
        nights.latestEndSeconds = 8 * 3600
        XCTAssertTrue(nights.mayWork(start: 23 * 3600, end: 31 * 3600))
        XCTAssertFalse(nights.mayWork(start: 7 * 3600, end: 15 * 3600))
    }
}

/// The rest rule after last week's Sunday-night shift: it ended Monday 06:00, so Monday's 07:00
/// shift is 1 hour after it and not allowed; 17:00 is the earliest start.
final class NightRestAcrossTheWeekTests: XCTestCase {
    func testRestCountsFromTheNightShiftsEnd() throws {
        let monday = RosterSolverTests.monday
        let midnight = Int64(monday.daysSinceEpoch) * 86_400
        let row = RosterFile.Row(
            agent: "A", date: monday.adding(days: -1), shiftStart: midnight - 2 * 3600, shiftEnd: midnight + 6 * 3600,
            activity: ActivityBlock(channel: "chat", start: midnight - 2 * 3600, end: midnight + 6 * 3600), line: 2)
        let previous = PreviousRoster.lastShifts([row], periodStart: midnight)
        XCTAssertEqual(previous.map(\.end), [midnight + 6 * 3600])
        let early = ShiftTemplate(
            name: "early", lengthSeconds: 8 * 3600, earliestStartSeconds: 7 * 3600, latestStartSeconds: 7 * 3600,
            startEverySeconds: 3600)
        let requirement = RosterSolverTests.requirement("chat", days: 1) { _, hour in (7..<15).contains(hour) ? 1 : 0 }
        let agent = Agent(
            id: "A", name: "Ann", skills: [Skill(channel: "chat", rank: 0)], minHoursPerWeek: 0, maxHoursPerWeek: 40)
        XCTAssertThrowsError(
            try RosterSolver.solve(
                RosterInput(team: [agent], requirements: [requirement], templates: [early], previousShifts: previous)),
            "the only shift of the period starts 1 hour after the night shift ended")
    }
}
