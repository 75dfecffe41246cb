import Foundation
import TestSupport
import XCTest

@testable import StaffcastCore

final class DateTextTests: XCTestCase {
    private func date(_ text: String, _ order: DateOrder?) -> CivilDate? {
        if case .success(let d) = DateText.date(text[...], order: order) { return d }
        return nil
    }

    private func dateError(_ text: String, _ order: DateOrder?) -> String {
        if case .failure(let e) = DateText.date(text[...], order: order) { return e.message }
        return "no error"
    }

    func testDatesInTheDeclaredOrder() {
        let jan6 = CivilDate(year: 2025, month: 1, day: 6)!
        XCTAssertEqual(date("2025-01-06", nil), jan6)
        XCTAssertEqual(date("6-1-2025", .dmy), jan6)
        XCTAssertEqual(date("06.01.2025", .dmy), jan6)
        XCTAssertEqual(date("01/06/2025", .mdy), jan6)
        XCTAssertEqual(date("1/6/25", .mdy), jan6)
        XCTAssertEqual(date("2025/01/06", .ymd), jan6)
        XCTAssertEqual(date("01062025", .mdy), jan6)  // IEX's default mmddyyyy
        XCTAssertEqual(date("20250106", .ymd), jan6)
        XCTAssertEqual(date("6-1-2025 00:00", .dmy), jan6)  // Excel writes midnight after dates
    }

    func testDatesThatDoNotFitAreRefusedNeverGuessed() {
        XCTAssertTrue(dateError("03/04/2025", nil).contains("declare it with --date-order dmy, mdy or ymd"))
        XCTAssertTrue(
            dateError("13/05/2025", .mdy).contains(
                "does not fit the date order mdy (month-day-year): there is no month 13"))
        XCTAssertTrue(
            dateError("2025-01-06", .dmy).contains(
                "starts with the year, which does not fit the declared date order dmy"))
        XCTAssertTrue(dateError("31/02/2025", .dmy).contains("the date 2025-2-31 does not exist"))
        XCTAssertTrue(dateError("45663", .dmy).contains("Excel date serial number"))
        XCTAssertTrue(dateError("6-1-2025 08:30", .dmy).contains("expected a date without a time of day"))
    }

    func testTimesOfDayIncludingTwelveHourClocks() {
        func clock(_ text: String) -> Int? {
            if case .success(let c) = DateText.clock(text[...]) { return c.seconds }
            return nil
        }
        XCTAssertEqual(clock("8:00"), 8 * 3600)
        XCTAssertEqual(clock("08:30:00"), 8 * 3600 + 1800)
        XCTAssertEqual(clock("0815"), 8 * 3600 + 900)
        XCTAssertEqual(clock("12:00 AM"), 0)
        XCTAssertEqual(clock("12:30 pm"), 12 * 3600 + 1800)
        XCTAssertEqual(clock("1:15 PM"), 13 * 3600 + 900)
        XCTAssertEqual(clock("9 AM"), 9 * 3600)
        XCTAssertNil(clock("13:00 PM"))
        XCTAssertNil(clock("24:00"))
        XCTAssertNil(clock("8.30"))
    }

    func testPeriodsAndHours() {
        guard case .success(let r)? = DateText.range("08:00 - 08:30"[...]) else { return XCTFail() }
        XCTAssertEqual(r.start, 8 * 3600)
        XCTAssertEqual(r.length, 1800)
        guard case .success(let last)? = DateText.range("23:30-00:00"[...]) else { return XCTFail() }
        XCTAssertEqual(last.length, 1800)
        XCTAssertNil(DateText.range("08:00"[...]))
        XCTAssertEqual(try? DateText.hour("8"[...]).get(), 8 * 3600)
        XCTAssertEqual(try? DateText.hour("14:00"[...]).get(), 14 * 3600)
        XCTAssertEqual(try? DateText.hour("02:00-03:00"[...]).get(), 2 * 3600)
        XCTAssertNil(try? DateText.hour("24"[...]).get())
        XCTAssertNil(try? DateText.hour("8:30"[...]).get())
    }

    func testDurations() {
        var numbers = NumberReader(delimiter: UInt8(ascii: ";"), declared: nil)
        func seconds(_ text: String, _ unit: DurationUnit? = nil) -> Result<Double, DurationText.Failure> {
            Array(text.utf8).withUnsafeBufferPointer {
                DurationText.seconds(
                    $0, unit: unit, numbers: &numbers, at: { SourceLocation(file: "f", line: 1, column: 1) })
            }
        }
        XCTAssertEqual(seconds("0:05:12"), .success(312))
        XCTAssertEqual(seconds("83:20:00"), .success(300_000))  // a total may run past a day
        XCTAssertEqual(seconds("0:00:12,5"), .success(12.5))
        XCTAssertEqual(seconds("312,5"), .success(312.5))
        XCTAssertEqual(seconds("312500", .milliseconds), .success(312.5))
        guard case .failure(.notADuration(let why)) = seconds("05:30") else { return XCTFail() }
        XCTAssertTrue(why.contains("could be minutes:seconds or hours:minutes"), why)
        guard case .failure(.notADuration) = seconds("312", .clock) else { return XCTFail() }
        guard case .failure(.notADuration) = seconds("0:61:00") else { return XCTFail() }
    }
}
