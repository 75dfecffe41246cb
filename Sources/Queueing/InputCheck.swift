/// The largest staff any calculation in this module considers. Far above any real contact
/// centre, it bounds the work of the O(agents) recursions so no input can make them hang.
public enum QueueingLimits {
    public static let maximumAgents = 10_000_000
}

/// Checks shared by the public entry points.
enum InputCheck {
    /// Writes numbers the way a planner typed them: -5 rather than -5.0, "NaN", "infinity".
    static func show(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-infinity" : "infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    static func seconds(_ value: Double, name: QueueingParameter, allowZero: Bool) throws(QueueingError) {
        let ok = value.isFinite && (allowZero ? value >= 0 : value > 0)
        guard ok else {
            throw .invalidParameter(
                name: name,
                message: allowZero
                    ? "must be a number of seconds ≥ 0, got \(show(value))"
                    : "must be a positive number of seconds, got \(show(value))")
        }
    }

    /// Mean patience: at least one second. Below that nobody waits at all, and the Erlang A
    /// recursion's rates (1 / patience) leave the range where its sums are accurate.
    static let minimumPatienceSeconds = 1.0

    static func patience(_ value: Double) throws(QueueingError) {
        guard value.isFinite, value >= minimumPatienceSeconds else {
            throw .invalidParameter(
                name: .patienceSeconds,
                message: "must be at least \(show(minimumPatienceSeconds)) second of mean patience, got \(show(value))")
        }
    }

    static func contacts(_ value: Double) throws(QueueingError) {
        guard value.isFinite, value >= 0 else {
            throw .invalidParameter(name: .contacts, message: "must be a number of contacts ≥ 0, got \(show(value))")
        }
    }

    static func agents(_ value: Int) throws(QueueingError) {
        guard value >= 0, value <= QueueingLimits.maximumAgents else {
            throw .invalidParameter(
                name: .agents,
                message: "must be a whole number of agents from 0 to \(QueueingLimits.maximumAgents), got \(value)")
        }
    }

    static func traffic(_ value: Double) throws(QueueingError) {
        guard value.isFinite, value >= 0 else {
            throw .invalidParameter(
                name: .trafficErlangs, message: "must be a number of Erlangs ≥ 0, got \(show(value))")
        }
    }

    /// A fraction in (0, 1] (service level, occupancy cap, abandonment cap).
    static func fraction(_ value: Double, name: QueueingParameter) throws(QueueingError) {
        guard value.isFinite, value > 0, value <= 1 else {
            let hint = value.isFinite && value > 1 && value <= 100 ? " (a fraction: 0.8 means 80 %)" : ""
            throw .invalidParameter(
                name: name, message: "must be a fraction above 0 and at most 1, got \(show(value))\(hint)")
        }
    }

    static func shrinkage(_ value: Double) throws(QueueingError) {
        guard value.isFinite, value >= 0, value < 1 else {
            let hint = value.isFinite && value >= 1 && value < 100 ? " (a fraction: 0.3 means 30 %)" : ""
            throw .invalidParameter(
                name: .shrinkage,
                message: "must be a fraction from 0 up to but not including 1, got \(show(value))\(hint)")
        }
    }
}
