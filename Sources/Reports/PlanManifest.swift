import Foundation
import StaffcastCore
import Forecasting
import Scheduling
import Planning

/// `manifest.json`: what a published week was made from and what it holds — inputs and their
/// hashes, each channel's model, settings, events and backtest, the schedule's bound and gap,
/// and the hash of every other file.
public enum PlanManifest {
    public static func json(_ plan: WeeklyPlan, version: String, outputs: [(String, String)]) -> JSONValue {
        let calendar = plan.calendar
        let schedule = plan.shifts.schedule
        return .object([
            ("staffcast_version", .string(version)),
            ("week", .string(plan.week.label)),
            ("week_start", .string(calendar.format(plan.week.start(in: calendar)))),
            ("week_end", .string(calendar.format(plan.week.end(in: calendar)))),
            ("time_zone", .string(calendar.identifier)),
            ("interval", .string(Durations.format(plan.intervalSeconds))),
            ("forecast_origin", .string(calendar.format(plan.origin))),
            ("staff_to", .string(plan.config.staffTo.rawValue)),
            ("inputs", .array(plan.inputs.map { input in
                .object([("role", .string(input.role)), ("path", .string(input.path)), ("sha256", .string(input.sha256))])
            })),
            ("channels", .array(plan.channels.map(channel))),
            ("schedule", .object([
                ("shifts", shifts(plan.config.shifts)),
                ("agent_hours", .number(schedule.agentHours, fractionDigits: 2)),
                ("lp_lower_bound", .number(schedule.lowerBound, fractionDigits: 2)),
                ("gap", .number(schedule.gap, fractionDigits: 6)),
                ("uncovered_agent_intervals", .integer(schedule.totalShortfall)),
            ])),
            ("outputs", .array(outputs.map { name, text in
                .object([("file", .string(name)), ("sha256", .string(SHA256.hex(Data(text.utf8))))])
            })),
        ])
    }

    /// A channel's record. Staffed with the AHT forecast, `aht_seconds` is the contact-weighted
    /// mean of its requirement rows' AHT and `"aht_source": "forecast"` is added.
    static func channel(_ plan: ChannelPlan) -> JSONValue {
        let policy = plan.policy
        var aht = policy.ahtSeconds
        if plan.staffedWithForecastAHT {
            let rows = plan.requirements
            let volume = rows.reduce(0) { $0 + $1.meanContacts }
            aht = volume > 0 ? rows.reduce(0) { $0 + $1.meanContacts * $1.ahtSeconds } / volume
                : rows.reduce(0) { $0 + $1.ahtSeconds } / Double(max(1, rows.count))
        }
        var settings: [(String, JSONValue)] = [("aht_seconds", .number(aht, fractionDigits: 3))]
        if plan.staffedWithForecastAHT { settings.append(("aht_source", .string("forecast"))) }
        if let sl = policy.target.serviceLevel { settings.append(("service_level", .number(sl, fractionDigits: 6))) }
        if policy.kind.deadlineSeconds == nil { settings.append(("target_seconds", .number(policy.target.targetSeconds, fractionDigits: 3))) }
        if let asa = policy.target.maxASASeconds { settings.append(("asa_seconds", .number(asa, fractionDigits: 3))) }
        if let cap = policy.target.maxOccupancy { settings.append(("max_occupancy", .number(cap, fractionDigits: 6))) }
        settings.append(("shrinkage", .number(policy.target.shrinkage, fractionDigits: 6)))
        if let patience = policy.target.patienceSeconds { settings.append(("patience", .number(patience, fractionDigits: 3))) }
        if let abandon = policy.target.maxAbandonRate { settings.append(("max_abandon_rate", .number(abandon, fractionDigits: 6))) }
        switch policy.kind {
        case .queue: break
        case .chat:
            settings.append(("concurrency", .integer(policy.kind.concurrency)))
            settings.append(("aht_by_concurrency", .array((policy.chatAHT ?? []).map { .number($0, fractionDigits: 3) })))
        case let .deferred(deadline):
            settings.append(("deadline_seconds", .integer(deadline)))
        }
        return .object([
            ("channel", .string(plan.channel)),
            ("model", .string(plan.forecast.model)),
            ("settings", .object(settings)),
            ("events", .array(plan.eventsInForce.map { .string($0) })),
            ("backtest", .array(plan.scores.sorted { $0.model < $1.model }.map { s in
                .object([("model", .string(s.model)), ("origins", .integer(s.origins)),
                         ("wape", .number(s.wape, fractionDigits: 6)), ("mase", .number(s.mase, fractionDigits: 6)),
                         ("coverage80", .number(s.coverage80, fractionDigits: 6)),
                         ("coverage95", .number(s.coverage95, fractionDigits: 6))])
            })),
        ])
    }

    /// The record of the shift templates.
    static func shifts(_ settings: ShiftSettings) -> JSONValue {
        .object([
            ("tours", .bool(settings.tours)),
            ("templates", .array(settings.templates.map { t in
                var fields: [(String, JSONValue)] = [
                    ("name", .string(t.name)), ("length", .string(Durations.format(t.lengthSeconds))),
                    ("earliest_start", .string(ShiftTemplate.clock(t.earliestStartSeconds))),
                    ("latest_start", .string(ShiftTemplate.clock(t.latestStartSeconds))),
                    ("start_every", .string(Durations.format(t.startEverySeconds))),
                    ("cost", .number(t.costPerHour, fractionDigits: 6)),
                ]
                if let days = t.weekdays { fields.append(("days", .array(days.sorted().map { .string(ShiftSettings.dayNames[$0 - 1].capitalized) }))) }
                if let rule = t.breakRule {
                    fields.append(("break", .object([("length", .string(Durations.format(rule.lengthSeconds))),
                                                     ("earliest_start", .integer(rule.earliestStartAfterShiftStart)),
                                                     ("latest_end", .integer(rule.latestEndAfterShiftStart)),
                                                     ("paid", .bool(rule.paid))])))
                }
                if let limit = t.maxAgentsPerDay { fields.append(("max_agents_per_day", .integer(limit))) }
                return .object(fields)
            })),
        ])
    }
}
