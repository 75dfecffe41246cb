import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Issue 3 item 6: the calendar regression follows a level shift within a few weeks and is not
/// pulled up by a glitch day.
final class CalendarRegressionRobustnessTests: XCTestCase {
    /// Total of `values` over the instants falling on local `weekday` (1 = Monday).
    private func dayTotal(_ instants: [Int64], _ values: [Double], weekday: Int) -> Double {
        zip(instants, values).filter { LocalDateTime(utcSeconds: $0.0).weekday == weekday }.reduce(0) { $0 + $1.1 }
    }

    /// A chatbot launched four weeks before the end of a 20-week history takes 12 % of the
    /// volume: next week's forecast is within 4 % of the new level and clearly below the old one.
    func testFollowsA12PercentLevelShiftWithinFourWeeks() throws {
        let office = officeChannel(days: 20 * 7, base: 400, growth: 0)
        let shiftDay = office.firstDay.adding(days: 16 * 7)  // a Monday, 28 days before the end
        let shift = office.calendar.startOfDay(shiftDay)
        var channel = office
        channel.expected = { local, weeks in
            office.expected(local, weeks) * (local.date >= shiftDay ? 0.88 : 1)
        }
        let series = channel.series(seed: 21)
        XCTAssertEqual(series.end - shift, 28 * 86_400)
        let input = ForecastInput(series: series, calendar: .utc)
        let fitted = try CalendarRegressionModel().fit(input)
        for week in 0..<2 {
            let future = ForecastHorizon.instants(
                origin: series.end + Int64(week) * 604_800, horizonSeconds: 604_800,
                intervalSeconds: 1800, openingHours: input.openingHours, calendar: .utc)
            let forecast = fitted.pointForecast(at: future).reduce(0, +)
            let newLevel = channel.truth(at: future).reduce(0, +)
            let oldLevel = office.truth(at: future).reduce(0, +)
            assertClose(forecast, newLevel, relative: 0.04)
            XCTAssertLessThan(forecast, 0.95 * oldLevel, "week \(week + 1) must be clearly below the old level")
        }
    }

    /// One Wednesday at 10× its usual volume two weeks before the end: the robust fit's next two
    /// weeks stay within 5 % of the truth (in total and on Wednesday), and closer than the same
    /// model without robust re-weighting, which the glitch pulls up.
    func testAGlitchDayAtTenTimesIsDownWeighted() throws {
        let office = officeChannel(days: 12 * 7, base: 400, growth: 0)
        let glitch = office.firstDay.adding(days: 10 * 7 + 2)  // a Wednesday
        XCTAssertEqual(glitch.weekday, 3)
        var channel = office
        channel.expected = { local, weeks in office.expected(local, weeks) * (local.date == glitch ? 10 : 1) }
        let series = channel.series(seed: 8)
        let input = ForecastInput(series: series, calendar: .utc)
        let future = ForecastHorizon.instants(
            origin: series.end, horizonSeconds: 2 * 604_800, intervalSeconds: 1800,
            openingHours: input.openingHours, calendar: .utc)
        let truth = office.truth(at: future)
        let robust = try CalendarRegressionModel().fit(input).pointForecast(at: future)
        let plain = try CalendarRegressionModel(robust: false).fit(input).pointForecast(at: future)

        assertClose(robust.reduce(0, +), truth.reduce(0, +), relative: 0.05)
        let wednesday = dayTotal(future, truth, weekday: 3)
        assertClose(dayTotal(future, robust, weekday: 3), wednesday, relative: 0.05)
        let robustError = abs(dayTotal(future, robust, weekday: 3) / wednesday - 1)
        let plainError = abs(dayTotal(future, plain, weekday: 3) / wednesday - 1)
        XCTAssertGreaterThan(
            dayTotal(future, plain, weekday: 3), 1.1 * wednesday, "control: the glitch pulls Wednesday up")
        XCTAssertLessThan(robustError, plainError / 2)
        XCTAssertLessThan(
            abs(robust.reduce(0, +) / truth.reduce(0, +) - 1), abs(plain.reduce(0, +) / truth.reduce(0, +) - 1))
    }
}
