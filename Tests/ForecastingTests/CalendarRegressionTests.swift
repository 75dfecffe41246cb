import LinearAlgebra
import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

final class CalendarRegressionTests: XCTestCase {
    /// Twelve weeks of a planted weekday × intraday shape with 1 %/week growth and Poisson noise:
    /// next week's forecast matches the planted expectation.
    func testRecoversPlantedShapeAndTrend() throws {
        let channel = officeChannel(days: 84, base: 400, growth: 0.01)
        let series = channel.series(seed: 42)
        let input = ForecastInput(series: series, calendar: .utc)
        let fitted = try CalendarRegressionModel().fit(input)
        let future = ForecastHorizon.instants(
            origin: series.end, horizonSeconds: 604_800, intervalSeconds: 1800,
            openingHours: input.openingHours, calendar: .utc)
        XCTAssertEqual(future.count, 5 * 20 + 8, "weekdays 08–18 and Saturday 09–13")
        let forecast = fitted.pointForecast(at: future)
        let truth = channel.truth(at: future)
        XCTAssertLessThan(wapeByHand(forecast, truth), 0.03)
        // The weekly total (level and trend) within 1.5 %; the Monday/Friday ratio (1.3/0.9)
        // within 3 %; the Saturday level (0.5) within 4 %.
        assertClose(forecast.reduce(0, +), truth.reduce(0, +), relative: 0.015)
        func dayTotal(_ values: [Double], weekday: Int) -> Double {
            zip(future, values).filter { LocalDateTime(utcSeconds: $0.0).weekday == weekday }.reduce(0) { $0 + $1.1 }
        }
        assertClose(dayTotal(forecast, weekday: 1) / dayTotal(forecast, weekday: 5), 1.3 / 0.9, relative: 0.03)
        assertClose(dayTotal(forecast, weekday: 6) / dayTotal(truth, weekday: 6), 1, relative: 0.04)
        // The peak is the planted one (10:30 on the model's clock: the 10:00 or 10:30 slot).
        let monday = Array(forecast.prefix(20))
        let peak = try XCTUnwrap(monday.indices.max { monday[$0] < monday[$1] })
        XCTAssert([4, 5].contains(peak), "peak at slot \(peak)")
    }

    /// A trend the model must extrapolate: 3 %/week growth. Next week's total is right, and four
    /// weeks out the forecast has grown by the damped trend: φ = 0.9 gives Σφᵏ over the 3 weeks
    /// between the mid-points of week 1 and week 4 ≈ 2.32 weeks of growth, 1.03^2.32 ≈ 1.071
    /// (a model without trend would stay flat, 1.0; the undamped trend would give 1.093).
    func testFollowsGrowthWithADampedTrend() throws {
        let channel = officeChannel(days: 70, base: 500, growth: 0.03)
        let series = channel.series(seed: 3)
        let input = ForecastInput(series: series, calendar: .utc)
        func week(_ k: Int) -> [Int64] { openInstants(ofWeek: k, after: series, input) }
        let fitted = try CalendarRegressionModel().fit(input)
        let first = fitted.pointForecast(at: week(1)).reduce(0, +)
        let fourth = fitted.pointForecast(at: week(4)).reduce(0, +)
        assertClose(first, channel.truth(at: week(1)).reduce(0, +), relative: 0.015)
        assertClose(fourth / first, 1.071, absolute: 0.012)
    }

    /// Unknown intervals are left out of the fit, not read as zero: two recent Tuesdays absent
    /// do not pull Tuesday down. The control shows zeros would (without robust weights).
    func testUnknownIntervalsAreNotZero() throws {
        let channel = officeChannel(days: 56, base: 400, growth: 0)
        var series = channel.series(seed: 9)
        let tuesdays = [series.end - 6 * 86_400, series.end - 13 * 86_400]
        for day in tuesdays {
            for k in 0..<48 { series.contacts[series.index(of: day + Int64(k) * 1800)!] = nil }
        }
        let hours = OpeningHours.learn(from: channel.series(seed: 9), calendar: .utc)
        let nextTuesday = ForecastHorizon.instants(
            origin: series.end + 86_400, horizonSeconds: 86_400, intervalSeconds: 1800,
            openingHours: hours, calendar: .utc)
        let truth = channel.truth(at: nextTuesday).reduce(0, +)
        for model in [CalendarRegressionModel(), CalendarRegressionModel(robust: false)] {
            let fitted = try model.fit(ForecastInput(series: series, calendar: .utc, openingHours: hours))
            assertClose(fitted.pointForecast(at: nextTuesday).reduce(0, +), truth, relative: 0.03)
        }
        let zeroed = IntervalSeries(
            channel: "z", intervalSeconds: 1800, start: series.start, contacts: series.contacts.map { $0 ?? 0 })
        let wrong = try CalendarRegressionModel(robust: false).fit(
            ForecastInput(series: zeroed, calendar: .utc, openingHours: hours))
        XCTAssertLessThan(
            wrong.pointForecast(at: nextTuesday).reduce(0, +), 0.8 * truth, "control: zeros drag Tuesday down")
    }

    /// Closed slots forecast 0; nothing is negative even for a channel with many empty intervals.
    func testClosedSlotsZeroAndNeverNegative() throws {
        let channel = officeChannel(days: 28, base: 2, growth: -0.05)
        let series = channel.series(seed: 5)
        let input = ForecastInput(
            series: series, calendar: .utc,
            openingHours: OpeningHours.learn(from: channel.series(seed: 0, noise: false), calendar: .utc))
        let fitted = try CalendarRegressionModel().fit(input)
        let everything = Array(stride(from: series.end, to: series.end + 14 * 86_400, by: 1800))
        let forecast = fitted.pointForecast(at: everything)
        XCTAssert(forecast.allSatisfy { $0 >= 0 && $0.isFinite })
        let sundayNoon = series.end + 6 * 86_400 + 12 * 3600  // Sundays are closed
        let mondayThree = series.end + 3 * 3600
        XCTAssertEqual(fitted.pointForecast(at: [sundayNoon, mondayThree]), [0, 0])
        XCTAssertGreaterThan(fitted.pointForecast(at: [series.end + 10 * 3600])[0], 0)
    }

    func testRefusesLessThanAWeek() {
        let series = officeChannel(days: 5).series(seed: 1)
        XCTAssertThrowsError(try CalendarRegressionModel().fit(ForecastInput(series: series, calendar: .utc))) {
            error in
            guard case ForecastingError.insufficientHistory = error else { return XCTFail("\(error)") }
        }
    }

    /// The within-slot (Frisch–Waugh–Lovell) solve equals LAPACK on the full design: one dummy
    /// per slot of the week, the trend and the turn-of-month column, with the decay weights.
    func testWithinSlotSolveEqualsFullDesign() throws {
        // 6-hour intervals, 24/7, seven weeks across two month turns: 28 slots of the week.
        var rng = SeededGenerator(seed: 11)
        let firstDay = CivilDate(year: 2025, month: 1, day: 20)!
        let start = Int64(firstDay.daysSinceEpoch) * 86_400
        let count = 49 * 4
        var values: [Double?] = []
        for i in 0..<count {
            let shape = Double(50 + 30 * (i % 4) + 10 * (i / 4 % 7))
            let growth = 1 + 0.002 * Double(i)
            values.append(shape * growth + Double.random(in: 0...20, using: &rng))
        }
        let series = IntervalSeries(channel: "x", intervalSeconds: 21_600, start: start, contacts: values)
        let hours = OpeningHours.always(intervalSeconds: 21_600)
        let model = CalendarRegressionModel(halfLifeWeeks: 3, robust: false)
        let fitted = try XCTUnwrap(
            try model.fit(ForecastInput(series: series, calendar: .utc, openingHours: hours))
                as? CalendarRegressionModel.Fitted)
        XCTAssertNotEqual(fitted.trendPerWeek, 0)
        XCTAssertNotEqual(fitted.turnOfMonthEffect, 0)

        // The full design, built here from first principles.
        let instants = (0..<count).map { series.instant(at: $0) }
        let end = series.end
        var rows: [[Double]] = []
        for instant in instants {
            let local = LocalDateTime(utcSeconds: instant)
            var row = Array(repeating: 0.0, count: 30)
            row[(local.weekday - 1) * 4 + local.secondsOfDay / 21_600] = 1
            row[28] = Double(instant - end) / 604_800
            // 24/7: every weekday counts as a business day (open every day of the week).
            row[29] = isTurnOfMonth(local.date) ? 1 : 0
            rows.append(row)
        }
        func isTurnOfMonth(_ date: CivilDate) -> Bool {
            // All days are business days here: first 3 days of the month or the last day.
            date.day <= 3 || date.day == CivilDate.daysInMonth(year: date.year, month: date.month)
        }
        let weights = instants.map { exp2(-Double(end - $0) / 604_800 / 3) }
        let response = values.map { log($0! + 1) }
        let full = try LeastSquares.solve(try Matrix(rowMajor: rows), response, weights: weights)
        XCTAssertEqual(full.rank, 30)
        let fittedLinear = try Matrix(rowMajor: rows).multiplied(by: full.coefficients)
        let ours = fitted.linearPredictor(at: instants).map { $0 ?? .nan }
        let largestDifference = zip(ours, fittedLinear).map { abs($0 - $1) }.max() ?? .nan
        XCTAssertLessThan(largestDifference, 1e-9)
        assertClose(fitted.trendPerWeek, full.coefficients[28], absolute: 1e-9)
        assertClose(fitted.turnOfMonthEffect, full.coefficients[29], absolute: 1e-9)
    }
}
