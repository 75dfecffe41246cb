import Rostering
import XCTest

@testable import RosteringBenchmark

final class BenchmarkScoreTests: XCTestCase {
    private func instance() throws -> BenchmarkInstance {
        try BenchmarkReader.parse(BenchmarkReaderTests.small, file: "small.txt")
    }

    func testObjectiveByHand() throws {
        let instance = try instance()
        // A: off, E, E, off(day off), L, L, off; B: E, L? (B may not work L) → E, E, E, off, off, E, off.
        let roster = BenchmarkRoster(assignment: [
            [nil, 0, 0, nil, 1, 1, nil],
            [0, 0, 0, nil, nil, 0, nil],
        ])
        let score = BenchmarkScore(roster: roster, instance: instance)
        // Cover, day by day (E; L): d0 E 1/1 → 0; L 0/0 → 0.  d1 E 2/1 → over 1 × 1; L 0/1 → under 100.
        // d2 E 2/2 → 0.  d3 E 0/1 → under 100.  d4 E 0/1 → 100; L 1/0 → over 1.  d5 E 1/1; L 1/0 → 1.
        // d6 E 0/1 → 100; L 0/1 → 100.  Total 1 + 100 + 100 + 100 + 1 + 1 + 100 + 100 = 503.
        XCTAssertEqual(score.coverPenalty, 503)
        // Requests: A wants E on day 1 (met, 0); B does not want E on day 2 (worked, 3).
        XCTAssertEqual(score.requestPenalty, 3)
        XCTAssertEqual(score.objective, 506)
        // A: 2 × 480 + 2 × 600 = 2160 min (960…2400 ✓); runs: E E (days 1–2, length 2 ✓), L L (4–5 ✓);
        // off runs: day 0 (edge), day 3 (interior, length 1 < 2 ✗), day 6 (edge). Weekend days 5, 6:
        // A works day 5 → 1 weekend ✓. B: runs 0–2 (edge), day 5 (interior, 1 ≥ 1 ✓); off 3–4 ✓.
        XCTAssertEqual(score.violations, ["A: 1 days off in a row from day 3, at least 2"])
    }

    func testEveryHardRuleIsChecked() throws {
        var instance = try instance()
        instance.employees[1].maxWeekends = 0
        let roster = BenchmarkRoster(assignment: [
            [0, 1, 0, nil, nil, nil, nil],  // works day 0 (a day off), E after L, 1440 min ≥ 960 ✓
            [0, 0, 0, 0, 0, 1, nil],  // 6 in a row > 4, L not allowed, weekend 0 > 0
        ])
        let violations = BenchmarkScore(roster: roster, instance: instance).violations
        XCTAssertEqual(
            Set(violations),
            [
                "A: works on day 0, a day off",
                "A: E on day 2 after L",
                "B: 6 shifts in a row from day 0, at most 4",
                "B: 1 shifts L, at most 0",
                "B: 1 weekends, at most 0",
            ])
    }

    func testMinimumRunsAreExemptAtTheEdges() throws {
        var instance = try instance()
        instance.employees[0].daysOff = []
        instance.employees[0].minTotalMinutes = 0
        // One working day at each edge: exempt; one in the middle: too short.
        let edges = BenchmarkRoster(assignment: [
            [0, nil, nil, nil, nil, nil, 0], [nil, nil, nil, nil, nil, nil, nil],
        ])
        XCTAssertEqual(BenchmarkScore(roster: edges, instance: instance).violations, [])
        let middle = BenchmarkRoster(assignment: [
            [nil, nil, nil, 0, nil, nil, nil], [nil, nil, nil, nil, nil, nil, nil],
        ])
        XCTAssertEqual(
            BenchmarkScore(roster: middle, instance: instance).violations,
            ["A: 1 shifts in a row from day 3, at least 2"])
    }

    /// A roster of Instance1 scores the published best-known objective, 607 (best_known.csv), and
    /// an independent Python checker written for this test's fixture agrees (607, no violation).
    func testPublishedObjectiveOfInstance1() throws {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let instance = try BenchmarkReader.read(path: folder.appendingPathComponent("Instance1.txt").path)
        let text = try String(contentsOf: folder.appendingPathComponent("Instance1_roster_607.csv"), encoding: .utf8)
        let roster = try BenchmarkRoster.parse(csv: text, file: "Instance1_roster_607.csv", instance: instance)
        let score = BenchmarkScore(roster: roster, instance: instance)
        XCTAssertEqual(score.violations, [])
        XCTAssertEqual(score.objective, 607)
        XCTAssertEqual(roster.csv(for: instance), text, "the CSV round-trips")
    }
}
