import Foundation
import StaffcastCore

/// What the generator may vary, so an accuracy suite cannot be tuned to one configuration: the
/// channels' volumes, trends and reactions to holidays, the size of the retail effects, the
/// annual cycle, the promotions (how many, their real uplift, some with none at all, and the
/// uplift the planner *expects*, which may be wrong), the outage, the glitch, the level shift,
/// and the handle time's reaction to the calendar. ``standard`` is the demo shop of
/// `make demo-data`; ``random(seed:)`` draws one of many others.
public struct DemoVariation: Sendable, Equatable {
    /// The channels with their volumes, trends and calendar reactions.
    public var profiles: [ChannelProfile]
    /// Amplitude and peak day (day of the year) of the annual cosine.
    public var annualAmplitude: Double
    public var annualPeakDayOfYear: Double
    /// Retail multipliers m are applied as m^(retailExponent · the channel's sensitivity).
    public var retailExponent: Double
    public var promotionsPerYear: Int
    /// Real uplifts are drawn from this range; with probability `noEffectShare` a promotion has
    /// no effect at all (uplift 1) though it is in the events file.
    public var upliftRange: ClosedRange<Double>
    public var noEffectShare: Double
    /// When set, the events file carries the planner's expected uplift: the real one times a
    /// factor drawn from this range (1…1 = right; otherwise often wrong).
    public var expectedUpliftError: ClosedRange<Double>?
    /// The outage: weeks after the start, ISO weekday, local hours [from, to).
    public var outage: (week: Int, weekday: Int, fromHour: Int, toHour: Int)
    /// The glitch day: weeks after the start, weekday, channel, multiplier of the recorded counts.
    public var glitch: (week: Int, weekday: Int, channel: String, multiplier: Double)
    /// The level shift: weeks after the start, weekday, channel, factor.
    public var levelShift: (week: Int, weekday: Int, channel: String, factor: Double)
    /// Handle time on calendar days, as factors of the normal mean: the January returns weeks,
    /// the Black Friday weekend and Cyber Monday, the day after a closed holiday; and the
    /// amplitude of an annual cosine of the handle time (peak in January). All 1 / 0 in ``standard``.
    public var ahtReturnsWeeks: Double
    public var ahtBlackFriday: Double
    public var ahtAfterClosedHoliday: Double
    public var ahtAnnualAmplitude: Double

    public static func == (a: DemoVariation, b: DemoVariation) -> Bool {
        a.profiles == b.profiles && a.annualAmplitude == b.annualAmplitude
            && a.annualPeakDayOfYear == b.annualPeakDayOfYear
            && a.retailExponent == b.retailExponent && a.promotionsPerYear == b.promotionsPerYear
            && a.upliftRange == b.upliftRange && a.noEffectShare == b.noEffectShare
            && a.expectedUpliftError == b.expectedUpliftError
            && a.outage == b.outage && a.glitch == b.glitch && a.levelShift == b.levelShift
            && a.ahtReturnsWeeks == b.ahtReturnsWeeks && a.ahtBlackFriday == b.ahtBlackFriday
            && a.ahtAfterClosedHoliday == b.ahtAfterClosedHoliday && a.ahtAnnualAmplitude == b.ahtAnnualAmplitude
    }

    /// The demo shop: the numbers `make demo-data` has always used.
    public static let standard = DemoVariation(
        profiles: ChannelProfile.webshop, annualAmplitude: 0.06, annualPeakDayOfYear: 15, retailExponent: 1,
        promotionsPerYear: 4, upliftRange: 1.15...1.50, noEffectShare: 0, expectedUpliftError: nil,
        outage: (60, 3, 12, 24), glitch: (120, 2, "email", 10), levelShift: (78, 1, "chat", 0.88),
        ahtReturnsWeeks: 1, ahtBlackFriday: 1, ahtAfterClosedHoliday: 1, ahtAnnualAmplitude: 0)

    /// A shop drawn from `seed` (its own stream, independent of the samples' streams): every
    /// field above varied within plausible ranges for a European web shop.
    public static func random(seed: UInt64) -> DemoVariation {
        var rng = Xoshiro256StarStar(seed: seed ^ 0x5641_5249_4154_494F)
        func uniform(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + rng.uniform() * (range.upperBound - range.lowerBound)
        }
        func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
        let profiles = ChannelProfile.webshop.map { base -> ChannelProfile in
            var p = base
            p.dailyBase = round3(base.dailyBase * uniform(0.6...1.5))
            p.annualGrowth = round3(base.annualGrowth + uniform(-0.12...0.12))
            p.openHolidayFactor = round3(uniform(0.4...0.95))
            if base.afterClosedHolidaySurge != 1 { p.afterClosedHolidaySurge = round3(uniform(1.05...1.5)) }
            p.retailSensitivity = round3(base.retailSensitivity * uniform(0.6...1.4))
            p.weekdayFactors = base.weekdayFactors.map { $0 == 0 ? 0 : round3($0 * uniform(0.9...1.1)) }
            return p
        }
        let channels = profiles.map(\.name)
        let upliftLow = round3(uniform(1.05...1.2))
        return DemoVariation(
            profiles: profiles,
            annualAmplitude: round3(uniform(0.02...0.15)), annualPeakDayOfYear: Double(rng.integer(in: 0...364)),
            retailExponent: round3(uniform(0.5...1.5)),
            promotionsPerYear: rng.integer(in: 3...6),
            upliftRange: upliftLow...round3(upliftLow + uniform(0.1...0.5)),
            noEffectShare: 0.25,
            expectedUpliftError: 0.8...1.3,
            outage: (
                rng.integer(in: 30...140), rng.integer(in: 1...5), rng.integer(in: 8...14), rng.integer(in: 15...24)
            ),
            glitch: (
                rng.integer(in: 30...140), rng.integer(in: 1...5), channels[rng.integer(in: 0...channels.count - 1)],
                Double(rng.integer(in: 3...10))
            ),
            levelShift: (
                rng.integer(in: 60...140), 1, channels[rng.integer(in: 0...channels.count - 1)],
                round3(uniform(0.8...1.2))
            ),
            ahtReturnsWeeks: round3(uniform(1.02...1.09)), ahtBlackFriday: round3(uniform(0.94...1.0)),
            ahtAfterClosedHoliday: round3(uniform(1.0...1.06)), ahtAnnualAmplitude: round3(uniform(0...0.04)))
    }
}
