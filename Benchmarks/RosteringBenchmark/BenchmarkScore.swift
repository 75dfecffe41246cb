/// The benchmark's objective of a roster, and every hard rule it breaks.
///
/// Computed straight from the definitions in ``BenchmarkInstance``, independently of the solver's
/// dynamic programme, so it can check the solver.
public struct BenchmarkScore: Sendable, Equatable {
    /// Σ over days and shifts of under- and over-cover penalties.
    public var coverPenalty: Int
    /// Σ weights of shift-on requests not met and shift-off requests met.
    public var requestPenalty: Int
    /// One sentence per broken hard rule (empty for a feasible roster).
    public var violations: [String]

    public var objective: Int { coverPenalty + requestPenalty }
    public var isFeasible: Bool { violations.isEmpty }

    public init(roster: BenchmarkRoster, instance: BenchmarkInstance) {
        var violations: [String] = []
        let days = instance.days
        var people = [[Int]](repeating: [Int](repeating: 0, count: instance.shifts.count), count: days)
        for (e, employee) in instance.employees.enumerated() {
            guard e < roster.assignment.count, roster.assignment[e].count == days else {
                violations.append("\(employee.id): the roster does not give one entry per day")
                continue
            }
            let row = roster.assignment[e]
            var minutes = 0
            var countOf = [Int](repeating: 0, count: instance.shifts.count)
            for d in 0..<days {
                guard let s = row[d] else { continue }
                guard s >= 0 && s < instance.shifts.count else {
                    violations.append("\(employee.id): day \(d) has no such shift")
                    continue
                }
                people[d][s] += 1
                minutes += instance.shifts[s].minutes
                countOf[s] += 1
                if employee.daysOff.contains(d) { violations.append("\(employee.id): works on day \(d), a day off") }
                if d > 0, let previous = row[d - 1], instance.shifts[previous].cannotBeFollowedBy.contains(s) {
                    violations.append(
                        "\(employee.id): \(instance.shifts[s].id) on day \(d) after \(instance.shifts[previous].id)")
                }
            }
            for s in instance.shifts.indices where countOf[s] > employee.maxShifts[s] {
                violations.append(
                    "\(employee.id): \(countOf[s]) shifts \(instance.shifts[s].id), at most \(employee.maxShifts[s])")
            }
            if minutes > employee.maxTotalMinutes {
                violations.append("\(employee.id): \(minutes) minutes, at most \(employee.maxTotalMinutes)")
            }
            if minutes < employee.minTotalMinutes {
                violations.append("\(employee.id): \(minutes) minutes, at least \(employee.minTotalMinutes)")
            }

            // Maximal runs of working days and of days off.
            var start = 0
            while start < days {
                let working = row[start] != nil
                var end = start
                while end + 1 < days && (row[end + 1] != nil) == working { end += 1 }
                let length = end - start + 1
                let touchesEdge = start == 0 || end == days - 1
                if working {
                    if length > employee.maxConsecutiveShifts {
                        violations.append(
                            "\(employee.id): \(length) shifts in a row from day \(start), at most \(employee.maxConsecutiveShifts)"
                        )
                    }
                    if !touchesEdge && length < employee.minConsecutiveShifts {
                        violations.append(
                            "\(employee.id): \(length) shifts in a row from day \(start), at least \(employee.minConsecutiveShifts)"
                        )
                    }
                } else if !touchesEdge && length < employee.minConsecutiveDaysOff {
                    violations.append(
                        "\(employee.id): \(length) days off in a row from day \(start), at least \(employee.minConsecutiveDaysOff)"
                    )
                }
                start = end + 1
            }
            var weekends = 0
            var saturday = 5
            while saturday < days {
                if row[saturday] != nil || (saturday + 1 < days && row[saturday + 1] != nil) { weekends += 1 }
                saturday += 7
            }
            if weekends > employee.maxWeekends {
                violations.append("\(employee.id): \(weekends) weekends, at most \(employee.maxWeekends)")
            }
        }

        func worked(_ request: BenchmarkRequest) -> Int? {
            guard request.employee < roster.assignment.count, request.day < roster.assignment[request.employee].count
            else { return nil }
            return roster.assignment[request.employee][request.day]
        }
        var requestPenalty = 0
        for request in instance.shiftOnRequests where worked(request) != request.shift {
            requestPenalty += request.weight
        }
        for request in instance.shiftOffRequests where worked(request) == request.shift {
            requestPenalty += request.weight
        }
        var coverPenalty = 0
        for d in 0..<days {
            for s in instance.shifts.indices { coverPenalty += instance.cover[d][s].penalty(people: people[d][s]) }
        }
        self.coverPenalty = coverPenalty
        self.requestPenalty = requestPenalty
        self.violations = violations
    }
}
