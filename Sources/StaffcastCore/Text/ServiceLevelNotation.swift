/// A service-level target as planners write it: `80/20` is 80 % of contacts answered within 20
/// seconds (`80%/20s` too).
///
/// A percentage of 1 or less cannot be told from a fraction: `0.8/20` is either 0.8 % (a target
/// no one sets) or 80 % written as a fraction, and `1/20` either 1 % or 100 %. Both readings are
/// named and the text is refused, never read as 0.8 %.
public enum ServiceLevelNotation {
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The fraction answered in time (0 < f ≤ 1) and the threshold in seconds (0…86,400).
    public static func parse(_ text: String) throws(Invalid) -> (fraction: Double, seconds: Double) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let percent = Double(
                parts[0].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
                    .trimmingCharacters(in: .whitespaces)),
            let seconds = Double(
                parts[1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "s", with: "")
                    .trimmingCharacters(in: .whitespaces)),
            percent.isFinite, seconds.isFinite
        else {
            throw Invalid(
                description: "expected a service-level target P/T such as 80/20 (80 % within 20 seconds), got '\(text)'"
            )
        }
        guard percent > 0, percent <= 100 else {
            throw Invalid(description: "the percentage in '\(text)' must be above 0 and at most 100")
        }
        if percent <= 1 {
            let asPercent = NumberFormat.plain(percent * 100, maxFractionDigits: 4)
            let threshold = NumberFormat.plain(seconds, maxFractionDigits: 3)
            throw Invalid(
                description:
                    "'\(text)' could be \(NumberFormat.plain(percent, maxFractionDigits: 6)) % or \(asPercent) % written as a fraction; write the percentage: \(asPercent)/\(threshold)"
            )
        }
        guard seconds >= 0, seconds <= 86_400 else {
            throw Invalid(description: "the seconds in '\(text)' must be between 0 and 86400")
        }
        return (percent / 100, seconds)
    }
}
