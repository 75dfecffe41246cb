import XCTest

@testable import StaffcastCore

final class PlanningCalendarTests: XCTestCase {
    let amsterdam = try! PlanningCalendar(identifier: "Europe/Amsterdam")

    func testDSTDayLengths() {
        // EU summer time 2025: starts Sunday 30 March, ends Sunday 26 October.
        XCTAssertEqual(amsterdam.lengthOfDay(CivilDate(year: 2025, month: 3, day: 30)!), 23 * 3600)
        XCTAssertEqual(amsterdam.lengthOfDay(CivilDate(year: 2025, month: 10, day: 26)!), 25 * 3600)
        XCTAssertEqual(amsterdam.lengthOfDay(CivilDate(year: 2025, month: 10, day: 27)!), 24 * 3600)
    }

    func testAmbiguousAndNonexistentLocalTimes() {
        let fallBack = LocalDateTime(date: CivilDate(year: 2025, month: 10, day: 26)!, secondsOfDay: 2 * 3600 + 15 * 60)
        let both = amsterdam.instants(for: fallBack)
        XCTAssertEqual(both.count, 2)
        XCTAssertEqual(amsterdam.format(both[0]), "2025-10-26T02:15:00+02:00")
        XCTAssertEqual(amsterdam.format(both[1]), "2025-10-26T02:15:00+01:00")
        let gap = LocalDateTime(date: CivilDate(year: 2025, month: 3, day: 30)!, secondsOfDay: 2 * 3600 + 30 * 60)
        XCTAssertEqual(amsterdam.instants(for: gap), [])
    }

    func testUnknownZoneIsRejected() {
        XCTAssertThrowsError(try PlanningCalendar(identifier: "Mars/Olympus_Mons"))
        XCTAssertThrowsError(try PlanningCalendar(identifier: "EST5"))
        XCTAssertEqual(PlanningCalendar.utc.format(0), "1970-01-01T00:00:00Z")
    }

    func testZoneNamesMissingFromICUButInTheTzDatabase() throws {
        // ICU lists Asia/Calcutta only; Asia/Kolkata is the tz database's current name.
        let kolkata = try PlanningCalendar(identifier: "Asia/Kolkata")
        XCTAssertEqual(kolkata.utcOffset(at: 0), 19_800)
        XCTAssertThrowsError(try PlanningCalendar(identifier: "EST"))
        XCTAssertThrowsError(try PlanningCalendar(identifier: "posix/Europe/Amsterdam"))
        XCTAssertThrowsError(try PlanningCalendar(identifier: "Europe/../Europe/Amsterdam"))
        XCTAssertThrowsError(try PlanningCalendar(identifier: "Europe"))
        XCTAssertEqual(PlanningCalendar.utc.identifier, "UTC")
        XCTAssertEqual(try PlanningCalendar(identifier: "GMT"), PlanningCalendar.utc)
    }
}
