/// Where in an input file something was found: `file:line:column` (1-based).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// Every way reading history, time zones and files can fail, in words a planner understands.
public enum CoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input file does not exist or cannot be opened (sysexits 66).
    case missingInput(path: String, reason: String)
    /// The file's content is not what was expected at `location` (sysexits 65).
    case badData(SourceLocation, String)
    /// A whole-file problem with no single position (empty file, wrong encoding) (sysexits 65).
    case badFile(path: String, String)
    /// An IANA time zone that does not exist.
    case unknownTimeZone(String)
    /// An output file or directory cannot be written (sysexits 73).
    case cannotWrite(path: String, reason: String)
    /// A flag value (`--columns`) or config key (`input.columns`) that cannot be used: the flag
    /// or key, and what was expected (sysexits 64; a config reader reports it as a config error).
    case badOption(String, String)
    /// Standard output or standard error failed (a full disk, a closed pipe) (sysexits 74).
    case outputFailed(stream: String, reason: String)
    /// Another run holds the lock on an output folder (`PublishLock`): the folder and its lock
    /// file (sysexits 75: try again later).
    case locked(path: String, lockFile: String)

    public var description: String {
        switch self {
        case .missingInput(let path, let reason): return "\(path): \(reason)"
        case .badData(let location, let message): return "\(location): \(message)"
        case .badFile(let path, let message): return "\(path): \(message)"
        case .unknownTimeZone(let name):
            return
                "unknown time zone '\(name)': expected an IANA name such as Europe/Amsterdam, America/New_York or UTC"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .badOption(let option, let message): return "\(option): \(message)"
        case .outputFailed(let stream, let reason): return "cannot write to \(stream): \(reason)"
        case .locked(let path, let lockFile):
            return "\(path) is locked by another staffcast run (\(lockFile)); try again when it has finished"
        }
    }
}
