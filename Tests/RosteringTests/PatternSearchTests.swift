import StaffcastCore
import XCTest

@testable import Rostering

/// The dynamic programme against enumeration of every pattern, checked by rules written out here.
final class PatternSearchTests: XCTestCase {
    /// Legality straight from the rule text, for the brute force.
    static func isLegal(_ pattern: WorkPattern, calendar: PatternCalendar, rules: PatternRules) -> Bool {
        let days = calendar.days
        var minutes = 0
        var count = [Int](repeating: 0, count: calendar.options.count)
        for d in 0..<days {
            guard let o = pattern[d] else { continue }
            if !rules.allowed[d][o] { return false }
            minutes += calendar.options[o].minutes
            count[o] += 1
            let previousGroup: Int? =
                d > 0 ? pattern[d - 1].map { calendar.options[$0].group } : rules.carryIn.lastGroup
            if let g = previousGroup, !calendar.mayFollow[g][o] { return false }
        }
        if minutes < rules.minMinutes || minutes > rules.maxMinutes { return false }
        for o in calendar.options.indices { if let limit = rules.maxCount[o], count[o] > limit { return false } }
        if let most = rules.maxShifts, pattern.compactMap({ $0 }).count > most { return false }
        // Runs, with the carried-in run in front of day 0.
        var start = 0
        while start < days {
            let working = pattern[start] != nil
            var end = start
            while end + 1 < days && (pattern[end + 1] != nil) == working { end += 1 }
            var length = end - start + 1
            var exempt = false
            if start == 0 && (rules.carryIn.lastGroup != nil) == working {
                length += rules.carryIn.runLength
                exempt = rules.carryIn.exempt
            }
            if start == 0 && rules.carryIn == .unknown { exempt = true }
            let atEnd = end == days - 1
            if working && length > rules.maxConsecutiveWork { return false }
            if !(exempt || (atEnd && rules.lastRunExempt)) {
                if working && length < rules.minConsecutiveWork { return false }
                if !working && length < rules.minConsecutiveOff { return false }
            }
            // The run carried in ends before day 0 when day 0 differs from it.
            if start == 0 && (rules.carryIn.lastGroup != nil) != working && !rules.carryIn.exempt
                && rules.carryIn != .unknown
            {
                let carried = rules.carryIn.runLength
                if rules.carryIn.lastGroup != nil && carried < rules.minConsecutiveWork { return false }
                if rules.carryIn.lastGroup == nil && carried < rules.minConsecutiveOff { return false }
            }
            start = end + 1
        }
        var weekends = Set<Int>()
        for d in 0..<days where pattern[d] != nil { if let w = calendar.weekendOfDay[d] { weekends.insert(w) } }
        return weekends.count <= rules.maxWeekends
    }

    static func enumerate(days: Int, options: Int, _ body: (WorkPattern) -> Void) {
        var pattern = WorkPattern(repeating: nil, count: days)
        func fill(_ d: Int) {
            if d == days {
                body(pattern)
                return
            }
            pattern[d] = nil
            fill(d + 1)
            for o in 0..<options {
                pattern[d] = o
                fill(d + 1)
            }
            pattern[d] = nil
        }
        fill(0)
    }

    func testMatchesEnumerationOnRandomRules() {
        var random = Xoshiro256StarStar(seed: 2024)
        func draw(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        var feasibleCases = 0
        for _ in 0..<300 {
            let days = 5 + draw(3)
            let optionCount = 1 + draw(3)
            let minutesChoice = [240, 360, 480, 600]
            let options = (0..<optionCount).map { PatternOption(minutes: minutesChoice[draw(4)], group: $0) }
            let calendar = PatternCalendar(
                days: days, options: options, groupCount: optionCount,
                mayFollow: (0..<optionCount).map { _ in (0..<optionCount).map { _ in draw(4) != 0 } },
                weekendOfDay: PatternCalendar.weekends(days: days, firstWeekday: 1 + draw(7)))
            let maxMinutes = 480 * (1 + draw(days))
            let carry: PatternCarryIn
            switch draw(3) {
            case 0: carry = .unknown
            case 1: carry = PatternCarryIn(lastGroup: draw(optionCount), runLength: 1 + draw(4), exempt: false)
            default: carry = PatternCarryIn(lastGroup: nil, runLength: 1 + draw(3), exempt: false)
            }
            let rules = PatternRules(
                allowed: (0..<days).map { _ in (0..<optionCount).map { _ in draw(5) != 0 } },
                maxCount: (0..<optionCount).map { _ in draw(2) == 0 ? nil : draw(4) },
                minMinutes: draw(2) == 0 ? 0 : draw(maxMinutes + 1), maxMinutes: maxMinutes,
                maxConsecutiveWork: 1 + draw(5), minConsecutiveWork: draw(3), minConsecutiveOff: draw(3),
                maxWeekends: draw(3), maxShifts: draw(2) == 0 ? nil : draw(days), carryIn: carry,
                lastRunExempt: draw(2) == 0)
            let cost = (0..<days).map { _ in (0..<optionCount).map { _ in Double(draw(21)) - 10 } }
            let offCost = (0..<days).map { _ in Double(draw(5)) }
            var bestCost = Double.infinity
            Self.enumerate(days: days, options: optionCount) { pattern in
                guard Self.isLegal(pattern, calendar: calendar, rules: rules) else { return }
                var total = 0.0
                for d in 0..<days { total += pattern[d].map { cost[d][$0] } ?? offCost[d] }
                bestCost = min(bestCost, total)
            }
            let search = PatternSearch(calendar: calendar)
            let found = search.cheapest(rules: rules, cost: cost, offCost: offCost)
            if bestCost == .infinity {
                XCTAssertNil(found, "the enumeration finds no legal pattern")
                continue
            }
            feasibleCases += 1
            guard let found else {
                XCTFail("the search finds nothing, enumeration finds \(bestCost): \(calendar) \(rules)")
                continue
            }
            XCTAssertEqual(found.cost, bestCost, accuracy: 1e-9)
            XCTAssertTrue(Self.isLegal(found.pattern, calendar: calendar, rules: rules), "\(found.pattern)")
            var recomputed = 0.0
            for d in 0..<days { recomputed += found.pattern[d].map { cost[d][$0] } ?? offCost[d] }
            XCTAssertEqual(recomputed, found.cost, accuracy: 1e-9)
            // With the optimum as the upper bound the bound must not cut it off; below it, nothing.
            XCTAssertEqual(
                search.cheapest(rules: rules, cost: cost, offCost: offCost, upperBound: bestCost)?.cost ?? .nan,
                bestCost, accuracy: 1e-9)
            XCTAssertNil(search.cheapest(rules: rules, cost: cost, offCost: offCost, upperBound: bestCost - 0.5))
        }
        XCTAssertGreaterThan(feasibleCases, 80, "enough cases have a legal pattern to mean something")
    }

    func testWeekendsOfAPeriodStartingOnSunday() {
        // Sun Mon … Sat Sun: the first Sunday is weekend 0, the Saturday and Sunday after weekend 1.
        XCTAssertEqual(PatternCalendar.weekends(days: 8, firstWeekday: 7), [0, nil, nil, nil, nil, nil, 1, 1])
        XCTAssertEqual(
            PatternCalendar.weekends(days: 14, firstWeekday: 1),
            [nil, nil, nil, nil, nil, 0, 0, nil, nil, nil, nil, nil, 1, 1])
    }
}
