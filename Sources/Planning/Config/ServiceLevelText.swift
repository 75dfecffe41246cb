import StaffcastCore

/// Service-level targets as planners write them: `80/20` = 80 % answered within 20 seconds.
/// The notation is read by `ServiceLevelNotation` (StaffcastCore), which refuses a percentage of
/// 1 or less: `0.8/20` could be 0.8 % or a fraction meant as 80 %, and is never guessed.
public enum ServiceLevelText {
    public struct Target: Sendable, Equatable {
        /// The share to answer in time, in (0, 1] (0.8 for "80/20").
        public var fraction: Double
        public var seconds: Double
        public init(fraction: Double, seconds: Double) {
            self.fraction = fraction
            self.seconds = seconds
        }
    }

    public typealias Invalid = ServiceLevelNotation.Invalid

    public static func parse(_ text: String) throws(Invalid) -> Target {
        let parsed = try ServiceLevelNotation.parse(text)
        return Target(fraction: parsed.fraction, seconds: parsed.seconds)
    }
}
