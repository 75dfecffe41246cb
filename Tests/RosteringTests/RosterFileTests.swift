import Foundation
import StaffcastCore
import XCTest

@testable import Rostering

/// `roster.csv` written and read back: the agents (one whose id begins like a formula), dates and
/// shift ends are what was written; a night shift keeps the date it started on.
final class RosterFileTests: XCTestCase {
    func testWrittenRosterReadsBack() throws {
        let calendar = try PlanningCalendar(identifier: "Europe/Amsterdam")
        let friday = try XCTUnwrap(CivilDate(year: 2025, month: 3, day: 28))
        let start = calendar.startOfDay(friday) + 22 * 3600
        let shifts = [
            RosterShift(
                agent: "=a1", date: friday, template: "night", start: start, end: start + 9 * 3600, breakStart: nil,
                breakEnd: nil,
                activities: [
                    ActivityBlock(channel: "chat", start: start, end: start + 4 * 3600),
                    ActivityBlock(channel: "whatsapp", start: start + 4 * 3600, end: start + 9 * 3600),
                ], paidHours: 9),
            RosterShift(
                agent: "b2", date: friday.adding(days: 1), template: "day", start: start + 12 * 3600,
                end: start + 20 * 3600, breakStart: start + 16 * 3600, breakEnd: start + 16 * 3600 + 1800,
                activities: [ActivityBlock(channel: "calls", start: start + 12 * 3600, end: start + 20 * 3600)],
                paidHours: 7.5),
        ]
        let roster = Roster(
            shifts: shifts, hours: [], coverage: [], uncovered: [],
            objective: RosterObjective(
                underCover: 0, overCover: 0, requests: 0, fairness: 0, switches: 0, preferences: 0),
            warnings: [])
        let team = [("=a1", "Ann, \"A\""), ("b2", "Bo")].map { id, name in
            Agent(
                id: id, name: name, skills: [Skill(channel: "chat", rank: 0)], minHoursPerWeek: 0, maxHoursPerWeek: 40)
        }
        let text = RosterFile.write(roster, team: team, calendar: calendar)
        XCTAssertTrue(text.hasPrefix(RosterFile.Column.allCases.map(\.rawValue).joined(separator: ",") + "\n"))
        XCTAssertTrue(text.contains("'=a1,\"Ann, \"\"A\"\"\""), text)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: path) }
        try Data(text.utf8).write(to: path)
        let rows = try RosterFile.read(path: path.path, calendar: calendar)
        XCTAssertEqual(rows.map(\.agent), ["=a1", "=a1", "b2"])
        XCTAssertEqual(rows.map(\.date), [friday, friday, friday.adding(days: 1)])
        XCTAssertEqual(rows.map(\.shiftEnd), [start + 9 * 3600, start + 9 * 3600, start + 20 * 3600])
        XCTAssertEqual(rows.map(\.breakStart), shifts.flatMap { s in s.activities.map { _ in s.breakStart } })
    }

    /// A break outside its own shift is refused naming its cell, never kept as published.
    func testABreakOutsideItsShiftIsRefused() throws {
        let header = RosterFile.Column.allCases.map(\.rawValue).joined(separator: ",")
        let row =
            "A,Ann,2025-03-07,2025-03-07T09:00:00Z,2025-03-07T17:00:00Z,2025-03-07T18:00:00Z,2025-03-07T18:30:00Z,chat,2025-03-07T09:00:00Z,2025-03-07T17:00:00Z"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: path) }
        try Data((header + "\n" + row + "\n").utf8).write(to: path)
        XCTAssertThrowsError(try RosterFile.read(path: path.path, calendar: .utc)) { error in
            XCTAssertTrue(
                "\(error)".hasPrefix("\(path.path):2:")
                    && "\(error)".contains("the break starts at 2025-03-07T18:00:00Z"),
                "\(error)")
        }
        // The same bytes given as data (a published roster checked against its manifest) read the same.
        let data = try Data(contentsOf: path)
        XCTAssertThrowsError(try RosterFile.read(path: path.path, calendar: .utc, data: data))
    }
}
