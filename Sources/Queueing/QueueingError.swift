/// Every way a queueing calculation can refuse its input, in words a planner understands.
///
/// `name` is the input's name as it appears in configuration files and on the command line
/// (`aht_seconds`, `service_level`, `shrinkage`, …) so callers can point at the right flag or key.
public enum QueueingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An input outside its valid range, e.g. `aht_seconds`: "must be a positive number of seconds, got -5".
    case invalidParameter(name: String, message: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, message): return "\(name): \(message)"
        }
    }
}
