import XCTest

@testable import StaffcastCore

final class ClockTextTests: XCTestCase {
    func testReadsTwoDigitHoursAndMinutes() {
        XCTAssertEqual(ClockText.seconds("00:00", allowingEndOfDay: false), 0)
        XCTAssertEqual(ClockText.seconds("07:30", allowingEndOfDay: false), 27_000)
        XCTAssertEqual(ClockText.seconds("23:59", allowingEndOfDay: false), 86_340)
    }

    func testEndOfDayOnlyWhereTheCallerReadsAnEnd() {
        XCTAssertNil(ClockText.seconds("24:00", allowingEndOfDay: false))
        XCTAssertEqual(ClockText.seconds("24:00", allowingEndOfDay: true), 86_400)
        XCTAssertNil(ClockText.seconds("24:30", allowingEndOfDay: true))
        XCTAssertNil(ClockText.seconds("25:00", allowingEndOfDay: true))
    }

    /// Text that could be read two ways, or that a planner did not mean as a clock time.
    func testRefusesSignsShortFormsSecondsAndSpaces() {
        for text in [
            "+7:00", "-0:30", "-0:00", "7:00", "07:60", "07:30:00", "07::30", ":07:30", "07:30:", " 07:30", "07:30 ",
            "0x:10", "0730", "٠٧:٠٠", "", "ab:cd",
        ] {
            XCTAssertNil(ClockText.seconds(text, allowingEndOfDay: true), text)
        }
    }

    func testFormatsHoursAndMinutes() {
        XCTAssertEqual(ClockText.format(0), "00:00")
        XCTAssertEqual(ClockText.format(27_000), "07:30")
        XCTAssertEqual(ClockText.format(27_059), "07:30")
        XCTAssertEqual(ClockText.format(86_400), "24:00")
        XCTAssertEqual(ClockText.formatKeepingSeconds(27_000), "07:30")
        XCTAssertEqual(ClockText.formatKeepingSeconds(27_005), "07:30:05")
    }

    func testFormatThenReadIsTheSameTime() {
        for minutes in stride(from: 0, through: 1440, by: 7) {
            XCTAssertEqual(ClockText.seconds(ClockText.format(minutes * 60), allowingEndOfDay: true), minutes * 60)
        }
    }
}
