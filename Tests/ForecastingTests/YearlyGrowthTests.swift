import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Issue 22: growth carried to the horizon. With a year of history the year's shape moves the
/// forecast as last year moved from the same date — growth included — and the recent trend,
/// fitted on top of it, is the departure from last year's path: damped hard (φ 0.5).
final class YearlyGrowthTests: XCTestCase {
    /// Two years growing 0.6 % a week (37 % a year): 17 weeks ahead the forecast holds the
    /// year's growth within 2 % (a model without growth would be 10 % short).
    func testSeventeenWeeksAheadHoldTheYearsGrowth() throws {
        let channel = officeChannel(days: 2 * 364 + 7, base: 300, growth: 0.006)
        let series = channel.series(seed: 4)
        let input = ForecastInput(series: series, calendar: .utc)
        func week(_ k: Int) -> [Int64] { openInstants(ofWeek: k, after: series, input) }
        let truth = channel.truth(at: week(17)).reduce(0, +)
        let fitted = try XCTUnwrap(try CalendarRegressionModel().fit(input) as? CalendarRegressionModel.Fitted)
        XCTAssertNotNil(fitted.yearShape)
        XCTAssertEqual(fitted.trendDamping, 0.5)
        XCTAssertEqual(fitted.pointForecast(at: week(17)).reduce(0, +) / truth, 1, accuracy: 0.02)
        XCTAssertLessThan(channel.truth(at: week(1)).reduce(0, +) / truth, 0.92, "the fixture grows")
        // Without a year's shape the trend is the only carrier of growth: damped at 0.9 as before.
        let short = ForecastInput(series: series.truncated(before: series.end - 400 * 86_400), calendar: .utc)
        let shortFit = try XCTUnwrap(try CalendarRegressionModel().fit(short) as? CalendarRegressionModel.Fitted)
        XCTAssertNil(shortFit.yearShape)
        XCTAssertEqual(shortFit.trendDamping, 0.9)
    }
}
