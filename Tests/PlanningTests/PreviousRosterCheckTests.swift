import Foundation
import StaffcastCore
import XCTest

@testable import Planning
@testable import Rostering

/// A previous roster must start before the period, and its agents be of this team.
final class PreviousRosterCheckTests: XCTestCase {
    let monday = CivilDate(year: 2025, month: 3, day: 3)!
    let team = [
        Agent(id: "A", name: "Ann", skills: [Skill(channel: "chat", rank: 0)], minHoursPerWeek: 0, maxHoursPerWeek: 40)
    ]

    func row(_ agent: String, _ date: CivilDate, line: Int) -> RosterFile.Row {
        let end = Int64(date.daysSinceEpoch) * 86_400 + 16 * 3600
        return RosterFile.Row(
            agent: agent, date: date, shiftStart: end - 8 * 3600, shiftEnd: end,
            activity: ActivityBlock(channel: "chat", start: end - 8 * 3600, end: end), line: line)
    }

    func testARosterStartingInThePeriodIsRefusedNamingItsLine() {
        var notices: [String] = []
        let dates = (0..<7).map { monday.adding(days: $0) }
        XCTAssertThrowsError(
            try RosterStage.checkPrevious(
                [row("A", monday.adding(days: 2), line: 2), row("A", monday, line: 3)], path: "prev.csv", team: team,
                dates: dates, notices: &notices)
        ) { error in
            XCTAssertTrue(
                "\(error)".hasPrefix("prev.csv:3:1: the previous roster starts with a shift dated 2025-03-03"),
                "\(error)")
        }
    }

    /// A roster published before the period may reach into it: its days there are kept.
    func testARosterReachingIntoThePeriodIsAccepted() throws {
        var notices: [String] = []
        let dates = (0..<7).map { monday.adding(days: $0) }
        try RosterStage.checkPrevious(
            [row("A", monday.adding(days: -1), line: 2), row("A", monday, line: 3)], path: "prev.csv", team: team,
            dates: dates, notices: &notices)
        XCTAssertEqual(notices, [])
    }

    func testAgentsOfAnotherTeamAreSaid() throws {
        var notices: [String] = []
        try RosterStage.checkPrevious(
            [row("Z", monday.adding(days: -1), line: 2)], path: "prev.csv", team: team,
            dates: (0..<7).map { monday.adding(days: $0) }, notices: &notices)
        XCTAssertEqual(notices.count, 1)
        XCTAssertTrue(notices[0].contains("none of the previous roster's agents is in the team"), notices[0])
        notices = []
        try RosterStage.checkPrevious(
            [row("A", monday.adding(days: -1), line: 2)], path: "prev.csv", team: team,
            dates: (0..<7).map { monday.adding(days: $0) }, notices: &notices)
        XCTAssertEqual(notices, [])
    }
}
