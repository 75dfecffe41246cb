/// Every way forecasting can fail, in words a planner understands.
public enum ForecastingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The history is too short, or too sparse, for what was asked.
    case insufficientHistory(channel: String, message: String)
    /// A model could not be fitted (a numerical failure, an inconsistent input).
    case modelFailed(model: String, message: String)
    /// A model name no one knows; the description lists the known names.
    case unknownModel(String)
    /// A request that cannot be met whatever the history: a horizon shorter than one interval,
    /// an empty model list.
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .insufficientHistory(let channel, let message):
            return "channel '\(channel)': not enough history: \(message)"
        case .modelFailed(let model, let message):
            return "model '\(model)' failed: \(message)"
        case .unknownModel(let name):
            return
                "unknown model '\(name)': known models are \(AutoForecaster.knownModelNames.joined(separator: ", ")) and auto"
        case .invalidRequest(let message):
            return message
        }
    }
}
