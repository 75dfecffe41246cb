import Foundation
import LinearAlgebra

extension CalendarRegressionModel {
    /// α (nil for a slot without weight) and β of one weighted fit.
    struct Solution {
        var profile: [Double?]
        var beta: [Double]

        func residuals(response: [Double], columns: [[Double]], group: [Int]) -> [Double] {
            response.indices.map { k in
                var eta = profile[group[k]] ?? 0
                for (j, column) in columns.enumerated() { eta += beta[j] * column[k] }
                return response[k] - eta
            }
        }
    }

    /// Weighted least squares with one dummy per slot of the week plus `columns`, by demeaning
    /// within slots (Frisch–Waugh–Lovell) and `dgelsd` on what remains.
    static func solveWithinSlots(
        response: [Double], columns: [[Double]], weights: [Double],
        group: [Int], groups: Int, solver: inout LeastSquaresSolver?,
        model: String
    ) throws(ForecastingError) -> Solution {
        let m = response.count
        let p = columns.count
        var weightOf = Array(repeating: 0.0, count: groups)
        var meanY = Array(repeating: 0.0, count: groups)
        var meanZ = Array(repeating: Array(repeating: 0.0, count: groups), count: p)
        for k in 0..<m {
            let g = group[k]
            let w = weights[k]
            weightOf[g] += w
            meanY[g] += w * response[k]
            for j in 0..<p { meanZ[j][g] += w * columns[j][k] }
        }
        for g in 0..<groups where weightOf[g] > 0 {
            meanY[g] /= weightOf[g]
            for j in 0..<p { meanZ[j][g] /= weightOf[g] }
        }
        var beta: [Double] = []
        if p > 0 {
            guard var lsq = solver else {
                throw .modelFailed(model: model, message: "internal error: no least-squares workspace")
            }
            do {
                var design = try Matrix(rows: m, columns: p)
                for j in 0..<p {
                    try design.setColumn(j, to: (0..<m).map { columns[j][$0] - meanZ[j][group[$0]] })
                }
                let within = (0..<m).map { response[$0] - meanY[group[$0]] }
                beta = try lsq.solve(design, within, weights: weights).coefficients
                solver = lsq
            } catch {
                throw .modelFailed(model: model, message: error.description)
            }
        }
        let profile: [Double?] = (0..<groups).map { g in
            guard weightOf[g] > 0 else { return nil }
            var alpha = meanY[g]
            for j in 0..<p { alpha -= beta[j] * meanZ[j][g] }
            return alpha
        }
        return Solution(profile: profile, beta: beta)
    }

    /// Slots of the week the history never saw (a weekday missing from a short history) borrow
    /// the mean profile of the same clock slot on the other weekdays, else the mean of all slots.
    static func fillUnobserved(_ profile: [Double?], slotsPerDay: Int) -> [Double] {
        let known = profile.compactMap { $0 }
        let overall = known.isEmpty ? 0 : known.reduce(0, +) / Double(known.count)
        return profile.indices.map { g in
            if let alpha = profile[g] { return alpha }
            let sameClock = (0..<7).compactMap { profile[$0 * slotsPerDay + g % slotsPerDay] }
            return sameClock.isEmpty ? overall : sameClock.reduce(0, +) / Double(sameClock.count)
        }
    }
}
