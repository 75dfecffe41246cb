import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Issue 9: with two years of history the calendar regression follows the year, so a forecast
/// eight weeks ahead lands on the season's level instead of carrying the recent level forward.
final class YearlyShapeTests: XCTestCase {
    /// Hourly, open every day 08:00–20:00, a planted yearly cycle of ±25 % (trough about 1 April,
    /// 1.0 on 1 July, peak about 30 September) and a +5 %/year trend; Poisson noise.
    func seasonalChannel() -> SyntheticChannel {
        var channel = SyntheticChannel(firstDay: CivilDate(year: 2023, month: 1, day: 2)!, days: 2 * 364 + 7 * 36) {
            _, _ in 0
        }
        channel.intervalSeconds = 3600
        channel.expected = { local, weeks in
            let hour = Double(local.secondsOfDay) / 3600
            guard (8.0..<20.0).contains(hour) else { return 0 }
            let doy = Double(
                local.date.daysSinceEpoch - CivilDate(year: local.date.year, month: 1, day: 1)!.daysSinceEpoch)
            let season = 1 + 0.25 * sin(2 * Double.pi * (doy - 182) / 365.25)
            let weekday = [1.2, 1.1, 1.0, 1.0, 0.95, 0.7, 0.6][local.weekday - 1]
            let profile = 1 + 0.5 * exp(-pow((hour - 11) / 2, 2))
            return 40 * weekday * profile * season * exp(0.05 * weeks / 52)
        }
        return channel
    }

    func testTwoYearsOfAPlantedYearlyShapeAreForecastEightWeeksAhead() throws {
        let channel = seasonalChannel()
        // Origin Monday 2025-06-30 (history: 2023-01-02 … 2025-06-29); 8 weeks ahead: July–August,
        // where the planted season climbs by about a quarter.
        let origin = channel.instants(fromDay: CivilDate(year: 2025, month: 6, day: 30)!, days: 1)[0]
        let series = channel.series(seed: 9).truncated(before: origin)
        let input = ForecastInput(series: series, calendar: .utc)
        let instants = Array(stride(from: origin, to: origin + 56 * 86_400, by: 3600))
        let truth = channel.truth(at: instants)
        // Weekly totals of the forecast against the planted expectation.
        func weekly(_ values: [Double]) -> [Double] {
            (0..<8).map { w in values[(w * 168)..<((w + 1) * 168)].reduce(0, +) }
        }
        let yearly = weekly(try CalendarRegressionModel().fit(input).pointForecast(at: instants))
        let flat = weekly(try CalendarRegressionModel(yearly: false).fit(input).pointForecast(at: instants))
        let expected = weekly(truth)
        XCTAssertGreaterThan(expected[7] / expected[0], 1.12, "the planted season climbs over the 8 weeks")
        for w in 0..<8 { assertClose(yearly[w], expected[w], relative: 0.06, "week \(w + 1)") }
        // In week 8 the year's shape is within 6 %; carrying the recent level forward is far off.
        XCTAssertGreaterThan(abs(flat[7] / expected[7] - 1), 0.10)
        XCTAssertLessThan(wapeByHand(yearly, expected), wapeByHand(flat, expected) / 2)
    }

    func testLessThanAYearHasNoYearlyTerm() throws {
        let channel = seasonalChannel()
        let origin = channel.instants(fromDay: CivilDate(year: 2023, month: 10, day: 2)!, days: 1)[0]
        let input = ForecastInput(series: channel.series(seed: 9).truncated(before: origin), calendar: .utc)
        let fitted = try XCTUnwrap(try CalendarRegressionModel().fit(input) as? CalendarRegressionModel.Fitted)
        XCTAssertNil(fitted.yearShape)
        let instants = Array(stride(from: origin, to: origin + 14 * 86_400, by: 3600))
        XCTAssertEqual(
            fitted.pointForecast(at: instants),
            try CalendarRegressionModel(yearly: false).fit(input).pointForecast(at: instants))
    }

    /// A year back is the same month and day; 29 February falls back to the 28th.
    func testYearsBackIsCalendarAligned() {
        XCTAssertEqual(
            YearlyShape.yearsBack(CivilDate(year: 2025, month: 11, day: 28)!, 1),
            CivilDate(year: 2024, month: 11, day: 28))
        XCTAssertEqual(
            YearlyShape.yearsBack(CivilDate(year: 2024, month: 2, day: 29)!, 1),
            CivilDate(year: 2023, month: 2, day: 28))
        XCTAssertEqual(
            YearlyShape.yearsBack(CivilDate(year: 2026, month: 3, day: 1)!, 2), CivilDate(year: 2024, month: 3, day: 1))
    }
}
