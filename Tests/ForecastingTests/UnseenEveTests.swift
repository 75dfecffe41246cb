import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Issue 22: an eve the history has never shown is not forecast with another holiday's eve
/// effect copied in: halfway to the six-week average, a range that holds both, and a warning.
final class UnseenEveTests: XCTestCase {
    /// 16 weeks from Monday 6 January 2025 (to Sunday 27 April); "Eve of A" on four Wednesdays
    /// at 40 % of a normal day; after the history, "Eve of B" (never in it) on Wednesday 30 April
    /// and "Eve of A" again on Wednesday 7 May.
    func fixture() -> (ForecastInput, origin: Int64, eveB: CivilDate, eveA: CivilDate) {
        let pastEves = [
            CivilDate(year: 2025, month: 1, day: 22)!, CivilDate(year: 2025, month: 2, day: 19)!,
            CivilDate(year: 2025, month: 3, day: 19)!, CivilDate(year: 2025, month: 4, day: 16)!,
        ]
        let office = officeChannel(days: 16 * 7, growth: 0)
        var channel = office
        channel.expected = { local, weeks in office.expected(local, weeks) * (pastEves.contains(local.date) ? 0.4 : 1) }
        let series = channel.series(seed: 3, noise: false)
        let eveB = CivilDate(year: 2025, month: 4, day: 30)!
        let eveA = CivilDate(year: 2025, month: 5, day: 7)!
        var events = pastEves.map { CalendarEvent(name: "Eve of A", date: $0, kind: .eve, country: nil) }
        events.append(CalendarEvent(name: "Eve of B", date: eveB, kind: .eve, country: nil))
        events.append(CalendarEvent(name: "Eve of A", date: eveA, kind: .eve, country: nil))
        let input = ForecastInput(series: series, calendar: .utc, calendarEvents: events)
        return (input, series.end, eveB, eveA)
    }

    func dayTotals(_ forecast: Forecast, _ day: CivilDate) -> (mean: Double, lo80: Double, hi80: Double) {
        let keep = forecast.instants.indices.filter {
            CivilDate(daysSinceEpoch: Int(forecast.instants[$0] / 86_400)) == day
        }
        return (
            keep.reduce(0) { $0 + forecast.mean[$1] }, keep.reduce(0) { $0 + forecast.lo80[$1] },
            keep.reduce(0) { $0 + forecast.hi80[$1] }
        )
    }

    func testAnUnseenEveIsHedgedTowardANormalDayAndWarned() throws {
        let (input, origin, eveB, eveA) = fixture()
        let auto = AutoForecaster(models: [CalendarRegressionModel()])
        let forecast = try auto.forecast(input, origin: origin, horizonSeconds: 14 * 86_400).forecast
        let normal = dayTotals(forecast, CivilDate(year: 2025, month: 5, day: 1)!)  // a Thursday (1.0 × as Wed)
        let unseen = dayTotals(forecast, eveB)
        let seen = dayTotals(forecast, eveA)
        // The seen eve keeps its learned effect (40 %, shrunk toward a normal day); the unseen
        // one, which the model gives the same pooled eve effect, lies halfway to a normal day and
        // its range reaches both.
        XCTAssertLessThan(seen.mean / normal.mean, 0.55)
        XCTAssertEqual(unseen.mean, (seen.mean + normal.mean) / 2, accuracy: 0.03 * normal.mean)
        XCTAssertLessThanOrEqual(unseen.lo80, seen.mean * 1.01)
        XCTAssertGreaterThanOrEqual(unseen.hi80, 0.99 * normal.mean)

        let decisions = input.holidayDecisions(from: origin, to: origin + 14 * 86_400)
        XCTAssertEqual(decisions.map(\.treatment), [.unseenEve])
        XCTAssertEqual(decisions.first?.date, eveB)
        XCTAssertTrue(decisions.first?.warning?.contains("Eve of B is not in the history") == true)
    }
}
