import Foundation
import XCTest

/// `staffcast calendar` run as a binary: exact output and exit codes.
final class CalendarCommandTests: XCTestCase {
    func testListsNLHolidaysOf2026AsCSV() throws {
        // NL 2026 by hand: Easter Sunday 5 April (Good Friday 3, Easter Monday 6), Ascension
        // (+39) 14 May, Whit Sunday/Monday 24/25 May; King's Day Monday 27 April; 2026 is no
        // lustrum year, so no Liberation Day.
        let result = try CLI.run(["calendar", "--holidays", "NL", "--year", "2026", "--csv", "--kind", "holiday"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(
            result.stdout,
            """
            date,country,kind,name
            2026-01-01,NL,holiday,New Year's Day
            2026-04-03,NL,holiday,Good Friday
            2026-04-05,NL,holiday,Easter Sunday
            2026-04-06,NL,holiday,Easter Monday
            2026-04-27,NL,holiday,King's Day
            2026-05-14,NL,holiday,Ascension Day
            2026-05-24,NL,holiday,Whit Sunday
            2026-05-25,NL,holiday,Whit Monday
            2026-12-25,NL,holiday,Christmas Day
            2026-12-26,NL,holiday,Second Christmas Day

            """)
        XCTAssertEqual(result.stderr, "")
    }

    func testRetailEventsAndTwoCountries() throws {
        let result = try CLI.run(["calendar", "--holidays", "nl,us", "--years", "2025-2025", "--csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // Black Friday 2025 = 28 Nov, Cyber Monday = 1 Dec, in both countries; Sinterklaas in NL only.
        XCTAssertTrue(lines.contains("2025-11-28,NL,retail,Black Friday"), result.stdout)
        XCTAssertTrue(lines.contains("2025-11-28,US,retail,Black Friday"), result.stdout)
        XCTAssertTrue(lines.contains("2025-12-01,US,retail,Cyber Monday"), result.stdout)
        XCTAssertTrue(lines.contains("2025-12-05,NL,retail,Sinterklaas"), result.stdout)
        XCTAssertFalse(lines.contains("2025-12-05,US,retail,Sinterklaas"), result.stdout)
        XCTAssertTrue(lines.contains("2025-04-26,NL,holiday,King's Day"), result.stdout)
        XCTAssertTrue(lines.contains("2025-05-05,NL,holiday,Liberation Day"), result.stdout)
        XCTAssertEqual(lines.first, "date,country,kind,name")
        XCTAssertEqual(
            lines.dropFirst().map { String($0.prefix(10)) }, lines.dropFirst().map { String($0.prefix(10)) }.sorted())
    }

    func testTableShowsWeekdayAndWindow() throws {
        let result = try CLI.run(["calendar", "--holidays", "US", "--year", "2025", "--kind", "retail"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("date        day  country  kind     window   name\n"), result.stdout)
        XCTAssertTrue(
            result.stdout.contains("2025-11-28  Fri  US       retail   -3/+3    Black Friday\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\n9 events;"), result.stdout)
    }

    func testWritesAFile() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("gb.csv")
        let result = try CLI.run([
            "calendar", "--holidays", "GB", "--year", "2027", "--kind", "holiday", "--out", out.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "")
        let text = try String(contentsOf: out, encoding: .utf8)
        // Christmas 2027 is a Saturday, Boxing Day a Sunday → substitute days Monday 27, Tuesday 28.
        XCTAssertTrue(
            text.hasSuffix(
                """
                2027-12-25,GB,holiday,Christmas Day
                2027-12-26,GB,holiday,Boxing Day
                2027-12-27,GB,holiday,Christmas Day (substitute day)
                2027-12-28,GB,holiday,Boxing Day (substitute day)

                """), text)
    }

    func testUsageErrors() throws {
        let cases: [([String], String)] = [
            (["calendar", "--holidays", "NL,XX", "--year", "2026"], "unknown country code 'XX'"),
            (["calendar", "--holidays", "NL"], "give --year YYYY or --years YYYY-YYYY"),
            (["calendar", "--holidays", "NL", "--year", "2026", "--years", "2025-2026"], "not both"),
            (["calendar", "--holidays", "NL", "--years", "2030-2025"], "--years"),
            (["calendar", "--holidays", "NL", "--year", "1850"], "--year"),
            (["calendar", "--year", "2026"], "--holidays"),
            (["calendar", "--holidays", "NL", "--year", "2026", "--kind", "promotion"], "--kind"),
            (["calendar", "--holiday", "NL", "--year", "2026"], "did you mean --holidays?"),
        ]
        for (arguments, expected) in cases {
            let result = try CLI.run(arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout, "", "\(arguments)")
        }
    }
}
