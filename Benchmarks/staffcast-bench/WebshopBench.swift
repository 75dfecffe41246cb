import DemoData
import Forecasting
import Foundation
import StaffcastCore

/// `staffcast-bench webshop` (opt-in, slow): the issue's web-shop target on our own generated data.
///
/// The DemoData generator (seed 42, start 2023-01-02, 3 years — the same as `make demo-data`) is
/// run in memory; it gives per channel the sampled counts (the history the forecaster sees, outage
/// intervals unknown) and the true intensity. Europe/Amsterdam, NL holidays + retail events
/// (``HolidayCalendar``) as calendar events, the generated promotions (its events.csv, read with
/// ``EventsFile``) as user events. Per channel, weekly origins (Monday 00:00 local) covering
/// January–February of the last year and November–December of the last full year in the data;
/// horizon one week; every interval of a test week that lies inside the period and inside the data
/// is scored (slots a model leaves out as closed count as forecast 0). WAPE = Σ|forecast − truth| /
/// Σ truth, pooled over the period's intervals (and over channels for the overall, i.e.
/// volume-weighted); "wk" is the mean of the per-week WAPEs.
func runWebshopBenchmarks() {
    print("== Web shop demo data: DemoData seed 42, 2023-01-02 + 3 years, 5 channels, 15 min, Europe/Amsterdam ==")
    let start = CivilDate(year: 2023, month: 1, day: 2)!
    let generated = Date()
    let dataset: DemoDataset
    let userEvents: [UserEvent]
    let calendarEvents: [CalendarEvent]
    do {
        dataset = try DemoDataset(DemoConfig(seed: 42, start: start, days: DemoConfig.days(from: start, years: 3)))
        userEvents = try EventsFile.read(
            data: Data(dataset.eventsCSV().utf8), name: "events.csv", calendar: dataset.calendar)
        let end = start.adding(days: dataset.config.days)
        calendarEvents = try HolidayCalendar.events(countries: ["NL"], years: start.year...end.year + 1)
    } catch {
        print("webshop bench skipped: \(error)")
        return
    }
    let generateSeconds = Date().timeIntervalSince(generated)
    let calendar = dataset.calendar
    let endDay = start.adding(days: dataset.config.days)  // first day not generated
    let lastDay = endDay.adding(days: -1)
    let dataStart = dataset.instants[0]
    let dataEnd = calendar.startOfDay(endDay)
    let rows = dataset.channels.reduce(0) { $0 + $1.counts.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
    print(
        "data \(start) … \(lastDay): \(dataset.instants.count) intervals × \(dataset.channels.count) channels = \(rows) history rows; "
            + "generated in \(fixed(generateSeconds, 2)) s; \(calendarEvents.count) NL calendar events, \(userEvents.count) promotions"
    )

    // The periods: Jan–Feb of the last year whose Jan–Feb is fully in the data; Nov–Dec likewise.
    var janYear = lastDay.year
    if CivilDate(year: janYear, month: 3, day: 1)! > endDay { janYear -= 1 }
    var novYear = lastDay.year
    if CivilDate(year: novYear + 1, month: 1, day: 1)! > endDay { novYear -= 1 }
    let periods: [Period] = [
        Period(
            label: "Jan–Feb \(janYear)", first: CivilDate(year: janYear, month: 1, day: 1)!,
            end: CivilDate(year: janYear, month: 3, day: 1)!, peers: 0.077, target: 0.069),
        Period(
            label: "Nov–Dec \(novYear)", first: CivilDate(year: novYear, month: 11, day: 1)!,
            end: CivilDate(year: novYear + 1, month: 1, day: 1)!, peers: 0.103, target: 0.093),
    ]
    for period in periods {
        let origins = period.origins
        print(
            "\(period.label): scored \(period.first) … \(period.end.adding(days: -1)); \(origins.count) weekly origins (Mondays) "
                + "\(origins.first!) … \(origins.last!); weeks reaching outside the period are scored on their days inside it"
        )
    }

    let methods: [(label: String, auto: AutoForecaster)] = [
        ("auto", AutoForecaster()),
        ("regression", AutoForecaster(models: [CalendarRegressionModel()])),
        ("snaive", AutoForecaster(models: [SeasonalNaiveModel()])),
        ("wavg6", AutoForecaster(models: [WeeklyAverageModel(weeks: 6)])),
    ]
    let week = 604_800
    // [period][method] per channel, plus overall.
    var scores: [[[Score]]] = periods.map { _ in methods.map { _ in [] } }
    var weekly: [[String: Score]] = periods.map { _ in [:] }  // auto, all channels, per origin week
    var chosen: [[String: Int]] = periods.map { _ in [:] }
    var timings: [ChannelTiming] = []
    let benchStarted = Date()

    for channel in dataset.channels {
        let name = channel.profile.name
        var timing = ChannelTiming(channel: name)
        let channelStarted = Date()
        let buildStarted = Date()
        guard let series = dataset.series(name) else { continue }
        timing.buildSeconds += Date().timeIntervalSince(buildStarted)
        for (p, period) in periods.enumerated() {
            var perMethod = methods.map { _ in Score() }
            for day in period.origins {
                let origin = calendar.startOfDay(day)
                let buildStarted = Date()
                let input = ForecastInput(
                    series: series.truncated(before: origin), calendar: calendar,
                    calendarEvents: calendarEvents, userEvents: userEvents)
                timing.buildSeconds += Date().timeIntervalSince(buildStarted)
                // Scored window: the test week ∩ the period ∩ the data.
                let from = max(origin, calendar.startOfDay(period.first), dataStart)
                let to = min(origin + Int64(week), calendar.startOfDay(period.end), dataEnd)

                // One model's fit + forecast (the regression, the heaviest).
                let instants = ForecastHorizon.instants(
                    origin: origin, horizonSeconds: week, intervalSeconds: series.intervalSeconds,
                    openingHours: input.openingHours, calendar: calendar)
                let fitStarted = Date()
                if let fitted = try? CalendarRegressionModel().fit(input) { _ = fitted.pointForecast(at: instants) }
                timing.fitSeconds.append(Date().timeIntervalSince(fitStarted))

                for (m, method) in methods.enumerated() {
                    let started = Date()
                    let result = try? method.auto.forecast(input, origin: origin, horizonSeconds: week)
                    let seconds = Date().timeIntervalSince(started)
                    if m == 0 { timing.autoSeconds.append(seconds) } else { timing.singleSeconds += seconds }
                    guard let forecast = result?.forecast else {
                        print("  \(name) \(day) \(method.label): no forecast")
                        continue
                    }
                    var byInstant: [Int64: Double] = [:]
                    byInstant.reserveCapacity(forecast.instants.count)
                    for (t, v) in zip(forecast.instants, forecast.mean) { byInstant[t] = v }
                    var s = Score()
                    var acc = (date: CivilDate?.none, f: 0.0, truth: 0.0)
                    func closeDay() { s.absDaily += abs(acc.f - acc.truth) }
                    var t = from
                    while t < to {
                        let k = Int((t - dataStart) / Int64(DemoDataset.intervalSeconds))
                        let f = byInstant[t] ?? 0
                        let truth = channel.intensity[k]
                        s.absIntensity += abs(f - truth)
                        s.intensity += truth
                        s.signed += f - truth
                        if acc.date != dataset.localDates[k] {
                            if acc.date != nil { closeDay() }
                            acc = (dataset.localDates[k], 0, 0)
                        }
                        acc.f += f
                        acc.truth += truth
                        if let n = channel.counts[k] {
                            s.absCounts += abs(f - Double(n))
                            s.counts += Double(n)
                        }
                        t += Int64(DemoDataset.intervalSeconds)
                    }
                    if acc.date != nil { closeDay() }
                    perMethod[m].add(s)
                    perMethod[m].weekWapes.append(s.wapeIntensity)
                    if m == 0 {
                        weekly[p][day.description, default: Score()].add(s)
                        chosen[p][forecast.model, default: 0] += 1
                    }
                }
            }
            for m in methods.indices { scores[p][m].append(perMethod[m]) }
        }
        timing.totalSeconds = Date().timeIntervalSince(channelStarted)
        timings.append(timing)
    }
    let benchSeconds = Date().timeIntervalSince(benchStarted)

    // The table.
    let names = dataset.channels.map(\.profile.name)
    print("")
    print(
        "WAPE against the TRUE INTENSITY (pooled over the period's intervals; overall = all channels pooled, volume-weighted):"
    )
    var header = "| channel |"
    var rule = "|---|"
    for period in periods {
        for method in methods {
            header += " \(period.label) \(method.label) |"
            rule += "---:|"
        }
    }
    print(header)
    print(rule)
    for (c, name) in names.enumerated() {
        var line = "| \(name) |"
        for p in periods.indices { for m in methods.indices { line += " \(percent(scores[p][m][c].wapeIntensity)) |" } }
        print(line)
    }
    var overall = "| **overall** |"
    for p in periods.indices {
        for m in methods.indices { overall += " **\(percent(Score.total(scores[p][m]).wapeIntensity))** |" }
    }
    print(overall)
    var peersLine = "| peers' best (hidden data) |"
    var targetLine = "| target (10 % better) |"
    for period in periods {
        peersLine += " \(percent(period.peers)) |" + String(repeating: " |", count: methods.count - 1)
        targetLine += " \(percent(period.target)) |" + String(repeating: " |", count: methods.count - 1)
    }
    print(peersLine)
    print(targetLine)

    print("")
    print("Side by side, auto vs the targets:")
    print(
        "| channel | Jan–Feb auto | mean of weeks | peers | target | met | Nov–Dec auto | mean of weeks | peers | target | met |"
    )
    print("|---|---:|---:|---:|---:|:-:|---:|---:|---:|---:|:-:|")
    for c in names.indices + [names.count] {
        var line = c < names.count ? "| \(names[c]) |" : "| **overall** |"
        for (p, period) in periods.enumerated() {
            let s = c < names.count ? scores[p][0][c] : Score.total(scores[p][0])
            let weeks = c < names.count ? s.weekWapes : weekly[p].values.map(\.wapeIntensity)
            let mean = weeks.isEmpty ? Double.nan : weeks.reduce(0, +) / Double(weeks.count)
            line +=
                " \(percent(s.wapeIntensity)) | \(percent(mean)) | \(percent(period.peers)) | \(percent(period.target)) | \(s.wapeIntensity <= period.target ? "yes" : "no") |"
        }
        print(line)
    }

    print("")
    print("WAPE against the SAMPLED COUNTS (Poisson noise included; outage intervals left out):")
    header = "| channel |"
    rule = "|---|"
    for period in periods {
        for method in methods {
            header += " \(period.label) \(method.label) |"
            rule += "---:|"
        }
    }
    print(header)
    print(rule)
    for (c, name) in names.enumerated() {
        var line = "| \(name) |"
        for p in periods.indices { for m in methods.indices { line += " \(percent(scores[p][m][c].wapeCounts)) |" } }
        print(line)
    }
    overall = "| **overall** |"
    for p in periods.indices {
        for m in methods.indices { overall += " **\(percent(Score.total(scores[p][m]).wapeCounts))** |" }
    }
    print(overall)

    print("")
    print(
        "Auto, all channels pooled, per test week, against the intensity (daily-total WAPE = Σ_days |Σ forecast − Σ truth| / Σ truth,"
    )
    print("the part of the error that is the daily level; bias = Σ(forecast − truth) / Σ truth):")
    for (p, period) in periods.enumerated() {
        let per = names.indices.map { c -> String in
            let s = scores[p][0][c]
            return "\(names[c]) \(percent(s.dailyWape)) / \(signedPercent(s.bias))"
        }.joined(separator: ", ")
        let t = Score.total(scores[p][0])
        print(
            "  \(period.label) daily-total WAPE / bias per channel: \(per); overall \(percent(t.dailyWape)) / \(signedPercent(t.bias))"
        )
    }
    for (p, period) in periods.enumerated() {
        let line = weekly[p].sorted { $0.key < $1.key }
            .map {
                "| \($0.key) | \(percent($0.value.wapeIntensity))\($0.value.wapeIntensity > period.target ? " *" : "") | \(percent($0.value.dailyWape)) | \(signedPercent($0.value.bias)) |"
            }
            .joined(separator: "\n")
        print("  \(period.label) (* = above \(percent(period.target))):")
        print("| week of | WAPE | daily-total WAPE | bias |\n|---|---:|---:|---:|")
        print(line)
        print(
            "    chosen by auto: \(chosen[p].sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)×" }.joined(separator: ", "))"
        )
    }

    print("")
    print("Timings (release; \(periods.reduce(0) { $0 + $1.origins.count }) origins per channel):")
    print(
        "| channel | history build s | auto call per origin, mean / max ms | regression fit+forecast mean / max ms | 3 reference models s | channel total s |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for t in timings {
        print(
            "| \(t.channel) | \(fixed(t.buildSeconds, 3)) | \(fixed(mean(t.autoSeconds) * 1000, 1)) / \(fixed((t.autoSeconds.max() ?? .nan) * 1000, 1)) "
                + "| \(fixed(mean(t.fitSeconds) * 1000, 1)) / \(fixed((t.fitSeconds.max() ?? .nan) * 1000, 1)) | \(fixed(t.singleSeconds, 2)) | \(fixed(t.totalSeconds, 2)) |"
        )
    }
    let allAuto = timings.flatMap(\.autoSeconds)
    let allFit = timings.flatMap(\.fitSeconds)
    print(
        "auto call per origin: mean \(fixed(mean(allAuto) * 1000, 1)) ms, max \(fixed((allAuto.max() ?? .nan) * 1000, 1)) ms (target < 1000 ms); "
            + "regression fit+forecast: mean \(fixed(mean(allFit) * 1000, 1)) ms, max \(fixed((allFit.max() ?? .nan) * 1000, 1)) ms (target < 50 ms)"
    )
    print(
        "generation \(fixed(generateSeconds, 2)) s + all channels' forecasts \(fixed(benchSeconds, 2)) s; peak memory \(webshopPeakMemory())"
    )

    // The production run: every channel, one auto forecast of the week after the whole history.
    let productionStarted = Date()
    var productionChosen: [String] = []
    for channel in dataset.channels {
        guard let series = dataset.series(channel.profile.name) else { continue }
        let input = ForecastInput(
            series: series, calendar: calendar, calendarEvents: calendarEvents, userEvents: userEvents)
        let model =
            (try? AutoForecaster().forecast(input, origin: dataEnd, horizonSeconds: week))?.forecast.model ?? "failed"
        productionChosen.append("\(channel.profile.name) \(model)")
    }
    print(
        "\(rows) rows (in memory, no CSV parse) backtested and forecast, auto, all channels, week after the data: "
            + "\(fixed(Date().timeIntervalSince(productionStarted), 2)) s (target < 20 s incl. reading); chose \(productionChosen.joined(separator: ", ")); "
            + "peak memory \(webshopPeakMemory())")
}

private struct Period {
    var label: String
    var first: CivilDate
    /// First day after the period.
    var end: CivilDate
    var peers: Double
    var target: Double

    /// Mondays whose week overlaps the period.
    var origins: [CivilDate] {
        var day = first.adding(days: -(first.weekday - 1))
        var result: [CivilDate] = []
        while day < end {
            result.append(day)
            day = day.adding(days: 7)
        }
        return result
    }
}

private struct Score {
    var absIntensity = 0.0, intensity = 0.0, absCounts = 0.0, counts = 0.0
    /// Σ (forecast − truth) and Σ_days |Σ_day forecast − Σ_day truth|, both against the intensity.
    var signed = 0.0, absDaily = 0.0
    var bias: Double { intensity > 0 ? signed / intensity : .nan }
    var dailyWape: Double { intensity > 0 ? absDaily / intensity : .nan }
    var weekWapes: [Double] = []
    var wapeIntensity: Double { intensity > 0 ? absIntensity / intensity : .nan }
    var wapeCounts: Double { counts > 0 ? absCounts / counts : .nan }
    mutating func add(_ other: Score) {
        absIntensity += other.absIntensity
        intensity += other.intensity
        absCounts += other.absCounts
        counts += other.counts
        signed += other.signed
        absDaily += other.absDaily
    }
    static func total(_ scores: [Score]) -> Score {
        var s = Score()
        for x in scores { s.add(x) }
        return s
    }
}

private struct ChannelTiming {
    var channel: String
    var buildSeconds = 0.0
    var autoSeconds: [Double] = []
    var fitSeconds: [Double] = []
    var singleSeconds = 0.0
    var totalSeconds = 0.0
}

private func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
private func percent(_ value: Double) -> String { value.isFinite ? String(format: "%.2f%%", value * 100) : "n/a" }
private func signedPercent(_ value: Double) -> String {
    value.isFinite ? String(format: "%+.2f%%", value * 100) : "n/a"
}
private func fixed(_ value: Double, _ digits: Int) -> String {
    value.isFinite ? String(format: "%.\(digits)f", value) : "n/a"
}

/// VmHWM (peak resident memory) from /proc/self/status.
private func webshopPeakMemory() -> String {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
    else {
        return "unavailable (no /proc/self/status)"
    }
    return String(format: "%.1f MiB (VmHWM)", kilobytes / 1024)
}
