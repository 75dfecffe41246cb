import Rostering
import StaffcastCore

/// One instance of the Curtois & Qu shift-scheduling benchmark (schedulingbenchmarks.org/nrp;
/// Curtois & Qu 2014, "Computational results on new staff scheduling benchmark instances",
/// University of Nottingham). Every instance starts on a Monday; days are 0-based.
///
/// Hard: one shift a day; the shifts that may not follow each shift the next day; the most shifts
/// of each type per employee (a type not listed may not be worked); the least and most minutes
/// worked; the most and fewest working days in a row; the fewest days off in a row; the most
/// weekends worked (a weekend is worked when its Saturday or Sunday is); the days an employee
/// cannot work. A run of working days or of days off that touches the first or last day of the
/// horizon is exempt from the minimum run lengths (it may go on outside the horizon).
/// Soft (the objective): each request not met costs its weight — a shift-on request is not met
/// when that shift is not worked that day, a shift-off request when it is — and each person short
/// of, or above, a day's cover of a shift costs that cover's under- or over-weight.
public struct BenchmarkInstance: Sendable, Equatable {
    public var name: String
    public var days: Int
    public var shifts: [BenchmarkShift]
    public var employees: [BenchmarkEmployee]
    public var shiftOnRequests: [BenchmarkRequest]
    public var shiftOffRequests: [BenchmarkRequest]
    /// `cover[day][shift]`.
    public var cover: [[BenchmarkCover]]

    public init(
        name: String, days: Int, shifts: [BenchmarkShift], employees: [BenchmarkEmployee],
        shiftOnRequests: [BenchmarkRequest], shiftOffRequests: [BenchmarkRequest], cover: [[BenchmarkCover]]
    ) {
        self.name = name
        self.days = days
        self.shifts = shifts
        self.employees = employees
        self.shiftOnRequests = shiftOnRequests
        self.shiftOffRequests = shiftOffRequests
        self.cover = cover
    }
}

public struct BenchmarkShift: Sendable, Equatable {
    public var id: String
    public var minutes: Int
    /// Shift indices that may not be worked the day after this one.
    public var cannotBeFollowedBy: Set<Int>

    public init(id: String, minutes: Int, cannotBeFollowedBy: Set<Int>) {
        self.id = id
        self.minutes = minutes
        self.cannotBeFollowedBy = cannotBeFollowedBy
    }
}

public struct BenchmarkEmployee: Sendable, Equatable {
    public var id: String
    /// Most shifts of each type (by shift index); 0 where the type may not be worked.
    public var maxShifts: [Int]
    public var maxTotalMinutes: Int
    public var minTotalMinutes: Int
    public var maxConsecutiveShifts: Int
    public var minConsecutiveShifts: Int
    public var minConsecutiveDaysOff: Int
    public var maxWeekends: Int
    public var daysOff: Set<Int>

    public init(
        id: String, maxShifts: [Int], maxTotalMinutes: Int, minTotalMinutes: Int, maxConsecutiveShifts: Int,
        minConsecutiveShifts: Int, minConsecutiveDaysOff: Int, maxWeekends: Int, daysOff: Set<Int>
    ) {
        self.id = id
        self.maxShifts = maxShifts
        self.maxTotalMinutes = maxTotalMinutes
        self.minTotalMinutes = minTotalMinutes
        self.maxConsecutiveShifts = maxConsecutiveShifts
        self.minConsecutiveShifts = minConsecutiveShifts
        self.minConsecutiveDaysOff = minConsecutiveDaysOff
        self.maxWeekends = maxWeekends
        self.daysOff = daysOff
    }
}

/// A wish to work (or not to work) one shift on one day; `weight` is paid when it is not met.
public struct BenchmarkRequest: Sendable, Equatable {
    public var employee: Int
    public var day: Int
    public var shift: Int
    public var weight: Int

    public init(employee: Int, day: Int, shift: Int, weight: Int) {
        self.employee = employee
        self.day = day
        self.shift = shift
        self.weight = weight
    }
}

/// People wanted on one shift of one day and the weight of each person short or extra.
public struct BenchmarkCover: Sendable, Equatable {
    public var requirement: Int
    public var underWeight: Int
    public var overWeight: Int

    public init(requirement: Int, underWeight: Int, overWeight: Int) {
        self.requirement = requirement
        self.underWeight = underWeight
        self.overWeight = overWeight
    }

    /// Penalty of `people` working this shift.
    public func penalty(people: Int) -> Int {
        people < requirement ? (requirement - people) * underWeight : (people - requirement) * overWeight
    }
}

/// A benchmark solution: `assignment[employee][day]` is the shift index worked, nil on a day off.
public struct BenchmarkRoster: Sendable, Equatable {
    public var assignment: [[Int?]]

    public init(assignment: [[Int?]]) { self.assignment = assignment }

    /// `employee,day,shift` rows, one per worked shift, day 0-based, in employee then day order.
    public func csv(for instance: BenchmarkInstance) -> String {
        var text = "employee,day,shift\n"
        for (e, row) in assignment.enumerated() {
            for (d, shift) in row.enumerated() {
                if let shift { text += "\(instance.employees[e].id),\(d),\(instance.shifts[shift].id)\n" }
            }
        }
        return text
    }
}

extension BenchmarkRoster {
    /// Reads `employee,day,shift` rows (as ``csv(for:)`` writes them) against `instance`; every
    /// error names `file:line:column`.
    public static func parse(csv text: String, file: String, instance: BenchmarkInstance) throws(RosteringError)
        -> BenchmarkRoster
    {
        var assignment = [[Int?]](
            repeating: [Int?](repeating: nil, count: instance.days), count: instance.employees.count)
        let employeeIndex = Dictionary(
            instance.employees.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shiftIndex = Dictionary(instance.shifts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            func at(_ field: Int) -> SourceLocation {
                SourceLocation(
                    file: file, line: number, column: 1 + fields.prefix(field).reduce(0) { $0 + $1.count + 1 })
            }
            guard fields.count == 3 else {
                throw .badData(at(0), "expected employee,day,shift, found \(fields.count) fields")
            }
            if number == 1 {
                guard fields == ["employee", "day", "shift"] else {
                    throw .badData(at(0), "expected the header employee,day,shift")
                }
                continue
            }
            guard let e = employeeIndex[fields[0]] else {
                throw .badData(at(0), "'\(fields[0])' is not an employee of \(instance.name)")
            }
            guard let d = Int(fields[1]), (0..<instance.days).contains(d) else {
                throw .badData(at(1), "expected a day 0…\(instance.days - 1), found '\(fields[1])'")
            }
            guard let s = shiftIndex[fields[2]] else {
                throw .badData(at(2), "'\(fields[2])' is not a shift of \(instance.name)")
            }
            guard assignment[e][d] == nil else { throw .badData(at(0), "\(fields[0]) already works on day \(d)") }
            assignment[e][d] = s
        }
        return BenchmarkRoster(assignment: assignment)
    }
}
