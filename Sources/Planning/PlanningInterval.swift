/// The interval lengths the tool plans in: 5, 10, 15, 30 and 60 minutes. Every file, flag and
/// config key that sets or implies an interval is held to these (issue 11: a stray row must
/// never turn a 30-minute file into 1-second intervals, nor a flag plan in days).
public enum PlanningInterval {
    public static let allowedSeconds = [300, 600, 900, 1800, 3600]

    /// "5m, 10m, 15m, 30m or 1h", for messages.
    public static let allowedText = "5m, 10m, 15m, 30m or 1h"
}
