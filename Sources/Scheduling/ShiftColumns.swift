import StaffcastCore

/// One shift worked on one day of a block: local slots of that day.
struct ShiftSegment {
    var day: Int
    var startSlot: Int
    var endSlot: Int
    var breakSlots: Range<Int>?
}

/// One column: a shift placement (a template started at a slot, with its break at a slot) or a
/// weekly tour (the same start on each working day).
struct ShiftColumn {
    var template: Int
    /// Wall-clock start in intervals (the neighbourhood of local improvement).
    var startKey: Int
    /// Break start after the shift start in intervals, if any.
    var breakOffset: Int?
    /// Index of the days-off pair (0 = Mon–Tue … 6 = Sun–Mon) for a tour; −1 for a daily shift.
    var daysOff: Int
    var segments: [ShiftSegment]
    /// Block slots (all days concatenated) the agent is working (breaks left out).
    var works: [Int]
    /// Headcount-limit groups the column counts in.
    var groups: [Int]
    /// Cost and paid hours of one agent over all segments.
    var cost: Double
    var paidHours: Double
}

/// One block solved on its own: a channel-day of daily shifts, or a channel-week of tours. Its
/// slots are the days' slots concatenated.
struct DayBlock: Sendable {
    let days: [DayRequirement]
    /// Block slot of each day's slot 0.
    let dayOffsets: [Int]
    let required: [Int]
    let interval: Int
    let columns: [ShiftColumn]
    let groupLimits: [Int]
    let templateNames: [String]
    let isTours: Bool

    struct Result: Sendable {
        var agents: [Int]
        var lpCost: Double
        var lowerBound: Double
        var lpShortfall: Double
        var pivots: Int
        var reachable: [Bool]
    }

    /// ISO weekdays off for days-off pair `pair` (0 = Mon–Tue … 6 = Sun–Mon).
    static func offDays(_ pair: Int) -> (Int, Int) { (pair + 1, (pair + 1) % 7 + 1) }

    /// Break slots (relative to the shift start) the template allows, in intervals.
    static func breakOffsets(_ template: ShiftTemplate, interval: Int) -> (length: Int, offsets: ClosedRange<Int>)? {
        guard let rule = template.breakRule else { return nil }
        let breakLength = rule.lengthSeconds / interval
        return (
            breakLength,
            (rule.earliestStartAfterShiftStart / interval)...(rule.latestEndAfterShiftStart / interval - breakLength)
        )
    }

    /// Daily shifts of one channel-day.
    init(day: DayRequirement, interval: Int, templates: [ShiftTemplate]) {
        days = [day]
        dayOffsets = [0]
        required = day.required
        self.interval = interval
        isTours = false
        templateNames = templates.map(\.name)
        var limits: [Int] = []
        var groupOfTemplate: [Int?] = []
        for template in templates {
            if let limit = template.maxAgentsPerDay {
                groupOfTemplate.append(limits.count)
                limits.append(limit)
            } else {
                groupOfTemplate.append(nil)
            }
        }
        groupLimits = limits
        let slots = day.required.count
        var columns: [ShiftColumn] = []
        for (index, template) in templates.enumerated() {
            if let days = template.weekdays, !days.contains(day.date.weekday) { continue }
            let length = template.lengthSeconds / interval
            let cost = template.costPerHour * template.paidHours
            let groups = groupOfTemplate[index].map { [$0] } ?? []
            for start in 0..<slots where start + length <= slots {
                let clock = day.wallClock(start, intervalSeconds: interval)
                guard clock >= template.earliestStartSeconds, clock <= template.latestStartSeconds,
                    (clock - template.earliestStartSeconds) % template.startEverySeconds == 0
                else { continue }
                let offsets: [Int?] =
                    Self.breakOffsets(template, interval: interval).map { rule in rule.offsets.map { Optional($0) } }
                    ?? [nil]
                let breakLength = Self.breakOffsets(template, interval: interval)?.length ?? 0
                for offset in offsets {
                    let breakSlots = offset.map { (start + $0)..<(start + $0 + breakLength) }
                    let works = (start..<(start + length)).filter { breakSlots?.contains($0) != true }
                    columns.append(
                        ShiftColumn(
                            template: index, startKey: start, breakOffset: offset, daysOff: -1,
                            segments: [
                                ShiftSegment(day: 0, startSlot: start, endSlot: start + length, breakSlots: breakSlots)
                            ],
                            works: works, groups: groups, cost: cost, paidHours: template.paidHours))
                }
            }
        }
        self.columns = columns
    }

    /// Block slot of each day's first slot, and the block's slot count.
    static func offsets(_ days: [DayRequirement]) -> (offsets: [Int], total: Int) {
        var offsets: [Int] = []
        var total = 0
        for day in days {
            offsets.append(total)
            total += day.required.count
        }
        return (offsets, total)
    }

    /// Headcount-limit groups of a block over `days` days: a template's `maxAgentsPerDay` once per
    /// day (group `base + d`), and each template's base (nil without a limit).
    static func dailyLimits(_ templates: [ShiftTemplate], days: Int) -> (limits: [Int], base: [Int?]) {
        var limits: [Int] = []
        var base: [Int?] = []
        for template in templates {
            if let limit = template.maxAgentsPerDay {
                base.append(limits.count)
                limits += [Int](repeating: limit, count: days)
            } else {
                base.append(nil)
            }
        }
        return (limits, base)
    }

    /// Daily shifts over consecutive days (sorted, distinct dates) as one block: a shift starts on
    /// one day (one where `shiftsMayStart`) and may run into the next. Its end is the wall clock
    /// of the start plus the template's length, so on the nights the clocks change a 23:00–07:00
    /// shift lasts 7 or 9 real hours, covers that many hours of slots and is paid for them; the
    /// break window keeps its distance from the end. A template's `maxAgentsPerDay` counts the
    /// shifts starting on each day.
    init(span days: [DayRequirement], interval: Int, templates: [ShiftTemplate]) {
        self.days = days
        let (offsets, total) = Self.offsets(days)
        dayOffsets = offsets
        required = days.flatMap(\.required)
        self.interval = interval
        isTours = false
        templateNames = templates.map(\.name)
        let (limits, groupBase) = Self.dailyLimits(templates, days: days.count)
        groupLimits = limits
        /// The block slot at which wall clock `clock` is reached on day `d` (the first slot at or
        /// after it; the day's end when none), nil past the block.
        func slot(day d: Int, clock: Int) -> Int? {
            guard d < days.count else { return d == days.count && clock == 0 ? total : nil }
            let day = days[d]
            let k = day.required.indices.first { day.wallClock($0, intervalSeconds: interval) >= clock }
            return offsets[d] + (k ?? day.required.count)
        }
        var columns: [ShiftColumn] = []
        for (d, day) in days.enumerated() where day.shiftsMayStart {
            for (index, template) in templates.enumerated() {
                if let allowed = template.weekdays, !allowed.contains(day.date.weekday) { continue }
                let nominal = template.lengthSeconds / interval
                let rule = Self.breakOffsets(template, interval: interval)
                for start in day.required.indices {
                    let clock = day.wallClock(start, intervalSeconds: interval)
                    guard clock >= template.earliestStartSeconds, clock <= template.latestStartSeconds,
                        (clock - template.earliestStartSeconds) % template.startEverySeconds == 0
                    else { continue }
                    let endWall = clock + template.lengthSeconds
                    let first = offsets[d] + start
                    guard let end = slot(day: d + endWall / 86_400, clock: endWall % 86_400), end > first else {
                        continue
                    }
                    let length = end - first
                    // The break window keeps its distance from the end of a shift the clock change
                    // made shorter or longer.
                    let placements: [Int?] =
                        rule.map { rule -> [Int?] in
                            let last = rule.offsets.upperBound + min(0, length - nominal)
                            return last >= rule.offsets.lowerBound
                                ? (rule.offsets.lowerBound...last).map { Optional($0) } : []
                        } ?? [nil]
                    let breakLength = rule?.length ?? 0
                    let unpaidSlots = (template.breakRule?.paid ?? true) ? 0 : breakLength
                    let paidHours = Double((length - unpaidSlots) * interval) / 3600
                    for offset in placements {
                        let breakSlots = offset.map { (start + $0)..<(start + $0 + breakLength) }
                        let works = (start..<(start + length)).filter { breakSlots?.contains($0) != true }.map {
                            offsets[d] + $0
                        }
                        columns.append(
                            ShiftColumn(
                                template: index, startKey: first, breakOffset: offset, daysOff: -1,
                                segments: [
                                    ShiftSegment(
                                        day: d, startSlot: start, endSlot: start + length, breakSlots: breakSlots)
                                ],
                                works: works, groups: groupBase[index].map { [$0 + d] } ?? [],
                                cost: template.costPerHour * paidHours, paidHours: paidHours))
                    }
                }
            }
        }
        self.columns = columns
    }

    /// Weekly tours over the days of one ISO week (sorted, distinct dates).
    init(tourWeek week: [DayRequirement], interval: Int, templates: [ShiftTemplate]) {
        days = week
        let (offsets, _) = Self.offsets(week)
        dayOffsets = offsets
        required = week.flatMap(\.required)
        self.interval = interval
        isTours = true
        templateNames = templates.map(\.name)
        let (limits, groupBase) = Self.dailyLimits(templates, days: week.count)
        groupLimits = limits
        var columns: [ShiftColumn] = []
        for (index, template) in templates.enumerated() {
            let length = template.lengthSeconds / interval
            let rule = Self.breakOffsets(template, interval: interval)
            // Middle-most allowed break position, the same on every working day.
            let offset = rule.map { ($0.offsets.lowerBound + $0.offsets.upperBound) / 2 }
            let breakLength = rule?.length ?? 0
            for clock in stride(
                from: template.earliestStartSeconds, through: template.latestStartSeconds,
                by: template.startEverySeconds)
            {
                pairs: for pair in 0..<7 {
                    let (offA, offB) = Self.offDays(pair)
                    var segments: [ShiftSegment] = []
                    var works: [Int] = []
                    var groups: [Int] = []
                    for (d, day) in week.enumerated() {
                        let weekday = day.date.weekday
                        guard weekday != offA, weekday != offB else { continue }
                        if let allowed = template.weekdays, !allowed.contains(weekday) { continue pairs }
                        guard
                            let start = day.required.indices.first(where: {
                                day.wallClock($0, intervalSeconds: interval) == clock
                            }),
                            start + length <= day.required.count
                        else { continue pairs }
                        let breakSlots = offset.map { (start + $0)..<(start + $0 + breakLength) }
                        segments.append(
                            ShiftSegment(day: d, startSlot: start, endSlot: start + length, breakSlots: breakSlots))
                        works += (start..<(start + length)).filter { breakSlots?.contains($0) != true }.map {
                            offsets[d] + $0
                        }
                        if let base = groupBase[index] { groups.append(base + d) }
                    }
                    guard !segments.isEmpty else { continue }
                    let hours = template.paidHours * Double(segments.count)
                    columns.append(
                        ShiftColumn(
                            template: index, startKey: clock / interval, breakOffset: offset, daysOff: pair,
                            segments: segments, works: works, groups: groups,
                            cost: template.costPerHour * hours, paidHours: hours))
                }
            }
        }
        self.columns = columns
    }

    /// A label telling a tour apart: template, start time and days off, e.g. `8h 08:00 off Sat-Sun`.
    func tourLabel(_ column: ShiftColumn) -> String? {
        guard column.daysOff >= 0 else { return nil }
        let (a, b) = Self.offDays(column.daysOff)
        return
            "\(templateNames[column.template]) \(ClockText.format(column.startKey * interval)) off \(WeekdayName.short(a))-\(WeekdayName.short(b))"
    }

}
