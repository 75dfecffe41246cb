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
        try input.validate(model: name)
        let history = KnownHistory(input, openOnly: true)
        guard !history.isEmpty else {
            throw .insufficientHistory(channel: input.series.channel, message: "no known volume in any open interval")
        }
        return Fitted(lookup: SameSlotLookup(history), clock: LocalClock(input.calendar),
                      openingHours: input.openingHours, weeks: weeks)
    }

    struct Fitted: FittedForecastModel {
        let lookup: SameSlotLookup
        let clock: LocalClock
        let openingHours: OpeningHours
        let weeks: Int

        func pointForecast(at instants: [Int64]) -> [Double] {
            clock.slots(instants, openingHours: openingHours).map { reading in
                guard reading.isOpen else { return 0 }
                let found = lookup.earlierWeeks(of: reading, weeksBack: 4 * weeks, limit: weeks)
                guard !found.isEmpty else { return lookup.fallback(reading) }
                return found.reduce(0, +) / Double(found.count)
            }
        }
    }
}
