/// Every way a scheduling request can fail. A requirement that cannot be fully covered is not an
/// error: the solver returns its best partial schedule and lists the shortfall
/// (``Schedule/uncovered``).
public enum SchedulingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A shift template that breaks a rule (shift longer than the day, break outside the shift,
    /// empty start window, …).
    case invalidTemplate(name: String, String)
    /// A requirement that cannot be scheduled (negative headcount, slots out of the day, …).
    case invalidRequirement(String)
    /// No templates were given.
    case noTemplates
    /// The simplex did not finish within its pivot limit (a numerical problem; report it).
    case solverFailed(String)

    public var description: String {
        switch self {
        case .invalidTemplate(let name, let message): return "shift template '\(name)': \(message)"
        case .invalidRequirement(let message): return "requirements: \(message)"
        case .noTemplates: return "no shift templates given"
        case .solverFailed(let message): return "shift solver: \(message)"
        }
    }
}
