import Foundation
import Scheduling
import StaffcastCore
import XCTest

@testable import Rostering

/// Hostile team, requests and previous-roster files (two to five agents each): every value that
/// could be read two ways, or would reach a trap, is refused naming its cell; limits beyond what a
/// period can hold mean no limit; names that would reach a file or a page with a control
/// character are refused; the roster never publishes a formula.
final class TeamFileRulesTests: XCTestCase {
    static let header =
        "id,name,skills,min_hours,max_hours,max_shifts,max_days_in_a_row,min_days_off_in_a_row,max_weekends,earliest_start,latest_end\n"

    func team(_ rows: [String]) -> String { Self.header + rows.joined(separator: "\n") + "\n" }

    func error(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch { return "\(error)" }
    }

    func teamError(_ row: String) -> String {
        error { _ = try TeamReader.parseTeam(text: team([row]), file: "team.csv") }
    }

    /// Signs, hexadecimal, exponents and huge numbers: two readings, or a trap, refused at the cell.
    func testNumbersAndClockTimesAreReadOneWay() {
        XCTAssertTrue(teamError("A,Ann,chat,0,1e17,,5,1,1,07:00,20:00").hasPrefix("team.csv:2:"))
        XCTAssertTrue(teamError("A,Ann,chat,0,1e17,,5,1,1,07:00,20:00").contains("plain number from 0 to 168"))
        XCTAssertTrue(teamError("A,Ann,chat,0,2000000,,5,1,1,07:00,20:00").contains("found '2000000'"))
        XCTAssertTrue(teamError("A,Ann,chat,0,0x24,,5,1,1,07:00,20:00").contains("found '0x24'"))
        XCTAssertTrue(teamError("A,Ann,chat,+8,36,,5,1,1,07:00,20:00").contains("found '+8'"))
        XCTAssertTrue(teamError("A,Ann,chat,0,36,,+5,1,1,07:00,20:00").contains("found '+5'"))
        XCTAssertTrue(teamError("A,Ann,chat,0,36,,5,1,1,-0:30,20:00").contains("found '-0:30'"))
        XCTAssertTrue(teamError("A,Ann,chat,0,36,,5,1,1,+7:00,20:00").contains("found '+7:00'"))
        XCTAssertEqual(
            error {
                _ = try TeamReader.parseRequests(
                    text: "agent,date,kind,shift,weight\nA,+2003-01-01,want_day,,1\n", file: "requests.csv",
                    team: try TeamReader.parseTeam(text: self.team(["A,Ann,chat,0,36,,5,1,1,07:00,20:00"]), file: "t"))
            }, "requests.csv:2:3: expected a date YYYY-MM-DD, found '+2003-01-01'")
    }

    /// Limits no period can reach (9223372036854775807 days in a row) are read as no limit.
    func testLimitsBeyondThePeriodMeanNoLimit() throws {
        let agents = try TeamReader.parseTeam(
            text: team(["A,Ann,chat,0,40,,9223372036854775807,1000000,10000000,07:00,20:00"]), file: "team.csv")
        let requirement = RosterSolverTests.requirement("chat", days: 7) { _, hour in (8..<16).contains(hour) ? 1 : 0 }
        let template = ShiftTemplate(
            name: "8h", lengthSeconds: 8 * 3600, earliestStartSeconds: 8 * 3600, latestStartSeconds: 8 * 3600,
            startEverySeconds: 3600)
        let roster = try RosterSolver.solve(
            RosterInput(team: agents, requirements: [requirement], templates: [template], moves: 20))
        XCTAssertEqual(roster.shifts.count, 5, "40 hours: five 8-hour shifts")
    }

    /// Request weights whose sum would overflow to infinity are refused at the cell.
    func testWeightsAreBounded() throws {
        let agents = try TeamReader.parseTeam(text: team(["A,Ann,chat,30,40,,5,1,1,07:00,20:00"]), file: "team.csv")
        let message = error {
            _ = try TeamReader.parseRequests(
                text: "agent,date,kind,shift,weight\nA,2025-03-03,want_day,,1e308\n", file: "requests.csv",
                team: agents)
        }
        XCTAssertTrue(message.hasPrefix("requests.csv:2:24: expected the request's weight"), message)
    }

    /// Control characters, line breaks, DEL, NEL and bidirectional overrides in ids and names.
    func testNamesWithControlCharactersAreRefused() {
        for bad in ["Ann\nB", "Ann\u{7F}", "Ann\u{85}", "Ann\u{202E}nnA"] {
            let quoted = "\"" + bad + "\""
            let message = teamError("A,\(quoted),chat,0,36,,5,1,1,07:00,20:00")
            XCTAssertTrue(message.hasPrefix("team.csv:2:3:"), message)
            XCTAssertTrue(message.contains("control character"), message)
        }
        XCTAssertTrue(teamError("\"A\u{202E}\",Ann,chat,0,36,,5,1,1,07:00,20:00").hasPrefix("team.csv:2:1:"))
        // ESC is refused by the CSV reader itself, at its cell.
        XCTAssertTrue(teamError("A,\"Ann\u{1B}[31m\",chat,0,36,,5,1,1,07:00,20:00").hasPrefix("team.csv:2:"))
    }

    /// A mistyped skill is never dropped: the roster names the team file's cell.
    func testAnUnknownSkillNamesItsCell() throws {
        let agents = try TeamReader.parseTeam(
            text: team(["A,Ann,chat|chta,0,40,,5,1,1,07:00,20:00"]), file: "team.csv")
        let requirement = RosterSolverTests.requirement("chat", days: 1) { _, hour in hour == 9 ? 1 : 0 }
        let template = ShiftTemplate(name: "4h", lengthSeconds: 4 * 3600, startEverySeconds: 3600)
        let message = error {
            _ = try RosterSolver.solve(RosterInput(team: agents, requirements: [requirement], templates: [template]))
        }
        XCTAssertEqual(
            message, "team.csv:2:7: agent 'A': unknown channel 'chta' in the skills; the plan's channels are chat")
    }

    /// Ids and names that begin like a formula reach roster.csv and agent_hours.csv neutralised.
    func testFormulaNamesAreNeutralised() throws {
        let agents = try TeamReader.parseTeam(
            text: team(["=cmd|' /C calc'!A0,@SUM(1),chat,0,40,,5,1,1,07:00,20:00"]), file: "team.csv")
        let requirement = RosterSolverTests.requirement("chat", days: 1) { _, hour in hour == 9 ? 1 : 0 }
        let template = ShiftTemplate(name: "4h", lengthSeconds: 4 * 3600, startEverySeconds: 3600)
        let roster = try RosterSolver.solve(
            RosterInput(team: agents, requirements: [requirement], templates: [template]))
        let csv = RosterFile.write(roster, team: agents, calendar: .utc)
        XCTAssertTrue(csv.contains("\n'=cmd|' /C calc'!A0,'@SUM(1),"), csv)
        XCTAssertTrue(roster.hoursCSV().contains("\n'=cmd|' /C calc'!A0,"), roster.hoursCSV())
    }

    /// A team file in Windows-1252 is read with the notice the history reader gives.
    func testAnEncodingNoticeIsGiven() throws {
        var bytes = Array(team(["A,Ren\u{E9},chat,0,36,,5,1,1,07:00,20:00"]).utf8)
        // "é" as Windows-1252's one byte instead of UTF-8's two.
        if let at = bytes.firstIndex(of: 0xC3) { bytes.replaceSubrange(at...(at + 1), with: [0xE9]) }
        var notices: [String] = []
        let agents = try TeamReader.parseTeam(data: Data(bytes), file: "team.csv") { notices.append($0) }
        XCTAssertEqual(agents.first?.name, "René")
        XCTAssertEqual(notices.count, 1, "\(notices)")
    }

    /// A previous roster whose date contradicts its shift's times is refused at the date.
    func testAPreviousRosterDateMustMatchItsShift() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("prev-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: path) }
        let header = RosterFile.Column.allCases.map(\.rawValue).joined(separator: ",")
        try Data(
            (header
                + "\nA,Ann,2025-03-01,2025-03-03T08:00:00Z,2025-03-03T16:00:00Z,,,chat,2025-03-03T08:00:00Z,2025-03-03T16:00:00Z\n")
                .utf8
        ).write(to: path)
        let message = error { _ = try RosterFile.read(path: path.path, calendar: .utc) }
        XCTAssertTrue(message.contains(":2:7: the shift is dated 2025-03-01 but ends 2025-03-03T16:00:00Z"), message)
    }
}
