import Foundation
import StaffcastCore
import TestSupport
import XCTest

@testable import Forecasting

/// Poisson(λ) by Knuth's product method, splitting large λ into pieces below 30
/// (a sum of independent Poissons is Poisson), so it is exact and fast enough for tests.
func poisson(_ lambda: Double, using rng: inout SeededGenerator) -> Double {
    var remaining = lambda
    var total = 0
    while remaining > 0 {
        let piece = min(remaining, 30)
        remaining -= piece
        let limit = exp(-piece)
        var product = Double.random(in: 0..<1, using: &rng)
        while product > limit {
            total += 1
            product *= Double.random(in: 0..<1, using: &rng)
        }
    }
    return Double(total)
}

/// A synthetic channel with a known expected volume per interval.
struct SyntheticChannel {
    var calendar: PlanningCalendar = .utc
    var intervalSeconds = 1800
    /// First local day of the history.
    var firstDay: CivilDate
    var days: Int
    /// Expected contacts at a local reading, given weeks since the start; 0 = closed.
    var expected: (LocalDateTime, Double) -> Double

    /// Instants of every interval from the first local midnight over `days` local days.
    func instants(fromDay day: CivilDate, days count: Int) -> [Int64] {
        let start = calendar.startOfDay(day)
        let end = calendar.startOfDay(day.adding(days: count))
        return Array(stride(from: start, to: end, by: intervalSeconds))
    }

    func truth(at instants: [Int64]) -> [Double] {
        let start = calendar.startOfDay(firstDay)
        return instants.map { expected(calendar.local($0), Double($0 - start) / 604_800) }
    }

    /// The history with Poisson noise (or the expectation itself when `noise` is false).
    func series(seed: UInt64, noise: Bool = true) -> IntervalSeries {
        var rng = SeededGenerator(seed: seed)
        let instants = instants(fromDay: firstDay, days: days)
        let values = truth(at: instants).map { noise ? poisson($0, using: &rng) : $0 }
        return IntervalSeries(
            channel: "synthetic", intervalSeconds: intervalSeconds, start: instants[0], contacts: values)
    }
}

/// The open 30-minute instants (UTC) of week `k` after the end of `series`, 1 = the week right after.
func openInstants(ofWeek k: Int, after series: IntervalSeries, _ input: ForecastInput) -> [Int64] {
    ForecastHorizon.instants(
        origin: series.end + Int64(k - 1) * 604_800, horizonSeconds: 604_800, intervalSeconds: 1800,
        openingHours: input.openingHours, calendar: .utc)
}

/// A contact-centre shape: open weekdays 08:00–18:00 and Saturday 09:00–13:00; Monday busiest;
/// an intraday profile peaking mid-morning; `growth` per week.
func officeChannel(days: Int, base: Double = 300, growth: Double = 0.01) -> SyntheticChannel {
    SyntheticChannel(firstDay: CivilDate(year: 2025, month: 1, day: 6)!, days: days) { local, weeks in
        let hour = Double(local.secondsOfDay) / 3600
        let weekday = local.weekday
        let open = weekday <= 5 ? (8.0..<18.0).contains(hour) : weekday == 6 ? (9.0..<13.0).contains(hour) : false
        guard open else { return 0 }
        let dayLevel = [1.3, 1.1, 1.0, 1.0, 0.9, 0.5, 0][weekday - 1]
        let profile = 0.6 + 0.8 * exp(-pow((hour - 10.5) / 2.5, 2)) + 0.3 * exp(-pow((hour - 15) / 1.5, 2))
        return base * dayLevel * profile * pow(1 + growth, weeks)
    }
}

/// The bank fixture: calls per 30 minutes, weekdays 07:00–21:00, UTC, absent days absent.
func loadBankFixture() throws -> IntervalSeries {
    let url = try XCTUnwrap(
        Bundle.module.url(forResource: "bank_calls_30min", withExtension: "csv", subdirectory: "Fixtures"))
    let text = try String(contentsOf: url, encoding: .utf8)
    var values: [Int64: Double] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
        let fields = line.split(separator: ",")
        let timestamp = String(fields[0]).dropLast()  // the trailing Z
        let parts = timestamp.split(separator: "T")
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        let day = try XCTUnwrap(CivilDate(year: date[0], month: date[1], day: date[2]))
        let instant = Int64(day.daysSinceEpoch) * 86_400 + Int64(time[0] * 3600 + time[1] * 60 + time[2])
        values[instant] = try XCTUnwrap(Double(fields[1]))
    }
    let first = try XCTUnwrap(values.keys.min())
    let last = try XCTUnwrap(values.keys.max())
    let contacts = stride(from: first, through: last, by: 1800).map { values[$0] }
    return IntervalSeries(channel: "calls", intervalSeconds: 1800, start: first, contacts: contacts)
}

/// Σ|f − y| / Σy computed here, independently of the library's Accuracy.
func wapeByHand(_ forecast: [Double], _ actual: [Double]) -> Double {
    var error = 0.0
    var total = 0.0
    for (f, y) in zip(forecast, actual) {
        error += abs(f - y)
        total += y
    }
    return error / total
}

/// lo95 ≤ lo80 ≤ mean ≤ hi80 ≤ hi95, nothing negative or non-finite.
func assertWellFormed(_ forecast: Forecast, file: StaticString = #filePath, line: UInt = #line) {
    let n = forecast.instants.count
    XCTAssertEqual(forecast.mean.count, n, file: file, line: line)
    XCTAssertEqual(forecast.lo80.count, n, file: file, line: line)
    XCTAssertEqual(forecast.hi95.count, n, file: file, line: line)
    XCTAssertEqual(forecast.instants, forecast.instants.sorted(), file: file, line: line)
    for k in 0..<n {
        let values = [forecast.lo95[k], forecast.lo80[k], forecast.mean[k], forecast.hi80[k], forecast.hi95[k]]
        XCTAssert(
            values.allSatisfy { $0.isFinite && $0 >= 0 }, "negative or non-finite at \(k): \(values)", file: file,
            line: line)
        XCTAssertEqual(values, values.sorted(), "bounds out of order at \(k)", file: file, line: line)
    }
}
