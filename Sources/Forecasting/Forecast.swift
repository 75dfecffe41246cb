/// One channel's forecast: expected contacts per open interval with 80 % and 95 % prediction
/// intervals. Bounds are never negative and lo ≤ mean ≤ hi.
public struct Forecast: Sendable, Equatable {
    public var channel: String
    /// The model that produced the point forecasts.
    public var model: String
    /// Interval starts (UTC epoch seconds) of the open intervals in the horizon, ascending.
    public var instants: [Int64]
    public var mean: [Double]
    public var lo80: [Double]
    public var hi80: [Double]
    public var lo95: [Double]
    public var hi95: [Double]

    public init(
        channel: String, model: String, instants: [Int64], mean: [Double],
        lo80: [Double], hi80: [Double], lo95: [Double], hi95: [Double]
    ) {
        self.channel = channel
        self.model = model
        self.instants = instants
        self.mean = mean
        self.lo80 = lo80
        self.hi80 = hi80
        self.lo95 = lo95
        self.hi95 = hi95
    }
}

/// A forecasting method, configured by its hyperparameters only; ``fit(_:)`` learns from history.
public protocol ForecastModel: Sendable {
    /// The name planners pass to `--model` (`snaive`, `regression`, …).
    var name: String { get }
    func fit(_ input: ForecastInput) throws(ForecastingError) -> any FittedForecastModel
}

/// A model fitted to one history.
public protocol FittedForecastModel: Sendable {
    /// Point forecasts for the given future interval starts (all after the history's end).
    /// Closed slots get 0; values are never negative.
    func pointForecast(at instants: [Int64]) -> [Double]
}
