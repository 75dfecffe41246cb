import Scheduling
import StaffcastCore
import XCTest

@testable import Rostering

/// Days an earlier publication gave (``RosterInput/published``) are kept: the same inputs give the
/// published roster back with no change; a new unavailability changes that day and what must move
/// with it, far fewer days than a roster searched afresh; each change is listed with its reason.
final class PublishedDaysTests: XCTestCase {
    static let monday = RosterSolverTests.monday
    static let days = 14

    static func input(seed: UInt64, published: [PublishedDay] = [], requests: [AgentRequest] = [], agents: Int = 8)
        -> RosterInput
    {
        let team = (0..<agents).map { i in
            Agent(
                id: "A\(i)", name: "Agent \(i)", skills: [Skill(channel: "phone", rank: 0)], minHoursPerWeek: 24,
                maxHoursPerWeek: 40)
        }
        let requirement = RosterSolverTests.requirement("phone", days: days) { d, h in
            let weekend = d % 7 >= 5
            return weekend ? ((10..<18).contains(h) ? 1 : 0) : ((8..<20).contains(h) ? 2 + (d + h) % 3 : 0)
        }
        let template = ShiftTemplate(
            name: "8h", lengthSeconds: 8 * 3600, earliestStartSeconds: 7 * 3600, latestStartSeconds: 13 * 3600,
            startEverySeconds: 3600,
            breakRule: BreakRule(
                lengthSeconds: 3600, earliestStartAfterShiftStart: 3 * 3600, latestEndAfterShiftStart: 6 * 3600))
        var input = RosterInput(
            team: team, requests: requests, requirements: [requirement], templates: [template], moves: 100, seed: seed)
        input.published = published
        return input
    }

    /// Every agent's every day of `roster`, as published.
    static func published(_ roster: Roster, agents: Int = 8) -> [PublishedDay] {
        (0..<agents).flatMap { i in
            (0..<days).map { d in
                let date = monday.adding(days: d)
                let shift = roster.shifts.first { $0.agent == "A\(i)" && $0.date == date }
                return PublishedDay(
                    agent: "A\(i)", date: date, shift: shift.map { ShiftTimes(start: $0.start, end: $0.end) })
            }
        }
    }

    /// The (agent, date) days whose shift times differ between two rosters.
    static func differences(_ a: Roster, _ b: Roster) -> Int {
        func times(_ r: Roster) -> [String: ShiftTimes] {
            Dictionary(
                uniqueKeysWithValues: r.shifts.map {
                    ("\($0.agent) \($0.date)", ShiftTimes(start: $0.start, end: $0.end))
                })
        }
        let x = times(a)
        let y = times(b)
        return Set(x.keys).union(y.keys).filter { x[$0] != y[$0] }.count
    }

    func testThePublishedRosterComesBackUnchanged() throws {
        let first = try RosterSolver.solve(Self.input(seed: 1))
        let afresh = try RosterSolver.solve(Self.input(seed: 2))
        XCTAssertGreaterThan(Self.differences(first, afresh), 10, "another seed finds another roster")
        let kept = try RosterSolver.solve(Self.input(seed: 2, published: Self.published(first)))
        XCTAssertEqual(Self.differences(first, kept), 0)
        XCTAssertEqual(kept.changes, [])
        XCTAssertEqual(kept.objective.changes, 0)
    }

    func testANewUnavailabilityChangesFewDaysAndSaysWhy() throws {
        let first = try RosterSolver.solve(Self.input(seed: 1))
        // An agent who works the second Tuesday asks for it off after publication.
        let tuesday = Self.monday.adding(days: 8)
        let shift = try XCTUnwrap(first.shifts.first { $0.date == tuesday })
        let request = AgentRequest(agent: shift.agent, date: tuesday, kind: .unavailable)
        let input = Self.input(seed: 1, published: Self.published(first), requests: [request])
        let kept = try RosterSolver.solve(input)
        XCTAssertEqual(RosterSolverTests.violations(kept, input), [])
        XCTAssertFalse(kept.shifts.contains { $0.agent == shift.agent && $0.date == tuesday })
        let own = try XCTUnwrap(kept.changes.first { $0.agent == shift.agent && $0.date == tuesday })
        XCTAssertEqual(own.reason, "unavailable")
        XCTAssertEqual(own.before, ShiftTimes(start: shift.start, end: shift.end))
        XCTAssertNil(own.after)
        // The list is exactly the days that differ, and far shorter than a fresh search's.
        XCTAssertEqual(kept.changes.count, Self.differences(first, kept))
        let afresh = try RosterSolver.solve(Self.input(seed: 1, requests: [request]))
        XCTAssertLessThanOrEqual(kept.changes.count, 4, "\(kept.changes)")
        XCTAssertGreaterThan(Self.differences(first, afresh), 3 * kept.changes.count)
        for change in kept.changes where change.agent != shift.agent {
            XCTAssertEqual(change.reason, "to cover the requirement")
        }
        // Never less cover than the published roster with the day simply dropped.
        let dropped = first.coverage.reduce(0) { $0 + max(0, $1.required - $1.rostered) } + 8
        let now = kept.coverage.reduce(0) { $0 + max(0, $1.required - $1.rostered) }
        XCTAssertLessThanOrEqual(now, dropped)
    }

    func testAnAgentWhoLeftLosesTheirShiftsAndTheFileSaysSo() throws {
        let first = try RosterSolver.solve(Self.input(seed: 1))
        let kept = try RosterSolver.solve(Self.input(seed: 1, published: Self.published(first), agents: 7))
        let gone = first.shifts.filter { $0.agent == "A7" }
        XCTAssertFalse(gone.isEmpty)
        let listed = kept.changes.filter { $0.agent == "A7" }
        XCTAssertEqual(listed.count, gone.count)
        XCTAssertTrue(listed.allSatisfy { $0.reason == "not in the team" && $0.after == nil })
        let csv = RosterChangesFile.write(kept.changes, calendar: .utc)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.first, "agent,date,before,after,reason")
        let line = try XCTUnwrap(lines.first { $0.hasPrefix("A7,") })
        let fields = line.split(separator: ",")
        XCTAssertEqual(fields.count, 5)
        XCTAssertTrue(fields[2].contains("T") && fields[2].contains("/"), String(line))
        XCTAssertEqual(fields[3], "off")
    }

    /// A publication's days: the whole ISO weeks of its shifts, a date without a shift a day off.
    func testPublishedDaysAreTheFileWeeks() {
        func row(_ agent: String, _ date: CivilDate) -> RosterFile.Row {
            let start = Int64(date.daysSinceEpoch) * 86_400 + 9 * 3600
            return RosterFile.Row(
                agent: agent, date: date, shiftStart: start, shiftEnd: start + 8 * 3600,
                activity: ActivityBlock(channel: "phone", start: start, end: start + 8 * 3600), line: 2)
        }
        // Published: the week before (Wednesday) and this week (Tuesday); the period: this week and next.
        let rows = [row("B", Self.monday.adding(days: -5)), row("B", Self.monday.adding(days: 1))]
        let dates = (0..<14).map { Self.monday.adding(days: $0) }
        let days = PublishedDay.from(rows, dates: dates)
        XCTAssertEqual(days.map(\.date), Array(dates.prefix(7)))
        XCTAssertEqual(days.filter { $0.shift != nil }.map(\.date), [Self.monday.adding(days: 1)])
        XCTAssertEqual(PublishedDay.from([], dates: dates), [])
    }
}

/// The days before the period are counted from the last shift's date: a night shift dated
/// Saturday that ends on Sunday morning leaves Sunday a day off.
final class PreviousNightDateTests: XCTestCase {
    func testANightEndingOnSundayLeavesSundayOff() throws {
        let monday = RosterSolverTests.monday
        let agent = Agent(
            id: "N", name: "N", skills: [Skill(channel: "phone", rank: 0)], minHoursPerWeek: 0, maxHoursPerWeek: 40,
            maxDaysInARow: 4, minDaysOffInARow: 1)
        let requirement = RosterSolverTests.requirement("phone", days: 7) { d, h in
            d == 0 && (9..<17).contains(h) ? 1 : 0
        }
        let template = ShiftTemplate(name: "8h", lengthSeconds: 8 * 3600, startEverySeconds: 3600)
        // Four nights Wednesday to Saturday, the last ending Sunday 07:00.
        let sundayMorning = Int64(monday.daysSinceEpoch) * 86_400 - 17 * 3600
        var night = PreviousShift(agent: "N", end: sundayMorning, daysInARow: 4, start: sundayMorning - 9 * 3600)
        func worksMonday(_ previous: PreviousShift) throws -> Bool {
            let input = RosterInput(
                team: [agent], requirements: [requirement], templates: [template], previousShifts: [previous], moves: 5
            )
            return try RosterSolver.solve(input).shifts.contains { $0.date == RosterSolverTests.monday }
        }
        // Counted from its end the night looks like Sunday's: a fifth day in a row on Monday.
        XCTAssertFalse(try worksMonday(night))
        night.date = monday.adding(days: -2)
        XCTAssertTrue(try worksMonday(night))
    }
}
