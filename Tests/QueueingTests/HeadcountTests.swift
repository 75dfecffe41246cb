import XCTest
import TestSupport
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
                XCTAssertEqual(Headcount.scheduled(agents: agents, shrinkage: shrinkage), expected, "\(agents) at \(percent) %")
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
            XCTAssertEqual((error as? QueueingError).map { if case let .invalidParameter(name, _) = $0 { name.rawValue } else { "" } }, "shrinkage")
        }
        XCTAssertThrowsError(try Headcount.validatedScheduled(agents: -1, shrinkage: 0.3)) { error in
            XCTAssertEqual((error as? QueueingError).map { if case let .invalidParameter(name, _) = $0 { name.rawValue } else { "" } }, "agents")
        }
        XCTAssertEqual(try Headcount.validatedScheduled(agents: 21, shrinkage: 0.3), 30)
    }
}
