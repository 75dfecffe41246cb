import Forecasting
import Queueing
import XCTest

@testable import Planning

/// Staffing a forecast per channel kind, and to a quantile of it, against the reference tables
/// (`../shared/reference/required_agents_cases.csv`, rows copied here).
final class RequirementPlannerTests: XCTestCase {
    /// R0001/R0002: 100 contacts per 30 minutes, AHT 180 s, 80/20 → 14 agents; 20 heads at 30 %.
    /// R0381: 165 contacts → 21 agents, 30 heads at 30 % (the float ceiling says 31).
    let policy = ChannelPolicy(
        ahtSeconds: 180, target: StaffingTarget(serviceLevel: 0.8, targetSeconds: 20, shrinkage: 0.3))

    func forecast(mean: [Double], hi80: [Double]? = nil, hi95: [Double]? = nil) -> Forecast {
        let instants = mean.indices.map { Int64($0) * 1800 }
        return Forecast(
            channel: "calls", model: "test", instants: instants, mean: mean, lo80: mean, hi80: hi80 ?? mean,
            lo95: mean, hi95: hi95 ?? mean)
    }

    func testMeanStaffingMatchesTheReference() throws {
        let rows = try RequirementPlanner.staff(
            forecast(mean: [100, 165]), policy: policy, intervalSeconds: 1800, staffTo: .p50)
        XCTAssertEqual(rows.map(\.staffing.agents), [14, 21])
        XCTAssertEqual(rows.map(\.staffing.headcount), [20, 30])
        XCTAssertEqual(rows[0].serviceLevelAtMean, 0.8883500191794668842482187, accuracy: 1e-9)
        XCTAssertEqual(rows[1].staffing.metrics.serviceLevel, 0.8693828751096305042506247, accuracy: 1e-9)
    }

    /// p80 and p95 staff the volume at that quantile: bounds chosen so the quantile is exactly
    /// 100 and 165 contacts give the reference staffing for those volumes, while the service level
    /// at the mean (80 contacts) is higher than at the quantile.
    func testQuantileStaffingReadsTheIntervals() throws {
        let means = [80.0, 120.0]
        let targets = [100.0, 165.0]
        let hi80 = zip(means, targets).map { $0 + ($1 - $0) * RiskStaffing.z90 / RiskStaffing.z80 }
        let hi95 = zip(means, targets).map { $0 + ($1 - $0) * RiskStaffing.z975 / RiskStaffing.z95 }
        for staffTo in [StaffTo.p80, .p95] {
            let rows = try RequirementPlanner.staff(
                forecast(mean: means, hi80: hi80, hi95: hi95), policy: policy,
                intervalSeconds: 1800, staffTo: staffTo)
            XCTAssertEqual(rows.map(\.staffing.agents), [14, 21], "\(staffTo)")
            XCTAssertEqual(rows.map(\.staffing.headcount), [20, 30], "\(staffTo)")
            XCTAssertEqual(rows[0].contacts, 100, accuracy: 1e-9)
            XCTAssertEqual(rows.map(\.meanContacts), means)
            // Erlang C with 14 agents at 80 contacts is above the 0.888 at 100.
            XCTAssertGreaterThan(rows[0].serviceLevelAtMean, 0.8883500191794668842482187)
        }
        // p50 ignores the bounds.
        let mean = try RequirementPlanner.staff(
            forecast(mean: means, hi80: hi80, hi95: hi95), policy: policy,
            intervalSeconds: 1800, staffTo: .p50)
        XCTAssertEqual(mean.map(\.contacts), means)
        XCTAssertLessThan(mean[0].staffing.agents, 14)
    }

    /// A per-interval AHT replaces the policy's: 50 contacts at 360 s are the traffic of 100 at 180 s.
    func testForecastAHTPerInterval() throws {
        let rows = try RequirementPlanner.staff(
            forecast(mean: [50, 100]), policy: policy, intervalSeconds: 1800, staffTo: .p50,
            aht: [360, 180])
        XCTAssertEqual(rows.map(\.ahtSeconds), [360, 180])
        XCTAssertEqual(rows[0].staffing.metrics.trafficErlangs, 10, accuracy: 1e-12)
        XCTAssertThrowsError(
            try RequirementPlanner.staff(
                forecast(mean: [50, 100]), policy: policy, intervalSeconds: 1800,
                staffTo: .p50, aht: [360]))
    }

    /// Deferred work: by hand, 2 agents × 30 min / 360 s = 10 contacts per interval; 30 contacts
    /// arriving at once with a 1 h (two-interval) deadline need 15 per interval over the two
    /// intervals of allowance: the last interval that can still make it must reach 30.
    func testDeferredWorkMeetsItsDeadline() throws {
        let mail = ChannelPolicy(
            ahtSeconds: 360, kind: .deferred(DeferredRules(deadlineSeconds: 3600)),
            target: StaffingTarget(serviceLevel: nil, targetSeconds: 0, shrinkage: 0.5))
        let rows = try RequirementPlanner.staff(
            forecast(mean: [30, 0, 0]), policy: mail, intervalSeconds: 1800, staffTo: .p95)
        let handled = rows.map { Double($0.staffing.agents) * 1800 / 360 }
        XCTAssertGreaterThanOrEqual(handled[0] + handled[1], 30, "all 30 handled within the two intervals")
        XCTAssertEqual(
            rows.map(\.staffing.headcount), rows.map { Headcount.scheduled(agents: $0.staffing.agents, shrinkage: 0.5) }
        )
        XCTAssertEqual(rows.last?.backlog, 0)
        XCTAssertTrue(rows.allSatisfy(\.isDeferred))
        XCTAssertTrue(rows.allSatisfy { $0.contacts == $0.meanContacts }, "deferred work is staffed for the mean")
    }

    /// Chat: K = 1 is Erlang C exactly (R0001); K = 3 with a flat AHT needs fewer agents.
    func testChatKinds() throws {
        let single = ChannelPolicy(
            ahtSeconds: 180, kind: .chat(concurrency: 1, ahtByConcurrency: nil), target: policy.target)
        XCTAssertEqual(
            try RequirementPlanner.staff(forecast(mean: [100]), policy: single, intervalSeconds: 1800, staffTo: .p50)[0]
                .staffing.agents, 14)
        let triple = ChannelPolicy(
            ahtSeconds: 180, kind: .chat(concurrency: 3, ahtByConcurrency: nil), target: policy.target)
        let agents = try RequirementPlanner.staff(
            forecast(mean: [100]), policy: triple, intervalSeconds: 1800, staffTo: .p50)[0].staffing.agents
        XCTAssertLessThan(agents, 14)
        XCTAssertGreaterThan(agents, 3, "10 Erlangs over 3 slots per agent need more than 3.33 agents")
    }
}

/// Nights with a fraction of a contact do not buy a shift: below the minimum volume the channel
/// is closed, or held by a fixed cover, and the row says which.
final class LowVolumeTests: XCTestCase {
    func testBelowTheMinimumIsClosedOrCovered() throws {
        let target = StaffingTarget(serviceLevel: 0.8, targetSeconds: 20, shrinkage: 0.3)
        let forecast = Forecast(
            channel: "chat", model: "test", instants: [0, 1800, 3600], mean: [0.2, 0.9, 100],
            lo80: [0, 0, 90], hi80: [0.3, 1.2, 110], lo95: [0, 0, 85], hi95: [0.4, 1.5, 120])
        var policy = ChannelPolicy(ahtSeconds: 180, target: target)
        policy.lowVolume = LowVolumeRule(minimumContacts: 1)
        let closed = try RequirementPlanner.staff(forecast, policy: policy, intervalSeconds: 1800, staffTo: .p50)
        XCTAssertEqual(closed.map(\.staffing.agents), [0, 0, 14], "R0001: 100 contacts, AHT 180 s, 80/20 → 14")
        XCTAssertEqual(closed.map(\.rule), [.belowMinimumClosed, .belowMinimumClosed, nil])
        policy.lowVolume = LowVolumeRule(minimumContacts: 1, cover: 1)
        let covered = try RequirementPlanner.staff(forecast, policy: policy, intervalSeconds: 1800, staffTo: .p50)
        XCTAssertEqual(covered.map(\.staffing.agents), [1, 1, 14])
        XCTAssertEqual(covered.map(\.staffing.headcount), [2, 2, 20], "⌈1 / 0.7⌉ = 2")
        XCTAssertEqual(covered[0].rule, .belowMinimumCover)
        // At p80 the quantile decides: 0.9 contacts at the mean but 1.03 at p80 is staffed.
        let p80 = try RequirementPlanner.staff(forecast, policy: policy, intervalSeconds: 1800, staffTo: .p80)
        XCTAssertNil(p80[1].rule)
    }
}
