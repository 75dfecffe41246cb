import Forecasting
import Foundation
import StaffcastCore

extension DemoDataset {
    static let retailRuleText = [
        "Black Friday (day after the 4th Thursday of November): lead ramp x1.10, x1.15, x1.25 on the three days before; x1.80 on the day; x1.40 Saturday, x1.30 Sunday",
        "Cyber Monday (Black Friday + 3): x1.60; the Tuesday after x1.20",
        "Sinterklaas (5 December): lead ramp over the 14 days before, 1 + 0.35*(15-k)/14 on day 5 Dec - k (x1.35 on 4 Dec); x1.20 on 5 Dec; x1.10 on 6 Dec",
        "Christmas: ramp 1 + 0.30*(d-9)/13 on 10-22 December; x1.20 on 23 Dec; Christmas Eve x0.80; 27-30 Dec x1.10 (returns); New Year's Eve x0.60",
        "January returns weeks (first Monday after 1 January and the 13 days after): x1.20",
        "overlapping retail factors multiply; a channel applies the product m as m^retailSensitivity",
    ]

    /// Retail multiplier and reasons per local day (days since the epoch).
    static func retailMultipliers(events: [CalendarEvent], years: ClosedRange<Int>) -> [Int: (Double, [String])] {
        var result: [Int: (Double, [String])] = [:]
        func add(_ date: CivilDate, _ m: Double, _ reason: String) {
            let d = date.daysSinceEpoch
            let old = result[d] ?? (1, [])
            result[d] = (round6(old.0 * m), old.1 + [reason])
        }
        for event in events where event.kind == .retail {
            switch event.name {
            case "Black Friday":
                let bf = event.date
                add(bf.adding(days: -3), 1.10, "Black Friday lead")
                add(bf.adding(days: -2), 1.15, "Black Friday lead")
                add(bf.adding(days: -1), 1.25, "Black Friday lead")
                add(bf, 1.80, "Black Friday")
                add(bf.adding(days: 1), 1.40, "Black Friday weekend")
                add(bf.adding(days: 2), 1.30, "Black Friday weekend")
            case "Cyber Monday":
                add(event.date, 1.60, "Cyber Monday")
                add(event.date.adding(days: 1), 1.20, "Cyber Monday lag")
            case "Sinterklaas":
                for k in 1...14 {
                    add(event.date.adding(days: -k), round6(1 + 0.35 * Double(15 - k) / 14), "Sinterklaas lead")
                }
                add(event.date, 1.20, "Sinterklaas")
                add(event.date.adding(days: 1), 1.10, "Sinterklaas lag")
            case "January returns weeks":
                for k in 0...13 { add(event.date.adding(days: k), 1.20, "January returns weeks") }
            default: break
            }
        }
        for year in years {
            for d in 10...22 {
                add(CivilDate(year: year, month: 12, day: d)!, round6(1 + 0.30 * Double(d - 9) / 13), "Christmas lead")
            }
            add(CivilDate(year: year, month: 12, day: 23)!, 1.20, "Christmas lead")
            add(CivilDate(year: year, month: 12, day: 24)!, 0.80, "Christmas Eve")
            for d in 27...30 { add(CivilDate(year: year, month: 12, day: d)!, 1.10, "Christmas returns") }
            add(CivilDate(year: year, month: 12, day: 31)!, 0.60, "New Year's Eve")
        }
        return result
    }

    /// ``DemoVariation/promotionsPerYear`` promotions a year (four in the standard shop), 3–7
    /// days, real uplift in ``DemoVariation/upliftRange`` (1.15–1.50; in whole per cent), none at
    /// all with probability ``DemoVariation/noEffectShare``, starting 1 March – 20 October at
    /// least 14 days apart and avoiding public holidays; only those inside [start, end). With
    /// ``DemoVariation/expectedUpliftError`` the planner's expected uplift is the real one (1.2
    /// when it has none) times a factor drawn from that range.
    static func drawPromotions(
        seed: UInt64, years: ClosedRange<Int>, start: CivilDate, end: CivilDate,
        holidays: Set<Int>, variation: DemoVariation = .standard
    ) -> [Promotion] {
        var rng = Xoshiro256StarStar(seed: seed ^ 0x5052_4F4D_4F54_494F)
        let low = variation.upliftRange.lowerBound
        let steps = ((variation.upliftRange.upperBound - low) * 100).rounded()
        var result: [Promotion] = []
        for year in years {
            let first = CivilDate(year: year, month: 3, day: 1)!.daysSinceEpoch
            let last = CivilDate(year: year, month: 10, day: 20)!.daysSinceEpoch
            var chosen: [(Int, Int, Double)] = []
            var attempts = 0
            while chosen.count < variation.promotionsPerYear && attempts < 1000 {
                attempts += 1
                let s = rng.integer(in: first...last)
                let length = rng.integer(in: 3...7)
                let uplift = (rng.uniform() * steps).rounded() / 100 + low
                let e = s + length - 1
                if chosen.contains(where: { s <= $0.1 + 14 && $0.0 <= e + 14 }) { continue }
                if (s...e).contains(where: holidays.contains) { continue }
                chosen.append((s, e, uplift))
            }
            for (k, c) in chosen.sorted(by: { $0.0 < $1.0 }).enumerated() {
                let s = CivilDate(daysSinceEpoch: c.0)
                let e = CivilDate(daysSinceEpoch: c.1)
                var uplift = c.2
                var expected: Double? = nil
                if variation.noEffectShare > 0, rng.uniform() < variation.noEffectShare { uplift = 1 }
                if let error = variation.expectedUpliftError {
                    let factor = error.lowerBound + rng.uniform() * (error.upperBound - error.lowerBound)
                    expected = round6(((uplift == 1 ? 1.2 : uplift) * factor * 100).rounded() / 100)
                }
                guard s >= start, e < end else { continue }
                result.append(
                    Promotion(
                        name: "Promotion \(year)-\(k + 1)", firstDay: s.description, lastDay: e.description,
                        uplift: round6(uplift), expectedUplift: expected))
            }
        }
        return result
    }

    static func parseDay(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    static func round6(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }

    /// FNV-1a of the channel name, so each channel has its own stream whatever else is generated.
    static func nameHash(_ name: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
