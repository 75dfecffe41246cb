import Foundation
import Rostering
import StaffcastCore

extension BenchmarkSearch {
    /// An ejection chain (Curtois & Qu's move, here on whole periods): an employee is made to work
    /// a shift that is short of people (their best period that includes it), which may leave
    /// another shift short where they worked before; the next employee is made to take that
    /// one, and so on for up to `length` links. The chain is cut at its best prefix, kept when
    /// that is no worse than where it started (or with the annealing probability).
    mutating func ejectionChain(temperature: Double, length: Int) {
        let days = instance.days
        let shifts = instance.shifts.count
        var short: [(Int, Int)] = []
        for d in 0..<days {
            for s in 0..<shifts
            where people[d][s] < instance.cover[d][s].requirement && instance.cover[d][s].underWeight > 0 {
                short.append((d, s))
            }
        }
        // Nothing short: start from a shift whose cover could take one more at least cost.
        var target: (day: Int, shift: Int)
        if short.isEmpty {
            target = (Int(random.next() % UInt64(days)), Int(random.next() % UInt64(shifts)))
        } else {
            let pick = short[Int(random.next() % UInt64(short.count))]
            target = (pick.0, pick.1)
        }
        let startObjective = currentObjective
        var changes: [(employee: Int, before: WorkPattern)] = []
        var bestValue = Int.max
        var bestLength = 0
        var moved = Set<Int>()
        var unused = Xoshiro256StarStar(seed: 0)
        for _ in 0..<length {
            let candidates = instance.employees.indices.filter {
                !moved.contains($0) && current[$0][target.day] != target.shift
                    && rules[$0].allowed[target.day][target.shift]
                    && rules[$0].maxCount[target.shift] != 0
            }
            guard !candidates.isEmpty else { break }
            // The cheapest of a few sampled candidates, each given their best period with the target.
            var bestCandidate: (e: Int, pattern: WorkPattern, cost: Double)?
            for _ in 0..<min(3, candidates.count) {
                let e = candidates[Int(random.next() % UInt64(candidates.count))]
                let old = current[e]
                remove(e)
                var cost = costs(e, noise: 0, random: &unused)
                cost[target.day][target.shift] -= 1e6
                let found = bestResponse(e, cost: cost)
                place(e, old)
                if let found, found.pattern[target.day] == target.shift,
                    found.cost + 1e6 - Self.cost(of: old, cost) - 1e6 < bestCandidate?.cost ?? .infinity
                {
                    bestCandidate = (e, found.pattern, found.cost - (Self.cost(of: old, cost)))
                }
            }
            guard let chosen = bestCandidate else { break }
            let before = current[chosen.e]
            remove(chosen.e)
            place(chosen.e, chosen.pattern)
            changes.append((chosen.e, before))
            moved.insert(chosen.e)
            let value = objective()
            if value < bestValue {
                bestValue = value
                bestLength = changes.count
            }
            // The next link: a shift the employee left that is now short.
            var holes: [(Int, Int)] = []
            for d in 0..<days {
                if let s = before[d], chosen.pattern[d] != s, people[d][s] < instance.cover[d][s].requirement {
                    holes.append((d, s))
                }
            }
            guard !holes.isEmpty else { break }
            let hole = holes[Int(random.next() % UInt64(holes.count))]
            target = (hole.0, hole.1)
        }
        // Undo the links after the best prefix; keep that prefix if it is accepted.
        let delta = Double(bestValue) - Double(startObjective)
        let accept = bestLength > 0 && (delta <= 0 || random.uniform() < exp(-delta / temperature))
        let keep = accept ? bestLength : 0
        for (e, before) in changes[keep...].reversed() {
            remove(e)
            place(e, before)
        }
        if accept {
            let involved = changes[..<keep].map(\.employee)
            for _ in 0..<2 where sweep(involved) {}
            currentObjective = objective()
            if currentObjective < bestObjective {
                bestObjective = currentObjective
                best = current
            }
        }
    }
}
