import StaffcastCore

/// What every model sees: one channel's history, the site's local clock and its opening hours.
public struct ForecastInput: Sendable {
    /// Contacts per interval; nil = unknown interval (absent from the history), never zero.
    public var series: IntervalSeries
    /// The local clock drives intraday and weekday patterns (DST days have 23 or 25 hours).
    public var calendar: PlanningCalendar
    /// Closed slots forecast 0 and are not output.
    public var openingHours: OpeningHours
    /// Built-in calendar events in force (public holidays and retail days from
    /// ``HolidayCalendar/events(countries:years:kinds:)``); none by default. They should cover the
    /// history and the forecast horizon.
    public var calendarEvents: [CalendarEvent]
    /// The planner's events (``EventsFile``); those of other channels are ignored. None by default.
    public var userEvents: [UserEvent]
    /// The local-clock reading of every interval of the series, computed once by
    /// ``withReadings()`` and shared by the truncated copies a backtest fits on (nil: each model
    /// reads the clock itself). Checked against the series, calendar and opening hours before use.
    var readings: SeriesReadings?

    public init(
        series: IntervalSeries, calendar: PlanningCalendar, openingHours: OpeningHours,
        calendarEvents: [CalendarEvent] = [], userEvents: [UserEvent] = []
    ) {
        self.series = series
        self.calendar = calendar
        self.openingHours = openingHours
        self.calendarEvents = calendarEvents
        self.userEvents = userEvents
    }

    /// Learns the opening hours from the series (``OpeningHours/learn(from:calendar:minimumShare:)``).
    /// The series' interval must divide the day, as every history reader guarantees.
    public init(
        series: IntervalSeries, calendar: PlanningCalendar,
        calendarEvents: [CalendarEvent] = [], userEvents: [UserEvent] = []
    ) {
        self.init(
            series: series, calendar: calendar,
            openingHours: OpeningHours.learn(from: series, calendar: calendar),
            calendarEvents: calendarEvents, userEvents: userEvents)
    }

    /// Checks the parts fit together; each model calls this first.
    func validate(model: String) throws(ForecastingError) {
        let interval = series.intervalSeconds
        guard interval > 0, 86_400 % interval == 0 else {
            throw .modelFailed(model: model, message: "interval of \(interval) s does not divide the day")
        }
        guard openingHours.intervalSeconds == interval else {
            throw .modelFailed(
                model: model,
                message: "opening hours are on a \(openingHours.intervalSeconds) s grid, the history on \(interval) s")
        }
        guard openingHours.openSlotCount > 0 else {
            throw .insufficientHistory(
                channel: series.channel,
                message: "no interval of the week carries volume, so every slot counts as closed")
        }
    }

    /// The history cut to intervals starting before `instant`, opening hours (and readings) kept.
    func truncated(before instant: Int64) -> ForecastInput {
        var copy = ForecastInput(
            series: series.truncated(before: instant), calendar: calendar, openingHours: openingHours,
            calendarEvents: calendarEvents, userEvents: userEvents)
        copy.readings = readings
        return copy
    }

    /// This input with the clock readings of all its intervals computed once, for the many
    /// fits of a backtest.
    func withReadings() -> ForecastInput {
        if let readings, readings.fits(self) { return self }
        var copy = self
        let instants = (0..<series.count).map { series.instant(at: $0) }
        copy.readings = SeriesReadings(
            start: series.start, intervalSeconds: series.intervalSeconds, calendar: calendar,
            openingHours: openingHours,
            slots: LocalClock(calendar).slots(instants, openingHours: openingHours))
        return copy
    }

    /// End (exclusive) of the last interval with a known volume, or nil when none is known.
    var endOfKnownHistory: Int64? {
        guard let last = series.contacts.lastIndex(where: { $0 != nil }) else { return nil }
        return series.instant(at: last + 1)
    }
}

/// Clock readings of a series' intervals, by index (see ``ForecastInput/withReadings()``).
final class SeriesReadings: Sendable {
    let start: Int64
    let intervalSeconds: Int
    let calendar: PlanningCalendar
    let openingHours: OpeningHours
    let slots: [SlotReading]

    init(
        start: Int64, intervalSeconds: Int, calendar: PlanningCalendar, openingHours: OpeningHours, slots: [SlotReading]
    ) {
        self.start = start
        self.intervalSeconds = intervalSeconds
        self.calendar = calendar
        self.openingHours = openingHours
        self.slots = slots
    }

    /// Whether these readings are those of `input`'s series (same grid, clock and hours, and at
    /// least as long).
    func fits(_ input: ForecastInput) -> Bool {
        start == input.series.start && intervalSeconds == input.series.intervalSeconds
            && slots.count >= input.series.count
            && calendar == input.calendar && openingHours == input.openingHours
    }
}
