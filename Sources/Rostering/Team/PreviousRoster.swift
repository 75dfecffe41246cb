import Foundation
import StaffcastCore

/// The last shifts of a published roster (`roster.csv`, ``RosterFile``), for the rest and days-in-a-row rules across the week boundary: per agent, the end of their
/// last shift before `periodStart` and the days worked in a row up to that shift's date.
public enum PreviousRoster {
    public static func read(path: String, periodStart: Int64, calendar: PlanningCalendar) throws(RosteringError)
        -> [PreviousShift]
    {
        lastShifts(try RosterFile.read(path: path, calendar: calendar), periodStart: periodStart, calendar: calendar)
    }

    /// Per agent, the last shift of `rows` starting before `periodStart` (a night shift may end after
    /// it) and the days worked in a row; with the `calendar`, also the night shifts among them
    /// (by the local clock, as ``WorkingTimeRules/isNight(start:end:)`` says).
    public static func lastShifts(_ rows: [RosterFile.Row], periodStart: Int64, calendar: PlanningCalendar? = nil)
        -> [PreviousShift]
    {
        var shifts: [String: [CivilDate: (start: Int64, end: Int64)]] = [:]
        var lastEnd: [String: (end: Int64, date: CivilDate)] = [:]
        // Every shift that starts before the period: a Sunday-night shift ending on the period's
        // Monday morning too (its end is what the rest is counted from).
        for row in rows where row.shiftStart < periodStart {
            shifts[row.agent, default: [:]][row.date] = (row.shiftStart, row.shiftEnd)
            if let known = lastEnd[row.agent], known.end >= row.shiftEnd { continue }
            lastEnd[row.agent] = (row.shiftEnd, row.date)
        }
        let rules = WorkingTimeRules()
        return lastEnd.keys.sorted().compactMap { agent in
            guard let last = lastEnd[agent], let mine = shifts[agent], let lastShift = mine[last.date] else {
                return nil
            }
            var run = 1
            while mine[last.date.adding(days: -run)] != nil { run += 1 }
            var previous = PreviousShift(agent: agent, end: last.end, daysInARow: run, start: lastShift.start)
            previous.date = last.date
            guard let calendar else { return previous }
            func isNight(_ shift: (start: Int64, end: Int64)) -> Bool {
                let from = calendar.local(shift.start)
                let clock = from.secondsOfDay
                return rules.isNight(start: clock, end: clock + Int(shift.end - shift.start))
            }
            let nights = (0..<run).map { back in mine[last.date.adding(days: -back)].map(isNight) ?? false }
            previous.night = nights[0]
            let endClock = calendar.local(last.end).secondsOfDay
            previous.endsLate = nights[0] && endClock > rules.lateNightEndSeconds
            previous.nightsInARow = nights.firstIndex(of: false) ?? nights.count
            previous.runHasNight = nights.contains(true)
            return previous
        }
    }
}

extension PreviousRoster {
    /// Heads the previous roster's shifts put on each channel in the intervals of the period
    /// (its last night shifts, started before the period and running past its start), by channel
    /// and interval start. Its shifts inside the period are kept as published, not carried.
    public static func carriedIn(_ rows: [RosterFile.Row], periodStart: Int64, intervalSeconds: Int)
        -> [String: [Int64: Int]]
    {
        let step = Int64(intervalSeconds)
        var heads: [String: [Int64: Int]] = [:]
        for row in rows where row.shiftStart < periodStart && row.activity.end > periodStart {
            var t = max(row.activity.start, periodStart)
            t = periodStart + (t - periodStart) / step * step
            while t < row.activity.end {
                heads[row.activity.channel, default: [:]][t, default: 0] += 1
                t += step
            }
        }
        return heads
    }
}
