import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Issue 22: a holiday the history has not shown is uncertain, not certain. Forecast as a
/// normal day, its range is widened to what the history's holidays did.
final class UnseenHolidayRangeTests: XCTestCase {
    /// US holidays of January–June 2025 on weekdays: New Year's Day and Memorial Day closed,
    /// Martin Luther King Day ×0.5, Presidents' Day ×0.6, Juneteenth ×0.8; 4 July not in the
    /// history.
    func shop() throws -> (SyntheticChannel, [CalendarEvent]) {
        let events = try HolidayCalendar.events(countries: ["US"], years: 2025...2025)
        let office = officeChannel(days: 25 * 7, growth: 0)
        let factors: [CivilDate: Double] = [
            CivilDate(year: 2025, month: 1, day: 1)!: 0, CivilDate(year: 2025, month: 1, day: 20)!: 0.5,
            CivilDate(year: 2025, month: 2, day: 17)!: 0.6, CivilDate(year: 2025, month: 5, day: 26)!: 0,
            CivilDate(year: 2025, month: 6, day: 19)!: 0.8,
        ]
        var channel = office
        channel.expected = { local, weeks in office.expected(local, weeks) * (factors[local.date] ?? 1) }
        return (channel, events)
    }

    func testRatiosAreEachHolidayAgainstItsWeekdayBefore() throws {
        let (channel, events) = try shop()
        let input = ForecastInput(series: channel.series(seed: 1, noise: false), calendar: .utc, calendarEvents: events)
        let ratios = HolidayRatios(history: KnownHistory(input, openOnly: true), holidays: EventDays(input).holidayDays)
            .ratios
        // The history starts Monday 6 January: New Year's Day is before it, and Martin Luther
        // King Day has two Mondays before it, fewer than the three a ratio needs.
        XCTAssertEqual(ratios.count, 3, "\(ratios)")
        for (ratio, expected) in zip(ratios, [0, 0.6, 0.8]) { XCTAssertEqual(ratio, expected, accuracy: 1e-9) }
        let ranges = try XCTUnwrap(
            HolidayRatios(history: KnownHistory(input, openOnly: true), holidays: EventDays(input).holidayDays).ranges)
        XCTAssertEqual(ranges.lo80, 0.12, accuracy: 1e-9)  // type 7: h = 0.2, 0 + 0.2 · (0.6 − 0)
        XCTAssertEqual(ranges.hi80, 0.76, accuracy: 1e-9)  // h = 1.8: 0.6 + 0.8 · (0.8 − 0.6)
        XCTAssertEqual(ranges.lo95, 0.03, accuracy: 1e-9)  // h = 0.05
    }

    /// Friday 4 July is forecast as a normal Friday, its 80 % range reaching down to 0.12 of it
    /// (a normal Friday's range is a few percent); Thursday 3 July keeps its calibrated range.
    func testUnseenHolidaysRangeHoldsWhatPastHolidaysDid() throws {
        let (channel, events) = try shop()
        let series = channel.series(seed: 7)
        let input = ForecastInput(series: series, calendar: .utc, calendarEvents: events)
        let week = channel.instants(fromDay: CivilDate(year: 2025, month: 6, day: 30)!, days: 7)
        let forecast = try AutoForecaster(models: [CalendarRegressionModel()])
            .forecast(input, origin: week[0], horizonSeconds: 7 * 86_400).forecast
        func day(_ d: Int) -> (mean: Double, lo80: Double, hi80: Double, lo95: Double) {
            let date = CivilDate(year: 2025, month: 7, day: d)!
            let instants = Set(channel.instants(fromDay: date, days: 1))
            var sums = (0.0, 0.0, 0.0, 0.0)
            for k in forecast.instants.indices where instants.contains(forecast.instants[k]) {
                sums.0 += forecast.mean[k]
                sums.1 += forecast.lo80[k]
                sums.2 += forecast.hi80[k]
                sums.3 += forecast.lo95[k]
            }
            return sums
        }
        let july4 = day(4)
        let july3 = day(3)
        XCTAssertGreaterThan(july4.mean, 1000)
        XCTAssertEqual(july4.lo80 / july4.mean, 0.12, accuracy: 0.01)
        XCTAssertEqual(july4.lo95 / july4.mean, 0.03, accuracy: 0.01)
        XCTAssertGreaterThan(july4.hi80, july4.mean)
        XCTAssertGreaterThan(july3.lo80 / july3.mean, 0.6)
    }
}
