import StaffcastCore

/// Picks a model per channel by a rolling-origin backtest at the requested horizon, refits it on
/// all history and forecasts with calibrated 80 % / 95 % prediction intervals.
public struct AutoForecaster: Sendable {
    /// Every model the tool has: seasonal naive, the six-week average, the calendar regression,
    /// top-down and double-seasonal Holt-Winters; equal-weight combinations of the best of them
    /// are formed from their backtests (see ``forecast(_:origin:horizonSeconds:)``).
    public static let defaultModels: [any ForecastModel] = [
        SeasonalNaiveModel(), WeeklyAverageModel(weeks: 6), CalendarRegressionModel(), TopDownModel(),
        DoubleSeasonalHoltWintersModel(),
    ]

    /// Names ``model(named:)`` accepts (`wavg` takes any number of weeks 1…52, e.g. `wavg4`).
    public static var knownModelNames: [String] { ModelCatalog.names }

    /// Backtest origins are one week apart, so every window sees the same mix of weekdays.
    public static let backtestSpacing = 604_800

    /// The spacing of the backtest origins for a horizon: one week, or four weeks for a horizon
    /// of a quarter or more (``longHorizonWeeks``). A capacity forecast's error is mostly its
    /// level — the growth and the season carried months ahead — and windows one week apart share
    /// all but one of their weeks: eight of them measure that level error about once, and their
    /// weekly range held 66 % of the true weeks on the capacity suite's check shops. Four weeks
    /// apart, the same eight windows (still whole weeks, the same mix of weekdays) see the level
    /// at eight origins spread over seven months.
    public static func backtestSpacing(horizonSeconds: Int) -> Int {
        horizonSeconds >= longHorizonWeeks * backtestSpacing ? 4 * backtestSpacing : backtestSpacing
    }

    /// From this many weeks of horizon on, backtest origins are four weeks apart.
    public static let longHorizonWeeks = 13

    /// Weekly backtest origins whose errors calibrate the prediction intervals (and that
    /// ``Backtest/run(models:input:horizonSeconds:origins:everySeconds:)`` replays at each origin).
    /// More than the four that choose the model: most of the error is the daily level, and four
    /// weeks hold only ~20 business days of it — on the bank data the 95 % interval then covered
    /// 92.5 %, with eight 94 %. Fewer are used when the history is shorter.
    public static let intervalOrigins = 8

    /// Combinations are formed from the best this many single models (pairs and the triple).
    public static let combinationPool = 3

    public let models: [any ForecastModel]
    public let backtestOrigins: Int
    /// Whether equal-weight combinations of the best models compete (only with 3+ models).
    public let combines: Bool
    /// How many standard errors of the paired WAPE differences count as noise when a steadier
    /// candidate may replace the leader (``Selection``); 0: the lowest WAPE always wins.
    public let noiseMultiple: Double
    /// What the backtest windows are scored on when choosing (the decision's horizon).
    public let scoring: Scoring

    public init(
        models: [any ForecastModel] = AutoForecaster.defaultModels, backtestOrigins: Int = 4, combines: Bool = true,
        noiseMultiple: Double = Selection.noiseMultiple, scoring: Scoring = .intervals
    ) {
        self.models = models
        self.backtestOrigins = max(1, backtestOrigins)
        self.combines = combines
        self.noiseMultiple = max(0, noiseMultiple.isFinite ? noiseMultiple : 0)
        self.scoring = scoring
    }

    /// The model a planner names (``ModelCatalog/model(named:)``).
    public static func model(named name: String) throws(ForecastingError) -> any ForecastModel {
        try ModelCatalog.model(named: name)
    }

    /// Forecasts the open intervals starting in [origin, origin + horizon) from the history
    /// before `origin` (moved up to the series' grid if it falls inside an interval).
    ///
    /// 1. Each model is backtested at ``backtestOrigins`` origins one week apart, the last one
    ///    `horizonSeconds` before `origin`, at this horizon (a 9-week forecast is chosen by 9-week
    ///    backtests).
    /// 2. With three or more models, equal-weight combinations of the best ``combinationPool``
    ///    (each pair and the triple) are scored on the same windows from their members' forecasts
    ///    (Bates & Granger 1969; the M4 competition: combinations rarely lose to their average
    ///    member and often beat the best).
    /// 3. The lowest mean WAPE wins — unless a more stable candidate is within noise of it: then
    ///    the most stable of those within noise wins (see ``Selection``). Ties: the name first
    ///    in alphabetical order; when no model can be backtested the first model that fits is used.
    /// 4. The winner is refitted on all history before `origin`.
    /// 5. Intervals come from the winner's backtest errors in the ``intervalOrigins`` weeks before
    ///    `origin` (see `IntervalCalibration`), so even a single model is backtested.
    ///
    /// `scores` are the step-1 backtest of every model, then of the combinations; their coverage
    /// is out of sample, each window's intervals calibrated on the other windows' errors.
    public func forecast(_ input: ForecastInput, origin: Int64, horizonSeconds: Int) throws(ForecastingError)
        -> (forecast: Forecast, scores: [ModelScore])
    {
        let result = try forecastWithChoice(input, origin: origin, horizonSeconds: horizonSeconds)
        return (result.forecast, result.scores)
    }

    /// ``forecast(_:origin:horizonSeconds:)`` with what the choice was made on (``ModelChoice``)
    /// and the weekly range of the chosen candidate (``WeeklyBand``, fitted on the weekly totals
    /// of its ``intervalOrigins`` backtest windows).
    ///
    /// A combination is a candidate only when its mean score beats each of its members' on the
    /// same scoring: one that does not adds nothing but the weaker member's error.
    public func forecastWithChoice(_ input: ForecastInput, origin: Int64, horizonSeconds: Int)
        throws(ForecastingError) -> AutoForecast
    {
        let series = input.series
        guard !models.isEmpty else { throw .invalidRequest("no forecasting model to choose from") }
        guard horizonSeconds >= series.intervalSeconds, series.intervalSeconds > 0 else {
            throw .invalidRequest(
                "the horizon (\(horizonSeconds) s) is shorter than one interval (\(series.intervalSeconds) s)")
        }
        let interval = Int64(series.intervalSeconds)
        let offset = origin - series.start
        let alignedOrigin = offset <= 0 ? origin : series.start + (offset + interval - 1) / interval * interval
        let history = input.truncated(before: alignedOrigin).withReadings()
        guard alignedOrigin > series.start, history.endOfKnownHistory != nil else {
            throw .insufficientHistory(channel: series.channel, message: "no known volume before the forecast origin")
        }

        var engine = BacktestEngine(input: history)
        let rounds = max(backtestOrigins, Self.intervalOrigins)
        var candidates: [Candidate] = []
        for (index, model) in models.enumerated() {
            let windows = engine.innerWindows(
                model, index: index, before: alignedOrigin, horizonSeconds: horizonSeconds,
                origins: rounds)
            candidates.append(Candidate(name: model.name, members: [index], windows: windows))
        }
        if combines && models.count >= 3 {
            candidates += Self.combinations(of: candidates, selectionOrigins: backtestOrigins, scoring: scoring)
        }
        var scores: [ModelScore] = []
        for candidate in candidates {
            let windows = candidate.windows
            let selection = Array(windows.prefix(backtestOrigins))
            let coverages = selection.indices.map { k in
                selection[k].coverage(
                    IntervalCalibration.fit(
                        windows.enumerated().filter { $0.offset != k }.flatMap { $0.element.errorSamples() }))
            }
            scores.append(engine.score(candidate.name, windows: selection, coverages: coverages))
        }

        let selectionScores = Self.withoutWeakCombinations(
            candidates.map { scoring.scores(Array($0.windows.prefix(backtestOrigins))) },
            members: candidates.map(\.members))
        // Windows one week apart over a horizon of h whole weeks share h − 1 of them.
        let ranked = Selection.rank(
            scores: selectionScores, names: candidates.map(\.name),
            stability: candidates.map { Self.stability($0, models) }, noiseMultiple: noiseMultiple,
            windowsPerIndependent: max(1, horizonSeconds / Self.backtestSpacing(horizonSeconds: horizonSeconds)))
        var firstError: ForecastingError? = nil
        for index in ranked {
            let candidate = candidates[index]
            var members: [any FittedForecastModel] = []
            for member in candidate.members {
                do { members.append(try models[member].fit(history)) } catch {
                    if firstError == nil { firstError = error }
                }
            }
            guard members.count == candidate.members.count, let first = members.first else { continue }
            let fitted: any FittedForecastModel = members.count == 1 ? first : CombinationModel.Fitted(members: members)
            let instants = ForecastHorizon.instants(
                origin: alignedOrigin, horizonSeconds: horizonSeconds,
                intervalSeconds: series.intervalSeconds,
                openingHours: input.openingHours, calendar: input.calendar)
            // Closed holidays and closures forecast 0 whichever model won.
            let closed = history.closedMask(at: instants)
            var mean = zip(fitted.pointForecast(at: instants), closed).map { value, isClosed in
                isClosed || !value.isFinite ? 0 : max(0, value)
            }
            let calibration = IntervalCalibration.fit(
                candidate.windows.prefix(Self.intervalOrigins).flatMap { $0.errorSamples() })
            let clock = LocalClock(input.calendar)
            let originDay = clock.readings([alignedOrigin])[0].date.daysSinceEpoch
            let days = clock.readings(instants).map(\.date.daysSinceEpoch)
            var bounds = mean.indices.map { k in
                closed[k]
                    ? (lo80: 0.0, hi80: 0.0, lo95: 0.0, hi95: 0.0)
                    : calibration.bounds(mean[k], lead: days[k] - originDay)
            }
            let events = EventDays(history)
            Self.hedgeUnseenEves(
                &mean, &bounds, events: events, history: history, instants: instants, days: days, closed: closed,
                calibration: calibration, originDay: originDay)
            Self.widenUnseenHolidays(mean, &bounds, events: events, history: history, days: days, closed: closed)
            let forecast = Forecast(
                channel: series.channel, model: candidate.name, instants: instants, mean: mean,
                lo80: bounds.map(\.lo80), hi80: bounds.map(\.hi80),
                lo95: bounds.map(\.lo95), hi95: bounds.map(\.hi95))
            let runnerUp = ranked.first { $0 != index && !selectionScores[$0].isEmpty }
            var choice = ModelChoice(
                scoring: scoring, model: candidate.name, score: Selection.meanScore(selectionScores[index]),
                runnerUp: runnerUp.map { candidates[$0].name },
                runnerUpScore: runnerUp.map { Selection.meanScore(selectionScores[$0]) } ?? .nan)
            // Months ahead, what a planner reads: the weekly totals' error from the 4th week.
            if horizonSeconds >= 4 * Self.backtestSpacing {
                let weekly = Scoring.weeklyTotals(fromWeek: 4)
                func weeklyScore(_ c: Int) -> Double {
                    Selection.meanScore(weekly.scores(Array(candidates[c].windows.prefix(backtestOrigins))))
                }
                choice.weeklyScore = weeklyScore(index)
                choice.runnerUpWeeklyScore = runnerUp.map(weeklyScore) ?? .nan
            }
            return AutoForecast(
                forecast: forecast, scores: scores, choice: choice,
                weeklyBand: WeeklyBand.fit(Array(candidate.windows.prefix(Self.intervalOrigins))))
        }
        throw firstError ?? .insufficientHistory(channel: series.channel, message: "no model could be fitted")
    }

    /// The candidates' selection scores with those of every combination that does not beat each
    /// of its members emptied (it then ranks last, as unscored). `members[c]` are the indices of
    /// candidate c's models; single models come first, in model order, so a member's index is
    /// its own candidate's.
    static func withoutWeakCombinations(_ scores: [[Int64: Double]], members: [[Int]]) -> [[Int64: Double]] {
        let means = scores.map(Selection.meanScore)
        var result = scores
        for (c, list) in members.enumerated() where list.count > 1 {
            let best = list.compactMap { $0 < means.count ? means[$0] : nil }.filter(\.isFinite).min() ?? .nan
            if !(means[c] < best) { result[c] = [:] }
        }
        return result
    }

    /// An eve the history has not shown (its own name never in the history) takes other eves'
    /// pooled effect in the models that learn one: a different holiday's short day, perhaps on
    /// another weekday. Such a day is forecast halfway between the model and the robust
    /// six-week average of the same weekday and time (``WeeklyAverageModel``), and its range
    /// is widened to hold both forecasts as well as the calibrated range of the blend — a
    /// boring forecast with an honest range rather than a confident copy.
    static func hedgeUnseenEves(
        _ mean: inout [Double], _ bounds: inout [(lo80: Double, hi80: Double, lo95: Double, hi95: Double)],
        events: EventDays, history: ForecastInput, instants: [Int64], days: [Int], closed: [Bool],
        calibration: IntervalCalibration, originDay: Int
    ) {
        let eves = events.unseenEves
        guard !eves.isEmpty, days.contains(where: { eves[$0] != nil }),
            let robust = try? WeeklyAverageModel(weeks: 6).fit(history)
        else { return }
        let steady = robust.pointForecast(at: instants)
        for k in mean.indices where eves[days[k]] != nil && !closed[k] && steady[k].isFinite {
            let model = mean[k]
            let other = max(0, steady[k])
            let blended = (model + other) / 2
            let b = calibration.bounds(blended, lead: days[k] - originDay)
            mean[k] = blended
            bounds[k] = (
                min(b.lo80, model, other), max(b.hi80, model, other), min(b.lo95, model, other),
                max(b.hi95, model, other)
            )
        }
    }

    /// A holiday the history has not shown is forecast as a normal day of its weekday
    /// (``EventDays``), but that is a guess: it may close, or be as quiet or as busy as the
    /// history's holidays were. Its range is widened to hold what they did — the forecast times
    /// the 10th–90th (2.5th–97.5th) percentiles of their day totals over the same weekday's
    /// median in the six weeks before (``HolidayRatios``) — as well as the calibrated range.
    /// With fewer than three past holidays the range is left as calibrated (the plan warns of
    /// the day either way).
    static func widenUnseenHolidays(
        _ mean: [Double], _ bounds: inout [(lo80: Double, hi80: Double, lo95: Double, hi95: Double)],
        events: EventDays, history: ForecastInput, days: [Int], closed: [Bool]
    ) {
        let unseen = events.unseenHolidays
        guard !unseen.isEmpty, days.contains(where: { unseen[$0] != nil }),
            let r = HolidayRatios(history: KnownHistory(history, openOnly: true), holidays: events.holidayDays).ranges
        else { return }
        for k in mean.indices where unseen[days[k]] != nil && !closed[k] {
            let m = mean[k]
            bounds[k] = (
                min(bounds[k].lo80, m * r.lo80), max(bounds[k].hi80, m * r.hi80),
                min(bounds[k].lo95, m * r.lo95), max(bounds[k].hi95, m * r.hi95)
            )
        }
    }

    /// A model, or an equal-weight combination of models, with its backtest windows.
    struct Candidate {
        var name: String
        /// Indices into ``models``.
        var members: [Int]
        var windows: [BacktestWindow]
    }

    /// Pairs and the triple of the best ``combinationPool`` single models by mean score over the
    /// selection windows; a combination's window is the mean of its members' forecasts at the
    /// origins all of them could be scored.
    static func combinations(of singles: [Candidate], selectionOrigins: Int, scoring: Scoring = .intervals)
        -> [Candidate]
    {
        let scored = singles.indices.compactMap { i -> (Int, Double)? in
            let wape = Selection.meanScore(scoring.scores(Array(singles[i].windows.prefix(selectionOrigins))))
            return wape.isFinite ? (i, wape) : nil
        }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : singles[$0.0].name < singles[$1.0].name }
        let pool = scored.prefix(combinationPool).map(\.0)
        guard pool.count >= 2 else { return [] }
        var sets: [[Int]] = []
        for a in 0..<pool.count { for b in (a + 1)..<pool.count { sets.append([pool[a], pool[b]]) } }
        if pool.count >= 3 { sets.append(Array(pool.prefix(3))) }
        return sets.compactMap { set in
            let ordered = set.sorted { singles[$0].name < singles[$1].name }
            var byOrigin: [Int64: [BacktestWindow]] = [:]
            for i in ordered { for w in singles[i].windows { byOrigin[w.origin, default: []].append(w) } }
            let windows = singles[ordered[0]].windows.compactMap { w -> BacktestWindow? in
                guard let all = byOrigin[w.origin], all.count == ordered.count,
                    all.allSatisfy({ $0.forecasts.count == w.forecasts.count })
                else { return nil }
                var mean = Array(repeating: 0.0, count: w.forecasts.count)
                for member in all { for k in mean.indices { mean[k] += member.forecasts[k] } }
                var combined = w
                combined.forecasts = mean.map { $0 / Double(all.count) }
                combined.fitSeconds = all.reduce(0) { $0 + $1.fitSeconds }
                return combined
            }
            guard !windows.isEmpty else { return nil }
            return Candidate(
                name: "combo(" + ordered.map { singles[$0].name }.joined(separator: "+") + ")",
                members: ordered.flatMap { singles[$0].members }, windows: windows)
        }
    }

    /// How stable a candidate is, higher = steadier forecasts from one week to the next and
    /// across data sets: the calendar regression first (a smooth profile and level fitted on a
    /// year, events and the year's shape learnt, outliers down-weighted — on the suite's tune set
    /// it was the best single model in every group), then combinations (they average their
    /// members), top-down and a weekly average of four or more weeks, and the models that copy
    /// or chase single weeks last. A candidate replaces a steadier one only when it beats it by
    /// more than noise (``Selection``).
    static func stability(_ candidate: Candidate, _ models: [any ForecastModel]) -> Int {
        guard candidate.members.count == 1, let index = candidate.members.first else { return 4 }
        return ModelCatalog.stability(of: models[index].name)
    }
}

/// What `auto` chose and on which score (for the manifests).
public struct ModelChoice: Sendable, Equatable {
    public var scoring: AutoForecaster.Scoring
    public var model: String
    /// The chosen candidate's mean backtest score (NaN: no window could be scored).
    public var score: Double
    /// The best-ranked other candidate with a score, and that score.
    public var runnerUp: String?
    public var runnerUpScore: Double
    /// For a horizon of 4 weeks or more: the weekly totals' WAPE from the 4th week on of the
    /// chosen candidate and of the runner-up, on the same windows (NaN otherwise).
    public var weeklyScore: Double = .nan
    public var runnerUpWeeklyScore: Double = .nan

    public init(scoring: AutoForecaster.Scoring, model: String, score: Double, runnerUp: String?, runnerUpScore: Double)
    {
        self.scoring = scoring
        self.model = model
        self.score = score
        self.runnerUp = runnerUp
        self.runnerUpScore = runnerUpScore
    }
}

/// A forecast with the backtest scores, the choice, and the weekly range of the chosen model.
public struct AutoForecast: Sendable {
    public var forecast: Forecast
    public var scores: [ModelScore]
    public var choice: ModelChoice
    public var weeklyBand: WeeklyBand
}
