import Foundation
import XCTest

@testable import StaffcastCore

/// The offset list against the zone itself: around every change and every 11 hours from 1970 to
/// 2100, and outside that range, in zones with daylight saving in either hemisphere, half-hour
/// saving, saving suspended for Ramadan, and changes of standard offset.
final class ZoneOffsetsTests: XCTestCase {
    static let zones = [
        "Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe", "Africa/Casablanca", "Europe/Moscow",
        "Pacific/Apia", "Asia/Kolkata", "America/Sao_Paulo", "Asia/Jerusalem", "UTC",
    ]

    func testOffsetsAreTheZones() throws {
        for name in Self.zones {
            let calendar = try PlanningCalendar(identifier: name)
            let zone = calendar.timeZone
            func zoneOffset(_ instant: Int64) -> Int {
                zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
            }
            var wrong: [Int64] = []
            var changes = 0
            var after = Date(timeIntervalSince1970: 0)
            while let next = zone.nextDaylightSavingTimeTransition(after: after),
                next.timeIntervalSince1970 < 4_102_444_800
            {
                changes += 1
                let instant = Int64(next.timeIntervalSince1970)
                for probe in [instant - 3601, instant - 1, instant, instant + 1, instant + 3600]
                where calendar.utcOffset(at: probe) != zoneOffset(probe) {
                    wrong.append(probe)
                }
                after = next
            }
            var instant: Int64 = -400_000_000
            while instant < 4_300_000_000 {
                if calendar.utcOffset(at: instant) != zoneOffset(instant) { wrong.append(instant) }
                instant += 39_600
            }
            XCTAssertEqual(wrong, [], name)
            if name != "UTC" && name != "Asia/Kolkata" { XCTAssertGreaterThan(changes, 0, name) }
        }
    }

    func testCalendarsOfOneZoneAreEqual() throws {
        XCTAssertEqual(
            try PlanningCalendar(identifier: "Europe/Amsterdam"), try PlanningCalendar(identifier: "Europe/Amsterdam"))
        XCTAssertNotEqual(
            try PlanningCalendar(identifier: "Europe/Amsterdam"), try PlanningCalendar(identifier: "Europe/Berlin"))
        XCTAssertEqual(try PlanningCalendar(identifier: "UTC"), PlanningCalendar.utc)
    }
}
