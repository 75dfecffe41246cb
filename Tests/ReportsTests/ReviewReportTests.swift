import Foundation
import Queueing
import StaffcastCore
import XCTest

@testable import Planning
@testable import Reports

final class ReviewReportTests: XCTestCase {
    static let sales = #"Sales & "Support" <EU>"#
    /// The name as a CSV cell: quoted, its quotes doubled.
    static let salesCSV = #""Sales & ""Support"" <EU>""#
    static let salesHTML = "Sales &amp; &quot;Support&quot; &lt;EU&gt;"
    static let monday: Int64 = 1_762_128_000  // 2025-11-03T00:00:00Z

    func interval(
        _ instant: Int64, _ channel: String, forecast: Double, bands: (Double, Double, Double, Double),
        inPlan: Bool = true, actual: Double?, aht: Double, heads: Int, agents: Int, required: Int?, level: Double?
    ) -> Review.Interval {
        Review.Interval(
            instant: instant, channel: channel, forecast: forecast, lo80: bands.0, hi80: bands.1, lo95: bands.2,
            hi95: bands.3, inPlan: inPlan, actual: actual, ahtSeconds: aht, actualAHT: actual != nil,
            scheduledHeads: heads, scheduledAgents: agents, requiredAgents: required, serviceLevel: level,
            offered: actual ?? 0, inTime: (actual ?? 0) * (level ?? 0))
    }

    func summary(
        _ channel: String, _ date: CivilDate?, forecast: Double, actual: Double, intervals: Int, wape: Double?,
        bias: Double?, coverage: Double?, level: Double?, over: Double, under: Double
    ) -> Review.Summary {
        Review.Summary(
            channel: channel, date: date, forecast: forecast, actual: actual, intervals: intervals, wape: wape,
            bias: bias, coverage80: coverage, coverage95: coverage, serviceLevel: level, overAgentHours: over,
            underAgentHours: under)
    }

    /// Two channels of 2025-W45 in UTC: the first (a name with markup and quotes) with a known
    /// Monday 07:00, an unknown 07:30, and a Tuesday 07:00 the plan had closed; the second, listed
    /// later but sorting first by name, with one interval at Monday 07:00.
    func review() -> Review.Result {
        let mon = CivilDate(year: 2025, month: 11, day: 3)!
        let tue = CivilDate(year: 2025, month: 11, day: 4)!
        let t7 = Self.monday + 7 * 3600
        let sales = Review.ChannelReview(
            channel: Self.sales, measure: .simulated, targetLevel: 0.8, targetSeconds: 20,
            intervals: [
                interval(
                    t7, Self.sales, forecast: 10.5, bands: (8, 13, 6, 15), actual: 12, aht: 300, heads: 5, agents: 4,
                    required: 3, level: 0.9),
                interval(
                    t7 + 1800, Self.sales, forecast: 19.75, bands: (15, 25, 12, 28), actual: nil, aht: 287.5, heads: 6,
                    agents: 4, required: nil, level: nil),
                interval(
                    t7 + 86_400, Self.sales, forecast: 0, bands: (0, 0, 0, 0), inPlan: false, actual: 3, aht: 310.25,
                    heads: 2, agents: 2, required: 5, level: 0.5),
            ],
            days: [
                summary(
                    Self.sales, mon, forecast: 30.25, actual: 12, intervals: 1, wape: 0.125, bias: -0.125, coverage: 1,
                    level: 0.9, over: 0.5, under: 0),
                summary(
                    Self.sales, tue, forecast: 0, actual: 3, intervals: 1, wape: 1, bias: -1, coverage: 0, level: 0.5,
                    over: 0, under: 1.5),
            ],
            week: summary(
                Self.sales, nil, forecast: 30.25, actual: 15, intervals: 2, wape: 0.3, bias: nil, coverage: 0.5,
                level: 0.8, over: 0.5, under: 1.5),
            weekLevel: ConfidenceInterval(mean: 0.8126, halfWidth: 0.0225))
        let billing = Review.ChannelReview(
            channel: "Billing", measure: .chatModel, targetLevel: 0.9, targetSeconds: 60,
            intervals: [
                interval(
                    t7, "Billing", forecast: 4, bands: (2, 6, 1, 7), actual: 5, aht: 240, heads: 3, agents: 2,
                    required: 2, level: 1)
            ],
            days: [
                summary(
                    "Billing", mon, forecast: 4, actual: 5, intervals: 1, wape: 0.2, bias: -0.2, coverage: 1, level: 1,
                    over: 0, under: 0)
            ],
            week: summary(
                "Billing", nil, forecast: 4, actual: 5, intervals: 1, wape: 0.2, bias: -0.2, coverage: 1, level: 1,
                over: 0, under: 0),
            weekLevel: ConfidenceInterval(mean: 0.98, halfWidth: 0.05))
        return Review.Result(
            label: "2025-W45", calendar: .utc, intervalSeconds: 1800, replications: 10, channels: [sales, billing],
            notes: ["1 interval <without> actuals & replayed empty"])
    }

    func testRenderNamesTheThreeFiles() {
        XCTAssertEqual(
            ReviewReport.render(review()).map(\.name), ["review.csv", "review_intervals.csv", "review.html"])
    }

    func testReviewCSVHasEachChannelsDaysThenItsWeek() {
        XCTAssertEqual(
            csvLines(ReviewReport.csv(review())),
            [
                "channel,date,contacts_forecast,contacts_actual,intervals,wape,bias,coverage80,coverage95,"
                    + "service_level,service_measure,over_agent_hours,under_agent_hours",
                "\(Self.salesCSV),2025-11-03,30.25,12,1,0.125,-0.125,1,1,0.9,simulated,0.5,0",
                "\(Self.salesCSV),2025-11-04,0,3,1,1,-1,0,0,0.5,simulated,0,1.5",
                "\(Self.salesCSV),2025-W45,30.25,15,2,0.3,,0.5,0.5,0.8,simulated,0.5,1.5",
                "Billing,2025-11-03,4,5,1,0.2,-0.2,1,1,1,chat model,0,0",
                "Billing,2025-W45,4,5,1,0.2,-0.2,1,1,1,chat model,0,0",
            ])
    }

    /// Sorted by instant then channel name (not the channels' order); unknown actuals leave
    /// actual, required, gap and service level empty; the gap is scheduled minus required.
    func testIntervalsCSVColumnsAndOrder() {
        XCTAssertEqual(
            csvLines(ReviewReport.intervalsCSV(review())),
            [
                "timestamp,channel,forecast,lo80,hi80,lo95,hi95,actual,aht_seconds,scheduled_heads,scheduled_agents,"
                    + "required_agents,agent_gap,service_level",
                "2025-11-03T07:00:00Z,Billing,4,2,6,1,7,5,240,3,2,2,0,1",
                "2025-11-03T07:00:00Z,\(Self.salesCSV),10.5,8,13,6,15,12,300,5,4,3,1,0.9",
                "2025-11-03T07:30:00Z,\(Self.salesCSV),19.75,15,25,12,28,,287.5,6,4,,,",
                "2025-11-04T07:00:00Z,\(Self.salesCSV),0,0,0,0,0,3,310.25,2,2,5,-3,0.5",
            ])
    }

    func testHTMLEscapesNamesAndNotesAndIsSelfContained() throws {
        let html = ReviewReport.html(review())
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.hasSuffix("</html>\n"))
        XCTAssertFalse(html.contains("<EU>"))
        XCTAssertFalse(html.contains("<without>"))
        XCTAssertTrue(html.contains("<h2>\(Self.salesHTML) <span class=\"model\">service level: simulated"))
        XCTAssertTrue(html.contains("<li>1 interval &lt;without&gt; actuals &amp; replayed empty</li>"))
        assertSelfContained(html)
        XCTAssertTrue(html.contains("<h1>Review of plan 2025-W45</h1>"))
        XCTAssertTrue(html.contains("time zone UTC · 30m intervals · service level from 10 replication(s)"))
        // 3 charts a channel, each well-formed XML.
        let charts = svgFragments(html)
        XCTAssertEqual(charts.count, 6)
        for chart in charts { XCTAssertNotNil(parseXML(chart)) }
    }

    func testHTMLTargetsConfidenceIntervalsAndTable() {
        let html = ReviewReport.html(review())
        // 0.8126 ± 0.0225: 81.3 %, 79.0 % to 83.5 %.
        XCTAssertTrue(
            html.contains("service level: simulated · target 80 % in 20 s · week 81.3 % (95 % CI 79.0 % to 83.5 %)"))
        // 0.98 ± 0.05: the upper end is clamped at 100 %.
        XCTAssertTrue(
            html.contains("service level: chat model · target 90 % in 60 s · week 98.0 % (95 % CI 93.0 % to 100.0 %)"))
        XCTAssertTrue(
            html.contains(
                "<tr><td>Mon 3/11</td><td>30</td><td>12</td><td>12.5 %</td><td>-12.5 %</td><td>100.0 %</td>"
                    + "<td>100.0 %</td><td>90.0 %</td><td>0.5</td><td>0.0</td></tr>"))
        XCTAssertTrue(
            html.contains(
                "<tr class=\"total\"><td>week</td><td>30</td><td>15</td><td>30.0 %</td><td>–</td><td>50.0 %</td>"
                    + "<td>50.0 %</td><td>80.0 %</td><td>0.5</td><td>1.5</td></tr>"))
        XCTAssertTrue(html.contains(">Tue 4/11</text>"), "the closed Tuesday interval had contacts, so it is charted")
    }

    func testOneReplicationShowsNoConfidenceInterval() {
        var review = review()
        review.replications = 1
        let html = ReviewReport.html(review)
        XCTAssertFalse(html.contains("95 % CI"))
        XCTAssertTrue(html.contains("service level from 1 replication(s)"))
    }
}
