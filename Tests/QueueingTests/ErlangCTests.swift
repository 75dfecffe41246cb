import TestSupport
import XCTest

@testable import Queueing

/// Erlang B/C against erlang_c_cases.csv (50-digit reference values): every row, every column,
/// to 1e-9 absolute, as the reference README promises a float64 implementation can.
final class ErlangCTests: XCTestCase {
    private static let tolerance = 1e-9

    private func metrics(_ row: ReferenceRow) throws -> QueueMetrics {
        ErlangC.metrics(
            contacts: try row.double("arrivals_per_interval"), intervalSeconds: try row.double("interval_seconds"),
            ahtSeconds: try row.double("aht_seconds"), agents: try row.int("agents"),
            targetSeconds: try row.double("target_seconds"))
    }

    /// Compares one column on every row, from volumes (contacts, interval, AHT) and from the
    /// reference's traffic in Erlangs.
    private func checkColumn(_ column: String, _ measure: (QueueMetrics) -> Double) throws {
        let rows = try ReferenceTables.erlangC()
        XCTAssertEqual(rows.count, 661, "fixture changed size")
        for row in rows {
            let expected = try row.double(column)
            assertClose(measure(try metrics(row)), expected, absolute: Self.tolerance, "\(row.caseID) \(column)")
            let fromTraffic = ErlangC.metrics(
                traffic: try row.double("traffic_erlangs"), ahtSeconds: try row.double("aht_seconds"),
                agents: try row.int("agents"), targetSeconds: try row.double("target_seconds"))
            assertClose(
                measure(fromTraffic), expected, absolute: Self.tolerance, "\(row.caseID) \(column) from traffic")
        }
    }

    func testErlangBMatchesEveryReferenceRow() throws {
        let rows = try ReferenceTables.erlangC()
        XCTAssertEqual(rows.count, 661)
        for row in rows {
            let blocking = ErlangB.blocking(traffic: try row.double("traffic_erlangs"), agents: try row.int("agents"))
            assertClose(blocking, try row.double("erlang_b"), absolute: Self.tolerance, "\(row.caseID) erlang_b")
        }
    }

    func testProbabilityOfWaitMatchesEveryReferenceRow() throws { try checkColumn("prob_wait") { $0.probWait } }
    func testServiceLevelMatchesEveryReferenceRow() throws { try checkColumn("service_level") { $0.serviceLevel } }
    func testASAMatchesEveryReferenceRow() throws { try checkColumn("asa_seconds") { $0.asaSeconds } }
    func testOccupancyMatchesEveryReferenceRow() throws { try checkColumn("occupancy") { $0.occupancy } }
    func testMeanQueueLengthMatchesEveryReferenceRow() throws {
        try checkColumn("mean_queue_length") { $0.meanQueueLength }
    }

    func testErlangCHasNoAbandonment() throws {
        for row in try ReferenceTables.erlangC().prefix(50) {
            XCTAssertNil(try metrics(row).abandonRate, row.caseID)
        }
    }

    /// The column tests are only as strong as the rows: make sure the hard regions are there.
    func testFixtureCoversHugeTrafficNearUnityAndInstability() throws {
        let rows = try ReferenceTables.erlangC()
        let stable = try rows.filter { try $0.int("stable") == 1 }
        XCTAssertGreaterThanOrEqual(try rows.map { try $0.double("traffic_erlangs") }.max() ?? 0, 21_000)
        XCTAssertGreaterThanOrEqual(try stable.map { try $0.double("utilisation") }.max() ?? 0, 0.999)
        XCTAssertTrue(
            try rows.contains {
                try $0.int("stable") == 0 && Double(try $0.int("agents")) == (try $0.double("traffic_erlangs"))
            },
            "no N = A row")
    }

    // MARK: Conventions at the edges (README: unstable and zero-traffic conventions)

    func testZeroTrafficConvention() {
        for agents in [0, 1, 7] {
            let m = ErlangC.metrics(
                contacts: 0, intervalSeconds: 900, ahtSeconds: 300, agents: agents, targetSeconds: 20)
            XCTAssertEqual(
                [m.probWait, m.serviceLevel, m.asaSeconds, m.occupancy, m.meanQueueLength], [0, 1, 0, 0, 0],
                "agents \(agents)")
            XCTAssertEqual(m.trafficErlangs, 0)
        }
        XCTAssertEqual(ErlangB.blocking(traffic: 0, agents: 3), 0)
        XCTAssertEqual(ErlangB.blocking(traffic: 5, agents: 0), 1)
    }

    /// 0.7 contacts of 180 s in 7 s is exactly 18 Erlangs, though 0.7·180/7 = 17.999999999999996
    /// in binary: 18 agents are unstable (N = A), 19 are not.
    func testStabilityIsDecidedOnTheDecimalTraffic() {
        let atTraffic = ErlangC.metrics(
            contacts: 0.7, intervalSeconds: 7, ahtSeconds: 180, agents: 18, targetSeconds: 20)
        XCTAssertEqual(atTraffic.probWait, 1)
        XCTAssertEqual(atTraffic.serviceLevel, 0)
        XCTAssertEqual(atTraffic.asaSeconds, .infinity)
        XCTAssertEqual(atTraffic.meanQueueLength, .infinity)
        XCTAssertEqual(atTraffic.occupancy, 1)
        let oneMore = ErlangC.metrics(contacts: 0.7, intervalSeconds: 7, ahtSeconds: 180, agents: 19, targetSeconds: 20)
        XCTAssertTrue(oneMore.asaSeconds.isFinite)
        XCTAssertLessThan(oneMore.probWait, 1)
    }

    func testFarOverstaffedQueueHasNoWaitAndDoesNotHang() {
        let m = ErlangC.metrics(traffic: 0.01, ahtSeconds: 300, agents: QueueingLimits.maximumAgents, targetSeconds: 0)
        XCTAssertEqual(m.probWait, 0)
        XCTAssertEqual(m.serviceLevel, 1)
        XCTAssertEqual(ErlangB.blocking(traffic: 0.01, agents: QueueingLimits.maximumAgents), 0)
    }

    // MARK: Properties

    /// More agents never hurt: SL rises, waiting falls, every measure stays in its range.
    func testMeasuresAreMonotoneInAgentsAndBounded() {
        var generator = SeededGenerator(seed: 20_240_601)
        for _ in 0..<200 {
            let traffic = Double.random(in: 0.05...3_000, using: &generator)
            let aht = Double.random(in: 30...900, using: &generator)
            let target = Double.random(in: 0...120, using: &generator)
            var previous: QueueMetrics? = nil
            for agents in Int(traffic) + 1...Int(traffic) + 60 {
                let m = ErlangC.metrics(traffic: traffic, ahtSeconds: aht, agents: agents, targetSeconds: target)
                let context = "A \(traffic) AHT \(aht) T \(target) N \(agents)"
                XCTAssertTrue((0...1).contains(m.probWait), context)
                XCTAssertTrue((0...1).contains(m.serviceLevel), context)
                XCTAssertGreaterThanOrEqual(m.serviceLevel, 1 - m.probWait - 1e-15, context)
                XCTAssertTrue(m.asaSeconds >= 0 && m.meanQueueLength >= 0, context)
                if let previous {
                    XCTAssertGreaterThanOrEqual(m.serviceLevel, previous.serviceLevel, context)
                    XCTAssertLessThanOrEqual(m.probWait, previous.probWait, context)
                    XCTAssertLessThanOrEqual(m.asaSeconds, previous.asaSeconds, context)
                }
                previous = m
            }
        }
    }

    // MARK: Invalid input

    func testInvalidInputGivesNaNInsteadOfTrapping() {
        let cases: [(Double, Double, Double, Int, Double)] = [
            (-1, 900, 300, 5, 20), (.nan, 900, 300, 5, 20), (.infinity, 900, 300, 5, 20), (10, 0, 300, 5, 20),
            (10, 900, -5, 5, 20), (10, 900, 0, 5, 20), (10, 900, .nan, 5, 20), (10, 900, 300, -1, 20),
            (10, 900, 300, QueueingLimits.maximumAgents + 1, 20), (10, 900, 300, Int.max, 20), (10, 900, 300, 5, -1),
            (10, 900, 300, 5, .infinity),
        ]
        for (contacts, interval, aht, agents, target) in cases {
            let m = ErlangC.metrics(
                contacts: contacts, intervalSeconds: interval, ahtSeconds: aht, agents: agents, targetSeconds: target)
            XCTAssertTrue(
                m.probWait.isNaN && m.serviceLevel.isNaN && m.asaSeconds.isNaN,
                "\(contacts) \(interval) \(aht) \(agents) \(target)")
        }
        XCTAssertTrue(ErlangB.blocking(traffic: -1, agents: 3).isNaN)
        XCTAssertTrue(ErlangB.blocking(traffic: .nan, agents: 3).isNaN)
        XCTAssertTrue(ErlangB.blocking(traffic: 2, agents: -3).isNaN)
        XCTAssertTrue(
            ErlangC.metrics(traffic: .infinity, ahtSeconds: 300, agents: 5, targetSeconds: 20).serviceLevel.isNaN)
    }

    func testValidatedMetricsNameTheBadInput() {
        func name(_ body: () throws(QueueingError) -> QueueMetrics) -> String? {
            do {
                _ = try body()
                return nil
            } catch {
                if case .invalidParameter(let name, _) = error { return name.rawValue }
                return nil
            }
        }
        XCTAssertEqual(
            name { () throws(QueueingError) in
                try ErlangC.validatedMetrics(
                    contacts: -3, intervalSeconds: 900, ahtSeconds: 300, agents: 5, targetSeconds: 20)
            }, "contacts")
        XCTAssertEqual(
            name { () throws(QueueingError) in
                try ErlangC.validatedMetrics(
                    contacts: 3, intervalSeconds: .nan, ahtSeconds: 300, agents: 5, targetSeconds: 20)
            }, "interval_seconds")
        XCTAssertEqual(
            name { () throws(QueueingError) in
                try ErlangC.validatedMetrics(
                    contacts: 3, intervalSeconds: 900, ahtSeconds: -5, agents: 5, targetSeconds: 20)
            }, "aht_seconds")
        XCTAssertEqual(
            name { () throws(QueueingError) in
                try ErlangC.validatedMetrics(
                    contacts: 3, intervalSeconds: 900, ahtSeconds: 300, agents: -2, targetSeconds: 20)
            }, "agents")
        XCTAssertEqual(
            name { () throws(QueueingError) in
                try ErlangC.validatedMetrics(
                    contacts: 3, intervalSeconds: 900, ahtSeconds: 300, agents: 5, targetSeconds: -1)
            }, "target_seconds")
        XCTAssertEqual(
            name { () throws(QueueingError) in
                try ErlangC.validatedMetrics(traffic: -0.5, ahtSeconds: 300, agents: 5, targetSeconds: 1)
            }, "traffic_erlangs")
        do {
            _ = try ErlangC.validatedMetrics(
                contacts: 3, intervalSeconds: 900, ahtSeconds: -5, agents: 5, targetSeconds: 20)
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.description, "aht_seconds: must be a positive number of seconds, got -5")
        }
    }
}
