import Foundation
import StaffcastCore

/// Which forecast quantile to staff to (`--staff-to`, config `staff_to`).
public enum StaffTo: String, Sendable, CaseIterable {
    case p50, p80, p95

    /// The standard normal quantile of the level (0 for p50).
    public var normalQuantile: Double {
        switch self {
        case .p50: return 0
        case .p80: return RiskStaffing.z80
        case .p95: return RiskStaffing.z95
        }
    }
}

/// The JSON config of `staffcast plan` (and `staff --config`, `schedule --config`), read by
/// `PlanConfigReader`:
///
/// ```json
/// { "history": "bank_calls.csv", "timezone": "UTC", "interval": "30m", "model": "auto",
///   "staff_to": "p50", "holidays": ["US"], "events": "events.csv",
///   "channels": { "calls": { "aht_seconds": 300, "service_level": "80/20",
///                             "max_occupancy": 0.85, "shrinkage": 0.3 } } }
/// ```
/// Paths are relative to the config file. A channel entry named `"*"` applies to every channel
/// the history has and the config does not name.
public struct PlanConfig: Sendable {
    public var path: String
    public var historyPath: String
    /// The history path exactly as written in the config (for the manifest).
    public var historyPathAsWritten: String
    public var calendar: PlanningCalendar
    public var intervalSeconds: Int?
    public var valueColumn: String?
    public var channelName: String?
    public var model: String
    public var backtestOrigins: Int
    public var staffTo: StaffTo
    public var channels: [String: ChannelPolicy]
    /// Countries of the built-in holiday calendars (`"holidays": ["US"]`); none by default.
    public var holidays: [String] = []
    /// The events file (`"events"`), resolved against the config's folder, and as written.
    public var eventsPath: String? = nil
    public var eventsPathAsWritten: String? = nil
    /// The shift templates and whether agents work weekly tours.
    public var shifts: ShiftSettings
    /// Channels with templates of their own (`"shifts"` inside a channel entry, or the `"*"`
    /// entry's), overriding `shifts`: an e-mail team on days while chat covers the night.
    public var channelShifts: [String: ShiftSettings] = [:]

    /// The shift templates of `channel`: its own, else the `"*"` entry's, else the top level's.
    public func shifts(for channel: String) -> ShiftSettings {
        channelShifts[channel] ?? (channels[channel] == nil ? channelShifts["*"] : nil) ?? shifts
    }
    /// What-if scenarios (`"scenarios"`), in the config's order.
    public var scenarios: [Scenario] = []
    /// The team to roster (`"team"`); nil: the plan publishes shift counts only.
    public var team: TeamSettings? = nil
    /// The team a capacity plan counts on (`"capacity"`); nil: `staffcast capacity` refuses to run.
    public var capacity: CapacitySettings? = nil
    /// The weekday a planning week starts on (`"week_start"`: 1 = Monday, the default … 7 = Sunday).
    public var weekStart: Int = 1
    /// Contract hours of one full-time agent per week, for FTE (`"fte_hours_per_week"`, 1–60).
    public var fteHoursPerWeek: Double = 36
    /// The config file's bytes (hashed into the manifest).
    public var data: Data
    /// How the history export is laid out (`"input"`, the flags of `--format`, `--columns`, … without
    /// dashes); Staffcast's native layout when absent.
    public var input: InputMapping = .native
    /// Whether the config names the planning zone; a history whose timestamps carry UTC offsets
    /// then must, or say `"timezone": "UTC"`.
    public var timezoneGiven = true
    /// How many days the history may end before the week `plan --week next` plans
    /// (`"stale_after_days"`, default 14).
    public var staleAfterDays = StaleHistory.defaultAllowedDays

    /// The policy of `channel`: its own entry, else the `"*"` entry.
    public func policy(for channel: String) throws(PlanningError) -> ChannelPolicy {
        if let own = channels[channel] ?? channels["*"] { return own }
        throw .config(
            path: path, key: "channels",
            message:
                "the history has a channel '\(channel)' but the config gives no settings for it; add \"\(channel)\": {…} or a \"*\" entry"
        )
    }
}
