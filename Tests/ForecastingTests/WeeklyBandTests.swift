import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Issue 22: the model `capacity` hires on is chosen on weekly totals at its horizon, and the
/// weekly range comes from the weekly backtest errors, not from summing interval bounds.
final class WeeklyBandTests: XCTestCase {
    /// A window of `weeks` weeks, one value a day: each day's forecast 100, the actual of week w
    /// `100 · exp(errors[w])`.
    func window(origin: Int64, errors: [Double], intervalError: Double = 0) -> BacktestWindow {
        var forecasts: [Double] = []
        var actuals: [Double] = []
        var days: [Int] = []
        for (week, r) in errors.enumerated() {
            for day in 0..<7 {
                // The days err in opposite directions in pairs (Sunday exact): weekly totals keep r.
                let wiggle = day == 6 ? 0 : (day % 2 == 0 ? intervalError : -intervalError)
                forecasts.append(100)
                actuals.append(100 * exp(r) * (1 + wiggle))
                days.append(1000 + week * 7 + day)
            }
        }
        return BacktestWindow(
            origin: origin, forecasts: forecasts, actuals: actuals, days: days, fitSeconds: 0, originDay: 1000)
    }

    func testWeeklyTotalsAndWAPEFromAWeek() {
        let w = window(origin: 0, errors: [0.5, log(1.1), log(0.8)])
        let totals = w.weeklyTotals()
        XCTAssertEqual(totals.count, 3)
        XCTAssertEqual(totals[1].forecast, 700, accuracy: 1e-9)
        XCTAssertEqual(totals[1].actual, 770, accuracy: 1e-9)
        // From the second week: |700 − 770| + |700 − 560| over 770 + 560.
        XCTAssertEqual(w.weeklyWAPE(fromWeek: 1) ?? .nan, (70 + 140) / (770 + 560), accuracy: 1e-12)
        XCTAssertNil(w.weeklyWAPE(fromWeek: 3))
    }

    /// Errors whose spread grows with the lead: the fitted band widens with it and holds about
    /// 80 % of the errors it was fitted on at every lead.
    func testBandGrowsWithTheLeadAndHoldsEightyPercent() {
        var windows: [BacktestWindow] = []
        var generator = Xoshiro256StarStar(seed: 7)
        for k in 0..<8 {
            let errors = (0..<17).map { w in
                0.02 * (1 + Double(w)).squareRoot() * generator.normal()
            }
            windows.append(window(origin: Int64(k), errors: errors))
        }
        let band = WeeklyBand.fit(windows)
        XCTAssertTrue(band.fromBacktest)
        XCTAssertEqual(band.samples, 8 * 17)
        XCTAssertGreaterThan(band.spread(leadWeek: 16), 2 * band.spread(leadWeek: 0))
        var inside = 0
        for w in windows {
            for (week, total) in w.weeklyTotals().enumerated() {
                let b = band.bounds(total.forecast, leadWeek: week)
                if b.lo80 <= total.actual && total.actual <= b.hi80 { inside += 1 }
            }
        }
        XCTAssertEqual(Double(inside) / Double(8 * 17), 0.8, accuracy: 0.03)
    }

    /// Interval noise that cancels within the week does not widen the weekly range (summing the
    /// interval bounds would).
    func testIntervalNoiseThatCancelsDoesNotWidenTheWeek() {
        let errors = [0.01, -0.02, 0.015, -0.01, 0.02, -0.015, 0.005, -0.005]
        let quiet = WeeklyBand.fit((0..<4).map { window(origin: Int64($0), errors: errors) })
        let noisy = WeeklyBand.fit((0..<4).map { window(origin: Int64($0), errors: errors, intervalError: 0.3) })
        XCTAssertEqual(quiet.spread(leadWeek: 4), noisy.spread(leadWeek: 4), accuracy: 1e-9)
        let b = quiet.bounds(1000, leadWeek: 4)
        XCTAssertLessThan(b.hi80, 1040)
        XCTAssertGreaterThan(b.lo80, 960)
    }

    func testTooFewWeeksFallBackToTheStatedAssumption() {
        let band = WeeklyBand.fit([window(origin: 0, errors: [0.1, -0.1, 0.05])])
        XCTAssertEqual(band, WeeklyBand.fallback)
        let b = band.bounds(1000, leadWeek: 3)
        XCTAssertEqual(b.hi80, 1000 * exp(1.2815515655446004 * 0.1), accuracy: 1e-9)
        XCTAssertEqual(b.lo95, 1000 * exp(-1.959963984540054 * 0.1), accuracy: 1e-9)
    }

    /// p80 from the 80 % range: the 90th percentile is `z80 · σ` up, so the 80th is
    /// `0.8416 / 1.2816` of that on the log scale; p50 is the forecast itself.
    func testQuantileFactor() {
        let band = WeeklyBand(variance: 0.0025, variancePerWeek: 0, z80: 1.5, z95: 2.5, fromBacktest: true, samples: 40)
        XCTAssertEqual(band.factor(normalQuantile: 0, leadWeek: 3), 1)
        XCTAssertEqual(
            band.factor(normalQuantile: 0.8416212335729143, leadWeek: 3),
            exp(0.8416212335729143 / 1.2815515655446004 * 1.5 * 0.05), accuracy: 1e-12)
        XCTAssertLessThan(
            band.factor(normalQuantile: 0.8416212335729143, leadWeek: 3), band.bounds(1, leadWeek: 3).hi80)
    }

    /// Scored on intervals a model with the right daily shape but a wrong level wins; scored on
    /// weekly totals, the one with the right level does.
    func testWeeklyScoringChoosesOnTheWeeksTotals() {
        // Four windows of 4 weeks; model 0: right shape, level 6 % low; model 1: level right,
        // shape wrong (±20 % on alternate days).
        func days(_ f: (Int) -> Double, origin: Int64) -> BacktestWindow {
            let n = 28
            return BacktestWindow(
                origin: origin, forecasts: (0..<n).map(f), actuals: (0..<n).map { $0 % 2 == 0 ? 150 : 50 },
                days: (0..<n).map { $0 }, fitSeconds: 0, originDay: 0)
        }
        let shape = (0..<4).map { days({ $0 % 2 == 0 ? 141 : 47 }, origin: Int64($0)) }
        let level = (0..<4).map { days({ $0 % 2 == 0 ? 120 : 80 }, origin: Int64($0)) }
        let names = ["wavg6", "regression"]
        XCTAssertEqual(
            AutoForecaster.Selection.rank([shape, level], names: names, stability: [0, 0], scoring: .intervals).first, 0
        )
        XCTAssertEqual(
            AutoForecaster.Selection.rank(
                [shape, level], names: names, stability: [0, 0], scoring: .weeklyTotals(fromWeek: 2)
            ).first, 1)
    }

    /// A combination that does not beat each of its members is not a candidate.
    func testACombinationMustBeatItsBestMember() {
        let scores: [[Int64: Double]] = [[0: 0.05, 1: 0.05], [0: 0.08, 1: 0.08], [0: 0.051, 1: 0.051], [0: 0.04]]
        let members = [[0], [1], [0, 1], [0, 1]]
        let kept = AutoForecaster.withoutWeakCombinations(scores, members: members)
        XCTAssertEqual(kept[0], scores[0])
        XCTAssertEqual(kept[2], [:])  // 5.1 % against its best member's 5.0 %
        XCTAssertEqual(kept[3], scores[3])
        let ranked = AutoForecaster.Selection.rank(
            scores: kept, names: ["a", "b", "combo(a+b)", "combo2(a+b)"], stability: [0, 0, 4, 4])
        XCTAssertEqual(ranked.first, 3)
        XCTAssertEqual(ranked.last, 2)
    }
}
