import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Issue 9: the AHT forecast learns event effects from past occurrences, as volumes do.
final class AHTCalendarTests: XCTestCase {
    func testPromotionDaysWithLongerCallsRaiseTheForecastAHT() throws {
        let office = officeChannel(days: 16 * 7, base: 100, growth: 0)
        var series = office.series(seed: 5)
        // Promotions (whole days, all channels): three past ones of two days, one in the horizon.
        let promotionDays: [CivilDate] = [
            (2025, 2, 4), (2025, 2, 5), (2025, 3, 4), (2025, 3, 5), (2025, 4, 1), (2025, 4, 2),
        ]
        .map { CivilDate(year: $0.0, month: $0.1, day: $0.2)! }
        let future = CivilDate(year: 2025, month: 5, day: 6)!  // a Tuesday after the history (ends 2025-04-27)
        var events: [UserEvent] = []
        for (k, day) in ([promotionDays[0], promotionDays[2], promotionDays[4], future]).enumerated() {
            let last = k < 3 ? day.adding(days: 1) : day
            events.append(
                UserEvent(
                    name: "promo \(k)", kind: .promotion, channel: nil, start: Int64(day.daysSinceEpoch) * 86_400,
                    end: Int64(last.daysSinceEpoch + 1) * 86_400, isWholeDays: true, firstDay: day, lastDay: last,
                    location: SourceLocation(file: "events.csv", line: k + 2, column: 1)))
        }
        // AHT 300 s, 330 s (+10 %) on promotion days; noise-free.
        let promo = Set(promotionDays.map(\.daysSinceEpoch))
        series.ahtSeconds = (0..<series.count).map { i in
            guard let c = series.contacts[i], c > 0 else { return nil }
            return promo.contains(Int(series.instant(at: i) / 86_400)) ? 330 : 300
        }
        let input = ForecastInput(series: series, calendar: .utc, userEvents: events)
        let model = try XCTUnwrap(AHTForecast.fit(input))
        let plain = try XCTUnwrap(AHTForecast.fit(series, calendar: .utc))
        let promoDay = office.instants(fromDay: future, days: 1).filter { office.truth(at: [$0])[0] > 0 }
        let normalDay = office.instants(fromDay: CivilDate(year: 2025, month: 5, day: 13)!, days: 1).filter {
            office.truth(at: [$0])[0] > 0
        }
        // Six past promotion days: the log effect log(1.1) shrunk by 6/7 = ×1.085. The profile holds
        // the promotion days too (3 of 16 Tuesdays, recency-weighted), so the normal Tuesday sits up
        // to ~2 % above 300 and the effect is measured against it: hence 2.5 %.
        let ratio = model.aht(at: promoDay).reduce(0, +) / model.aht(at: normalDay).reduce(0, +)
        assertClose(ratio, exp(log(1.1) * 6 / 7), relative: 0.025)
        XCTAssertGreaterThan(ratio, 1.05)
        assertClose(model.aht(at: normalDay).reduce(0, +) / Double(normalDay.count), 300, relative: 0.03)
        // Without the calendar both days are the same.
        assertClose(plain.aht(at: promoDay).reduce(0, +), plain.aht(at: normalDay).reduce(0, +), relative: 0.01)
    }
}
