import XCTest

@testable import StaffcastCore

final class TimestampParserTests: XCTestCase {
    /// 2003-03-03T07:00 as wall seconds, computed independently: 12114 days after 1970-01-01.
    let march3At7: Int64 = 12_114 * 86_400 + 7 * 3600

    private func parsed(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ParsedTimestamp? {
        switch TimestampParser.parse(text) {
        case .success(let t): return t
        case .failure(let e):
            XCTFail("\(text): \(e)", file: file, line: line)
            return nil
        }
    }

    private func message(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        switch TimestampParser.parse(text) {
        case .success(let t):
            XCTFail("\(text) was accepted as \(t)", file: file, line: line)
            return ""
        case .failure(let e): return e.message
        }
    }

    func testAcceptedSpellings() {
        XCTAssertEqual(CivilDate(year: 2003, month: 3, day: 3)?.daysSinceEpoch, 12_114)
        let cases: [(String, Int64, Int?)] = [
            ("2003-03-03T07:00:00Z", march3At7, 0),
            ("2003-03-03T07:00Z", march3At7, 0),
            ("2003-03-03t07:00:00z", march3At7, 0),
            ("2003-03-03T08:00:00+01:00", march3At7 + 3600, 3600),
            ("2003-03-03T08:00:00+0100", march3At7 + 3600, 3600),
            ("2003-03-03T08:00+01", march3At7 + 3600, 3600),
            ("2003-03-03T01:30:00-05:30", march3At7 - 5 * 3600 - 1800, -19_800),
            ("2003-03-03 07:00", march3At7, nil),
            ("2003-03-03 07:00:00.000", march3At7, nil),
            ("  2003-03-03 07:00:59 ", march3At7 + 59, nil),
        ]
        for (text, wall, offset) in cases {
            guard let t = parsed(text) else { continue }
            XCTAssertEqual(t.wallSeconds, wall, text)
            XCTAssertEqual(t.offsetSeconds, offset, text)
            if let offset { XCTAssertEqual(t.instant, wall - Int64(offset), text) } else { XCTAssertNil(t.instant) }
        }
        XCTAssertEqual(parsed("2003-03-03T08:00:00+01:00")?.instant, march3At7)
    }

    func testStylesTellSpellingsApart() {
        guard let z = parsed("2003-03-03T07:00:00Z"), let extended = parsed("2003-03-03T07:00:00+01:00"),
            let basic = parsed("2003-03-03T07:00:00+0100"), let local = parsed("2003-03-03T07:00:00"),
            let spaced = parsed("2003-03-03 07:00:00"), let short = parsed("2003-03-03T07:00")
        else { return }
        XCTAssertTrue(z.style.isConsistent(with: extended.style))
        XCTAssertTrue(z.style.isConsistent(with: basic.style))
        XCTAssertFalse(extended.style.isConsistent(with: basic.style))
        XCTAssertFalse(local.style.isConsistent(with: z.style))
        XCTAssertFalse(local.style.isConsistent(with: spaced.style))
        XCTAssertFalse(local.style.isConsistent(with: short.style))
        XCTAssertTrue(local.style.isConsistent(with: parsed("2025-12-31T23:55:00")!.style))
    }

    func testRefusedWithReasons() {
        XCTAssertTrue(message("03/04/2003 07:00").contains("day and month cannot be told apart"))
        XCTAssertTrue(message("3-4-2003 07:00").contains("day and month cannot be told apart"))
        XCTAssertTrue(message("2003/03/04 07:00").contains("YYYY-MM-DD"))
        XCTAssertTrue(message("2003-03-03").contains("without a time of day"))
        XCTAssertTrue(message("37683.2916").contains("Excel date serial"))
        XCTAssertTrue(message("20030303T070000Z").contains("basic format"))
        XCTAssertTrue(message("2003-02-29 07:00").contains("does not exist"))
        XCTAssertTrue(message("2003-03-03 24:00").contains("does not exist"))
        XCTAssertTrue(message("2003-03-03 07:60").contains("does not exist"))
        XCTAssertTrue(message("2003-03-03 07:00:00.5").contains("fractional seconds"))
        XCTAssertTrue(message("2003-03-03 07:00 UTC").contains("unexpected"))
        XCTAssertTrue(message("2003-03-03T07:00+25:00").contains("out of range"))
        XCTAssertTrue(message("").contains("empty"))
        XCTAssertTrue(message("hello").contains("not an ISO 8601 timestamp"))
    }

    func testParseInstantResolvesLocalTimes() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        XCTAssertEqual(try TimestampParser.parseInstant("2003-03-03 08:00", calendar: amsterdam), march3At7)
        XCTAssertEqual(try TimestampParser.parseInstant("2003-03-03T07:00:00Z", calendar: amsterdam), march3At7)
        XCTAssertThrowsError(try TimestampParser.parseInstant("2025-10-26 02:30", calendar: amsterdam)) { error in
            XCTAssertTrue("\(error)".contains("ambiguous in Europe/Amsterdam"), "\(error)")
        }
        XCTAssertThrowsError(try TimestampParser.parseInstant("yesterday", calendar: amsterdam)) { error in
            guard case .badFile? = error as? CoreError else { return XCTFail("\(error)") }
        }
    }
}
