import Foundation
import StaffcastCore

/// The last shifts of a published roster (`roster.csv`, as ``Roster/csv(team:calendar:)`` writes
/// it), for the rest and days-in-a-row rules across the week boundary: per agent, the end of their
/// last shift before `periodStart` and the days worked in a row up to that shift's date.
public enum PreviousRoster {
    public static func read(path: String, periodStart: Int64, calendar: PlanningCalendar) throws(RosteringError)
        -> [PreviousShift]
    {
        var reader = try TeamReader.reader(path: path)
        let columns = [
            "agent", "name", "date", "shift_start", "shift_end", "break_start", "break_end", "channel",
            "activity_start", "activity_end",
        ]
        let (index, rows) = try TeamReader.table(&reader, columns: columns)
        var dates: [String: Set<CivilDate>] = [:]
        var lastEnd: [String: (end: Int64, date: CivilDate)] = [:]
        for record in rows {
            func field(_ name: String) -> Int { index[name] ?? 0 }
            let agent = record.fields[field("agent")]
            let endText = record.fields[field("shift_end")]
            let end: Int64
            do { end = try TimestampParser.parseInstant(endText, calendar: calendar) } catch {
                throw .badData(
                    record.location(ofField: field("shift_end")), "expected an ISO 8601 timestamp, found '\(endText)'")
            }
            let dateText = record.fields[field("date")]
            let parts = dateText.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let date = CivilDate(year: parts[0], month: parts[1], day: parts[2]) else {
                throw .badData(
                    record.location(ofField: field("date")), "expected a date YYYY-MM-DD, found '\(dateText)'")
            }
            guard end <= periodStart else { continue }
            dates[agent, default: []].insert(date)
            if let known = lastEnd[agent], known.end >= end { continue }
            lastEnd[agent] = (end, date)
        }
        return lastEnd.keys.sorted().compactMap { agent in
            guard let last = lastEnd[agent] else { return nil }
            var run = 1
            while dates[agent]?.contains(last.date.adding(days: -run)) == true { run += 1 }
            return PreviousShift(agent: agent, end: last.end, daysInARow: run)
        }
    }
}
