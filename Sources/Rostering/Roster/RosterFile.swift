import Foundation
import StaffcastCore

/// `roster.csv`, written and read back: one row per activity block, the shift's fields repeated —
/// `agent,name,date,shift_start,shift_end,break_start,break_end,channel,activity_start,activity_end`
/// (times ISO 8601 with the site's offset; a shift belongs to the date it starts on). Read back as
/// the previous roster of the next period (``PreviousRoster``).
public enum RosterFile {
    public static let fileName = "roster.csv"

    /// The columns, in the order they are written.
    public enum Column: String, CaseIterable, Sendable {
        case agent, name, date
        case shiftStart = "shift_start"
        case shiftEnd = "shift_end"
        case breakStart = "break_start"
        case breakEnd = "break_end"
        case channel
        case activityStart = "activity_start"
        case activityEnd = "activity_end"
    }

    public static func write(_ roster: Roster, team: [Agent], calendar: PlanningCalendar) -> String {
        let names = Dictionary(team.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var table = CSVTable(header: Column.allCases.map(\.rawValue))
        for shift in roster.shifts {
            for block in shift.activities {
                table.append([
                    shift.agent, names[shift.agent] ?? "", shift.date.description, calendar.format(shift.start),
                    calendar.format(shift.end),
                    shift.breakStart.map(calendar.format) ?? "", shift.breakEnd.map(calendar.format) ?? "",
                    block.channel, calendar.format(block.start), calendar.format(block.end),
                ])
            }
        }
        return table.render()
    }

    /// One row of the file as read back: the agent (as written, the formula apostrophe removed),
    /// the shift's date and its end, and the activity block (channel, start, end).
    public struct Row: Sendable, Equatable {
        public var agent: String
        public var date: CivilDate
        public var shiftStart: Int64
        public var shiftEnd: Int64
        public var activity: ActivityBlock
        public var line: Int
        /// The shift's break start (`break_start`), nil when it has none.
        public var breakStart: Int64? = nil
    }

    /// The rows of the roster at `path`: every column must be there; dates `YYYY-MM-DD`, times
    /// ISO 8601; each activity block inside its shift. - Throws: ``RosteringError`` naming the
    /// file, line and column of a bad cell.
    /// `data`: the file's bytes when already read (and checked against a manifest); nil: read `path`.
    public static func read(path: String, calendar: PlanningCalendar, data: Data? = nil) throws(RosteringError)
        -> [Row]
    {
        var reader: CSVReader
        if let data {
            reader = try TeamReader.reader(data: data, file: path)
        } else {
            reader = try TeamReader.reader(path: path)
        }
        let columns = Column.allCases.map(\.rawValue)
        let (index, records) = try TeamReader.table(&reader, columns: columns)
        func field(_ column: Column) -> Int { index[column.rawValue] ?? 0 }
        var rows: [Row] = []
        for record in records {
            let endText = record.fields[field(.shiftEnd)]
            let end: Int64
            do { end = try TimestampParser.parseInstant(endText, calendar: calendar) } catch {
                throw .badData(
                    record.location(ofField: field(.shiftEnd)), "expected an ISO 8601 timestamp, found '\(endText)'")
            }
            let dateText = record.fields[field(.date)].trimmingCharacters(in: .whitespaces)
            guard let date = CivilDate(iso: dateText) else {
                throw .badData(
                    record.location(ofField: field(.date)), "expected a date YYYY-MM-DD, found '\(dateText)'")
            }
            // A shift ends on the day it starts or, at night, the next: any other date is a
            // contradiction, never trusted over the shift's own times.
            let endDate = calendar.local(end - 1).date
            guard endDate == date || endDate == date.adding(days: 1) else {
                throw .badData(
                    record.location(ofField: field(.date)),
                    "the shift is dated \(dateText) but ends \(calendar.format(end)); a shift ends on its date or, at night, the next day"
                )
            }
            func instant(_ column: Column) throws(RosteringError) -> Int64 {
                let text = record.fields[field(column)]
                do { return try TimestampParser.parseInstant(text, calendar: calendar) } catch {
                    throw .badData(
                        record.location(ofField: field(column)), "expected an ISO 8601 timestamp, found '\(text)'")
                }
            }
            let activity = ActivityBlock(
                channel: CSVText.unescaped(record.fields[field(.channel)]), start: try instant(.activityStart),
                end: try instant(.activityEnd))
            // Each row is one block of the shift it repeats: a block outside it (an end in another
            // year) would be cover or rest that no shift of the file gives.
            let start = try instant(.shiftStart)
            guard start <= activity.start, activity.start < activity.end, activity.end <= end else {
                throw .badData(
                    record.location(ofField: field(start <= activity.start ? .activityEnd : .activityStart)),
                    "the activity \(calendar.format(activity.start))–\(calendar.format(activity.end)) is not a block inside its shift \(calendar.format(start))–\(calendar.format(end))"
                )
            }
            let breakText = record.fields[field(.breakStart)]
            let breakStart = breakText.isEmpty ? nil : try instant(.breakStart)
            if let breakStart, !(start..<end).contains(breakStart) {
                throw .badData(
                    record.location(ofField: field(.breakStart)),
                    "the break starts at \(calendar.format(breakStart)), outside its shift \(calendar.format(start))–\(calendar.format(end))"
                )
            }
            rows.append(
                Row(
                    agent: CSVText.unescaped(record.fields[field(.agent)]), date: date, shiftStart: start,
                    shiftEnd: end, activity: activity, line: record.line, breakStart: breakStart))
        }
        return rows
    }
}
