import Forecasting
import Queueing
import Rostering
import Scheduling
import StaffcastCore

/// Every way planning can refuse its input, in words a planner understands. The command line maps
/// each case to its exit code in one place (`ExitCode.of` in `StaffcastCLI`); no case carries one.
public enum PlanningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A request that cannot be carried out as asked: a flag-level mistake (a forecast origin before
    /// the history, an unknown channel, templates that do not fit the intervals). Usage.
    case invalidRequest(String)
    /// A config file whose content is wrong: the JSON key path and what was expected. Bad data.
    case config(path: String, key: String, message: String)
    /// Input that cannot be used, its location already in the message. Bad data.
    case badData(String)
    case core(CoreError)
    case forecasting(ForecastingError)
    case queueing(QueueingError)
    case scheduling(SchedulingError)
    /// The team, its requests or the previous roster cannot be used (a missing file, a bad cell, a
    /// team that cannot legally work a template).
    case rostering(RosteringError)

    public var description: String {
        switch self {
        case .invalidRequest(let message): return message
        case .config(let path, let key, let message): return "\(path): \(key): \(message)"
        case .badData(let message): return message
        case .core(let error): return error.description
        case .forecasting(let error): return error.description
        case .queueing(let error): return error.description
        case .scheduling(let error): return error.description
        case .rostering(let error): return error.description
        }
    }
}

/// Lifts an engine's error into `PlanningError`, so planning code has one `throws(PlanningError)`.
@inline(__always)
func core<T>(_ body: () throws(CoreError) -> T) throws(PlanningError) -> T {
    do { return try body() } catch { throw .core(error) }
}

@inline(__always)
func forecasting<T>(_ body: () throws(ForecastingError) -> T) throws(PlanningError) -> T {
    do { return try body() } catch { throw .forecasting(error) }
}

@inline(__always)
func queueing<T>(_ body: () throws(QueueingError) -> T) throws(PlanningError) -> T {
    do { return try body() } catch { throw .queueing(error) }
}
