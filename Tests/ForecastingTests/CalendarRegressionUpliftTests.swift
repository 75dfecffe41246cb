import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Issue 3 item 2: a future promotion with no past twin uses the planner's expected uplift as a
/// prior, shrunk toward what past promotions show: (n · δ̂ + k · log u) / (n + k).
final class CalendarRegressionUpliftTests: XCTestCase {
    private func promotion(_ name: String, on day: CivilDate, uplift: Double? = nil, line: Int) -> UserEvent {
        UserEvent(
            name: name, kind: .promotion, channel: nil, start: Int64(day.daysSinceEpoch) * 86_400,
            end: Int64(day.daysSinceEpoch + 1) * 86_400, isWholeDays: true, firstDay: day, lastDay: day,
            location: SourceLocation(file: "events.csv", line: line, column: 1), uplift: uplift)
    }

    /// Forecast totals of local `day` with and without the extra events `extra`.
    private func dayRatio(
        _ channel: SyntheticChannel, seed: UInt64, past: [UserEvent], extra: [UserEvent],
        day: CivilDate
    ) throws -> Double {
        let series = channel.series(seed: seed)
        let instants = channel.instants(fromDay: day, days: 1)
        let with = try CalendarRegressionModel().fit(
            ForecastInput(series: series, calendar: .utc, userEvents: past + extra)
        )
        .pointForecast(at: instants).reduce(0, +)
        let without = try CalendarRegressionModel().fit(ForecastInput(series: series, calendar: .utc, userEvents: past))
            .pointForecast(at: instants).reduce(0, +)
        XCTAssertGreaterThan(without, 1000)
        return with / without
    }

    func testUpliftAloneWithoutPastPromotions() throws {
        let channel = officeChannel(days: 12 * 7, growth: 0)
        let day = channel.firstDay.adding(days: 12 * 7 + 2)  // the Wednesday after the history
        let sale = promotion("spring sale", on: day, uplift: 1.5, line: 2)
        assertClose(try dayRatio(channel, seed: 4, past: [], extra: [sale], day: day), 1.5, relative: 0.02)
        // The next day is untouched, and a promotion without an uplift (and no past ones) has no effect.
        assertClose(
            try dayRatio(channel, seed: 4, past: [], extra: [sale], day: day.adding(days: 1)), 1, relative: 0.001)
        var plain = sale
        plain.uplift = nil
        assertClose(try dayRatio(channel, seed: 4, past: [], extra: [plain], day: day), 1, relative: 0.001)
    }

    func testUpliftIsShrunkTowardPastPromotions() throws {
        let office = officeChannel(days: 20 * 7, growth: 0)
        let pastDays = [
            CivilDate(year: 2025, month: 2, day: 12)!, CivilDate(year: 2025, month: 3, day: 19)!,
            CivilDate(year: 2025, month: 4, day: 16)!, CivilDate(year: 2025, month: 5, day: 21)!,
        ]
        var channel = office
        channel.expected = { local, weeks in office.expected(local, weeks) * (pastDays.contains(local.date) ? 1.2 : 1) }
        let past = pastDays.enumerated().map { promotion("sale \($0.offset)", on: $0.element, line: $0.offset + 2) }
        let day = office.firstDay.adding(days: 20 * 7 + 2)
        let sale = promotion("big sale", on: day, uplift: 1.5, line: 6)

        let series = channel.series(seed: 12)
        let fitted = try XCTUnwrap(
            try CalendarRegressionModel().fit(ForecastInput(series: series, calendar: .utc, userEvents: past + [sale]))
                as? CalendarRegressionModel.Fitted)
        let seen = try XCTUnwrap(fitted.effects.evidence["promotion"])
        XCTAssertEqual(seen.days, 4)
        XCTAssertEqual(seen.estimate, log(1.2), accuracy: 0.05)

        let ratio = try dayRatio(channel, seed: 12, past: past, extra: [sale], day: day)
        XCTAssertGreaterThan(ratio, 1.2)
        XCTAssertLessThan(ratio, 1.5)
        // k = 1: (4 · δ̂ + log 1.5) / 5, against (4 · log 1.2 + log 1.5) / 5 ≈ log 1.255 planted.
        assertClose(ratio, exp((4 * seen.estimate + log(1.5)) / 5), relative: 0.01)
        assertClose(ratio, exp((4 * log(1.2) + log(1.5)) / 5), relative: 0.05)
        // Without the uplift the same promotion gets the past promotions' shrunk effect, lower.
        var plain = sale
        plain.uplift = nil
        let borrowed = try dayRatio(channel, seed: 12, past: past, extra: [plain], day: day)
        assertClose(borrowed, exp(seen.estimate * 4 / 5), relative: 0.01)
        XCTAssertLessThan(borrowed, ratio - 0.05)
    }
}
