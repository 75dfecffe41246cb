import DemoData
import Forecasting
import Foundation
import StaffcastCore

/// `staffcast-bench suite`: the accuracy suite of issue 9, built so it cannot be tuned to one data set.
///
/// - **bank** (`datasets/bank_calls.csv` summed to 30 minutes, US holidays): every Monday origin
///   whose week lies in the data, 7-day horizon; *tune* = origins in March–June 2003, *check* =
///   July–August.
/// - **web shop** (``DemoData`` with ``DemoVariation/random(seed:)``: each seed its own shop —
///   volumes, trends, holiday and retail effects, annual cycle, promotions with and without
///   effect and with wrong expected uplifts in the events file, outage, glitch, level shift, AHT
///   on calendar days; 3 years from the first Monday of a year 2019–2023 drawn by the seed;
///   Europe/Amsterdam, NL holidays + retail events, the events file as user events). *Tune* seeds
///   11, 12, 13; *check* seeds 21, 22, 23 (never looked at while changing the models). Two
///   horizons: 1 week from Monday origins every ``SuiteShop/weekStep`` weeks over the last year
///   (offset by the seed, so the seeds together cover the year), and the
///   59/61-day horizon from 1 January (history to 31 December, scored on January–February) and
///   1 November (scored on November–December) of the last full year.
///
/// Scores, pooled over each group's intervals: WAPE against the true intensity (the web shop) or
/// the actuals (the bank), daily-total WAPE, bias, 80 %/95 % coverage of the recorded counts,
/// and WAPE of the AHT forecast (contact-weighted, web shop). Peers (statsforecast, Prophet) are
/// read from `Benchmarks/peers/results.csv` when `Benchmarks/peers/run_peers.py` has written it,
/// and printed as ratios Staffcast / peer (below 1 = Staffcast better).
func runAccuracySuite(export: String? = nil) {
    let started = Date()
    print("== Accuracy suite (issue 9): tune / check ==")
    var cases: [SuiteCase] = []
    cases += bankCases()
    for seed in SuiteShop.tuneSeeds + SuiteShop.checkSeeds {
        do { cases += try SuiteShop(seed: seed).cases() } catch { print("web shop seed \(seed) skipped: \(error)") }
    }
    if let export {
        exportCases(cases, to: export)
        return
    }
    // Development filters (environment): STAFFCAST_SUITE_GROUP=tune|check, STAFFCAST_SUITE_HORIZON=week|long,
    // STAFFCAST_SUITE_METHODS=auto,regression,… (also the variants below).
    let env = ProcessInfo.processInfo.environment
    if let group = env["STAFFCAST_SUITE_GROUP"] { cases = cases.filter { $0.group == group } }
    if let horizon = env["STAFFCAST_SUITE_HORIZON"] {
        cases = cases.filter { ($0.horizon == "1 week") == (horizon == "week") }
    }
    let variants: [(label: String, auto: AutoForecaster)] = [
        ("auto", AutoForecaster()),
        ("regression", AutoForecaster(models: [CalendarRegressionModel()])),
        ("regression-retail-k1", AutoForecaster(models: [CalendarRegressionModel(retailShrinkage: 1)])),
        ("regression-damp0.8", AutoForecaster(models: [CalendarRegressionModel(trendDamping: 0.8)])),
        ("regression-yearly-damp0.9", AutoForecaster(models: [CalendarRegressionModel(yearlyTrendDamping: 0.9)])),
        ("wavg6", AutoForecaster(models: [WeeklyAverageModel(weeks: 6)])),
        ("snaive", AutoForecaster(models: [SeasonalNaiveModel()])),
        ("topdown", AutoForecaster(models: [TopDownModel()])),
        ("dshw", AutoForecaster(models: [DoubleSeasonalHoltWintersModel()])),
        ("regression-noyear", AutoForecaster(models: [CalendarRegressionModel(yearly: false)])),
        (
            "auto-old",
            AutoForecaster(models: [SeasonalNaiveModel(), CalendarRegressionModel(yearly: false)], combines: false)
        ),
        ("auto-nocombo", AutoForecaster(combines: false)),
        ("auto-nostab", AutoForecaster(noiseMultiple: 0)),
        ("auto-n2", AutoForecaster(noiseMultiple: 2)),
        ("auto-8", AutoForecaster(backtestOrigins: 8)),
        ("auto-8-nostab", AutoForecaster(backtestOrigins: 8, noiseMultiple: 0)),
        (
            "auto-nodshw-nostab",
            AutoForecaster(
                models: [
                    SeasonalNaiveModel(), WeeklyAverageModel(weeks: 6), CalendarRegressionModel(),
                    TopDownModel(),
                ], noiseMultiple: 0)
        ),
        ("auto-old-year", AutoForecaster(models: [SeasonalNaiveModel(), CalendarRegressionModel()], combines: false)),
    ]
    let names = (env["STAFFCAST_SUITE_METHODS"] ?? "auto,regression,wavg6,snaive").split(separator: ",").map(
        String.init)
    let methods = names.compactMap { name in variants.first { $0.label == name } }
    var tallies: [String: SuiteTally] = [:]  // "dataset|horizon|group|method"
    var autoSeconds: [Double] = []
    var chosen: [String: [String: Int]] = [:]  // "dataset|horizon|group" → model → count
    let peers = SuitePeers.load("Benchmarks/peers/results.csv")
    var peerPairs: [String: (Double, Double, Double, Double)] = [:]  // … |peer → Staffcast abs, sum; peer abs, truth
    for c in cases {
        let input = c.makeInput()
        for (m, method) in methods.enumerated() {
            let t0 = Date()
            guard let result = try? method.auto.forecast(input, origin: c.origin, horizonSeconds: c.horizonSeconds)
            else {
                print("  \(c.dataset) \(c.channel) \(c.originLabel) \(method.label): no forecast")
                continue
            }
            let seconds = Date().timeIntervalSince(t0)
            if m == 0 {
                autoSeconds.append(seconds)
                chosen["\(c.dataset)|\(c.horizon)|\(c.group)", default: [:]][result.forecast.model, default: 0] += 1
            }
            var tally = c.score(result.forecast, intervalSeconds: input.series.intervalSeconds)
            if m == 0, let aht = c.ahtScore(input: input) {
                tally.ahtAbs = aht.abs
                tally.ahtSum = aht.sum
            }
            if m == 0, env["STAFFCAST_SUITE_AHT_PLAIN"] != nil, let aht = c.ahtScore(input: input, withCalendar: false)
            {
                tally.plainAhtAbs = aht.abs
                tally.plainAhtSum = aht.sum
            }
            tallies["\(c.dataset)|\(c.horizon)|\(c.group)|\(method.label)", default: SuiteTally()].add(tally)
            if m == 0 {
                // Staffcast and each peer on the cases the peer was run on.
                for (peer, score) in peers.cases[c.key] ?? [:] {
                    let k = "\(c.dataset)|\(c.horizon)|\(c.group)|\(peer)"
                    let old = peerPairs[k] ?? (0, 0, 0, 0)
                    peerPairs[k] = (old.0 + tally.abs, old.1 + tally.sum, old.2 + score.abs, old.3 + score.truth)
                }
            }
        }
    }
    let groups = Array(Set(cases.map { "\($0.dataset)|\($0.horizon)" })).sorted()
    print("")
    print("WAPE (web shop: against the true intensity; bank: against the calls), pooled over each group's intervals:")
    var header = "| data set | horizon | cases tune/check |"
    var rule = "|---|---|---:|"
    for method in methods {
        header += " \(method.label) tune | \(method.label) check |"
        rule += "---:|---:|"
    }
    header += " auto/best-peer tune | auto/best-peer check |"
    rule += "---:|---:|"
    print(header)
    print(rule)
    for g in groups {
        let parts = g.split(separator: "|").map(String.init)
        let nTune = cases.filter { "\($0.dataset)|\($0.horizon)" == g && $0.group == "tune" }.count
        let nCheck = cases.filter { "\($0.dataset)|\($0.horizon)" == g && $0.group == "check" }.count
        var line = "| \(parts[0]) | \(parts[1]) | \(nTune)/\(nCheck) |"
        for method in methods {
            for group in ["tune", "check"] {
                line += " \(suitePercent(tallies["\(g)|\(group)|\(method.label)"]?.wape ?? .nan)) |"
            }
        }
        for group in ["tune", "check"] {
            // The best peer on its cases, and Staffcast's first method on the same cases.
            let best = peerPairs.filter { $0.key.hasPrefix("\(g)|\(group)|") && $0.value.3 > 0 }
                .min { $0.value.2 / $0.value.3 < $1.value.2 / $1.value.3 }
            line +=
                best.map { entry -> String in
                    let ours = entry.value.0 / entry.value.1
                    let theirs = entry.value.2 / entry.value.3
                    return
                        " \(suiteFixed(ours / theirs, 2)) (\(entry.key.split(separator: "|").last ?? "") \(suitePercent(theirs)), ours \(suitePercent(ours))) |"
                } ?? " n/a |"
        }
        print(line)
    }
    print("")
    print(
        "auto in detail: daily-total WAPE, bias, 80 %/95 % coverage of the recorded counts, WAPE of the AHT forecast, models chosen:"
    )
    print("| data set | horizon | group | WAPE | daily WAPE | bias | cov80 | cov95 | AHT WAPE | chosen |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---|")
    for g in groups {
        for group in ["tune", "check"] {
            guard let t = tallies["\(g)|\(group)|auto"] else { continue }
            let parts = g.split(separator: "|").map(String.init)
            let picks = (chosen["\(g)|\(group)"] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: ", ")
            print(
                "| \(parts[0]) | \(parts[1]) | \(group) | \(suitePercent(t.wape)) | \(suitePercent(t.dailyWape)) | "
                    + "\(suiteSigned(t.bias)) | \(suitePercent(t.coverage80)) | \(suitePercent(t.coverage95)) | "
                    + "\(suitePercent(t.ahtWape))\(t.plainAhtSum > 0 ? " (profile only \(suitePercent(t.plainAhtWape)))" : "") | \(picks) |"
            )
        }
    }
    if !peerPairs.isEmpty {
        print("")
        print(
            "Peers (Benchmarks/peers/results.csv) on the cases they were run on: Staffcast \(methods.first?.label ?? "") WAPE / peer WAPE = ratio"
        )
        for key in peerPairs.keys.sorted() {
            let v = peerPairs[key]!
            print(
                "  \(key.replacingOccurrences(of: "|", with: " · ")): \(suitePercent(v.0 / v.1)) / \(suitePercent(v.2 / v.3)) = \(suiteFixed(v.0 / v.1 / (v.2 / v.3), 2))"
            )
        }
    }
    let sorted = autoSeconds.sorted()
    print("")
    print(
        "auto per channel and origin (backtests, choice, refit, forecast): mean \(suiteFixed(autoSeconds.reduce(0, +) / Double(max(1, autoSeconds.count)) * 1000, 0)) ms, "
            + "p95 \(suiteFixed((sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, sorted.count * 95 / 100)]) * 1000, 0)) ms, "
            + "max \(suiteFixed((sorted.last ?? .nan) * 1000, 0)) ms over \(autoSeconds.count) calls; suite \(suiteFixed(Date().timeIntervalSince(started), 1)) s"
    )
}

/// One forecast to score: a channel, an origin, a horizon, and what really happened.
struct SuiteCase {
    var dataset: String
    var group: String
    var horizon: String
    var seed: UInt64?
    var channel: String
    var originLabel: String
    /// The history before the origin with its events (built when scored: a case list holds hundreds).
    var makeInput: () -> ForecastInput
    var origin: Int64
    var horizonSeconds: Int
    /// Scored instants [from, to) and per instant the truth and the recorded count (nil = unknown).
    var scoredFrom: Int64
    var scoredTo: Int64
    var truth: (Int64) -> Double?
    var recorded: (Int64) -> Double?
    var day: (Int64) -> Int
    /// The realised AHT per instant (with its contacts), when the data has handle times.
    var realisedAHT: ((Int64) -> (aht: Double, contacts: Double)?)?
    var ahtHistory: IntervalSeries?
    var calendar: PlanningCalendar

    /// Identifies the case for the peers' results.
    var key: String { "\(dataset)|\(horizon)|\(seed.map(String.init) ?? "")|\(channel)|\(originLabel)" }

    func score(_ forecast: Forecast, intervalSeconds: Int) -> SuiteTally {
        var t = SuiteTally()
        var byDay: [Int: (f: Double, y: Double)] = [:]
        var position: [Int64: Int] = [:]
        for (k, instant) in forecast.instants.enumerated() { position[instant] = k }
        var instant = scoredFrom
        let step = Int64(intervalSeconds)
        while instant < scoredTo {
            defer { instant += step }
            guard let y = truth(instant) else { continue }
            let k = position[instant]
            let f = k.map { forecast.mean[$0] } ?? 0
            t.abs += abs(f - y)
            t.sum += y
            t.signed += f - y
            let d = day(instant)
            let old = byDay[d] ?? (0, 0)
            byDay[d] = (old.f + f, old.y + y)
            if let n = recorded(instant) {
                t.observed += 1
                if let k {
                    if n >= forecast.lo80[k] && n <= forecast.hi80[k] { t.inside80 += 1 }
                    if n >= forecast.lo95[k] && n <= forecast.hi95[k] { t.inside95 += 1 }
                } else if n == 0 {
                    t.inside80 += 1
                    t.inside95 += 1
                }
            }
        }
        for (_, v) in byDay { t.dailyAbs += abs(v.f - v.y) }
        return t
    }

    /// WAPE parts of the AHT forecast: with the calendar (`withCalendar`) or the profile alone.
    func ahtScore(input: ForecastInput, withCalendar: Bool = true) -> (abs: Double, sum: Double)? {
        guard let realisedAHT, let ahtHistory else { return nil }
        let instants = Array(stride(from: scoredFrom, to: scoredTo, by: ahtHistory.intervalSeconds))
        let model =
            withCalendar
            ? AHTForecast.fit(input)
            : AHTForecast.fit(ahtHistory.truncated(before: origin), calendar: calendar)
        guard let model else { return nil }
        let forecast = model.aht(at: instants)
        var abs = 0.0
        var sum = 0.0
        for (k, instant) in instants.enumerated() {
            guard let real = realisedAHT(instant) else { continue }
            abs += real.contacts * Swift.abs(forecast[k] - real.aht)
            sum += real.contacts * real.aht
        }
        return sum > 0 ? (abs, sum) : nil
    }
}

struct SuiteTally {
    var abs = 0.0, sum = 0.0, signed = 0.0, dailyAbs = 0.0
    var observed = 0.0, inside80 = 0.0, inside95 = 0.0
    var ahtAbs = 0.0, ahtSum = 0.0, plainAhtAbs = 0.0, plainAhtSum = 0.0
    var plainAhtWape: Double { plainAhtSum > 0 ? plainAhtAbs / plainAhtSum : .nan }
    var wape: Double { sum > 0 ? abs / sum : .nan }
    var dailyWape: Double { sum > 0 ? dailyAbs / sum : .nan }
    var bias: Double { sum > 0 ? signed / sum : .nan }
    var coverage80: Double { observed > 0 ? inside80 / observed : .nan }
    var coverage95: Double { observed > 0 ? inside95 / observed : .nan }
    var ahtWape: Double { ahtSum > 0 ? ahtAbs / ahtSum : .nan }
    mutating func add(_ o: SuiteTally) {
        abs += o.abs
        sum += o.sum
        signed += o.signed
        dailyAbs += o.dailyAbs
        observed += o.observed
        inside80 += o.inside80
        inside95 += o.inside95
        ahtAbs += o.ahtAbs
        ahtSum += o.ahtSum
        plainAhtAbs += o.plainAhtAbs
        plainAhtSum += o.plainAhtSum
    }
}

/// The bank's calls summed to 30 minutes (the lone 21:00 slot dropped), Monday origins.
func bankCases() -> [SuiteCase] {
    guard let text = try? String(contentsOfFile: "datasets/bank_calls.csv", encoding: .utf8) else {
        print("bank skipped: datasets/bank_calls.csv not found (run from the repository root)")
        return []
    }
    var buckets: [Int64: Double] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
        let fields = line.split(separator: ",")
        guard fields.count >= 2, let calls = Double(fields[1]) else { continue }
        let stamp = fields[0].hasSuffix("Z") ? fields[0].dropLast() : fields[0]
        let parts = stamp.split(separator: "T")
        guard parts.count == 2 else { continue }
        let d = parts[0].split(separator: "-").compactMap { Int($0) }
        let t = parts[1].split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, t.count == 3, let date = CivilDate(year: d[0], month: d[1], day: d[2]) else { continue }
        let instant = Int64(date.daysSinceEpoch) * 86_400 + Int64(t[0] * 3600 + t[1] * 60)
        let bucket = instant - instant % 1800
        guard bucket % 86_400 < 21 * 3600 else { continue }
        buckets[bucket, default: 0] += calls
    }
    guard let first = buckets.keys.min(), let last = buckets.keys.max() else { return [] }
    let count = Int((last - first) / 1800) + 1
    let series = IntervalSeries(
        channel: "calls", intervalSeconds: 1800, start: first,
        contacts: (0..<count).map { buckets[first + Int64($0) * 1800] })
    let holidays = (try? HolidayCalendar.events(countries: ["US"], years: 2003...2003)) ?? []
    var cases: [SuiteCase] = []
    var monday = CivilDate(year: 2003, month: 3, day: 31)!
    let lastDay = Int(last / 86_400)
    while monday.daysSinceEpoch + 4 <= lastDay {
        let origin = Int64(monday.daysSinceEpoch) * 86_400
        let value: (Int64) -> Double? = { t in series.index(of: t).flatMap { series.contacts[$0] } }
        cases.append(
            SuiteCase(
                dataset: "bank (US holidays)", group: monday.month <= 6 ? "tune" : "check", horizon: "1 week",
                seed: nil,
                channel: "calls", originLabel: monday.description,
                makeInput: {
                    ForecastInput(series: series.truncated(before: origin), calendar: .utc, calendarEvents: holidays)
                },
                origin: origin,
                horizonSeconds: 7 * 86_400, scoredFrom: origin, scoredTo: origin + 7 * 86_400,
                truth: value, recorded: value, day: { Int($0 / 86_400) }, realisedAHT: nil, ahtHistory: nil,
                calendar: .utc))
        monday = monday.adding(days: 7)
    }
    return cases
}

/// One generated shop of the suite.
struct SuiteShop {
    static let tuneSeeds: [UInt64] = [11, 12, 13]
    static let checkSeeds: [UInt64] = [21, 22, 23]
    /// Weekly origins: every `weekStep`-th Monday of the last year (offset by the seed).
    static let weekStep = 8

    let seed: UInt64
    let dataset: DemoDataset
    let calendarEvents: [CalendarEvent]
    let userEvents: [UserEvent]

    init(seed: UInt64) throws {
        self.seed = seed
        var start = CivilDate(year: 2019 + Int(seed % 5), month: 1, day: 1)!
        while start.weekday != 1 { start = start.adding(days: 1) }
        dataset = try DemoDataset(
            DemoConfig(
                seed: seed, start: start, days: DemoConfig.days(from: start, years: 3),
                variation: .random(seed: seed)))
        userEvents = try EventsFile.read(
            data: Data(dataset.eventsCSV().utf8), name: "events.csv", calendar: dataset.calendar)
        calendarEvents = try HolidayCalendar.events(countries: ["NL"], years: start.year...start.year + 4)
    }

    var group: String { SuiteShop.tuneSeeds.contains(seed) ? "tune" : "check" }

    func cases() -> [SuiteCase] {
        let calendar = dataset.calendar
        let start = dataset.config.start
        let endDay = start.adding(days: dataset.config.days)  // first day not generated
        let dataEnd = calendar.startOfDay(endDay)
        let first = dataset.instants[0]
        let step = Int64(DemoDataset.intervalSeconds)
        var result: [SuiteCase] = []
        let lastYear = endDay.adding(days: -1).year
        // Jan–Feb of the last year whose Jan–Feb is in the data; Nov–Dec of the last full year.
        let janYear = CivilDate(year: lastYear, month: 3, day: 1)! <= endDay ? lastYear : lastYear - 1
        let novYear = CivilDate(year: lastYear + 1, month: 1, day: 1)! <= endDay ? lastYear : lastYear - 1
        var origins: [(CivilDate, CivilDate, String)] = [
            (CivilDate(year: janYear, month: 1, day: 1)!, CivilDate(year: janYear, month: 3, day: 1)!, "59/61 days"),
            (
                CivilDate(year: novYear, month: 11, day: 1)!, CivilDate(year: novYear + 1, month: 1, day: 1)!,
                "59/61 days"
            ),
        ]
        var monday = endDay.adding(days: -364)
        while monday.weekday != 1 { monday = monday.adding(days: 1) }
        monday = monday.adding(days: 7 * Int(seed % UInt64(Self.weekStep)))
        while monday.adding(days: 7) <= endDay {
            origins.append((monday, monday.adding(days: 7), "1 week"))
            monday = monday.adding(days: 7 * Self.weekStep)
        }
        for channel in dataset.channels {
            guard let series = dataset.series(channel.profile.name) else { continue }
            let intensity = channel.intensity
            let counts = channel.counts
            let aht = channel.aht
            let index: (Int64) -> Int? = { t in
                let k = Int((t - first) / step)
                return t >= first && t < dataEnd && k < intensity.count ? k : nil
            }
            for (from, to, horizon) in origins {
                let origin = calendar.startOfDay(from)
                let end = calendar.startOfDay(to)
                let (calendarEvents, userEvents) = (self.calendarEvents, self.userEvents)
                result.append(
                    SuiteCase(
                        dataset: "web shop", group: group, horizon: horizon, seed: seed, channel: channel.profile.name,
                        originLabel: from.description,
                        makeInput: {
                            ForecastInput(
                                series: series.truncated(before: origin), calendar: calendar,
                                calendarEvents: calendarEvents, userEvents: userEvents)
                        },
                        origin: origin, horizonSeconds: Int(end - origin),
                        scoredFrom: origin, scoredTo: end,
                        truth: { t in index(t).map { intensity[$0] } },
                        recorded: { t in index(t).flatMap { counts[$0] }.map(Double.init) },
                        day: { t in calendar.local(t).date.daysSinceEpoch },
                        realisedAHT: { t in
                            guard let k = index(t), let n = counts[k], n > 0, let a = aht[k] else { return nil }
                            return (a, Double(n))
                        },
                        ahtHistory: series, calendar: calendar))
            }
        }
        return result
    }
}

/// The peers' scores, written by `Benchmarks/peers/run_peers.py`:
/// `dataset,horizon,group,seed,channel,origin,method,abs_error,truth` per case.
struct SuitePeers {
    /// Case key (``SuiteCase/key``) → method → Σ|f − truth| and Σ truth.
    var cases: [String: [String: (abs: Double, truth: Double)]] = [:]

    static func load(_ path: String) -> SuitePeers {
        var peers = SuitePeers()
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return peers }
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 9, let a = Double(f[7]), let y = Double(f[8]) else { continue }
            peers.cases["\(f[0])|\(f[1])|\(f[3])|\(f[4])|\(f[5])", default: [:]][f[6]] = (a, y)
        }
        return peers
    }
}

/// Writes the web-shop data sets and the case list for the peers' script.
func exportCases(_ cases: [SuiteCase], to directory: String) {
    let fm = FileManager.default
    try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var text = "dataset,horizon,group,seed,channel,origin,origin_utc,horizon_seconds,scored_from_utc,scored_to_utc\n"
    for c in cases {
        text +=
            "\(c.dataset),\(c.horizon),\(c.group),\(c.seed.map(String.init) ?? ""),\(c.channel),\(c.originLabel),"
            + "\(c.origin),\(c.horizonSeconds),\(c.scoredFrom),\(c.scoredTo)\n"
    }
    try? text.write(toFile: directory + "/cases.csv", atomically: true, encoding: .utf8)
    for seed in SuiteShop.tuneSeeds + SuiteShop.checkSeeds {
        guard let shop = try? SuiteShop(seed: seed) else { continue }
        try? shop.dataset.write(to: directory + "/webshop-\(seed)")
    }
    print("wrote \(cases.count) cases and the web-shop data sets to \(directory)")
}

func suitePercent(_ x: Double) -> String { x.isFinite ? String(format: "%.2f%%", x * 100) : "n/a" }
func suiteSigned(_ x: Double) -> String { x.isFinite ? String(format: "%+.2f%%", x * 100) : "n/a" }
func suiteFixed(_ x: Double, _ digits: Int) -> String { x.isFinite ? String(format: "%.\(digits)f", x) : "n/a" }
