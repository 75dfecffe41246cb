import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

final class BacktestTests: XCTestCase {
    /// The backtest's WAPE, MASE and bias are recomputed here from the model and the series.
    func testScoresMatchAHandComputation() throws {
        let channel = officeChannel(days: 70, base: 150)
        let series = channel.series(seed: 12)
        let input = ForecastInput(series: series, calendar: .utc)
        let scores = Backtest.run(
            models: [SeasonalNaiveModel()], input: input, horizonSeconds: 604_800,
            origins: 3, everySeconds: 604_800)
        XCTAssertEqual(scores.count, 1)
        XCTAssertEqual(scores[0].origins, 3)

        var wapes: [Double] = []
        var mases: [Double] = []
        var biases: [Double] = []
        for k in 0..<3 {
            let origin = series.end - Int64(604_800 * (3 - k))
            let history = series.truncated(before: origin)
            let fitted = try SeasonalNaiveModel().fit(
                ForecastInput(series: history, calendar: .utc, openingHours: input.openingHours))
            let instants = (0..<336).map { origin + Int64($0) * 1800 }.filter { channel.truth(at: [$0])[0] > 0 }
            let forecast = fitted.pointForecast(at: instants)
            let actual = instants.map { series.contacts[series.index(of: $0)!]! }
            wapes.append(wapeByHand(forecast, actual))
            biases.append((forecast.reduce(0, +) - actual.reduce(0, +)) / actual.reduce(0, +))
            // The weekly naive's in-sample MAE: every open interval against 7 days earlier.
            var lagged: [Double] = []
            for i in 336..<history.count where channel.truth(at: [history.instant(at: i)])[0] > 0 {
                lagged.append(abs(history.contacts[i]! - history.contacts[i - 336]!))
            }
            let mae = zip(forecast, actual).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(actual.count)
            mases.append(mae / (lagged.reduce(0, +) / Double(lagged.count)))
        }
        assertClose(scores[0].wape, wapes.reduce(0, +) / 3, relative: 1e-12)
        assertClose(scores[0].mase, mases.reduce(0, +) / 3, relative: 1e-12)
        assertClose(scores[0].bias, biases.reduce(0, +) / 3, absolute: 1e-12)
        XCTAssert((0...1).contains(scores[0].coverage80) && scores[0].coverage80 <= scores[0].coverage95)
        XCTAssertGreaterThanOrEqual(scores[0].fitSeconds, 0)
    }

    /// Origins without history are skipped; a model that can never fit scores NaN on 0 origins.
    func testUnscorableOrigins() {
        // Ten days: the origin a week before the end has three days of history, the one two
        // weeks before none.
        let series = officeChannel(days: 10).series(seed: 2)
        let input = ForecastInput(series: series, calendar: .utc)
        let scores = Backtest.run(
            models: [SeasonalNaiveModel(), CalendarRegressionModel()], input: input,
            horizonSeconds: 604_800, origins: 3, everySeconds: 604_800)
        XCTAssertEqual(scores.map(\.origins), [1, 0])  // snaive needs a day, regression a week
        XCTAssert(scores[1].wape.isNaN)
    }
}

/// Issue 22: a capacity horizon's backtest windows are four weeks apart, so that their weekly
/// errors sample the forecast's level at origins months apart instead of once; a week's
/// forecast keeps windows one week apart.
final class BacktestSpacingTests: XCTestCase {
    func testLongHorizonsSpaceTheirOriginsFourWeeksApart() {
        let week: Int64 = 604_800
        let series = officeChannel(days: 420, base: 150).series(seed: 5)
        let input = ForecastInput(series: series, calendar: .utc)
        let origin = series.end
        for (weeks, spacing) in [(1, week), (4, week), (12, week), (13, 4 * week), (17, 4 * week), (26, 4 * week)] {
            var engine = BacktestEngine(input: input)
            let windows = engine.innerWindows(
                SeasonalNaiveModel(), index: 0, before: origin, horizonSeconds: weeks * 604_800, origins: 8)
            XCTAssertEqual(windows.count, 8, "\(weeks) weeks")
            XCTAssertEqual(windows.first?.origin, origin - Int64(weeks) * week, "\(weeks) weeks")
            for (a, b) in zip(windows, windows.dropFirst()) {
                XCTAssertEqual(a.origin - b.origin, spacing, "\(weeks) weeks")
            }
            XCTAssertEqual(Int64(AutoForecaster.backtestSpacing(horizonSeconds: weeks * 604_800)), spacing)
        }
    }
}
