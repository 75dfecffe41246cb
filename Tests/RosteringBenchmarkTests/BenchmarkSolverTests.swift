import Rostering
import StaffcastCore
import XCTest

@testable import RosteringBenchmark

final class BenchmarkSolverTests: XCTestCase {
    /// 7 days, 3 employees, early and late shifts (no early after a late), runs of 2–4, two days
    /// off in a row, 4 or 5 shifts each; small enough to enumerate every roster.
    static let tiny = """
        SECTION_HORIZON
        7
        SECTION_SHIFTS
        E,480,
        L,480,E
        SECTION_STAFF
        A,E=7|L=7,2400,1920,4,2,2,1
        B,E=7|L=3,2400,1920,4,2,2,1
        C,E=7|L=7,2400,1920,4,2,2,1
        SECTION_DAYS_OFF
        B,3
        SECTION_SHIFT_ON_REQUESTS
        A,0,L,4
        C,5,E,2
        SECTION_SHIFT_OFF_REQUESTS
        A,2,E,3
        B,6,L,5
        SECTION_COVER
        0,E,1,100,1
        0,L,1,100,1
        1,E,2,100,1
        1,L,1,100,1
        2,E,1,100,2
        2,L,1,100,1
        3,E,1,100,1
        3,L,1,100,1
        4,E,2,100,1
        4,L,1,100,1
        5,E,1,30,1
        5,L,1,100,1
        6,E,1,100,1
        6,L,1,20,3
        """

    func testReachesTheOptimumFoundByEnumeration() throws {
        let instance = try BenchmarkReader.parse(Self.tiny, file: "tiny.txt")
        // Every legal period of each employee, legality judged by BenchmarkScore.
        var legal: [[WorkPattern]] = []
        for (e, employee) in instance.employees.enumerated() {
            var patterns: [WorkPattern] = []
            Self.enumerate(days: 7, options: 2) { pattern in
                var assignment = [[Int?]](repeating: [Int?](repeating: nil, count: 7), count: 3)
                assignment[e] = pattern
                let violations = BenchmarkScore(roster: BenchmarkRoster(assignment: assignment), instance: instance)
                    .violations
                if !violations.contains(where: { $0.hasPrefix(employee.id + ":") }) { patterns.append(pattern) }
            }
            legal.append(patterns)
        }
        XCTAssertTrue(legal.allSatisfy { !$0.isEmpty })
        // The objective of every combination, by direct arithmetic.
        var best = Int.max
        for a in legal[0] {
            for b in legal[1] {
                for c in legal[2] {
                    var total = 0
                    for d in 0..<7 {
                        for s in 0..<2 {
                            let n = (a[d] == s ? 1 : 0) + (b[d] == s ? 1 : 0) + (c[d] == s ? 1 : 0)
                            let cover = instance.cover[d][s]
                            total +=
                                n < cover.requirement
                                ? (cover.requirement - n) * cover.underWeight
                                : (n - cover.requirement) * cover.overWeight
                        }
                    }
                    total += (a[0] == 1 ? 0 : 4) + (c[5] == 0 ? 0 : 2) + (a[2] == 0 ? 3 : 0) + (b[6] == 1 ? 5 : 0)
                    best = min(best, total)
                }
            }
        }
        let solution = try BenchmarkSolver.solve(instance, limits: BenchmarkSearchLimits(moves: 400, seed: 3))
        XCTAssertEqual(solution.score.violations, [])
        XCTAssertEqual(solution.score.objective, best)
    }

    func testSameSeedSameRoster() throws {
        let instance = try BenchmarkReader.parse(Self.tiny, file: "tiny.txt")
        let first = try BenchmarkSolver.solve(instance, limits: BenchmarkSearchLimits(moves: 50, seed: 9))
        let second = try BenchmarkSolver.solve(instance, limits: BenchmarkSearchLimits(moves: 50, seed: 9))
        XCTAssertEqual(first.roster, second.roster)
    }

    func testAnEmployeeWithNoLegalPeriodIsNamed() throws {
        // 7 days but at least 4000 minutes of 480-minute shifts: 9 shifts, impossible.
        let text = Self.tiny.replacingOccurrences(of: "C,E=7|L=7,2400,1920", with: "C,E=7|L=7,4800,4000")
        let instance = try BenchmarkReader.parse(text, file: "tiny.txt")
        XCTAssertThrowsError(try BenchmarkSolver.solve(instance, limits: BenchmarkSearchLimits(moves: 10))) { error in
            XCTAssertEqual(
                (error as? RosteringError)?.description,
                "C: no roster keeps every rule: the contract minutes, runs, weekends and days off cannot all be met")
        }
    }

    /// Every pattern of `days` days with `options` shifts a day (nil = off).
    static func enumerate(days: Int, options: Int, _ body: (WorkPattern) -> Void) {
        var pattern = WorkPattern(repeating: nil, count: days)
        func fill(_ d: Int) {
            if d == days {
                body(pattern)
                return
            }
            for o in [nil] + (0..<options).map(Optional.some) {
                pattern[d] = o
                fill(d + 1)
            }
            pattern[d] = nil
        }
        fill(0)
    }
}
