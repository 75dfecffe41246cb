/// The result of a least-squares solve.
public struct LeastSquaresSolution: Sendable, Equatable {
    /// The minimum-norm minimiser (one per design column).
    public var coefficients: [Double]
    /// Effective rank: singular values at or below `rcond · σ₁` count as zero.
    public var rank: Int
    /// Singular values of the (weighted) design, largest first.
    public var singularValues: [Double]
}

/// (Weighted) linear least squares, minimum-norm when the design is rank deficient.
///
/// Solves min_β Σᵢ wᵢ (yᵢ − xᵢβ)² by scaling row i of the design and the response by √wᵢ and
/// calling LAPACK's `dgelsd` (SVD, divide and conquer). Among all minimisers it returns the one
/// with the smallest ‖β‖₂ — the right answer when calendar dummies are collinear, e.g. a weekday
/// dummy per day plus an intercept (Golub & Van Loan, *Matrix Computations*, 4th ed., §5.5).
///
/// Checks done in Swift before LAPACK sees anything: at least one row and one column, response
/// and weights of the design's row count, every value finite, every weight ≥ 0, sizes within
/// 32-bit LAPACK integers.
public enum LeastSquares {
    /// One-shot solve; for repeated solves of one shape keep a ``LeastSquaresSolver``.
    public static func solve(
        _ design: Matrix, _ response: [Double], weights: [Double]? = nil,
        rcond: Double? = nil
    ) throws(LinearAlgebraError) -> LeastSquaresSolution {
        var solver = try LeastSquaresSolver(rows: design.rows, columns: design.columns)
        return try solver.solve(design, response, weights: weights, rcond: rcond)
    }

    /// The default relative threshold for zero singular values: max(m, n) · ε, as in NumPy's
    /// `lstsq` and MATLAB's `rank`.
    public static func defaultRcond(rows: Int, columns: Int) -> Double {
        Double(max(rows, columns)) * Double.ulpOfOne
    }
}

/// A least-squares solver for one design shape that owns its LAPACK workspace: the workspace
/// size is queried once (`lwork = -1`) and the buffers are reused by every ``solve(_:_:weights:rcond:)``,
/// so robust re-weighting loops do not allocate per iteration.
public struct LeastSquaresSolver: Sendable {
    public let rows: Int
    public let columns: Int
    private var work: [Double]
    private var iwork: [Int32]
    private var a: [Double]
    private var b: [Double]
    private var singular: [Double]

    public init(rows: Int, columns: Int) throws(LinearAlgebraError) {
        guard rows >= 1, columns >= 1 else {
            throw .invalidDimensions("least squares needs at least one row and one column, got \(rows)×\(columns)")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, count <= Int(Int32.max) else { throw .problemTooLarge(rows: rows, columns: columns) }
        self.rows = rows
        self.columns = columns
        let sizes = try LAPACK.dgelsdWorkspace(rows: rows, columns: columns, rightHandSides: 1)
        work = Array(repeating: 0, count: sizes.work)
        iwork = Array(repeating: 0, count: sizes.iwork)
        a = Array(repeating: 0, count: count)
        b = Array(repeating: 0, count: max(rows, columns))
        singular = Array(repeating: 0, count: min(rows, columns))
    }

    /// Minimum-norm β minimising Σᵢ wᵢ (yᵢ − (Xβ)ᵢ)² (all wᵢ = 1 when `weights` is nil).
    /// - Parameter rcond: singular values ≤ rcond · σ₁ are treated as zero; default
    ///   ``LeastSquares/defaultRcond(rows:columns:)``.
    public mutating func solve(
        _ design: Matrix, _ response: [Double], weights: [Double]? = nil,
        rcond: Double? = nil
    ) throws(LinearAlgebraError) -> LeastSquaresSolution {
        guard design.rows == rows, design.columns == columns else {
            throw .dimensionMismatch("solver built for \(rows)×\(columns), design is \(design.rows)×\(design.columns)")
        }
        guard response.count == rows else {
            throw .dimensionMismatch("design has \(rows) rows, response has \(response.count) values")
        }
        if let (i, j) = design.firstNonFinite {
            throw .nonFinite("design row \(i), column \(j) is \(design[i, j])")
        }
        if let i = response.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite("response value \(i) is \(response[i])")
        }
        var scale: [Double]? = nil
        if let weights {
            guard weights.count == rows else {
                throw .dimensionMismatch("design has \(rows) rows, weights has \(weights.count) values")
            }
            if let i = weights.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("weight \(i) is \(weights[i])") }
            if let i = weights.firstIndex(where: { $0 < 0 }) { throw .negativeWeight(index: i, value: weights[i]) }
            scale = weights.map { $0.squareRoot() }
        }
        let threshold = rcond ?? LeastSquares.defaultRcond(rows: rows, columns: columns)
        guard threshold.isFinite else { throw .nonFinite("rcond is \(threshold)") }

        let m = rows
        let n = columns
        design.elements.withUnsafeBufferPointer { source in
            a.withUnsafeMutableBufferPointer { target in
                if let scale {
                    for j in 0..<n { for i in 0..<m { target[i + j * m] = source[i + j * m] * scale[i] } }
                } else {
                    for k in 0..<(m * n) { target[k] = source[k] }
                }
            }
        }
        for i in 0..<b.count { b[i] = i < m ? response[i] * (scale?[i] ?? 1) : 0 }
        let rank = try LAPACK.dgelsd(
            rows: m, columns: n, rightHandSides: 1, a: &a, b: &b,
            singularValues: &singular, rcond: threshold, work: &work, iwork: &iwork)
        return LeastSquaresSolution(coefficients: Array(b.prefix(n)), rank: rank, singularValues: singular)
    }
}
