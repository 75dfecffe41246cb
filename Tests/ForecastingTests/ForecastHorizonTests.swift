import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

final class ForecastHorizonTests: XCTestCase {
    let amsterdam = try! PlanningCalendar(identifier: "Europe/Amsterdam")

    /// Half-hours of each local date in a week-long horizon from local Monday midnight, counted
    /// with PlanningCalendar.local (not the forecasting module's clock cache).
    private func halfHoursPerDay(week monday: CivilDate) -> [CivilDate: Int] {
        let origin = amsterdam.startOfDay(monday)
        let instants = ForecastHorizon.instants(
            origin: origin, horizonSeconds: 9 * 86_400,
            intervalSeconds: 1800, openingHours: .always(intervalSeconds: 1800),
            calendar: amsterdam)
        var perDay: [CivilDate: Int] = [:]
        for instant in instants { perDay[amsterdam.local(instant).date, default: 0] += 1 }
        XCTAssertEqual(instants.first, origin)
        XCTAssert(zip(instants, instants.dropFirst()).allSatisfy { $1 - $0 == 1800 }, "steps in absolute time")
        return perDay
    }

    func testFallBackDayHasFiftyHalfHours() {
        let perDay = halfHoursPerDay(week: CivilDate(year: 2025, month: 10, day: 20)!)
        XCTAssertEqual(perDay[CivilDate(year: 2025, month: 10, day: 26)!], 50)
        XCTAssertEqual(perDay[CivilDate(year: 2025, month: 10, day: 25)!], 48)
        XCTAssertEqual(perDay[CivilDate(year: 2025, month: 10, day: 27)!], 48)
    }

    func testSpringForwardDayHasFortySixHalfHours() {
        let perDay = halfHoursPerDay(week: CivilDate(year: 2025, month: 3, day: 24)!)
        XCTAssertEqual(perDay[CivilDate(year: 2025, month: 3, day: 30)!], 46)
        XCTAssertEqual(perDay[CivilDate(year: 2025, month: 3, day: 29)!], 48)
        XCTAssertEqual(perDay[CivilDate(year: 2025, month: 3, day: 31)!], 48)
    }

    /// A horizon of one local day on a 25-hour day is 90,000 s: exactly its 50 half-hours.
    func testOneLocalDayHorizon() {
        let day = CivilDate(year: 2025, month: 10, day: 26)!
        let instants = ForecastHorizon.instants(
            origin: amsterdam.startOfDay(day), horizonSeconds: amsterdam.lengthOfDay(day),
            intervalSeconds: 1800, openingHours: .always(intervalSeconds: 1800),
            calendar: amsterdam)
        XCTAssertEqual(instants.count, 50)
        XCTAssert(instants.allSatisfy { amsterdam.local($0).date == day })
    }

    /// Closed slots are left out: weekdays 07:00–21:00 give 5 × 28 half-hours in a week; a
    /// horizon that is not a whole number of intervals drops the partial one; the origin's own
    /// interval is the first.
    func testOpeningHoursAndPartialIntervals() {
        let open = (0..<(7 * 48)).map { slot in slot / 48 < 5 && (14..<42).contains(slot % 48) }
        let hours = OpeningHours(intervalSeconds: 1800, open: open)
        let monday = Int64(CivilDate(year: 2003, month: 9, day: 1)!.daysSinceEpoch) * 86_400
        let week = ForecastHorizon.instants(
            origin: monday, horizonSeconds: 604_800, intervalSeconds: 1800,
            openingHours: hours, calendar: .utc)
        XCTAssertEqual(week.count, 140)
        XCTAssertEqual(week.first, monday + 7 * 3600)
        XCTAssertEqual(week.last, monday + 4 * 86_400 + 20 * 3600 + 1800)

        let sevenAM = monday + 7 * 3600
        let partial = ForecastHorizon.instants(
            origin: sevenAM, horizonSeconds: 3 * 3600 + 600, intervalSeconds: 1800,
            openingHours: hours, calendar: .utc)
        XCTAssertEqual(partial, (0..<6).map { sevenAM + Int64($0) * 1800 })
        XCTAssertEqual(
            ForecastHorizon.instants(
                origin: sevenAM, horizonSeconds: 0, intervalSeconds: 1800,
                openingHours: hours, calendar: .utc), [])
    }
}
