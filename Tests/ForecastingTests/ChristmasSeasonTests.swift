import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Issue 22: Christmas and New Year by calendar date. A shop's last ordering day, its returns
/// and New Year's Eve fall on dates, whatever the weekday; the year's shape smooths them away and
/// the Christmas lead ramp is one slope, so each date of the season is a feature of its own.
final class ChristmasSeasonTests: XCTestCase {
    /// Planted every year: 22 December ×1.6, 29 December ×1.5, 30 December ×0.7; the NL
    /// holidays closed.
    func shop() throws -> (SyntheticChannel, [CalendarEvent]) {
        let events = try HolidayCalendar.events(countries: ["NL"], years: 2025...2026)
        let closed = Set(events.filter { $0.kind == .holiday }.map(\.date))
        let office = officeChannel(days: 693, growth: 0)
        var channel = office
        channel.expected = { local, weeks in
            if closed.contains(local.date) { return 0 }
            let factor: Double
            switch (local.date.month, local.date.day) {
            case (12, 22): factor = 1.6
            case (12, 29): factor = 1.5
            case (12, 30): factor = 0.7
            default: factor = 1
            }
            return office.expected(local, weeks) * factor
        }
        return (channel, events)
    }

    func testSeasonDaysAreTheirOwnDatesFromTenDecemberToNewYear() {
        let events = (try? HolidayCalendar.events(countries: ["NL"], years: 2026...2026)) ?? []
        let season = EventDays.christmasSeason(events)
        XCTAssertEqual(season.count, 23)  // 10–31 December and 1 January
        let day = { (y: Int, m: Int, d: Int) in CivilDate(year: y, month: m, day: d)!.daysSinceEpoch }
        XCTAssertEqual(season[day(2026, 12, 10)], "retail date: 12-10")
        XCTAssertEqual(season[day(2027, 1, 1)], "retail date: 01-01")
        XCTAssertNil(season[day(2026, 12, 9)])
        XCTAssertNil(season[day(2027, 1, 2)])
        XCTAssertTrue(EventDays.christmasSeason([]).isEmpty)
    }

    /// Learnt from one past December on other weekdays (2025: Monday 22, Monday 29, Tuesday 30),
    /// the 2026 forecast (Tuesday 22, Tuesday 29, Wednesday 30) carries each date's factor
    /// against the same weekday a week earlier.
    func testLastYearsDatesCarryOverToAnotherWeekday() throws {
        let (channel, events) = try shop()
        let series = channel.series(seed: 3)
        let input = ForecastInput(series: series, calendar: .utc, calendarEvents: events)
        let fitted = try CalendarRegressionModel().fit(input)
        func total(_ m: Int, _ d: Int) -> Double {
            fitted.pointForecast(at: channel.instants(fromDay: CivilDate(year: 2026, month: m, day: d)!, days: 1))
                .reduce(0, +)
        }
        XCTAssertEqual(total(12, 22) / total(12, 15), 1.6, accuracy: 0.12)
        XCTAssertEqual(total(12, 29) / total(12, 15), 1.5, accuracy: 0.12)
        XCTAssertEqual(total(12, 30) / total(12, 16), 0.7, accuracy: 0.07)
        XCTAssertEqual(total(12, 25), 0)
    }
}
