import StaffcastCore
import XCTest

@testable import Rostering

final class TeamReaderTests: XCTestCase {
    static let team = """
        id,name,skills,min_hours,max_hours,max_shifts,max_days_in_a_row,min_days_off_in_a_row,max_weekends,earliest_start,latest_end
        A1,Anna de Vries,phone>chat|whatsapp>email,32,36,,5,2,1,07:00,20:00
        B2,"Bram, student",email,0,24,3,3,1,2,16:00,23:00
        """

    func testReadsSkillsInPreferenceOrder() throws {
        let agents = try TeamReader.parseTeam(text: Self.team, file: "team.csv")
        XCTAssertEqual(agents.count, 2)
        XCTAssertEqual(
            agents[0].skills,
            [
                Skill(channel: "phone", rank: 0), Skill(channel: "chat", rank: 1),
                Skill(channel: "whatsapp", rank: 1), Skill(channel: "email", rank: 2),
            ])
        XCTAssertEqual(agents[0].minHoursPerWeek, 32)
        XCTAssertNil(agents[0].maxShifts)
        XCTAssertEqual(agents[0].earliestStartSeconds, 7 * 3600)
        XCTAssertEqual(agents[0].latestEndSeconds, 20 * 3600)
        XCTAssertEqual(agents[1].name, "Bram, student")
        XCTAssertEqual(agents[1].maxShifts, 3)
        XCTAssertEqual(agents[1].maxWeekends, 2)
    }

    private func teamError(_ text: String) -> String {
        do {
            _ = try TeamReader.parseTeam(text: text, file: "team.csv")
            return "no error"
        } catch { return error.description }
    }

    func testTeamErrorsNameLineAndColumn() {
        XCTAssertEqual(
            teamError(Self.team.replacingOccurrences(of: ",32,36,", with: ",40,36,")),
            "team.csv:2:44: the contract minimum (40 h) is above its maximum (36 h)")
        XCTAssertEqual(
            teamError(Self.team.replacingOccurrences(of: "B2,", with: "A1,")),
            "team.csv:3:1: agent 'A1' is listed twice (first on line 2)")
        XCTAssertEqual(
            teamError(Self.team.replacingOccurrences(of: "07:00,20:00", with: "7h,20:00")),
            "team.csv:2:57: expected a local time HH:MM, found '7h'")
        XCTAssertEqual(
            teamError(Self.team.replacingOccurrences(of: "phone>chat|whatsapp>email", with: "phone>>email")),
            "team.csv:2:18: expected channels separated by > (preference) or | (equal), found 'phone>>email'")
        XCTAssertEqual(
            teamError(Self.team.replacingOccurrences(of: ",latest_end", with: "")).prefix(43),
            "team.csv:1:114: missing column 'latest_end'")
    }

    func testRequests() throws {
        let agents = try TeamReader.parseTeam(text: Self.team, file: "team.csv")
        let text = """
            agent,date,kind,shift,weight
            A1,2026-01-05,unavailable,,
            A1,2026-01-06,want_shift,08:00-16:30,3
            B2,2026-01-07,avoid_day,,2.5
            """
        let requests = try TeamReader.parseRequests(text: text, file: "requests.csv", team: agents)
        XCTAssertEqual(
            requests,
            [
                AgentRequest(agent: "A1", date: CivilDate(year: 2026, month: 1, day: 5)!, kind: .unavailable),
                AgentRequest(
                    agent: "A1", date: CivilDate(year: 2026, month: 1, day: 6)!, kind: .wantShift,
                    window: 8 * 3600...16 * 3600 + 1800, weight: 3),
                AgentRequest(agent: "B2", date: CivilDate(year: 2026, month: 1, day: 7)!, kind: .avoidDay, weight: 2.5),
            ])
        func error(_ row: String) -> String {
            do {
                _ = try TeamReader.parseRequests(
                    text: "agent,date,kind,shift,weight\n" + row, file: "r.csv", team: agents)
                return "no error"
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(error("C3,2026-01-05,unavailable,,"), "r.csv:2:1: 'C3' is not an agent of the team")
        XCTAssertEqual(
            error("A1,2026-02-30,unavailable,,"), "r.csv:2:4: expected a date YYYY-MM-DD, found '2026-02-30'")
        XCTAssertEqual(
            error("A1,2026-01-05,unavailable,,3"),
            "r.csv:2:28: an unavailable day is a hard rule and takes no weight, found '3'")
        XCTAssertEqual(
            error("A1,2026-01-05,holiday,,3"),
            "r.csv:2:15: expected one of unavailable, want_day, avoid_day, want_shift, avoid_shift, found 'holiday'")
        XCTAssertEqual(
            error("A1,2026-01-05,want_shift,16:00-08:00,3"),
            "r.csv:2:26: expected a local window HH:MM-HH:MM such as 08:00-16:30, found '16:00-08:00'")
    }

    func testTheExampleTeamReads() throws {
        // The bundled web-shop team (datasets/webshop_team.csv): 344 agents over the five channels.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let agents = try TeamReader.readTeam(path: root.appendingPathComponent("datasets/webshop_team.csv").path)
        XCTAssertEqual(agents.count, 344)
        XCTAssertEqual(
            Set(agents.flatMap { $0.skills.map(\.channel) }), ["phone", "chat", "email", "whatsapp", "social"])
        let requests = try TeamReader.readRequests(
            path: root.appendingPathComponent("datasets/webshop_requests.csv").path, team: agents)
        XCTAssertEqual(requests.count, 16)
    }
}
