import Forecasting
import Foundation
import StaffcastCore

/// What to generate.
public struct DemoConfig: Sendable {
    public var seed: UInt64
    /// First local day.
    public var start: CivilDate
    /// Number of local days.
    public var days: Int
    /// Channels to generate, in output order (names from ``ChannelProfile/webshop``).
    public var channels: [String]
    /// The promotions; nil draws four a year from the seed (March – October).
    public var promotions: [Promotion]?
    /// Plant the outage, the glitch day and the chatbot level shift (when inside the span).
    public var anomalies: Bool
    /// The shop's numbers: ``DemoVariation/standard`` for the demo, ``DemoVariation/random(seed:)``
    /// for an accuracy suite that must not be tuned to one configuration.
    public var variation: DemoVariation

    public init(
        seed: UInt64, start: CivilDate, days: Int,
        channels: [String] = ChannelProfile.webshop.map(\.name),
        promotions: [Promotion]? = nil, anomalies: Bool = true, variation: DemoVariation = .standard
    ) {
        self.seed = seed
        self.start = start
        self.days = days
        self.channels = channels
        self.promotions = promotions
        self.anomalies = anomalies
        self.variation = variation
    }

    /// The days from `start` to the same date `years` later.
    public static func days(from start: CivilDate, years: Int) -> Int {
        let day = min(start.day, CivilDate.daysInMonth(year: start.year + years, month: start.month))
        let end = CivilDate(year: start.year + years, month: start.month, day: day)!
        return end.daysSinceEpoch - start.daysSinceEpoch
    }
}

public enum DemoDataError: Error, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self {
        case .invalid(let m): return m
        }
    }
}

/// One generated channel: per 15-minute interval the true intensity and the recorded count.
public struct DemoChannel: Sendable {
    public var profile: ChannelProfile
    /// Expected contacts per interval (the truth).
    public var intensity: [Double]
    /// Recorded contacts; nil = absent from history.csv (the outage).
    public var counts: [Int?]
    /// Mean handle time of the recorded contacts; nil where there are none.
    public var aht: [Double?]
}

/// The Dutch web shop's contact history, generated from a seed. Same config → same bytes.
public struct DemoDataset: Sendable {
    public static let timeZone = "Europe/Amsterdam"
    public static let intervalSeconds = 900

    public let config: DemoConfig
    public let calendar: PlanningCalendar
    /// Start instant of every 15-minute interval, UTC seconds (92 on a spring-forward day, 100 on a fall-back day).
    public let instants: [Int64]
    /// Local date of every interval.
    public let localDates: [CivilDate]
    public let channels: [DemoChannel]
    public let effects: DemoEffects

    static let openHolidayNames: Set<String> = ["Good Friday", "King's Day", "Liberation Day"]

    public init(_ config: DemoConfig) throws {
        guard config.days > 0 else { throw DemoDataError.invalid("the span must hold at least one day") }
        let profiles = try config.channels.map { name in
            guard let p = config.variation.profiles.first(where: { $0.name == name }) else {
                throw DemoDataError.invalid(
                    "unknown channel '\(name)'; known: \(config.variation.profiles.map(\.name).joined(separator: ", "))"
                )
            }
            return p
        }
        self.config = config
        let calendar = try PlanningCalendar(identifier: Self.timeZone)
        self.calendar = calendar
        let start = config.start
        let end = config.start.adding(days: config.days)
        let years = start.year...end.year
        let events = try HolidayCalendar.events(countries: ["NL"], years: years)

        // The grid, in UTC instants, labelled with the local clock.
        var instants: [Int64] = []
        var dates: [CivilDate] = []
        var slots: [Int] = []
        var t = calendar.startOfDay(start)
        let stop = calendar.startOfDay(end)
        while t < stop {
            let local = calendar.local(t)
            instants.append(t)
            dates.append(local.date)
            slots.append(local.secondsOfDay / Self.intervalSeconds)
            t += Int64(Self.intervalSeconds)
        }
        self.instants = instants
        self.localDates = dates

        // Day-level effects.
        let holidays = events.filter { $0.kind == .holiday }
        var holidayByDay: [Int: String] = [:]
        for h in holidays where holidayByDay[h.date.daysSinceEpoch] == nil {
            holidayByDay[h.date.daysSinceEpoch] = h.name
        }
        let retail = Self.retailMultipliers(events: events, years: years)
        let variation = config.variation
        let promotions =
            config.promotions
            ?? Self.drawPromotions(
                seed: config.seed, years: years, start: start, end: end,
                holidays: Set(holidayByDay.keys), variation: variation)
        var promoByDay: [Int: [(Promotion, String?)]] = [:]
        for promo in promotions {
            guard let first = Self.parseDay(promo.firstDay), let last = Self.parseDay(promo.lastDay), first <= last
            else {
                throw DemoDataError.invalid("promotion '\(promo.name)' needs YYYY-MM-DD days with firstDay ≤ lastDay")
            }
            for d in first.daysSinceEpoch...last.daysSinceEpoch {
                promoByDay[d, default: []].append((promo, promo.channel))
            }
        }

        var outage: DemoEffects.Outage?
        var glitch: DemoEffects.Glitch?
        var shift: DemoEffects.LevelShift?
        if config.anomalies {
            func nextWorkday(_ d: CivilDate, weekday: Int) -> CivilDate {
                var day = d
                while day.weekday != weekday || holidayByDay[day.daysSinceEpoch] != nil
                    || retail[day.daysSinceEpoch] != nil
                    || promoByDay[day.daysSinceEpoch] != nil
                { day = day.adding(days: 1) }
                return day
            }
            let o = nextWorkday(start.adding(days: variation.outage.week * 7), weekday: variation.outage.weekday)
            if o < end {
                outage = .init(
                    date: o.description, fromHour: variation.outage.fromHour, toHour: variation.outage.toHour)
            }
            let s = nextWorkday(
                start.adding(days: variation.levelShift.week * 7), weekday: variation.levelShift.weekday)
            if s < end, config.channels.contains(variation.levelShift.channel) {
                let factor = variation.levelShift.factor
                let reason =
                    variation == .standard
                    ? "chatbot launch answers 12 % of chats"
                    : "level shift ×\(factor) from \(s) on"
                shift = .init(
                    date: s.description, channel: variation.levelShift.channel, factor: factor, reason: reason)
            }
            let g = nextWorkday(start.adding(days: variation.glitch.week * 7), weekday: variation.glitch.weekday)
            if g < end, config.channels.contains(variation.glitch.channel) {
                glitch = .init(
                    date: g.description, channel: variation.glitch.channel, multiplier: variation.glitch.multiplier)
            }
        }
        let shiftDay = shift.flatMap { Self.parseDay($0.date) }

        var dayEffects: [DemoEffects.DayEffect] = []
        var channels: [DemoChannel] = []
        for (index, profile) in profiles.enumerated() {
            // Day factors.
            var factors = [Double](repeating: 1, count: config.days)
            var closedHoliday = Set<Int>()
            var dayEffectsScratch = [[DemoEffects.Part]](repeating: [], count: config.days)
            for i in 0..<config.days {
                let date = start.adding(days: i)
                let day = date.daysSinceEpoch
                var parts: [DemoEffects.Part] = []
                if let name = holidayByDay[day] {
                    if profile.closesOnHolidays && !Self.openHolidayNames.contains(name) {
                        parts.append(.init(reason: "holiday closed: \(name)", factor: 0))
                        closedHoliday.insert(day)
                    } else {
                        parts.append(.init(reason: "holiday open: \(name)", factor: profile.openHolidayFactor))
                    }
                }
                if let (m, reasons) = retail[day] {
                    parts.append(
                        .init(
                            reason: "retail: " + reasons.joined(separator: " + "),
                            factor: Self.round6(pow(m, profile.retailSensitivity * variation.retailExponent))))
                }
                for (promo, channel) in promoByDay[day] ?? [] where channel == nil || channel == profile.name {
                    parts.append(.init(reason: "promotion: \(promo.name)", factor: promo.uplift))
                }
                if let s = shift, let sd = shiftDay, s.channel == profile.name, date >= sd {
                    parts.append(.init(reason: "level shift: \(s.reason)", factor: s.factor))
                }
                if !parts.isEmpty {
                    factors[i] = parts.reduce(1) { $0 * $1.factor }
                }
                dayEffectsScratch[i] = parts
            }
            // The backlog after a closed holiday: the next open, not closed day.
            if profile.afterClosedHolidaySurge != 1 {
                for day in closedHoliday.sorted()
                where profile.weekdayFactors[CivilDate(daysSinceEpoch: day).weekday - 1] > 0 {
                    var next = day + 1
                    while closedHoliday.contains(next)
                        || profile.weekdayFactors[CivilDate(daysSinceEpoch: next).weekday - 1] == 0
                    { next += 1 }
                    let i = next - start.daysSinceEpoch
                    guard i >= 0, i < config.days,
                        !dayEffectsScratch[i].contains(where: { $0.reason.hasPrefix("after closed holiday") })
                    else { continue }
                    dayEffectsScratch[i].append(
                        .init(reason: "after closed holiday", factor: profile.afterClosedHolidaySurge))
                    factors[i] *= profile.afterClosedHolidaySurge
                }
            }
            // Handle time on calendar days (all 1 in the standard shop).
            let ahtDay: [Double] = (0..<config.days).map { i in
                var f = 1.0
                for part in dayEffectsScratch[i] {
                    if part.reason.contains("January returns weeks") { f *= variation.ahtReturnsWeeks }
                    if part.reason.contains("Black Friday") || part.reason.contains("Cyber Monday") {
                        f *= variation.ahtBlackFriday
                    }
                    if part.reason == "after closed holiday" { f *= variation.ahtAfterClosedHoliday }
                }
                return f
            }
            for i in 0..<config.days where !dayEffectsScratch[i].isEmpty {
                dayEffects.append(
                    .init(
                        date: start.adding(days: i).description, channel: profile.name,
                        factor: Self.round6(factors[i]), parts: dayEffectsScratch[i]))
            }

            // Intensities and samples.
            let shares = (1...7).map { profile.intradayShares(weekday: $0) }
            var rng = Xoshiro256StarStar(
                seed: config.seed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
                    ^ Self.nameHash(profile.name))
            var intensity = [Double](repeating: 0, count: instants.count)
            var counts = [Int?](repeating: 0, count: instants.count)
            var aht = [Double?](repeating: nil, count: instants.count)
            let glitchDay = glitch.flatMap { $0.channel == profile.name ? Self.parseDay($0.date) : nil }
            let outageDay = outage.flatMap { Self.parseDay($0.date) }
            for k in instants.indices {
                let date = dates[k]
                let i = date.daysSinceEpoch - start.daysSinceEpoch
                let w = date.weekday
                let years = Double(i) / 365.25
                let doy = Double(date.daysSinceEpoch - CivilDate(year: date.year, month: 1, day: 1)!.daysSinceEpoch + 1)
                let annual =
                    1 + variation.annualAmplitude * cos(2 * Double.pi * (doy - variation.annualPeakDayOfYear) / 365.25)
                let lambda =
                    profile.dailyBase * profile.weekdayFactors[w - 1] * shares[w - 1][slots[k]]
                    * exp(profile.annualGrowth * years) * annual * factors[i]
                intensity[k] = lambda
                var n = rng.poisson(lambda)
                if n > 0 {
                    let h = Double(slots[k]) / 4
                    let annualAHT = 1 + variation.ahtAnnualAmplitude * cos(2 * Double.pi * (doy - 15) / 365.25)
                    let mean =
                        profile.ahtSeconds * (1 + 0.08 * sin(2 * Double.pi * (h - 9) / 24)) * ahtDay[i] * annualAHT
                    aht[k] = (mean * exp(0.25 * rng.normal() / Double(n).squareRoot()) * 10).rounded() / 10
                }
                if let g = glitchDay, g == date { n *= 10 }
                counts[k] = n
                if let o = outageDay, let out = outage, o == date, slots[k] >= out.fromHour * 4,
                    slots[k] < out.toHour * 4
                {
                    counts[k] = nil
                    aht[k] = nil
                }
            }
            channels.append(DemoChannel(profile: profile, intensity: intensity, counts: counts, aht: aht))
        }
        self.channels = channels
        dayEffects.sort { ($0.date, $0.channel) < ($1.date, $1.channel) }
        self.effects = DemoEffects(
            seed: config.seed, start: start.description, end: end.description, timeZone: Self.timeZone,
            intervalSeconds: Self.intervalSeconds,
            formula:
                "intensity = dailyBase * weekdayFactors[weekday] * intradayShare[weekday][slot] * exp(annualGrowth * days/365.25)"
                + " * (1 + annualAmplitude * cos(2*pi*(dayOfYear - annualPeakDayOfYear)/365.25)) * days[date,channel].factor;"
                + " contacts ~ Poisson(intensity)",
            annualAmplitude: variation.annualAmplitude, annualPeakDayOfYear: variation.annualPeakDayOfYear,
            channels: profiles,
            closedHolidays: Array(Set(holidays.map(\.name)).subtracting(Self.openHolidayNames)).sorted(),
            openHolidays: Self.openHolidayNames.sorted(),
            retailRules: Self.retailRuleText, promotions: promotions,
            outage: outage, glitch: glitch, levelShift: shift,
            ahtFactors: variation == .standard
                ? nil
                : DemoEffects.AHTFactors(
                    returnsWeeks: variation.ahtReturnsWeeks, blackFridayAndCyberMonday: variation.ahtBlackFriday,
                    afterClosedHoliday: variation.ahtAfterClosedHoliday, annualAmplitude: variation.ahtAnnualAmplitude),
            days: dayEffects)
    }
}
