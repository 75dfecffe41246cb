import Foundation

/// Service-level targets as planners write them: `80/20` = 80 % answered within 20 seconds.
public enum ServiceLevelText {
    public struct Target: Sendable, Equatable {
        /// The share to answer in time, in (0, 1] (0.8 for "80/20").
        public var fraction: Double
        public var seconds: Double
        public init(fraction: Double, seconds: Double) { self.fraction = fraction; self.seconds = seconds }
    }

    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public static func parse(_ text: String) throws(Invalid) -> Target {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let percent = Double(parts[0].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")),
              let seconds = Double(parts[1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "s", with: "")),
              percent.isFinite, seconds.isFinite else {
            throw Invalid(description: "expected a service-level target P/T such as 80/20 (80 % within 20 seconds), got '\(text)'")
        }
        guard percent > 0, percent <= 100 else {
            throw Invalid(description: "the percentage in '\(text)' must be above 0 and at most 100")
        }
        guard seconds >= 0, seconds <= 86_400 else {
            throw Invalid(description: "the seconds in '\(text)' must be between 0 and 86400")
        }
        return Target(fraction: percent / 100, seconds: seconds)
    }
}
