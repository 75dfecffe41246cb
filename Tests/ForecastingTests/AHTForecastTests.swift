import Foundation
import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

final class AHTForecastTests: XCTestCase {
    /// A 30-minute series over `days` local days from `first`, open 08:00–18:00 on weekdays, with
    /// `contacts(local)` and `aht(local, weeksFromStart)` (noisy when `noise` > 0: ±noise uniform).
    func makeSeries(
        first: CivilDate, days: Int, calendar: PlanningCalendar, noise: Double = 0, seed: UInt64 = 1,
        contacts: (LocalDateTime) -> Double = { _ in 20 },
        aht: (LocalDateTime, Double) -> Double
    ) -> IntervalSeries {
        let start = calendar.startOfDay(first)
        let end = calendar.startOfDay(first.adding(days: days))
        var rng = SeededGenerator(seed: seed)
        var volumes: [Double?] = []
        var times: [Double?] = []
        var instant = start
        while instant < end {
            let local = calendar.local(instant)
            let hour = local.secondsOfDay / 3600
            if local.weekday <= 5, (8..<18).contains(hour) {
                let weeks = Double(instant - start) / 604_800
                volumes.append(contacts(local))
                times.append(aht(local, weeks) * (1 + noise * (Double.random(in: -1...1, using: &rng))))
            } else {
                volumes.append(0)
                times.append(nil)
            }
            instant += 1800
        }
        return IntervalSeries(
            channel: "calls", intervalSeconds: 1800, start: start, contacts: volumes, ahtSeconds: times)
    }

    func instants(_ calendar: PlanningCalendar, _ date: CivilDate, hour: Int, minute: Int = 0) -> Int64 {
        calendar.instants(for: LocalDateTime(date: date, secondsOfDay: hour * 3600 + minute * 60))[0]
    }

    func testNoAHTInTheHistoryGivesNoForecast() {
        let series = IntervalSeries(channel: "calls", intervalSeconds: 1800, start: 0, contacts: [10, 12, nil, 5])
        XCTAssertNil(AHTForecast.fit(series, calendar: .utc))
        var zeroVolume = series
        zeroVolume.contacts = [0, 0, nil, 0]
        zeroVolume.ahtSeconds = [300, 300, 300, 300]
        XCTAssertNil(AHTForecast.fit(zeroVolume, calendar: .utc), "AHT of intervals without contacts says nothing")
    }

    /// Mornings 420 s, afternoons 240 s, Fridays 10 % longer; noisy; no trend.
    func testRecoversATimeOfDayAndWeekdayShape() throws {
        let first = CivilDate(year: 2025, month: 1, day: 6)!  // a Monday
        let series = makeSeries(first: first, days: 42, calendar: .utc, noise: 0.2) { local, _ in
            (local.secondsOfDay < 13 * 3600 ? 420 : 240) * (local.weekday == 5 ? 1.1 : 1)
        }
        let model = try XCTUnwrap(AHTForecast.fit(series, calendar: .utc))
        XCTAssertEqual(model.weeklyTrend, 0, accuracy: 0.01)
        let monday = first.adding(days: 42)
        let friday = first.adding(days: 46)
        let times = [
            instants(.utc, monday, hour: 9), instants(.utc, monday, hour: 15, minute: 30),
            instants(.utc, friday, hour: 10), instants(.utc, friday, hour: 16),
        ]
        let forecast = model.aht(at: times)
        assertClose(forecast[0], 420, relative: 0.05)
        assertClose(forecast[1], 240, relative: 0.05)
        assertClose(forecast[2], 462, relative: 0.05)
        assertClose(forecast[3], 264, relative: 0.05)
    }

    /// AHT growing 2 % a week over 10 weeks: the fitted slope is log(1.02) per week, and the
    /// forecast a week ahead carries the damped trend on from the last week's level.
    func testRecoversAPlantedTrend() throws {
        let first = CivilDate(year: 2025, month: 1, day: 6)!
        let growth = log(1.02)
        let series = makeSeries(first: first, days: 70, calendar: .utc, noise: 0.1, seed: 3) { local, weeks in
            (local.secondsOfDay < 12 * 3600 ? 360 : 300) * exp(growth * weeks)
        }
        let model = try XCTUnwrap(AHTForecast.fit(series, calendar: .utc))
        XCTAssertEqual(model.weeklyTrend, growth, accuracy: 0.004)
        // A week after the history's end (Monday 09:00 of week 11 is 10 weeks + 9 h after the start).
        let monday = first.adding(days: 77)
        let ahead = Double(instants(.utc, monday, hour: 9) - calendar(.utc, first)) / 604_800
        let truth = 360 * exp(growth * ahead)
        assertClose(model.aht(at: [instants(.utc, monday, hour: 9)])[0], truth, relative: 0.03)
        // Without the trend the forecast would be the recency-weighted past, clearly lower.
        var flat = AHTForecast.Settings()
        flat.damping = 0
        let flatModel = try XCTUnwrap(AHTForecast.fit(series, calendar: .utc, settings: flat))
        XCTAssertLessThan(flatModel.aht(at: [instants(.utc, monday, hour: 9)])[0], truth * 0.95)
    }

    func calendar(_ c: PlanningCalendar, _ date: CivilDate) -> Int64 { c.startOfDay(date) }

    /// One slot with a sliver of volume and a huge AHT does not dominate: its own forecast is
    /// pulled toward its neighbours (and clamped), and the other slots are untouched.
    func testVolumeWeightingKeepsATinySlotFromDominating() throws {
        let first = CivilDate(year: 2025, month: 1, day: 6)!
        let odd = 17 * 3600 + 1800  // 17:30
        let series = makeSeries(
            first: first, days: 42, calendar: .utc,
            contacts: { $0.secondsOfDay == odd ? 0.05 : 20 },
            aht: { local, _ in local.secondsOfDay == odd ? 5000 : 300 })
        let model = try XCTUnwrap(AHTForecast.fit(series, calendar: .utc))
        XCTAssertEqual(model.medianAHT, 300)
        let tuesday = first.adding(days: 43)
        let forecast = model.aht(at: [instants(.utc, tuesday, hour: 17, minute: 30), instants(.utc, tuesday, hour: 10)])
        XCTAssertLessThan(forecast[0], 600, "a tiny-volume slot is shrunk toward its neighbours")
        assertClose(forecast[1], 300, relative: 0.03)
        // An unweighted mean of the 17:30 interval AHTs would be 5000 and the clamp 1200.
        XCTAssertLessThanOrEqual(forecast[0], 4 * model.medianAHT)
    }

    /// Amsterdam: history in winter time (CET), forecast after the spring change (CEST). The
    /// profile follows the local clock, so 09:00 local keeps the morning AHT although it is an
    /// hour earlier in UTC.
    func testSlotsFollowTheLocalClockAcrossDST() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        let first = CivilDate(year: 2025, month: 2, day: 3)!  // Monday; DST starts 30 March
        let series = makeSeries(first: first, days: 54, calendar: amsterdam) { local, _ in
            (9..<10).contains(local.secondsOfDay / 3600) ? 600 : 200
        }
        let model = try XCTUnwrap(AHTForecast.fit(series, calendar: amsterdam))
        let tuesday = CivilDate(year: 2025, month: 4, day: 1)!
        let nine = instants(amsterdam, tuesday, hour: 9)
        let ten = instants(amsterdam, tuesday, hour: 10)
        XCTAssertEqual(amsterdam.utcOffset(at: nine), 7200)
        let forecast = model.aht(at: [nine, ten, nine - 3600])
        assertClose(forecast[0], 600, relative: 0.02)
        assertClose(forecast[1], 200, relative: 0.02)
        assertClose(forecast[2], 200, relative: 0.02, "08:00 local (07:00 UTC, the old 08:00) is not the morning peak")
    }
}
