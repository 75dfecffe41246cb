import Scheduling
import StaffcastCore
import XCTest

@testable import Rostering

final class RosterSolverTests: XCTestCase {
    static let monday = CivilDate(year: 2025, month: 3, day: 3)!  // a Monday, UTC: no clock change

    static func requirement(_ channel: String, days: Int, interval: Int = 3600, _ value: (Int, Int) -> Int)
        -> ChannelRequirement
    {
        ChannelRequirement(
            channel: channel, intervalSeconds: interval,
            days: (0..<days).map { d in
                let date = monday.adding(days: d)
                return DayRequirement(
                    date: date, startInstant: Int64(date.daysSinceEpoch) * 86_400,
                    required: (0..<86_400 / interval).map { value(d, $0) })
            })
    }

    /// Every hard rule, checked on the published roster with nothing but the rule text.
    static func violations(_ roster: Roster, _ input: RosterInput) -> [String] {
        var found: [String] = []
        let days = input.requirements[0].days.count
        let dates = input.requirements[0].days.map(\.date)
        for agent in input.team {
            let mine = roster.shifts.filter { $0.agent == agent.id }.sorted { $0.start < $1.start }
            var worked = [Bool](repeating: false, count: days)
            var minutes = 0.0
            for shift in mine {
                guard let d = dates.firstIndex(of: shift.date) else {
                    found.append("\(agent.id): shift outside the period")
                    continue
                }
                if worked[d] { found.append("\(agent.id): two shifts on \(shift.date)") }
                worked[d] = true
                let midnight = Int64(shift.date.daysSinceEpoch) * 86_400
                let startClock = Int(shift.start - midnight)
                let endClock = Int(shift.end - midnight)
                if startClock < agent.earliestStartSeconds || endClock > agent.latestEndSeconds {
                    found.append("\(agent.id): outside start/end on \(shift.date)")
                }
                // The shift matches a template: length, start window and step, weekday, break window.
                let fits = input.templates.contains { t in
                    guard t.lengthSeconds == endClock - startClock, startClock >= t.earliestStartSeconds,
                        startClock <= t.latestStartSeconds,
                        (startClock - t.earliestStartSeconds) % t.startEverySeconds == 0,
                        t.weekdays?.contains(shift.date.weekday) ?? true
                    else { return false }
                    if let rule = t.breakRule {
                        guard let bs = shift.breakStart, let be = shift.breakEnd else { return false }
                        return Int(be - bs) == rule.lengthSeconds
                            && Int(bs - shift.start) >= rule.earliestStartAfterShiftStart
                            && Int(be - shift.start) <= rule.latestEndAfterShiftStart
                    }
                    return shift.breakStart == nil
                }
                if !fits { found.append("\(agent.id): \(shift.date) matches no template") }
                minutes += shift.paidHours * 60
                for block in shift.activities where !agent.skills.contains(where: { $0.channel == block.channel }) {
                    found.append("\(agent.id): works \(block.channel) without the skill")
                }
                let covered =
                    shift.activities.reduce(0) { $0 + $1.end - $1.start }
                    + ((shift.breakEnd ?? 0) - (shift.breakStart ?? 0))
                if covered != shift.end - shift.start {
                    found.append("\(agent.id): activities do not fill the shift on \(shift.date)")
                }
                if input.requests.contains(where: {
                    $0.agent == agent.id && $0.kind == .unavailable && $0.date == shift.date
                }) {
                    found.append("\(agent.id): works on \(shift.date), unavailable")
                }
            }
            // Rest between consecutive shifts, the previous week's last shift included.
            var ends = input.previousShifts.filter { $0.agent == agent.id }.map(\.end)
            for shift in mine {
                if let last = ends.last, shift.start - last < Int64(input.minimumRestSeconds) {
                    found.append("\(agent.id): \(shift.start - last) s rest before \(shift.date)")
                }
                ends.append(shift.end)
            }
            let scale = Double(days) / 7
            if minutes > agent.maxHoursPerWeek * 60 * scale + 1e-6 {
                found.append("\(agent.id): \(minutes) min above the contract")
            }
            if minutes < (agent.minHoursPerWeek * 60 * scale).rounded(.down) - 1e-6,
                !roster.warnings.contains(where: { $0.hasPrefix(agent.id + ":") })
            {
                found.append("\(agent.id): \(minutes) min below the contract")
            }
            if let most = agent.maxShifts, mine.count > most * ((days + 6) / 7) {
                found.append("\(agent.id): \(mine.count) shifts")
            }
            // Runs: days in a row (with the carried-in run), days off in a row between two working runs.
            let carried = input.previousShifts.first { $0.agent == agent.id }
            var run = 0
            var offRun = 0
            if let carried {
                let gap = Int64(dates[0].daysSinceEpoch) * 86_400 - carried.end
                if gap < 86_400 { run = carried.daysInARow } else { offRun = Int((gap + 86_399) / 86_400) - 1 }
            }
            var seenWork = carried != nil
            for d in 0..<days {
                if worked[d] {
                    if offRun > 0 && seenWork && offRun < agent.minDaysOffInARow {
                        found.append("\(agent.id): \(offRun) days off before \(dates[d])")
                    }
                    offRun = 0
                    run += 1
                    seenWork = true
                    if run > agent.maxDaysInARow { found.append("\(agent.id): \(run) days in a row to \(dates[d])") }
                } else {
                    run = 0
                    offRun += 1
                }
            }
            let weekends = Set(
                (0..<days).filter { worked[$0] && dates[$0].weekday >= 6 }.map { d -> Int in
                    dates[d].weekday == 7 ? d - 1 : d
                })
            // Weekends (and shifts) are per week, like the hours: a two-week period allows twice.
            if weekends.count > agent.maxWeekends * ((days + 6) / 7) {
                found.append("\(agent.id): \(weekends.count) weekends")
            }
        }
        return found
    }

    func testHardRulesHoldOnRandomSmallTeams() throws {
        var random = Xoshiro256StarStar(seed: 77)
        func draw(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let channels = ["phone", "chat", "email"]
        var solved = 0
        for trial in 0..<12 {
            let days = 3 + draw(5)
            let requirements = channels.map { channel in
                Self.requirement(channel, days: days) { _, h in (8..<20).contains(h) ? draw(3) : 0 }
            }
            let templates = [
                ShiftTemplate(
                    name: "8h", lengthSeconds: 8 * 3600, earliestStartSeconds: 6 * 3600, latestStartSeconds: 14 * 3600,
                    startEverySeconds: 3600,
                    breakRule: BreakRule(
                        lengthSeconds: 3600, earliestStartAfterShiftStart: 3 * 3600, latestEndAfterShiftStart: 6 * 3600)
                ),
                ShiftTemplate(
                    name: "4h", lengthSeconds: 4 * 3600, earliestStartSeconds: 8 * 3600, latestStartSeconds: 20 * 3600,
                    startEverySeconds: 3600,
                    weekdays: draw(2) == 0 ? nil : [1, 2, 3, 4, 5]),
            ]
            let team = (0..<2 + draw(4)).map { i -> Agent in
                let skillCount = 1 + draw(3)
                let skills = (0..<skillCount).map { Skill(channel: channels[(i + $0) % 3], rank: draw(2)) }
                let maxHours = Double(8 + 4 * draw(9))
                return Agent(
                    id: "A\(i)", name: "Agent \(i)", skills: skills, minHoursPerWeek: Double(draw(Int(maxHours) + 1)),
                    maxHoursPerWeek: maxHours,
                    maxShifts: draw(2) == 0 ? nil : 1 + draw(5), maxDaysInARow: 1 + draw(5), minDaysOffInARow: draw(3),
                    maxWeekends: draw(2), earliestStartSeconds: 3600 * draw(10), latestEndSeconds: 3600 * (16 + draw(9))
                )
            }
            let requests = team.compactMap { agent -> AgentRequest? in
                draw(2) == 0
                    ? AgentRequest(agent: agent.id, date: Self.monday.adding(days: draw(days)), kind: .unavailable)
                    : nil
            }
            let previous = team.compactMap { agent -> PreviousShift? in
                draw(2) == 0
                    ? PreviousShift(
                        agent: agent.id, end: Int64(Self.monday.daysSinceEpoch) * 86_400 - Int64(3600 * (1 + draw(6))),
                        daysInARow: 1 + draw(4)) : nil
            }
            let input = RosterInput(
                team: team, requests: requests, requirements: requirements, templates: templates,
                previousShifts: previous, moves: 30, seed: UInt64(trial))
            // Random rules may leave an agent with no legal week at all: that is an error, skipped here.
            guard let roster = try? RosterSolver.solve(input) else { continue }
            solved += 1
            XCTAssertEqual(Self.violations(roster, input), [], "trial \(trial)")
            // The published coverage counts exactly the agents the roster puts on each channel.
            for row in roster.coverage.prefix(60) {
                let count = roster.shifts.reduce(0) {
                    $0
                        + $1.activities.filter {
                            $0.channel == row.channel && $0.start <= row.instant && $0.end > row.instant
                        }.count
                }
                XCTAssertEqual(row.rostered, count)
            }
        }
        XCTAssertGreaterThanOrEqual(solved, 8)
    }

    func testTheCheckerSeesBrokenRules() throws {
        let team = [
            Agent(
                id: "A", name: "A", skills: [Skill(channel: "phone", rank: 0)], minHoursPerWeek: 0, maxHoursPerWeek: 16,
                maxDaysInARow: 1, minDaysOffInARow: 1, maxWeekends: 0, earliestStartSeconds: 8 * 3600,
                latestEndSeconds: 20 * 3600)
        ]
        let input = RosterInput(
            team: team,
            requirements: [Self.requirement("phone", days: 7) { d, h in d < 2 && (9..<17).contains(h) ? 1 : 0 }],
            templates: [ShiftTemplate(name: "8h", lengthSeconds: 8 * 3600, startEverySeconds: 3600)], moves: 5)
        let roster = try RosterSolver.solve(input)
        XCTAssertEqual(Self.violations(roster, input), [])
        XCTAssertEqual(roster.shifts.count, 1, "one day in a row at most: one of the two days")
        var broken = roster
        var second = roster.shifts[0]
        second.date = second.date == Self.monday ? Self.monday.adding(days: 1) : Self.monday
        let shift = Int64(second.date == Self.monday ? -86_400 : 86_400)
        second.start += shift
        second.end += shift
        second.activities = second.activities.map {
            ActivityBlock(channel: "chat", start: $0.start + shift, end: $0.end + shift)
        }
        broken.shifts.append(second)
        XCTAssertEqual(
            Set(Self.violations(broken, input)),
            ["A: works chat without the skill", "A: 2 days in a row to \(Self.monday.adding(days: 1))"])
    }

    /// Two single-skill agents, three days, two start times: every roster enumerated, the
    /// objective computed here from its definition.
    func testSmallInstanceMatchesEnumeration() throws {
        let requirements = [
            Self.requirement("phone", days: 3) { d, h in (8..<12).contains(h) ? 1 + (d == 1 ? 1 : 0) : 0 },
            Self.requirement("chat", days: 3) { d, h in (12..<16).contains(h) && d != 2 ? 1 : 0 },
        ]
        let templates = [
            ShiftTemplate(
                name: "4h", lengthSeconds: 4 * 3600, earliestStartSeconds: 8 * 3600, latestStartSeconds: 12 * 3600,
                startEverySeconds: 4 * 3600)
        ]
        let team = [
            Agent(
                id: "P", name: "P", skills: [Skill(channel: "phone", rank: 0)], minHoursPerWeek: 0, maxHoursPerWeek: 28,
                maxDaysInARow: 2,
                minDaysOffInARow: 1, maxWeekends: 1),
            Agent(
                id: "C", name: "C", skills: [Skill(channel: "chat", rank: 0)], minHoursPerWeek: 0, maxHoursPerWeek: 28,
                maxDaysInARow: 3,
                minDaysOffInARow: 1, maxWeekends: 1),
        ]
        let requests = [
            AgentRequest(agent: "P", date: Self.monday, kind: .avoidDay, weight: 30),
            AgentRequest(
                agent: "C", date: Self.monday.adding(days: 1), kind: .wantShift, window: 7 * 3600...12 * 3600, weight: 7
            ),
        ]
        var weights = RosterWeights()
        weights.underCover = 10
        weights.overCover = 2
        weights.eveningFairness = 0
        weights.weekendFairness = 0
        let input = RosterInput(
            team: team, requests: requests, requirements: requirements, templates: templates, weights: weights,
            moves: 50)
        let roster = try RosterSolver.solve(input)
        // Each agent each day: off, 08:00–12:00 or 12:00–16:00 (0, 1, 2). P: at most 2 days in a row.
        let phone = requirements[0].days.map(\.required)
        let chat = requirements[1].days.map(\.required)
        var best = Double.infinity
        for p in 0..<27 {
            let pw = [p % 3, (p / 3) % 3, p / 9]
            if !pw.contains(0) { continue }  // three days in a row
            for c in 0..<27 {
                let cw = [c % 3, (c / 3) % 3, c / 9]
                var total = 0.0
                for d in 0..<3 {
                    for h in 0..<24 {
                        let onPhone = pw[d] == (h < 12 ? 1 : 2) && (8..<16).contains(h) ? 1 : 0
                        let onChat = cw[d] == (h < 12 ? 1 : 2) && (8..<16).contains(h) ? 1 : 0
                        for (have, need) in [(onPhone, phone[d][h]), (onChat, chat[d][h])] {
                            total += have < need ? Double(need - have) * 10 : Double(have - need) * 2
                        }
                    }
                }
                if pw[0] != 0 { total += 30 }
                if cw[1] != 1 { total += 7 }
                best = min(best, total)
            }
        }
        XCTAssertEqual(roster.objective.total, best, accuracy: 1e-9)
        XCTAssertEqual(Self.violations(roster, input), [])
    }

    func testSameInputsSameBytes() throws {
        let channels = ["phone", "chat"]
        let requirements = channels.map { c in
            Self.requirement(c, days: 7) { d, h in (8..<20).contains(h) ? (d + h + c.count) % 3 : 0 }
        }
        let team = (0..<4).map { i in
            Agent(
                id: "A\(i)", name: "Agent \(i)",
                skills: [Skill(channel: channels[i % 2], rank: 0), Skill(channel: channels[(i + 1) % 2], rank: 1)],
                minHoursPerWeek: 16, maxHoursPerWeek: 32)
        }
        let templates = [
            ShiftTemplate(
                name: "8h", lengthSeconds: 8 * 3600, earliestStartSeconds: 7 * 3600, latestStartSeconds: 12 * 3600,
                startEverySeconds: 3600,
                breakRule: BreakRule(
                    lengthSeconds: 3600, earliestStartAfterShiftStart: 3 * 3600, latestEndAfterShiftStart: 5 * 3600))
        ]
        let input = RosterInput(
            team: team, requirements: requirements, templates: templates, deferredChannels: ["chat": 7200], moves: 40)
        let first = try RosterSolver.solve(input)
        let second = try RosterSolver.solve(input)
        XCTAssertEqual(first.csv(team: team, calendar: .utc), second.csv(team: team, calendar: .utc))
        XCTAssertEqual(first.coverage, second.coverage)
        XCTAssertEqual(Self.violations(first, input), [])
        XCTAssertTrue(
            first.csv(team: team, calendar: .utc).hasPrefix(
                "agent,name,date,shift_start,shift_end,break_start,break_end,channel,activity_start,activity_end\nA"))
    }

    /// Sunday's late shift ended at 23:00: Monday may start no earlier than 10:00.
    func testElevenHoursRestAcrossTheWeekBoundary() throws {
        let requirements = [Self.requirement("phone", days: 7) { d, h in d == 0 && (6..<14).contains(h) ? 1 : 0 }]
        let templates = [
            ShiftTemplate(
                name: "8h", lengthSeconds: 8 * 3600, earliestStartSeconds: 6 * 3600, latestStartSeconds: 12 * 3600,
                startEverySeconds: 3600)
        ]
        let team = [
            Agent(
                id: "A", name: "A", skills: [Skill(channel: "phone", rank: 0)], minHoursPerWeek: 0, maxHoursPerWeek: 40)
        ]
        let sundayEnd = Int64(Self.monday.daysSinceEpoch) * 86_400 - 3600
        let input = RosterInput(
            team: team, requirements: requirements, templates: templates,
            previousShifts: [PreviousShift(agent: "A", end: sundayEnd, daysInARow: 1)], moves: 10)
        let roster = try RosterSolver.solve(input)
        XCTAssertEqual(roster.shifts.count, 1)
        XCTAssertEqual(
            roster.shifts[0].start - sundayEnd, 11 * 3600,
            "the earliest legal start, 10:00, covers the most of 06:00–14:00")
        // 06:00–10:00 stays uncovered, and the cause names the agent held off by the rules.
        XCTAssertEqual(roster.uncovered.map(\.shortfall), [1, 1, 1, 1])
        XCTAssertEqual(roster.uncovered.first?.cause, "shortage: 1 on a shift that does not cover this time")
        // Without the previous week, 06:00 is legal and everything is covered.
        let free = try RosterSolver.solve(
            RosterInput(team: team, requirements: requirements, templates: templates, moves: 10))
        XCTAssertEqual(free.uncovered, [])
    }
}
