import Queueing
import XCTest

@testable import Planning

/// The week's figures on a small case worked out by hand.
final class WeekKPIsTests: XCTestCase {
    func row(
        _ instant: Int64, _ channel: String, contacts: Double, aht: Double, agents: Int, heads: Int, sl: Double,
        occupancy: Double,
        beforeCap: Int? = nil, deferred: Bool = false
    ) -> RequirementRow {
        let metrics = QueueMetrics(
            agents: agents, trafficErlangs: 0, probWait: 0, serviceLevel: sl, asaSeconds: 0,
            occupancy: occupancy, meanQueueLength: 0, abandonRate: nil)
        return RequirementRow(
            instant: instant, channel: channel, contacts: contacts, meanContacts: contacts, ahtSeconds: aht,
            staffing: Staffing(agents: agents, headcount: heads, metrics: metrics, agentsBeforeOccupancyCap: beforeCap),
            serviceLevelAtMean: sl, backlog: deferred ? 2 : nil, oldestAgeSeconds: deferred ? 600 : nil)
    }

    func testTwoChannelsAndAMailbox() {
        let phone = [
            row(0, "phone", contacts: 60, aht: 180, agents: 3, heads: 4, sl: 0.9, occupancy: 0.8, beforeCap: 2),
            row(1800, "phone", contacts: 100, aht: 180, agents: 5, heads: 7, sl: 0.8, occupancy: 0.6),
        ]
        let chat = [
            row(0, "chat", contacts: 40, aht: 360, agents: 3, heads: 5, sl: 0.7, occupancy: 0.5),
            row(1800, "chat", contacts: 10, aht: 360, agents: 1, heads: 2, sl: 1, occupancy: 0.25),
        ]
        let mail = [row(0, "email", contacts: 20, aht: 360, agents: 2, heads: 3, sl: 1, occupancy: 1, deferred: true)]
        let kpis = WeekKPIs.compute(
            [
                ("phone", .queue, phone), ("chat", .chat(concurrency: 2, ahtByConcurrency: nil), chat),
                ("email", .deferred(DeferredRules(deadlineSeconds: 86_400)), mail),
            ],
            intervalSeconds: 1800, fteHoursPerWeek: 36)
        // Seats: at 00:00 4 + 5 + 3 = 12 heads, at 00:30 7 + 2 = 9; the largest channel peak is 7.
        XCTAssertEqual(kpis.all.peakHeads, 12)
        XCTAssertEqual(kpis.realTime.peakHeads, 9, "phone and chat: 4 + 5 and 7 + 2")
        XCTAssertEqual(kpis.channels[0].totals.peakHeads, 7)
        // Agent-hours: (4 + 7 + 5 + 2 + 3) × 0.5 h = 10.5; FTE at 36 h a week.
        XCTAssertEqual(kpis.all.agentHours, 10.5, accuracy: 1e-12)
        XCTAssertEqual(kpis.all.fte, 10.5 / 36, accuracy: 1e-12)
        // Workload: (60 + 100) × 180 s = 8 h for phone.
        XCTAssertEqual(kpis.channels[0].totals.workloadHours, 8, accuracy: 1e-12)
        // Service level over real-time channels, contact-weighted: (54 + 80 + 28 + 10) / 210.
        XCTAssertEqual(kpis.realTime.serviceLevel!, 172.0 / 210, accuracy: 1e-12)
        XCTAssertEqual(
            kpis.all.serviceLevel!, 172.0 / 210, accuracy: 1e-12, "the mailbox's deadline is not averaged in")
        XCTAssertNil(kpis.deferred?.serviceLevel)
        XCTAssertEqual(kpis.answeredInTime, 1)
        XCTAssertEqual(kpis.closingBacklog, 2)
        // Occupancy weighted by agents: phone (0.8·3 + 0.6·5) / 8; all (2.4 + 3 + 1.5 + 0.25 + 2) / 14.
        XCTAssertEqual(kpis.channels[0].totals.occupancy!, 5.4 / 8, accuracy: 1e-12)
        XCTAssertEqual(kpis.all.occupancy!, 9.15 / 14, accuracy: 1e-12)
        // The occupancy cap raised phone's first interval (2 → 3 agents).
        XCTAssertEqual(kpis.channels[0].totals.cappedByOccupancy, 1)
        XCTAssertEqual(kpis.channels[0].totals.staffedIntervals, 2)
    }
}
