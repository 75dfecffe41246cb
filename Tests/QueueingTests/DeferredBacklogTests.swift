import TestSupport
import XCTest

@testable import Queueing

final class DeferredBacklogTests: XCTestCase {
    /// Replays a plan contact batch by batch (FIFO, each agent handling interval/AHT contacts per
    /// interval) and returns the intervals whose arrivals miss their deadline: the end of the L-th open
    /// interval counted from the arrival interval, found by walking the calendar.
    private func misses(
        arrivals: [Double], open: [Bool], agents: [Int], intervalSeconds: Int, aht: Double, deadline: Int
    ) -> [Int] {
        let allowance = deadline / intervalSeconds
        var queue: [(interval: Int, left: Double)] = []
        var finished = [Int?](repeating: nil, count: arrivals.count)
        for j in arrivals.indices {
            if arrivals[j] > 0 { queue.append((j, arrivals[j])) } else { finished[j] = j }
            var capacity = Double(agents[j]) * Double(intervalSeconds) / aht
            while capacity > 0, !queue.isEmpty {
                let take = min(capacity, queue[0].left)
                capacity -= take
                queue[0].left -= take
                if queue[0].left <= 1e-9 {
                    finished[queue[0].interval] = j
                    queue.removeFirst()
                }
            }
        }
        var missed: [Int] = []
        for i in arrivals.indices {
            var seen = 0
            var k = i
            var due: Int? = nil
            while k < arrivals.count {
                if open[k] {
                    seen += 1
                    if seen == allowance {
                        due = k
                        break
                    }
                }
                k += 1
            }
            guard let due else { continue }  // due after the horizon
            if finished[i] == nil || finished[i]! > due { missed.append(i) }
        }
        return missed
    }

    func testHandComputedPlans() throws {
        // All open, one contact per agent per interval, two intervals of allowance.
        let plan = try DeferredBacklog.plan(
            arrivals: [3, 0, 0, 0], openIntervals: [true, true, true, true], intervalSeconds: 1800,
            ahtSeconds: 1800, deadlineSeconds: 3600)
        XCTAssertEqual(plan.map(\.agents), [0, 3, 0, 0])
        XCTAssertEqual(plan.map(\.handled), [0, 3, 0, 0])
        XCTAssertEqual(plan.map(\.backlog), [3, 0, 0, 0])
        XCTAssertEqual(plan.map(\.oldestAgeSeconds), [1800, 0, 0, 0])
        // Closed in between: the allowance counts open time only, and the backlog ages overnight.
        // The 2 contacts of interval 0 are due at the end of interval 3 (the second open one); the
        // contact of closed interval 1 has interval 3 as its first open interval, so it is due after
        // the horizon and stays in the closing backlog, 3 intervals old.
        let overnight = try DeferredBacklog.plan(
            arrivals: [2, 1, 0, 0], openIntervals: [true, false, false, true],
            intervalSeconds: 1800, ahtSeconds: 1800, deadlineSeconds: 3600)
        XCTAssertEqual(overnight.map(\.agents), [0, 0, 0, 2])
        XCTAssertEqual(overnight.map(\.backlog), [2, 3, 3, 1])
        XCTAssertEqual(overnight.map(\.oldestAgeSeconds), [1800, 3600, 5400, 5400])
        // 2.5 contacts of work need 3 agents, not 2.
        XCTAssertEqual(
            try DeferredBacklog.plan(
                arrivals: [5], openIntervals: [true], intervalSeconds: 1800, ahtSeconds: 900,
                deadlineSeconds: 1800
            ).map(\.agents), [3])
        XCTAssertEqual(DeferredBacklog.fewestAgents(covering: 3, perAgent: 1), 3)
        XCTAssertEqual(DeferredBacklog.fewestAgents(covering: 0.1 + 0.2, perAgent: 0.1), 3)
    }

    /// Two weeks of half hours, email arriving around the clock, open Monday–Friday 08:00–18:00,
    /// 8 business hours to answer: the replay misses nothing, and every staffed interval is
    /// necessary (one agent fewer anywhere makes a contact miss its deadline).
    func testReplayMeetsEveryDeadlineAndNoAgentCanBeRemoved() throws {
        var random = SeededGenerator(seed: 17)
        let count = 14 * 48
        let open = (0..<count).map { i in i / 48 % 7 < 5 && (16..<36).contains(i % 48) }
        let arrivals = (0..<count).map { i -> Double in
            let base = (14..<40).contains(i % 48) ? 30.0 : 6.0
            return (base * Double.random(in: 0.5...1.5, using: &random)).rounded()
        }
        let plan = try DeferredBacklog.plan(
            arrivals: arrivals, openIntervals: open, intervalSeconds: 1800, ahtSeconds: 420,
            deadlineSeconds: 8 * 3600)
        let agents = plan.map(\.agents)
        XCTAssertEqual(
            misses(arrivals: arrivals, open: open, agents: agents, intervalSeconds: 1800, aht: 420, deadline: 8 * 3600),
            [])
        for i in agents.indices {
            if !open[i] { XCTAssertEqual(agents[i], 0) }
            guard agents[i] > 0 else { continue }
            var fewer = agents
            fewer[i] -= 1
            XCTAssertFalse(
                misses(
                    arrivals: arrivals, open: open, agents: fewer, intervalSeconds: 1800, aht: 420, deadline: 8 * 3600
                ).isEmpty,
                "interval \(i) could lose an agent")
        }
        // Bookkeeping: what arrived is handled or in the backlog; the oldest item never exceeds the
        // allowance plus the closed time in between (here at most 8 h + a weekend + nights).
        let arrivedTotal = arrivals.reduce(0, +)
        let handledTotal = plan.reduce(0) { $0 + $1.handled }
        assertClose(handledTotal + plan[count - 1].backlog, arrivedTotal, absolute: 1e-6)
        XCTAssertGreaterThan(plan.map(\.oldestAgeSeconds).max() ?? 0, 8 * 3600)
        for interval in plan where interval.backlog == 0 { XCTAssertEqual(interval.oldestAgeSeconds, 0) }
    }

    func testBadInputNamesTheField() {
        func name(_ body: () throws(QueueingError) -> Void) -> String? {
            do throws(QueueingError) {
                try body()
                return nil
            } catch {
                if case .invalidParameter(let name, _) = error { return name.rawValue }
                return nil
            }
        }
        XCTAssertEqual(
            name { () throws(QueueingError) in
                _ = try DeferredBacklog.plan(
                    arrivals: [1, 2], openIntervals: [true], intervalSeconds: 1800, ahtSeconds: 300,
                    deadlineSeconds: 3600)
            }, "open_intervals")
        XCTAssertEqual(
            name { () throws(QueueingError) in
                _ = try DeferredBacklog.plan(
                    arrivals: [-1], openIntervals: [true], intervalSeconds: 1800, ahtSeconds: 300, deadlineSeconds: 3600
                )
            }, "contacts")
        XCTAssertEqual(
            name { () throws(QueueingError) in
                _ = try DeferredBacklog.plan(
                    arrivals: [1], openIntervals: [true], intervalSeconds: 1800, ahtSeconds: 0, deadlineSeconds: 3600)
            }, "aht_seconds")
        XCTAssertEqual(
            name { () throws(QueueingError) in
                _ = try DeferredBacklog.plan(
                    arrivals: [1], openIntervals: [true], intervalSeconds: 1800, ahtSeconds: 300, deadlineSeconds: 900)
            }, "deadline_seconds")
        XCTAssertEqual(
            name { () throws(QueueingError) in
                _ = try DeferredBacklog.plan(
                    arrivals: [1], openIntervals: [true], intervalSeconds: 0, ahtSeconds: 300, deadlineSeconds: 900)
            }, "interval_seconds")
    }
}
