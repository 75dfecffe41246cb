import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Issue 3 item 2: the intraday shape of event days. Black Friday is planted evening-heavy
/// (×0.6 before 13:00, ×1.5 from 13:00, on top of the usual Friday profile, all ×1.6); after two
/// past Black Fridays the forecast of the third has the planted shape and an unchanged day total.
final class CalendarRegressionShapeTests: XCTestCase {
    func testRecoversAnEveningHeavyBlackFridayShape() throws {
        let blackFridays = [
            CivilDate(year: 2023, month: 11, day: 24)!, CivilDate(year: 2024, month: 11, day: 29)!,
            CivilDate(year: 2025, month: 11, day: 28)!,
        ]
        let events = try HolidayCalendar.events(countries: ["US"], years: 2023...2025).filter {
            $0.name == "Black Friday"
        }
        XCTAssertEqual(events.map(\.date), blackFridays)
        var office = officeChannel(days: 0, base: 300, growth: 0)
        office.firstDay = CivilDate(year: 2023, month: 6, day: 5)!  // a Monday
        office.days = CivilDate(year: 2025, month: 11, day: 17)!.daysSinceEpoch - office.firstDay.daysSinceEpoch
        var channel = office
        channel.expected = { local, weeks in
            let normal = office.expected(local, weeks)
            guard blackFridays.contains(local.date) else { return normal }
            return normal * 1.6 * (local.secondsOfDay < 13 * 3600 ? 0.6 : 1.5)
        }
        let input = ForecastInput(series: channel.series(seed: 31), calendar: .utc, calendarEvents: events)
        let day = channel.instants(fromDay: blackFridays[2], days: 1)
        let ordinaryFriday = channel.instants(fromDay: CivilDate(year: 2025, month: 11, day: 21)!, days: 1)
        func afternoonShare(_ values: [Double]) -> Double {
            zip(day, values).filter { $0.0 % 86_400 >= 13 * 3600 }.reduce(0) { $0 + $1.1 } / values.reduce(0, +)
        }
        let truthShare = afternoonShare(channel.truth(at: day))
        let normalShare = afternoonShare(office.truth(at: day))
        XCTAssertGreaterThan(truthShare - normalShare, 0.15, "the planted shape is clearly evening-heavy")

        // Unshrunk, the shape is the planted one, slot by slot.
        let raw = try XCTUnwrap(
            try CalendarRegressionModel(eventShrinkage: 0).fit(input) as? CalendarRegressionModel.Fitted)
        let shape = try XCTUnwrap(raw.shapes["retail: Black Friday"])
        let forecast = raw.pointForecast(at: day)
        assertClose(afternoonShare(forecast), truthShare, absolute: 0.015)
        let truth = channel.truth(at: day)
        let totalRatio = forecast.reduce(0, +) / truth.reduce(0, +)
        for k in day.indices where truth[k] > 0 {
            XCTAssertEqual(forecast[k] / truth[k] / totalRatio, 1, accuracy: 0.1, "slot \(k)")
        }
        XCTAssertNil(raw.shapes["retail +1: Black Friday"], "windows are level-only")
        XCTAssertEqual(shape.count, 48)

        // The shape moves volume within the day and leaves its total alone.
        var flat = raw
        flat.shapes = [:]
        assertClose(forecast.reduce(0, +), flat.pointForecast(at: day).reduce(0, +), relative: 0.005)
        assertClose(afternoonShare(flat.pointForecast(at: day)), normalShare, absolute: 0.015)
        // An ordinary Friday keeps its shape.
        XCTAssertEqual(raw.pointForecast(at: ordinaryFriday), flat.pointForecast(at: ordinaryFriday))

        // Shrunk by n / (n + 1) with two past Black Fridays: between the normal and the planted shape.
        let shrunk = try CalendarRegressionModel().fit(input).pointForecast(at: day)
        XCTAssertGreaterThan(afternoonShare(shrunk), normalShare + 0.05)
        XCTAssertLessThan(afternoonShare(shrunk), truthShare - 0.01)
    }
}
