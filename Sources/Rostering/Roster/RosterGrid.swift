import Scheduling
import StaffcastCore

/// The period on the requirement's interval grid and every shift that may be worked in it.
struct RosterGrid {
    let days: Int
    let dates: [CivilDate]
    let interval: Int
    let dayStart: [Int64]
    let wallClock: [[Int]]
    let channels: [String]
    /// `required[c][d][k]`.
    let required: [[[Int]]]
    let options: [ShiftOption]
    /// `startSlot[d][o]`: the slot where option o starts on day d, nil where it cannot be worked
    /// that day (the template's weekdays, a clock change).
    let startSlot: [[Int?]]
    /// `slotCount[d][o]`: how many slots option o lasts when it starts on day d. A night shift
    /// ends at its start's clock plus its length on the next day, so it lasts a slot-hour less or
    /// more on the nights the clocks change; its slots past the day are the next day's.
    let slotCount: [[Int]]
    /// The most slots any option lasts.
    let longestSlots: Int
    /// Distinct end times (seconds after midnight), the options' rest groups.
    let endTimes: [Int]

    init(requirements: [ChannelRequirement], templates: [ShiftTemplate]) throws(RosteringError) {
        guard let first = requirements.first, !first.days.isEmpty else {
            throw .invalidRequest("a roster needs a requirement: no channel or no day was given")
        }
        guard !templates.isEmpty else { throw .invalidRequest("a roster needs at least one shift template") }
        interval = first.intervalSeconds
        for requirement in requirements {
            guard requirement.intervalSeconds == interval, requirement.days.map(\.date) == first.days.map(\.date) else {
                throw .invalidRequest(
                    "every channel's requirement must share one interval and the same days (\(requirement.channel) differs from \(first.channel))"
                )
            }
            for (a, b) in zip(requirement.days, first.days)
            where a.required.count != b.required.count || a.startInstant != b.startInstant {
                throw .invalidRequest(
                    "\(requirement.channel): \(a.date) does not have the same intervals as \(first.channel)")
            }
        }
        for (i, day) in first.days.enumerated().dropFirst() where day.date != first.days[i - 1].date.adding(days: 1) {
            throw .invalidRequest(
                "the requirement's days must be consecutive (\(first.days[i - 1].date) is followed by \(day.date))")
        }
        for template in templates {
            do { try template.validate(intervalSeconds: interval) } catch {
                throw .invalidRequest(error.description)
            }
        }
        days = first.days.count
        dates = first.days.map(\.date)
        dayStart = first.days.map(\.startInstant)
        wallClock = first.days.map { day in
            day.wallClockSeconds ?? day.required.indices.map { $0 * first.intervalSeconds }
        }
        channels = requirements.map(\.channel)
        required = requirements.map { $0.days.map(\.required) }

        var options: [ShiftOption] = []
        for (t, template) in templates.enumerated() {
            var start = template.earliestStartSeconds
            while start <= template.latestStartSeconds {
                do {
                    options.append(
                        ShiftOption(
                            template: t, name: template.name, startSeconds: start,
                            lengthSeconds: template.lengthSeconds,
                            interval: interval, breakRule: template.breakRule,
                            paidMinutes: Int((template.paidHours * 60).rounded()),
                            weekdays: template.weekdays))
                }
                start += template.startEverySeconds
            }
        }
        guard !options.isEmpty else { throw .invalidRequest("no shift template has a start in its window") }
        self.options = options
        endTimes = Array(Set(options.map(\.endSeconds))).sorted()
        startSlot = (0..<first.days.count).map { d in
            let clock =
                first.days[d].wallClockSeconds ?? first.days[d].required.indices.map { $0 * first.intervalSeconds }
            let weekday = first.days[d].date.weekday
            return options.map { option in
                guard option.weekdays?.contains(weekday) ?? true, let k = clock.firstIndex(of: option.startSeconds),
                    option.endSeconds > 86_400 || k + option.slots <= clock.count
                else { return nil }
                return k
            }
        }
        let clocks = first.days.map { day in
            day.wallClockSeconds ?? day.required.indices.map { $0 * first.intervalSeconds }
        }
        let counts = startSlot.enumerated().map { d, starts in
            options.indices.map { o -> Int in
                let option = options[o]
                guard option.endSeconds > 86_400, let k = starts[o], d + 1 < clocks.count else { return option.slots }
                let endClock = option.endSeconds - 86_400
                let end = clocks[d + 1].firstIndex { $0 >= endClock } ?? clocks[d + 1].count
                return clocks[d].count - k + end
            }
        }
        slotCount = counts
        longestSlots = counts.flatMap { $0 }.max() ?? 0
    }

    /// Day and slot of slot `k` counted from the start of day `d` (a night shift's slots past
    /// midnight are the next day's); nil past the period.
    func locate(_ d: Int, _ k: Int) -> (day: Int, slot: Int)? {
        var day = d
        var slot = k
        while day < days, slot >= wallClock[day].count {
            slot -= wallClock[day].count
            day += 1
        }
        return day < days ? (day, slot) : nil
    }

    func group(of option: Int) -> Int { endTimes.firstIndex(of: options[option].endSeconds) ?? 0 }

    func instant(_ d: Int, _ k: Int) -> Int64 { dayStart[d] + Int64(k * interval) }
}

/// One template started at one time.
struct ShiftOption {
    let template: Int
    let name: String
    let startSeconds: Int
    let lengthSeconds: Int
    let slots: Int
    let paidMinutes: Int
    /// Break length in slots (0: none) and the first and last slot offsets it may start at.
    let breakSlots: Int
    let breakFirstOffset: Int
    let breakLastOffset: Int
    let weekdays: Set<Int>?

    init(
        template: Int, name: String, startSeconds: Int, lengthSeconds: Int, interval: Int, breakRule: BreakRule?,
        paidMinutes: Int, weekdays: Set<Int>?
    ) {
        self.template = template
        self.name = name
        self.startSeconds = startSeconds
        self.lengthSeconds = lengthSeconds
        slots = lengthSeconds / interval
        self.paidMinutes = paidMinutes
        self.weekdays = weekdays
        if let rule = breakRule {
            breakSlots = rule.lengthSeconds / interval
            breakFirstOffset = rule.earliestStartAfterShiftStart / interval
            breakLastOffset = (rule.latestEndAfterShiftStart - rule.lengthSeconds) / interval
        } else {
            breakSlots = 0
            breakFirstOffset = 0
            breakLastOffset = 0
        }
    }

    var endSeconds: Int { startSeconds + lengthSeconds }
}

extension Agent {
    func mayWork(_ option: ShiftOption) -> Bool { mayWork(start: option.startSeconds, end: option.endSeconds) }
}
