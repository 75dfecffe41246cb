import Forecasting
import Foundation
import Queueing
import StaffcastCore
import TestSupport
import XCTest

@testable import Planning

/// `Review.run` on a plan held in memory: one queued channel, 48 half-hours of 100 contacts
/// (AHT 180 s, target 80/20, shrinkage 0.3). By Erlang C (closed form, worked in Python:
/// A = 100 × 180 / 1800 = 10 Erlangs) 13 agents give SL 0.79559 < 0.8 and 14 give 0.88835, so the
/// actual volume needs 14 agents. The schedule has 20 heads (⌊20 × 0.7⌋ = 14 agents) in the first
/// 24 intervals and 17 heads (⌊17 × 0.7⌋ = 11 agents) in the last 24.
final class ReviewTests: XCTestCase {
    static let start: Int64 = 1_741_000_000 - 1_741_000_000 % 86_400  // a UTC midnight
    static let count = 48

    static func plan(
        forecast means: [Double], heads: (Int) -> Int = { $0 < 24 ? 20 : 17 }, policy given: ChannelPolicy? = nil
    ) throws -> PublishedPlan {
        let instants = (0..<means.count).map { start + Int64($0 * 1800) }
        let forecast = Forecast(
            channel: "calls", model: "test", instants: instants, mean: means,
            lo80: means.map { $0 * 0.9 }, hi80: means.map { $0 * 1.1 }, lo95: means.map { $0 * 0.8 },
            hi95: means.map { $0 * 1.2 })
        let policy =
            try given
            ?? ChannelPolicy(
                ahtSeconds: 180,
                target: StaffingTarget(serviceLevel: 0.8, targetSeconds: 20, shrinkage: 0.3).validated())
        var rows: [RequirementsFile.Key: RequirementsFile.Row] = [:]
        var coverage: [RequirementsFile.Key: Int] = [:]
        for (i, instant) in instants.enumerated() {
            rows[RequirementsFile.Key("calls", instant)] = RequirementsFile.Row(
                headcount: 20, contacts: means[i], ahtSeconds: policy.ahtSeconds)
            coverage[RequirementsFile.Key("calls", instant)] = heads(i)
        }
        return PublishedPlan(
            folder: "/plans/2025-W10", label: "2025-W10", weekStart: start, weekEnd: start + 7 * 86_400, calendar: .utc,
            intervalSeconds: 1800, staffTo: .p50,
            channels: [
                PublishedPlan.Channel(name: "calls", model: "test", policy: policy, staffedWithForecastAHT: false)
            ],
            forecast: ForecastFile(path: "/plans/2025-W10/forecast.csv", forecasts: [forecast]),
            requirements: RequirementsFile(path: "/plans/2025-W10/requirements.csv", rows: rows, hasWorkload: true),
            coverage: CoverageFile(path: "/plans/2025-W10/coverage.csv", heads: coverage, column: "scheduled"))
    }

    static func actuals(_ values: [Double?], channel: String = "calls", start: Int64 = start, aht: Double? = nil)
        -> ContactHistory
    {
        ContactHistory(
            calendar: .utc, intervalSeconds: 1800,
            series: [
                IntervalSeries(
                    channel: channel, intervalSeconds: 1800, start: start, contacts: values,
                    ahtSeconds: values.map { _ in aht })
            ])
    }

    func testActualsEqualToTheForecastGiveWAPEZeroAndThePlansOwnSimulatedLevel() throws {
        let means = [Double](repeating: 100, count: Self.count)
        let plan = try Self.plan(forecast: means)
        let review = try Review.run(
            plan: plan, actuals: Self.actuals(means), actualsPath: "actuals.csv",
            options: Review.Options(seed: 5, replications: 6))
        let week = try XCTUnwrap(review.channels.first).week
        XCTAssertEqual(week.wape, 0)
        XCTAssertEqual(week.bias, 0)
        XCTAssertEqual(week.coverage80, 1)
        XCTAssertEqual(week.coverage95, 1)
        XCTAssertEqual(week.intervals, 48)
        XCTAssertEqual(week.forecast, 4800)
        // The plan's own service level: its schedule's agents replayed with its forecast counts,
        // seeded as `simulate` seeds the channel — the same run, so the same figure.
        let own = try Simulator.run(
            SimulationSetup(
                intervalSeconds: 1800, contacts: means,
                agents: (0..<48).map { $0 < 24 ? 14 : 11 }, handleTime: .exponential(meanSeconds: 180),
                targetSeconds: 20, arrivals: .replay,
                seed: ArrivalReplay.channelSeed(5, channel: "calls"), replications: 6))
        let level = try XCTUnwrap(week.serviceLevel)
        XCTAssertEqual(level, own.serviceLevel.mean, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(review.channels.first?.weekLevel).mean, own.serviceLevel.mean, accuracy: 1e-12)
        // Over/under by hand: 14 needed; 14 scheduled for 24 half-hours (0), 11 for 24: 3 × 0.5 h × 24 = 36 under.
        XCTAssertEqual(week.overAgentHours, 0)
        XCTAssertEqual(week.underAgentHours, 36)
        XCTAssertEqual(review.channels[0].intervals.map(\.requiredAgents), Array(repeating: 14, count: 48))
        // The first half's interval levels sit near Erlang C's 0.88835 for 14 agents (replayed
        // counts vary less than Poisson ones, so the simulated level is no lower than about that).
        let firstHalf = review.channels[0].intervals.prefix(24)
        let pooled = firstHalf.reduce(0) { $0 + $1.inTime } / firstHalf.reduce(0) { $0 + $1.offered }
        XCTAssertGreaterThan(pooled, 0.8883500191794669 - 0.03)
    }

    /// Actual handle times of 360 s (the plan's 180 s) reach the replay and the staffing: the same
    /// run as the simulator with exponential handle times of mean 360 s (scaling by 2 is exact),
    /// and by Erlang C (Python; A = 20) 24 agents give SL 0.7613, 25 give 0.8416: 25 needed, so
    /// under = (25 − 14) × 0.5 h × 24 + (25 − 11) × 0.5 h × 24 = 300 agent-hours.
    func testActualHandleTimesAreReplayedAndStaffed() throws {
        let means = [Double](repeating: 100, count: Self.count)
        let review = try Review.run(
            plan: try Self.plan(forecast: means), actuals: Self.actuals(means, aht: 360), actualsPath: "actuals.csv",
            options: Review.Options(seed: 2, replications: 3))
        let channel = review.channels[0]
        XCTAssertEqual(channel.intervals.map(\.ahtSeconds), Array(repeating: 360, count: 48))
        let direct = try Simulator.run(
            SimulationSetup(
                intervalSeconds: 1800, contacts: means,
                agents: (0..<48).map { $0 < 24 ? 14 : 11 }, handleTime: .exponential(meanSeconds: 360),
                targetSeconds: 20, arrivals: .replay,
                seed: ArrivalReplay.channelSeed(2, channel: "calls"), replications: 3))
        XCTAssertEqual(channel.weekLevel, direct.serviceLevel)
        XCTAssertEqual(channel.intervals.map(\.requiredAgents), Array(repeating: 25, count: 48))
        XCTAssertEqual(channel.week.underAgentHours, 300)
        XCTAssertEqual(channel.week.overAgentHours, 0)
    }

    /// Deferred work (deadline 2 h of clock time, AHT 600 s, no shrinkage): 30 contacts arrive at
    /// the first interval and one head handles 1800 / 600 = 3 per interval, so 4 intervals × 3 = 12
    /// are handled by the deadline (the end of interval 3) and the other 18 late: 12 / 30 = 0.4.
    func testDeferredWorkIsScoredWithinItsDeadline() throws {
        var rules = DeferredRules(deadlineSeconds: 7200)
        rules.clock = .wall
        let policy = ChannelPolicy(
            ahtSeconds: 600, kind: .deferred(rules),
            target: StaffingTarget(serviceLevel: nil, targetSeconds: 0, shrinkage: 0))
        let plan = try Self.plan(forecast: [Double](repeating: 1, count: Self.count), heads: { _ in 1 }, policy: policy)
        let values: [Double?] = (0..<48).map { $0 == 0 ? 30 : 0 }
        let review = try Review.run(plan: plan, actuals: Self.actuals(values), actualsPath: "actuals.csv")
        let channel = review.channels[0]
        XCTAssertEqual(channel.measure, .withinDeadline)
        XCTAssertNil(channel.weekLevel)
        XCTAssertEqual(try XCTUnwrap(channel.week.serviceLevel), 0.4, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(channel.intervals[0].serviceLevel), 0.4, accuracy: 1e-12)
        // The levelled plan of the actuals needs agents in the first intervals only; every reviewed interval has a figure.
        XCTAssertTrue(channel.intervals.allSatisfy { $0.requiredAgents != nil })
        XCTAssertGreaterThan(channel.intervals[0].requiredAgents ?? 0, 1)
    }

    func testAccuracyByHand() throws {
        // Forecast 100 everywhere; actuals 110 in the first 24 intervals, 80 in the rest, one unknown.
        let plan = try Self.plan(forecast: [Double](repeating: 100, count: Self.count))
        var values: [Double?] = (0..<48).map { $0 < 24 ? 110 : 80 }
        values[47] = nil
        let review = try Review.run(
            plan: plan, actuals: Self.actuals(values), actualsPath: "actuals.csv",
            options: Review.Options(replications: 2))
        let week = review.channels[0].week
        // 47 reviewed: Σa = 24·110 + 23·80 = 4480, Σf = 4700, Σ|a − f| = 24·10 + 23·20 = 700.
        XCTAssertEqual(week.intervals, 47)
        XCTAssertEqual(week.actual, 4480)
        XCTAssertEqual(try XCTUnwrap(week.wape), 700.0 / 4480, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(week.bias), 220.0 / 4480, accuracy: 1e-15)
        // Band 80: [90, 110] holds the 110s only (24 of 47); band 95: [80, 120] holds all.
        XCTAssertEqual(try XCTUnwrap(week.coverage80), 24.0 / 47, accuracy: 1e-15)
        XCTAssertEqual(week.coverage95, 1)
        XCTAssertTrue(
            review.notes.contains { $0.contains("1 of the plan's 48 intervals have no actual") }, "\(review.notes)")
    }

    func testActualsOfAnotherWeekNameBothWeeks() throws {
        let plan = try Self.plan(forecast: [Double](repeating: 100, count: Self.count))
        let later = Self.actuals([Double](repeating: 100, count: 48), start: Self.start + 14 * 86_400)
        XCTAssertThrowsError(try Review.run(plan: plan, actuals: later, actualsPath: "actuals.csv")) { error in
            guard case .badData(let message) = error as? PlanningError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("none in the plan's week 2025-W10"), message)
            XCTAssertTrue(message.contains("actuals.csv") && message.contains("run from "), message)
        }
    }

    func testMissingAndExtraChannelsAreNamed() throws {
        let plan = try Self.plan(forecast: [Double](repeating: 100, count: Self.count))
        XCTAssertThrowsError(
            try Review.run(plan: plan, actuals: Self.actuals([100], channel: "email"), actualsPath: "actuals.csv")
        ) { error in
            guard case .badData(let message) = error as? PlanningError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("no actuals for calls"), message)
            XCTAssertTrue(message.contains("not in the plan: email"), message)
        }
    }

    /// Deferred work's fluid replay, by hand: 10 contacts in interval 0 due by interval 1, four
    /// handled per interval: 4 + 4 in time, the last 2 in interval 2, late. Contacts due after the
    /// horizon and still waiting are not settled.
    func testWithinDeadlineReplay() {
        let (inTime, settled) = ReviewMeasures.withinDeadline(
            arrivals: [10, 0, 0], capacity: [4, 4, 4], due: [1, 2, 2])
        XCTAssertEqual(inTime, [8, 0, 0])
        XCTAssertEqual(settled, [10, 0, 0])
        let open = ReviewMeasures.withinDeadline(arrivals: [2, 6], capacity: [1, 1], due: [1, 5])
        // Interval 0 handles 1 of its 2, interval 1 the other (in time); the 6 of interval 1 still wait, due later.
        XCTAssertEqual(open.inTime, [2, 0])
        XCTAssertEqual(open.settled, [2, 0])
    }
}
