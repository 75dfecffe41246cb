import DemoData
import Forecasting
import Foundation
import StaffcastCore

/// `staffcast-bench capacity-suite`: the forecast `capacity` hires on, 17 weeks from the first
/// Monday of September, scored on weekly totals (issue 22).
///
/// Cases: the accuracy suite's generated web shops (``SuiteShop``: tune seeds 11–13, check seeds
/// 21–23, never looked at while choosing), two origins each — the first Monday of September of the
/// shop's second and third year — and every channel. Per group and method, pooled over channels
/// and origins:
/// - weekly WAPE of weeks 4–17 (what the hiring decision rests on) and of weeks 1–17, against the
///   true weekly intensity;
/// - the peak week's error (the week holding Black Friday, all channels together), signed, per
///   shop and origin;
/// - the share of true weeks inside the weekly 80 % range: the calibrated ``WeeklyBand`` (what
///   `capacity` now writes) and the sum of the interval bounds (what it wrote before).
///
/// `STAFFCAST_CAPACITY_METHODS=auto,auto-weekly,regression,…` picks the methods.
func runCapacitySuite() {
    let started = Date()
    print("== Capacity suite (issue 22): 17 weeks from September, weekly totals, tune / check ==")
    let variants: [(label: String, auto: AutoForecaster)] = [
        ("auto-interval", AutoForecaster()),
        ("auto-weekly", AutoForecaster(scoring: .weeklyTotals(fromWeek: 4))),
        ("regression", AutoForecaster(models: [CalendarRegressionModel()])),
        ("regression-retail-k1", AutoForecaster(models: [CalendarRegressionModel(retailShrinkage: 1)])),
        ("regression-damp0.97", AutoForecaster(models: [CalendarRegressionModel(trendDamping: 0.97)])),
        ("regression-damp0.8", AutoForecaster(models: [CalendarRegressionModel(trendDamping: 0.8)])),
        ("regression-damp0.7", AutoForecaster(models: [CalendarRegressionModel(trendDamping: 0.7)])),
        ("regression-damp0.5", AutoForecaster(models: [CalendarRegressionModel(trendDamping: 0.5)])),
        ("regression-yearly-damp0.9", AutoForecaster(models: [CalendarRegressionModel(yearlyTrendDamping: 0.9)])),
        ("regression-yearly-damp0", AutoForecaster(models: [CalendarRegressionModel(yearlyTrendDamping: 0)])),
        ("wavg6", AutoForecaster(models: [WeeklyAverageModel(weeks: 6)])),
        ("topdown", AutoForecaster(models: [TopDownModel()])),
    ]
    let env = ProcessInfo.processInfo.environment
    let names = (env["STAFFCAST_CAPACITY_METHODS"] ?? "auto-interval,auto-weekly,regression").split(separator: ",")
        .map(String.init)
    let methods = names.compactMap { name in variants.first { $0.label == name } }
    var tallies: [String: CapacityTally] = [:]  // group|method
    var peaks: [String: [String]] = [:]
    var chosen: [String: [String: Int]] = [:]
    for seed in SuiteShop.tuneSeeds + SuiteShop.checkSeeds {
        guard let shop = try? SuiteShop(seed: seed) else {
            print("web shop seed \(seed) skipped")
            continue
        }
        for origin in shop.septemberOrigins() {
            for method in methods {
                var peakF = 0.0
                var peakT = 0.0
                for channel in shop.dataset.channels {
                    guard let series = shop.dataset.series(channel.profile.name) else { continue }
                    let input = ForecastInput(
                        series: series.truncated(before: origin.instant), calendar: shop.dataset.calendar,
                        calendarEvents: shop.calendarEvents, userEvents: shop.userEvents)
                    guard
                        let result = try? method.auto.forecastWithChoice(
                            input, origin: origin.instant, horizonSeconds: 17 * 604_800)
                    else {
                        print("  seed \(seed) \(channel.profile.name) \(origin.day): no forecast (\(method.label))")
                        continue
                    }
                    chosen["\(shop.group)|\(method.label)", default: [:]][result.forecast.model, default: 0] += 1
                    let weeks = shop.weeklyTotals(result, channel: channel, origin: origin.day)
                    var tally = CapacityTally()
                    for (k, week) in weeks.enumerated() {
                        tally.add(week, fromWeek4: k >= 3)
                        if k == origin.peakWeek {
                            peakF += week.forecast
                            peakT += week.truth
                        }
                    }
                    tallies["\(shop.group)|\(method.label)", default: CapacityTally()].add(tally)
                    if env["STAFFCAST_CAPACITY_DETAIL"] != nil {
                        let b = result.weeklyBand
                        let logErrors = weeks.map { $0.truth > 0 && $0.forecast > 0 ? log($0.truth / $0.forecast) : 0 }
                        print(
                            "  \(shop.group) seed \(seed) \(origin.day) \(channel.profile.name) \(method.label) \(result.forecast.model): holds \(Int(tally.inside))/17; σ(0) \(String(format: "%.3f", b.spread(leadWeek: 0))) σ(16) \(String(format: "%.3f", b.spread(leadWeek: 16))) z80 \(String(format: "%.2f", b.z80)) n \(b.samples); log errors "
                                + logErrors.map { String(format: "%+.3f", $0) }.joined(separator: " "))
                    }
                }
                if peakT > 0 {
                    peaks["\(shop.group)|\(method.label)", default: []].append(
                        String(format: "%+.1f%%", 100 * (peakF - peakT) / peakT))
                }
            }
        }
    }
    func pct(_ x: Double) -> String { x.isFinite ? String(format: "%.2f %%", 100 * x) : "–" }
    print("")
    print(
        "| group | method | weekly WAPE 4–17 | weekly WAPE 1–17 | 80 % range holds (weekly band) | (summed interval bounds) | peak week error per shop·origin |"
    )
    print("|---|---|---:|---:|---:|---:|---|")
    for group in ["tune", "check"] {
        for method in methods {
            let key = "\(group)|\(method.label)"
            guard let t = tallies[key] else { continue }
            print(
                "| \(group) | \(method.label) | \(pct(t.abs4 / t.sum4)) | \(pct(t.abs / t.sum)) | \(pct(t.inside / t.weeks)) | \(pct(t.insideSummed / t.weeks)) | \((peaks[key] ?? []).joined(separator: " ")) |"
            )
        }
    }
    // Prophet on the same cases (Benchmarks/peers/run_capacity_peers.py), when it has been run.
    if let text = try? String(contentsOfFile: "Benchmarks/peers/capacity_results.csv", encoding: .utf8) {
        var prophet: [String: (abs: Double, truth: Double)] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            guard f.count == 8, let week = Int(f[4]), week >= 4, let forecast = Double(f[6]), let truth = Double(f[7])
            else { continue }
            let old = prophet[f[0]] ?? (0, 0)
            prophet[f[0]] = (old.abs + Swift.abs(forecast - truth), old.truth + truth)
        }
        print("")
        for group in ["tune", "check"] {
            guard let p = prophet[group], p.truth > 0 else { continue }
            let peer = p.abs / p.truth
            let ratios = methods.compactMap { method -> String? in
                guard let t = tallies["\(group)|\(method.label)"], t.sum4 > 0 else { return nil }
                return "\(method.label) \(String(format: "%.2f", t.abs4 / t.sum4 / peer))×"
            }
            print(
                "prophet \(group): weekly WAPE 4–17 \(pct(peer)); Staffcast / prophet: \(ratios.joined(separator: ", "))"
            )
        }
    }
    print("")
    for key in chosen.keys.sorted() {
        let models = (chosen[key] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        print("chosen \(key): " + models.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
    }
    print(String(format: "capacity suite: %.0f s", Date().timeIntervalSince(started)))
}

struct CapacityTally {
    var abs = 0.0, sum = 0.0, abs4 = 0.0, sum4 = 0.0
    var weeks = 0.0, inside = 0.0, insideSummed = 0.0

    mutating func add(_ week: CapacityWeek, fromWeek4: Bool) {
        abs += Swift.abs(week.forecast - week.truth)
        sum += week.truth
        if fromWeek4 {
            abs4 += Swift.abs(week.forecast - week.truth)
            sum4 += week.truth
        }
        weeks += 1
        if week.lo80 <= week.truth && week.truth <= week.hi80 { inside += 1 }
        if week.summedLo80 <= week.truth && week.truth <= week.summedHi80 { insideSummed += 1 }
    }

    mutating func add(_ o: CapacityTally) {
        abs += o.abs
        sum += o.sum
        abs4 += o.abs4
        sum4 += o.sum4
        weeks += o.weeks
        inside += o.inside
        insideSummed += o.insideSummed
    }
}

struct CapacityWeek {
    var forecast = 0.0, truth = 0.0
    var lo80 = 0.0, hi80 = 0.0, summedLo80 = 0.0, summedHi80 = 0.0
}

extension SuiteShop {
    /// The first Monday of September of the shop's second and third years, with the index of
    /// the week (from the origin) holding Black Friday (the day after the fourth Thursday of
    /// November).
    func septemberOrigins() -> [(day: CivilDate, instant: Int64, peakWeek: Int)] {
        let start = dataset.config.start
        let endDay = start.adding(days: dataset.config.days)
        return [start.year + 1, start.year + 2].compactMap { year in
            guard var day = CivilDate(year: year, month: 9, day: 1),
                var thursday = CivilDate(year: year, month: 11, day: 1)
            else { return nil }
            while day.weekday != 1 { day = day.adding(days: 1) }
            while thursday.weekday != 4 { thursday = thursday.adding(days: 1) }
            let blackFriday = thursday.adding(days: 22)
            guard day.adding(days: 17 * 7) <= endDay else { return nil }
            return (day, dataset.calendar.startOfDay(day), (blackFriday.daysSinceEpoch - day.daysSinceEpoch) / 7)
        }
    }

    /// Weekly totals of a 17-week forecast against the true intensity.
    func weeklyTotals(_ result: AutoForecast, channel: DemoChannel, origin: CivilDate) -> [CapacityWeek] {
        let calendar = dataset.calendar
        let first = dataset.instants[0]
        let step = Int64(DemoDataset.intervalSeconds)
        var weeks = Array(repeating: CapacityWeek(), count: 17)
        let originDay = origin.daysSinceEpoch
        let forecast = result.forecast
        // STAFFCAST_CAPACITY_DAYS="SEED CHANNEL": that channel's days of weeks 14–17, forecast against truth.
        let showDays =
            ProcessInfo.processInfo.environment["STAFFCAST_CAPACITY_DAYS"] == "\(seed) \(channel.profile.name)"
        var dayForecast: [Int: Double] = [:]
        for k in forecast.instants.indices {
            let day = calendar.local(forecast.instants[k]).date.daysSinceEpoch
            let week = (day - originDay) / 7
            guard week >= 0 && week < 17 else { continue }
            if showDays && week >= 13 { dayForecast[day, default: 0] += forecast.mean[k] }
            weeks[week].forecast += forecast.mean[k]
            weeks[week].summedLo80 += forecast.lo80[k]
            weeks[week].summedHi80 += forecast.hi80[k]
        }
        for week in 0..<17 {
            let from = calendar.startOfDay(origin.adding(days: 7 * week))
            let to = calendar.startOfDay(origin.adding(days: 7 * week + 7))
            var t = from
            while t < to {
                let i = Int((t - first) / step)
                if i >= 0 && i < channel.intensity.count { weeks[week].truth += channel.intensity[i] }
                t += step
            }
            if showDays && week >= 13 {
                for d in 0..<7 {
                    let date = origin.adding(days: 7 * week + d)
                    var truth = 0.0
                    var t = calendar.startOfDay(date)
                    while t < calendar.startOfDay(date.adding(days: 1)) {
                        let i = Int((t - first) / step)
                        if i >= 0 && i < channel.intensity.count { truth += channel.intensity[i] }
                        t += step
                    }
                    let f = dayForecast[date.daysSinceEpoch] ?? 0
                    print("    \(date) w\(date.weekday): forecast \(Int(f)) truth \(Int(truth))")
                }
            }
            let band = result.weeklyBand.bounds(weeks[week].forecast, leadWeek: week)
            weeks[week].lo80 = band.lo80
            weeks[week].hi80 = band.hi80
        }
        return weeks
    }
}
