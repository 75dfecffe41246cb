import Forecasting
import Foundation
import Planning
import Scheduling
import StaffcastCore

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
            (
                "inputs",
                .array(
                    plan.inputs.map { input in
                        .object(
                            [
                                ("role", .string(input.role)), ("path", .string(input.path)),
                                ("sha256", .string(input.sha256)),
                            ]
                                + (input.regular ? [] : [("read_once", .bool(true))]))
                    })
            ),
            ("channels", .array(plan.channels.map(channel))),
            ("warnings", .array(plan.warnings.map { .string($0) })),
            ("kpis", kpis(plan.kpis)),
            (
                "schedule",
                .object([
                    ("shifts", shifts(plan.config.shifts)),
                    (
                        "channel_shifts",
                        .object(
                            plan.channels.map(\.channel).filter { plan.config.shifts(for: $0) != plan.config.shifts }
                                .map { ($0, shifts(plan.config.shifts(for: $0))) })
                    ),
                    ("agent_hours", .exact(schedule.agentHours)),
                    ("lp_lower_bound", .exact(schedule.lowerBound)),
                    ("gap", .exact(schedule.gap)),
                    ("uncovered_agent_intervals", .integer(schedule.totalShortfall)),
                ])
            ),
            (
                "outputs",
                .array(
                    outputs.map { name, text in
                        .object([("file", .string(name)), ("sha256", .string(SHA256.hex(Data(text.utf8))))])
                    })
            ),
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
            aht =
                volume > 0
                ? rows.reduce(0) { $0 + $1.meanContacts * $1.ahtSeconds } / volume
                : rows.reduce(0) { $0 + $1.ahtSeconds } / Double(max(1, rows.count))
        }
        var settings: [(String, JSONValue)] = [("aht_seconds", .exact(aht))]
        if plan.staffedWithForecastAHT { settings.append(("aht_source", .string("forecast"))) }
        if let sl = policy.target.serviceLevel { settings.append(("service_level", .exact(sl))) }
        if policy.kind.deadlineSeconds == nil {
            settings.append(("target_seconds", .exact(policy.target.targetSeconds)))
        }
        if let asa = policy.target.maxASASeconds { settings.append(("asa_seconds", .exact(asa))) }
        if let cap = policy.target.maxOccupancy { settings.append(("max_occupancy", .exact(cap))) }
        settings.append(("shrinkage", .exact(policy.target.shrinkage)))
        if let patience = policy.target.patienceSeconds { settings.append(("patience", .exact(patience))) }
        if let abandon = policy.target.maxAbandonRate { settings.append(("max_abandon_rate", .exact(abandon))) }
        if let rule = policy.lowVolume {
            settings.append(("min_contacts_per_interval", .exact(rule.minimumContacts)))
            settings.append(("night_cover", .integer(rule.cover)))
        }
        switch policy.kind {
        case .queue: break
        case .chat:
            settings.append(("concurrency", .integer(policy.kind.concurrency)))
            settings.append(("aht_by_concurrency", .array((policy.chatAHT ?? []).map { .exact($0) })))
        case .deferred(let rules):
            settings.append(("deadline_seconds", .integer(rules.deadlineSeconds)))
            settings.append(("deadline_counts", .string(rules.clock.rawValue)))
            if let hours = rules.workingHours {
                settings.append(
                    (
                        "working_hours",
                        .array(
                            (1...7).map { day in
                                .string(
                                    WeekdayName.short(day) + " "
                                        + ((hours.windows[day] ?? []).isEmpty
                                            ? "closed"
                                            : (hours.windows[day] ?? []).map {
                                                ClockText.format($0.lowerBound) + "-"
                                                    + ClockText.format($0.upperBound)
                                            }.joined(separator: ",")))
                            })
                    ))
            }
            settings.append(("closing_backlog", .string(rules.closing.rawValue)))
            switch rules.opening {
            case .history: settings.append(("opening_backlog", .string("history")))
            case .given(let count): settings.append(("opening_backlog", .exact(count)))
            }
        }
        return .object([
            ("channel", .string(plan.channel)),
            ("model", .string(plan.forecast.model)),
            ("settings", .object(settings)),
            ("events", .array(plan.eventsInForce.map { .string($0) })),
            (
                "holidays",
                .array(
                    plan.holidays.map { decision in
                        .object([
                            ("date", .string(decision.date.description)), ("name", .string(decision.name)),
                            ("treatment", .string(decision.treatment.rawValue)),
                            ("evidence", decision.evidence.map { .string($0.description) } ?? .null),
                        ])
                    })
            ),
            (
                "anomalies",
                .array(
                    plan.anomalies.map { anomaly in
                        .object([
                            ("kind", .string(anomaly.kind.rawValue)), ("first", .string(anomaly.first.description)),
                            ("last", .string(anomaly.last.description)), ("detail", .string(anomaly.detail)),
                        ])
                    })
            ),
            (
                "backtest",
                .array(
                    plan.scores.sorted { $0.model < $1.model }.map { s in
                        .object([
                            ("model", .string(s.model)), ("origins", .integer(s.origins)),
                            ("wape", .exact(s.wape)), ("mase", .exact(s.mase)),
                            ("coverage80", .exact(s.coverage80)),
                            ("coverage95", .exact(s.coverage95)),
                        ])
                    })
            ),
        ])
    }

    /// The week's figures: per channel, real-time and deferred apart, and all channels.
    static func kpis(_ k: WeekKPIs) -> JSONValue {
        func totals(_ t: WeekKPIs.Totals) -> JSONValue {
            .object([
                ("contacts", .exact(t.contacts)), ("workload_hours", .exact(t.workloadHours)),
                ("agent_hours", .exact(t.agentHours)),
                ("fte", .exact(t.fte)), ("peak_heads", .integer(t.peakHeads)),
                ("service_level", t.serviceLevel.map { .exact($0) } ?? .null),
                ("occupancy", t.occupancy.map { .exact($0) } ?? .null),
                ("intervals_capped_by_occupancy", .integer(t.cappedByOccupancy)),
                ("staffed_intervals", .integer(t.staffedIntervals)),
            ])
        }
        var fields: [(String, JSONValue)] = [("fte_hours_per_week", .exact(k.fteHoursPerWeek))]
        fields.append(("channels", .object(k.channels.map { ($0.channel, totals($0.totals)) })))
        fields.append(("real_time", totals(k.realTime)))
        if let deferred = k.deferred {
            fields.append(("deferred", totals(deferred)))
            fields.append(("deferred_answered_within_deadline", k.answeredInTime.map { .exact($0) } ?? .null))
            fields.append(("deferred_closing_backlog", .exact(k.closingBacklog)))
        }
        fields.append(("all_channels", totals(k.all)))
        return .object(fields)
    }

    /// The record of the shift templates.
    static func shifts(_ settings: ShiftSettings) -> JSONValue {
        .object([
            ("tours", .bool(settings.tours)),
            (
                "templates",
                .array(
                    settings.templates.map { t in
                        var fields: [(String, JSONValue)] = [
                            ("name", .string(t.name)), ("length", .string(Durations.format(t.lengthSeconds))),
                            ("earliest_start", .string(ClockText.format(t.earliestStartSeconds))),
                            ("latest_start", .string(ClockText.format(t.latestStartSeconds))),
                            ("start_every", .string(Durations.format(t.startEverySeconds))),
                            ("cost", .exact(t.costPerHour)),
                        ]
                        if let days = t.weekdays {
                            fields.append(
                                (
                                    "days",
                                    .array(days.sorted().map { .string(WeekdayName.short($0)) })
                                ))
                        }
                        if let rule = t.breakRule {
                            fields.append(
                                (
                                    "break",
                                    .object([
                                        ("length", .string(Durations.format(rule.lengthSeconds))),
                                        ("earliest_start", .integer(rule.earliestStartAfterShiftStart)),
                                        ("latest_end", .integer(rule.latestEndAfterShiftStart)),
                                        ("paid", .bool(rule.paid)),
                                    ])
                                ))
                        }
                        if let limit = t.maxAgentsPerDay { fields.append(("max_agents_per_day", .integer(limit))) }
                        return .object(fields)
                    })
            ),
        ])
    }
}
