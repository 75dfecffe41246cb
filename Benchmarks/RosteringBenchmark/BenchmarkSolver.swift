import Foundation
import Rostering
import StaffcastCore

/// How long and with which seed the benchmark solver searches.
public struct BenchmarkSearchLimits: Sendable, Equatable {
    /// Wall-clock budget in seconds (nil: no time limit).
    public var seconds: Double?
    /// Ruin-and-recreate moves (nil: no limit). With `seconds` nil the search is deterministic.
    public var moves: Int?
    public var seed: UInt64
    /// Independent searches run side by side (threads); the best wins.
    public var workers: Int
    public var tuning: BenchmarkTuning

    public init(
        seconds: Double? = nil, moves: Int? = nil, seed: UInt64 = 1, workers: Int = 1,
        tuning: BenchmarkTuning = BenchmarkTuning()
    ) {
        self.seconds = seconds
        self.moves = moves
        self.seed = seed
        self.workers = workers
        self.tuning = tuning
    }
}

/// The search's knobs (the defaults were tuned on instances 2, 3, 6 and 9; see the bench).
public struct BenchmarkTuning: Sendable, Equatable {
    /// Most employees freed by one ruin-and-recreate move (1…this many, uniformly).
    public var mostFreed = 4
    /// Width of the uniform noise added to the costs of re-inserted employees.
    public var noise = 4.0
    /// Annealing temperature at the start and at the end of the budget (geometric in between).
    public var startTemperature = 3.0
    public var endTemperature = 0.2
    /// Share of moves that are ejection chains, and their most links.
    public var chainShare = 0.1
    public var chainLength = 8
    /// Share of ruin moves that free employees working on one day rather than any.
    public var sameDayShare = 0.0
    /// Share of ruin moves that free employees who may work a shift that is short of people.
    public var shortCellShare = 0.3

    public init() {}
}

/// The solver's answer on one benchmark instance.
public struct BenchmarkSolution: Sendable, Equatable {
    public var roster: BenchmarkRoster
    public var score: BenchmarkScore
    public var moves: Int
    public var seconds: Double
}

/// Large-neighbourhood search for the benchmark: each move frees a few employees and gives them
/// back, one at a time, the exact cheapest period that keeps all their rules (``PatternSearch``)
/// given everybody else's shifts, then repeats that best response among them until none
/// improves. The cover cost is separable by day and shift, so an employee's best response is a
/// shortest path whose arc costs are the marginal cover penalties (−under-weight while the shift
/// is short, +over-weight once it is full) plus their own request weights. Moves that do not
/// worsen the objective are kept (plateaus are walked), a worse one is kept with the simulated
/// annealing probability exp(−Δ/T), T falling geometrically over the budget.
///
/// This follows the benchmark authors' view of the problem as a sum of per-employee shortest
/// paths (Burke & Curtois 2014; Curtois & Qu 2014's ejection chains repair one employee at a
/// time) but moves whole periods instead of single shifts.
public enum BenchmarkSolver {
    public static func solve(_ instance: BenchmarkInstance, limits: BenchmarkSearchLimits) throws(RosteringError)
        -> BenchmarkSolution
    {
        let clock = ContinuousClock()
        let started = clock.now
        let workers = max(1, limits.workers)
        if workers == 1 {
            var search = try BenchmarkSearch(instance: instance, seed: limits.seed)
            search.run(limits: limits, started: started)
            return search.solution(started: started)
        }
        // Independent searches with different seeds; the best (then the lowest worker) wins.
        let box = ResultBox(count: workers)
        var firstError: RosteringError?
        do {
            _ = try BenchmarkSearch(instance: instance, seed: limits.seed)
        } catch { firstError = error }
        if let firstError { throw firstError }
        DispatchQueue.concurrentPerform(iterations: workers) { index in
            guard
                var search = try? BenchmarkSearch(instance: instance, seed: limits.seed &+ UInt64(index) &* 0x9E37_79B9)
            else { return }
            search.run(limits: limits, started: started)
            box.set(index, search.solution(started: started))
        }
        let results = box.values.compactMap { $0 }
        guard var best = results.first else { throw .invalidRequest("the search did not start") }
        for candidate in results.dropFirst() where candidate.score.objective < best.score.objective { best = candidate }
        best.moves = results.reduce(0) { $0 + $1.moves }
        let elapsed = clock.now - started
        best.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return best
    }

    /// The calendar and each employee's rules as ``PatternSearch`` takes them.
    static func patternModel(_ instance: BenchmarkInstance) -> (PatternCalendar, [PatternRules]) {
        let shifts = instance.shifts
        let calendar = PatternCalendar(
            days: instance.days,
            options: shifts.indices.map { PatternOption(minutes: shifts[$0].minutes, group: $0) },
            groupCount: shifts.count,
            mayFollow: shifts.map { shift in shifts.indices.map { !shift.cannotBeFollowedBy.contains($0) } },
            weekendOfDay: PatternCalendar.weekends(days: instance.days, firstWeekday: 1))
        let rules = instance.employees.map { employee in
            PatternRules(
                allowed: (0..<instance.days).map { d in
                    shifts.indices.map { !employee.daysOff.contains(d) && employee.maxShifts[$0] > 0 }
                },
                maxCount: employee.maxShifts.map { Optional($0) },
                minMinutes: employee.minTotalMinutes, maxMinutes: employee.maxTotalMinutes,
                maxConsecutiveWork: employee.maxConsecutiveShifts, minConsecutiveWork: employee.minConsecutiveShifts,
                minConsecutiveOff: employee.minConsecutiveDaysOff, maxWeekends: employee.maxWeekends)
        }
        return (calendar, rules)
    }
}

/// Results written by worker threads, one slot each.
final class ResultBox: @unchecked Sendable {
    private var slots: [BenchmarkSolution?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: BenchmarkSolution) { lock.withLock { slots[index] = value } }
    var values: [BenchmarkSolution?] { lock.withLock { slots } }
}
