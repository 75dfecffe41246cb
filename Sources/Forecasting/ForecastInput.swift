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

    public init(series: IntervalSeries, calendar: PlanningCalendar, openingHours: OpeningHours,
                calendarEvents: [CalendarEvent] = [], userEvents: [UserEvent] = []) {
        self.series = series
        self.calendar = calendar
        self.openingHours = openingHours
        self.calendarEvents = calendarEvents
        self.userEvents = userEvents
    }

    /// Learns the opening hours from the series (``OpeningHours/learn(from:calendar:minimumShare:)``).
    /// The series' interval must divide the day, as every history reader guarantees.
    public init(series: IntervalSeries, calendar: PlanningCalendar,
                calendarEvents: [CalendarEvent] = [], userEvents: [UserEvent] = []) {
        self.init(series: series, calendar: calendar,
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
            throw .modelFailed(model: model, message: "opening hours are on a \(openingHours.intervalSeconds) s grid, the history on \(interval) s")
        }
        guard openingHours.openSlotCount > 0 else {
            throw .insufficientHistory(channel: series.channel, message: "no interval of the week carries volume, so every slot counts as closed")
        }
    }

    /// The history cut to intervals starting before `instant`, opening hours kept.
    func truncated(before instant: Int64) -> ForecastInput {
        ForecastInput(series: series.truncated(before: instant), calendar: calendar, openingHours: openingHours,
                      calendarEvents: calendarEvents, userEvents: userEvents)
    }

    /// End (exclusive) of the last interval with a known volume, or nil when none is known.
    var endOfKnownHistory: Int64? {
        guard let last = series.contacts.lastIndex(where: { $0 != nil }) else { return nil }
        return series.instant(at: last + 1)
    }
}
