import Foundation
import Rostering
import StaffcastCore

/// One run of the large-neighbourhood search of ``BenchmarkSolver``.
struct BenchmarkSearch {
    let instance: BenchmarkInstance
    let rules: [PatternRules]
    let patterns: PatternSearch
    /// `requestCost[e][d][s]`: change in e's request penalty when e works s on day d instead of
    /// being off; `requestBase[e]`: e's penalty when off every day.
    let requestCost: [[[Double]]]
    let requestBase: [Int]
    var random: Xoshiro256StarStar

    var current: [[Int?]]
    var people: [[Int]]
    var currentObjective: Int
    var best: [[Int?]]
    var bestObjective: Int
    var moves = 0

    init(instance: BenchmarkInstance, seed: UInt64) throws(RosteringError) {
        self.instance = instance
        let (calendar, rules) = BenchmarkSolver.patternModel(instance)
        self.rules = rules
        patterns = PatternSearch(calendar: calendar)
        random = Xoshiro256StarStar(seed: seed)
        let days = instance.days
        let shiftCount = instance.shifts.count
        var cost = [[[Double]]](
            repeating: [[Double]](repeating: [Double](repeating: 0, count: shiftCount), count: days),
            count: instance.employees.count)
        var base = [Int](repeating: 0, count: instance.employees.count)
        for r in instance.shiftOnRequests {
            base[r.employee] += r.weight
            cost[r.employee][r.day][r.shift] -= Double(r.weight)
        }
        for r in instance.shiftOffRequests { cost[r.employee][r.day][r.shift] += Double(r.weight) }
        requestCost = cost
        requestBase = base
        current = Array(repeating: Array(repeating: nil, count: days), count: instance.employees.count)
        people = Array(repeating: Array(repeating: 0, count: shiftCount), count: days)
        currentObjective = 0
        best = current
        bestObjective = Int.max
        // First roster: each employee's best response in turn, then sweeps until none improves.
        for e in instance.employees.indices {
            guard let pattern = bestResponse(e) else {
                throw .noLegalPattern(
                    person: instance.employees[e].id,
                    "the contract minutes, runs, weekends and days off cannot all be met")
            }
            place(e, pattern)
        }
        for _ in 0..<20 where sweep(Array(instance.employees.indices)) {}
        currentObjective = objective()
        best = current
        bestObjective = currentObjective
    }

    mutating func remove(_ e: Int) {
        for (d, s) in current[e].enumerated() { if let s { people[d][s] -= 1 } }
        current[e] = Array(repeating: nil, count: instance.days)
    }

    mutating func place(_ e: Int, _ pattern: WorkPattern) {
        current[e] = pattern
        for (d, s) in pattern.enumerated() { if let s { people[d][s] += 1 } }
    }

    /// What each shift costs e given everybody else's shifts (e must not be placed): the marginal
    /// cover penalty plus e's request weights, optionally with uniform noise of width `noise`.
    func costs(_ e: Int, noise: Double, random: inout Xoshiro256StarStar) -> [[Double]] {
        var cost = requestCost[e]
        for d in 0..<instance.days {
            for s in instance.shifts.indices {
                let cover = instance.cover[d][s]
                cost[d][s] += Double(people[d][s] < cover.requirement ? -cover.underWeight : cover.overWeight)
                if noise > 0 { cost[d][s] += noise * (random.uniform() - 0.5) }
            }
        }
        return cost
    }

    func bestResponse(_ e: Int, cost: [[Double]], upperBound: Double = .infinity) -> (
        pattern: WorkPattern, cost: Double
    )? {
        patterns.cheapest(
            rules: rules[e], cost: cost, offCost: [Double](repeating: 0, count: instance.days), upperBound: upperBound)
    }

    static func cost(of pattern: WorkPattern, _ cost: [[Double]]) -> Double {
        var total = 0.0
        for (d, s) in pattern.enumerated() { if let s { total += cost[d][s] } }
        return total
    }

    func bestResponse(_ e: Int) -> WorkPattern? {
        var unused = Xoshiro256StarStar(seed: 0)
        return bestResponse(e, cost: costs(e, noise: 0, random: &unused))?.pattern
    }

    /// One best-response pass over `employees`; true when the objective fell.
    mutating func sweep(_ employees: [Int]) -> Bool {
        var improved = false
        var unused = Xoshiro256StarStar(seed: 0)
        for e in employees {
            let old = current[e]
            remove(e)
            let cost = costs(e, noise: 0, random: &unused)
            let oldCost = Self.cost(of: old, cost)
            guard let found = bestResponse(e, cost: cost, upperBound: oldCost) else {
                place(e, old)
                continue
            }
            if found.cost < oldCost - 1e-9 {
                improved = true
                place(e, found.pattern)
            } else {
                place(e, old)
            }
        }
        return improved
    }

    func objective() -> Int {
        var total = 0
        for d in 0..<instance.days {
            for s in instance.shifts.indices { total += instance.cover[d][s].penalty(people: people[d][s]) }
        }
        for r in instance.shiftOnRequests where current[r.employee][r.day] != r.shift { total += r.weight }
        for r in instance.shiftOffRequests where current[r.employee][r.day] == r.shift { total += r.weight }
        return total
    }

    mutating func run(limits: BenchmarkSearchLimits, started: ContinuousClock.Instant) {
        let clock = ContinuousClock()
        let employees = instance.employees.count
        let budget = limits.seconds
        let tuning = limits.tuning
        let startTemperature = tuning.startTemperature
        let endTemperature = tuning.endTemperature
        let kMax = max(1, tuning.mostFreed)
        let noise = tuning.noise
        let chainShare = tuning.chainShare
        let chainLength = tuning.chainLength
        var temperature = startTemperature
        while true {
            if let cap = limits.moves, moves >= cap { break }
            if let budget {
                let elapsed = clock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                if seconds >= budget { break }
                temperature = startTemperature * pow(endTemperature / startTemperature, seconds / budget)
            } else if let cap = limits.moves {
                temperature =
                    startTemperature * pow(endTemperature / startTemperature, Double(moves) / Double(max(1, cap)))
            }
            moves += 1
            if random.uniform() < chainShare {
                ejectionChain(temperature: temperature, length: chainLength)
                continue
            }
            let k = 1 + Int(random.next() % UInt64(min(employees, kMax)))
            var chosen: [Int] = []
            let draw = random.uniform()
            if draw < tuning.shortCellShare, let cell = randomShortCell() {
                // Employees who may work a shift that is short, on that day or either side.
                var pool = (0..<employees).filter { e in
                    (max(0, cell.day - 1)...min(instance.days - 1, cell.day + 1)).contains {
                        rules[e].allowed[$0][cell.shift]
                    }
                        && rules[e].maxCount[cell.shift] != 0
                }
                while chosen.count < k && !pool.isEmpty {
                    let i = Int(random.next() % UInt64(pool.count))
                    chosen.append(pool.remove(at: i))
                }
            } else if draw < tuning.shortCellShare + tuning.sameDayShare {
                // Employees working on one day (any shift), the day picked at random.
                let day = Int(random.next() % UInt64(instance.days))
                var pool = (0..<employees).filter { current[$0][day] != nil }
                while chosen.count < k && !pool.isEmpty {
                    let i = Int(random.next() % UInt64(pool.count))
                    chosen.append(pool.remove(at: i))
                }
            }
            while chosen.count < k {
                let e = Int(random.next() % UInt64(employees))
                if !chosen.contains(e) { chosen.append(e) }
            }
            let saved = chosen.map { current[$0] }
            for e in chosen { remove(e) }
            for (i, e) in chosen.enumerated() {
                let cost = costs(e, noise: noise, random: &random)
                let found = bestResponse(e, cost: cost, upperBound: Self.cost(of: saved[i], cost))
                place(e, found?.pattern ?? saved[i])
            }
            for _ in 0..<3 where sweep(chosen) {}
            let value = objective()
            let delta = Double(value) - Double(currentObjective)
            let accept = (delta <= 0 || random.uniform() < exp(-delta / temperature))
            if accept {
                currentObjective = value
                if value < bestObjective {
                    bestObjective = value
                    best = current
                }
            } else {
                for e in chosen { remove(e) }
                for (i, e) in chosen.enumerated() { place(e, saved[i]) }
            }
        }
    }

    /// A (day, shift) short of people, drawn at random, or nil when none is.
    mutating func randomShortCell() -> (day: Int, shift: Int)? {
        var short: [(Int, Int)] = []
        for d in 0..<instance.days {
            for s in instance.shifts.indices
            where people[d][s] < instance.cover[d][s].requirement && instance.cover[d][s].underWeight > 0 {
                short.append((d, s))
            }
        }
        guard !short.isEmpty else { return nil }
        let pick = short[Int(random.next() % UInt64(short.count))]
        return (pick.0, pick.1)
    }

    func solution(started: ContinuousClock.Instant) -> BenchmarkSolution {
        let roster = BenchmarkRoster(assignment: best)
        let elapsed = ContinuousClock().now - started
        return BenchmarkSolution(
            roster: roster, score: BenchmarkScore(roster: roster, instance: instance), moves: moves,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
