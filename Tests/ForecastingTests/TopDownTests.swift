import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

final class TopDownTests: XCTestCase {
    func nextWeek(_ input: ForecastInput, after end: Int64) -> [Int64] {
        ForecastHorizon.instants(
            origin: end, horizonSeconds: 604_800, intervalSeconds: input.series.intervalSeconds,
            openingHours: input.openingHours, calendar: input.calendar)
    }

    func dayTotals(_ instants: [Int64], _ values: [Double], calendar: PlanningCalendar) -> [Int: Double] {
        var totals: [Int: Double] = [:]
        for (instant, value) in zip(instants, values) { totals[calendar.local(instant).weekday, default: 0] += value }
        return totals
    }

    /// Twelve flat weeks of the office shape: each weekday's total within 3 % of the planted one,
    /// the intraday shape within 5 % WAPE, the peak in the planted slot, closed slots 0.
    func testRecoversPlantedDailyLevelAndIntradayShape() throws {
        let channel = officeChannel(days: 84, base: 400, growth: 0)
        let series = channel.series(seed: 11)
        let input = ForecastInput(series: series, calendar: .utc)
        let future = nextWeek(input, after: series.end)
        let forecast = try TopDownModel().fit(input).pointForecast(at: future)
        let truth = channel.truth(at: future)
        let got = dayTotals(future, forecast, calendar: .utc)
        let want = dayTotals(future, truth, calendar: .utc)
        XCTAssertEqual(Set(got.keys), [1, 2, 3, 4, 5, 6])
        for weekday in 1...6 {
            assertClose(try XCTUnwrap(got[weekday]), try XCTUnwrap(want[weekday]), relative: 0.03)
        }
        XCTAssertLessThan(wapeByHand(forecast, truth), 0.05)
        let monday = Array(forecast.prefix(20))
        let peak = try XCTUnwrap(monday.indices.max { monday[$0] < monday[$1] })
        XCTAssert([4, 5].contains(peak), "peak at slot \(peak)")
        // A closed slot (Sunday noon) forecasts 0.
        XCTAssertEqual(try TopDownModel().fit(input).pointForecast(at: [series.end + 6 * 86_400 + 12 * 3600]), [0])
    }

    /// 2 %/week growth: the damped trend carries the level from the recent weeks to next week
    /// (within 2 %); the same model without trend lags by more than 4 % (the control).
    func testDampedTrendFollowsGrowth() throws {
        let channel = officeChannel(days: 84, base: 400, growth: 0.02)
        let series = channel.series(seed: 5)
        let input = ForecastInput(series: series, calendar: .utc)
        let future = nextWeek(input, after: series.end)
        let truth = channel.truth(at: future).reduce(0, +)
        let withTrend = try TopDownModel().fit(input).pointForecast(at: future).reduce(0, +)
        assertClose(withTrend, truth, relative: 0.02)
        // Without the turn-of-month feature (whose effect would otherwise absorb part of the
        // growth): with the trend within 2 %, without it more than 4 % low.
        let plain = try TopDownModel(monthStartDays: 0, monthEndDays: 0).fit(input).pointForecast(at: future).reduce(
            0, +)
        let without = try TopDownModel(trendWeeks: 0, monthStartDays: 0, monthEndDays: 0).fit(input)
            .pointForecast(at: future).reduce(0, +)
        assertClose(plain, truth, relative: 0.02)
        XCTAssertLessThan(without / truth, 0.96)
    }

    /// An absent Monday (a holiday without calendar) is skipped, not read as a zero day; the
    /// control with the day zeroed shows a level pulled down.
    func testAbsentDayIsSkipped() throws {
        let channel = officeChannel(days: 56, base: 400, growth: 0)
        var series = channel.series(seed: 8)
        let lastMonday = series.end - 7 * 86_400
        for k in 0..<48 { series.contacts[series.index(of: lastMonday + Int64(k) * 1800)!] = nil }
        let input = ForecastInput(series: series, calendar: .utc)
        let monday = nextWeek(input, after: series.end).filter { LocalDateTime(utcSeconds: $0).weekday == 1 }
        let truth = channel.truth(at: monday).reduce(0, +)
        assertClose(try TopDownModel().fit(input).pointForecast(at: monday).reduce(0, +), truth, relative: 0.03)

        var zeroed = series
        for k in 0..<48 { zeroed.contacts[zeroed.index(of: lastMonday + Int64(k) * 1800)!] = 0 }
        let control = try TopDownModel(trendWeeks: 0).fit(
            ForecastInput(series: zeroed, calendar: .utc, openingHours: input.openingHours))
        XCTAssertLessThan(control.pointForecast(at: monday).reduce(0, +) / truth, 0.9, "control: a zero day counts")
    }

    /// The next open day after a closed (absent) public holiday surges 40 %: with the US calendar
    /// the model learns the surge from its past occurrences and applies it after Columbus Day.
    func testSurgeAfterClosedHoliday() throws {
        let holidays = try HolidayCalendar.events(countries: ["US"], years: 2025...2025)
        // Holidays on open days (Monday–Saturday) are closed; the next open, not closed day surges.
        let closed = Set(holidays.filter { $0.kind == .holiday && $0.date.weekday != 7 }.map(\.date.daysSinceEpoch))
        var afterDays = Set<Int>()
        for day in closed {
            var next = day + 1
            while closed.contains(next) || CivilDate(daysSinceEpoch: next).weekday == 7 { next += 1 }
            afterDays.insert(next)
        }
        let base = officeChannel(days: 0, base: 300, growth: 0)
        let channel = SyntheticChannel(firstDay: CivilDate(year: 2025, month: 3, day: 3)!, days: 7 * 30) {
            local, weeks in
            let day = local.date.daysSinceEpoch
            if closed.contains(day) { return 0 }
            return base.expected(local, weeks) * (afterDays.contains(day) ? 1.4 : 1)
        }
        var series = channel.series(seed: 21)
        for i in series.contacts.indices
        where closed.contains(LocalDateTime(utcSeconds: series.instant(at: i)).date.daysSinceEpoch) {
            series.contacts[i] = nil
        }
        // History up to Friday 26 September; forecast through the Tuesday after Columbus Day (13 October).
        let endDay = CivilDate(year: 2025, month: 9, day: 27)!.daysSinceEpoch
        let pastSurges = afterDays.filter { $0 >= channel.firstDay.daysSinceEpoch && $0 < endDay }.count
        XCTAssertGreaterThanOrEqual(pastSurges, 3)
        // Columbus Day has no past occurrence, so only the planner's closure closes it.
        let columbus = CivilDate(year: 2025, month: 10, day: 13)!
        let closure = UserEvent(
            name: "Columbus Day", kind: .closure, channel: nil, start: Int64(columbus.daysSinceEpoch) * 86_400,
            end: Int64(columbus.daysSinceEpoch + 1) * 86_400, isWholeDays: true, firstDay: columbus,
            lastDay: columbus, location: SourceLocation(file: "events.csv", line: 2, column: 1))
        let input = ForecastInput(
            series: series.truncated(before: Int64(endDay) * 86_400), calendar: .utc,
            openingHours: OpeningHours.learn(from: series, calendar: .utc), calendarEvents: holidays,
            userEvents: [closure])
        let fitted = try TopDownModel().fit(input)
        func total(_ day: CivilDate) -> Double {
            let start = Int64(day.daysSinceEpoch) * 86_400
            return fitted.pointForecast(at: Array(stride(from: start, to: start + 86_400, by: 1800))).reduce(0, +)
        }
        // Shrunk by n/(n+1) on the log scale for n past surges.
        let n = Double(pastSurges)
        let ratio = total(CivilDate(year: 2025, month: 10, day: 14)!) / total(CivilDate(year: 2025, month: 10, day: 7)!)
        assertClose(ratio, pow(1.4, n / (n + 1)), relative: 0.06)
        // Columbus Day itself is closed as declared.
        XCTAssertEqual(total(CivilDate(year: 2025, month: 10, day: 13)!), 0)
    }

    /// Europe/Amsterdam, 24/7: the shares are by local clock slot, so the history's 25-hour day
    /// does not shift the profile, the forecast's 25-hour day gives both passes of 02:00 the 02:00
    /// share, and 09:00 after the change is the 09:00 peak.
    func testDSTDaysUseLocalClockShares() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        func channel(days: Int) -> SyntheticChannel {
            SyntheticChannel(
                calendar: amsterdam, intervalSeconds: 1800, firstDay: CivilDate(year: 2025, month: 8, day: 25)!,
                days: days
            ) { local, _ in
                let hour = Double(local.secondsOfDay) / 3600
                return 40 + 200 * exp(-pow((hour - 9) / 1.5, 2)) + (local.weekday >= 6 ? 0 : 60)
            }
        }
        // Across the change in the forecast.
        let before = channel(days: 56)
        let series = before.series(seed: 4)
        let input = ForecastInput(series: series, calendar: amsterdam)
        let future = ForecastHorizon.instants(
            origin: series.end, horizonSeconds: 8 * 86_400 + 3600, intervalSeconds: 1800,
            openingHours: input.openingHours, calendar: amsterdam)
        let forecast = try TopDownModel().fit(input).pointForecast(at: future)
        let sunday = CivilDate(year: 2025, month: 10, day: 26)!
        let onSunday = future.indices.filter { amsterdam.local(future[$0]).date == sunday }
        XCTAssertEqual(onSunday.count, 50)
        let twoAM = onSunday.filter { amsterdam.local(future[$0]).secondsOfDay == 7200 }
        XCTAssertEqual(twoAM.count, 2)
        XCTAssertEqual(forecast[twoAM[0]], forecast[twoAM[1]])
        XCTAssertLessThan(wapeByHand(forecast, before.truth(at: future)), 0.05)
        let nine = try XCTUnwrap(
            amsterdam.instants(for: LocalDateTime(date: sunday.adding(days: 1), secondsOfDay: 9 * 3600)).first)
        let k = try XCTUnwrap(future.firstIndex(of: nine))
        assertClose(forecast[k], before.truth(at: [nine])[0], relative: 0.06)

        // The 25-hour day in the history: the next Sunday's shape is the planted one.
        let after = channel(days: 70)
        let later = after.series(seed: 6)
        let laterInput = ForecastInput(series: later, calendar: amsterdam)
        let nextWeek = nextWeek(laterInput, after: later.end)
        let laterForecast = try TopDownModel().fit(laterInput).pointForecast(at: nextWeek)
        let nextSunday = nextWeek.indices.filter { amsterdam.local(nextWeek[$0]).weekday == 7 }
        XCTAssertLessThan(
            wapeByHand(nextSunday.map { laterForecast[$0] }, after.truth(at: nextSunday.map { nextWeek[$0] })), 0.05)
        let peak = try XCTUnwrap(nextSunday.max { laterForecast[$0] < laterForecast[$1] })
        XCTAssertEqual(amsterdam.local(nextWeek[peak]).secondsOfDay, 9 * 3600)
    }

    /// An open weekday never seen whole: the model steps aside with a note.
    func testStepsAsideWithoutAWholeWeekday() throws {
        let full = officeChannel(days: 28).series(seed: 1)
        let hours = OpeningHours.learn(from: full, calendar: .utc)
        let weekdaysOnly = full.truncated(before: full.start + 5 * 86_400)
        XCTAssertThrowsError(
            try TopDownModel().fit(ForecastInput(series: weekdaysOnly, calendar: .utc, openingHours: hours))
        ) { error in
            guard case ForecastingError.insufficientHistory(_, let message) = error else { return XCTFail("\(error)") }
            XCTAssert(message.contains("Saturday"), message)
        }
    }
}
