import TestSupport
import XCTest

@testable import Queueing

/// Issue 22: a measured average concurrency (2.5 chats at once) staffs ⌊N·c⌋ Erlang C slots.
/// Checked against the 50-digit reference table of required agents (the slots), not against
/// the code's own Erlang C.
final class AverageConcurrencyTests: XCTestCase {
    private func target(_ row: ReferenceRow) throws -> StaffingTarget {
        StaffingTarget(
            serviceLevel: try row.double("sl_target"), targetSeconds: try row.double("target_seconds"),
            maxOccupancy: row.optionalDouble("max_occupancy"), shrinkage: try row.double("shrinkage"))
    }

    /// The fewest agents are the fewest N with ⌊N·c⌋ at least the reference's slots, and the
    /// measures at those slots are the reference's whenever ⌊N·c⌋ is exactly that many.
    func testAgentsAreTheFewestWhoseSlotsReachTheReference() throws {
        var exact = 0
        for row in try ReferenceTables.requiredAgents() {
            let slots = try row.int("raw_agents")
            for c in [1.5, 2.5, 3.7] {
                let staffing = try AverageConcurrency.requiredAgents(
                    contacts: try row.double("arrivals_per_interval"),
                    intervalSeconds: try row.double("interval_seconds"), ahtSeconds: try row.double("aht_seconds"),
                    concurrency: c, target: try target(row))
                // Independent: the smallest whole N with N·c ≥ slots, by counting up.
                var n = 0
                while (Double(n) * c).rounded(.down) < Double(slots) { n += 1 }
                XCTAssertEqual(staffing.agents, n, "\(row.caseID) c=\(c)")
                XCTAssertEqual(
                    staffing.metrics.trafficErlangs, try row.double("traffic_erlangs") / c, accuracy: 1e-9,
                    row.caseID)
                if (Double(n) * c).rounded(.down) == Double(slots) {
                    exact += 1
                    assertClose(
                        staffing.metrics.serviceLevel, try row.double("achieved_sl"), absolute: 1e-9,
                        "\(row.caseID) c=\(c) sl")
                    assertClose(
                        staffing.metrics.probWait, try row.double("prob_wait"), absolute: 1e-9,
                        "\(row.caseID) c=\(c) prob_wait")
                    assertClose(
                        staffing.metrics.occupancy, try row.double("achieved_occupancy"), absolute: 1e-9,
                        "\(row.caseID) c=\(c) occupancy")
                }
            }
        }
        XCTAssertGreaterThan(exact, 100)
    }

    /// A whole concurrency with one AHT is the chat model's chain (N·K Erlang C slots).
    func testWholeConcurrencyAgreesWithTheChatModel() throws {
        let target = StaffingTarget(serviceLevel: 0.8, targetSeconds: 60, shrinkage: 0.3)
        for contacts in [3.0, 40, 250, 900] {
            let chat = try ChatConcurrency.requiredAgents(
                contacts: contacts, intervalSeconds: 1800,
                ahtSecondsByConcurrency: ChatConcurrency.ahtByConcurrency(ahtSeconds: 420, concurrency: 3),
                target: target)
            let average = try AverageConcurrency.requiredAgents(
                contacts: contacts, intervalSeconds: 1800, ahtSeconds: 420, concurrency: 3, target: target)
            XCTAssertEqual(average.agents, chat.agents, "\(contacts)")
            XCTAssertEqual(average.metrics.serviceLevel, chat.metrics.serviceLevel, accuracy: 1e-9)
            XCTAssertEqual(average.headcount, chat.headcount)
        }
    }

    func testSlotsAndAgents() {
        XCTAssertEqual(AverageConcurrency.slots(agents: 4, concurrency: 2.5), 10)
        XCTAssertEqual(AverageConcurrency.slots(agents: 3, concurrency: 2.5), 7)
        XCTAssertEqual(AverageConcurrency.agents(forSlots: 8, concurrency: 2.5), 4)
        XCTAssertEqual(AverageConcurrency.agents(forSlots: 7, concurrency: 2.5), 3)
        XCTAssertEqual(AverageConcurrency.agents(forSlots: 0, concurrency: 2.5), 0)
        XCTAssertNil(AverageConcurrency.slots(agents: Int.max, concurrency: 2.5))
    }

    func testRefusesWhatTheModelCannotHold() {
        let target = StaffingTarget(serviceLevel: 0.8, targetSeconds: 60)
        for c in [0.5, .nan, .infinity, 101] {
            XCTAssertThrowsError(
                try AverageConcurrency.requiredAgents(
                    contacts: 10, intervalSeconds: 1800, ahtSeconds: 300, concurrency: c, target: target), "\(c)")
        }
        var patient = target
        patient.patienceSeconds = 60
        XCTAssertThrowsError(
            try AverageConcurrency.requiredAgents(
                contacts: 10, intervalSeconds: 1800, ahtSeconds: 300, concurrency: 2.5, target: patient))
    }
}
