import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

final class SeasonalNaiveTests: XCTestCase {
    /// Each week's values are distinct (100 · week + slot), so the forecast shows which week it
    /// took: the last one, or an earlier one where the last is unknown.
    private func weeklyCountingSeries(weeks: Int) -> (IntervalSeries, OpeningHours) {
        let start = Int64(CivilDate(year: 2025, month: 1, day: 6)!.daysSinceEpoch) * 86_400  // a Monday
        let perWeek = 7 * 24
        let values: [Double?] = (0..<(weeks * perWeek)).map { i in
            let hour = i % 24
            return (8..<18).contains(hour) ? Double(100 * (i / perWeek + 1) + hour) : 0
        }
        let series = IntervalSeries(channel: "c", intervalSeconds: 3600, start: start, contacts: values)
        return (series, OpeningHours.learn(from: series, calendar: .utc))
    }

    func testTakesTheSameSlotOfTheLastWeek() throws {
        let (series, hours) = weeklyCountingSeries(weeks: 3)
        let fitted = try SeasonalNaiveModel().fit(ForecastInput(series: series, calendar: .utc, openingHours: hours))
        let nextMonday10 = series.end + 10 * 3600
        let nextMonday03 = series.end + 3 * 3600
        XCTAssertEqual(fitted.pointForecast(at: [nextMonday10, nextMonday03]), [310, 0])
        // Two weeks ahead still uses the most recent known week, not a future one.
        XCTAssertEqual(fitted.pointForecast(at: [nextMonday10 + 604_800]), [310])
    }

    /// An unknown day is skipped — it is not a zero: the week before is used.
    func testUnknownDayIsNotZero() throws {
        var (series, hours) = weeklyCountingSeries(weeks: 3)
        let lastWednesday = series.end - 5 * 86_400
        for i in 0..<24 { series.contacts[series.index(of: lastWednesday + Int64(i) * 3600)!] = nil }
        let fitted = try SeasonalNaiveModel().fit(ForecastInput(series: series, calendar: .utc, openingHours: hours))
        let nextWednesday12 = lastWednesday + 604_800 + 12 * 3600
        XCTAssertEqual(fitted.pointForecast(at: [nextWednesday12]), [212])

        let zeroed = IntervalSeries(
            channel: "c", intervalSeconds: 3600, start: series.start,
            contacts: series.contacts.map { $0 ?? 0 })
        let wrong = try SeasonalNaiveModel().fit(ForecastInput(series: zeroed, calendar: .utc, openingHours: hours))
        XCTAssertEqual(wrong.pointForecast(at: [nextWednesday12]), [0], "control: a zero day is taken as zero")
    }

    /// Weeks are stepped in local days: after the spring-forward change, 09:00 local is taken
    /// from 09:00 local a week earlier, an hour later in UTC.
    func testAlignsOnLocalClockAcrossDST() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        let channel = SyntheticChannel(
            calendar: amsterdam, intervalSeconds: 1800,
            firstDay: CivilDate(year: 2025, month: 3, day: 10)!, days: 21
        ) { local, _ in
            Double(local.secondsOfDay / 1800) + 1  // the local half-hour of the day
        }
        let series = channel.series(seed: 1, noise: false)
        let fitted = try SeasonalNaiveModel().fit(ForecastInput(series: series, calendar: amsterdam))
        let nineAM = try XCTUnwrap(
            amsterdam.instants(
                for: LocalDateTime(
                    date: CivilDate(year: 2025, month: 4, day: 1)!,
                    secondsOfDay: 9 * 3600)
            ).first)
        XCTAssertEqual(fitted.pointForecast(at: [nineAM]), [19])
    }

    func testRefusesAnEmptyHistory() {
        let series = IntervalSeries(
            channel: "empty", intervalSeconds: 1800, start: 0, contacts: Array(repeating: nil, count: 96))
        let input = ForecastInput(series: series, calendar: .utc, openingHours: .always(intervalSeconds: 1800))
        XCTAssertThrowsError(try SeasonalNaiveModel().fit(input)) { error in
            guard case ForecastingError.insufficientHistory(channel: "empty", _) = error else {
                return XCTFail("\(error)")
            }
        }
    }

    /// The six-week average of the same slot, skipping an unknown week.
    func testWeeklyAverageSkipsUnknownWeeks() throws {
        var (series, hours) = weeklyCountingSeries(weeks: 8)
        let lastMonday = series.end - 7 * 86_400
        series.contacts[series.index(of: lastMonday + 9 * 3600)!] = nil
        let fitted = try WeeklyAverageModel(weeks: 6).fit(
            ForecastInput(series: series, calendar: .utc, openingHours: hours))
        // Weeks 7, 6, 5, 4, 3, 2 (week 8 unknown at Monday 09:00): mean of 709 … 209 = 459.
        XCTAssertEqual(fitted.pointForecast(at: [series.end + 9 * 3600]), [459])
        // Monday 10:00 is known in week 8: weeks 8 … 3 → mean 560.
        XCTAssertEqual(fitted.pointForecast(at: [series.end + 10 * 3600]), [560])
    }
}
