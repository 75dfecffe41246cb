import Scheduling
import StaffcastCore
import XCTest

@testable import Rostering

/// Working-time rules over the nights the clocks change in Europe/Amsterdam: hours are real hours.
final class WorkingTimeDSTTests: XCTestCase {
    static func requirement(
        _ calendar: PlanningCalendar, from first: CivilDate, days: Int, _ wanted: (Int, Int) -> Bool
    )
        -> ChannelRequirement
    {
        ChannelRequirement(
            channel: "chat", intervalSeconds: 3600,
            days: (0..<days).map { d in
                let date = first.adding(days: d)
                let hours = calendar.lengthOfDay(date) / 3600
                let start = calendar.startOfDay(date)
                let required = (0..<hours).map { k in
                    wanted(d, calendar.local(start + Int64(k * 3600)).secondsOfDay / 3600) ? 1 : 0
                }
                return DayRequirement(date: date, calendar: calendar, intervalSeconds: 3600, required: required)
            })
    }

    static func solve(
        _ calendar: PlanningCalendar, from first: CivilDate, days: Int, templates: [ShiftTemplate],
        agent: Agent, rules: WorkingTimeRules?, wanted: (Int, Int) -> Bool
    ) throws -> Roster {
        var input = RosterInput(
            team: [agent], requirements: [requirement(calendar, from: first, days: days, wanted)],
            templates: templates, moves: 60)
        input.workingTimeRules = rules
        return try RosterSolver.solve(input)
    }

    /// Nights Thursday to Saturday, the last over the night the clocks go forward (Sunday 30 March
    /// 2025: 8 real hours), then Monday's night, 39 h after the series: too early. Without the
    /// rules the four wanted nights are worked; with them the series goes on through Sunday's
    /// night (nobody asked for it), so that Monday's night continues it instead of following it.
    func testANightSeriesOverTheSpringNight() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        let first = CivilDate(year: 2025, month: 3, day: 24)!  // Monday
        let templates = [WorkingTimeRulesTests.template("night", hours: 9, start: 22)]
        let agent = WorkingTimeRulesTests.agent(earliest: 22, latest: 7)
        func wanted(_ d: Int, _ hour: Int) -> Bool {
            ([3, 4, 5, 7].contains(d) && hour >= 22) || ([4, 5, 6, 8].contains(d) && hour < 7)
        }
        var only = WorkingTimeRules()
        only.restAfterNightSeriesSeconds = 46 * 3600
        let dates = (0..<9).map { first.adding(days: $0) }
        let loose = try Self.solve(
            amsterdam, from: first, days: 9, templates: templates, agent: agent, rules: nil, wanted: wanted)
        XCTAssertEqual(loose.shifts.map { $0.end - $0.start }, [32_400, 32_400, 28_800, 32_400])
        XCTAssertEqual(
            WorkingTimeCheck.violations(
                WorkingTimeCheck.shifts(of: loose, agent: "A"), rules: only, calendar: amsterdam, dates: dates),
            ["rest_after_night_series_hours \(first.adding(days: 7))"])
        for rules in [only, .netherlandsStandard] {
            let kept = try Self.solve(
                amsterdam, from: first, days: 9, templates: templates, agent: agent, rules: rules, wanted: wanted)
            XCTAssertEqual(
                WorkingTimeCheck.violations(
                    WorkingTimeCheck.shifts(of: kept, agent: "A"), rules: rules, calendar: amsterdam, dates: dates), [])
            XCTAssertEqual(kept.shifts.map(\.date), (3...7).map { first.adding(days: $0) })
        }
    }

    /// Saturday 12:00–20:00 and Sunday 07:00 on the spring night: 11 h by the clock, 10 real
    /// hours of rest. The clock's rule (without working-time rules) allows it; the daily rest of
    /// the rules does not, and Sunday's morning stays short.
    func testTheDailyRestIsRealHoursOverTheSpringNight() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        let first = CivilDate(year: 2025, month: 3, day: 29)!  // Saturday
        let templates = [
            WorkingTimeRulesTests.template("late", hours: 8, start: 12),
            WorkingTimeRulesTests.template("early", hours: 8, start: 7),
        ]
        let agent = WorkingTimeRulesTests.agent()
        func wanted(_ d: Int, _ hour: Int) -> Bool { d == 0 ? (12..<20).contains(hour) : (7..<15).contains(hour) }
        var only = WorkingTimeRules()
        only.dailyRestSeconds = 11 * 3600
        let dates = [first, first.adding(days: 1)]
        let loose = try Self.solve(
            amsterdam, from: first, days: 2, templates: templates, agent: agent, rules: nil, wanted: wanted)
        XCTAssertEqual(loose.shifts.count, 2)
        XCTAssertEqual(
            WorkingTimeCheck.violations(
                WorkingTimeCheck.shifts(of: loose, agent: "A"), rules: only, calendar: amsterdam, dates: dates),
            ["daily_rest_hours \(first.adding(days: 1))"])
        let kept = try Self.solve(
            amsterdam, from: first, days: 2, templates: templates, agent: agent, rules: only, wanted: wanted)
        XCTAssertEqual(
            WorkingTimeCheck.violations(
                WorkingTimeCheck.shifts(of: kept, agent: "A"), rules: only, calendar: amsterdam, dates: dates), [])
        XCTAssertFalse(kept.uncovered.isEmpty)
    }

    /// A series of 10-hour nights over the night the clocks go back (Saturday 25 October 2025):
    /// that night's shift works 11 real hours, more than a night shift may; the others 10.
    func testANightShiftOverTheAutumnNightIsAnHourLonger() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        let first = CivilDate(year: 2025, month: 10, day: 20)!  // Monday
        let templates = [WorkingTimeRulesTests.template("night", hours: 10, start: 22)]
        let agent = WorkingTimeRulesTests.agent(earliest: 22, latest: 8)
        func wanted(_ d: Int, _ hour: Int) -> Bool {
            ([3, 4, 5].contains(d) && hour >= 22) || ([4, 5, 6].contains(d) && hour < 8)
        }
        let dates = (0..<7).map { first.adding(days: $0) }
        let loose = try Self.solve(
            amsterdam, from: first, days: 7, templates: templates, agent: agent, rules: nil, wanted: wanted)
        XCTAssertEqual(loose.shifts.map { $0.end - $0.start }, [36_000, 36_000, 39_600])
        let preset = WorkingTimeRules.netherlandsStandard
        XCTAssertEqual(
            WorkingTimeCheck.violations(
                WorkingTimeCheck.shifts(of: loose, agent: "A"), rules: preset, calendar: amsterdam, dates: dates),
            ["max_night_shift_hours \(first.adding(days: 5))"])
        let kept = try Self.solve(
            amsterdam, from: first, days: 7, templates: templates, agent: agent, rules: preset, wanted: wanted)
        XCTAssertEqual(kept.shifts.map(\.date), [first.adding(days: 3), first.adding(days: 4)])
        XCTAssertEqual(
            WorkingTimeCheck.violations(
                WorkingTimeCheck.shifts(of: kept, agent: "A"), rules: preset, calendar: amsterdam, dates: dates), [])
        // The report counts the real hours of each night.
        let report = WorkingTimeReport.csv(
            roster: loose, team: [agent], rules: preset, calendar: amsterdam, dates: dates)
        let rows = report.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows[1][1], "2025-10-20")
        XCTAssertEqual(rows[1][3], "31")  // 10 + 10 + 11
        XCTAssertEqual(rows[1][4], "11")
        XCTAssertEqual(rows[1][5], "3")
    }
}
