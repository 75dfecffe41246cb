import StaffcastCore
import XCTest

@testable import Forecasting

/// Retail events against dates checked by hand on a calendar (each in the comment beside it).
/// The `holidays` package has no retail events, so there is no fixture to compare with.
final class CalendarRetailEventTests: XCTestCase {
    func testBlackFridayAndCyberMonday() throws {
        // US Thanksgiving 2025 is Thursday 27 November → Black Friday 28 Nov, Cyber Monday 1 Dec.
        XCTAssertEqual(try date(of: "Black Friday", "NL", 2025), "2025-11-28")
        XCTAssertEqual(try date(of: "Cyber Monday", "NL", 2025), "2025-12-01")
        // 2026: Thanksgiving 26 November → 27 November and 30 November.
        XCTAssertEqual(try date(of: "Black Friday", "GB", 2026), "2026-11-27")
        XCTAssertEqual(try date(of: "Cyber Monday", "GB", 2026), "2026-11-30")
        // 2024: 1 November is a Friday, Thanksgiving 28 November → Black Friday 29 November.
        XCTAssertEqual(try date(of: "Black Friday", "US", 2024), "2024-11-29")
        // The Black Friday window is the three days before through Cyber Monday.
        let blackFriday = try event("Black Friday", "US", 2025)
        XCTAssertEqual(blackFriday.window.lowerBound.description, "2025-11-25")
        XCTAssertEqual(blackFriday.window.upperBound.description, "2025-12-01")
    }

    func testMothersDayPerCountry() throws {
        // Second Sunday of May: 2026 → 10 May (Sundays 3, 10); 2025 → 11 May (Sundays 4, 11).
        for country in ["NL", "BE", "DE", "US"] {
            XCTAssertEqual(try date(of: "Mother's Day", country, 2026), "2026-05-10", country)
            XCTAssertEqual(try date(of: "Mother's Day", country, 2025), "2025-05-11", country)
        }
        // Mothering Sunday = Easter − 21 days: Easter 5 April 2026 → 15 March; 20 April 2025 → 30 March.
        XCTAssertEqual(try date(of: "Mother's Day", "GB", 2026), "2026-03-15")
        XCTAssertEqual(try date(of: "Mother's Day", "GB", 2025), "2025-03-30")
        // France: last Sunday of May (2026 → 31 May; 2024 → 26 May), but 2023's last Sunday of
        // May (28 May) was Pentecost (Easter 9 April + 49), so Fête des mères was 4 June.
        XCTAssertEqual(try date(of: "Mother's Day", "FR", 2026), "2026-05-31")
        XCTAssertEqual(try date(of: "Mother's Day", "FR", 2024), "2024-05-26")
        XCTAssertEqual(try date(of: "Mother's Day", "FR", 2023), "2023-06-04")
    }

    func testSinterklaasOnlyInTheLowCountries() throws {
        // Pakjesavond is 5 December in NL; Saint-Nicolas is 6 December in BE; 14 days of lead.
        XCTAssertEqual(try date(of: "Sinterklaas", "NL", 2025), "2025-12-05")
        XCTAssertEqual(try date(of: "Sinterklaas", "BE", 2025), "2025-12-06")
        XCTAssertNil(try date(of: "Sinterklaas", "DE", 2025))
        XCTAssertNil(try date(of: "Sinterklaas", "US", 2025))
        XCTAssertEqual(try event("Sinterklaas", "NL", 2025).window.lowerBound.description, "2025-11-21")
    }

    func testFixedDateRetailEvents() throws {
        for country in ["BE", "DE", "FR", "GB", "NL", "US"] {
            XCTAssertEqual(try date(of: "Valentine's Day", country, 2027), "2027-02-14", country)
            XCTAssertEqual(try date(of: "Singles' Day", country, 2027), "2027-11-11", country)
            XCTAssertEqual(try date(of: "Christmas Eve", country, 2027), "2027-12-24", country)
            XCTAssertEqual(try date(of: "Boxing Day", country, 2027), "2027-12-26", country)
            XCTAssertEqual(try date(of: "New Year's Eve", country, 2027), "2027-12-31", country)
        }
    }

    func testJanuaryReturnsWeeksAreTheFirstTwoFullWeeksAfterNewYear() throws {
        // 1 January 2026 is a Thursday → Monday 5 January to Sunday 18 January.
        let returns2026 = try event("January returns weeks", "NL", 2026)
        XCTAssertEqual(returns2026.window.lowerBound.description, "2026-01-05")
        XCTAssertEqual(returns2026.window.upperBound.description, "2026-01-18")
        // 1 January 2024 was a Monday: the holiday week is New Year's, returns start 8 January.
        XCTAssertEqual(try date(of: "January returns weeks", "GB", 2024), "2024-01-08")
        // 1 January 2023 was a Sunday → Monday 2 January.
        XCTAssertEqual(try date(of: "January returns weeks", "US", 2023), "2023-01-02")
    }

    func testRetailEventsCanBeListedWithoutHolidays() throws {
        let retail = try HolidayCalendar.events(countries: ["NL"], years: 2026...2026, kinds: [.retail])
        XCTAssertTrue(retail.allSatisfy { $0.kind == .retail })
        // Ten retail events a year in NL: the nine shared ones plus Sinterklaas.
        XCTAssertEqual(retail.count, 10)
    }

    private func event(_ name: String, _ country: String, _ year: Int) throws -> CalendarEvent {
        try XCTUnwrap(
            HolidayCalendar.events(countries: [country], years: year...year, kinds: [.retail]).first {
                $0.name == name
            },
            "\(name) \(country) \(year)")
    }

    private func date(of name: String, _ country: String, _ year: Int) throws -> String? {
        try HolidayCalendar.events(countries: [country], years: year...year, kinds: [.retail])
            .first { $0.name == name }?.date.description
    }
}
