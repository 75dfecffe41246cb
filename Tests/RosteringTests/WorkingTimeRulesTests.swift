import Scheduling
import StaffcastCore
import XCTest

@testable import Rostering

/// Each rule of the Dutch preset on a small fixture whose roster without the rule breaks it (the
/// independent ``WorkingTimeCheck`` says so) and whose roster with the rule, alone or in the whole
/// preset, does not. One agent, hourly intervals, UTC, from Monday 3 March 2025.
final class WorkingTimeRulesTests: XCTestCase {
    static let utc = try! PlanningCalendar(identifier: "UTC")

    static func template(_ name: String, hours: Double, start: Int) -> ShiftTemplate {
        ShiftTemplate(
            name: name, lengthSeconds: Int(hours * 3600), earliestStartSeconds: start * 3600,
            latestStartSeconds: start * 3600, startEverySeconds: 3600)
    }

    static func agent(earliest: Int = 0, latest: Int = 24, maxHours: Double = 100) -> Agent {
        Agent(
            id: "A", name: "Ann", skills: [Skill(channel: "chat", rank: 0)], minHoursPerWeek: 0,
            maxHoursPerWeek: maxHours, maxDaysInARow: 14, minDaysOffInARow: 1, maxWeekends: 10,
            earliestStartSeconds: earliest * 3600, latestEndSeconds: latest * 3600)
    }

    /// Hours of day d (local, 0–23) wanted: one agent.
    static func roster(
        days: Int, templates: [ShiftTemplate], agent: Agent = agent(), rules: WorkingTimeRules?,
        minimumRest: Int = 11 * 3600, previous: [PreviousShift] = [], wanted: @escaping (Int, Int) -> Bool
    ) throws -> Roster {
        let requirement = RosterSolverTests.requirement("chat", days: days) { wanted($0, $1) ? 1 : 0 }
        var input = RosterInput(
            team: [agent], requirements: [requirement], templates: templates, previousShifts: previous,
            minimumRestSeconds: minimumRest, moves: 60)
        input.workingTimeRules = rules
        return try RosterSolver.solve(input)
    }

    static func dates(_ days: Int) -> [CivilDate] { (0..<days).map { RosterSolverTests.monday.adding(days: $0) } }

    static func check(_ roster: Roster, _ rules: WorkingTimeRules, days: Int) -> [String] {
        WorkingTimeCheck.violations(
            WorkingTimeCheck.shifts(of: roster, agent: "A"), rules: rules, calendar: utc, dates: dates(days))
    }

    /// Without `rule`'s rules the roster breaks `name`; with them, and with the whole preset, not.
    func assertKept(
        _ name: String, rules only: WorkingTimeRules, days: Int, templates: [ShiftTemplate],
        agent: Agent = WorkingTimeRulesTests.agent(), minimumRest: Int = 11 * 3600,
        wanted: @escaping (Int, Int) -> Bool, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let loose = try Self.roster(
            days: days, templates: templates, agent: agent, rules: nil, minimumRest: minimumRest, wanted: wanted)
        XCTAssertEqual(
            Self.check(loose, only, days: days).filter { $0.hasPrefix(name) }.count, 1,
            "without the rule: \(Self.check(loose, only, days: days))", file: file, line: line)
        let kept = try Self.roster(days: days, templates: templates, agent: agent, rules: only, wanted: wanted)
        XCTAssertEqual(Self.check(kept, only, days: days), [], file: file, line: line)
        XCTAssertFalse(kept.shifts.isEmpty, "the rule leaves room for work", file: file, line: line)
        let preset = try Self.roster(
            days: days, templates: templates, agent: agent, rules: .netherlandsStandard, wanted: wanted)
        XCTAssertEqual(Self.check(preset, .netherlandsStandard, days: days), [], file: file, line: line)
    }

    func testAShiftOfThirteenHoursIsTooLong() throws {
        var rules = WorkingTimeRules()
        rules.maxShiftSeconds = 12 * 3600
        try assertKept(
            "max_shift_hours", rules: rules, days: 1,
            templates: [Self.template("long", hours: 13, start: 7), Self.template("day", hours: 8, start: 7)]
        ) { _, hour in (7..<20).contains(hour) }
    }

    func testSixtyHoursAWeek() throws {
        var rules = WorkingTimeRules()
        rules.maxWeekSeconds = 60 * 3600
        try assertKept(
            "max_week_hours", rules: rules, days: 7, templates: [Self.template("ten", hours: 10, start: 8)]
        ) { _, hour in (8..<18).contains(hour) }
    }

    func testFiftyFiveHoursAWeekOnAverage() throws {
        var rules = WorkingTimeRules()
        rules.maxAverageWeekSeconds = 55 * 3600
        try assertKept(
            "max_average_week_hours", rules: rules, days: 14, templates: [Self.template("ten", hours: 10, start: 8)]
        ) { _, hour in (8..<18).contains(hour) }
    }

    /// 14:00–22:00 on Monday and 06:00–14:00 on Tuesday: 8 h between them.
    func testElevenHoursOfDailyRest() throws {
        var rules = WorkingTimeRules()
        rules.dailyRestSeconds = 11 * 3600
        try assertKept(
            "daily_rest_hours", rules: rules, days: 2,
            templates: [Self.template("late", hours: 8, start: 14), Self.template("early", hours: 8, start: 6)],
            minimumRest: 0
        ) { d, hour in d == 0 ? (14..<22).contains(hour) : (6..<14).contains(hour) }
    }

    func testANightShiftOfElevenHoursIsTooLong() throws {
        var rules = WorkingTimeRules()
        rules.maxNightShiftSeconds = 10 * 3600
        try assertKept(
            "max_night_shift_hours", rules: rules, days: 2,
            templates: [Self.template("night11", hours: 11, start: 22), Self.template("night9", hours: 9, start: 22)],
            agent: Self.agent(earliest: 20, latest: 10)
        ) { d, hour in (d == 0 && hour >= 22) || (d == 1 && hour < 9) }
    }

    /// A night 22:00–07:00 and an evening 19:00–23:00 the next day: 12 h between them.
    func testFourteenHoursAfterANightShiftEndingAfterTwo() throws {
        var rules = WorkingTimeRules()
        rules.restAfterNightSeconds = 14 * 3600
        try assertKept(
            "rest_after_night_hours", rules: rules, days: 3,
            templates: [Self.template("night", hours: 9, start: 22), Self.template("evening", hours: 4, start: 19)],
            agent: Self.agent(earliest: 19, latest: 7)
        ) { d, hour in (d == 0 && hour >= 22) || (d == 1 && (hour < 7 || (19..<23).contains(hour))) }
    }

    /// Three nights from Monday, then Friday's night: 39 h after the series.
    func testFortySixHoursAfterThreeNights() throws {
        var rules = WorkingTimeRules()
        rules.restAfterNightSeriesSeconds = 46 * 3600
        try assertKept(
            "rest_after_night_series_hours", rules: rules, days: 6,
            templates: [Self.template("night", hours: 9, start: 22)], agent: Self.agent(earliest: 22, latest: 7)
        ) { d, hour in ([0, 1, 2, 4].contains(d) && hour >= 22) || ([1, 2, 3, 5].contains(d) && hour < 7) }
    }

    /// Eight nights in a row are wanted.
    func testSevenShiftsInARowWithANight() throws {
        var rules = WorkingTimeRules()
        rules.maxShiftsInARowWithNight = 7
        try assertKept(
            "max_shifts_in_a_row_with_night", rules: rules, days: 9,
            templates: [Self.template("night", hours: 8, start: 22)], agent: Self.agent(earliest: 22, latest: 6)
        ) { d, hour in (d < 8 && hour >= 22) || (d > 0 && hour < 6) }
    }

    /// 07:00–15:00 every day of the week: the longest rest is 16 h unless a day is left off.
    func testThirtySixHoursOfWeeklyRest() throws {
        var rules = WorkingTimeRules()
        rules.weeklyRestSeconds = 36 * 3600
        try assertKept(
            "weekly_rest_hours", rules: rules, days: 7, templates: [Self.template("day", hours: 8, start: 7)]
        ) { _, hour in (7..<15).contains(hour) }
    }

    /// Work is wanted on both Sundays of two weeks; one must stay free.
    func testAFreeSunday() throws {
        var rules = WorkingTimeRules()
        rules.minFreeSundays = 1
        try assertKept(
            "min_free_sundays", rules: rules, days: 14, templates: [Self.template("day", hours: 8, start: 9)]
        ) { d, hour in d % 7 == 6 && (9..<17).contains(hour) }
    }

    /// A Saturday night runs into Sunday: that Sunday is not free (Friday's night is worked instead).
    func testASaturdayNightWorksSunday() throws {
        var rules = WorkingTimeRules()
        rules.minFreeSundays = 1
        try assertKept(
            "min_free_sundays", rules: rules, days: 7, templates: [Self.template("night", hours: 8, start: 22)],
            agent: Self.agent(earliest: 22, latest: 6)
        ) { d, hour in [4, 5].contains(d) && hour >= 22 || [5, 6].contains(d) && hour < 6 }
    }

    /// The previous roster's three nights carry into the period: their series ended Sunday 07:00,
    /// so Monday's night (39 h later) is too early and Tuesday's (63 h) is not.
    func testANightSeriesCarriesIntoThePeriod() throws {
        let monday = RosterSolverTests.monday
        let midnight = Int64(monday.daysSinceEpoch) * 86_400
        var previous = PreviousShift(agent: "A", end: midnight + 7 * 3600 - 86_400, daysInARow: 3)
        previous.start = previous.end - 9 * 3600
        previous.night = true
        previous.endsLate = true
        previous.nightsInARow = 3
        previous.runHasNight = true
        var rules = WorkingTimeRules()
        rules.restAfterNightSeriesSeconds = 46 * 3600
        let roster = try Self.roster(
            days: 3, templates: [Self.template("night", hours: 9, start: 22)],
            agent: Self.agent(earliest: 22, latest: 7), rules: rules, previous: [previous]
        ) { _, hour in hour >= 22 || hour < 7 }
        // Sunday 07:00 + 46 h = Tuesday 05:00: Monday's night (22:00) is too early, Tuesday's is fine.
        XCTAssertEqual(roster.shifts.map(\.date), [monday.adding(days: 1), monday.adding(days: 2)])
        XCTAssertTrue(roster.uncovered.contains { $0.cause.contains("rest_after_night_series_hours") })
    }
}
