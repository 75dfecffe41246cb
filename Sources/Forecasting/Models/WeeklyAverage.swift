import StaffcastCore

/// The planners' spreadsheet method: the mean of the same local weekday and clock slot over the
/// last ``weeks`` weeks in which that slot is known (absent days are skipped, looking back at
/// most 4 · ``weeks`` weeks). With `weeks = 6` this is the `wavg_cal6` anchor of the bank
/// benchmark. Named `wavg<weeks>`.
public struct WeeklyAverageModel: ForecastModel {
    public let weeks: Int
    public var name: String { "wavg\(weeks)" }

    public init(weeks: Int = 6) {
        self.weeks = max(1, weeks)
    }

    public func fit(_ input: ForecastInput) throws(ForecastingError) -> any FittedForecastModel {
        try SameSlotMean.fit(input, model: name, weeks: weeks, weeksBack: 4 * weeks)
    }
}

/// The fitted form shared by the same-slot models: each open future interval gets the mean of
/// the same local weekday and clock slot in up to `weeks` earlier weeks where it is known,
/// looking at most `weeksBack` weeks back (an absent day is skipped, and so is a day that is not
/// a normal day of its weekday — a holiday, an eve, a retail or promotion day, a suspicious day
/// or one with a recording gap, see `DayScreen` — unless no normal day is found); a slot no recent
/// week knows falls back to its mean over the whole history. Seasonal naive is the case `weeks = 1`.
struct SameSlotMean: FittedForecastModel {
    let lookup: SameSlotLookup
    let screen: DayScreen
    let clock: LocalClock
    let openingHours: OpeningHours
    let weeks: Int
    let weeksBack: Int

    static func fit(_ input: ForecastInput, model: String, weeks: Int, weeksBack: Int) throws(ForecastingError)
        -> SameSlotMean
    {
        try input.validate(model: model)
        let history = KnownHistory(input, openOnly: true)
        guard !history.isEmpty else {
            throw .insufficientHistory(channel: input.series.channel, message: "no known volume in any open interval")
        }
        // Only the weeks the look-up can reach (and the neighbours that judge them) are screened.
        let recent = KnownHistory(
            input, openOnly: true, lastSeconds: Int64(weeksBack + DayScreen.neighbourWeeks + 1) * 604_800)
        let screen = DayScreen(history: recent, events: EventDays(input, history: recent))
        return SameSlotMean(
            lookup: SameSlotLookup(history), screen: screen, clock: LocalClock(input.calendar),
            openingHours: input.openingHours, weeks: weeks, weeksBack: weeksBack)
    }

    func pointForecast(at instants: [Int64]) -> [Double] {
        clock.slots(instants, openingHours: openingHours).map { reading in
            guard reading.isOpen else { return 0 }
            let found = lookup.earlierWeeks(
                of: reading, weeksBack: weeksBack, limit: weeks,
                skip: screen.abnormal.isEmpty ? nil : { !screen.isNormal($0) })
            guard !found.isEmpty else { return lookup.fallback(reading) }
            return found.reduce(0, +) / Double(found.count)
        }
    }
}
