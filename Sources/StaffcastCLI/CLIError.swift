import Forecasting
import Planning
import Queueing
import Rostering
import Scheduling
import StaffcastCore

/// Errors of the command layer: its own (flag values) and every module's, lifted once at the
/// dispatcher (`init(lifting:)`).
enum CLIError: Error, CustomStringConvertible {
    /// Wrong flags or flag values.
    case usage(String)
    case core(CoreError)
    case queueing(QueueingError)
    case forecasting(ForecastingError)
    case planning(PlanningError)
    /// An error no module declares: a bug, reported with what it was (sysexits 70).
    case `internal`(String)

    var description: String {
        switch self {
        case .usage(let message): return message
        case .core(let error): return error.description
        case .queueing(let error): return error.description
        case .forecasting(let error): return error.description
        case .planning(let error): return error.description
        case .internal(let message): return "internal error: " + message
        }
    }

    /// The one conversion from whatever a command threw: module errors keep their words and get
    /// their exit code from `ExitCode.of`; anything else is an internal error.
    init(lifting error: any Error) {
        switch error {
        case let error as CLIError: self = error
        case let error as CoreError: self = .core(error)
        case let error as PlanningError: self = .planning(error)
        case let error as ForecastingError: self = .forecasting(error)
        // Raw queueing errors come from flag values (`erlang`, `simulate`): usage, as before.
        case let error as QueueingError: self = .queueing(error)
        // Not thrown raw by any command today; the same words and code as through a plan.
        case let error as SchedulingError: self = .planning(.scheduling(error))
        case let error as RosteringError: self = .planning(.rostering(error))
        default: self = .internal(String(describing: error))
        }
    }
}

/// The sysexits(3) codes `staffcast` exits with, each with what it means (the overview lists
/// them from here), and the one place every module's errors are mapped to them.
enum ExitCode: Int32, CaseIterable {
    case success = 0
    case usage = 64
    case dataError = 65
    case noInput = 66
    case software = 70
    case cannotCreate = 73
    case ioError = 74
    case temporaryFailure = 75

    /// How `staffcast --help` describes the code.
    var meaning: String {
        switch self {
        case .success: return "ok"
        case .usage: return "usage"
        case .dataError: return "bad data"
        case .noInput: return "missing input"
        case .software: return "internal error"
        case .cannotCreate: return "cannot write"
        case .ioError: return "output failed (full disk, closed pipe)"
        case .temporaryFailure: return "output locked by another run"
        }
    }

    static func of(_ error: CLIError) -> ExitCode {
        switch error {
        case .usage: return usage
        case .core(let error): return of(error)
        // Queueing errors reach the command line only from flag values (`erlang`, `staff`, `simulate`).
        case .queueing: return usage
        case .forecasting(let error): return of(error)
        case .planning(let error): return of(error)
        case .internal: return software
        }
    }

    /// 66 for an input that cannot be opened, 65 for content that cannot be used, 64 for an
    /// unknown time zone or a bad input-mapping value (flag or key values), 73 for an output that
    /// cannot be written, 74 when standard output or error fails, 75 for an output folder another
    /// run holds locked.
    static func of(_ error: CoreError) -> ExitCode {
        switch error {
        case .missingInput: return noInput
        case .badData, .badFile: return dataError
        case .unknownTimeZone, .badOption: return usage
        case .cannotWrite: return cannotCreate
        case .outputFailed: return ioError
        case .locked: return temporaryFailure
        }
    }

    /// 64 for a request no history can satisfy (an unknown model, a horizon under one interval),
    /// 65 for history the models cannot use.
    static func of(_ error: ForecastingError) -> ExitCode {
        switch error {
        case .unknownModel, .invalidRequest: return usage
        case .insufficientHistory, .modelFailed: return dataError
        }
    }

    static func of(_ error: PlanningError) -> ExitCode {
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
    static func of(_ error: RosteringError) -> ExitCode {
        switch error {
        case .missingInput: return noInput
        case .badData, .badFile, .noLegalPattern, .invalidRequest: return dataError
        }
    }
}
