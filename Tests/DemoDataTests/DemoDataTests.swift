import Forecasting
import StaffcastCore
import TestSupport
import XCTest

@testable import DemoData

final class DemoDataTests: XCTestCase {
    private func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }

    func testSameSeedSameBytesDifferentSeedDifferentCounts() throws {
        let config = DemoConfig(seed: 7, start: day(2024, 1, 8), days: 28, channels: ["phone", "chat"])
        let a = try DemoDataset(config)
        let b = try DemoDataset(config)
        XCTAssertEqual(a.historyCSV(), b.historyCSV())
        XCTAssertEqual(a.truthCSV(), b.truthCSV())
        XCTAssertEqual(a.eventsCSV(), b.eventsCSV())
        XCTAssertEqual(try a.effectsJSON(), try b.effectsJSON())
        var other = config
        other.seed = 8
        let c = try DemoDataset(other)
        XCTAssertNotEqual(a.channels[0].counts, c.channels[0].counts)
        XCTAssertEqual(a.channels[0].intensity, c.channels[0].intensity, "the seed moves the samples, not the truth")
    }

    func testDSTDaysHave92And100QuarterHours() throws {
        let ds = try DemoDataset(DemoConfig(seed: 1, start: day(2025, 3, 24), days: 7 * 33, channels: ["whatsapp"]))
        func rows(_ d: CivilDate) -> Int { ds.localDates.filter { $0 == d }.count }
        XCTAssertEqual(rows(day(2025, 3, 30)), 92)
        XCTAssertEqual(rows(day(2025, 10, 26)), 100)
        XCTAssertEqual(rows(day(2025, 6, 1)), 96)
        let csv = ds.historyCSV()
        XCTAssert(csv.contains("2025-10-26T02:15:00+02:00,whatsapp,"))
        XCTAssert(csv.contains("2025-10-26T02:15:00+01:00,whatsapp,"))
        XCTAssertFalse(csv.contains("2025-03-30T02:15:00"))
        let history = csv.split(separator: "\n").dropFirst()
        XCTAssertEqual(history.filter { $0.hasPrefix("2025-03-30T") }.count, 92)
        XCTAssertEqual(history.filter { $0.hasPrefix("2025-10-26T") }.count, 100)
    }

    func testCountsMatchIntensity() throws {
        let ds = try DemoDataset(DemoConfig(seed: 3, start: day(2024, 2, 5), days: 140, channels: ["phone", "email"]))
        for channel in ds.channels {
            let lambda = channel.intensity.reduce(0, +)
            let n = Double(channel.counts.reduce(0) { $0 + ($1 ?? 0) })
            // Poisson: sd of the total is sqrt(λ); allow 4 sd.
            assertClose(n, lambda, absolute: 4 * lambda.squareRoot(), channel.profile.name)
            // Per-interval variance ≈ mean for the busiest slots (Poisson, not over-dispersed).
            let big = channel.intensity.indices.filter { channel.intensity[$0] > 20 }
            XCTAssertGreaterThan(big.count, 500)
            let z = big.map {
                (Double(channel.counts[$0]!) - channel.intensity[$0]) / channel.intensity[$0].squareRoot()
            }
            let meanZ = z.reduce(0, +) / Double(z.count)
            let varZ = z.map { ($0 - meanZ) * ($0 - meanZ) }.reduce(0, +) / Double(z.count - 1)
            assertClose(meanZ, 0, absolute: 0.1)
            assertClose(varZ, 1, absolute: 0.12)
        }
        // Small λ (multiplication method) too.
        var rng = Xoshiro256StarStar(seed: 11)
        let draws = (0..<20_000).map { _ in Double(rng.poisson(2.5)) }
        assertClose(draws.reduce(0, +) / 20_000, 2.5, absolute: 0.05)
    }

    func testPlantedCalendarEffects() throws {
        let ds = try DemoDataset(DemoConfig(seed: 5, start: day(2024, 11, 4), days: 70, channels: ["phone", "chat"]))
        let phone = ds.channels[0]
        func total(_ channel: DemoChannel, _ d: CivilDate) -> Double {
            ds.localDates.indices.filter { ds.localDates[$0] == d }.reduce(0) { $0 + channel.intensity[$1] }
        }
        XCTAssertEqual(total(phone, day(2024, 12, 25)), 0, "phone closed on Christmas Day")
        XCTAssertGreaterThan(total(ds.channels[1], day(2024, 12, 25)), 0, "chat open on Christmas Day")
        // Black Friday and Cyber Monday fall in the Sinterklaas lead ramp: the factors multiply.
        assertClose(
            ds.effects.dayFactor(channel: "chat", date: "2024-11-29"), 1.8 * (1 + 0.35 * 9 / 14), relative: 1e-6,
            "Black Friday")
        assertClose(
            ds.effects.dayFactor(channel: "chat", date: "2024-12-02"), 1.6 * (1 + 0.35 * 12 / 14), relative: 1e-6,
            "Cyber Monday")
        assertClose(
            ds.effects.dayFactor(channel: "phone", date: "2024-12-27"), 1.3 * pow(1.1, 0.8), relative: 1e-5,
            "after closed holiday × Christmas returns")
        // Black Friday / same weekday a week earlier, in the truth: the factor × lead-ramp ratio.
        let ratio = total(phone, day(2024, 11, 29)) / total(phone, day(2024, 11, 22))
        let planted =
            ds.effects.dayFactor(channel: "phone", date: "2024-11-29")
            / ds.effects.dayFactor(channel: "phone", date: "2024-11-22")
        assertClose(planted, pow(1.8 * (1 + 0.35 * 9 / 14), 0.8) / pow(1 + 0.35 * 2 / 14, 0.8), relative: 1e-5)
        assertClose(ratio, planted * exp(-0.15 * 7 / 365.25), relative: 0.01)
    }

    func testAnomaliesAndOutputFiles() throws {
        let ds = try DemoDataset(DemoConfig(seed: 42, start: day(2023, 1, 2), days: 7 * 125))
        let e = ds.effects
        let outage = try XCTUnwrap(e.outage)
        let glitch = try XCTUnwrap(e.glitch)
        let shift = try XCTUnwrap(e.levelShift)
        XCTAssertEqual(shift.channel, "chat")
        XCTAssertEqual(shift.factor, 0.88)
        XCTAssertEqual(glitch.channel, "email")
        let outageDay = DemoDataset.parseDay(outage.date)!
        let missing = ds.localDates.indices.filter { ds.channels[0].counts[$0] == nil }
        XCTAssertEqual(missing.count, 48)
        XCTAssert(missing.allSatisfy { ds.localDates[$0] == outageDay })
        let email = ds.channels.first { $0.profile.name == "email" }!
        let g = DemoDataset.parseDay(glitch.date)!
        let idx = ds.localDates.indices.filter { ds.localDates[$0] == g }
        let recorded = Double(idx.reduce(0) { $0 + (email.counts[$1] ?? 0) })
        let truth = idx.reduce(0) { $0 + email.intensity[$1] }
        assertClose(recorded / truth, 10, relative: 0.1)
        // Four a year: two whole seasons (2023, 2024) and those of 2025 ending before 2025-05-26.
        XCTAssertEqual(e.promotions.filter { $0.firstDay < "2025" }.count, 8)
        XCTAssert(e.promotions.allSatisfy { $0.lastDay < "2025-05-26" && (1.15...1.5).contains($0.uplift) })
        // The files round-trip through the project's own readers.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("demodata-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ds.write(to: dir)
        let events = try EventsFile.read(path: dir + "/events.csv", calendar: ds.calendar)
        XCTAssertEqual(events.count, e.promotions.count)
        XCTAssert(events.allSatisfy { $0.kind == .promotion && $0.channel == nil })
        let decoded = try JSONDecoder().decode(
            DemoEffects.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/effects.json")))
        XCTAssertEqual(decoded, e)
    }

    /// The calendar regression, given the promotions as events, recovers the planted uplift.
    func testRegressionRecoversPromotionUplift() throws {
        let promos = [
            Promotion(name: "Spring sale", firstDay: "2024-04-08", lastDay: "2024-04-14", uplift: 1.3),
            Promotion(name: "June sale", firstDay: "2024-06-11", lastDay: "2024-06-12", uplift: 1.3),
        ]
        let ds = try DemoDataset(
            DemoConfig(
                seed: 42, start: day(2024, 1, 8), days: 7 * 24, channels: ["chat"],
                promotions: promos))
        let full = try XCTUnwrap(ds.series("chat"))
        let origin = ds.calendar.startOfDay(day(2024, 6, 10))
        let events = try EventsFile.read(data: Data(ds.eventsCSV().utf8), name: "events.csv", calendar: ds.calendar)
        let input = ForecastInput(
            series: full.truncated(before: origin), calendar: ds.calendar,
            calendarEvents: try HolidayCalendar.events(countries: ["NL"], years: 2024...2024),
            userEvents: events)
        let fitted = try AutoForecaster.model(named: "regression").fit(input)
        func dayTotal(_ d: CivilDate) -> Double {
            let instants = ds.instants.indices.filter { ds.localDates[$0] == d }.map { ds.instants[$0] }
            return fitted.pointForecast(at: instants).reduce(0, +)
        }
        let ratio = dayTotal(day(2024, 6, 11)) / dayTotal(day(2024, 6, 18))
        print("recovered promotion uplift: \(ratio) (planted 1.3)")
        assertClose(ratio, 1.3, relative: 0.10, "promotion Tuesday vs the next Tuesday")
    }

    func testRegressionBeatsSeasonalNaiveOnPhone() throws {
        let ds = try DemoDataset(DemoConfig(seed: 42, start: day(2025, 1, 6), days: 7 * 20, channels: ["phone"]))
        let input = ForecastInput(
            series: ds.series("phone")!, calendar: ds.calendar,
            calendarEvents: try HolidayCalendar.events(countries: ["NL"], years: 2025...2025))
        let scores = Backtest.run(
            models: [try AutoForecaster.model(named: "snaive"), try AutoForecaster.model(named: "regression")],
            input: input, horizonSeconds: 604_800, origins: 4, everySeconds: 604_800)
        XCTAssertEqual(scores.map(\.model), ["snaive", "regression"])
        XCTAssertLessThan(scores[1].wape, scores[0].wape, "\(scores)")
    }

    /// Issue 9's suite: each seed draws its own shop. The standard shop is untouched; a varied one
    /// changes the effect sizes and dates, writes the planner's (possibly wrong) expected uplift in
    /// events.csv, and plants promotions without effect.
    func testVariedShopsDifferBySeedAndCarryWrongAndEmptyPromotions() throws {
        XCTAssertEqual(DemoVariation.random(seed: 5), DemoVariation.random(seed: 5))
        XCTAssertNotEqual(DemoVariation.random(seed: 5), DemoVariation.random(seed: 6))
        XCTAssertNotEqual(DemoVariation.random(seed: 5), .standard)
        let config = DemoConfig(
            seed: 5, start: day(2023, 1, 2), days: DemoConfig.days(from: day(2023, 1, 2), years: 3),
            channels: ["phone"], variation: .random(seed: 5))
        let ds = try DemoDataset(config)
        let promotions = ds.effects.promotions
        XCTAssertGreaterThanOrEqual(promotions.count, 9)  // 3–6 a year over three years
        XCTAssertTrue(promotions.allSatisfy { $0.expectedUplift != nil })
        let header = ds.eventsCSV().split(separator: "\n").first.map(String.init)
        XCTAssertEqual(header, "name,start,end,channel,kind,uplift")
        // Some promotions have no effect at all; the expected uplift is rarely the real one.
        let noEffect = promotions.filter { $0.uplift == 1 }
        XCTAssertFalse(noEffect.isEmpty, "\(promotions)")
        XCTAssertGreaterThan(
            promotions.filter { abs(($0.expectedUplift ?? 0) - $0.uplift) > 0.02 }.count, promotions.count / 2)
        // A no-effect promotion leaves the day factor alone: the effects list no promotion part for it.
        for promotion in noEffect {
            let parts = ds.effects.days.filter { $0.date == promotion.firstDay }.flatMap(\.parts)
            XCTAssertTrue(parts.filter { $0.reason == "promotion: \(promotion.name)" }.allSatisfy { $0.factor == 1 })
        }
        XCTAssertNotNil(ds.effects.ahtFactors)
        XCTAssertNil(
            try DemoDataset(DemoConfig(seed: 5, start: day(2023, 1, 2), days: 28, channels: ["phone"])).effects
                .ahtFactors)
    }
}
