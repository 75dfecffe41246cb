import StaffcastCore

/// Local clock readings for many instants with few time-zone look-ups: the UTC offset is asked
/// of the planning calendar at the start and end of each UTC day, and only on a day where the
/// two differ (a DST change) is each instant looked up on its own.
struct LocalClock: Sendable {
    let calendar: PlanningCalendar
    let isUTC: Bool

    init(_ calendar: PlanningCalendar) {
        self.calendar = calendar
        self.isUTC = calendar.identifier == "UTC" || calendar.identifier == "GMT"
    }

    func readings(_ instants: [Int64]) -> [LocalDateTime] {
        if isUTC { return instants.map { LocalDateTime(utcSeconds: $0) } }
        var offsetOfDay: [Int64: Int?] = [:]
        return instants.map { instant in
            let day = instant >= 0 ? instant / 86_400 : (instant - 86_399) / 86_400
            let cached: Int?
            if let known = offsetOfDay[day] {
                cached = known
            } else {
                let first = calendar.utcOffset(at: day * 86_400)
                let last = calendar.utcOffset(at: day * 86_400 + 86_399)
                cached = first == last ? first : nil
                offsetOfDay[day] = cached
            }
            let offset = cached ?? calendar.utcOffset(at: instant)
            return LocalDateTime(utcSeconds: instant + Int64(offset))
        }
    }
}

/// Where an instant falls in the planner's week.
struct SlotReading: Sendable {
    /// Local date as days since 1970-01-01.
    var day: Int
    /// ISO weekday 1…7.
    var weekday: Int
    /// Interval of the local day (0 ..< slotsPerDay).
    var slotOfDay: Int
    /// (weekday − 1) · slotsPerDay + slotOfDay.
    var slotOfWeek: Int
    var isOpen: Bool
}

extension LocalClock {
    func slots(_ instants: [Int64], openingHours: OpeningHours) -> [SlotReading] {
        let perDay = openingHours.slotsPerDay
        return readings(instants).map { local in
            let slot = min(perDay - 1, local.secondsOfDay / openingHours.intervalSeconds)
            let weekday = local.weekday
            return SlotReading(
                day: local.date.daysSinceEpoch, weekday: weekday, slotOfDay: slot,
                slotOfWeek: (weekday - 1) * perDay + slot,
                isOpen: openingHours.isOpen(weekday: weekday, slotOfDay: slot))
        }
    }
}
