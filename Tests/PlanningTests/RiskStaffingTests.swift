import Planning
import XCTest

/// Staffing to a quantile: p80 and p95 read σ from the upper bound of the matching interval.
final class RiskStaffingTests: XCTestCase {
    /// The normal quantiles, against values computed independently (R's qnorm).
    func testNormalQuantiles() {
        XCTAssertEqual(RiskStaffing.z80, 0.8416212335729143, accuracy: 1e-15)
        XCTAssertEqual(RiskStaffing.z90, 1.2815515655446004, accuracy: 1e-15)
        XCTAssertEqual(RiskStaffing.z95, 1.6448536269514722, accuracy: 1e-15)
        XCTAssertEqual(RiskStaffing.z975, 1.959963984540054, accuracy: 1e-15)
    }

    /// mean 100, hi80 = 100 + 1.2816·σ with σ = 10: p80 = 100 + 0.8416·10, p95 from hi95 = 100 + 1.96·20.
    func testQuantilesFromTheIntervalBounds() {
        let hi80 = 100 + 1.2815515655446004 * 10
        let hi95 = 100 + 1.959963984540054 * 20
        XCTAssertEqual(RiskStaffing.contacts(mean: 100, hi80: hi80, hi95: hi95, staffTo: .p50), 100)
        XCTAssertEqual(
            RiskStaffing.contacts(mean: 100, hi80: hi80, hi95: hi95, staffTo: .p80), 108.416212335729143, accuracy: 1e-9
        )
        XCTAssertEqual(
            RiskStaffing.contacts(mean: 100, hi80: hi80, hi95: hi95, staffTo: .p95), 132.897072539028, accuracy: 1e-9)
    }

    /// A bound at or below the mean (a closed interval, a degenerate band) never lowers the volume.
    func testNeverBelowTheMean() {
        XCTAssertEqual(RiskStaffing.contacts(mean: 50, hi80: 40, hi95: 50, staffTo: .p80), 50)
        XCTAssertEqual(RiskStaffing.contacts(mean: 50, hi80: 40, hi95: 45, staffTo: .p95), 50)
        XCTAssertEqual(RiskStaffing.contacts(mean: 0, hi80: 0, hi95: 0, staffTo: .p95), 0)
    }
}
