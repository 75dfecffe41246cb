import Planning
import Queueing
import StaffcastCore
import XCTest

@testable import Reports

final class WeeklyStaffingTests: XCTestCase {
    func row(_ instant: Int64, _ channel: String, contacts: Double, aht: Double, agents: Int, headcount: Int)
        -> RequirementRow
    {
        let metrics = QueueMetrics(
            agents: agents, trafficErlangs: 0, probWait: 0, serviceLevel: 1, asaSeconds: 0,
            occupancy: 0, meanQueueLength: 0, abandonRate: nil)
        return RequirementRow(
            instant: instant, channel: channel, contacts: contacts, meanContacts: contacts, ahtSeconds: aht,
            staffing: Staffing(agents: agents, headcount: headcount, metrics: metrics), serviceLevelAtMean: 1)
    }

    func testDailyTotalsAndClosedDays() {
        let monday = CivilDate(year: 2003, month: 9, day: 1)!
        let start = Int64(monday.daysSinceEpoch) * 86_400 + 7 * 3600
        let rows = [
            row(start, "calls", contacts: 100, aht: 360, agents: 20, headcount: 29),
            row(start + 1800, "calls", contacts: 50, aht: 360, agents: 10, headcount: 15),
        ]
        let weekly = DailyStaffing.summarize(
            rows, dates: [monday, monday.adding(days: 1)], channels: ["calls", "chat"],
            intervalSeconds: 1800, calendar: .utc)
        XCTAssertEqual(weekly.count, 4, "every date × channel, closed ones included")
        let first = weekly[0]
        XCTAssertEqual(first.channel, "calls")
        XCTAssertEqual(first.contacts, 150)
        XCTAssertEqual(first.workloadHours, 15, accuracy: 1e-12)  // 150 × 360 s
        XCTAssertEqual(first.agentHoursRequired, 22, accuracy: 1e-12)  // (29 + 15) × 0.5 h
        XCTAssertEqual(first.headcountPeak, 29)
        XCTAssertEqual(weekly[1].channel, "chat")
        XCTAssertEqual(weekly[1].contacts, 0)
        XCTAssertEqual(WeeklyStaffing.csv(weekly).split(separator: "\n")[1], "2003-09-01,calls,150,15,22,29,")
    }
}
