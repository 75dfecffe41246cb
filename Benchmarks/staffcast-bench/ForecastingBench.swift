import Forecasting
import Foundation
import StaffcastCore

/// Reproduces the peers' protocol on the bank data (see /work/shared/peers/README.md):
/// `datasets/bank_calls.csv` summed from 5 to 30 minutes, the lone 21:00 slot dropped; origins
/// from `datasets/bank30_dev_origins.csv` (the end of each week's last present day); each origin
/// is scored on the next 5 present business days (`test_start`…`test_end`). Per origin: WAPE,
/// MASE (MAE over the in-sample MAE of the lag-140 naive, by position over present rows), day APE
/// (mean over test days of the daily total's absolute percentage error), 80 %/95 % coverage;
/// then averaged over origins. Paths are relative to the current directory.
func runForecastingBenchmarks() {
    print("== Forecasting: bank calls, 30 min, peers' dev origins ==")
    let bank: BankData
    do { bank = try BankData.load(calls: "datasets/bank_calls.csv", origins: "datasets/bank30_dev_origins.csv") } catch
    {
        print("forecasting bench skipped: \(error)")
        return
    }
    let usHolidays = (try? HolidayCalendar.events(countries: ["US"], years: 2003...2003)) ?? []
    let extendedModels: [any ForecastModel] = AutoForecaster.defaultModels + [TopDownModel(), CombinationModel()]
    let methods: [(label: String, models: [any ForecastModel], events: [CalendarEvent])] = [
        ("snaive", [SeasonalNaiveModel()], []),
        ("wavg6", [WeeklyAverageModel(weeks: 6)], []),
        ("regression", [CalendarRegressionModel()], []),
        ("regression + US holidays", [CalendarRegressionModel()], usHolidays),
        ("topdown", [TopDownModel()], []),
        ("topdown + US holidays", [TopDownModel()], usHolidays),
        ("dshw", [DoubleSeasonalHoltWintersModel()], []),
        ("dshw + US holidays", [DoubleSeasonalHoltWintersModel()], usHolidays),
        ("combo (regression, topdown, wavg6)", [CombinationModel()], []),
        ("combo (regression, topdown, wavg6) + US holidays", [CombinationModel()], usHolidays),
        ("auto (snaive, regression)", AutoForecaster.defaultModels, []),
        ("auto (snaive, regression) + US holidays", AutoForecaster.defaultModels, usHolidays),
        ("auto (snaive, regression, topdown, combo)", extendedModels, []),
        ("auto (snaive, regression, topdown, combo) + US holidays", extendedModels, usHolidays),
        ("regression, no turn-of-month", [CalendarRegressionModel(monthStartDays: 0, monthEndDays: 0)], []),
        ("regression, half-life 3w", [CalendarRegressionModel(halfLifeWeeks: 3)], []),
        ("regression, half-life 12w", [CalendarRegressionModel(halfLifeWeeks: 12)], []),
        ("regression, not robust", [CalendarRegressionModel(robust: false)], []),
        ("topdown, no trend", [TopDownModel(trendWeeks: 0)], []),
        ("topdown, equal weights", [TopDownModel(halfLifeWeeks: .infinity)], []),
        ("topdown, no turn-of-month", [TopDownModel(monthStartDays: 0, monthEndDays: 0)], []),
    ]
    print("origins: \(bank.origins.count); half-hours per test week: \(bank.origins.first?.test.count ?? 0)")
    print("| method | origins | MASE | WAPE | day APE | cov80 | cov95 | fit+fc s/origin | auto s/origin |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for method in methods {
        let result = bank.evaluate(method.models, events: method.events)
        print(
            "| \(method.label) | \(result.origins) | \(fixed(result.mase, 3)) | \(percent(result.wape)) | \(percent(result.dayAPE)) | \(percent(result.coverage80)) | \(percent(result.coverage95)) | \(fixed(result.fitSeconds, 4)) | \(fixed(result.autoSeconds, 4)) |"
        )
        if !result.chosen.isEmpty {
            print(
                "|   chosen by auto: \(result.chosen.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)×" }.joined(separator: ", ")) | | | | | | | | |"
            )
        }
    }
    print("| peers' best: wavg_cal6 | 22 | 0.898 | 6.61% | 5.31% | 70.3% | 84.4% | 0.07 | |")
    print("| peers: snaive_cal | 22 | 1.083 | 7.98% | 6.15% | 79.0% | 91.1% | 0.01 | |")
    print("fit+fc = fitting the model and forecasting the test week; auto = the whole AutoForecaster call (backtest")
    print(
        "at 8 earlier weekly origins — the last 4 choose the model, all 8 calibrate the intervals — refit, forecast).")
    print("Peers' rows: /work/shared/peers/bank30_dev_summary.md.")

    // The production call: auto forecast of the week after all six months of history.
    let input = ForecastInput(series: bank.series, calendar: .utc)
    let repetitions = 20
    let started = Date()
    var chosen = "none"
    for _ in 0..<repetitions {
        chosen =
            (try? AutoForecaster().forecast(input, origin: bank.series.end, horizonSeconds: 604_800))?.forecast.model
            ?? "failed"
    }
    let seconds = Date().timeIntervalSince(started) / Double(repetitions)
    print(
        "auto forecast of the week after the whole history (\(bank.series.knownCount) half-hours): \(fixed(seconds * 1000, 1)) ms, chose \(chosen)"
    )
}

private func percent(_ value: Double) -> String { value.isFinite ? String(format: "%.2f%%", value * 100) : "n/a" }
private func fixed(_ value: Double, _ digits: Int) -> String {
    value.isFinite ? String(format: "%.\(digits)f", value) : "n/a"
}

private struct BenchError: Error, CustomStringConvertible {
    var description: String
}

struct BankData {
    struct Origin {
        var origin: Int64
        var horizonSeconds: Int
        /// Present half-hours of the test days.
        var test: [Int64]
    }

    var series: IntervalSeries
    var origins: [Origin]

    struct Result {
        var origins = 0
        var mase = 0.0, wape = 0.0, dayAPE = 0.0, coverage80 = 0.0, coverage95 = 0.0
        var fitSeconds = 0.0, autoSeconds = 0.0
        var chosen: [String: Int] = [:]
    }

    static func load(calls: String, origins originsPath: String) throws -> BankData {
        var buckets: [Int64: Double] = [:]
        for (line, fields) in try table(calls).enumerated() {
            guard fields.count >= 2, let instant = parseInstant(fields[0]), let calls = Double(fields[1]) else {
                throw BenchError(description: "\(calls):\(line + 2): cannot read '\(fields.joined(separator: ","))'")
            }
            let bucket = instant - ((instant % 1800) + 1800) % 1800
            guard (bucket % 86_400 + 86_400) % 86_400 < 21 * 3600 else { continue }  // the lone 21:00 slot
            buckets[bucket, default: 0] += calls
        }
        guard let first = buckets.keys.min(), let last = buckets.keys.max() else {
            throw BenchError(description: "\(calls): no rows")
        }
        let count = Int((last - first) / 1800) + 1
        let contacts: [Double?] = (0..<count).map { buckets[first + Int64($0) * 1800] }
        let series = IntervalSeries(channel: "calls", intervalSeconds: 1800, start: first, contacts: contacts)

        var origins: [Origin] = []
        for (line, fields) in try table(originsPath).enumerated() {
            guard fields.count >= 5, let trainEnd = parseInstant(fields[2]), let testStart = parseInstant(fields[3]),
                let testEnd = parseInstant(fields[4])
            else {
                throw BenchError(description: "\(originsPath):\(line + 2): cannot read the origin")
            }
            let origin = trainEnd + 1800
            let test = stride(from: testStart, through: testEnd, by: 1800).filter { buckets[$0] != nil }
            origins.append(Origin(origin: origin, horizonSeconds: Int(testEnd + 1800 - origin), test: test))
        }
        return BankData(series: series, origins: origins)
    }

    func evaluate(_ models: [any ForecastModel], events: [CalendarEvent] = []) -> Result {
        var result = Result()
        let auto = AutoForecaster(models: models)
        for origin in origins {
            let history = series.truncated(before: origin.origin)
            let input = ForecastInput(series: history, calendar: .utc, calendarEvents: events)
            let started = Date()
            guard
                let (forecast, _) = try? auto.forecast(
                    input, origin: origin.origin, horizonSeconds: origin.horizonSeconds)
            else {
                continue
            }
            let autoSeconds = Date().timeIntervalSince(started)
            var fitSeconds = 0.0
            if let model = models.first(where: { $0.name == forecast.model }) {
                let fitStart = Date()
                if let fitted = try? model.fit(input) { _ = fitted.pointForecast(at: origin.test) }
                fitSeconds = Date().timeIntervalSince(fitStart)
            }
            let position = Dictionary(uniqueKeysWithValues: forecast.instants.enumerated().map { ($1, $0) })
            var f: [Double] = []
            var y: [Double] = []
            var lo80: [Double] = []
            var hi80: [Double] = []
            var lo95: [Double] = []
            var hi95: [Double] = []
            var days: [Int] = []
            for instant in origin.test {
                guard let k = position[instant], let i = series.index(of: instant), let actual = series.contacts[i]
                else { continue }
                f.append(forecast.mean[k])
                y.append(actual)
                lo80.append(forecast.lo80[k])
                hi80.append(forecast.hi80[k])
                lo95.append(forecast.lo95[k])
                hi95.append(forecast.hi95[k])
                days.append(Int(instant / 86_400))
            }
            guard f.count == origin.test.count else { continue }
            let train = history.contacts.compactMap { $0 }
            let lag = 140
            guard train.count > lag else { continue }
            let scale =
                (lag..<train.count).reduce(0.0) { $0 + abs(train[$1] - train[$1 - lag]) } / Double(train.count - lag)
            guard let wape = Accuracy.wape(forecast: f, actual: y),
                let mae = Accuracy.meanAbsoluteError(forecast: f, actual: y),
                let dayAPE = Accuracy.dailyAbsolutePercentageError(forecast: f, actual: y, day: days),
                let c80 = Accuracy.coverage(actual: y, lower: lo80, upper: hi80),
                let c95 = Accuracy.coverage(actual: y, lower: lo95, upper: hi95)
            else { continue }
            result.origins += 1
            result.wape += wape
            result.mase += mae / scale
            result.dayAPE += dayAPE
            result.coverage80 += c80
            result.coverage95 += c95
            result.fitSeconds += fitSeconds
            result.autoSeconds += autoSeconds
            if models.count > 1 { result.chosen[forecast.model, default: 0] += 1 }
        }
        let n = Double(max(1, result.origins))
        result.wape /= n
        result.mase /= n
        result.dayAPE /= n
        result.coverage80 /= n
        result.coverage95 /= n
        result.fitSeconds /= n
        result.autoSeconds /= n
        return result
    }

    /// Rows of a plain CSV file after its header.
    static func table(_ path: String) throws -> [[String]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchError(description: "\(path): cannot read (run from the repository root)")
        }
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS` with an optional `Z`, read as UTC.
    static func parseInstant(_ text: String) -> Int64? {
        let body = text.hasSuffix("Z") ? String(text.dropLast()) : text
        let parts = body.split(separator: "T")
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard date.count == 3, time.count == 3, let day = CivilDate(year: date[0], month: date[1], day: date[2]) else {
            return nil
        }
        return Int64(day.daysSinceEpoch) * 86_400 + Int64(time[0] * 3600 + time[1] * 60 + time[2])
    }
}
