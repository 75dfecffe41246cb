import TestSupport
import XCTest

@testable import Queueing

/// Heads = ⌈agents / (1 − shrinkage)⌉ exactly, checked against integer arithmetic done here.
final class HeadcountTests: XCTestCase {
    /// The reference README's traps: float ceil gives 31, 61, 121 at 30 % shrinkage.
    func testExactWhereFloatCeilingIsWrong() {
        XCTAssertEqual(Headcount.scheduled(agents: 21, shrinkage: 0.3), 30)
        XCTAssertEqual(Headcount.scheduled(agents: 42, shrinkage: 0.3), 60)
        XCTAssertEqual(Headcount.scheduled(agents: 84, shrinkage: 0.3), 120)
        XCTAssertEqual(Headcount.scheduled(agents: 161, shrinkage: 0.3), 230)
        XCTAssertEqual(Headcount.scheduled(agents: 14, shrinkage: 0.3), 20)  // not 14 · 1.3 → 19
    }

    /// Shrinkage p % for whole p: ⌈100·agents / (100 − p)⌉ by integer division.
    func testMatchesIntegerArithmeticForWholePercentages() {
        for percent in [1, 5, 10, 15, 20, 25, 30, 33, 35, 40, 45, 50, 60, 75, 90, 99] {
            let shrinkage = Double(percent) / 100
            for agents in 0...1_500 {
                let kept = 100 - percent
                let expected = (agents * 100 + kept - 1) / kept
                XCTAssertEqual(
                    Headcount.scheduled(agents: agents, shrinkage: shrinkage), expected, "\(agents) at \(percent) %")
            }
        }
    }

    /// Shrinkage with many decimals: 0.123456789 keeps 876543211 / 10⁹.
    func testMatchesIntegerArithmeticForLongDecimals() {
        let kept: UInt64 = 876_543_211
        for agents in [1, 7, 876_543, 8_765_432, 10_000_000] {
            let numerator = UInt64(agents) * 1_000_000_000
            let expected = Int((numerator + kept - 1) / kept)
            XCTAssertEqual(Headcount.scheduled(agents: agents, shrinkage: 0.123456789), expected, "\(agents)")
        }
    }

    /// Any shrinkage above zero means N / (1 − s) > N, so at least one extra head — even 10⁻²⁵.
    func testTinyShrinkageIsStillACeiling() {
        XCTAssertEqual(Headcount.scheduled(agents: 10, shrinkage: 1e-25), 11)
        XCTAssertEqual(Headcount.scheduled(agents: 10, shrinkage: 0.00012345678901234567), 11)
        XCTAssertEqual(Headcount.scheduled(agents: 10, shrinkage: 0), 10)
    }

    func testOutOfRangeNeverTraps() {
        XCTAssertEqual(Headcount.scheduled(agents: 0, shrinkage: 0.3), 0)
        XCTAssertEqual(Headcount.scheduled(agents: -4, shrinkage: 0.3), 0)
        XCTAssertEqual(Headcount.scheduled(agents: 10, shrinkage: 1), Int.max)
        XCTAssertEqual(Headcount.scheduled(agents: 10, shrinkage: .nan), Int.max)
        XCTAssertEqual(Headcount.scheduled(agents: 10, shrinkage: -0.5), 10)
        XCTAssertEqual(Headcount.scheduled(agents: Int.max, shrinkage: 0.3), Int.max)
        XCTAssertEqual(Headcount.scheduled(agents: 1, shrinkage: 0.9999999999999999), 10_000_000_000_000_000)
    }

    func testValidatedScheduledNamesTheField() {
        XCTAssertThrowsError(try Headcount.validatedScheduled(agents: 5, shrinkage: 1)) { error in
            XCTAssertEqual(
                (error as? QueueingError).map {
                    if case .invalidParameter(let name, _) = $0 { name.rawValue } else { "" }
                }, "shrinkage")
        }
        XCTAssertThrowsError(try Headcount.validatedScheduled(agents: -1, shrinkage: 0.3)) { error in
            XCTAssertEqual(
                (error as? QueueingError).map {
                    if case .invalidParameter(let name, _) = $0 { name.rawValue } else { "" }
                }, "agents")
        }
        XCTAssertEqual(try Headcount.validatedScheduled(agents: 21, shrinkage: 0.3), 30)
    }
}

/// Productive agents out of scheduled heads: the exact inverse of the headcount ceiling.
final class ProductiveHeadsTests: XCTestCase {
    /// 90 heads at 30 % shrinkage give 63 agents, though 90 × (1 − 0.3) is 62.99999999999999 in binary.
    func testExactWhereFloatFloorIsWrong() {
        XCTAssertEqual(90 * (1 - 0.3), 62.99999999999999)
        XCTAssertEqual(Headcount.productive(heads: 90, shrinkage: 0.3), 63)
        XCTAssertEqual(Headcount.productive(heads: 30, shrinkage: 0.3), 21)
        XCTAssertEqual(Headcount.productive(heads: 29, shrinkage: 0.3), 20)  // ⌊20.3⌋
        XCTAssertEqual(Headcount.productive(heads: 20, shrinkage: 0.3), 14)
    }

    /// Against integer arithmetic for shrinkage in whole per mille: ⌊h · (1000 − m) / 1000⌋.
    func testMatchesIntegerArithmetic() {
        for m in stride(from: 0, through: 950, by: 7) {
            let shrinkage = Double(m) / 1000
            for heads in [0, 1, 2, 7, 19, 20, 21, 30, 99, 100, 1000, 12_345] {
                XCTAssertEqual(
                    Headcount.productive(heads: heads, shrinkage: shrinkage), heads * (1000 - m) / 1000,
                    "heads \(heads), shrinkage \(shrinkage)")
            }
        }
    }

    /// Heads scheduled for N agents deliver N again, and one head fewer does not.
    func testInverseOfScheduled() {
        for shrinkage in [0.0, 0.05, 0.1, 0.25, 0.3, 0.333, 0.35, 0.5, 0.7] {
            for agents in 0...300 {
                let heads = Headcount.scheduled(agents: agents, shrinkage: shrinkage)
                XCTAssertEqual(
                    Headcount.productive(heads: heads, shrinkage: shrinkage), agents, "\(agents) at \(shrinkage)")
                if agents > 0 {
                    XCTAssertLessThan(Headcount.productive(heads: heads - 1, shrinkage: shrinkage), agents)
                }
            }
        }
    }

    func testOutOfRangeNeverTraps() {
        XCTAssertEqual(Headcount.productive(heads: -3, shrinkage: 0.3), 0)
        XCTAssertEqual(Headcount.productive(heads: 10, shrinkage: -0.2), 10)
        XCTAssertEqual(Headcount.productive(heads: 10, shrinkage: 1), 0)
        XCTAssertEqual(Headcount.productive(heads: 10, shrinkage: .nan), 0)
        XCTAssertEqual(Headcount.productive(heads: Int.max, shrinkage: 0.5), Int.max / 2)
    }
}
