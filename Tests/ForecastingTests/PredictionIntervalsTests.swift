import Foundation
import TestSupport
import XCTest

@testable import Forecasting

final class PredictionIntervalsTests: XCTestCase {
    /// Two days whose errors are +0.1 and −0.1 on the log scale throughout (f + 1 = 1000):
    /// σ²_day = 0.01, no within-day spread beyond Poisson, every |z| = 0.1/√(0.01 + 0.001), so the
    /// bounds for the same forecast are exactly 1000·e^(±0.1) − 1 = 1104.17 and 903.84.
    func testDayLevelErrorsAreReproduced() {
        var samples: [ErrorSample] = []
        for (day, sign) in [(1, 1.0), (2, -1.0)] {
            for _ in 0..<20 {
                samples.append(
                    ErrorSample(day: DayKey(origin: 0, day: day), forecast: 999, actual: 1000 * exp(sign * 0.1) - 1))
            }
        }
        let calibration = IntervalCalibration.fit(samples)
        XCTAssertTrue(calibration.fromBacktest)
        assertClose(calibration.dayVariance, 0.01, relative: 1e-12)
        XCTAssertEqual(calibration.withinVariance, 0)
        assertClose(calibration.z80, 0.1 / (0.011).squareRoot(), relative: 1e-12)
        let bounds = calibration.bounds(999)
        assertClose(bounds.hi80, 1000 * exp(0.1) - 1, relative: 1e-12)
        assertClose(bounds.lo80, 1000 * exp(-0.1) - 1, relative: 1e-12)
        assertClose(bounds.hi95, bounds.hi80, relative: 1e-12)
    }

    /// Too few errors: Poisson plus an assumed 10 % daily-level uncertainty with normal quantiles;
    /// for a mean of 99, s = √(0.01 + 1/100) and hi80 = 100·e^(1.2815516·s) − 1.
    func testFallbackWithoutBacktest() {
        let calibration = IntervalCalibration.fit([ErrorSample(day: DayKey(origin: 0, day: 1), forecast: 5, actual: 6)])
        XCTAssertFalse(calibration.fromBacktest)
        let s = (0.02).squareRoot()
        let bounds = calibration.bounds(99)
        assertClose(bounds.hi80, 100 * exp(1.2815516 * s) - 1, relative: 1e-12)
        assertClose(bounds.lo95, 100 * exp(-1.9599640 * s) - 1, relative: 1e-12)
        // Near zero the lower bound is floored at 0 and the order holds.
        let small = calibration.bounds(0)
        XCTAssertEqual(small.lo95, 0)
        XCTAssertEqual(small.lo80, 0)
        XCTAssert(0 < small.hi80 && small.hi80 <= small.hi95)
    }

    func testQuantileIsType7() {
        XCTAssertEqual(Accuracy.quantile([4, 1, 3, 2], 0.5), 2.5)
        XCTAssertEqual(try XCTUnwrap(Accuracy.quantile([1, 2, 3, 4], 0.8)), 3.4, accuracy: 1e-12)
        XCTAssertEqual(Accuracy.quantile([7], 0.95), 7)
        XCTAssertNil(Accuracy.quantile([], 0.5))
    }

    func testAccuracyMeasures() {
        // f = (10, 20, 30), y = (12, 18, 30): |e| = 2, 2, 0; Σy = 60.
        let f: [Double] = [10, 20, 30]
        let y: [Double] = [12, 18, 30]
        XCTAssertEqual(Accuracy.wape(forecast: f, actual: y), 4.0 / 60)
        XCTAssertEqual(Accuracy.bias(forecast: f, actual: y), 0)
        XCTAssertEqual(
            try XCTUnwrap(Accuracy.rootMeanSquaredError(forecast: f, actual: y)), (8.0 / 3).squareRoot(),
            accuracy: 1e-12)
        XCTAssertEqual(Accuracy.coverage(actual: y, lower: [11, 19, 30], upper: [13, 21, 30]), 2.0 / 3)
        // Days: (10 + 20) vs (12 + 18) → 0; 30 vs 30 → 0; then a day 40 % high.
        XCTAssertEqual(
            Accuracy.dailyAbsolutePercentageError(forecast: f + [14], actual: y + [10], day: [1, 1, 2, 3]),
            (0 + 0 + 0.4) / 3)
        XCTAssertNil(Accuracy.wape(forecast: [1], actual: [0]))
    }
}
