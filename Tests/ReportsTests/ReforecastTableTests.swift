import StaffcastCore
import XCTest

@testable import Planning
@testable import Reports

final class ReforecastTableTests: XCTestCase {
    static let monday: Int64 = 1_762_128_000  // 2025-11-03T00:00:00Z

    func row(_ instant: Int64, _ channel: String, planned: Double, reforecast: Double, required: Int?, scheduled: Int)
        -> Reforecast.Row
    {
        Reforecast.Row(
            instant: instant, channel: channel, planned: planned, reforecast: reforecast, requiredAgents: required,
            scheduledAgents: scheduled, shortAgents: required.map { max(0, $0 - scheduled) })
    }

    /// At 10:10 on Monday 2025-11-03 (UTC, half hours): a phone channel 10 % above plan and short
    /// in two of three intervals, a deferred e-mail channel with no actuals yet, and a chat channel
    /// with nothing left open.
    func result() -> Reforecast.Result {
        let m = Self.monday
        let phone = Reforecast.ChannelResult(
            channel: "phone", factor: 1.1, tomorrowFactor: 1.05, observedIntervals: 4, knownIntervals: 4,
            actualSoFar: 44, plannedSoFar: 40,
            rows: [
                row(m + 37_800, "phone", planned: 20, reforecast: 22, required: 6, scheduled: 3),
                row(m + 39_600, "phone", planned: 18, reforecast: 19.8, required: 5, scheduled: 3),
                row(m + 86_400 + 28_800, "phone", planned: 10, reforecast: 10.5, required: 3, scheduled: 4),
            ],
            shrinkage: 0.25)
        let email = Reforecast.ChannelResult(
            channel: "email", factor: 0.9, tomorrowFactor: 0.95, observedIntervals: 0, knownIntervals: 0,
            actualSoFar: 0, plannedSoFar: 0,
            rows: [row(m + 37_800, "email", planned: 5, reforecast: 4.5, required: nil, scheduled: 2)], shrinkage: 0)
        let chat = Reforecast.ChannelResult(
            channel: "chat", factor: 1, tomorrowFactor: 1, observedIntervals: 3, knownIntervals: 3, actualSoFar: 9,
            plannedSoFar: 12, rows: [], shrinkage: 0.3)
        return Reforecast.Result(
            now: m + 36_600, today: CivilDate(year: 2025, month: 11, day: 3)!,
            tomorrow: CivilDate(year: 2025, month: 11, day: 4)!, intervalSeconds: 1800,
            channels: [phone, email, chat], notes: [])
    }

    /// Rows of every channel sorted by instant then channel; deferred work leaves required and
    /// short empty.
    func testCSVSortsByInstantThenChannel() {
        XCTAssertEqual(
            csvLines(ReforecastTable.csv(result(), calendar: .utc)),
            [
                "timestamp,channel,planned_forecast,reforecast,required_agents,scheduled_agents,short_agents",
                "2025-11-03T10:30:00Z,email,5,4.5,,2,",
                "2025-11-03T10:30:00Z,phone,20,22,6,3,3",
                "2025-11-03T11:00:00Z,phone,18,19.8,5,3,2",
                "2025-11-04T08:00:00Z,phone,10,10.5,3,4,0",
            ])
    }

    func testCSVWritesLocalTimesWithTheirOffset() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        let lines = csvLines(ReforecastTable.csv(result(), calendar: amsterdam))
        // November: CET, UTC+1.
        XCTAssertEqual(lines[1], "2025-11-03T11:30:00+01:00,email,5,4.5,,2,")
        XCTAssertEqual(lines[4], "2025-11-04T09:00:00+01:00,phone,10,10.5,3,4,0")
    }

    /// Phone: 44/40 = 1.100; short 3 and 2 of 3 intervals; 3 agents at 25 % shrinkage are
    /// 3 / 0.75 = 4 heads; (3 + 2 + 0) × ½ h = 2.5 agent-hours.
    func testSummaryPerChannel() {
        let lines = ReforecastTable.summary(result(), calendar: .utc).split(separator: "\n").map(String.init)
        XCTAssertEqual(
            lines,
            [
                "phone: level factor 1.100 for the rest of 2025-11-03 (actual/plan so far 1.100 over 4 interval(s)), "
                    + "1.050 for 2025-11-04; 2 of 3 interval(s) short, by at most 3 agent(s) "
                    + "(4 head(s) at 25 % shrinkage), 2.5 agent-hours short",
                "email: level factor 0.900 for the rest of 2025-11-03 (no actuals so far), 0.950 for 2025-11-04; "
                    + "not re-staffed (deferred work: its plan needs the backlog waiting now)",
                "chat: level factor 1.000 for the rest of 2025-11-03 (actual/plan so far 0.750 over 3 interval(s)), "
                    + "1.000 for 2025-11-04; no open interval left today or tomorrow",
            ])
    }
}
