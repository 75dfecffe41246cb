import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// The real bank data (30-minute calls, March–August 2003): the calendar regression and the
/// auto forecaster must beat the weekly seasonal naive forecast out of sample.
final class BankFixtureTests: XCTestCase {
    func testRegressionAndAutoBeatSeasonalNaive() throws {
        let series = try loadBankFixture()
        XCTAssertEqual(series.knownCount, 126 * 28)
        // Origins: the ends of the last eight weeks before the final one (Fridays 21:00 UTC).
        let lastFriday = series.end  // 2003-08-29T21:00Z
        XCTAssertEqual(LocalDateTime(utcSeconds: lastFriday - 1).weekday, 5)
        var snaiveErrors: [Double] = []
        var regressionErrors: [Double] = []
        var autoErrors: [Double] = []
        var inside80 = 0
        var total = 0
        for week in 1...8 {
            let origin = lastFriday - Int64(week) * 604_800
            let input = ForecastInput(series: series.truncated(before: origin), calendar: .utc)
            let forecast = try AutoForecaster().forecast(input, origin: origin, horizonSeconds: 604_800).forecast
            let instants = forecast.instants.filter { series.index(of: $0).flatMap { series.contacts[$0] } != nil }
            XCTAssertGreaterThanOrEqual(instants.count, 4 * 28)
            let actual = instants.map { series.contacts[series.index(of: $0)!]! }
            let position = Dictionary(uniqueKeysWithValues: forecast.instants.enumerated().map { ($1, $0) })
            autoErrors.append(wapeByHand(instants.map { forecast.mean[position[$0]!] }, actual))
            snaiveErrors.append(wapeByHand(try SeasonalNaiveModel().fit(input).pointForecast(at: instants), actual))
            regressionErrors.append(
                wapeByHand(try CalendarRegressionModel().fit(input).pointForecast(at: instants), actual))
            for (k, instant) in instants.enumerated() {
                let p = position[instant]!
                if forecast.lo80[p] <= actual[k] && actual[k] <= forecast.hi80[p] { inside80 += 1 }
                total += 1
            }
            assertWellFormed(forecast)
        }
        let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) }
        XCTAssertLessThan(
            mean(regressionErrors), mean(snaiveErrors) - 0.01,
            "regression \(mean(regressionErrors)) vs snaive \(mean(snaiveErrors))")
        XCTAssertLessThan(
            mean(autoErrors), mean(snaiveErrors) - 0.01,
            "auto \(mean(autoErrors)) vs snaive \(mean(snaiveErrors))")
        let coverage = Double(inside80) / Double(total)
        XCTAssert((0.65...0.95).contains(coverage), "80 % interval coverage \(coverage)")
    }

    func testBacktestRanksRegressionFirst() throws {
        let input = ForecastInput(series: try loadBankFixture(), calendar: .utc)
        let scores = Backtest.run(
            models: [SeasonalNaiveModel(), CalendarRegressionModel()], input: input, horizonSeconds: 604_800,
            origins: 6, everySeconds: 604_800)
        XCTAssertEqual(scores.map(\.model), ["snaive", "regression"])
        XCTAssertEqual(scores.map(\.origins), [6, 6])
        XCTAssertLessThan(scores[1].wape, scores[0].wape)
        XCTAssertLessThan(scores[1].mase, scores[0].mase)
        XCTAssertLessThan(scores[1].wape, 0.08)
    }
}
