import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

final class AutoForecasterTests: XCTestCase {
    func testForecastIsWellFormedAndCoversOnlyOpenSlots() throws {
        let channel = officeChannel(days: 84, base: 200)
        let series = channel.series(seed: 21)
        let input = ForecastInput(series: series, calendar: .utc)
        let (forecast, scores) = try AutoForecaster().forecast(input, origin: series.end, horizonSeconds: 604_800)
        XCTAssertEqual(forecast.channel, "synthetic")
        XCTAssertEqual(
            forecast.instants,
            ForecastHorizon.instants(
                origin: series.end, horizonSeconds: 604_800, intervalSeconds: 1800,
                openingHours: input.openingHours, calendar: .utc))
        XCTAssertEqual(forecast.instants.count, 108)
        XCTAssert(forecast.instants.allSatisfy { channel.truth(at: [$0])[0] > 0 }, "only open slots are output")
        assertWellFormed(forecast)
        // Every model, then the combinations of the best three (pairs and the triple).
        XCTAssertEqual(Array(scores.map(\.model).prefix(5)), ["snaive", "wavg6", "regression", "topdown", "dshw"])
        XCTAssertEqual(scores.count, 5 + 4)
        XCTAssert(scores.dropFirst(5).allSatisfy { $0.model.hasPrefix("combo(") })
        // Holt-Winters steps aside (Saturdays open other hours than weekdays); the rest are scored.
        XCTAssertEqual(scores.map(\.origins), [4, 4, 4, 4, 0, 4, 4, 4, 4])
        // With trend and Poisson noise, a smooth model (or a combination) beats last week's values.
        XCTAssertNotEqual(forecast.model, "snaive")
        XCTAssertLessThan(scores[2].wape, scores[0].wape)
        // 80 % intervals hold about 80 % of what actually comes (a fresh draw of next week).
        let nextWeek = SyntheticChannel(firstDay: channel.firstDay, days: 91, expected: channel.expected).series(
            seed: 77)
        let actual = forecast.instants.map { nextWeek.contacts[nextWeek.index(of: $0)!]! }
        let inside80 = actual.indices.filter { forecast.lo80[$0] <= actual[$0] && actual[$0] <= forecast.hi80[$0] }
            .count
        let inside95 = actual.indices.filter { forecast.lo95[$0] <= actual[$0] && actual[$0] <= forecast.hi95[$0] }
            .count
        XCTAssertGreaterThan(Double(inside80) / Double(actual.count), 0.6)
        XCTAssertGreaterThan(Double(inside95) / Double(actual.count), 0.85)
        XCTAssertLessThan(Double(inside80) / Double(actual.count), 0.98, "intervals are not uselessly wide")
    }

    /// A level that doubled five weeks ago and a noiseless weekly pattern: last week's value is
    /// exact, the decayed regression still remembers the old level, so auto picks snaive.
    func testPicksTheModelWithTheLowestBacktestError() throws {
        var channel = officeChannel(days: 84, base: 100, growth: 0)
        let shape = channel.expected
        channel.expected = { local, weeks in shape(local, weeks) * (weeks >= 7 ? 2 : 1) }
        let series = channel.series(seed: 0, noise: false)
        let (forecast, scores) = try AutoForecaster(models: [SeasonalNaiveModel(), CalendarRegressionModel()])
            .forecast(ForecastInput(series: series, calendar: .utc), origin: series.end, horizonSeconds: 604_800)
        XCTAssertEqual(forecast.model, "snaive")
        XCTAssertEqual(scores[0].wape, 0, accuracy: 1e-12)
        XCTAssertGreaterThan(scores[1].wape, 0.01)
        let truth = channel.truth(at: forecast.instants)
        for (f, y) in zip(forecast.mean, truth) { assertClose(f, y, relative: 1e-12) }
    }

    /// An origin inside the history forecasts from the history before it only: the same answer
    /// as when the later history does not exist.
    func testEarlierOriginIgnoresLaterHistory() throws {
        let channel = officeChannel(days: 70)
        let series = channel.series(seed: 4)
        let hours = OpeningHours.learn(from: series, calendar: .utc)
        let origin = series.end - 14 * 86_400
        let auto = AutoForecaster(models: [CalendarRegressionModel()])
        let full = try auto.forecast(
            ForecastInput(series: series, calendar: .utc, openingHours: hours), origin: origin, horizonSeconds: 604_800)
        let cut = try auto.forecast(
            ForecastInput(series: series.truncated(before: origin), calendar: .utc, openingHours: hours),
            origin: origin, horizonSeconds: 604_800)
        XCTAssertEqual(full.forecast, cut.forecast)
        // An origin inside an interval moves to the next interval boundary.
        let inside = try auto.forecast(
            ForecastInput(series: series, calendar: .utc, openingHours: hours), origin: origin - 600,
            horizonSeconds: 604_800)
        XCTAssertEqual(inside.forecast.instants.first, full.forecast.instants.first)
    }

    /// A week and a half of history cannot be backtested at a one-week horizon with a one-week
    /// regression minimum: the forecast still comes, with the stated fallback intervals.
    func testShortHistoryStillForecasts() throws {
        let series = officeChannel(days: 10).series(seed: 8)
        let (forecast, scores) = try AutoForecaster().forecast(
            ForecastInput(series: series, calendar: .utc),
            origin: series.end, horizonSeconds: 604_800)
        assertWellFormed(forecast)
        XCTAssertFalse(forecast.mean.isEmpty)
        XCTAssertEqual(scores.first { $0.model == "regression" }?.origins, 0)
        XCTAssert(forecast.hi80.indices.allSatisfy { forecast.hi80[$0] > forecast.mean[$0] })
    }

    /// A 24/7 channel in Europe/Amsterdam forecast across the autumn change: the 25-hour day has
    /// 50 half-hours, both passes of 02:00–03:00 get the 02:00 profile, and the pattern stays on
    /// the local clock (09:00 after the change looks like 09:00 before it, not like 08:00).
    func testForecastAcrossDSTFollowsTheLocalClock() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        let channel = SyntheticChannel(
            calendar: amsterdam, intervalSeconds: 1800,
            firstDay: CivilDate(year: 2025, month: 8, day: 25)!, days: 56
        ) { local, _ in
            let hour = Double(local.secondsOfDay) / 3600
            return 40 + 200 * exp(-pow((hour - 9) / 1.5, 2)) + (local.weekday >= 6 ? 0 : 60)
        }
        let series = channel.series(seed: 31)
        let input = ForecastInput(series: series, calendar: amsterdam)
        XCTAssertEqual(input.openingHours.openSlotCount, 7 * 48)
        let (forecast, _) = try AutoForecaster().forecast(input, origin: series.end, horizonSeconds: 8 * 86_400 + 3600)
        assertWellFormed(forecast)
        XCTAssertEqual(series.end, amsterdam.startOfDay(CivilDate(year: 2025, month: 10, day: 20)!))
        XCTAssertEqual(forecast.instants.count, 8 * 48 + 2)
        let sunday = CivilDate(year: 2025, month: 10, day: 26)!
        let onSunday = forecast.instants.indices.filter { amsterdam.local(forecast.instants[$0]).date == sunday }
        XCTAssertEqual(onSunday.count, 50)
        let twoAM = onSunday.filter { amsterdam.local(forecast.instants[$0]).secondsOfDay == 7200 }
        XCTAssertEqual(twoAM.count, 2)
        assertClose(forecast.mean[twoAM[0]], forecast.mean[twoAM[1]], relative: 0.01)
        // Monday 27 October 09:00 (after the change) against the planted local-clock truth.
        let nine = try XCTUnwrap(
            amsterdam.instants(for: LocalDateTime(date: sunday.adding(days: 1), secondsOfDay: 9 * 3600)).first)
        let k = try XCTUnwrap(forecast.instants.firstIndex(of: nine))
        assertClose(forecast.mean[k], channel.truth(at: [nine])[0], relative: 0.08)
        XCTAssertGreaterThan(forecast.mean[k], forecast.mean[k - 2] * 1.1, "09:00 is the peak, 08:00 lower")
    }

    func testRefusals() throws {
        let series = officeChannel(days: 28).series(seed: 2)
        let input = ForecastInput(series: series, calendar: .utc)
        XCTAssertThrowsError(try AutoForecaster().forecast(input, origin: series.end, horizonSeconds: 600)) { error in
            guard case ForecastingError.invalidRequest = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try AutoForecaster().forecast(input, origin: series.start, horizonSeconds: 86_400)) {
            error in
            guard case ForecastingError.insufficientHistory = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try AutoForecaster(models: []).forecast(input, origin: series.end, horizonSeconds: 86_400))
    }

    func testModelNames() throws {
        XCTAssertEqual(try AutoForecaster.model(named: "snaive").name, "snaive")
        XCTAssertEqual(try AutoForecaster.model(named: "Regression").name, "regression")
        XCTAssertEqual(try AutoForecaster.model(named: "wavg4").name, "wavg4")
        XCTAssertEqual(AutoForecaster.defaultModels.map(\.name), ["snaive", "wavg6", "regression", "topdown", "dshw"])
        for bad in ["arima", "wavg0", "wavg", "wavg04", "auto"] {
            XCTAssertThrowsError(try AutoForecaster.model(named: bad)) { error in
                XCTAssertEqual(error as? ForecastingError, .unknownModel(bad))
            }
        }
        XCTAssertEqual(
            ForecastingError.unknownModel("arima").description,
            "unknown model 'arima': known models are snaive, regression, wavg6, topdown, dshw, combo and auto")
    }

    /// Issue 9: when two candidates' backtest errors are within noise of each other, `auto`
    /// takes the steadier one (``AutoForecaster/stability(_:_:)``); a candidate that beats it in
    /// every window by more than the noise is taken on its errors.
    func testPrefersTheSteadierModelWithinNoise() throws {
        // Synthetic windows: per-origin WAPEs of a leader and of a steadier model 0.1 point worse ± noise.
        func window(origin: Int64, wape: Double) -> BacktestWindow {
            BacktestWindow(origin: origin, forecasts: [1 + wape], actuals: [1], days: [0], fitSeconds: 0, originDay: 0)
        }
        let leader = [0.050, 0.070, 0.040, 0.060].enumerated().map {
            window(origin: Int64($0.offset), wape: $0.element)
        }
        let steady = [0.052, 0.066, 0.047, 0.059].enumerated().map {
            window(origin: Int64($0.offset), wape: $0.element)
        }
        // d = +0.002, −0.004, +0.007, −0.001: mean 0.001, standard error 0.0024 → within noise.
        XCTAssertEqual(
            AutoForecaster.Selection.rank([leader, steady], names: ["wavg6", "regression"], stability: [3, 5]).first, 1)
        // Worse by 0.02 in every window: a real difference, the leader stays.
        let worse = [0.070, 0.091, 0.059, 0.081].enumerated().map { window(origin: Int64($0.offset), wape: $0.element) }
        XCTAssertEqual(
            AutoForecaster.Selection.rank([leader, worse], names: ["wavg6", "regression"], stability: [3, 5]).first, 0)
        // A less stable candidate never takes over on noise.
        XCTAssertEqual(
            AutoForecaster.Selection.rank([leader, steady], names: ["wavg6", "snaive"], stability: [3, 0]).first, 0)
    }

    /// A combination is chosen when it wins: two models whose errors cancel (one 10 % high,
    /// the other 10 % low every week) average to the truth.
    func testCombinationWinsWhenItsMembersErrInOppositeWays() throws {
        var channel = officeChannel(days: 84, base: 200, growth: 0)
        let shape = channel.expected
        channel.expected = { local, weeks in shape(local, weeks) }
        let series = channel.series(seed: 0, noise: false)
        let input = ForecastInput(series: series, calendar: .utc)
        let high = ScaledModel(base: WeeklyAverageModel(weeks: 6), factor: 1.1, name: "high")
        let low = ScaledModel(base: WeeklyAverageModel(weeks: 6), factor: 0.9, name: "low")
        let flat = ScaledModel(base: WeeklyAverageModel(weeks: 6), factor: 1.3, name: "flat")
        let (forecast, scores) = try AutoForecaster(models: [high, low, flat]).forecast(
            input, origin: series.end, horizonSeconds: 604_800)
        XCTAssertEqual(forecast.model, "combo(high+low)")
        XCTAssertEqual(scores.first { $0.model == "combo(high+low)" }?.wape ?? 1, 0, accuracy: 1e-9)
        let truth = channel.truth(at: forecast.instants)
        for (f, y) in zip(forecast.mean, truth) { assertClose(f, y, relative: 1e-9) }
    }
}

/// A model whose forecasts are another model's times a factor (for the combination test).
struct ScaledModel: ForecastModel {
    let base: any ForecastModel
    let factor: Double
    let name: String

    func fit(_ input: ForecastInput) throws(ForecastingError) -> any FittedForecastModel {
        Fitted(base: try base.fit(input), factor: factor)
    }

    struct Fitted: FittedForecastModel {
        let base: any FittedForecastModel
        let factor: Double
        func pointForecast(at instants: [Int64]) -> [Double] { base.pointForecast(at: instants).map { $0 * factor } }
    }
}
