import StaffcastCore

/// Weekly seasonal naive, calendar-aligned: each future interval gets the value of the same local
/// weekday and clock time in the most recent earlier week where it is known.
///
/// Weeks are stepped in local days, not in absolute time, so 09:00 stays 09:00 across DST
/// changes, and an absent day (a holiday, an export gap) is skipped by looking one more week back,
/// up to ``maximumWeeksBack`` weeks. A slot no recent week knows falls back to its mean over the
/// whole history. Refuses a history with no known volume in any open slot.
public struct SeasonalNaiveModel: ForecastModel {
    public let maximumWeeksBack: Int
    public var name: String { "snaive" }

    public init(maximumWeeksBack: Int = 8) {
        self.maximumWeeksBack = max(1, maximumWeeksBack)
    }

    public func fit(_ input: ForecastInput) throws(ForecastingError) -> any FittedForecastModel {
        try input.validate(model: name)
        let history = KnownHistory(input, openOnly: true)
        guard !history.isEmpty else {
            throw .insufficientHistory(channel: input.series.channel, message: "no known volume in any open interval")
        }
        return Fitted(lookup: SameSlotLookup(history), clock: LocalClock(input.calendar),
                      openingHours: input.openingHours, weeksBack: maximumWeeksBack)
    }

    struct Fitted: FittedForecastModel {
        let lookup: SameSlotLookup
        let clock: LocalClock
        let openingHours: OpeningHours
        let weeksBack: Int

        func pointForecast(at instants: [Int64]) -> [Double] {
            clock.slots(instants, openingHours: openingHours).map { reading in
                guard reading.isOpen else { return 0 }
                return lookup.earlierWeeks(of: reading, weeksBack: weeksBack, limit: 1).first
                    ?? lookup.fallback(reading)
            }
        }
    }
}
