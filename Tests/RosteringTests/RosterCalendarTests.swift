import Foundation
import Scheduling
import StaffcastCore
import XCTest

@testable import Rostering

/// The agents' calendars under a strict RFC 5545 reading: CRLF line ends, lines folded at 75
/// octets, `BEGIN`/`END` nested, every content line `name *(;param) : value`, TEXT escaped, a
/// `VTIMEZONE` for the zone with the autumn change, UIDs stable from one publication to the next
/// and a shift that disappeared sent as cancelled.
final class RosterCalendarTests: XCTestCase {
    let calendar = try! PlanningCalendar(identifier: "Europe/Amsterdam")
    /// Saturday 2025-10-25: the night shift 23:00 → 07:00 crosses the end of summer time.
    let saturday = CivilDate(year: 2025, month: 10, day: 25)!

    func roster(nights: Int) -> Roster {
        let shifts = (0..<nights).map { d -> RosterShift in
            let date = saturday.adding(days: d)
            let start = calendar.startOfDay(date) + 23 * 3600
            let end = calendar.instants(for: LocalDateTime(date: date.adding(days: 1), secondsOfDay: 7 * 3600))[0]
            return RosterShift(
                agent: "A;1", date: date, template: "night", start: start, end: end, breakStart: start + 4 * 3600,
                breakEnd: start + 4 * 3600 + 1800,
                activities: [
                    ActivityBlock(channel: "chat, night", start: start, end: start + 4 * 3600),
                    ActivityBlock(channel: "whats\\app", start: start + 4 * 3600 + 1800, end: end),
                ], paidHours: Double(end - start) / 3600 - 0.5)
        }
        return Roster(
            shifts: shifts, hours: [], coverage: [], uncovered: [],
            objective: RosterObjective(
                underCover: 0, overCover: 0, requests: 0, fairness: 0, switches: 0, preferences: 0),
            warnings: [])
    }

    var period: Range<Int64> { calendar.startOfDay(saturday)..<calendar.startOfDay(saturday.adding(days: 7)) }

    func publish(_ roster: Roster, previous: String? = nil) -> String {
        let agent = Agent(
            id: "A;1", name: "Ann, \"the night\"", skills: [Skill(channel: "chat", rank: 0)], minHoursPerWeek: 0,
            maxHoursPerWeek: 40)
        let files = RosterCalendar.files(
            roster: roster, team: [agent], calendar: calendar, period: period, stamp: period.lowerBound,
            published: { _ in previous })
        XCTAssertEqual(files.count, 1)
        XCTAssertEqual(files.first?.name.hasSuffix(".ics"), true)
        XCTAssertFalse(files.first?.name.contains(";") ?? true, "the file name is made safe")
        return files.first?.text ?? ""
    }

    /// The strict reading: the lines, unfolded.
    func strictLines(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        XCTAssertTrue(text.hasSuffix("\r\n"), file: file, line: line)
        let physical = text.components(separatedBy: "\r\n").dropLast()
        var logical: [String] = []
        for raw in physical {
            XCTAssertFalse(raw.contains("\n") || raw.contains("\r"), "bare line break: \(raw)", file: file, line: line)
            XCTAssertLessThanOrEqual(raw.utf8.count, 75, "not folded: \(raw)", file: file, line: line)
            if raw.hasPrefix(" ") {
                logical[logical.count - 1] += raw.dropFirst()
            } else {
                logical.append(raw)
            }
        }
        var stack: [String] = []
        for content in logical {
            guard let colon = content.firstIndex(of: ":") else {
                XCTFail("no value: \(content)", file: file, line: line)
                continue
            }
            let name = content[..<colon].split(separator: ";").first.map(String.init) ?? ""
            XCTAssertTrue(
                !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") },
                "bad name: \(content)", file: file, line: line)
            let value = String(content[content.index(after: colon)...])
            if name == "BEGIN" { stack.append(value) }
            if name == "END" { XCTAssertEqual(stack.popLast(), value, file: file, line: line) }
            if name == "SUMMARY" || name == "DESCRIPTION" || name == "X-WR-CALNAME" {
                // TEXT: every ; , and \ escaped.
                var escaped = false
                for c in value {
                    if escaped {
                        XCTAssertTrue("\\;,nN".contains(c), "bad escape in \(content)", file: file, line: line)
                        escaped = false
                    } else if c == "\\" {
                        escaped = true
                    } else {
                        XCTAssertFalse(c == ";" || c == ",", "unescaped \(c) in \(content)", file: file, line: line)
                    }
                }
            }
        }
        XCTAssertEqual(stack, [], file: file, line: line)
        return logical
    }

    func testCalendarsParseStrictly() throws {
        let text = publish(roster(nights: 2))
        let lines = strictLines(text)
        XCTAssertEqual(lines.first, "BEGIN:VCALENDAR")
        XCTAssertTrue(lines.contains("TZID:Europe/Amsterdam"))
        // The autumn change: from +0200 to +0100 at 03:00 summer time.
        XCTAssertTrue(lines.contains("DTSTART:20251026T030000"), "\(lines)")
        XCTAssertTrue(lines.contains("TZOFFSETFROM:+0200") && lines.contains("TZOFFSETTO:+0100"))
        XCTAssertTrue(lines.contains("DTSTART;TZID=Europe/Amsterdam:20251025T230000"))
        XCTAssertTrue(lines.contains("DTEND;TZID=Europe/Amsterdam:20251026T070000"))
        XCTAssertTrue(lines.contains("SUMMARY:chat\\, night\\, whats\\\\app"), "\(lines)")
        XCTAssertTrue(lines.contains("X-WR-CALNAME:Roster Ann\\, \"the night\""), "\(lines)")
        XCTAssertEqual(lines.filter { $0 == "BEGIN:VEVENT" }.count, 2)
        // Read back: two events, the first 9 real hours long (the clocks went back).
        let events = RosterCalendar.parse(text, calendar: calendar)
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(events[0].end - events[0].start, 9 * 3600)
        XCTAssertEqual(events[0].summary, "chat, night, whats\\app")
        XCTAssertTrue(events[0].description.hasPrefix("Break 02:00–02:30\n"), events[0].description)
    }

    func testUIDsAreStableAndAGoneShiftIsCancelled() throws {
        let first = publish(roster(nights: 2))
        let again = publish(roster(nights: 2), previous: first)
        XCTAssertEqual(first, again, "a re-publication of the same roster is the same file")
        let fewer = publish(roster(nights: 1), previous: first)
        let events = RosterCalendar.parse(fewer, calendar: calendar)
        let old = RosterCalendar.parse(first, calendar: calendar)
        XCTAssertEqual(events.map(\.uid), old.map(\.uid), "the same UIDs, none added")
        XCTAssertEqual(events.map(\.cancelled), [false, true])
        _ = strictLines(fewer)
        XCTAssertTrue(fewer.contains("STATUS:CANCELLED\r\n"))
    }

    func testFoldingNeverSplitsACharacter() {
        let long = "DESCRIPTION:" + String(repeating: "é", count: 100)
        let folded = RosterCalendar.fold(long)
        for line in folded.components(separatedBy: "\r\n") {
            XCTAssertLessThanOrEqual(line.utf8.count, 75)
            XCTAssertNotNil(String(data: Data(line.utf8), encoding: .utf8))
        }
        XCTAssertEqual(folded.replacingOccurrences(of: "\r\n ", with: ""), long)
    }
}
