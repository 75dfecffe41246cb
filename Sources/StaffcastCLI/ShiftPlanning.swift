import StaffcastCore
import Scheduling
import Reports

/// Shift templates and requirement curves as `schedule` and `plan` both build them.
enum ShiftPlanning {
    /// Templates of the given lengths starting every `startEvery` seconds anywhere in the day;
    /// with `breaks`, shifts of 6 h or more get the standard unpaid 30-minute break
    /// (``BreakRule/standard(forShiftSeconds:)``). `source` names the flag or config key in errors.
    static func templates(lengths: [Int], startEvery: Int, breaks: Bool, source: String) throws(CLIError) -> [ShiftTemplate] {
        guard startEvery > 0, startEvery <= 86_400 else { throw .usage("\(source): shifts must start every so often within a day") }
        var templates: [ShiftTemplate] = []
        for length in lengths {
            guard length > 0 else { throw .usage("\(source): shift lengths must be positive") }
            guard length <= 86_400 else {
                throw .usage("\(source): a \(Durations.format(length)) shift is longer than the day; shifts lie within one day")
            }
            guard !templates.contains(where: { $0.lengthSeconds == length }) else {
                throw .usage("\(source): \(Durations.format(length)) is listed twice")
            }
            let lastStart = (86_400 - length) / startEvery * startEvery
            let template = ShiftTemplate(name: Durations.format(length), lengthSeconds: length, earliestStartSeconds: 0,
                                         latestStartSeconds: lastStart, startEverySeconds: startEvery,
                                         breakRule: breaks ? BreakRule.standard(forShiftSeconds: length) : nil)
            do throws(SchedulingError) { try template.validate(intervalSeconds: 60) } catch { throw .usage("\(source): " + error.description) }
            templates.append(template)
        }
        guard !templates.isEmpty else { throw .usage("\(source): name at least one shift length, e.g. 8h,6h,4h") }
        return templates
    }

    /// Checks that the templates line up with the requirement's intervals.
    static func check(_ templates: [ShiftTemplate], intervalSeconds interval: Int, source: String) throws(CLIError) {
        for template in templates where template.lengthSeconds % interval != 0 || template.startEverySeconds % interval != 0 {
            throw .usage("\(source): \(Durations.format(template.lengthSeconds)) shifts starting every \(Durations.format(template.startEverySeconds)) do not line up with the \(Durations.format(interval)) intervals")
        }
    }

    /// Requirements per channel and local day from (channel, interval start, headcount) entries;
    /// intervals not given need no agents. A DST day has 46 or 50 half-hours. Every date of
    /// `dates` is part of each channel's requirement even without entries (a closed Saturday
    /// needs nobody, but a weekly tour still spans it).
    static func requirements(_ entries: [(channel: String, instant: Int64, headcount: Int)], intervalSeconds interval: Int,
                             calendar: PlanningCalendar, source: String, dates: [CivilDate] = []) throws(CLIError) -> [ChannelRequirement] {
        var byChannel: [String: [CivilDate: [Int64: Int]]] = [:]
        for entry in entries {
            byChannel[entry.channel, default: [:]][calendar.local(entry.instant).date, default: [:]][entry.instant] = entry.headcount
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
                    throw .badData("\(source): \(date) is \(length / 60) minutes long, not a whole number of \(interval / 60)-minute intervals")
                }
                var required = [Int](repeating: 0, count: length / interval)
                for (instant, headcount) in values {
                    let offset = instant - start
                    guard offset % Int64(interval) == 0 else {
                        throw .badData("\(source): \(channel) at \(calendar.format(instant)) does not start on a \(interval / 60)-minute interval boundary")
                    }
                    required[Int(offset) / interval] = headcount
                }
                dayRequirements.append(DayRequirement(date: date, calendar: calendar, intervalSeconds: interval, required: required))
            }
            result.append(ChannelRequirement(channel: channel, intervalSeconds: interval, days: dayRequirements))
        }
        return result
    }

    /// With `tours`, weekly tours (5 days at one start, 2 consecutive days off) instead of daily shifts.
    static func solve(_ requirements: [ChannelRequirement], templates: [ShiftTemplate], tours: Bool = false) throws(CLIError) -> Schedule {
        do throws(SchedulingError) { return try ShiftScheduler.solve(requirements, templates: templates, tours: tours) } catch {
            throw .badData(error.description)
        }
    }

    /// `date,channel,shift_start,shift_end,break_start,break_end,agents`, one row per shift start
    /// and break placement, in a stable order. With `tours` (or when the schedule has tours), one
    /// row per working day of each tour and a last column `tour` naming it.
    static func scheduleCSV(_ schedule: Schedule, calendar: PlanningCalendar, tours: Bool = false) -> String {
        let tourColumn = tours || schedule.shifts.contains { $0.tour != nil }
        var table = CSVTable(header: ["date", "channel", "shift_start", "shift_end", "break_start", "break_end", "agents"]
                                     + (tourColumn ? ["tour"] : []))
        let sorted = schedule.shifts.sorted {
            ($0.date, $0.channel, $0.start, $0.end, $0.breakStart ?? 0) < ($1.date, $1.channel, $1.start, $1.end, $1.breakStart ?? 0)
                || (($0.date, $0.channel, $0.start, $0.end, $0.breakStart ?? 0) == ($1.date, $1.channel, $1.start, $1.end, $1.breakStart ?? 0)
                    && ($0.tour ?? "") < ($1.tour ?? ""))
        }
        for shift in sorted {
            table.append([shift.date.description, shift.channel, calendar.format(shift.start), calendar.format(shift.end),
                          shift.breakStart.map(calendar.format) ?? "", shift.breakEnd.map(calendar.format) ?? "",
                          String(shift.agents)] + (tourColumn ? [shift.tour ?? ""] : []))
        }
        return table.render()
    }

    /// The one-paragraph solver summary printed on stdout.
    static func summary(_ schedule: Schedule) -> String {
        var text = "LP lower bound: \(Format.volume(schedule.lowerBound)) agent-hours (LP optimum \(Format.volume(schedule.lpOptimum)))\n"
        text += "agent-hours: \(Format.volume(schedule.agentHours))\n"
        text += "gap: \(NumberFormat.plain(schedule.gap * 100, maxFractionDigits: 2)) %\n"
        if !schedule.uncovered.isEmpty {
            text += "short: \(schedule.totalShortfall) agent-intervals in \(schedule.uncovered.count) intervals\n"
        }
        return text
    }
}
