import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

final class DoubleSeasonalHoltWintersTests: XCTestCase {
    /// 24/7 half-hours: a daily cycle, a weekday/weekend difference and a Monday morning peak
    /// (a weekly pattern the daily cycle cannot carry), Poisson noise.
    func doubleSeasonal(days: Int) -> SyntheticChannel {
        SyntheticChannel(firstDay: CivilDate(year: 2025, month: 1, day: 6)!, days: days) { local, _ in
            let hour = Double(local.secondsOfDay) / 3600
            var value = 30 + 120 * exp(-pow((hour - 11) / 3, 2))
            if local.weekday >= 6 { value *= 0.6 }
            if local.weekday == 1 { value += 80 * exp(-pow((hour - 9) / 1.5, 2)) }
            return value
        }
    }

    /// The one-step error of the fit is at the Poisson noise level (√λ on average), and next
    /// week's forecast follows the planted shape (including the Monday peak), even with a
    /// whole day of the history absent.
    func testFitsAtTheNoiseLevelAndFollowsThePlantedShape() throws {
        let channel = doubleSeasonal(days: 70)
        var series = channel.series(seed: 17)
        let absentDay = series.start + 40 * 86_400
        for k in 0..<48 { series.contacts[series.index(of: absentDay + Int64(k) * 1800)!] = nil }
        let input = ForecastInput(series: series, calendar: .utc)
        XCTAssertEqual(input.openingHours.openSlotCount, 7 * 48)
        let fitted = try XCTUnwrap(
            try DoubleSeasonalHoltWintersModel().fit(input) as? DoubleSeasonalHoltWintersModel.Fitted)
        let instants = (0..<series.count).map { series.instant(at: $0) }
        let truth = channel.truth(at: instants)
        let noise = (truth.reduce(0, +) / Double(truth.count)).squareRoot()
        XCTAssertLessThan(fitted.oneStepRMSE, 1.15 * noise, "parameters \(fitted.parameters)")
        XCTAssertGreaterThan(fitted.oneStepRMSE, 0.85 * noise, "cannot beat the noise")
        XCTAssert(fitted.parameters.allSatisfy { (0...1).contains($0) })

        let future = ForecastHorizon.instants(
            origin: series.end, horizonSeconds: 604_800, intervalSeconds: 1800,
            openingHours: input.openingHours, calendar: .utc)
        let forecast = fitted.pointForecast(at: future)
        XCTAssertLessThan(wapeByHand(forecast, channel.truth(at: future)), 0.06)
        // Monday 09:00 carries the weekly peak; Tuesday 09:00 does not.
        let monday9 = try XCTUnwrap(future.firstIndex(of: series.end + 9 * 3600))
        let tuesday9 = try XCTUnwrap(future.firstIndex(of: series.end + 86_400 + 9 * 3600))
        assertClose(forecast[monday9], channel.truth(at: [future[monday9]])[0], relative: 0.08)
        XCTAssertGreaterThan(forecast[monday9], forecast[tuesday9] + 50)
    }

    /// Weekdays 08–18 only (no Saturday): the sequence skips nights and weekends; periods 20 and 100.
    func testOfficeHoursSequence() throws {
        let channel = SyntheticChannel(firstDay: CivilDate(year: 2025, month: 1, day: 6)!, days: 56) { local, _ in
            let hour = Double(local.secondsOfDay) / 3600
            guard local.weekday <= 5, (8.0..<18.0).contains(hour) else { return 0 }
            return 200 * [1.3, 1.1, 1.0, 1.0, 0.9][local.weekday - 1] * (0.6 + 0.8 * exp(-pow((hour - 10.5) / 2.5, 2)))
        }
        let series = channel.series(seed: 2)
        let input = ForecastInput(series: series, calendar: .utc)
        let fitted = try XCTUnwrap(
            try DoubleSeasonalHoltWintersModel().fit(input) as? DoubleSeasonalHoltWintersModel.Fitted)
        XCTAssertEqual(fitted.grid.m1, 20)
        XCTAssertEqual(fitted.grid.m2, 100)
        let future = ForecastHorizon.instants(
            origin: series.end, horizonSeconds: 604_800, intervalSeconds: 1800,
            openingHours: input.openingHours, calendar: .utc)
        XCTAssertEqual(future.count, 100)
        XCTAssertLessThan(wapeByHand(fitted.pointForecast(at: future), channel.truth(at: future)), 0.05)
        // Saturday noon is closed.
        XCTAssertEqual(fitted.pointForecast(at: [series.end + 5 * 86_400 + 12 * 3600]), [0])
    }

    /// Irregular opening hours (Saturday 09–13 beside weekdays 08–18) and a short history: the
    /// model steps aside with a note.
    func testStepsAside() throws {
        let office = officeChannel(days: 56).series(seed: 3)
        XCTAssertThrowsError(try DoubleSeasonalHoltWintersModel().fit(ForecastInput(series: office, calendar: .utc))) {
            error in
            guard case ForecastingError.insufficientHistory(_, let message) = error else { return XCTFail("\(error)") }
            XCTAssert(message.contains("same open slots"), message)
        }
        let short = doubleSeasonal(days: 20).series(seed: 3)
        XCTAssertThrowsError(try DoubleSeasonalHoltWintersModel().fit(ForecastInput(series: short, calendar: .utc))) {
            error in
            guard case ForecastingError.insufficientHistory(_, let message) = error else { return XCTFail("\(error)") }
            XCTAssert(message.contains("weeks"), message)
        }
    }
}

final class CombinationModelTests: XCTestCase {
    /// The combination is the mean of its members, so between the lowest and the highest at
    /// every instant (and not equal to any one member everywhere).
    func testLiesBetweenItsMembers() throws {
        let channel = officeChannel(days: 84, base: 300, growth: 0.01)
        let series = channel.series(seed: 13)
        let input = ForecastInput(series: series, calendar: .utc)
        let future = ForecastHorizon.instants(
            origin: series.end, horizonSeconds: 604_800, intervalSeconds: 1800,
            openingHours: input.openingHours, calendar: .utc)
        let models: [any ForecastModel] = [CalendarRegressionModel(), TopDownModel(), WeeklyAverageModel(weeks: 6)]
        var members: [[Double]] = []
        for model in models { members.append(try model.fit(input).pointForecast(at: future)) }
        let combined = try CombinationModel().fit(input).pointForecast(at: future)
        XCTAssertEqual(combined.count, future.count)
        for k in future.indices {
            let values = members.map { $0[k] }
            XCTAssertGreaterThanOrEqual(combined[k], values.min()! - 1e-9)
            XCTAssertLessThanOrEqual(combined[k], values.max()! + 1e-9)
            assertClose(combined[k], values.reduce(0, +) / 3, relative: 1e-12)
        }
        for member in members { XCTAssertNotEqual(member, combined) }
        XCTAssertLessThan(wapeByHand(combined, channel.truth(at: future)), 0.05)
    }

    /// A member that cannot fit (double-seasonal Holt-Winters on irregular hours) steps aside.
    func testMemberThatCannotFitStepsAside() throws {
        let series = officeChannel(days: 56).series(seed: 4)
        let input = ForecastInput(series: series, calendar: .utc)
        let future = ForecastHorizon.instants(
            origin: series.end, horizonSeconds: 604_800, intervalSeconds: 1800,
            openingHours: input.openingHours, calendar: .utc)
        let combined = try CombinationModel(members: [DoubleSeasonalHoltWintersModel(), TopDownModel()]).fit(input)
        XCTAssertEqual(combined.pointForecast(at: future), try TopDownModel().fit(input).pointForecast(at: future))
        XCTAssertThrowsError(try CombinationModel(members: [DoubleSeasonalHoltWintersModel()]).fit(input))
    }

    func testNewModelNames() throws {
        for name in ["topdown", "dshw", "combo"] {
            XCTAssertEqual(try AutoForecaster.model(named: name).name, name)
            XCTAssert(AutoForecaster.knownModelNames.contains(name))
        }
    }
}
