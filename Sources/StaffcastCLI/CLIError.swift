import StaffcastCore
import Forecasting
import Queueing

/// Errors of the command layer and the one place that maps every module's errors to sysexits.
enum CLIError: Error, CustomStringConvertible {
    /// Wrong flags or flag values (64).
    case usage(String)
    /// A config file whose content is wrong: the JSON key path and what was expected (65).
    case config(path: String, key: String, message: String)
    /// Input that cannot be used, with its location already in the message (65).
    case badData(String)
    /// A required dependency or service is missing (69).
    case unavailable(String)
    /// Another run holds the lock on the output (75, temporary failure).
    case busy(String)
    case core(CoreError)
    case queueing(QueueingError)
    case forecasting(ForecastingError)

    var description: String {
        switch self {
        case let .usage(message): return message
        case let .config(path, key, message): return "\(path): \(key): \(message)"
        case let .badData(message): return message
        case let .unavailable(message): return message
        case let .busy(message): return message
        case let .core(error): return error.description
        case let .queueing(error): return error.description
        case let .forecasting(error): return error.description
        }
    }

    var exitCode: Int32 {
        switch self {
        case .usage: return ExitCode.usage
        case .config, .badData: return ExitCode.dataError
        case .unavailable: return ExitCode.unavailable
        case .busy: return ExitCode.temporaryFailure
        case let .core(error): return error.exitCode
        case .queueing: return ExitCode.usage
        case let .forecasting(error): return error.exitCode
        }
    }
}

/// sysexits(3) codes.
enum ExitCode {
    static let success: Int32 = 0
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    static let cannotCreate: Int32 = 73
    static let temporaryFailure: Int32 = 75
}

/// Lifts module errors into CLIError so commands can use one `throws(CLIError)`.
@inline(__always)
func core<T>(_ body: () throws(CoreError) -> T) throws(CLIError) -> T {
    do { return try body() } catch { throw .core(error) }
}

@inline(__always)
func queueing<T>(_ body: () throws(QueueingError) -> T) throws(CLIError) -> T {
    do { return try body() } catch { throw .queueing(error) }
}

@inline(__always)
func forecasting<T>(_ body: () throws(ForecastingError) -> T) throws(CLIError) -> T {
    do { return try body() } catch { throw .forecasting(error) }
}
