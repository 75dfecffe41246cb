import StaffcastCore

/// The turn of the month: the first few and last few business days of each calendar month,
/// when billing, salaries and statements make customers call more (at the bank, 5–10 % more).
///
/// A business day is a weekday on which the opening hours open at least one slot, whether or
/// not the history knows it (a public holiday on a Monday still counts, as a planner's
/// "business day" calendar would).
struct TurnOfMonth: Sendable {
    let startDays: Int
    let endDays: Int
    /// isBusiness[weekday − 1]
    let isBusiness: [Bool]

    init(startDays: Int, endDays: Int, openingHours: OpeningHours) {
        self.startDays = startDays
        self.endDays = endDays
        isBusiness = (1...7).map { weekday in
            (0..<openingHours.slotsPerDay).contains { openingHours.isOpen(weekday: weekday, slotOfDay: $0) }
        }
    }

    /// The month turn a day belongs to (months since year 0 of the month that begins), or nil
    /// when the day is not at a turn of the month.
    func turn(ofDay day: Int) -> Int? {
        let date = CivilDate(daysSinceEpoch: day)
        guard isBusiness[date.weekday - 1] else { return nil }
        var fromStart = 0
        for d in 1...date.day where isBusiness[CivilDate(daysSinceEpoch: day - date.day + d).weekday - 1] {
            fromStart += 1
        }
        if fromStart <= startDays { return date.year * 12 + date.month }
        let length = CivilDate.daysInMonth(year: date.year, month: date.month)
        var toEnd = 0
        for d in date.day...length where isBusiness[CivilDate(daysSinceEpoch: day + d - date.day).weekday - 1] {
            toEnd += 1
        }
        return toEnd <= endDays ? date.year * 12 + date.month + 1 : nil
    }
}
