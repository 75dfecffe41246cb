import Foundation

/// A marketing promotion of the demo shop: every day `firstDay … lastDay` (inclusive) the
/// channel's volume (every channel's when `channel` is nil) is multiplied by `uplift`.
public struct Promotion: Sendable, Codable, Equatable {
    public var name: String
    public var firstDay: String
    public var lastDay: String
    public var uplift: Double
    public var channel: String?
    /// The uplift the planner expects and writes in the events file (nil: none written); may be wrong.
    public var expectedUplift: Double?

    public init(
        name: String, firstDay: String, lastDay: String, uplift: Double, channel: String? = nil,
        expectedUplift: Double? = nil
    ) {
        self.name = name
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.uplift = uplift
        self.channel = channel
        self.expectedUplift = expectedUplift
    }
}

/// The planted effects, as written to `effects.json`: everything the generator multiplied in.
///
/// Expected contacts of channel c in the quarter-hour starting at local time (date d, weekday w,
/// slot s):
///
///     λ = dailyBase_c · weekdayFactor_c[w] · share_c[w][s] · exp(annualGrowth_c · years(d))
///         · (1 + annualAmplitude · cos(2π (dayOfYear(d) − annualPeakDayOfYear) / 365.25))
///         · dayFactor_c(d)
///
/// where `dayFactor` is the product of the day's holiday / after-holiday / retail / promotion /
/// level-shift factors, listed per channel and day in ``days``. Counts are Poisson(λ); the
/// ``glitch`` multiplies the *recorded* counts (not λ) and the ``outage`` removes rows.
public struct DemoEffects: Sendable, Codable, Equatable {
    public struct DayEffect: Sendable, Codable, Equatable {
        public var date: String
        public var channel: String
        /// Product of the factors below.
        public var factor: Double
        /// Each factor with its reason (`holiday closed: Christmas Day`, `retail: Black Friday`, …).
        public var parts: [Part]
    }
    public struct Part: Sendable, Codable, Equatable {
        public var reason: String
        public var factor: Double
    }
    public struct Outage: Sendable, Codable, Equatable {
        public var date: String
        /// Local hours [fromHour, toHour) of every channel are absent from history.csv.
        public var fromHour: Int
        public var toHour: Int
    }
    public struct Glitch: Sendable, Codable, Equatable {
        public var date: String
        public var channel: String
        /// Recorded counts that day are this multiple of the true sample (a double-counting export bug).
        public var multiplier: Double
    }
    public struct LevelShift: Sendable, Codable, Equatable {
        public var date: String
        public var channel: String
        public var factor: Double
        public var reason: String
    }

    /// Handle-time factors on calendar days (the mean AHT of the day is multiplied by them) and
    /// the amplitude of an annual AHT cosine peaking on 15 January; absent in the standard shop.
    public struct AHTFactors: Sendable, Codable, Equatable {
        public var returnsWeeks: Double
        public var blackFridayAndCyberMonday: Double
        public var afterClosedHoliday: Double
        public var annualAmplitude: Double
    }

    public var seed: UInt64
    public var start: String
    /// First day not generated.
    public var end: String
    public var timeZone: String
    public var intervalSeconds: Int
    public var formula: String
    public var annualAmplitude: Double
    public var annualPeakDayOfYear: Double
    public var channels: [ChannelProfile]
    /// NL public holidays (``HolidayCalendar``) on which channels with `closesOnHolidays` close.
    public var closedHolidays: [String]
    /// NL public holidays on which every channel works at its `openHolidayFactor`.
    public var openHolidays: [String]
    public var retailRules: [String]
    public var promotions: [Promotion]
    public var outage: Outage?
    public var glitch: Glitch?
    public var levelShift: LevelShift?
    public var ahtFactors: AHTFactors?
    /// Every (day, channel) whose day factor is not 1.
    public var days: [DayEffect]

    /// The day factor of `channel` on `date` (1 when none is listed).
    public func dayFactor(channel: String, date: String) -> Double {
        days.first { $0.channel == channel && $0.date == date }?.factor ?? 1
    }
}
