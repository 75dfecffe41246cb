import Foundation
import StaffcastCore
import XCTest

@testable import Forecasting

/// Public holidays against an independent list: `Fixtures/holidays_2023_2030.csv`, written by the
/// Python `holidays` package 0.109 (provenance and command in `Fixtures/README.md`), and against
/// dates checked by hand in the comments.
final class CalendarHolidayTests: XCTestCase {
    /// Dates where this calendar and the `holidays` package disagree on purpose, with the reason.
    /// Empty today: both include NL Good Friday and Liberation Day in lustrum years only, list
    /// US observed days beside the dates, and GB substitute days. A new difference must be
    /// added here with its reason, or the comparison fails.
    static let knownDifferences: [(country: String, date: String, onlyIn: String, reason: String)] = []

    func testEveryPublicHolidayMatchesThePythonHolidaysPackage2023To2030() throws {
        let url = try XCTUnwrap(
            Bundle.module.url(forResource: "holidays_2023_2030", withExtension: "csv", subdirectory: "Fixtures"))
        var csv = try CSVReader(path: url.path)
        let header = try XCTUnwrap(try csv.next())
        XCTAssertEqual(header.fields, ["country", "date", "name"])
        var reference: [String: Set<CivilDate>] = [:]  // "NL 2025" → dates
        var rows = 0
        while let record = try csv.next() {
            let parts = record.fields[1].split(separator: "-").compactMap { Int($0) }
            let date = try XCTUnwrap(CivilDate(year: parts[0], month: parts[1], day: parts[2]), record.fields[1])
            reference["\(record.fields[0]) \(date.year)", default: []].insert(date)
            rows += 1
        }
        // Guard against a truncated fixture making the comparison vacuous: six countries × eight
        // years, at least 6 holidays each (GB has 8, FR 11).
        XCTAssertEqual(reference.count, 6 * 8)
        XCTAssertGreaterThan(rows, 6 * 8 * 6)

        var mismatches: [String] = []
        for country in ["BE", "DE", "FR", "GB", "NL", "US"] {
            for year in 2023...2030 {
                let ours = Set(try HolidayCalendar.publicHolidays(country: country, year: year).map(\.date))
                let theirs = reference["\(country) \(year)"] ?? []
                for date in ours.subtracting(theirs) where !Self.isKnown(country, date, onlyIn: "staffcast") {
                    mismatches.append("\(country) \(date): only in staffcast")
                }
                for date in theirs.subtracting(ours) where !Self.isKnown(country, date, onlyIn: "holidays") {
                    mismatches.append("\(country) \(date): only in the holidays package")
                }
            }
        }
        XCTAssertEqual(mismatches, [], mismatches.joined(separator: "\n"))
        // Every listed difference must still be a difference; otherwise remove it from the list.
        for known in Self.knownDifferences {
            let parts = known.date.split(separator: "-").compactMap { Int($0) }
            let date = try XCTUnwrap(CivilDate(year: parts[0], month: parts[1], day: parts[2]))
            let ours = try HolidayCalendar.publicHolidays(country: known.country, year: date.year).map(\.date)
            let inReference = reference["\(known.country) \(date.year)"]?.contains(date) ?? false
            XCTAssertNotEqual(
                ours.contains(date), inReference, "\(known.country) \(known.date) is no longer a difference")
        }
    }

    private static func isKnown(_ country: String, _ date: CivilDate, onlyIn side: String) -> Bool {
        knownDifferences.contains { $0.country == country && $0.date == date.description && $0.onlyIn == side }
    }

    // MARK: Easter

    func testEasterSundayAgainstPublishedDates() {
        // Published Western Easter dates; 2285-03-22 is the earliest possible date, 2038-04-25
        // the latest possible (both from the computus tables).
        let published = [
            (2000, 4, 23), (2008, 3, 23), (2019, 4, 21), (2024, 3, 31), (2025, 4, 20), (2026, 4, 5),
            (2038, 4, 25), (2285, 3, 22),
        ]
        for (year, month, day) in published {
            XCTAssertEqual(
                DateRules.easterSunday(year: year), CivilDate(year: year, month: month, day: day)!, "\(year)")
        }
    }

    func testEasterIsAlwaysASundayBetween22MarchAnd25April() {
        for year in 1583...4099 {
            let easter = DateRules.easterSunday(year: year)
            XCTAssertEqual(easter.weekday, 7, "\(year)")
            XCTAssertTrue(
                CivilDate(year: year, month: 3, day: 22)! <= easter
                    && easter <= CivilDate(year: year, month: 4, day: 25)!, "\(year): \(easter)")
        }
    }

    // MARK: Hand-checked rules

    func testKingsDayMovesToSaturdayWhenThe27thIsASunday() throws {
        // 27 April 2025 and 2014 were Sundays → 26 April; 2026-04-27 is a Monday.
        XCTAssertEqual(try date(of: "King's Day", "NL", 2025), "2025-04-26")
        XCTAssertEqual(try date(of: "King's Day", "NL", 2014), "2014-04-26")
        XCTAssertEqual(try date(of: "King's Day", "NL", 2026), "2026-04-27")
        // Queen's Day 30 April 2006 was a Sunday → Saturday 29 April.
        XCTAssertEqual(try date(of: "Queen's Day", "NL", 2006), "2006-04-29")
    }

    func testLiberationDayOnlyInLustrumYears() throws {
        XCTAssertEqual(try date(of: "Liberation Day", "NL", 2025), "2025-05-05")
        XCTAssertEqual(try date(of: "Liberation Day", "NL", 2030), "2030-05-05")
        XCTAssertNil(try date(of: "Liberation Day", "NL", 2026))
    }

    func testUSNthWeekdayAndObservedRules() throws {
        // Thanksgiving: 4th Thursday of November: 2025-11-27, 2026-11-26.
        XCTAssertEqual(try date(of: "Thanksgiving Day", "US", 2025), "2025-11-27")
        XCTAssertEqual(try date(of: "Thanksgiving Day", "US", 2026), "2026-11-26")
        // Memorial Day: last Monday of May: 2025-05-26, 2026-05-25.
        XCTAssertEqual(try date(of: "Memorial Day", "US", 2025), "2025-05-26")
        XCTAssertEqual(try date(of: "Memorial Day", "US", 2026), "2026-05-25")
        // 4 July 2026 is a Saturday → observed Friday 3 July.
        XCTAssertEqual(try date(of: "Independence Day (observed)", "US", 2026), "2026-07-03")
        // 1 January 2022 was a Saturday → observed Friday 31 December 2021, listed in 2021.
        XCTAssertEqual(try date(of: "New Year's Day (observed)", "US", 2021), "2021-12-31")
        XCTAssertNil(try date(of: "New Year's Day (observed)", "US", 2022))
        // 19 June 2022 was a Sunday → Monday 20 June; no Juneteenth before 2021.
        XCTAssertEqual(try date(of: "Juneteenth National Independence Day (observed)", "US", 2022), "2022-06-20")
        XCTAssertNil(try date(of: "Juneteenth National Independence Day", "US", 2020))
    }

    func testGBSubstituteDaysAndOneOffBankHolidays() throws {
        // 2021: Christmas Saturday, Boxing Day Sunday → Monday 27 and Tuesday 28 December.
        XCTAssertEqual(try date(of: "Christmas Day (substitute day)", "GB", 2021), "2021-12-27")
        XCTAssertEqual(try date(of: "Boxing Day (substitute day)", "GB", 2021), "2021-12-28")
        // 2022: Christmas Sunday, Boxing Day Monday → Christmas substitute Tuesday 27 December;
        // 1 January 2022 a Saturday → Monday 3 January.
        XCTAssertEqual(try date(of: "Christmas Day (substitute day)", "GB", 2022), "2022-12-27")
        XCTAssertEqual(try date(of: "New Year's Day (substitute day)", "GB", 2022), "2022-01-03")
        // 2022 (gov.uk): spring bank holiday moved to Thursday 2 June, Platinum Jubilee Friday
        // 3 June, state funeral Monday 19 September; 2023 coronation Monday 8 May.
        XCTAssertEqual(try date(of: "Spring Bank Holiday", "GB", 2022), "2022-06-02")
        XCTAssertEqual(try date(of: "Platinum Jubilee of Elizabeth II", "GB", 2022), "2022-06-03")
        XCTAssertEqual(try date(of: "State Funeral of Queen Elizabeth II", "GB", 2022), "2022-09-19")
        XCTAssertEqual(try date(of: "Coronation of King Charles III", "GB", 2023), "2023-05-08")
        // 2020: early May bank holiday moved to Friday 8 May (VE Day).
        XCTAssertEqual(try date(of: "Early May Bank Holiday", "GB", 2020), "2020-05-08")
    }

    func testHolidayWindows() throws {
        // Christmas ramps up over the ten days before; every holiday's next day surges.
        let christmas = try XCTUnwrap(
            HolidayCalendar.publicHolidays(country: "NL", year: 2026).first { $0.name == "Christmas Day" })
        XCTAssertEqual(
            christmas.window, CivilDate(year: 2026, month: 12, day: 15)!...CivilDate(year: 2026, month: 12, day: 26)!)
        let ascension = try XCTUnwrap(
            HolidayCalendar.publicHolidays(country: "DE", year: 2026).first { $0.name == "Ascension Day" })
        XCTAssertEqual(ascension.date.description, "2026-05-14")
        XCTAssertEqual(ascension.window, ascension.date...CivilDate(year: 2026, month: 5, day: 15)!)
    }

    // MARK: Requests

    func testCountriesAreCaseInsensitiveDeduplicatedAndSorted() throws {
        let mixed = try HolidayCalendar.events(countries: ["us", " NL", "US", "uk"], years: 2025...2026)
        let plain = try HolidayCalendar.events(countries: ["GB", "NL", "US"], years: 2025...2026)
        XCTAssertEqual(mixed, plain)
        XCTAssertEqual(Set(plain.compactMap(\.country)), ["GB", "NL", "US"])
        for (a, b) in zip(plain, plain.dropFirst()) {
            XCTAssertTrue(a.date < b.date || (a.date == b.date && a.name <= b.name), "\(a) before \(b)")
        }
        XCTAssertTrue(plain.allSatisfy { (2025...2026).contains($0.date.year) })
    }

    func testUnknownCountryListsTheSupportedOnes() {
        XCTAssertThrowsError(try HolidayCalendar.events(countries: ["NL", "XX"], years: 2025...2025)) { error in
            guard case ForecastingError.invalidRequest(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("'XX'"), message)
            XCTAssertTrue(message.contains("BE, DE, FR, GB, IL, ISLAMIC, NL, US"), message)
        }
        XCTAssertThrowsError(try HolidayCalendar.events(countries: [], years: 2025...2025))
        XCTAssertThrowsError(try HolidayCalendar.events(countries: ["NL"], years: 1990...2025))
    }

    private func date(of name: String, _ country: String, _ year: Int) throws -> String? {
        try HolidayCalendar.publicHolidays(country: country, year: year).first { $0.name == name }?.date.description
    }
}
