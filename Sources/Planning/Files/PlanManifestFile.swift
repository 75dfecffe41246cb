import Forecasting
import Foundation
import Scheduling
import StaffcastCore

/// `manifest.json`: what a published week was made from and what it holds — inputs and their
/// hashes, each channel's model, settings, events and backtest, the schedule's bound and gap,
/// and the hash of every other file. Written here and read back by ``PublishedPlan``; every key
/// that both sides use is declared once, in ``Key`` and ``SettingKey``.
public enum PlanManifestFile {
    public static let fileName = "manifest.json"

    /// The keys of the manifest that are read back.
    public enum Key: String, Sendable {
        case week
        case weekStart = "week_start"
        case weekEnd = "week_end"
        case timeZone = "time_zone"
        case interval
        case staffTo = "staff_to"
        case channels, channel, model, settings, outputs, file, sha256
    }

    /// The keys of a channel's `settings`: the config's own keys (``ChannelSetting``), and these
    /// that only the manifest has.
    public enum SettingKey: String, Sendable {
        /// `"forecast"` when the channel was staffed with the AHT forecast.
        case ahtSource = "aht_source"
        case targetSeconds = "target_seconds"
        case deadlineSeconds = "deadline_seconds"

        public static let forecast = "forecast"
    }

    /// The manifest's text: the JSON object and a final newline. `outputs`: the other files'
    /// names and texts, hashed.
    public static func write(_ plan: WeeklyPlan, version: String, outputs: [(String, String)]) -> String {
        json(plan, version: version, outputs: outputs).render() + "\n"
    }

    static func json(_ plan: WeeklyPlan, version: String, outputs: [(String, String)]) -> JSONValue {
        let calendar = plan.calendar
        let schedule = plan.shifts.schedule
        return .object([
            ("staffcast_version", .string(version)),
            (Key.week.rawValue, .string(plan.week.label)),
            (Key.weekStart.rawValue, .string(calendar.format(plan.week.start(in: calendar)))),
            (Key.weekEnd.rawValue, .string(calendar.format(plan.week.end(in: calendar)))),
            (Key.timeZone.rawValue, .string(calendar.identifier)),
            (Key.interval.rawValue, .string(Durations.format(plan.intervalSeconds))),
            ("forecast_origin", .string(calendar.format(plan.origin))),
            (Key.staffTo.rawValue, .string(plan.config.staffTo.rawValue)),
            (
                "inputs",
                .array(
                    plan.inputs.map(\.manifestRecord))
            ),
            (Key.channels.rawValue, .array(plan.channels.map(channel))),
            ("warnings", .array(plan.warnings.map { .string($0) })),
            ("kpis", kpis(plan.kpis, calendar: calendar)),
            (
                "schedule",
                .object(
                    [
                        ("shifts", shifts(plan.config.shifts)),
                        (
                            "channel_shifts",
                            .object(
                                plan.channels.map(\.channel).filter {
                                    plan.config.shifts(for: $0) != plan.config.shifts
                                }
                                .map { ($0, shifts(plan.config.shifts(for: $0))) })
                        ),
                        ("agent_hours", .exact(schedule.agentHours)),
                        ("lp_lower_bound", .exact(schedule.lowerBound)),
                        ("gap", .exact(schedule.gap)),
                        ("uncovered_agent_intervals", .integer(schedule.totalShortfall)),
                        ("channels", channelBounds(schedule)),
                    ]
                        + (plan.previousWeek.map { previous in
                            [
                                (
                                    "previous_week",
                                    .object([
                                        ("week", .string(previous.label)),
                                        ("shifts_reaching_in", .integer(previous.shiftsReachingIn)),
                                        (
                                            "agent_intervals_carried_in",
                                            .integer(previous.carriedIn.values.reduce(0, +))
                                        ),
                                    ])
                                )
                            ]
                        } ?? []))
            ),
            (
                Key.outputs.rawValue,
                .array(
                    outputs.map { name, text in
                        .object([
                            (Key.file.rawValue, .string(name)),
                            (Key.sha256.rawValue, .string(SHA256.hex(Data(text.utf8)))),
                        ])
                    })
            ),
        ])
    }

    /// Each channel's shift cost against its own lower bound.
    static func channelBounds(_ schedule: Schedule) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        for channel in schedule.channels.keys.sorted() {
            let bound = schedule.channels[channel] ?? Schedule.ChannelBound()
            let record: [(String, JSONValue)] = [
                ("cost", .exact(bound.cost)), ("lp_lower_bound", .exact(bound.lowerBound)), ("gap", .exact(bound.gap)),
            ]
            fields.append((channel, .object(record)))
        }
        return .object(fields)
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
        return .object([
            (Key.channel.rawValue, .string(plan.channel)),
            (Key.model.rawValue, .string(plan.forecast.model)),
            ("model_choice", plan.choice.map(choice) ?? .null),
            (Key.settings.rawValue, settings(policy, ahtSeconds: aht, forecastAHT: plan.staffedWithForecastAHT)),
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

    /// What the model choice was made on: the score, the chosen candidate's mean over the
    /// selection windows, and the runner-up's.
    static func choice(_ choice: ModelChoice) -> JSONValue {
        .object([
            ("scored_on", .string(choice.scoring.label)), ("score", .exact(choice.score)),
            ("runner_up", choice.runnerUp.map { .string($0) } ?? .null),
            ("runner_up_score", .exact(choice.runnerUpScore)),
        ])
    }

    /// A channel's `settings`: its staffing rules, as ``PublishedPlan`` reads them back.
    /// `forecastAHT`: staffed with the AHT forecast (`"aht_source": "forecast"`, `ahtSeconds` its
    /// contact-weighted mean).
    static func settings(_ policy: ChannelPolicy, ahtSeconds aht: Double, forecastAHT: Bool) -> JSONValue {
        var settings: [(String, JSONValue)] = []
        func add(_ key: ChannelSetting, _ value: JSONValue) { settings.append((key.configKey, value)) }
        func add(_ key: SettingKey, _ value: JSONValue) { settings.append((key.rawValue, value)) }
        add(.ahtSeconds, .exact(aht))
        if forecastAHT { add(.ahtSource, .string(SettingKey.forecast)) }
        if let sl = policy.target.serviceLevel { add(.serviceLevel, .exact(sl)) }
        if policy.kind.deadlineSeconds == nil { add(.targetSeconds, .exact(policy.target.targetSeconds)) }
        if let asa = policy.target.maxASASeconds { add(.asaSeconds, .exact(asa)) }
        if let cap = policy.target.maxOccupancy { add(.maxOccupancy, .exact(cap)) }
        add(.shrinkage, .exact(policy.target.shrinkage))
        if let patience = policy.target.patienceSeconds { add(.patience, .exact(patience)) }
        if let abandon = policy.target.maxAbandonRate { add(.maxAbandonRate, .exact(abandon)) }
        if let rule = policy.lowVolume {
            add(.minContactsPerInterval, .exact(rule.minimumContacts))
            add(.nightCover, .integer(rule.cover))
        }
        switch policy.kind {
        case .queue: break
        case .chat:
            add(.concurrency, .integer(policy.kind.concurrency))
            add(.ahtByConcurrency, .array((policy.chatAHT ?? []).map { .exact($0) }))
        case .chatAverage(let c):
            add(.concurrency, .exact(c))
        case .deferred(let rules):
            add(.deadlineSeconds, .integer(rules.deadlineSeconds))
            add(.deadlineCounts, .string(rules.clock.rawValue))
            if let hours = rules.workingHours {
                settings.append(
                    (
                        ChannelSetting.workingHours.configKey,
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
            add(.closingBacklog, .string(rules.closing.rawValue))
            switch rules.opening {
            case .history: add(.openingBacklog, .string("history"))
            case .given(let count): add(.openingBacklog, .exact(count))
            }
        }
        return .object(settings)
    }

    /// The week's figures: per channel, real-time and deferred apart, and all channels.
    static func kpis(_ k: WeekKPIs, calendar: PlanningCalendar) -> JSONValue {
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
            fields.append(
                (
                    "deferred_closing_oldest_arrival",
                    k.closingOldestArrival.map { .string(calendar.format($0)) } ?? .null
                ))
            fields.append(("deferred_opening_backlog", .exact(k.openingBacklog)))
            fields.append(
                ("deferred_opening_oldest_due", k.openingOldestDue.map { .string(calendar.format($0)) } ?? .null))
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

extension PlanInput {
    /// The input's record in a manifest (`plan`'s and `capacity`'s): role, path, SHA-256, and
    /// `"read_once": true` for a pipe.
    public var manifestRecord: JSONValue {
        .object(
            [("role", .string(role)), ("path", .string(path)), ("sha256", .string(sha256))]
                + (regular ? [] : [("read_once", .bool(true))]))
    }
}
