import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// The calendar regression's event windows: a lead ramp before a retail event learnt from past
/// occurrences, and a multi-week uplift that must not leave the level inflated afterwards.
final class CalendarRegressionWindowTests: XCTestCase {
    /// A web shop open 08:00–20:00 every day, hourly intervals, from Monday 2 January 2023.
    func shopChannel(days: Int, multiplier: @escaping (CivilDate) -> Double) -> SyntheticChannel {
        var channel = SyntheticChannel(firstDay: CivilDate(year: 2023, month: 1, day: 2)!, days: days) { local, weeks in
            let hour = Double(local.secondsOfDay) / 3600
            guard (8.0..<20.0).contains(hour) else { return 0 }
            let dayLevel = [1.2, 1.1, 1.0, 1.0, 0.95, 0.8, 0.9][local.weekday - 1]
            let profile = 0.6 + 0.8 * exp(-pow((hour - 11) / 3, 2)) + 0.4 * exp(-pow((hour - 19) / 1.5, 2))
            return 200 * dayLevel * profile * pow(1.002, weeks) * multiplier(local.date)
        }
        channel.intervalSeconds = 3600
        return channel
    }

    func dailyTotals(_ values: [Double], _ instants: [Int64], calendar: PlanningCalendar) -> [CivilDate: Double] {
        var totals: [CivilDate: Double] = [:]
        for (t, v) in zip(instants, values) { totals[calendar.local(t).date, default: 0] += v }
        return totals
    }

    func testRecoversABlackFridayLeadRampFromTwoPastOccurrences() throws {
        let blackFridays = [(2023, 24), (2024, 29), (2025, 28)].map { CivilDate(year: $0.0, month: 11, day: $0.1)! }
        let events = blackFridays.map {
            CalendarEvent(name: "Black Friday", date: $0, kind: .retail, country: "NL", leadDays: 3, lagDays: 0)
        }
        let ramp: [Int: Double] = [-3: 1.10, -2: 1.15, -1: 1.25, 0: 1.80]
        func multiplier(_ date: CivilDate) -> Double {
            for bf in blackFridays {
                let k = date.daysSinceEpoch - bf.daysSinceEpoch
                if let m = ramp[k] { return m }
            }
            return 1
        }
        // History through Sunday 23 November 2025; the test week is Monday 24 – Sunday 30 November.
        let firstDay = CivilDate(year: 2023, month: 1, day: 2)!
        let testMonday = CivilDate(year: 2025, month: 11, day: 24)!
        let channel = shopChannel(days: testMonday.daysSinceEpoch - firstDay.daysSinceEpoch, multiplier: multiplier)
        let input = ForecastInput(series: channel.series(seed: 11), calendar: .utc, calendarEvents: events)
        let week = channel.instants(fromDay: testMonday, days: 7)
        let truth = dailyTotals(channel.truth(at: week), week, calendar: .utc)

        // Default shrinkage: the ramp (6 past days) within 6 %, and far from the flat forecast.
        let fitted = try CalendarRegressionModel().fit(input)
        let forecast = dailyTotals(fitted.pointForecast(at: week), week, calendar: .utc)
        for k in 1...3 {
            let day = testMonday.adding(days: 4 - k)
            let ratio = try XCTUnwrap(forecast[day]) / truth[day]!
            XCTAssertEqual(ratio, 1, accuracy: 0.06, "Black Friday − \(k): forecast / truth \(ratio)")
        }
        let monday = try XCTUnwrap(forecast[testMonday]) / truth[testMonday]!
        XCTAssertEqual(monday, 1, accuracy: 0.05, "the Monday before the ramp is an ordinary day")

        // Unshrunk, the day itself too (2 past occurrences).
        let raw = try CalendarRegressionModel(eventShrinkage: 0).fit(input)
        let rawForecast = dailyTotals(raw.pointForecast(at: week), week, calendar: .utc)
        let bf = blackFridays[2]
        XCTAssertEqual(try XCTUnwrap(rawForecast[bf]) / truth[bf]!, 1, accuracy: 0.08)
        for k in 1...3 {
            let day = bf.adding(days: -k)
            XCTAssertEqual(try XCTUnwrap(rawForecast[day]) / truth[day]!, 1, accuracy: 0.05)
        }
        let effects = try XCTUnwrap(raw as? CalendarRegressionModel.Fitted).eventEffects
        XCTAssertEqual(try XCTUnwrap(effects["retail lead: Black Friday"]), log(1.25), accuracy: 0.06)
    }

    func testAMultiWeekUpliftDoesNotInflateTheLevelAfterwards() throws {
        // "January returns"-like: ×1.25 for two weeks from the first Monday after 1 January.
        let starts = [
            CivilDate(year: 2023, month: 1, day: 2)!, CivilDate(year: 2024, month: 1, day: 8)!,
            CivilDate(year: 2025, month: 1, day: 6)!,
        ]
        let events = starts.map {
            CalendarEvent(
                name: "January returns weeks", date: $0, kind: .retail, country: "NL", leadDays: 0, lagDays: 13)
        }
        func multiplier(_ date: CivilDate) -> Double {
            starts.contains { (0...13).contains(date.daysSinceEpoch - $0.daysSinceEpoch) } ? 1.25 : 1
        }
        // The history ends Sunday 26 January 2025, one week after the uplift; forecast 27 Jan – 2 Feb.
        let firstDay = CivilDate(year: 2023, month: 1, day: 2)!
        let testMonday = CivilDate(year: 2025, month: 1, day: 27)!
        let channel = shopChannel(days: testMonday.daysSinceEpoch - firstDay.daysSinceEpoch, multiplier: multiplier)
        let series = channel.series(seed: 5)
        let week = channel.instants(fromDay: testMonday, days: 7)
        let truth = channel.truth(at: week).reduce(0, +)

        let input = ForecastInput(series: series, calendar: .utc, calendarEvents: events)
        let withEvents = try CalendarRegressionModel().fit(input).pointForecast(at: week).reduce(0, +)
        XCTAssertEqual(withEvents / truth, 1, accuracy: 0.03, "the level after the uplift")

        // Without the calendar the uplift two weeks ago inflates the level (what the events fix).
        let plain = try CalendarRegressionModel().fit(ForecastInput(series: series, calendar: .utc))
            .pointForecast(at: week).reduce(0, +)
        XCTAssertGreaterThan(plain / truth, withEvents / truth)
    }
}
