import Foundation
import StaffcastCore

/// The last shifts of a published roster (`roster.csv`, ``RosterFile``), for the rest and days-in-a-row rules across the week boundary: per agent, the end of their
/// last shift before `periodStart` and the days worked in a row up to that shift's date.
public enum PreviousRoster {
    public static func read(path: String, periodStart: Int64, calendar: PlanningCalendar) throws(RosteringError)
        -> [PreviousShift]
    {
        var dates: [String: Set<CivilDate>] = [:]
        var lastEnd: [String: (end: Int64, date: CivilDate)] = [:]
        for row in try RosterFile.read(path: path, calendar: calendar) where row.shiftEnd <= periodStart {
            dates[row.agent, default: []].insert(row.date)
            if let known = lastEnd[row.agent], known.end >= row.shiftEnd { continue }
            lastEnd[row.agent] = (row.shiftEnd, row.date)
        }
        return lastEnd.keys.sorted().compactMap { agent in
            guard let last = lastEnd[agent] else { return nil }
            var run = 1
            while dates[agent]?.contains(last.date.adding(days: -run)) == true { run += 1 }
            return PreviousShift(agent: agent, end: last.end, daysInARow: run)
        }
    }
}
