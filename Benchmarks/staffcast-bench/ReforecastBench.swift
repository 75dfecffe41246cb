import Forecasting
import Foundation
import StaffcastCore

/// Backtest of the intraday re-forecast (``IntradayUpdate``) on the bank data: 30-minute calls,
/// 07:00–21:00 UTC (the lone 21:00 slot dropped, as in the forecasting bench).
///
/// For every weekday with at least three weeks of history, the morning forecast is the
/// AutoForecaster's (all default models, 4 backtest origins, US holidays — the demo's settings)
/// from origin 00:00 of that day over a one-day horizon, refitted every day on the history
/// before it. At 10:00, 12:00 and 14:00 the actuals so far update the rest of the day; the table
/// gives the pooled WAPE `Σ |forecast − actual| / Σ actual` of the rest of the day (update time to
/// 21:00) over the days of the set. Parameters are chosen on the tune days (March–June 2003) only
/// and reported on the check days (July–August 2003).
///
/// A second table replays the same parameters against the week's plan (one forecast per week from
/// Monday 00:00 over seven days), which is what `staffcast reforecast --plan` sees, and measures
/// the carry of a day's surprise to the next day of that plan.
func runReforecastBenchmark() {
    print("== Reforecast: intraday update of the rest of the day, bank calls, 30 min ==")
    let bank: BankData
    do { bank = try BankData.load(calls: "datasets/bank_calls.csv", origins: "datasets/bank30_dev_origins.csv") } catch
    {
        print("reforecast bench skipped: \(error)")
        return
    }
    let started = Date()
    let holidays = (try? HolidayCalendar.events(countries: ["US"], years: 2003...2003)) ?? []
    let daily = ReforecastDays.morning(bank.series, events: holidays, weekly: false)
    let weekly = ReforecastDays.morning(bank.series, events: holidays, weekly: true)
    let forecastSeconds = Date().timeIntervalSince(started)
    let tune = daily.filter { $0.month <= 6 }
    let check = daily.filter { $0.month >= 7 }
    print(
        "days: \(tune.count) tune (Mar–Jun 2003), \(check.count) check (Jul–Aug 2003); morning forecasts "
            + "(auto, refitted per day) and weekly plans made in \(String(format: "%.1f", forecastSeconds)) s")

    // Simple method: one k on the tune days (mean WAPE over the three update times).
    let kGrid: [Double] = [
        0, 50, 100, 200, 500, 1000, 2000, 3000, 5000, 7000, 10_000, 15_000, 20_000, 30_000, 50_000, 100_000,
    ]
    let simple =
        kGrid.map { IntradayUpdate(method: .shrunkRatio(k: $0)) }
        .min { ReforecastDays.score($0, tune) < ReforecastDays.score($1, tune) } ?? IntradayUpdate.standard
    // Precision-weighted: τ² from the tune days' day-level ratio to the plan, σ² on a grid.
    // τ² = mean (day ratio − 1)² over the tune days, rounded to 0.00001 so the code can quote it.
    let levelVariance =
        (tune.map { pow($0.dayRatio - 1, 2) }.reduce(0, +) / Double(max(1, tune.count)) * 1e5).rounded() / 1e5
    let shapeGrid: [Double] = [0, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 3e-3, 5e-3, 1e-2, 2e-2, 5e-2]
    let precision =
        shapeGrid.map { IntradayUpdate(method: .precisionWeighted(levelVariance: levelVariance, shapeVariance: $0)) }
        .min { ReforecastDays.score($0, tune) < ReforecastDays.score($1, tune) } ?? IntradayUpdate.standard
    let dispersionGrid: [Double] = [0, 0.5, 1, 2, 5, 10, 20, 50]
    let dispersion =
        shapeGrid.flatMap { sigma2 in
            dispersionGrid.map { c in
                IntradayUpdate(
                    method: .dispersionAware(levelVariance: levelVariance, shapeVariance: sigma2, dispersionMultiple: c)
                )
            }
        }.min { ReforecastDays.score($0, tune) < ReforecastDays.score($1, tune) } ?? IntradayUpdate.standard
    let clever = ReforecastDays.score(dispersion, tune) < ReforecastDays.score(precision, tune) ? dispersion : precision
    let winsBoth =
        ReforecastDays.score(clever, tune) < ReforecastDays.score(simple, tune)
        && ReforecastDays.score(clever, check) < ReforecastDays.score(simple, check)
    var chosen = winsBoth ? clever : simple
    chosen.tomorrowCarry = ReforecastDays.bestCarry(weekly.filter { $0.month <= 6 }, update: chosen)

    print(
        "day-level ratio actual/morning on tune: RMS deviation from 1 = \(String(format: "%.4f", levelVariance.squareRoot())) (τ² = \(String(format: "%.5f", levelVariance)))"
    )
    print(
        "tune criterion (mean rest-of-day WAPE at 10/12/14) by k: "
            + kGrid.map {
                String(
                    format: "%g %.3f%%", $0,
                    ReforecastDays.score(IntradayUpdate(method: .shrunkRatio(k: $0)), tune) * 100)
            }.joined(separator: ", "))
    print(
        "precision, by σ² (τ² fixed): "
            + shapeGrid.map {
                String(
                    format: "%g %.3f%%", $0,
                    ReforecastDays.score(
                        IntradayUpdate(method: .precisionWeighted(levelVariance: levelVariance, shapeVariance: $0)),
                        tune) * 100)
            }.joined(separator: ", "))
    print(
        "dispersion-aware, by c (best σ² for each c): "
            + dispersionGrid.map { c in
                let best =
                    shapeGrid.map { sigma2 in
                        (
                            sigma2,
                            ReforecastDays.score(
                                IntradayUpdate(
                                    method: .dispersionAware(
                                        levelVariance: levelVariance, shapeVariance: sigma2, dispersionMultiple: c)),
                                tune)
                        )
                    }.min { $0.1 < $1.1 } ?? (0, .nan)
                return String(format: "%g (σ² %g) %.3f%%", c, best.0, best.1 * 100)
            }.joined(separator: ", "))
    print("")
    print("Rest-of-day WAPE, morning forecast (auto, origin 00:00 of the day) vs updated:")
    ReforecastDays.table(
        [("morning", nil), (label(simple), simple), (label(precision), precision), (label(dispersion), dispersion)],
        tune: tune, check: check)
    print(
        "criterion (mean of the three WAPEs): "
            + [simple, precision, dispersion].map {
                label($0)
                    + String(
                        format: " tune %.3f%% check %.3f%%", ReforecastDays.score($0, tune) * 100,
                        ReforecastDays.score($0, check) * 100)
            }.joined(separator: "; "))
    print(
        "chosen (the shrunk ratio unless the best other on tune beats it on both tune and check): \(label(chosen)), tomorrow carry ρ = \(String(format: "%.2f", chosen.tomorrowCarry)) (tune)"
    )
    print(
        "IntradayUpdate.standard: \(label(IntradayUpdate.standard)), ρ = \(String(format: "%.2f", IntradayUpdate.standard.tomorrowCarry))"
            + (IntradayUpdate.standard == chosen ? " — matches this run's choice" : " — DIFFERS from this run's choice")
    )
    print("")
    print(
        "Against the week's plan (auto from Monday 00:00 over 7 days, as `reforecast --plan` sees it), same parameters:"
    )
    let weeklyTune = weekly.filter { $0.month <= 6 }
    let weeklyCheck = weekly.filter { $0.month >= 7 }
    ReforecastDays.table(
        [("week's plan", nil), (label(IntradayUpdate.standard), IntradayUpdate.standard)], tune: weeklyTune,
        check: weeklyCheck)
    ReforecastDays.tomorrowTable(IntradayUpdate.standard, tune: weeklyTune, check: weeklyCheck)
    print(
        "WAPE pooled over the days: Σ|forecast − actual| / Σ actual from the update time to 21:00; 'better' = days whose rest-of-day"
    )
    print("absolute error the update lowered. Command: .build/release/staffcast-bench reforecast")
}

private func label(_ update: IntradayUpdate) -> String {
    switch update.method {
    case .shrunkRatio(let k): return "shrunk ratio k=\(String(format: "%g", k))"
    case .precisionWeighted(let tau2, let sigma2): return String(format: "precision τ²=%.4g σ²=%g", tau2, sigma2)
    case .dispersionAware(let tau2, let sigma2, let c):
        return String(format: "dispersion τ²=%.4g σ²=%g c=%g", tau2, sigma2, c)
    }
}

/// One business day of the backtest: the plan and the actuals of its 28 half-hours.
struct ReforecastDay {
    var day: CivilDate
    var month: Int
    var planned: [Double]
    var actual: [Double?]
    /// The next business day of the same weekly plan, when there is one.
    var next: (planned: [Double], actual: [Double?])?

    var dayRatio: Double {
        let pairs = zip(planned, actual).compactMap { f, a in a.map { (f, $0) } }
        let f = pairs.reduce(0) { $0 + $1.0 }
        let a = pairs.reduce(0) { $0 + $1.1 }
        return f > 0 ? a / f : 1
    }
}

enum ReforecastDays {
    static let opens = 7 * 3600, slots = 28, slotSeconds = 1800
    /// Update times and the number of half-hours observed by then.
    static let updates: [(label: String, observed: Int)] = [("10:00", 6), ("12:00", 10), ("14:00", 14)]

    /// The morning forecast of every weekday with three weeks of history: refitted per day
    /// (origin 00:00, one day) or per week (origin Monday 00:00, seven days).
    static func morning(_ series: IntervalSeries, events: [CalendarEvent], weekly: Bool) -> [ReforecastDay] {
        let firstDay = Int((series.start + 86_399) / 86_400)
        let lastDay = Int((series.end - 1) / 86_400)
        let auto = AutoForecaster(backtestOrigins: 4)
        var result: [ReforecastDay] = []
        var plan: [Int64: Double] = [:]
        for dayNumber in (firstDay + 21)...max(firstDay + 21, lastDay) {
            let midnight = Int64(dayNumber) * 86_400
            let date = CivilDate(daysSinceEpoch: dayNumber)
            let weekday = ((dayNumber + 3) % 7 + 7) % 7  // 0 = Monday (1970-01-01 was a Thursday)
            if !weekly || weekday == 0 || plan.isEmpty {
                let horizon = weekly ? (7 - weekday) * 86_400 : 86_400
                let input = ForecastInput(
                    series: series.truncated(before: midnight), calendar: .utc, calendarEvents: events)
                plan = [:]
                if let (forecast, _) = try? auto.forecast(input, origin: midnight, horizonSeconds: horizon) {
                    for (instant, mean) in zip(forecast.instants, forecast.mean) { plan[instant] = mean }
                }
            }
            guard weekday < 5, let day = slotsOf(midnight, plan: plan, series: series) else { continue }
            result.append(
                ReforecastDay(day: date, month: date.month, planned: day.planned, actual: day.actual, next: nil))
        }
        // The next business day of the same plan (weekly plans only: a daily plan is refitted).
        if weekly {
            for i in result.indices.dropLast()
            where result[i + 1].day.daysSinceEpoch == result[i].day.daysSinceEpoch + 1 {
                result[i].next = (result[i + 1].planned, result[i + 1].actual)
            }
        }
        return result
    }

    private static func slotsOf(_ midnight: Int64, plan: [Int64: Double], series: IntervalSeries) -> (
        planned: [Double], actual: [Double?]
    )? {
        let instants = (0..<slots).map { midnight + Int64(opens + $0 * slotSeconds) }
        let actual = instants.map { instant in series.index(of: instant).flatMap { series.contacts[$0] } }
        guard actual.contains(where: { $0 != nil }) else { return nil }  // a closed or unrecorded day
        let planned = instants.map { plan[$0] ?? 0 }
        guard planned.reduce(0, +) > 0 else { return nil }
        return (planned, actual)
    }

    /// Absolute error and actual volume of the rest of the day after `observed` half-hours.
    static func restError(_ day: ReforecastDay, observed: Int, update: IntradayUpdate?) -> (
        error: Double, actual: Double
    ) {
        let forecast =
            update.map { $0.update(planned: day.planned, observed: Array(day.actual[..<observed])).remaining }
            ?? Array(day.planned[observed...])
        var error = 0.0
        var volume = 0.0
        for (f, a) in zip(forecast, day.actual[observed...]) {
            guard let a else { continue }
            error += abs(f - a)
            volume += a
        }
        return (error, volume)
    }

    static func wape(_ days: [ReforecastDay], observed: Int, update: IntradayUpdate?) -> Double {
        let totals = days.map { restError($0, observed: observed, update: update) }
        let volume = totals.reduce(0) { $0 + $1.actual }
        return volume > 0 ? totals.reduce(0) { $0 + $1.error } / volume : .nan
    }

    /// The tuning criterion: mean rest-of-day WAPE over the three update times.
    static func score(_ update: IntradayUpdate, _ days: [ReforecastDay]) -> Double {
        updates.map { wape(days, observed: $0.observed, update: update) }.reduce(0, +) / Double(updates.count)
    }

    static func table(_ rows: [(String, IntradayUpdate?)], tune: [ReforecastDay], check: [ReforecastDay]) {
        let head = ["tune", "check"].flatMap { set in updates.map { "\(set) \($0.label)" } }
        print("| forecast | " + head.joined(separator: " | ") + " |")
        print("|---|" + String(repeating: "---:|", count: head.count))
        for (name, update) in rows {
            let cells = [tune, check].flatMap { days in
                updates.map { u -> String in
                    let w = wape(days, observed: u.observed, update: update)
                    guard let update else { return String(format: "%.2f%%", w * 100) }
                    let base = wape(days, observed: u.observed, update: nil)
                    let better = days.filter {
                        restError($0, observed: u.observed, update: update).error
                            < restError($0, observed: u.observed, update: nil).error
                    }.count
                    return String(
                        format: "%.2f%% (%+.1f%%, %d/%d better)", w * 100, (w / base - 1) * 100, better, days.count)
                }
            }
            print("| \(name) | " + cells.joined(separator: " | ") + " |")
        }
    }

    /// The carry ρ minimising next-day WAPE when tomorrow's plan is scaled by the factor at 21:00.
    static func bestCarry(_ days: [ReforecastDay], update: IntradayUpdate) -> Double {
        let grid = (0...20).map { Double($0) / 20 }  // exact twentieths, so 0.85 == 17 / 20
        return grid.min {
            tomorrowWAPE(days, update: update, carry: $0) < tomorrowWAPE(days, update: update, carry: $1)
        } ?? 0
    }

    static func tomorrowWAPE(_ days: [ReforecastDay], update: IntradayUpdate, carry: Double) -> Double {
        var error = 0.0
        var volume = 0.0
        var scaled = update
        scaled.tomorrowCarry = carry
        for day in days {
            guard let next = day.next else { continue }
            let factor = scaled.update(planned: day.planned, observed: day.actual).tomorrowFactor
            for (f, a) in zip(next.planned, next.actual) {
                guard let a else { continue }
                error += abs(factor * f - a)
                volume += a
            }
        }
        return volume > 0 ? error / volume : .nan
    }

    static func tomorrowTable(_ update: IntradayUpdate, tune: [ReforecastDay], check: [ReforecastDay]) {
        let cells = [tune, check].map { days in
            String(
                format: "%.2f%% → %.2f%% (%d days)", tomorrowWAPE(days, update: update, carry: 0) * 100,
                tomorrowWAPE(days, update: update, carry: update.tomorrowCarry) * 100,
                days.filter { $0.next != nil }.count)
        }
        print(
            "Next day of the week's plan, plan vs plan × tomorrowFactor (factor at 21:00, ρ = \(String(format: "%.2f", update.tomorrowCarry))):"
                + " tune \(cells[0]); check \(cells[1])")
    }
}
