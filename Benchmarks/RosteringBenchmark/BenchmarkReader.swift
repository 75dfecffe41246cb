import Foundation
import Rostering
import StaffcastCore

/// Reads the benchmark's text format (schedulingbenchmarks.org/nrp): `#` comments, sections
/// `SECTION_HORIZON`, `SECTION_SHIFTS`, `SECTION_STAFF`, `SECTION_DAYS_OFF`,
/// `SECTION_SHIFT_ON_REQUESTS`, `SECTION_SHIFT_OFF_REQUESTS`, `SECTION_COVER`, comma-separated
/// fields. Every error names `file:line:column` and what was expected there.
public enum BenchmarkReader {
    public static func read(path: String) throws(RosteringError) -> BenchmarkInstance {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .missingInput(path: path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .badFile(path: path, "not UTF-8 text") }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(text, file: path, name: name)
    }

    private struct Field {
        var text: Substring
        var column: Int
    }

    private struct Line {
        var number: Int
        var fields: [Field]
    }

    public static func parse(_ text: String, file: String, name: String = "instance") throws(RosteringError)
        -> BenchmarkInstance
    {
        // Split into sections of non-comment, non-blank lines.
        var sections: [(name: String, line: Int, lines: [Line])] = []
        for (index, lineText) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        {
            let trimmed = lineText.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("SECTION_") {
                sections.append((trimmed, index + 1, []))
                continue
            }
            guard !sections.isEmpty else {
                throw .badData(
                    SourceLocation(file: file, line: index + 1, column: 1), "expected a SECTION_ header before any data"
                )
            }
            var fields: [Field] = []
            var column = 1
            for piece in lineText.split(separator: ",", omittingEmptySubsequences: false) {
                let leading = piece.prefix(while: { $0 == " " || $0 == "\t" }).count
                fields.append(
                    Field(text: Substring(piece.trimmingCharacters(in: .whitespaces)), column: column + leading))
                column += piece.count + 1
            }
            sections[sections.count - 1].lines.append(Line(number: index + 1, fields: fields))
        }
        func location(_ line: Line, _ field: Int) -> SourceLocation {
            SourceLocation(
                file: file, line: line.number,
                column: field < line.fields.count
                    ? line.fields[field].column : (line.fields.last.map { $0.column + $0.text.count } ?? 1))
        }
        func section(_ name: String) throws(RosteringError) -> [Line] {
            let found = sections.filter { $0.name == name }
            guard found.count <= 1 else {
                throw .badData(SourceLocation(file: file, line: found[1].line, column: 1), "\(name) appears twice")
            }
            guard let only = found.first else { throw .badFile(path: file, "no \(name) section") }
            return only.lines
        }
        let known: Set<String> = [
            "SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
            "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER",
        ]
        for s in sections where !known.contains(s.name) {
            throw .badData(
                SourceLocation(file: file, line: s.line, column: 1),
                "unknown section \(s.name); expected one of \(known.sorted().joined(separator: ", "))")
        }
        func integer(_ line: Line, _ field: Int, _ what: String, minimum: Int = 0) throws(RosteringError) -> Int {
            guard field < line.fields.count else {
                throw .badData(location(line, field), "expected \(what), found the end of the line")
            }
            let text = line.fields[field].text
            guard let value = Int(text), value >= minimum else {
                throw .badData(location(line, field), "expected \(what) (a whole number ≥ \(minimum)), found '\(text)'")
            }
            return value
        }
        func fieldCount(_ line: Line, _ count: Int, _ layout: String) throws(RosteringError) {
            guard line.fields.count == count else {
                throw .badData(
                    location(line, min(line.fields.count, count)),
                    "expected \(count) fields (\(layout)), found \(line.fields.count)")
            }
        }

        // Horizon.
        let horizon = try section("SECTION_HORIZON")
        guard horizon.count == 1, horizon[0].fields.count == 1 else {
            throw .badData(
                SourceLocation(file: file, line: horizon.first?.number ?? 1, column: 1),
                "SECTION_HORIZON holds one number, the days in the horizon")
        }
        let days = try integer(horizon[0], 0, "the horizon in days", minimum: 1)

        // Shifts.
        let shiftLines = try section("SECTION_SHIFTS")
        var shiftIndex: [Substring: Int] = [:]
        for line in shiftLines {
            guard line.fields.count == 2 || line.fields.count == 3 else {
                throw .badData(
                    location(line, 0), "expected ShiftID, length in minutes, shifts that cannot follow (| separated)")
            }
            let id = line.fields[0].text
            guard !id.isEmpty else { throw .badData(location(line, 0), "expected a shift id") }
            guard shiftIndex[id] == nil else { throw .badData(location(line, 0), "shift '\(id)' is defined twice") }
            shiftIndex[id] = shiftIndex.count
        }
        guard !shiftLines.isEmpty else { throw .badFile(path: file, "SECTION_SHIFTS defines no shift") }
        var shifts: [BenchmarkShift] = []
        for line in shiftLines {
            let minutes = try integer(line, 1, "the shift length in minutes", minimum: 1)
            var forbidden = Set<Int>()
            if line.fields.count == 3 && !line.fields[2].text.isEmpty {
                for part in line.fields[2].text.split(separator: "|", omittingEmptySubsequences: false) {
                    guard let index = shiftIndex[Substring(part.trimmingCharacters(in: .whitespaces))] else {
                        throw .badData(location(line, 2), "'\(part)' is not a shift defined in SECTION_SHIFTS")
                    }
                    forbidden.insert(index)
                }
            }
            shifts.append(
                BenchmarkShift(id: String(line.fields[0].text), minutes: minutes, cannotBeFollowedBy: forbidden))
        }

        // Staff.
        var employees: [BenchmarkEmployee] = []
        var employeeIndex: [Substring: Int] = [:]
        let layout =
            "ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends"
        for line in try section("SECTION_STAFF") {
            try fieldCount(line, 8, layout)
            let id = line.fields[0].text
            guard !id.isEmpty else { throw .badData(location(line, 0), "expected an employee id") }
            guard employeeIndex[id] == nil else {
                throw .badData(location(line, 0), "employee '\(id)' is listed twice")
            }
            var maxShifts = [Int](repeating: 0, count: shifts.count)
            var seen = Set<Int>()
            if !line.fields[1].text.isEmpty {
                for part in line.fields[1].text.split(separator: "|", omittingEmptySubsequences: false) {
                    let pair = part.split(separator: "=", omittingEmptySubsequences: false)
                    guard pair.count == 2, let shift = shiftIndex[pair[0]], let count = Int(pair[1]), count >= 0 else {
                        throw .badData(
                            location(line, 1), "expected ShiftID=count pairs separated by |, found '\(part)'")
                    }
                    guard seen.insert(shift).inserted else {
                        throw .badData(location(line, 1), "shift '\(pair[0])' is limited twice")
                    }
                    maxShifts[shift] = count
                }
            }
            let maxTotal = try integer(line, 2, "the most minutes worked")
            let minTotal = try integer(line, 3, "the fewest minutes worked")
            guard minTotal <= maxTotal else {
                throw .badData(location(line, 3), "the fewest minutes (\(minTotal)) exceed the most (\(maxTotal))")
            }
            let maxConsecutive = try integer(line, 4, "the most shifts in a row", minimum: 1)
            let minConsecutive = try integer(line, 5, "the fewest shifts in a row")
            guard minConsecutive <= maxConsecutive else {
                throw .badData(
                    location(line, 5),
                    "the fewest shifts in a row (\(minConsecutive)) exceed the most (\(maxConsecutive))")
            }
            let minOff = try integer(line, 6, "the fewest days off in a row")
            let maxWeekends = try integer(line, 7, "the most weekends worked")
            employeeIndex[id] = employees.count
            employees.append(
                BenchmarkEmployee(
                    id: String(id), maxShifts: maxShifts, maxTotalMinutes: maxTotal, minTotalMinutes: minTotal,
                    maxConsecutiveShifts: maxConsecutive, minConsecutiveShifts: minConsecutive,
                    minConsecutiveDaysOff: minOff, maxWeekends: maxWeekends, daysOff: []))
        }
        guard !employees.isEmpty else { throw .badFile(path: file, "SECTION_STAFF lists no employee") }

        func employee(_ line: Line) throws(RosteringError) -> Int {
            guard let e = employeeIndex[line.fields[0].text] else {
                throw .badData(location(line, 0), "'\(line.fields[0].text)' is not an employee listed in SECTION_STAFF")
            }
            return e
        }
        func day(_ line: Line, _ field: Int) throws(RosteringError) -> Int {
            let d = try integer(line, field, "a day index 0…\(days - 1)")
            guard d < days else {
                throw .badData(location(line, field), "day \(d) is outside the horizon 0…\(days - 1)")
            }
            return d
        }
        func shift(_ line: Line, _ field: Int) throws(RosteringError) -> Int {
            guard let s = shiftIndex[line.fields[field].text] else {
                throw .badData(
                    location(line, field), "'\(line.fields[field].text)' is not a shift defined in SECTION_SHIFTS")
            }
            return s
        }

        for line in (try? section("SECTION_DAYS_OFF")) ?? [] {
            guard line.fields.count >= 1 else { continue }
            let e = try employee(line)
            for field in 1..<line.fields.count { employees[e].daysOff.insert(try day(line, field)) }
        }
        func requests(_ name: String) throws(RosteringError) -> [BenchmarkRequest] {
            var result: [BenchmarkRequest] = []
            for line in (try? section(name)) ?? [] {
                try fieldCount(line, 4, "EmployeeID, Day, ShiftID, Weight")
                result.append(
                    BenchmarkRequest(
                        employee: try employee(line), day: try day(line, 1), shift: try shift(line, 2),
                        weight: try integer(line, 3, "a weight")))
            }
            return result
        }
        let onRequests = try requests("SECTION_SHIFT_ON_REQUESTS")
        let offRequests = try requests("SECTION_SHIFT_OFF_REQUESTS")

        var cover = [[BenchmarkCover?]](repeating: [BenchmarkCover?](repeating: nil, count: shifts.count), count: days)
        for line in try section("SECTION_COVER") {
            try fieldCount(line, 5, "Day, ShiftID, Requirement, Weight for under, Weight for over")
            let d = try day(line, 0)
            let s = try shift(line, 1)
            guard cover[d][s] == nil else {
                throw .badData(location(line, 0), "the cover of day \(d), shift \(shifts[s].id) is given twice")
            }
            cover[d][s] = BenchmarkCover(
                requirement: try integer(line, 2, "the requirement"),
                underWeight: try integer(line, 3, "the weight for under-cover"),
                overWeight: try integer(line, 4, "the weight for over-cover"))
        }
        var fullCover: [[BenchmarkCover]] = []
        for d in 0..<days {
            var row: [BenchmarkCover] = []
            for s in shifts.indices {
                guard let c = cover[d][s] else {
                    throw .badFile(path: file, "SECTION_COVER gives no cover for day \(d), shift \(shifts[s].id)")
                }
                row.append(c)
            }
            fullCover.append(row)
        }
        return BenchmarkInstance(
            name: name, days: days, shifts: shifts, employees: employees,
            shiftOnRequests: onRequests, shiftOffRequests: offRequests, cover: fullCover)
    }
}
