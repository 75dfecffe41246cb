import Foundation
import Scheduling
import StaffcastCore

/// `schedule.csv`, written and read back: `date,channel,shift_start,shift_end,break_start,
/// break_end,agents`, one row per shift start and break placement in a stable order (date,
/// channel, start, end, break); with weekly tours (or when the schedule has tours) one row per
/// working day of each tour and a last column `tour` naming it. `date` is the local day the shift
/// belongs to (the day it starts); times are ISO 8601 with the site's offset.
public enum ScheduleFile {
    public static let fileName = "schedule.csv"

    /// The columns, in the order they are written.
    public enum Column: String, CaseIterable, Sendable {
        case date, channel
        case shiftStart = "shift_start"
        case shiftEnd = "shift_end"
        case breakStart = "break_start"
        case breakEnd = "break_end"
        case agents, tour
    }

    public static func write(_ schedule: Schedule, calendar: PlanningCalendar, tours: Bool = false) -> String {
        let tourColumn = tours || schedule.shifts.contains { $0.tour != nil }
        var table = CSVTable(header: Column.allCases.filter { tourColumn || $0 != .tour }.map(\.rawValue))
        func key(_ s: ScheduledShift) -> (CivilDate, String, Int64, Int64, Int64) {
            (s.date, s.channel, s.start, s.end, s.breakStart ?? 0)
        }
        let sorted = schedule.shifts.sorted {
            key($0) < key($1) || (key($0) == key($1) && ($0.tour ?? "") < ($1.tour ?? ""))
        }
        for shift in sorted {
            table.append(
                [
                    shift.date.description, shift.channel, calendar.format(shift.start), calendar.format(shift.end),
                    shift.breakStart.map(calendar.format) ?? "", shift.breakEnd.map(calendar.format) ?? "",
                    String(shift.agents),
                ] + (tourColumn ? [shift.tour ?? ""] : []))
        }
        return table.render()
    }

    /// One row as read back.
    public struct Row: Sendable, Equatable {
        public var date: CivilDate
        public var channel: String
        public var start: Int64
        public var end: Int64
        public var breakStart: Int64?
        public var breakEnd: Int64?
        public var agents: Int
        public var tour: String?
    }

    /// The rows of the schedule in `path` (`data`: its bytes already read). Every column but `tour`
    /// is required; a shift must end after it starts and its break lie inside it.
    public static func read(path: String, calendar: PlanningCalendar, data: Data? = nil) throws(PlanningError)
        -> [Row]
    {
        var csv = try HeadedCSV(
            path: path, expected: Column.allCases.map(\.rawValue).joined(separator: ","), data: data)
        var index: [Column: Int] = [:]
        for column in Column.allCases {
            guard let k = csv.column(column.rawValue) else {
                if column == .tour { continue }
                throw csv.headerError("missing column '\(column.rawValue)'")
            }
            index[column] = k
        }
        func at(_ column: Column) -> Int { index[column] ?? 0 }
        var rows: [Row] = []
        while let record = try csv.next() {
            func instant(_ column: Column) throws(PlanningError) -> Int64? {
                record.fields[at(column)].isEmpty ? nil : try csv.instant(record, at(column), calendar: calendar)
            }
            let dateText = record.fields[at(.date)]
            guard let date = CivilDate(iso: dateText) else {
                throw .core(
                    .badData(record.location(ofField: at(.date)), "expected a date YYYY-MM-DD, got '\(dateText)'"))
            }
            guard let start = try instant(.shiftStart), let end = try instant(.shiftEnd), end > start else {
                throw .core(
                    .badData(record.location(ofField: at(.shiftEnd)), "expected a shift start and an end after it"))
            }
            let breakStart = try instant(.breakStart)
            let breakEnd = try instant(.breakEnd)
            if (breakStart == nil) != (breakEnd == nil)
                || (breakStart.map { b in b < start || (breakEnd ?? b) <= b || (breakEnd ?? b) > end } ?? false)
            {
                throw .core(
                    .badData(
                        record.location(ofField: at(.breakStart)),
                        "expected both break times inside the shift, or neither"))
            }
            let agentsText = record.fields[at(.agents)]
            guard let agents = Int(agentsText), agents >= 0, agents <= 1_000_000, !agentsText.hasPrefix("+") else {
                throw .core(
                    .badData(
                        record.location(ofField: at(.agents)), "expected a whole number of agents, got '\(agentsText)'")
                )
            }
            let tour = index[.tour].map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : CSVText.unescaped($0) }
            rows.append(
                Row(
                    date: date, channel: try csv.name(record, at(.channel)), start: start, end: end,
                    breakStart: breakStart, breakEnd: breakEnd, agents: agents, tour: tour))
        }
        return rows
    }
}
