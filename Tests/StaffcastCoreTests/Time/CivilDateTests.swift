import XCTest

@testable import StaffcastCore

final class CivilDateTests: XCTestCase {
    func testRoundTripAndWeekday() {
        // 2003-09-01 was a Monday (Labor Day); 2000-02-29 existed, 1900-02-29 did not.
        let d = CivilDate(year: 2003, month: 9, day: 1)!
        XCTAssertEqual(d.weekday, 1)
        XCTAssertEqual(CivilDate(daysSinceEpoch: d.daysSinceEpoch), d)
        XCTAssertEqual(CivilDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch, 0)
        XCTAssertEqual(CivilDate(year: 1969, month: 12, day: 31)!.daysSinceEpoch, -1)
        XCTAssertNotNil(CivilDate(year: 2000, month: 2, day: 29))
        XCTAssertNil(CivilDate(year: 1900, month: 2, day: 29))
        XCTAssertNil(CivilDate(year: 2003, month: 13, day: 1))
    }

    func testISODateText() {
        XCTAssertEqual(CivilDate(iso: "2025-10-06"), CivilDate(year: 2025, month: 10, day: 6))
        XCTAssertEqual(CivilDate(iso: "2024-02-29"), CivilDate(year: 2024, month: 2, day: 29))
        for bad in [
            "2025-02-29", "2025-13-01", "2025-1-06", "25-10-06", "2025/10/06", "2025-10-06T00:00", "2025-+1-06",
            "２０２５-10-06", "",
        ] {
            XCTAssertNil(CivilDate(iso: bad), bad)
        }
    }

    func testISOWeeks() {
        // ISO 8601: 2003-W36 runs Monday 1 to Sunday 7 September; 2020 has 53 weeks, 2026 has 53.
        XCTAssertEqual(CivilDate.mondayOfISOWeek(year: 2003, week: 36), CivilDate(year: 2003, month: 9, day: 1))
        XCTAssertEqual(CivilDate(year: 2003, month: 9, day: 7)!.isoWeek.week, 36)
        XCTAssertEqual(CivilDate(year: 2021, month: 1, day: 3)!.isoWeek.year, 2020)
        XCTAssertEqual(CivilDate(year: 2021, month: 1, day: 3)!.isoWeek.week, 53)
        XCTAssertNotNil(CivilDate.mondayOfISOWeek(year: 2026, week: 53))
        XCTAssertNil(CivilDate.mondayOfISOWeek(year: 2025, week: 53))
    }
}
