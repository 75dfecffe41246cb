/// The LP relaxation of the shift-covering programme, solved by a dense tableau simplex on its dual.
///
/// Primal (covering):
///
///     minimise   Σ_j c_j x_j + M Σ_t s_t
///     subject to Σ_{j covers t} x_j + s_t ≥ r_t      (dual y_t ≥ 0)
///                Σ_{j ∈ g} x_j ≤ U_g                  (dual w_g ≥ 0; a template's daily limit)
///                x, s ≥ 0
///
/// The shortfall s_t at a large price M keeps the problem feasible whatever the limits, so the
/// solver returns the least-shortfall cover instead of "infeasible". Its dual (packing)
///
///     maximise   Σ_t r_t y_t − Σ_g U_g w_g
///     subject to Σ_{t ∈ j} y_t − Σ_{g ∋ j} w_g ≤ c_j,   y_t ≤ M,   y, w ≥ 0
///
/// is feasible at y = w = 0 because every c_j > 0 — the all-slack basis is a feasible start, so
/// no Phase I and no big-M in the constraint matrix (M only appears as a right-hand side). At the
/// dual optimum the primal x_j is the reduced cost of slack j (complementary slackness).
///
/// Pivoting: Dantzig's most-negative reduced cost, switching to Bland's rule after a run of
/// degenerate pivots so it cannot cycle. The constraint data are 0/±1; for interval columns
/// (no breaks) the matrix is totally unimodular, every basis has determinant ±1 and the tableau
/// stays integral, so round-off stays at the level of the costs.
struct CoveringLP {
    var rowCount: Int
    var costs: [Double]
    /// Rows (intervals) each column covers.
    var columnRows: [[Int]]
    var required: [Double]
    var groups: [(members: [Int], limit: Double)]
    var shortfallPrice: Double
    /// Start perturbed (see ``solve(perturbation:)``): for fractional, highly degenerate blocks
    /// such as weekly tours, where the unperturbed run mostly wanders. The optimum is then a lower
    /// bound a relative 2·10⁻⁶ at most below the exact LP.
    var perturbFirst = false

    struct Solution {
        var x: [Double]
        var shortfall: [Double]
        /// Σ c_j x_j (the penalty excluded).
        var cost: Double
        var pivots: Int
    }

    func solve() throws(SchedulingError) -> Solution {
        if !perturbFirst, let solution = try solve(perturbation: 0) { return solution }
        guard let solution = try solve(perturbation: 1e-6) else {
            throw .solverFailed("the dual LP stalled in degenerate pivots even with perturbed costs")
        }
        return solution
    }

    /// One simplex run. With `perturbation` > 0 the dual's right-hand sides (the costs and M) are
    /// lowered by distinct relative amounts in (p, 2p] — the classic cure for degeneracy. Lowered,
    /// the dual solution stays feasible for the true costs, so the perturbed optimum
    /// Σ c′x + Σ M′s is still a lower bound on the true LP (it is returned as `cost`, at most a
    /// relative 2p below it), and x, which only depends on the basis, still covers every row.
    /// Without perturbation a long run of degenerate pivots (floating-point Bland can wander in
    /// a fractional tableau such as the tours') returns nil so the caller can retry perturbed.
    func solve(perturbation: Double) throws(SchedulingError) -> Solution? {
        let m = rowCount
        let n = costs.count
        let g = groups.count
        func lowered(_ value: Double, _ index: Int) -> Double {
            perturbation == 0 ? value : value * (1 - perturbation * (1 + Double((index &* 7919) % 1009) / 1009))
        }
        let stallLimit = 20 * (n + m) + 500
        let rows = n + m
        let columns = m + g + n + m
        let width = columns + 1
        let slackBase = m + g
        let boundSlackBase = m + g + n
        var tableau = [Double](repeating: 0, count: rows * width)
        var objective = [Double](repeating: 0, count: width)
        var basis = [Int](repeating: 0, count: rows)
        for j in 0..<n {
            for t in columnRows[j] { tableau[j * width + t] = 1 }
            basis[j] = slackBase + j
            tableau[j * width + slackBase + j] = 1
            tableau[j * width + columns] = lowered(costs[j], j)
        }
        for (index, group) in groups.enumerated() {
            for j in group.members { tableau[j * width + m + index] = -1 }
            objective[m + index] = group.limit
        }
        for t in 0..<m {
            let row = n + t
            tableau[row * width + t] = 1
            tableau[row * width + boundSlackBase + t] = 1
            tableau[row * width + columns] = lowered(shortfallPrice, n + t)
            basis[row] = boundSlackBase + t
            objective[t] = -required[t]
        }
        let scale = max(1, costs.max() ?? 1, required.max() ?? 1)
        let reducedTolerance = 1e-9 * scale
        let pivotTolerance = 1e-9

        var pivots = 0
        var degenerateRun = 0
        let maxPivots = 50 * (rows + columns) + 1000
        var pivotRowNonzeros: [Int] = []
        pivotRowNonzeros.reserveCapacity(width)
        var stalled = false
        try tableau.withUnsafeMutableBufferPointer {
            (t: inout UnsafeMutableBufferPointer<Double>) throws(SchedulingError) in
            while true {
                let bland = degenerateRun > 40
                // Entering column.
                var entering = -1
                var best = -reducedTolerance
                for k in 0..<columns where objective[k] < -reducedTolerance {
                    if bland {
                        entering = k
                        break
                    }
                    if objective[k] < best {
                        best = objective[k]
                        entering = k
                    }
                }
                if entering < 0 { break }
                // Ratio test; ties go to the larger pivot (stability), or the lower basis index under Bland.
                var leaving = -1
                var bestRatio = Double.infinity
                var bestPivot = 0.0
                for i in 0..<rows {
                    let a = t[i * width + entering]
                    guard a > pivotTolerance else { continue }
                    let ratio = max(0, t[i * width + columns]) / a
                    if leaving < 0 || ratio < bestRatio - 1e-12 * max(1, bestRatio) {
                        leaving = i
                        bestRatio = ratio
                        bestPivot = a
                    } else if ratio <= bestRatio + 1e-12 * max(1, bestRatio) {
                        if bland ? basis[i] < basis[leaving] : a > bestPivot {
                            leaving = i
                            bestRatio = min(bestRatio, ratio)
                            bestPivot = a
                        }
                    }
                }
                guard leaving >= 0 else {
                    // The dual is bounded (y ≤ M and w only lowers the objective), so this is numerical trouble.
                    throw .solverFailed("the dual LP looked unbounded after \(pivots) pivots")
                }
                // A pivot that barely moves the objective counts as degenerate too: round-off in a
                // fractional tableau (tour columns) otherwise lets tiny steps reset the run and cycle.
                let improvement = bestRatio * -objective[entering]
                degenerateRun = improvement <= 1e-9 * scale ? degenerateRun + 1 : 0
                if perturbation == 0 && degenerateRun > stallLimit {
                    stalled = true
                    return
                }
                // Pivot.
                let p = leaving * width
                let inverse = 1 / t[p + entering]
                pivotRowNonzeros.removeAll(keepingCapacity: true)
                for k in 0...columns {
                    let v = t[p + k]
                    if v != 0 {
                        let scaled = v * inverse
                        t[p + k] = abs(scaled) < 1e-13 ? 0 : scaled
                        if t[p + k] != 0 { pivotRowNonzeros.append(k) }
                    }
                }
                t[p + entering] = 1
                for i in 0..<rows where i != leaving {
                    let r = i * width
                    let factor = t[r + entering]
                    guard factor != 0 else { continue }
                    for k in pivotRowNonzeros {
                        let v = t[r + k] - factor * t[p + k]
                        t[r + k] = abs(v) < 1e-12 ? 0 : v
                    }
                    t[r + entering] = 0
                }
                let factor = objective[entering]
                for k in pivotRowNonzeros { objective[k] -= factor * t[p + k] }
                objective[entering] = 0
                basis[leaving] = entering
                pivots += 1
                if perturbation == 0 && pivots > maxPivots / 2 {
                    stalled = true
                    return
                }
                if pivots > maxPivots { throw .solverFailed("no optimum after \(pivots) pivots") }
            }
        }
        if stalled { return nil }
        // Dual feasibility: the ratio test clips round-off below zero, so check that the final
        // basis is really dual feasible; otherwise x may cost more than the LP optimum and its
        // cost would not be a lower bound. Unperturbed, retry perturbed; perturbed, give up.
        let worstRHS = (0..<rows).map { tableau[$0 * width + columns] }.min() ?? 0
        if worstRHS < -1e-7 * scale {
            if perturbation == 0 { return nil }
            throw .solverFailed("the dual LP lost feasibility (right-hand side \(worstRHS)) after \(pivots) pivots")
        }
        // Complementary slackness: primal values are the reduced costs of the dual's slacks.
        let x = (0..<n).map { j in max(0, objective[slackBase + j]) }
        let shortfall = (0..<m).map { t in max(0, objective[boundSlackBase + t]) }
        let cost = x.indices.reduce(0) { $0 + x[$1] * lowered(costs[$1], $1) }
        return Solution(x: x, shortfall: shortfall, cost: cost, pivots: pivots)
    }
}
