import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Issue 9: the planner is told what the models treated specially, with dates and channels; and
/// no model copies such a day into a normal one.
final class ForecastAnomalyTests: XCTestCase {
    /// 20 weeks of the office channel from Monday 2025-01-06: an outage 12:00–16:00 on Wednesday
    /// 2025-03-12 (absent), a ×10 glitch on Tuesday 2025-04-15, the level ×0.75 from Monday
    /// 2025-04-28 on; US holidays, so Memorial Day (26 May) is in the horizon, unseen.
    func history() throws -> (SyntheticChannel, IntervalSeries, [CalendarEvent]) {
        let office = officeChannel(days: 20 * 7, base: 200, growth: 0)
        let shift = CivilDate(year: 2025, month: 4, day: 28)!
        var channel = office
        channel.expected = { local, weeks in office.expected(local, weeks) * (local.date >= shift ? 0.75 : 1) }
        var series = channel.series(seed: 4)
        let holidays = try HolidayCalendar.events(countries: ["US"], years: 2025...2025)
        for h in holidays where h.kind == .holiday {
            for instant in channel.instants(fromDay: h.date, days: 1) {
                if let i = series.index(of: instant) { series.contacts[i] = 0 }
            }
        }
        for instant in channel.instants(fromDay: CivilDate(year: 2025, month: 3, day: 12)!, days: 1) {
            let hour = (instant % 86_400) / 3600
            if hour >= 12 && hour < 16, let i = series.index(of: instant) { series.contacts[i] = nil }
        }
        for instant in channel.instants(fromDay: CivilDate(year: 2025, month: 4, day: 15)!, days: 1) {
            if let i = series.index(of: instant), let v = series.contacts[i] { series.contacts[i] = v * 10 }
        }
        return (channel, series, holidays)
    }

    func testListsOutageGlitchLevelShiftAndUnseenHoliday() throws {
        let (_, series, holidays) = try history()
        let input = ForecastInput(series: series, calendar: .utc, calendarEvents: holidays)
        let anomalies = input.anomalies(origin: series.end, horizonSeconds: 7 * 86_400)
        let d = { (y: Int, m: Int, day: Int) in CivilDate(year: y, month: m, day: day)! }
        XCTAssertEqual(
            anomalies.map(\.kind), [.absentStretch, .glitchDay, .levelShift, .unseenHoliday],
            anomalies.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(anomalies.map(\.first), [d(2025, 3, 12), d(2025, 4, 15), d(2025, 4, 28), d(2025, 5, 26)])
        XCTAssert(anomalies.allSatisfy { $0.channel == "synthetic" })
        XCTAssertEqual(
            anomalies[0].description,
            "synthetic: 2025-03-12 absent stretch: 12:00–16:00: 8 open intervals absent; unknown, not zero")
        // ×10 against neighbouring Tuesdays of which half are after the ×0.75 shift: ≈ 10 / 0.875.
        XCTAssertTrue(anomalies[1].detail.contains("× the neighbouring Tuesdays"), anomalies[1].detail)
        let ratio = try XCTUnwrap(Double(anomalies[1].detail.prefix { $0 != "×" }))
        XCTAssert((9.5...13).contains(ratio), anomalies[1].detail)
        XCTAssertTrue(anomalies[2].detail.contains("×0.7"), anomalies[2].detail)  // the planted 0.75
        XCTAssertTrue(anomalies[3].detail.contains("Memorial Day"), anomalies[3].detail)
    }

    /// Seasonal naive and the six-week average skip the glitch day instead of copying it.
    func testSameSlotModelsDoNotCopyAGlitchDay() throws {
        let (channel, series, _) = try history()
        // Forecast the Tuesday after the glitch from the history up to Monday 2025-04-21.
        let origin = channel.instants(fromDay: CivilDate(year: 2025, month: 4, day: 21)!, days: 1)[0]
        let input = ForecastInput(series: series.truncated(before: origin), calendar: .utc)
        let tuesday = channel.instants(fromDay: CivilDate(year: 2025, month: 4, day: 22)!, days: 1)
        let truth = channel.truth(at: tuesday).reduce(0, +)
        for model in [SeasonalNaiveModel(), WeeklyAverageModel(weeks: 6)] as [any ForecastModel] {
            let total = try model.fit(input).pointForecast(at: tuesday).reduce(0, +)
            assertClose(total, truth, relative: 0.08, model.name)
        }
    }

    /// The eve of Yom Kippur (a short day) is not copied into the next normal Wednesday.
    func testSeasonalNaiveDoesNotCopyAHolidayEve() throws {
        let events = try HolidayCalendar.events(countries: ["IL"], years: 2025...2025)
        let eve = try XCTUnwrap(events.first { $0.name == "Eve of Yom Kippur" }).date  // Wednesday 2025-10-01
        let office = officeChannel(days: 0, base: 200, growth: 0)
        let channel = SyntheticChannel(firstDay: CivilDate(year: 2025, month: 7, day: 7)!, days: 13 * 7) {
            local, weeks in
            office.expected(local, weeks) * (local.date == eve ? 0.4 : 1)
        }
        let series = channel.series(seed: 2)
        let origin = channel.instants(fromDay: CivilDate(year: 2025, month: 10, day: 6)!, days: 1)[0]
        let input = ForecastInput(series: series.truncated(before: origin), calendar: .utc, calendarEvents: events)
        let wednesday = channel.instants(fromDay: CivilDate(year: 2025, month: 10, day: 8)!, days: 1)
        let total = try SeasonalNaiveModel().fit(input).pointForecast(at: wednesday).reduce(0, +)
        assertClose(total, channel.truth(at: wednesday).reduce(0, +), relative: 0.1)
        // Without the calendar it would have copied the eve.
        let plain = try SeasonalNaiveModel().fit(
            ForecastInput(series: series.truncated(before: origin), calendar: .utc)
        )
        .pointForecast(at: wednesday).reduce(0, +)
        assertClose(plain, 0.4 * channel.truth(at: wednesday).reduce(0, +), relative: 0.1)
    }
}
