import XCTest

@testable import Planning

/// The hiring plan checked by hand: every expected figure below is worked out in the comments.
final class HiringPlannerTests: XCTestCase {
    /// No attrition, 2 training weeks and one week at half output (full output 3 weeks after the
    /// start), 10 FTE today, required [10, 10, 10, 10, 12, 12, 15, 15, 15, 10].
    func testCohortsStartAsLateAsTrainingAndRampUpAllow() {
        var settings = CapacitySettings(headcount: ["phone": 10])
        settings.trainingWeeks = 2
        settings.rampUp = [0.5]
        let result = HiringPlanner.plan(
            required: [10, 10, 10, 10, 12, 12, 15, 15, 15, 10], headcount: 10, settings: settings)
        // Week 4 is short 2: 2 people starting in week 4 − 3 = 1. Week 6 is short 15 − 12 = 3:
        // 3 people starting in week 3.
        XCTAssertEqual(result.recommended.map(\.startWeek), [1, 3])
        XCTAssertEqual(result.recommended.map(\.count), [2, 3])
        XCTAssertEqual(result.recommended.map(\.forWeek), [4, 6])
        XCTAssertEqual(result.availableBefore, [Double](repeating: 10, count: 10))
        // Week 3: 10 + 2 × 0.5 = 11; week 4: 12; week 5: 12 + 3 × 0.5 (the week-3 cohort's half week) = 13.5; week 6 on: 15.
        XCTAssertEqual(result.availableAfter, [10, 10, 10, 11, 12, 13.5, 15, 15, 15, 15])
        XCTAssertEqual(result.tooLate, [])
    }

    /// The same plan with classes every 2 weeks: week 4's cohort starts in week 0 (the class
    /// before week 1), week 6's in week 2 (week 3 is not a class week).
    func testClassesStartOnlyEveryFewWeeks() {
        var settings = CapacitySettings(headcount: ["phone": 10])
        settings.trainingWeeks = 2
        settings.rampUp = [0.5]
        settings.hireEveryWeeks = 2
        let result = HiringPlanner.plan(
            required: [10, 10, 10, 10, 12, 12, 15, 15, 15, 10], headcount: 10, settings: settings)
        XCTAssertEqual(result.recommended.map(\.startWeek), [0, 2])
        XCTAssertEqual(result.recommended.map(\.count), [2, 3])
        // Week 2: 10 + 2 × 0.5 = 11; week 3: 12; week 4: 12 + 3 × 0.5 = 13.5; week 5 on: 15.
        XCTAssertEqual(result.availableAfter, [10, 10, 11, 12, 13.5, 15, 15, 15, 15, 15])
    }

    /// 10 % attrition a week, hires productive at once, 10 FTE required every week from 10 today.
    func testAttritionIsReplacedWeekByWeek() {
        var settings = CapacitySettings(headcount: ["chat": 10])
        settings.attritionPerWeek = 0.1
        let result = HiringPlanner.plan(required: [10, 10, 10], headcount: 10, settings: settings)
        // Week 1: 10 × 0.9 = 9, short 1 → 1 hire in week 1. Week 2: 10 × 0.81 + 1 × 0.9 = 9.0,
        // short 1 → 1 hire in week 2 (productive at once, none lost yet).
        XCTAssertEqual(result.recommended.map(\.startWeek), [1, 2])
        XCTAssertEqual(result.recommended.map(\.count), [1, 1])
        XCTAssertEqual(result.availableBefore[2], 8.1, accuracy: 1e-12)
        XCTAssertEqual(result.availableAfter[2], 10, accuracy: 1e-12)
    }

    /// A gap in the first weeks no hire reaches at full output is reported, not over-hired for.
    func testGapsBeforeAHireCanBeTrainedAreTooLate() {
        var settings = CapacitySettings(headcount: ["email": 8])
        settings.trainingWeeks = 2
        settings.rampUp = [0.5]
        settings.hireFTE = 0.8
        let result = HiringPlanner.plan(required: [10, 10, 10, 10], headcount: 8, settings: settings)
        // Week 3 is short 2 FTE: ⌈2 / 0.8⌉ = 3 people from week 0. Weeks 0–2 stay short (8, 8,
        // 8 + 3 × 0.8 × 0.5 = 9.2).
        XCTAssertEqual(result.recommended.map(\.startWeek), [0])
        XCTAssertEqual(result.recommended.map(\.count), [3])
        XCTAssertEqual(result.availableAfter[2], 9.2, accuracy: 1e-12)
        XCTAssertEqual(result.availableAfter[3], 10.4, accuracy: 1e-12)
        XCTAssertEqual(result.tooLate, [0, 1, 2])
    }

    /// Hires already decided count before any is recommended.
    func testPlannedHiresCount() {
        let settings = CapacitySettings(headcount: ["phone": 10])
        let planned = [HiringPlanner.Cohort(startWeek: 1, count: 2, forWeek: -1, planned: true)]
        let result = HiringPlanner.plan(required: [10, 12, 13], headcount: 10, settings: settings, planned: planned)
        XCTAssertEqual(result.availableBefore, [10, 12, 12])
        // Only week 2's last FTE is new: 1 person in week 2.
        XCTAssertEqual(result.recommended.map(\.startWeek), [2])
        XCTAssertEqual(result.recommended.map(\.count), [1])
    }

    func testProductivityFollowsTrainingAndRampUp() {
        var settings = CapacitySettings(headcount: [:])
        settings.trainingWeeks = 3
        settings.rampUp = [0.5, 0.75]
        XCTAssertEqual((0..<7).map { settings.productivity(weeksSinceStart: $0) }, [0, 0, 0, 0.5, 0.75, 1, 1])
        XCTAssertEqual(settings.weeksToFullOutput, 5)
    }

    /// Attrition of 99.9 % a week leaves (0.001)^52 ≈ 1e-156 of a cohort after a year of
    /// training: no count of hires closes the gap, and it is reported instead of overflowing.
    func testHopelessAttritionIsReportedNotCounted() {
        var settings = CapacitySettings(headcount: ["phone": 0])
        settings.attritionPerWeek = 0.999
        settings.trainingWeeks = 52
        settings.rampUp = [0.5]
        var required = [Double](repeating: 0, count: 60)
        required[55] = 10
        let result = HiringPlanner.plan(required: required, headcount: 0, settings: settings)
        XCTAssertEqual(result.recommended, [])
        XCTAssertEqual(result.tooLate, [55])
    }
}
