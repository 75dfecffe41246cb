import Planning
import StaffcastCore
import XCTest

final class PlanWeekTests: XCTestCase {
    func testParsesISOWeeksAndRejectsMissingOnes() {
        XCTAssertEqual(PlanWeek.parse("2003-W36")?.monday, CivilDate(year: 2003, month: 9, day: 1))
        XCTAssertEqual(PlanWeek.parse("2026-W53")?.monday, CivilDate(year: 2026, month: 12, day: 28))
        XCTAssertNil(PlanWeek.parse("2026-W54"))
        XCTAssertNil(PlanWeek.parse("2025-W53"))
        XCTAssertNil(PlanWeek.parse("2025-W00"))
        XCTAssertNil(PlanWeek.parse("next week"))
        XCTAssertEqual(PlanWeek.parse("2003-W36")?.next.label, "2003-W37")
        XCTAssertEqual(PlanWeek.parse("2026-W53")?.next.label, "2027-W01")
    }

    func testDSTWeekLength() throws {
        // The week of 2025-10-26 in Amsterdam has a 25-hour Sunday: 169 hours.
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        let week = PlanWeek(containing: CivilDate(year: 2025, month: 10, day: 26)!)
        XCTAssertEqual(week.end(in: amsterdam) - week.start(in: amsterdam), 169 * 3600)
    }

    func testServiceLevelText() throws {
        let parsed = try ServiceLevelText.parse("80/20")
        XCTAssertEqual(parsed.fraction, 0.8)
        XCTAssertEqual(parsed.seconds, 20)
        XCTAssertThrowsError(try ServiceLevelText.parse("0/20"))
        XCTAssertThrowsError(try ServiceLevelText.parse("80"))
        XCTAssertThrowsError(try ServiceLevelText.parse("80/x"))
    }

    func testDurations() {
        XCTAssertEqual(Durations.parse("90s"), 90)
        XCTAssertEqual(Durations.parse("30m"), 1800)
        XCTAssertEqual(Durations.parse("1.5h"), 5400)
        XCTAssertEqual(Durations.parse("2w"), 1_209_600)
        XCTAssertNil(Durations.parse("-1h"))
        XCTAssertNil(Durations.parse("1e300d"))
        XCTAssertNil(Durations.parse("0.1s"))
        XCTAssertEqual(Durations.format(1800), "30m")
    }
}

/// Planning weeks that start on another weekday than Monday.
final class WeekStartTests: XCTestCase {
    /// A Sunday–Thursday centre: on Saturday night `next` is the week starting the next morning.
    func testSundayWeeksPlanTomorrowFromSaturdayNight() throws {
        let saturday = CivilDate(year: 2025, month: 3, day: 8)!
        let next = PlanWeek(containing: saturday, firstWeekday: 7).next
        XCTAssertEqual(next.firstDate, CivilDate(year: 2025, month: 3, day: 9), "Sunday 9 March")
        XCTAssertEqual(next.label, "2025-W11", "named by the ISO week of its Monday, 10 March")
        XCTAssertEqual(next.dates.last, CivilDate(year: 2025, month: 3, day: 15))
        // The Sunday itself belongs to the week it starts.
        XCTAssertEqual(PlanWeek(containing: CivilDate(year: 2025, month: 3, day: 9)!, firstWeekday: 7), next)
        XCTAssertEqual(PlanWeek.parse("2025-W11", firstWeekday: 7)?.firstDate, CivilDate(year: 2025, month: 3, day: 9))
        // Monday weeks are the ISO weeks.
        XCTAssertEqual(PlanWeek(containing: saturday).next.firstDate, CivilDate(year: 2025, month: 3, day: 10))
    }

    func testEveryStartWeekdayCoversEachDateOnce() throws {
        for first in 1...7 {
            var seen: [CivilDate: String] = [:]
            var week = PlanWeek(containing: CivilDate(year: 2025, month: 12, day: 20)!, firstWeekday: first)
            for _ in 0..<4 {
                XCTAssertEqual(week.firstDate.weekday, first)
                for date in week.dates {
                    XCTAssertNil(seen[date], "\(date) twice for weekday \(first)")
                    seen[date] = week.label
                    XCTAssertEqual(
                        PlanWeek(containing: date, firstWeekday: first), week, "\(date) for weekday \(first)")
                }
                week = week.next
            }
        }
    }
}
