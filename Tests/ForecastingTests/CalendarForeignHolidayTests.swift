import Foundation
import StaffcastCore
import XCTest

@testable import Forecasting

/// Israel's holidays (Hebrew calendar) and the Islamic feasts against an independent list:
/// `Fixtures/holidays_il_islamic_2000_2040.csv`, written by the Python `holidays` package 0.109
/// (provenance in `Fixtures/README.md`).
final class CalendarForeignHolidayTests: XCTestCase {
    func reference() throws -> [String: [String: Set<CivilDate>]] {
        let url = try XCTUnwrap(
            Bundle.module.url(
                forResource: "holidays_il_islamic_2000_2040", withExtension: "csv",
                subdirectory: "Fixtures"))
        var csv = try CSVReader(path: url.path)
        XCTAssertEqual(try XCTUnwrap(try csv.next()).fields, ["date", "calendar", "name"])
        var byCalendar: [String: [String: Set<CivilDate>]] = [:]
        while let record = try csv.next() {
            let parts = record.fields[0].split(separator: "-").compactMap { Int($0) }
            let date = try XCTUnwrap(CivilDate(year: parts[0], month: parts[1], day: parts[2]))
            byCalendar[record.fields[1], default: [:]][record.fields[2], default: []].insert(date)
        }
        return byCalendar
    }

    func testIsraeliHolidaysMatchThePythonHolidaysPackage2000To2040() throws {
        let theirs = try XCTUnwrap(try reference()["IL"])
        // Their names → ours; the package lists both days of Rosh Hashanah under one name.
        let names = [
            "Pesach": "Pesach", "Seventh day of Pesach": "Seventh day of Pesach",
            "Independence Day": "Independence Day", "Independence Day (observed)": "Independence Day",
            "Shavuot": "Shavuot", "Rosh Hashanah": "Rosh Hashanah",
            "Yom Kippur": "Yom Kippur", "Sukkot": "Sukkot",
            "Simchat Torah / Shemini Atzeret": "Simchat Torah / Shemini Atzeret",
        ]
        XCTAssertEqual(Set(theirs.keys), Set(names.keys), "the fixture's holiday names")
        let events = try HolidayCalendar.events(countries: ["IL"], years: 2000...2040, kinds: [.holiday])
        XCTAssertEqual(events.count, 41 * 9)
        var ours: [String: Set<CivilDate>] = [:]
        for event in events { ours[EventDays.baseName(event.name), default: []].insert(event.date) }
        var expected: [String: Set<CivilDate>] = [:]
        for (name, dates) in theirs { expected[names[name]!, default: []].formUnion(dates) }
        XCTAssertEqual(expected.values.reduce(0) { $0 + $1.count }, 41 * 9)
        for name in expected.keys.sorted() {
            XCTAssertEqual(ours[name], expected[name], name)
        }
    }

    func testEvesAreTheDayBeforeEachHolidayAndNotHolidays() throws {
        let all = try HolidayCalendar.events(countries: ["IL"], years: 2025...2025)
        let eves = all.filter { $0.kind == .eve }
        // Yom Kippur 2025 is Thursday 2 October (hand-checked against the fixture), its eve Wednesday 1 October.
        XCTAssertEqual(eves.first { $0.name == "Eve of Yom Kippur" }?.date, CivilDate(year: 2025, month: 10, day: 1))
        XCTAssertEqual(eves.first { $0.name == "Eve of Rosh Hashanah" }?.date, CivilDate(year: 2025, month: 9, day: 22))
        XCTAssertEqual(eves.first { $0.name == "Eve of Pesach" }?.date, CivilDate(year: 2025, month: 4, day: 12))
        XCTAssertEqual(eves.count, 8)
        XCTAssertTrue(try HolidayCalendar.publicHolidays(country: "IL", year: 2025).allSatisfy { $0.kind == .holiday })
    }

    func testIslamicFeastsMatchThePythonHolidaysPackage2000To2040() throws {
        let theirs = try XCTUnwrap(try reference()["ISLAMIC"])
        let events = try HolidayCalendar.events(countries: ["ISLAMIC"], years: 2000...2040)
        XCTAssertTrue(events.allSatisfy { $0.kind == .retail && $0.country == "ISLAMIC" })
        for name in ["Eid al-Fitr", "Eid al-Adha"] {
            let ours = Set(events.filter { $0.name == name }.map(\.date))
            let reference = try XCTUnwrap(theirs[name])
            XCTAssertGreaterThanOrEqual(reference.count, 41, name)
            XCTAssertEqual(ours.count, reference.count, name)
            // Umm al-Qura against the package's table: the same day, or at most one day apart
            // (tabulated against sighted months), and the same day in most years (2000–2040:
            // Eid al-Adha 38 of 43).
            var same = 0
            for date in reference {
                let nearest = ours.map { abs($0.daysSinceEpoch - date.daysSinceEpoch) }.min() ?? 99
                XCTAssertLessThanOrEqual(nearest, 1, "\(name) \(date)")
                if nearest == 0 { same += 1 }
            }
            XCTAssertGreaterThanOrEqual(
                Double(same) / Double(reference.count), 0.85, "\(name): \(same) of \(reference.count) the same day")
        }
    }

    func testCountryCodesIncludeTheNewCalendars() throws {
        XCTAssertEqual(try HolidayCalendar.countryCodes(["il", "Islamic", "NL"]), ["IL", "ISLAMIC", "NL"])
        // The Western retail days are not Israel's or the Islamic calendar's.
        let il = try HolidayCalendar.events(countries: ["IL", "ISLAMIC"], years: 2025...2025)
        XCTAssertFalse(il.contains { $0.name == "Black Friday" })
    }
}
