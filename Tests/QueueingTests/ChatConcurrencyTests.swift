import TestSupport
import XCTest

@testable import Queueing

final class ChatConcurrencyTests: XCTestCase {
    /// K = 1 is Erlang C: every stable reference row (50-digit values) to 1e-9 absolute.
    func testConcurrencyOneIsErlangC() throws {
        var checked = 0
        for row in try ReferenceTables.erlangC() where row.fields["stable"] == "1" {
            let agents = try row.int("agents")
            guard agents <= 3_000 else { continue }
            let metrics = ChatConcurrency.metrics(
                contacts: try row.double("arrivals_per_interval"),
                intervalSeconds: try row.double("interval_seconds"),
                ahtSecondsByConcurrency: [try row.double("aht_seconds")], agents: agents,
                targetSeconds: try row.double("target_seconds"))
            assertClose(metrics.probWait, try row.double("prob_wait"), absolute: 1e-9, row.caseID)
            assertClose(metrics.serviceLevel, try row.double("service_level"), absolute: 1e-9, row.caseID)
            assertClose(metrics.asaSeconds, try row.double("asa_seconds"), relative: 1e-9, absolute: 1e-9, row.caseID)
            assertClose(metrics.occupancy, try row.double("occupancy"), absolute: 1e-9, row.caseID)
            assertClose(
                metrics.meanQueueLength, try row.double("mean_queue_length"), relative: 1e-9, absolute: 1e-9, row.caseID
            )
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20)
    }

    /// One agent, K = 2, AHT 60 s alone and 90 s in pairs, 20 contacts per 30 minutes (λ = 1/90 s):
    /// μ(1) = 1/60, μ(2) = μ* = 2/90, ρ = 1/2; π ∝ 1, 2/3, then (1/3)·ρʲ, total 7/3.
    /// P(wait) = 2/7, SL(30) = 1 − (2/7)e^(−1/3), ASA = (2/7)·90, occupancy = (2/3 + 4/3)/(7/3)/2 = 3/7,
    /// mean queue 2/7.
    func testHandComputedSmallCase() {
        let metrics = ChatConcurrency.metrics(
            contacts: 20, intervalSeconds: 1800, ahtSecondsByConcurrency: [60, 90], agents: 1,
            targetSeconds: 30)
        assertClose(metrics.probWait, 2.0 / 7, absolute: 1e-14)
        assertClose(metrics.serviceLevel, 1 - 2.0 / 7 * exp(-1.0 / 3), absolute: 1e-14)
        assertClose(metrics.asaSeconds, 180.0 / 7, relative: 1e-13)
        assertClose(metrics.occupancy, 3.0 / 7, absolute: 1e-14)
        assertClose(metrics.meanQueueLength, 2.0 / 7, absolute: 1e-14)
        assertClose(metrics.trafficErlangs, 0.5, absolute: 1e-15)
    }

    func testMonotoneInAgentsAndStableOnlyAboveFullConcurrencyLoad() {
        let aht: [Double] = [300, 360, 450]  // per conversation at 1, 2, 3 at once
        // λ·AHT(3)/3 = 400/1800·150 = 33.3 agents fully loaded.
        XCTAssertEqual(
            ChatConcurrency.metrics(
                contacts: 400, intervalSeconds: 1800, ahtSecondsByConcurrency: aht, agents: 33,
                targetSeconds: 60
            ).serviceLevel, 0)
        var previous = ChatConcurrency.metrics(
            contacts: 400, intervalSeconds: 1800, ahtSecondsByConcurrency: aht, agents: 34,
            targetSeconds: 60)
        XCTAssertGreaterThan(previous.serviceLevel, 0)
        for agents in 35...90 {
            let metrics = ChatConcurrency.metrics(
                contacts: 400, intervalSeconds: 1800, ahtSecondsByConcurrency: aht, agents: agents,
                targetSeconds: 60)
            XCTAssertGreaterThanOrEqual(metrics.serviceLevel, previous.serviceLevel, "\(agents)")
            XCTAssertLessThanOrEqual(metrics.asaSeconds, previous.asaSeconds, "\(agents)")
            XCTAssertLessThanOrEqual(metrics.probWait, previous.probWait, "\(agents)")
            XCTAssertTrue((0...1).contains(metrics.occupancy))
            previous = metrics
        }
    }

    /// K = 1 staffing equals the Erlang C solver's on the reference rows without an occupancy cap.
    func testRequiredAgentsWithConcurrencyOneMatchReferenceStaffing() throws {
        var checked = 0
        for row in try ReferenceTables.requiredAgents() where row.optionalDouble("max_occupancy") == nil {
            guard try row.double("traffic_erlangs") < 2_000 else { continue }
            let target = StaffingTarget(
                serviceLevel: try row.double("sl_target"), targetSeconds: try row.double("target_seconds"),
                shrinkage: try row.double("shrinkage"))
            let staffing = try ChatConcurrency.requiredAgents(
                contacts: try row.double("arrivals_per_interval"),
                intervalSeconds: try row.double("interval_seconds"),
                ahtSecondsByConcurrency: [try row.double("aht_seconds")], target: target)
            XCTAssertEqual(staffing.agents, try row.int("raw_agents"), row.caseID)
            XCTAssertEqual(staffing.headcount, try row.int("scheduled_agents"), row.caseID)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 5)
    }

    func testRequiredAgentsAreTheFewestMeetingTheTarget() throws {
        let aht: [Double] = [240, 300, 390]
        let target = StaffingTarget(serviceLevel: 0.8, targetSeconds: 60, maxOccupancy: 0.9, shrinkage: 0.25)
        let staffing = try ChatConcurrency.requiredAgents(
            contacts: 500, intervalSeconds: 1800, ahtSecondsByConcurrency: aht, target: target)
        XCTAssertGreaterThanOrEqual(staffing.metrics.serviceLevel, 0.8)
        XCTAssertLessThanOrEqual(staffing.metrics.occupancy, 0.9)
        let fewer = ChatConcurrency.metrics(
            contacts: 500, intervalSeconds: 1800, ahtSecondsByConcurrency: aht,
            agents: staffing.agents - 1, targetSeconds: 60)
        XCTAssertTrue(fewer.serviceLevel < 0.8 || fewer.occupancy > 0.9)
        XCTAssertEqual(staffing.headcount, Headcount.scheduled(agents: staffing.agents, shrinkage: 0.25))
        // Concurrency helps but is not "AHT / K": three at once need more than a third of single-chat staff.
        let single = try ChatConcurrency.requiredAgents(
            contacts: 500, intervalSeconds: 1800, ahtSecondsByConcurrency: [240], target: target)
        XCTAssertLessThan(staffing.agents, single.agents)
        XCTAssertGreaterThan(3 * staffing.agents, single.agents)
        XCTAssertEqual(
            try ChatConcurrency.requiredAgents(
                contacts: 0, intervalSeconds: 1800, ahtSecondsByConcurrency: aht,
                target: target
            ).agents, 0)
    }

    /// A low occupancy cap gives the same staff as walking up one agent at a time from the
    /// service-level answer (brute force), for caps down to the 0.05 allowed without --force.
    func testLowOccupancyCapIsTheFewestByBruteForce() throws {
        let aht: [Double] = [400, 460, 540]
        for (contacts, cap) in [(250.0, 0.05), (900.0, 0.05), (120.0, 0.2), (40.0, 0.5)] {
            let target = StaffingTarget(serviceLevel: 0.8, targetSeconds: 60, maxOccupancy: cap)
            let staffing = try ChatConcurrency.requiredAgents(
                contacts: contacts, intervalSeconds: 1800, ahtSecondsByConcurrency: aht, target: target)
            let uncapped = try ChatConcurrency.requiredAgents(
                contacts: contacts, intervalSeconds: 1800, ahtSecondsByConcurrency: aht,
                target: StaffingTarget(serviceLevel: 0.8, targetSeconds: 60))
            var brute = uncapped.agents
            while !(ChatConcurrency.metrics(
                contacts: contacts, intervalSeconds: 1800, ahtSecondsByConcurrency: aht, agents: brute,
                targetSeconds: 60
            ).occupancy <= cap) { brute += 1 }
            XCTAssertEqual(staffing.agents, brute, "\(contacts) chats, cap \(cap)")
        }
    }

    func testBadInputNamesTheField() {
        func name(_ body: () throws(QueueingError) -> Void) -> String? {
            do throws(QueueingError) {
                try body()
                return nil
            } catch {
                if case .invalidParameter(let name, _) = error { return name.rawValue }
                return nil
            }
        }
        let target = StaffingTarget(serviceLevel: 0.8, targetSeconds: 60)
        XCTAssertEqual(
            name { () throws(QueueingError) in
                _ = try ChatConcurrency.requiredAgents(
                    contacts: 10, intervalSeconds: 900, ahtSecondsByConcurrency: [], target: target)
            }, "concurrency")
        XCTAssertEqual(
            name { () throws(QueueingError) in
                _ = try ChatConcurrency.requiredAgents(
                    contacts: 10, intervalSeconds: 900, ahtSecondsByConcurrency: [300, -1], target: target)
            }, "aht_seconds")
        XCTAssertEqual(
            name { () throws(QueueingError) in
                _ = try ChatConcurrency.requiredAgents(
                    contacts: .nan, intervalSeconds: 900, ahtSecondsByConcurrency: [300], target: target)
            }, "contacts")
        var patient = target
        patient.patienceSeconds = 120
        XCTAssertEqual(
            name { () throws(QueueingError) in
                _ = try ChatConcurrency.requiredAgents(
                    contacts: 10, intervalSeconds: 900, ahtSecondsByConcurrency: [300], target: patient)
            }, "patience_seconds")
        XCTAssertTrue(
            ChatConcurrency.metrics(
                contacts: 10, intervalSeconds: 900, ahtSecondsByConcurrency: [300, 0], agents: 3,
                targetSeconds: 20
            ).serviceLevel.isNaN)
        XCTAssertEqual(ChatConcurrency.ahtByConcurrency(ahtSeconds: 300, concurrency: 3), [300, 300, 300])
    }
}
