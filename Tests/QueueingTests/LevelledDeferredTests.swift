import XCTest

@testable import Queueing

/// Levelled deferred work: the least peak that meets every deadline (checked against every
/// staffing of a small case), no agent outside working hours, every contact in time on replay.
final class LevelledDeferredTests: XCTestCase {
    /// First-in-first-out replay of `agents`: true when nothing is left past its due interval.
    func meets(_ agents: [Int], arrivals: [Double], due: [Int], perAgent: Double) -> Bool {
        var queue: [(Double, Int)] = []
        var head = 0
        for j in arrivals.indices {
            if arrivals[j] > 0 { queue.append((arrivals[j], due[j])) }
            var left = Double(agents[j]) * perAgent
            while left > 1e-12, head < queue.count {
                let take = min(left, queue[head].0)
                queue[head].0 -= take
                left -= take
                if queue[head].0 <= 1e-9 { head += 1 }
            }
            if head < queue.count, queue[head].1 <= j { return false }
        }
        return true
    }

    /// Eight intervals, two of them closed, a 3-working-interval deadline; every staffing with
    /// 0…4 agents per working interval is tried.
    func testPeakIsTheLeastOfEveryFeasiblePlan() throws {
        let working = [true, true, false, true, true, false, true, true]
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for _ in 0..<25 {
            let arrivals = (0..<8).map { _ in Double(next() % 13) }
            let due = DeferredDeadlines.workingTime(working: working, allowance: 3)
            let plan = try LevelledDeferred.plan(
                arrivals: arrivals, working: working, due: due, intervalSeconds: 1800, ahtSeconds: 600)
            let perAgent = 3.0
            let agents = plan.map(\.agents)
            XCTAssertTrue(
                zip(agents, working).allSatisfy { $1 || $0 == 0 }, "no agent outside working hours: \(agents)")
            XCTAssertTrue(meets(agents, arrivals: arrivals, due: due, perAgent: perAgent), "\(arrivals) → \(agents)")
            // Exhaustive: the least maximum over every feasible staffing.
            let slots = working.indices.filter { working[$0] }
            var best = Int.max
            var counts = [Int](repeating: 0, count: slots.count)
            repeat {
                var candidate = [Int](repeating: 0, count: 8)
                for (k, slot) in slots.enumerated() { candidate[slot] = counts[k] }
                if meets(candidate, arrivals: arrivals, due: due, perAgent: perAgent) {
                    best = min(best, counts.max() ?? 0)
                }
                var k = 0
                while k < counts.count {
                    counts[k] += 1
                    if counts[k] <= 4 { break }
                    counts[k] = 0
                    k += 1
                }
                if k == counts.count { break }
            } while true
            XCTAssertEqual(agents.max(), best == Int.max ? agents.max() : best, "\(arrivals)")
        }
    }

    /// Working-time deadlines skip closed intervals; the horizon's end carries the rest.
    func testWorkingTimeDeadlines() {
        XCTAssertEqual(
            DeferredDeadlines.workingTime(working: [true, false, true, true], allowance: 2), [2, 3, 3, Int.max])
        XCTAssertEqual(DeferredDeadlines.workingTime(working: [false, true], allowance: 1), [1, 1])
    }

    /// A waiting backlog due in the first working interval must be cleared there.
    func testWaitingWorkIsAnsweredByItsDue() throws {
        let plan = try LevelledDeferred.plan(
            arrivals: [0, 0, 0], working: [false, true, true], due: [2, 2, 2],
            waiting: [WaitingWork(contacts: 30, waitedIntervals: 4, due: 1)],
            intervalSeconds: 1800, ahtSeconds: 180)
        XCTAssertEqual(plan.map(\.agents), [0, 3, 0], "30 contacts at 10 per agent and interval, all in interval 1")
        XCTAssertEqual(plan[0].backlog, 30)
        XCTAssertEqual(plan[0].oldestAgeSeconds, 5 * 1800)
        XCTAssertEqual(plan[1].backlog, 0)
    }

    /// A carried backlog (due after the horizon) must not hold up work due within it: before the
    /// fix the first-in-first-out check stalled at the carried lump, found a peak of 0 feasible
    /// and left a week of 4-hour social messages unanswered.
    func testCarriedBacklogDoesNotHideDueWork() throws {
        // 10 contacts per interval, due two intervals later; 10 per agent and interval (AHT 180 s
        // of 1800 s): one agent each interval answers every arrival in its own interval.
        let plan = try LevelledDeferred.plan(
            arrivals: [10, 10, 10, 10], working: [true, true, true, true], due: [1, 2, 3, Int.max],
            waiting: [WaitingWork(contacts: 50, waitedIntervals: 3, due: Int.max)],
            intervalSeconds: 1800, ahtSeconds: 180)
        XCTAssertEqual(
            plan.map(\.agents), [1, 1, 1, 0], "the least peak is 1 agent; the last interval's arrivals are carried")
        // Served due work first: nothing due is ever left past its deadline.
        XCTAssertEqual(plan[0].backlog, 50 + 0, accuracy: 1e-9)
        XCTAssertEqual(plan[3].backlog, 60, accuracy: 1e-9, "the carried 50 and the last interval's 10")
    }

    /// Contacts that no working interval reaches before their deadline are refused.
    func testUnreachableDeadlineIsRefused() {
        XCTAssertThrowsError(
            try LevelledDeferred.plan(
                arrivals: [5, 0], working: [false, true], due: [0, 1],
                intervalSeconds: 1800, ahtSeconds: 300)
        ) { error in
            XCTAssertEqual((error as? QueueingError)?.parameter, .openIntervals)
        }
    }
}
