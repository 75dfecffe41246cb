import StaffcastCore

/// A model's accuracy in a rolling-origin backtest, each measure averaged over the origins that
/// could be scored (NaN when none could).
public struct ModelScore: Sendable, Equatable {
    public var model: String
    /// Origins scored (the model fitted and the window had known actuals).
    public var origins: Int
    /// Mean absolute error over the in-sample MAE of the calendar-aligned weekly naive forecast
    /// (same local weekday and clock slot 7 days earlier) on the history before the origin.
    public var mase: Double
    /// Σ|f − y| / Σy over the window's known open intervals.
    public var wape: Double
    public var rmse: Double
    /// Σ(f − y) / Σy: positive when the forecast is too high.
    public var bias: Double
    /// Share of known actuals inside the 80 % / 95 % prediction intervals.
    public var coverage80: Double
    public var coverage95: Double
    /// Seconds to fit the model and forecast the window, per origin.
    public var fitSeconds: Double

    public init(
        model: String, origins: Int, mase: Double, wape: Double, rmse: Double, bias: Double,
        coverage80: Double, coverage95: Double, fitSeconds: Double
    ) {
        self.model = model
        self.origins = origins
        self.mase = mase
        self.wape = wape
        self.rmse = rmse
        self.bias = bias
        self.coverage80 = coverage80
        self.coverage95 = coverage95
        self.fitSeconds = fitSeconds
    }
}

public enum Backtest {
    /// Rolling-origin evaluation: `origins` origins spaced `everySeconds` apart, the last one
    /// `horizonSeconds` before the end of the known history; each model is fitted on the history
    /// before each origin and scored on the known actuals of the open intervals in
    /// [origin, origin + horizon). Origins are moved back onto the series' grid if needed.
    ///
    /// Coverage is what `staffcast forecast` would have delivered: at each origin the intervals
    /// are calibrated, as ``AutoForecaster`` does, on the model's errors in the
    /// ``AutoForecaster/intervalOrigins`` weeks before that origin (fits are shared between
    /// origins when they coincide). Scores come back in the order of `models`.
    public static func run(
        models: [any ForecastModel], input: ForecastInput, horizonSeconds: Int,
        origins: Int, everySeconds: Int
    ) -> [ModelScore] {
        var engine = BacktestEngine(input: input.withReadings())
        guard let end = input.endOfKnownHistory, horizonSeconds > 0, origins > 0 else {
            return models.map { ModelScore.unscored($0.name) }
        }
        let step = max(everySeconds, input.series.intervalSeconds)
        let starts = (0..<origins).map { k in
            engine.alignedDown(end - Int64(horizonSeconds) - Int64(origins - 1 - k) * Int64(step))
        }
        return models.enumerated().map { index, model in
            var windows: [BacktestWindow] = []
            var coverages: [(Double, Double)] = []
            for origin in starts {
                guard let window = engine.window(model, index: index, origin: origin, horizonSeconds: horizonSeconds)
                else { continue }
                let calibration = engine.calibration(
                    model, index: index, before: origin, horizonSeconds: horizonSeconds,
                    origins: AutoForecaster.intervalOrigins)
                windows.append(window)
                coverages.append(window.coverage(calibration))
            }
            return engine.score(model.name, windows: windows, coverages: coverages)
        }
    }
}

extension ModelScore {
    static func unscored(_ model: String) -> ModelScore {
        ModelScore(
            model: model, origins: 0, mase: .nan, wape: .nan, rmse: .nan, bias: .nan,
            coverage80: .nan, coverage95: .nan, fitSeconds: .nan)
    }
}

/// One model fitted at one origin and its forecasts for the window after it.
struct BacktestWindow: Sendable {
    var origin: Int64
    var forecasts: [Double]
    /// Known actuals of the window, aligned with `forecasts`.
    var actuals: [Double]
    /// Local day of each value.
    var days: [Int]
    var fitSeconds: Double

    /// Local day of the window's origin (lead 0).
    var originDay: Int

    func errorSamples() -> [ErrorSample] {
        actuals.indices.map {
            ErrorSample(
                day: DayKey(origin: origin, day: days[$0]), forecast: forecasts[$0], actual: actuals[$0],
                lead: max(0, days[$0] - originDay))
        }
    }

    func coverage(_ calibration: IntervalCalibration) -> (Double, Double) {
        let bounds = forecasts.indices.map { calibration.bounds(forecasts[$0], lead: max(0, days[$0] - originDay)) }
        let c80 = Accuracy.coverage(actual: actuals, lower: bounds.map(\.lo80), upper: bounds.map(\.hi80)) ?? .nan
        let c95 = Accuracy.coverage(actual: actuals, lower: bounds.map(\.lo95), upper: bounds.map(\.hi95)) ?? .nan
        return (c80, c95)
    }
}

/// Fits models at origins, remembering every fit so nested backtests (interval calibration inside
/// a backtest) never fit the same model at the same origin twice.
struct BacktestEngine {
    let input: ForecastInput
    let clock: LocalClock
    private var memo: [Key: BacktestWindow?] = [:]
    /// Closed holidays and closures of each window, shared by the models fitted at its origin.
    private var closedMasks: [Key: [Bool]] = [:]
    private var naiveScale: NaiveScale?

    struct Key: Hashable {
        var model: Int
        var origin: Int64
        var horizon: Int
    }

    init(input: ForecastInput) {
        self.input = input
        self.clock = LocalClock(input.calendar)
    }

    /// The grid instant at or before `instant`.
    func alignedDown(_ instant: Int64) -> Int64 {
        let interval = Int64(input.series.intervalSeconds)
        let offset = instant - input.series.start
        let steps = offset >= 0 ? offset / interval : (offset - interval + 1) / interval
        return input.series.start + steps * interval
    }

    /// `model` fitted on the history before `origin`, with its forecasts for the known open
    /// intervals in [origin, origin + horizon); nil when it cannot be fitted or nothing is known.
    mutating func window(_ model: any ForecastModel, index: Int, origin: Int64, horizonSeconds: Int) -> BacktestWindow?
    {
        let key = Key(model: index, origin: origin, horizon: horizonSeconds)
        if let known = memo[key] { return known }
        let result = makeWindow(model, origin: origin, horizonSeconds: horizonSeconds)
        memo[key] = result
        return result
    }

    private mutating func makeWindow(_ model: any ForecastModel, origin: Int64, horizonSeconds: Int) -> BacktestWindow?
    {
        let series = input.series
        guard origin > series.start else { return nil }
        let all = ForecastHorizon.instants(
            origin: origin, horizonSeconds: horizonSeconds,
            intervalSeconds: series.intervalSeconds,
            openingHours: input.openingHours, calendar: input.calendar)
        var instants: [Int64] = []
        var actuals: [Double] = []
        for instant in all {
            if let i = series.index(of: instant), let value = series.contacts[i], value.isFinite {
                instants.append(instant)
                actuals.append(max(0, value))
            }
        }
        guard !instants.isEmpty else { return nil }
        let started = ContinuousClock.now
        let past = input.truncated(before: origin)
        guard let fitted = try? model.fit(past) else { return nil }
        let maskKey = Key(model: -1, origin: origin, horizon: horizonSeconds)
        let closed: [Bool]
        if let known = closedMasks[maskKey] {
            closed = known
        } else {
            closed = past.closedMask(at: instants)
            closedMasks[maskKey] = closed
        }
        let forecasts = zip(fitted.pointForecast(at: instants), closed).map { $1 ? 0 : $0 }
        let seconds = Self.seconds(started.duration(to: .now))
        let days = clock.slots(instants, openingHours: input.openingHours).map(\.day)
        let originDay = clock.readings([origin])[0].date.daysSinceEpoch
        return BacktestWindow(
            origin: origin, forecasts: forecasts, actuals: actuals, days: days, fitSeconds: seconds,
            originDay: originDay)
    }

    /// The interval calibration a forecast at `origin` would use: the model's errors in the
    /// `origins` windows ending 0, 1, … weeks before `origin`.
    mutating func calibration(
        _ model: any ForecastModel, index: Int, before origin: Int64, horizonSeconds: Int,
        origins: Int
    ) -> IntervalCalibration {
        IntervalCalibration.fit(
            innerWindows(
                model, index: index, before: origin, horizonSeconds: horizonSeconds,
                origins: origins
            ).flatMap { $0.errorSamples() })
    }

    mutating func innerWindows(
        _ model: any ForecastModel, index: Int, before origin: Int64, horizonSeconds: Int,
        origins: Int
    ) -> [BacktestWindow] {
        (0..<max(0, origins)).compactMap { k in
            let spacing = Int64(AutoForecaster.backtestSpacing(horizonSeconds: horizonSeconds))
            let inner = alignedDown(origin - Int64(horizonSeconds) - Int64(k) * spacing)
            return window(model, index: index, origin: inner, horizonSeconds: horizonSeconds)
        }
    }

    /// Scores averaged over windows; `coverages` aligned with `windows`.
    mutating func score(_ name: String, windows: [BacktestWindow], coverages: [(Double, Double)]) -> ModelScore {
        guard !windows.isEmpty else { return .unscored(name) }
        if naiveScale == nil { naiveScale = NaiveScale(input) }
        var sums = Array(repeating: 0.0, count: 7)
        var counts = Array(repeating: 0, count: 7)
        func add(_ k: Int, _ value: Double?) {
            if let value, value.isFinite {
                sums[k] += value
                counts[k] += 1
            }
        }
        for (window, coverage) in zip(windows, coverages) {
            let mae = Accuracy.meanAbsoluteError(forecast: window.forecasts, actual: window.actuals)
            let scale = naiveScale?.meanAbsoluteError(before: window.origin)
            add(0, mae.flatMap { m in scale.flatMap { $0 > 0 ? m / $0 : nil } })
            add(1, Accuracy.wape(forecast: window.forecasts, actual: window.actuals))
            add(2, Accuracy.rootMeanSquaredError(forecast: window.forecasts, actual: window.actuals))
            add(3, Accuracy.bias(forecast: window.forecasts, actual: window.actuals))
            add(4, coverage.0)
            add(5, coverage.1)
            add(6, window.fitSeconds)
        }
        let mean = (0..<7).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
        return ModelScore(
            model: name, origins: windows.count, mase: mean[0], wape: mean[1], rmse: mean[2],
            bias: mean[3], coverage80: mean[4], coverage95: mean[5], fitSeconds: mean[6])
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

/// The in-sample MAE of the calendar-aligned weekly naive forecast, for MASE: every known open
/// interval paired with the same local slot 7 days earlier, accumulated in time order so the
/// scale before any origin is a binary search away.
struct NaiveScale {
    private var instants: [Int64] = []
    private var cumulative: [Double] = [0]

    init(_ input: ForecastInput) {
        let history = KnownHistory(input, openOnly: true)
        let byDaySlot = history.valuesByDaySlot()
        for k in history.values.indices {
            let reading = history.slots[k]
            guard let lagged = byDaySlot[(reading.day - 7) * history.slotsPerDay + reading.slotOfDay] else { continue }
            instants.append(history.instants[k])
            cumulative.append(cumulative[cumulative.count - 1] + abs(history.values[k] - lagged))
        }
    }

    func meanAbsoluteError(before origin: Int64) -> Double? {
        var low = 0
        var high = instants.count
        while low < high {
            let mid = (low + high) / 2
            if instants[mid] < origin { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? cumulative[low] / Double(low) : nil
    }
}
