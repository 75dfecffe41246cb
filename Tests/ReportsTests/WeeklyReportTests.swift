import Forecasting
import Planning
import Queueing
import StaffcastCore
import XCTest

@testable import Reports

final class WeeklyReportTests: XCTestCase {
    /// A 24/7 channel over the ISO week of 2025-10-26 in Amsterdam (a 25-hour Sunday) and over
    /// the week of 2025-03-30 (a 23-hour Sunday), two contacts per half hour.
    func report(channel: String, monday: CivilDate, calendar: PlanningCalendar) -> WeeklyReport {
        let start = calendar.startOfDay(monday)
        let end = calendar.startOfDay(monday.adding(days: 7))
        let instants = Array(stride(from: start, to: end, by: 1800))
        let twos = [Double](repeating: 2, count: instants.count)
        let forecast = Forecast(
            channel: channel, model: "regression", instants: instants, mean: twos, lo80: twos, hi80: twos, lo95: twos,
            hi95: twos)
        let metrics = QueueMetrics(
            agents: 1, trafficErlangs: 0.33, probWait: 0.33, serviceLevel: 0.9, asaSeconds: 5,
            occupancy: 0.33, meanQueueLength: 0.1, abandonRate: nil)
        let rows = instants.map {
            RequirementRow(
                instant: $0, channel: channel, contacts: 2, meanContacts: 2, ahtSeconds: 300,
                staffing: Staffing(agents: 1, headcount: 2, metrics: metrics), serviceLevelAtMean: 0.9)
        }
        let dates = (0..<7).map { monday.adding(days: $0) }
        let daily = DailyStaffing.summarize(
            rows, dates: dates, channels: [channel], intervalSeconds: 1800, calendar: calendar)
        let channelReport = ChannelReport(
            channel: channel, model: "regression", historyInstants: [], historyValues: [],
            forecast: forecast, actuals: instants.map { _ in nil }, requirements: rows)
        return WeeklyReport(
            weekLabel: "W", calendar: calendar, intervalSeconds: 1800, dates: dates, channels: [channelReport],
            daily: daily, version: "test")
    }

    func testEscapesEveryUserString() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        let html = report(
            channel: "<script>alert(1)</script>", monday: CivilDate(year: 2025, month: 10, day: 20)!,
            calendar: amsterdam
        ).html()
        XCTAssertFalse(html.contains("<script"), "no script element may reach the page")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertFalse(html.contains("http://") && html.contains("<link"), "no external resources")
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
    }

    func testDSTWeeksHave50And46HalfHoursOnSunday() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        for (monday, sunday) in [
            (CivilDate(year: 2025, month: 10, day: 20)!, 50), (CivilDate(year: 2025, month: 3, day: 24)!, 46),
        ] {
            let weekly = report(channel: "chat", monday: monday, calendar: amsterdam)
            let starts = weekly.dayStarts(weekly.channels[0].forecast.instants)
            XCTAssertEqual(starts.count, 7)
            XCTAssertEqual(starts.map(\.0), [0, 48, 96, 144, 192, 240, 288])
            XCTAssertEqual(weekly.channels[0].forecast.instants.count - 288, sunday)
            // Sunday's agent-hours follow the day's length: 2 heads × 25 h or 23 h.
            XCTAssertEqual(weekly.daily[6].agentHoursRequired, Double(sunday), accuracy: 1e-9)
        }
    }
}
