import Forecasting
import Foundation
import Queueing
import StaffcastCore
import XCTest

@testable import Planning

/// `Reforecast.run` on a plan held in memory (`ReviewTests.plan`): two days of 48 half-hours at
/// 100 contacts (AHT 180 s, 80/20, shrinkage 0.3) with 20 heads = 14 agents scheduled, exactly
/// what the plan needs (Erlang C, A = 10: SL 0.888 at 14, 0.796 at 13) — a tight plan.
final class ReforecastTests: XCTestCase {
    static let noon = ReviewTests.start + 12 * 3600

    func plan() throws -> PublishedPlan {
        try ReviewTests.plan(forecast: [Double](repeating: 100, count: 96), heads: { _ in 20 })
    }

    /// A planted +20 % morning: 120 contacts in each of the 24 intervals before 12:00. By hand,
    /// IntradayUpdate.standard (dispersion-aware, τ² = 0.00405, σ² = 0.0002, c = 20): F = 2400,
    /// A = 2880, every interval ratio 1.2 so no excess scatter, s = 2400 / 4800 = 0.5;
    /// w = 0.00405 / (0.00405 + 1/2400 + 0.0002/0.5) = 0.83219, factor = 1 + 0.2 w = 1.16644
    /// (the level recovered to within the method's shrinkage toward 1: 17 % of the planted 20 %),
    /// tomorrow 1 + 0.7 × 0.16644 = 1.11651. Erlang C (worked in Python): 116.64 contacts need
    /// 15 agents (SL 0.813; 14 give 0.679), 111.65 need 15 (0.864; 14 give 0.760): one agent
    /// short in each of 24 + 48 intervals, 36 agent-hours.
    func testPlantedTwentyPercentDayIsRecoveredAndRestaffed() throws {
        let values: [Double?] = (0..<24).map { _ in 120 }
        let result = try Reforecast.run(
            plan: try plan(), actuals: ReviewTests.actuals(values), actualsPath: "today.csv", now: Self.noon)
        let channel = try XCTUnwrap(result.channels.first)
        let w = 0.00405 / (0.00405 + 1.0 / 2400 + 0.0002 / 0.5)
        XCTAssertEqual(channel.factor, 1 + 0.2 * w, accuracy: 1e-12)
        XCTAssertEqual(
            channel.factor, 1.2, accuracy: 0.035, "the level is recovered by noon within the method's shrinkage")
        XCTAssertEqual(channel.tomorrowFactor, 1 + 0.7 * 0.2 * w, accuracy: 1e-12)
        XCTAssertEqual(channel.observedIntervals, 24)
        XCTAssertEqual(channel.rows.count, 24 + 48)
        XCTAssertEqual(channel.rows.first?.instant, Self.noon)
        for row in channel.rows {
            let factor = row.instant < ReviewTests.start + 86_400 ? channel.factor : channel.tomorrowFactor
            XCTAssertEqual(row.reforecast, 100 * factor, accuracy: 1e-9)
            XCTAssertEqual(row.planned, 100)
            XCTAssertEqual(row.requiredAgents, 15)
            XCTAssertEqual(row.scheduledAgents, 14)
            XCTAssertEqual(row.shortAgents, 1)
        }
        XCTAssertEqual(channel.shortIntervals, 72)
        XCTAssertEqual(channel.maxShort, 1)
        XCTAssertEqual(result.shortAgentHours(channel), 36)
    }

    func testActualsAtOrAfterNowAreIgnoredWithANote() throws {
        // 120 all morning, then an absurd 1000 in the 12:00 interval still in progress.
        let values: [Double?] = (0..<25).map { $0 < 24 ? 120 : 1000 }
        let result = try Reforecast.run(
            plan: try plan(), actuals: ReviewTests.actuals(values), actualsPath: "today.csv", now: Self.noon + 300)
        let w = 0.00405 / (0.00405 + 1.0 / 2400 + 0.0002 / 0.5)
        XCTAssertEqual(try XCTUnwrap(result.channels.first).factor, 1 + 0.2 * w, accuracy: 1e-12)
        XCTAssertTrue(result.notes.contains { $0.hasPrefix("1 interval(s) of actuals at or after") }, "\(result.notes)")
    }

    func testNowOutsideTheWeekIsRefusedAndNoActualsKeepThePlan() throws {
        XCTAssertThrowsError(
            try Reforecast.run(
                plan: try plan(), actuals: ReviewTests.actuals([100]), actualsPath: "today.csv",
                now: ReviewTests.start + 8 * 86_400)
        ) { error in
            guard case .invalidRequest(let message) = error as? PlanningError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("outside the plan's week 2025-W10"), message)
        }
        // 06:00 with nothing known yet: factor 1, the plan's own requirement, nobody short.
        let early = try Reforecast.run(
            plan: try plan(), actuals: ReviewTests.actuals([nil]), actualsPath: "today.csv",
            now: ReviewTests.start + 6 * 3600)
        let channel = try XCTUnwrap(early.channels.first)
        XCTAssertEqual(channel.factor, 1)
        XCTAssertEqual(channel.shortIntervals, 0)
        XCTAssertEqual(channel.rows.first?.requiredAgents, 14)
    }
}
