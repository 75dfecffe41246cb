import Queueing
import Scheduling
import StaffcastCore

/// The shift stage of the pipeline: requirement curves per channel and local day, the shift
/// scheduler, and the coverage of the result scored per interval.
public enum ShiftCover {
    /// A schedule with its coverage scored and its paid hours per local date and channel.
    public struct Result: Sendable {
        public var schedule: Schedule
        /// Required versus scheduled per interval, with the service level the schedule yields.
        public var scores: [CoverageScore]
        /// Paid agent-hours in shifts per date and channel.
        public var hours: [DateChannel: Double]
    }

    /// What lies across the week's edges for the shift stage of a channel that needs agents
    /// around midnight.
    public struct Boundary: Sendable {
        /// Heads already on duty in the week's first intervals from the previous week's published
        /// shifts (its Sunday-night shifts), by channel and interval: bought, not bought again.
        public var carriedIn: [RequirementsFile.Key: Int] = [:]
        /// The requirement of the intervals after the week (its first hours are reached only by
        /// the week's own late shifts).
        public var after: [RequirementRow] = []

        public init(
            carriedIn: [RequirementsFile.Key: Int] = [:], after: [RequirementRow] = []
        ) {
            self.carriedIn = carriedIn
            self.after = after
        }
    }

    public struct DateChannel: Hashable, Sendable {
        public var date: CivilDate
        public var channel: String
        public init(_ date: CivilDate, _ channel: String) {
            self.date = date
            self.channel = channel
        }
    }

    /// Covers `requirements`' headcount with the templates, then re-scores every interval with
    /// the agents the shifts actually put on it. A channel of `channelShifts` works its own
    /// templates (its config key `channels.X.shifts`), the others `shifts`. `source` names the
    /// config in errors. Deferred work with working hours must be coverable: an interval of its
    /// working hours that no template of the channel can work is an error naming the key.
    public static func schedule(
        _ requirements: [RequirementRow], shifts: ShiftSettings, channelShifts: [String: ShiftSettings] = [:],
        policies: [String: ChannelPolicy], intervalSeconds: Int, calendar: PlanningCalendar,
        dates: [CivilDate], source: String, boundary: Boundary = Boundary(), progress: ((String) -> Void)? = nil
    ) throws(PlanningError) -> Result {
        func key(_ channel: String) -> String {
            channelShifts[channel] == nil ? "shifts" : "channels.\(channel).shifts"
        }
        var groups: [(settings: ShiftSettings, key: String, rows: [RequirementRow])] = []
        for channel in Set(requirements.map(\.channel)).sorted() {
            let settings = channelShifts[channel] ?? shifts
            let rows = requirements.filter { $0.channel == channel }
            if let g = groups.firstIndex(where: {
                $0.settings == settings && $0.key == "shifts" && key(channel) == "shifts"
            }) {
                groups[g].rows += rows
            } else {
                groups.append((settings, key(channel), rows))
            }
        }
        var parts: [Schedule] = []
        for group in groups {
            do {
                try ShiftSettings.check(group.settings.templates, intervalSeconds: intervalSeconds, source: group.key)
            } catch {
                if case .invalidRequest(let message) = error {
                    throw .config(path: source, key: group.key, message: message)
                }
                throw error
            }
            let entries = group.rows.map {
                (channel: $0.channel, instant: $0.instant, headcount: $0.staffing.headcount)
            }
            var curves = try self.curves(
                entries, intervalSeconds: intervalSeconds, calendar: calendar, source: source, dates: dates)
            if !group.settings.tours {
                curves = try curves.map { curve throws(PlanningError) in
                    try across(
                        curve, boundary: boundary, templates: group.settings.templates, calendar: calendar,
                        source: source)
                }
            }
            progress?(
                "scheduling \(Set(group.rows.map(\.channel)).sorted().joined(separator: ", "))\(group.settings.tours ? " in weekly tours" : "") …"
            )
            let part = try solve(curves, templates: group.settings.templates, tours: group.settings.tours)
            for miss in part.uncovered where miss.unreachable && miss.required > 0 {
                guard case .deferred(let rules)? = policies[miss.channel]?.kind, rules.workingHours != nil else {
                    continue
                }
                throw .config(
                    path: source, key: key(miss.channel),
                    message:
                        "no shift template can work \(miss.channel) at \(calendar.format(miss.instant)), inside its working hours; add a template that covers them"
                )
            }
            parts.append(part)
        }
        let schedule = Schedule.combining(parts)

        var byKey: [String: RequirementRow] = [:]
        for row in requirements { byKey["\(row.channel)|\(row.instant)"] = row }
        var scores: [CoverageScore] = []
        for var row in schedule.coverage.sorted(by: { ($0.instant, $0.channel) < ($1.instant, $1.channel) }) {
            // The heads the previous week's shifts bring count as scheduled, against the whole requirement.
            let carried = boundary.carriedIn[RequirementsFile.Key(row.channel, row.instant)] ?? 0
            if carried > 0 {
                row.scheduled += carried
                row.required = byKey["\(row.channel)|\(row.instant)"]?.staffing.headcount ?? row.required
            }
            if let source = byKey["\(row.channel)|\(row.instant)"], let policy = policies[row.channel] {
                let serviceLevel = CoverageScorer.serviceLevel(
                    scheduled: row.scheduled, contacts: source.meanContacts,
                    ahtSeconds: source.ahtSeconds, intervalSeconds: intervalSeconds,
                    kind: policy.kind, target: policy.target)
                var score = CoverageScore(
                    instant: row.instant, channel: row.channel, required: row.required,
                    scheduled: row.scheduled, serviceLevel: serviceLevel)
                score.carriedIn = carried
                scores.append(score)
            } else if row.scheduled > 0 {
                // Agents on shift in an interval the channel does not plan (a shift running past closing).
                scores.append(
                    CoverageScore(
                        instant: row.instant, channel: row.channel, required: row.required,
                        scheduled: row.scheduled, serviceLevel: nil))
            }
        }
        var hours: [DateChannel: Double] = [:]
        for shift in schedule.shifts {
            hours[DateChannel(shift.date, shift.channel), default: 0] += Double(shift.agents) * shift.paidHoursPerAgent
        }
        return Result(schedule: schedule, scores: scores, hours: hours)
    }

    /// A channel's requirement across the week's edges, when it needs agents around midnight:
    /// the heads carried in from the previous week taken off its first intervals; the day after the
    /// week, where shifts may not start, with the requirement of the hours before any template may
    /// start that day (only the week's own late shifts can reach them); and the day before the week
    /// with nothing required, where this week's night shifts may start to cover its first night —
    /// all of it without the previous week's plan, what its shifts leave short with it. Other
    /// channels are returned as they are.
    static func across(
        _ curve: ChannelRequirement, boundary: Boundary, templates: [ShiftTemplate], calendar: PlanningCalendar,
        source: String
    ) throws(PlanningError) -> ChannelRequirement {
        guard let first = curve.days.first?.date, let last = curve.days.last?.date,
            ShiftScheduler.isAroundTheClock(curve, templates: templates)
        else { return curve }
        var result = curve
        let interval = curve.intervalSeconds
        for d in result.days.indices {
            let start = result.days[d].startInstant
            for k in result.days[d].required.indices {
                let key = RequirementsFile.Key(curve.channel, start + Int64(k * interval))
                if let carried = boundary.carriedIn[key] {
                    result.days[d].required[k] = max(0, result.days[d].required[k] - carried)
                }
            }
        }
        let next = last.adding(days: 1)
        let earliest =
            templates.filter { $0.weekdays?.contains(next.weekday) ?? true }.map(\.earliestStartSeconds).min() ?? 0
        let entries = boundary.after.filter { $0.channel == curve.channel }.map {
            (channel: $0.channel, instant: $0.instant, headcount: $0.staffing.headcount)
        }
        var after =
            try curves(entries, intervalSeconds: interval, calendar: calendar, source: source, dates: [next])
            .first?.days.first { $0.date == next }
            ?? DayRequirement(
                date: next, calendar: calendar, intervalSeconds: interval,
                required: [Int](repeating: 0, count: calendar.lengthOfDay(next) / interval))
        for k in after.required.indices where after.wallClock(k, intervalSeconds: interval) >= earliest {
            after.required[k] = 0
        }
        after.shiftsMayStart = false
        after.isReported = false
        result.days.append(after)
        do {
            // Shifts of this week may start the day before it: to cover its first night when no
            // earlier plan does, or what the carried-in shifts leave short.
            let before = first.adding(days: -1)
            var lead = DayRequirement(
                date: before, calendar: calendar, intervalSeconds: interval,
                required: [Int](repeating: 0, count: calendar.lengthOfDay(before) / interval))
            lead.isReported = false
            result.days.insert(lead, at: 0)
        }
        return result
    }

    /// Requirements per channel and local day from (channel, interval start, headcount) entries;
    /// intervals not given need no agents. A DST day has 46 or 50 half-hours. Every date of
    /// `dates` is part of each channel's requirement even without entries (a closed Saturday
    /// needs nobody, but a weekly tour still spans it).
    public static func curves(
        _ entries: [(channel: String, instant: Int64, headcount: Int)], intervalSeconds interval: Int,
        calendar: PlanningCalendar, source: String, dates: [CivilDate] = []
    ) throws(PlanningError) -> [ChannelRequirement] {
        var byChannel: [String: [CivilDate: [Int64: Int]]] = [:]
        for entry in entries {
            byChannel[entry.channel, default: [:]][calendar.local(entry.instant).date, default: [:]][entry.instant] =
                entry.headcount
        }
        for channel in byChannel.keys.sorted() {
            for date in dates where byChannel[channel]?[date] == nil { byChannel[channel]?[date] = [:] }
        }
        var result: [ChannelRequirement] = []
        for (channel, days) in byChannel.sorted(by: { $0.key < $1.key }) {
            var dayRequirements: [DayRequirement] = []
            for (date, values) in days.sorted(by: { $0.key < $1.key }) {
                let start = calendar.startOfDay(date)
                let length = calendar.lengthOfDay(date)
                guard length % interval == 0 else {
                    throw .badData(
                        "\(source): \(date) is \(length / 60) minutes long, not a whole number of \(interval / 60)-minute intervals"
                    )
                }
                var required = [Int](repeating: 0, count: length / interval)
                for (instant, headcount) in values {
                    let offset = instant - start
                    guard offset % Int64(interval) == 0 else {
                        throw .badData(
                            "\(source): \(channel) at \(calendar.format(instant)) does not start on a \(interval / 60)-minute interval boundary"
                        )
                    }
                    required[Int(offset) / interval] = headcount
                }
                dayRequirements.append(
                    DayRequirement(date: date, calendar: calendar, intervalSeconds: interval, required: required))
            }
            result.append(ChannelRequirement(channel: channel, intervalSeconds: interval, days: dayRequirements))
        }
        return result
    }

    /// With `tours`, weekly tours (5 days at one start, 2 consecutive days off) instead of daily shifts.
    public static func solve(_ requirements: [ChannelRequirement], templates: [ShiftTemplate], tours: Bool = false)
        throws(PlanningError) -> Schedule
    {
        do throws(SchedulingError) {
            return try ShiftScheduler.solve(requirements, templates: templates, tours: tours)
        } catch {
            throw .badData(error.description)
        }
    }
}

extension Schedule {
    /// Schedules of disjoint channels as one: shifts, coverage and shortfalls together, hours,
    /// costs and bounds summed (each is a sum over blocks already).
    static func combining(_ parts: [Schedule]) -> Schedule {
        guard parts.count != 1 else { return parts[0] }
        var combined = Schedule(
            shifts: parts.flatMap(\.shifts), coverage: parts.flatMap(\.coverage), uncovered: parts.flatMap(\.uncovered),
            agentHours: parts.reduce(0) { $0 + $1.agentHours }, cost: parts.reduce(0) { $0 + $1.cost },
            lpOptimum: parts.reduce(0) { $0 + $1.lpOptimum }, lowerBound: parts.reduce(0) { $0 + $1.lowerBound },
            lpShortfall: parts.reduce(0) { $0 + $1.lpShortfall }, pivots: parts.reduce(0) { $0 + $1.pivots })
        combined.channels = parts.reduce(into: [:]) { all, part in all.merge(part.channels) { a, _ in a } }
        return combined
    }
}
