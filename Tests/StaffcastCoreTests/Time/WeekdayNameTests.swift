import XCTest

@testable import StaffcastCore

final class WeekdayNameTests: XCTestCase {
    func testNamesFollowTheISOWeekdayOfCivilDate() throws {
        // 2025-01-06 was a Monday.
        let monday = try XCTUnwrap(CivilDate(year: 2025, month: 1, day: 6))
        let names = (0..<7).map { WeekdayName.full(monday.adding(days: $0).weekday) }
        XCTAssertEqual(names, ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
        XCTAssertEqual((1...7).map(WeekdayName.short), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    }

    func testReadsANameOrItsStartOfThreeLettersInAnyCase() {
        XCTAssertEqual(WeekdayName.parse("Mon"), 1)
        XCTAssertEqual(WeekdayName.parse("monday"), 1)
        XCTAssertEqual(WeekdayName.parse("THU"), 4)
        XCTAssertEqual(WeekdayName.parse("Thurs"), 4)
        XCTAssertEqual(WeekdayName.parse("sun"), 7)
    }

    func testRefusesWhatIsNoWeekday() {
        for text in ["Mo", "Monkey", " Mon", "Mon ", "", "Sundays", "xyz"] {
            XCTAssertNil(WeekdayName.parse(text), text)
        }
    }
}
