/// The inputs a queueing calculation can refuse, by the name they carry in configuration files
/// and error messages (`aht_seconds`, `service_level`, …). Callers map a parameter to their own
/// flag or config key in one table (`ChannelSetting` in `Planning`), never by string matching.
public enum QueueingParameter: String, Sendable, Equatable, CaseIterable {
    case contacts
    case intervalSeconds = "interval_seconds"
    case ahtSeconds = "aht_seconds"
    case ahtCV = "aht_cv"
    case agents
    case trafficErlangs = "traffic_erlangs"
    case serviceLevel = "service_level"
    case targetSeconds = "target_seconds"
    case asaSeconds = "asa_seconds"
    case maxOccupancy = "max_occupancy"
    case shrinkage
    case patienceSeconds = "patience_seconds"
    case maxAbandonRate = "max_abandon_rate"
    case concurrency
    case deadlineSeconds = "deadline_seconds"
    case openIntervals = "open_intervals"
    case replications
}

/// Every way a queueing calculation can refuse its input, in words a planner understands.
///
/// `name` says which input; its raw value is the name used in messages (`aht_seconds: must be a
/// positive number of seconds, got -5`).
public enum QueueingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An input outside its valid range, e.g. `aht_seconds`: "must be a positive number of seconds, got -5".
    case invalidParameter(name: QueueingParameter, message: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let message): return "\(name.rawValue): \(message)"
        }
    }

    /// The input the error is about.
    public var parameter: QueueingParameter {
        switch self {
        case .invalidParameter(let name, _): return name
        }
    }
}
