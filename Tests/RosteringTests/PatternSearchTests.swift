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

    /// Days pinned outside a window (one option with the day off closed by an infinite cost, or
    /// no option): the search equals the enumeration of the legal patterns that keep the pinned
    /// days — the settled minutes after the window and the limits counted off the pinned days
    /// change nothing but the work.
    func testPinnedDaysMatchEnumeration() {
        var random = Xoshiro256StarStar(seed: 77)
        func draw(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        var compared = 0
        for _ in 0..<300 {
            let days = 6 + draw(3)
            let optionCount = 1 + draw(3)
            let options = (0..<optionCount).map { PatternOption(minutes: [240, 360, 480][draw(3)], group: $0) }
            let calendar = PatternCalendar(
                days: days, options: options, groupCount: optionCount,
                mayFollow: (0..<optionCount).map { _ in (0..<optionCount).map { _ in draw(5) != 0 } },
                weekendOfDay: PatternCalendar.weekends(days: days, firstWeekday: 1 + draw(7)))
            let maxMinutes = 480 * (2 + draw(days - 1))
            var rules = PatternRules(
                allowed: (0..<days).map { _ in (0..<optionCount).map { _ in draw(6) != 0 } },
                maxCount: (0..<optionCount).map { _ in draw(2) == 0 ? nil : 1 + draw(4) },
                minMinutes: draw(2) == 0 ? 0 : draw(maxMinutes / 2 + 1), maxMinutes: maxMinutes,
                maxConsecutiveWork: 2 + draw(4), minConsecutiveWork: draw(3), minConsecutiveOff: draw(3),
                maxWeekends: draw(3), maxShifts: draw(2) == 0 ? nil : 1 + draw(days), lastRunExempt: draw(2) == 0)
            let cost = (0..<days).map { _ in (0..<optionCount).map { _ in Double(draw(21)) - 10 } }
            var offCost = (0..<days).map { _ in Double(draw(5)) }
            // Pin the days outside a window to a legal pattern, when there is one.
            var legal: [WorkPattern] = []
            Self.enumerate(days: days, options: optionCount) { pattern in
                if Self.isLegal(pattern, calendar: calendar, rules: rules) { legal.append(pattern) }
            }
            guard !legal.isEmpty else { continue }
            let pin = legal[draw(legal.count)]
            let first = draw(days)
            let window = first..<min(days, first + 1 + draw(4))
            for d in 0..<days where !window.contains(d) {
                for o in 0..<optionCount { rules.allowed[d][o] = o == pin[d] }
                if pin[d] != nil { offCost[d] = .infinity }
            }
            var bestCost = Double.infinity
            Self.enumerate(days: days, options: optionCount) { pattern in
                guard (0..<days).allSatisfy({ window.contains($0) || pattern[$0] == pin[$0] }),
                    Self.isLegal(pattern, calendar: calendar, rules: rules)
                else { return }
                var total = 0.0
                for d in 0..<days { total += pattern[d].map { cost[d][$0] } ?? offCost[d] }
                bestCost = min(bestCost, total)
            }
            XCTAssertLessThan(bestCost, .infinity, "the pinned pattern itself is legal")
            guard let found = PatternSearch(calendar: calendar).cheapest(rules: rules, cost: cost, offCost: offCost)
            else {
                XCTFail("the search finds nothing, enumeration finds \(bestCost): \(rules) window \(window)")
                continue
            }
            XCTAssertEqual(found.cost, bestCost, accuracy: 1e-9, "\(rules) window \(window)")
            XCTAssertTrue((0..<days).allSatisfy { window.contains($0) || found.pattern[$0] == pin[$0] })
            compared += 1
        }
        XCTAssertGreaterThan(compared, 150)
    }

    /// A made-up automaton for the test below: it remembers yesterday's option and how many shifts
    /// of option 0 were worked (mod 3); `banned[a][b]` forbids option b the day after option a, and
    /// a period may not end with a count of 1. Many automaton states share a pattern state.
    final class TestAutomaton: PatternAutomaton {
        static let isTrivial = false
        let banned: [[Bool]]
        var start: Int32 = 0
        var rows: [Int: UnsafeMutablePointer<Int32>] = [:]
        let width: Int

        init(banned: [[Bool]]) {
            self.banned = banned
            width = banned.count + 1
        }

        deinit { for row in rows.values { row.deallocate() } }

        // state = (yesterday's option + 1) · 3 + count of option 0 mod 3
        func step(_ state: Int32, option: Int) -> Int32 {
            let yesterday = Int(state) / 3 - 1
            var zeros = Int(state) % 3
            if option >= 0 && yesterday >= 0 && banned[yesterday][option] { return -1 }
            if option == 0 { zeros = (zeros + 1) % 3 }
            return Int32((option + 1) * 3 + zeros)
        }

        func row(_ state: Int32, day: Int) -> UnsafeMutablePointer<Int32> {
            let key = day * 1000 + Int(state)
            if let row = rows[key] { return row }
            let row = UnsafeMutablePointer<Int32>.allocate(capacity: width)
            row.initialize(repeating: -2, count: width)
            rows[key] = row
            return row
        }

        func next(_ state: Int32, day: Int, option: Int) -> Int32 {
            let value = step(state, option: option)
            row(state, day: day)[option + 1] = value
            return value
        }

        func accepts(_ state: Int32) -> Bool { state % 3 != 1 }
    }

    func testAnAutomatonsRulesMatchEnumeration() {
        var random = Xoshiro256StarStar(seed: 77)
        func draw(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        var feasibleCases = 0
        for _ in 0..<150 {
            let days = 5 + draw(3)
            let optionCount = 1 + draw(3)
            let options = (0..<optionCount).map { PatternOption(minutes: [240, 480][draw(2)], group: $0) }
            let calendar = PatternCalendar(
                days: days, options: options, groupCount: optionCount,
                mayFollow: (0..<optionCount).map { _ in (0..<optionCount).map { _ in draw(5) != 0 } },
                weekendOfDay: PatternCalendar.weekends(days: days, firstWeekday: 1 + draw(7)))
            let rules = PatternRules(
                allowed: (0..<days).map { _ in (0..<optionCount).map { _ in draw(5) != 0 } },
                maxCount: (0..<optionCount).map { _ in nil }, minMinutes: draw(2) == 0 ? 0 : 480,
                maxMinutes: 480 * (1 + draw(days)), maxConsecutiveWork: 1 + draw(5), minConsecutiveWork: 0,
                minConsecutiveOff: draw(2), maxWeekends: 1 + draw(2))
            let banned = (0..<optionCount).map { _ in (0..<optionCount).map { _ in draw(3) == 0 } }
            let cost = (0..<days).map { _ in (0..<optionCount).map { _ in Double(draw(21)) - 10 } }
            let offCost = (0..<days).map { _ in Double(draw(5)) }
            let automaton = TestAutomaton(banned: banned)
            func accepted(_ pattern: WorkPattern) -> Bool {
                var state = automaton.start
                for option in pattern {
                    state = automaton.step(state, option: option ?? -1)
                    if state < 0 { return false }
                }
                return automaton.accepts(state)
            }
            var bestCost = Double.infinity
            Self.enumerate(days: days, options: optionCount) { pattern in
                guard Self.isLegal(pattern, calendar: calendar, rules: rules), accepted(pattern) else { return }
                var total = 0.0
                for d in 0..<days { total += pattern[d].map { cost[d][$0] } ?? offCost[d] }
                bestCost = min(bestCost, total)
            }
            let found = PatternSearch(calendar: calendar).cheapest(
                rules: rules, cost: cost, offCost: offCost, automaton: automaton)
            guard bestCost < .infinity else {
                XCTAssertNil(found)
                continue
            }
            feasibleCases += 1
            guard let found else { return XCTFail("the search finds nothing, enumeration finds \(bestCost)") }
            XCTAssertEqual(found.cost, bestCost, accuracy: 1e-9)
            XCTAssertTrue(accepted(found.pattern) && Self.isLegal(found.pattern, calendar: calendar, rules: rules))
        }
        XCTAssertGreaterThan(feasibleCases, 40)
    }

    func testWeekendsOfAPeriodStartingOnSunday() {
        // Sun Mon … Sat Sun: the first Sunday is weekend 0, the Saturday and Sunday after weekend 1.
        XCTAssertEqual(PatternCalendar.weekends(days: 8, firstWeekday: 7), [0, nil, nil, nil, nil, nil, 1, 1])
        XCTAssertEqual(
            PatternCalendar.weekends(days: 14, firstWeekday: 1),
            [nil, nil, nil, nil, nil, 0, 0, nil, nil, nil, nil, nil, 1, 1])
    }
}
