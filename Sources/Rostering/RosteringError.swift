import StaffcastCore

/// Every way a rostering request can fail (the command line maps each to its exit code: a
/// missing input 66, everything else 65). A team too small to cover the requirement is not an
/// error: the roster is published with its uncovered intervals and their causes.
public enum RosteringError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An input file that does not exist or cannot be read (sysexits 66).
    case missingInput(path: String, reason: String)
    /// A value in an input file that is not what was expected, at `file:line:column` (sysexits 65).
    case badData(SourceLocation, String)
    /// A whole-file problem with no single position (empty file, missing section) (sysexits 65).
    case badFile(path: String, String)
    /// A person whose own rules (contract, days in a row, days off, unavailable days) admit no
    /// roster at all, whatever the others do (sysexits 65).
    case noLegalPattern(person: String, String)
    /// Inputs that do not fit together (a roster asked for without a requirement, …) (sysexits 65).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .missingInput(let path, let reason): return "\(path): \(reason)"
        case .badData(let location, let message): return "\(location): \(message)"
        case .badFile(let path, let message): return "\(path): \(message)"
        case .noLegalPattern(let person, let message): return "\(person): no roster keeps every rule: \(message)"
        case .invalidRequest(let message): return message
        }
    }
}
