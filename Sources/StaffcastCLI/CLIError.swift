import Forecasting
import Planning
import Queueing
import Rostering
import Scheduling
import StaffcastCore

/// Errors of the command layer: its own (flags, locks, dependencies) and every module's.
enum CLIError: Error, CustomStringConvertible {
    /// Wrong flags or flag values.
    case usage(String)
    /// Input that cannot be used, with its location already in the message.
    case badData(String)
    /// A required dependency or service is missing.
    case unavailable(String)
    /// Another run holds the lock on the output.
    case busy(String)
    case core(CoreError)
    case queueing(QueueingError)
    case forecasting(ForecastingError)
    case planning(PlanningError)

    var description: String {
        switch self {
        case .usage(let message), .badData(let message), .unavailable(let message), .busy(let message): return message
        case .core(let error): return error.description
        case .queueing(let error): return error.description
        case .forecasting(let error): return error.description
        case .planning(let error): return error.description
        }
    }

}

/// sysexits(3) codes, and the one place every module's errors are mapped to them.
enum ExitCode {
    static let success: Int32 = 0
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
    static let temporaryFailure: Int32 = 75

    static func of(_ error: CLIError) -> Int32 {
        switch error {
        case .usage: return usage
        case .badData: return dataError
        case .unavailable: return unavailable
        case .busy: return temporaryFailure
        case .core(let error): return of(error)
        // Queueing errors reach the command line only from flag values (`erlang`, `staff`, `simulate`).
        case .queueing: return usage
        case .forecasting(let error): return of(error)
        case .planning(let error): return of(error)
        }
    }

    /// 66 for an input that cannot be opened, 65 for content that cannot be used, 64 for an
    /// unknown time zone or a bad input-mapping value (flag or key values), 73 for an output that
    /// cannot be written, 74 when standard output or error fails.
    static func of(_ error: CoreError) -> Int32 {
        switch error {
        case .missingInput: return noInput
        case .badData, .badFile: return dataError
        case .unknownTimeZone, .badOption: return usage
        case .cannotWrite: return cannotCreate
        case .outputFailed: return ioError
        }
    }

    /// 64 for a request no history can satisfy (an unknown model, a horizon under one interval),
    /// 65 for history the models cannot use.
    static func of(_ error: ForecastingError) -> Int32 {
        switch error {
        case .unknownModel, .invalidRequest: return usage
        case .insufficientHistory, .modelFailed: return dataError
        }
    }

    static func of(_ error: PlanningError) -> Int32 {
        switch error {
        case .invalidRequest: return usage
        case .config, .badData, .scheduling: return dataError
        case .core(let error): return of(error)
        case .forecasting(let error): return of(error)
        // Queueing errors inside a plan come from its config or its files.
        case .queueing: return dataError
        case .rostering(let error): return of(error)
        }
    }

    /// 66 for a team, requests or roster file that cannot be opened, 65 for everything else.
    static func of(_ error: RosteringError) -> Int32 {
        switch error {
        case .missingInput: return noInput
        case .badData, .badFile, .noLegalPattern, .invalidRequest: return dataError
        }
    }
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

@inline(__always)
func planning<T>(_ body: () throws(PlanningError) -> T) throws(CLIError) -> T {
    do { return try body() } catch { throw .planning(error) }
}
