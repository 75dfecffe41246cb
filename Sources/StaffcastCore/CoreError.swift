/// Where in an input file something was found: `file:line:column` (1-based).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file; self.line = line; self.column = column
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

    public var description: String {
        switch self {
        case let .missingInput(path, reason): return "\(path): \(reason)"
        case let .badData(location, message): return "\(location): \(message)"
        case let .badFile(path, message): return "\(path): \(message)"
        case let .unknownTimeZone(name):
            return "unknown time zone '\(name)': expected an IANA name such as Europe/Amsterdam, America/New_York or UTC"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}
