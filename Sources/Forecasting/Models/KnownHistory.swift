import StaffcastCore

/// The known intervals of a history with their local-clock position, computed once per fit.
/// Unknown intervals (nil) are simply not here: a model never mistakes them for zero.
struct KnownHistory: Sendable {
    var instants: [Int64] = []
    var values: [Double] = []
    var slots: [SlotReading] = []
    /// End (exclusive) of the last known interval.
    var end: Int64
    let slotsPerDay: Int

    /// - Parameter openOnly: keep only intervals in open slots (closed slots forecast 0 anyway).
    /// - Parameter lastSeconds: when given, only intervals starting within this many seconds
    ///   before the end of the last known interval (a bounded training window).
    init(_ input: ForecastInput, openOnly: Bool, lastSeconds: Int64? = nil) {
        let series = input.series
        var instants: [Int64] = []
        var values: [Double] = []
        var first = 0
        if let lastSeconds, let last = series.contacts.lastIndex(where: { $0 != nil }) {
            let since = series.instant(at: last + 1) - lastSeconds
            first = max(
                0,
                min(
                    series.count,
                    Int((since - series.start + Int64(series.intervalSeconds) - 1) / Int64(series.intervalSeconds))))
        }
        slotsPerDay = input.openingHours.slotsPerDay
        if let readings = input.readings, readings.fits(input) {
            // The clock was read once for the whole series (a backtest's many fits).
            self.instants.reserveCapacity(series.count - first)
            self.values.reserveCapacity(series.count - first)
            self.slots.reserveCapacity(series.count - first)
            var last: Int64? = nil
            for i in first..<series.count {
                guard let value = series.contacts[i], value.isFinite else { continue }
                let instant = series.instant(at: i)
                last = instant
                guard !openOnly || readings.slots[i].isOpen else { continue }
                self.instants.append(instant)
                self.values.append(max(0, value))
                self.slots.append(readings.slots[i])
            }
            end = (last ?? series.start) + Int64(series.intervalSeconds)
            return
        }
        instants.reserveCapacity(series.count - first)
        values.reserveCapacity(series.count - first)
        for i in first..<series.count {
            guard let value = series.contacts[i], value.isFinite else { continue }
            instants.append(series.instant(at: i))
            values.append(max(0, value))
        }
        let slots = LocalClock(input.calendar).slots(instants, openingHours: input.openingHours)
        end = (instants.last ?? series.start) + Int64(series.intervalSeconds)
        for k in instants.indices where !openOnly || slots[k].isOpen {
            self.instants.append(instants[k])
            self.values.append(values[k])
            self.slots.append(slots[k])
        }
    }

    var isEmpty: Bool { values.isEmpty }

    /// Local days from the first to the last known interval, inclusive.
    var spanDays: Int {
        guard let first = slots.first, let last = slots.last else { return 0 }
        return last.day - first.day + 1
    }

    /// Known volume per local day and how many readings it holds, over the days after `after`.
    /// The readings are in time order, so a day's are consecutive: they are summed in a local
    /// and the dictionaries updated once per day, not per reading (the same sums, bit for bit).
    func dayTotals(after: Int = .min) -> (totals: [Int: Double], counts: [Int: Int]) {
        var totals: [Int: Double] = [:]
        var counts: [Int: Int] = [:]
        var day = Int.min
        var sum = 0.0
        var count = 0
        for k in values.indices where slots[k].day > after {
            if slots[k].day != day {
                if count > 0 {
                    totals[day, default: 0] += sum
                    counts[day, default: 0] += count
                }
                day = slots[k].day
                sum = 0
                count = 0
            }
            sum += values[k]
            count += 1
        }
        if count > 0 {
            totals[day, default: 0] += sum
            counts[day, default: 0] += count
        }
        return (totals, counts)
    }

    /// Mean known value per local (day, slot of day), keyed day · slotsPerDay + slot; the two
    /// passes of a fall-back hour share one key and are averaged.
    func valuesByDaySlot() -> DaySlotValues {
        guard let first = slots.first?.day, let last = slots.last?.day else {
            return DaySlotValues(firstKey: 0, means: [])
        }
        let firstKey = first * slotsPerDay
        var sums = Array(repeating: 0.0, count: (last - first + 1) * slotsPerDay)
        var counts = Array(repeating: 0, count: sums.count)
        for k in values.indices {
            let i = slots[k].day * slotsPerDay + slots[k].slotOfDay - firstKey
            sums[i] += values[k]
            counts[i] += 1
        }
        return DaySlotValues(firstKey: firstKey, means: zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : .nan })
    }

    /// Mean known value per slot of the week and per slot of the day, for fallbacks.
    func slotMeans() -> (week: [Double?], day: [Double?]) {
        var weekSum = Array(repeating: 0.0, count: 7 * slotsPerDay)
        var weekCount = Array(repeating: 0, count: 7 * slotsPerDay)
        var daySum = Array(repeating: 0.0, count: slotsPerDay)
        var dayCount = Array(repeating: 0, count: slotsPerDay)
        for k in values.indices {
            weekSum[slots[k].slotOfWeek] += values[k]
            weekCount[slots[k].slotOfWeek] += 1
            daySum[slots[k].slotOfDay] += values[k]
            dayCount[slots[k].slotOfDay] += 1
        }
        return (
            zip(weekSum, weekCount).map { $1 > 0 ? $0 / Double($1) : nil },
            zip(daySum, dayCount).map { $1 > 0 ? $0 / Double($1) : nil }
        )
    }
}

/// Looks up the same local weekday and clock slot in earlier weeks of a history.
struct SameSlotLookup: Sendable {
    let byDaySlot: DaySlotValues
    let slotsPerDay: Int
    /// Last local day with a known value.
    let lastDay: Int
    let weekMeans: [Double?]
    let dayMeans: [Double?]

    init(_ history: KnownHistory) {
        byDaySlot = history.valuesByDaySlot()
        slotsPerDay = history.slotsPerDay
        lastDay = history.slots.last?.day ?? 0
        (weekMeans, dayMeans) = history.slotMeans()
    }

    /// Values of the same slot 7, 14, … days before `reading`, most recent first, starting at the
    /// first such day inside the history and looking at most `weeksBack` weeks further; days
    /// `skip` rejects are passed over (and used only when no other day is found).
    func earlierWeeks(of reading: SlotReading, weeksBack: Int, limit: Int, skip: ((Int) -> Bool)? = nil) -> [Double] {
        let firstWeek = max(1, (reading.day - lastDay + 6) / 7)
        var found: [Double] = []
        var skipped: [Double] = []
        for k in firstWeek..<(firstWeek + weeksBack) {
            let day = reading.day - 7 * k
            if let v = byDaySlot[day * slotsPerDay + reading.slotOfDay] {
                if let skip, skip(day) {
                    if skipped.count < limit { skipped.append(v) }
                    continue
                }
                found.append(v)
                if found.count == limit { break }
            }
        }
        return found.isEmpty ? skipped : found
    }

    /// When no recent week knows the slot: its mean over the whole history, else the mean of the
    /// same clock slot on any weekday, else 0.
    func fallback(_ reading: SlotReading) -> Double {
        weekMeans[reading.slotOfWeek] ?? dayMeans[reading.slotOfDay] ?? 0
    }
}

/// Values by key day · slotsPerDay + slot of day over a history's days, in one array (NaN =
/// unknown): the look-up every same-slot model does per forecast interval.
struct DaySlotValues: Sendable {
    let firstKey: Int
    let means: [Double]

    subscript(key: Int) -> Double? {
        let i = key - firstKey
        guard i >= 0, i < means.count else { return nil }
        let v = means[i]
        return v.isNaN ? nil : v
    }
}
