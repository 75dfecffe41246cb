import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

final class IntradayUpdateTests: XCTestCase {
    /// 28 half-hours 07:00–21:00 of 1,000 planned contacts each (28,000 a day, the bank's size).
    private let flat = [Double](repeating: 1000, count: 28)
    /// The bank's mean half-hour volumes 07:00–21:00 (Mar–Aug 2003, rounded to tens):
    /// 32,440 a day, 12,870 of them before noon.
    private let bankShaped: [Double] = [
        480, 540, 830, 1100, 1530, 1690, 1710, 1700, 1670, 1620, 1570, 1540, 1500, 1480,
        1460, 1450, 1410, 1380, 1290, 1160, 980, 860, 750, 670, 590, 540, 490, 450,
    ]
    /// Half-hours observed by noon (07:00 + 10 × 30 min).
    private let noon = 10

    // MARK: planted +20 % day

    /// Flat plan, observed = 1.2 × plan until noon, no noise. By hand, with the standard
    /// parameters (τ² = 0.00405, σ² = 0.0002, c = 20): F = 10,000, A = 12,000, s = 10/28, every
    /// interval ratio is exactly 1.2, so the scatter is 0 and its excess over Poisson is
    /// max(0, 0 − A) = 0; noise = 1/10,000 + 0.0002 · 28/10 = 0.00066;
    /// w = 0.00405 / 0.00471 = 0.85987…; factor = 1 + 0.2 w = 1.17197…, within 0.03 of 1.2.
    func testPlantedTwentyPercentFlatDayIsRecoveredByNoon() {
        let observed: [Double?] = flat[..<noon].map { 1.2 * $0 }
        let result = IntradayUpdate.standard.update(planned: flat, observed: observed)
        assertClose(result.factor, 1 + 0.2 * 0.00405 / 0.00471, relative: 1e-12)
        XCTAssertLessThanOrEqual(abs(result.factor - 1.2), 0.03)
        XCTAssertEqual(result.remaining.count, 18)
        for value in result.remaining { assertClose(value, 1000 * result.factor, relative: 1e-15) }
        // ρ = 0.7 of the surprise carries to tomorrow.
        assertClose(result.tomorrowFactor, 1 + 0.7 * 0.2 * 0.00405 / 0.00471, relative: 1e-12)
    }

    /// Bank-shaped plan, +20 %, no noise: F = 12,870, F_day = 32,440, s = 12,870 / 32,440;
    /// noise = 1/12,870 + 0.0002 · 32,440/12,870 = (1 + 6.488) / 12,870 = 0.00058182;
    /// w = 0.00405 / (0.00405 + 0.00058182) = 0.87439; factor = 1.17488, within 0.03 of 1.2.
    /// By 14:00 (F = 19,000 of 32,440) it is closer still.
    func testPlantedTwentyPercentBankShapedDayIsRecoveredByNoon() {
        let observed: [Double?] = bankShaped[..<noon].map { 1.2 * $0 }
        let factor = IntradayUpdate.standard.update(planned: bankShaped, observed: observed).factor
        assertClose(factor, 1 + 0.2 * 0.00405 / (0.00405 + 7.488 / 12_870), relative: 1e-12)
        XCTAssertLessThanOrEqual(abs(factor - 1.2), 0.03)
        let at14: [Double?] = bankShaped[..<14].map { 1.2 * $0 }
        let later = IntradayUpdate.standard.update(planned: bankShaped, observed: at14).factor
        XCTAssertGreaterThan(later, factor)
        XCTAssertLessThan(later, 1.2)
    }

    /// Bank-shaped, actuals Poisson with mean 1.2 × plan, 20 seeds. Bounds by hand: A has mean
    /// 15,444 and sd √15,444 = 124, so A/F = 1.2 ± 0.029 at 3 sd. The weight is at most 0.8744
    /// (no excess scatter, previous test), so factor ≤ 1 + 0.8744 · 0.229 = 1.20. The scatter
    /// Σ (a_i − R f_i)² has mean ≈ A (1 − Σf²/F²) = 0.886 A = 13,700 and sd ≈ √(2 Σ λ_i²) = 7,370;
    /// at 3 sd its excess over A is ≤ 20,340, so c·D ≤ 20 · 20,340 / 12,870² = 0.00246,
    /// w ≥ 0.00405 / (0.00405 + 0.00058 + 0.00246) = 0.571 and factor ≥ 1 + 0.571 · 0.171 = 1.098.
    /// The mean over the seeds must be nearer: within 0.05 of 1.2.
    func testPlantedTwentyPercentPoissonDayIsRecoveredByNoon() {
        var factors: [Double] = []
        for seed in UInt64(1)...20 {
            var rng = SeededGenerator(seed: seed)
            let observed: [Double?] = bankShaped[..<noon].map { poisson(1.2 * $0, using: &rng) }
            let factor = IntradayUpdate.standard.update(planned: bankShaped, observed: observed).factor
            XCTAssertGreaterThanOrEqual(factor, 1.098, "seed \(seed)")
            XCTAssertLessThanOrEqual(factor, 1.201, "seed \(seed)")
            factors.append(factor)
        }
        XCTAssertLessThanOrEqual(abs(factors.reduce(0, +) / 20 - 1.2), 0.05)
    }

    // MARK: no surprise, no data

    func testActualsEqualToPlanGiveFactorOneExactly() {
        let observed: [Double?] = bankShaped[..<14].map { $0 }
        for update in allMethods {
            let result = update.update(planned: bankShaped, observed: observed)
            XCTAssertEqual(result.factor, 1, "\(update.method)")
            XCTAssertEqual(result.tomorrowFactor, 1)
            XCTAssertEqual(result.remaining, Array(bankShaped[14...]))
        }
    }

    func testNoObservationsLeaveThePlan() {
        for update in allMethods {
            let none = update.update(planned: bankShaped, observed: [])
            XCTAssertEqual(none.factor, 1)
            XCTAssertEqual(none.tomorrowFactor, 1)
            XCTAssertEqual(none.remaining, bankShaped)
            // Five intervals passed, none recorded: the plan of the other 23 stands.
            let unknown = update.update(planned: bankShaped, observed: [Double?](repeating: nil, count: 5))
            XCTAssertEqual(unknown.factor, 1)
            XCTAssertEqual(unknown.remaining, Array(bankShaped[5...]))
            // An empty day.
            let empty = update.update(planned: [], observed: [])
            XCTAssertEqual(empty, IntradayUpdate.Result(factor: 1, remaining: [], tomorrowFactor: 1))
        }
    }

    /// Nothing planned so far (a late opening) but calls arrived: F = 0 must not divide.
    func testZeroPlannedSoFarDoesNotDivideByZero() {
        let planned = [0, 0, 0, 0] + [Double](repeating: 500, count: 10)
        for update in allMethods {
            let result = update.update(planned: planned, observed: [3, 5, 0, 2])
            XCTAssertEqual(result.factor, 1, "\(update.method)")
            XCTAssertEqual(result.remaining, [Double](repeating: 500, count: 10))
        }
        // A whole day planned at zero.
        let zero = IntradayUpdate.standard.update(planned: [0, 0, 0], observed: [4])
        XCTAssertEqual(zero, IntradayUpdate.Result(factor: 1, remaining: [0, 0], tomorrowFactor: 1))
    }

    /// An unknown actual is left out of both sums, not counted as zero. Flat plan, 8 intervals
    /// passed, 5 known at 1,200: F = 5,000, A = 6,000; with k = 5,000, w = 0.5, factor = 1.1.
    /// Were the nils zeros, A/F would be 6,000 / 8,000 and the factor below 1.
    func testNilObservationsAreSkipped() {
        let observed: [Double?] = [1200, nil, 1200, nil, 1200, 1200, nil, 1200]
        let result = IntradayUpdate(method: .shrunkRatio(k: 5000)).update(planned: flat, observed: observed)
        assertClose(result.factor, 1.1, relative: 1e-15)
        XCTAssertEqual(result.remaining.count, 20)
        // NaN, ±∞ and negative actuals are unknown too.
        let junk: [Double?] = [1200, .nan, 1200, .infinity, 1200, 1200, -5, 1200]
        XCTAssertEqual(
            IntradayUpdate(method: .shrunkRatio(k: 5000)).update(planned: flat, observed: junk).factor, result.factor)
    }

    func testFactorStaysWithinItsBoundsOnAbsurdInput() {
        XCTAssertEqual(IntradayUpdate.factorBounds, 0.25...4)
        let huge: [Double?] = [Double?](repeating: 1e9, count: 14)
        for update in allMethods + [IntradayUpdate(method: .shrunkRatio(k: 0))] {
            let result = update.update(planned: flat, observed: huge)
            XCTAssertEqual(result.factor, 4, "\(update.method)")
            XCTAssertEqual(result.remaining, [Double](repeating: 4000, count: 14))
        }
        // No calls at all, unshrunk: raw factor 0, bounded to 0.25.
        let silent = IntradayUpdate(method: .shrunkRatio(k: 0)).update(
            planned: flat, observed: [Double?](repeating: 0, count: 14))
        XCTAssertEqual(silent.factor, 0.25)
        // Observations beyond the plan are ignored; nothing remains.
        let over = IntradayUpdate.standard.update(planned: [1000, 1000], observed: [1000, 1000, 1e9])
        XCTAssertEqual(over.factor, 1)
        XCTAssertEqual(over.remaining, [])
    }

    // MARK: each weight by hand

    /// Flat plan, noon, +20 %: w = 10,000 / (10,000 + 15,000) = 0.4, factor = 1.08.
    func testShrunkRatioWeight() {
        let observed: [Double?] = flat[..<noon].map { 1.2 * $0 }
        assertClose(
            IntradayUpdate(method: .shrunkRatio(k: 15_000)).update(planned: flat, observed: observed).factor, 1.08,
            relative: 1e-15)
        XCTAssertEqual(
            IntradayUpdate(method: .shrunkRatio(k: .infinity)).update(planned: flat, observed: observed).factor, 1)
    }

    /// Plan 4 × 100, observed [120, 120]: F = 200, s = 0.5; τ² = 0.01, σ² = 0.005:
    /// noise = 1/200 + 0.005/0.5 = 0.015, w = 0.01 / 0.025 = 0.4, factor = 1.08.
    func testPrecisionWeight() {
        let update = IntradayUpdate(method: .precisionWeighted(levelVariance: 0.01, shapeVariance: 0.005))
        assertClose(update.update(planned: [100, 100, 100, 100], observed: [120, 120]).factor, 1.08, relative: 1e-14)
    }

    /// Plan 4 × 100, observed [130, 90]: A = 220, F = 200, R = 1.1; scatter = 20² + 20² = 800,
    /// excess over Poisson 800 − 220 = 580; τ² = 0.01, σ² = 0, c = 1: noise = 0.005 + 580/40,000
    /// = 0.0195, w = 0.01 / 0.0295, factor = 1 + 0.1 w = 1.033898…
    /// The same ratio with no scatter ([110, 110]) gets w = 0.01 / 0.015 and a larger factor.
    func testDispersionAwareWeight() {
        let update = IntradayUpdate(
            method: .dispersionAware(levelVariance: 0.01, shapeVariance: 0, dispersionMultiple: 1))
        let planned: [Double] = [100, 100, 100, 100]
        assertClose(
            update.update(planned: planned, observed: [130, 90]).factor, 1 + 0.1 * 0.01 / 0.0295, relative: 1e-14)
        assertClose(
            update.update(planned: planned, observed: [110, 110]).factor, 1 + 0.1 * 0.01 / 0.015, relative: 1e-14)
    }

    func testTomorrowCarryIsClamped() {
        let observed: [Double?] = [1200, 1200]
        let planned: [Double] = [1000, 1000, 1000]
        let full = IntradayUpdate(method: .shrunkRatio(k: 0), tomorrowCarry: 7).update(
            planned: planned, observed: observed)
        XCTAssertEqual(full.tomorrowFactor, full.factor)
        assertClose(full.factor, 1.2, relative: 1e-15)
        let none = IntradayUpdate(method: .shrunkRatio(k: 0), tomorrowCarry: -1).update(
            planned: planned, observed: observed)
        XCTAssertEqual(none.tomorrowFactor, 1)
        let half = IntradayUpdate(method: .shrunkRatio(k: 0), tomorrowCarry: 0.5).update(
            planned: planned, observed: observed)
        assertClose(half.tomorrowFactor, 1.1, relative: 1e-15)
    }

    private var allMethods: [IntradayUpdate] {
        [
            .standard, IntradayUpdate(method: .shrunkRatio(k: 15_000)),
            IntradayUpdate(method: .precisionWeighted(levelVariance: 0.00405, shapeVariance: 0.002)),
        ]
    }
}
