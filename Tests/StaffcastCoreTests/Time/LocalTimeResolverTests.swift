import Foundation
import TestSupport
import XCTest

@testable import StaffcastCore

final class LocalTimeResolverTests: XCTestCase {
    func testOffsetCacheAgreesWithFoundationEverywhere() throws {
        // Property: the cache answers exactly as PlanningCalendar.utcOffset, including the
        // seconds around transitions (30-minute DST in Lord Howe, +05:45 in Kathmandu).
        var rng = SeededGenerator(seed: 11)
        for (zone, transitionsIn2025) in [
            ("Europe/Amsterdam", 2), ("Australia/Lord_Howe", 2), ("Asia/Kathmandu", 0),
            ("America/Santiago", 2), ("UTC", 0),
        ] {
            let calendar = try PlanningCalendar(identifier: zone)
            var cache = OffsetCache(calendar: calendar)
            let start: Int64 = 1_735_689_600  // 2025-01-01T00:00:00Z
            var probes: [Int64] = (0..<3000).map { _ in start + Int64.random(in: 0..<366 * 86_400, using: &rng) }
            // Every second of the hours around 2025's transitions.
            var t = start
            var transitions = 0
            let end = start + 366 * 86_400
            while let next = calendar.timeZone.nextDaylightSavingTimeTransition(
                after: Date(timeIntervalSince1970: TimeInterval(t))),
                Int64(next.timeIntervalSince1970) < end
            {
                let transition = Int64(next.timeIntervalSince1970)
                probes +=
                    Array(stride(from: transition - 1800, to: transition + 1800, by: 7)) + [transition - 1, transition]
                t = transition + 1
                transitions += 1
            }
            XCTAssertEqual(transitions, transitionsIn2025, zone)
            for probe in probes {
                XCTAssertEqual(cache.offset(at: probe), calendar.utcOffset(at: probe), "\(zone) at \(probe)")
            }
            XCTAssertEqual(cache.format(start + 12_345), calendar.format(start + 12_345))
        }
    }

    func testResolverMatchesCalendarAndRefusesDSTEdges() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        var resolver = LocalTimeResolver(calendar: amsterdam)
        // Every 55 minutes of 2025, and every 5 minutes around both DST changes: unique readings
        // resolve like PlanningCalendar.instants(for:); the others are refused.
        func wall(_ month: Int, _ day: Int) -> Int64 {
            LocalDateTime(date: CivilDate(year: 2025, month: month, day: day)!, secondsOfDay: 0).wallSeconds
        }
        let yearly = Array(stride(from: wall(1, 1), to: wall(12, 31), by: 55 * 60))
        let aroundChanges =
            Array(stride(from: wall(3, 29), to: wall(4, 1), by: 300))
            + Array(stride(from: wall(10, 25), to: wall(10, 28), by: 300))
        var refusedAroundChanges = 0
        for (k, reading) in (yearly + aroundChanges).enumerated() {
            let expected = amsterdam.instants(for: LocalDateTime(utcSeconds: reading))
            switch resolver.resolve(wallSeconds: reading) {
            case .success(let instant): XCTAssertEqual([instant], expected)
            case .failure:
                XCTAssertNotEqual(expected.count, 1)
                if k >= yearly.count { refusedAroundChanges += 1 }
            }
        }
        // 02:00–02:55 on 30 March (gap) and 26 October (repeated): 12 + 12 readings.
        XCTAssertEqual(refusedAroundChanges, 24)

        let gap = LocalDateTime(date: CivilDate(year: 2025, month: 3, day: 30)!, secondsOfDay: 2 * 3600 + 1800)
        guard case .failure(let gapError) = resolver.resolve(wallSeconds: gap.wallSeconds) else { return XCTFail() }
        XCTAssertEqual(
            gapError.message,
            "2025-03-30 02:30 does not exist in Europe/Amsterdam (DST starts: the clocks jump forward 1h); "
                + "write timestamps with their offset, e.g. 2025-03-30T03:30:00+02:00")
        let repeated = LocalDateTime(date: CivilDate(year: 2025, month: 10, day: 26)!, secondsOfDay: 2 * 3600 + 1800)
        guard case .failure(let repeatedError) = resolver.resolve(wallSeconds: repeated.wallSeconds) else {
            return XCTFail()
        }
        XCTAssertEqual(
            repeatedError.message,
            "2025-10-26 02:30 is ambiguous in Europe/Amsterdam (DST ends: the clocks go back, "
                + "so it occurs at +02:00 and again at +01:00); write it with its offset, e.g. 2025-10-26T02:30:00+02:00"
        )
    }
}
