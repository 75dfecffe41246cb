import Foundation

/// How one channel of the demo web shop behaves: its volume, its week, its day, its trend and how
/// it reacts to holidays and shopping days. Every number here is written to `effects.json`.
public struct ChannelProfile: Sendable, Codable, Equatable {
    /// A Gaussian bump of the intraday shape: centre and width in local hours, relative weight.
    public struct Bump: Sendable, Codable, Equatable {
        public var centerHour: Double
        public var widthHours: Double
        public var weight: Double
    }

    public var name: String
    /// Expected contacts on a day with weekday factor 1 at the start of the data, before the
    /// annual cycle, trend and events.
    public var dailyBase: Double
    /// Day-total factors Monday … Sunday (0 = closed all day).
    public var weekdayFactors: [Double]
    /// Opening hours Monday … Sunday as [open, close) local hours; nil = closed all day.
    public var openingHours: [[Double]?]
    /// Intraday shape: `nightFloor + Σ weight · exp(−½((h − centre)/width)²)` at the middle of each
    /// quarter-hour, zero outside opening hours, scaled so the open quarter-hours of a normal
    /// (24-hour) day sum to 1.
    public var bumps: [Bump]
    public var nightFloor: Double
    /// Continuous growth per year: volume × exp(growth · years since the start).
    public var annualGrowth: Double
    /// Whether the channel closes on the "closed" NL public holidays (see ``DemoEffects``).
    public var closesOnHolidays: Bool
    /// Factor on a public holiday the channel works through.
    public var openHolidayFactor: Double
    /// Factor on the first open non-holiday day after a closed holiday (the backlog).
    public var afterClosedHolidaySurge: Double
    /// Retail multipliers m are applied as m^sensitivity.
    public var retailSensitivity: Double
    /// Mean handle time in seconds.
    public var ahtSeconds: Double

    public var isAlwaysOpen: Bool { openingHours.allSatisfy { $0 == [0, 24] } }

    /// The web shop's five channels.
    public static let webshop: [ChannelProfile] = [
        ChannelProfile(
            name: "phone", dailyBase: 2400, weekdayFactors: [1.25, 1.05, 1.0, 0.98, 0.92, 0.45, 0],
            openingHours: [[8, 20], [8, 20], [8, 20], [8, 20], [8, 20], [9, 17], nil],
            bumps: [
                Bump(centerHour: 10.5, widthHours: 1.5, weight: 1.0),
                Bump(centerHour: 14.0, widthHours: 2.0, weight: 0.8),
                Bump(centerHour: 19.0, widthHours: 1.0, weight: 0.2),
            ],
            nightFloor: 0.05, annualGrowth: -0.15, closesOnHolidays: true, openHolidayFactor: 0.75,
            afterClosedHolidaySurge: 1.3, retailSensitivity: 0.8, ahtSeconds: 360),
        ChannelProfile(
            name: "chat", dailyBase: 1300, weekdayFactors: [1.15, 1.05, 1.0, 1.0, 0.95, 0.8, 0.7],
            openingHours: Array(repeating: [8, 22], count: 7),
            bumps: [
                Bump(centerHour: 11.0, widthHours: 2.0, weight: 1.0),
                Bump(centerHour: 15.0, widthHours: 2.0, weight: 0.8),
                Bump(centerHour: 20.5, widthHours: 1.2, weight: 0.7),
            ],
            nightFloor: 0.05, annualGrowth: 0.08, closesOnHolidays: false, openHolidayFactor: 0.6,
            afterClosedHolidaySurge: 1.0, retailSensitivity: 1.0, ahtSeconds: 480),
        ChannelProfile(
            name: "email", dailyBase: 1100, weekdayFactors: [1.3, 1.1, 1.0, 1.0, 0.95, 0.6, 0.6],
            openingHours: Array(repeating: [0, 24], count: 7),
            bumps: [
                Bump(centerHour: 9.5, widthHours: 2.5, weight: 1.0),
                Bump(centerHour: 14.0, widthHours: 3.0, weight: 0.8),
                Bump(centerHour: 21.0, widthHours: 2.0, weight: 0.5),
            ],
            nightFloor: 0.08, annualGrowth: -0.05, closesOnHolidays: false, openHolidayFactor: 0.5,
            afterClosedHolidaySurge: 1.15, retailSensitivity: 1.0, ahtSeconds: 300),
        ChannelProfile(
            name: "whatsapp", dailyBase: 500, weekdayFactors: [1.05, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            openingHours: Array(repeating: [0, 24], count: 7),
            bumps: [
                Bump(centerHour: 12.0, widthHours: 2.5, weight: 0.8),
                Bump(centerHour: 20.5, widthHours: 1.8, weight: 1.0),
            ],
            nightFloor: 0.04, annualGrowth: 0.45, closesOnHolidays: false, openHolidayFactor: 0.7,
            afterClosedHolidaySurge: 1.0, retailSensitivity: 1.1, ahtSeconds: 540),
        ChannelProfile(
            name: "social", dailyBase: 150, weekdayFactors: [1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.1],
            openingHours: Array(repeating: [0, 24], count: 7),
            bumps: [
                Bump(centerHour: 13.0, widthHours: 3.0, weight: 1.0),
                Bump(centerHour: 21.0, widthHours: 2.0, weight: 0.9),
            ],
            nightFloor: 0.05, annualGrowth: 0.10, closesOnHolidays: false, openHolidayFactor: 0.8,
            afterClosedHolidaySurge: 1.0, retailSensitivity: 1.2, ahtSeconds: 240),
    ]

    /// Share of the day total in each of the 96 local quarter-hours of weekday `weekday`
    /// (1 = Monday); zero outside opening hours. Sums to 1 over an open weekday.
    public func intradayShares(weekday: Int) -> [Double] {
        guard let hours = openingHours[weekday - 1] else { return Array(repeating: 0, count: 96) }
        var shares = (0..<96).map { slot -> Double in
            let h = Double(slot) / 4 + 0.125
            guard h >= hours[0], h < hours[1] else { return 0 }
            var v = nightFloor
            for bump in bumps {
                let z = (h - bump.centerHour) / bump.widthHours
                v += bump.weight * exp(-0.5 * z * z)
            }
            return v
        }
        let total = shares.reduce(0, +)
        if total > 0 { shares = shares.map { $0 / total } }
        return shares
    }
}
