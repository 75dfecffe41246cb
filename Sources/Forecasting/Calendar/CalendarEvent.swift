import StaffcastCore

/// What kind of day an event is; the models give each kind its own regressors.
///
/// `holiday` and `retail` come from the built-in calendars (``HolidayCalendar``); `closure`,
/// `promotion` and `peak` (and `holiday`, for a local day off) come from the planner's events
/// file (``EventsFile``).
public enum EventKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A public holiday (or its observed/substitute day): offices and many shops closed.
    case holiday
    /// A shopping day: Black Friday, Sinterklaas, Mother's Day, January returns.
    case retail
    /// The day before a holiday, usually a short working day (Erev Yom Kippur): an event of its
    /// own, never a normal day and never closed by the holiday's evidence.
    case eve
    /// The contact centre (or a channel) is closed.
    case closure
    /// A marketing action that lifts volume.
    case promotion
    /// Any other known peak (a billing run, a product launch, a storm).
    case peak

    public var description: String { rawValue }

    /// The kinds an events file may name.
    public static let userKinds: [EventKind] = [.promotion, .closure, .holiday, .peak]
}

/// One dated event of a built-in calendar, with the days around it that it affects by default.
///
/// The window is `date - leadDays ... date + lagDays`: the weeks before Sinterklaas and Christmas
/// ramp up (lead), the first working day after a holiday surges (lag 1), Black Friday's effect
/// runs through Cyber Monday (lag 3). Models may estimate their own windows; these are the
/// defaults a planner would draw by hand.
public struct CalendarEvent: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var date: CivilDate
    public var kind: EventKind
    /// ISO 3166-1 alpha-2 code of the calendar the event comes from (`GB` for England and
    /// Wales), nil for an event that belongs to no country.
    public var country: String?
    /// Days before `date` that the event affects (≥ 0).
    public var leadDays: Int
    /// Days after `date` that the event affects (≥ 0).
    public var lagDays: Int

    public init(name: String, date: CivilDate, kind: EventKind, country: String?, leadDays: Int = 0, lagDays: Int = 0) {
        self.name = name
        self.date = date
        self.kind = kind
        self.country = country
        self.leadDays = max(0, leadDays)
        self.lagDays = max(0, lagDays)
    }

    /// Every day the event affects, `date - leadDays ... date + lagDays`.
    public var window: ClosedRange<CivilDate> { date.adding(days: -leadDays)...date.adding(days: lagDays) }

    /// `2025-11-28 US retail Black Friday`.
    public var description: String { "\(date) \(country ?? "-") \(kind) \(name)" }

    /// The calendar's order: by date, then name, then country, then kind, so output is the same
    /// byte for byte whatever order the countries were asked in.
    public static func ordered(_ a: CalendarEvent, _ b: CalendarEvent) -> Bool {
        if a.date != b.date { return a.date < b.date }
        if a.name != b.name { return a.name < b.name }
        if a.country != b.country { return (a.country ?? "") < (b.country ?? "") }
        return a.kind.rawValue < b.kind.rawValue
    }
}
