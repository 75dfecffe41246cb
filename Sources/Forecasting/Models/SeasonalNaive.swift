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
        try SameSlotMean.fit(input, model: name, weeks: 1, weeksBack: maximumWeeksBack)
    }
}
