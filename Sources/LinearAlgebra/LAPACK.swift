import CLAPACKE

/// The one place that calls LAPACK. Callers have already checked dimensions and finiteness:
/// LAPACK's error handler prints and may end the process on an illegal argument, so nothing
/// illegal may reach it. Status codes come back as ``LinearAlgebraError`` values.
enum LAPACK {
    /// Converts a size to LAPACK's 32-bit integer, or reports the problem as too large.
    static func int32(_ value: Int, rows: Int, columns: Int) throws(LinearAlgebraError) -> Int32 {
        guard value >= 0, value <= Int(Int32.max) else { throw .problemTooLarge(rows: rows, columns: columns) }
        return Int32(value)
    }

    /// Optimal `work` length and minimal `iwork` length for `dgelsd` on an `m` × `n` problem
    /// with `nrhs` right-hand sides (a workspace query: `lwork = -1`).
    static func dgelsdWorkspace(rows m: Int, columns n: Int, rightHandSides nrhs: Int)
        throws(LinearAlgebraError) -> (work: Int, iwork: Int)
    {
        let m32 = try int32(m, rows: m, columns: n)
        let n32 = try int32(n, rows: m, columns: n)
        let nrhs32 = try int32(nrhs, rows: m, columns: n)
        let lda = try int32(max(1, m), rows: m, columns: n)
        let ldb = try int32(max(1, m, n), rows: m, columns: n)
        var a = [0.0]
        var b = [0.0]
        var s = [0.0]
        var work = [0.0]
        var iwork: [Int32] = [0]
        var rank: Int32 = 0
        let info = LAPACKE_dgelsd_work(
            LAPACK_COL_MAJOR, m32, n32, nrhs32, &a, lda, &b, ldb, &s,
            -1, &rank, &work, -1, &iwork)
        guard info == 0 else { throw .illegalArgument(position: Int(-info), routine: "dgelsd workspace query") }
        // LAPACK returns the size as a Double; a little slack guards against rounding.
        let lwork = Int(work[0].rounded(.up))
        return (max(1, lwork), max(1, Int(iwork[0])))
    }

    /// Minimum-norm solution of min ‖A x − b‖₂ by the divide-and-conquer SVD (`dgelsd`).
    ///
    /// - Parameters:
    ///   - a: `m` × `n` column-major, overwritten.
    ///   - b: `max(m, n)` × `nrhs` column-major, overwritten by the solution in its first `n` rows.
    ///   - singularValues: receives `min(m, n)` singular values, largest first.
    /// - Returns: the effective rank.
    static func dgelsd(
        rows m: Int, columns n: Int, rightHandSides nrhs: Int,
        a: inout [Double], b: inout [Double], singularValues: inout [Double],
        rcond: Double, work: inout [Double], iwork: inout [Int32]
    )
        throws(LinearAlgebraError) -> Int
    {
        let ldbInt = max(1, m, n)
        // Re-check the contract here too: this is the last line before C.
        guard m >= 1, n >= 1, nrhs >= 1, a.count >= m * n, b.count >= ldbInt * nrhs,
            singularValues.count >= min(m, n), !work.isEmpty, !iwork.isEmpty, rcond.isFinite
        else { throw .invalidDimensions("dgelsd called with inconsistent buffers for a \(m)×\(n) problem") }
        let m32 = try int32(m, rows: m, columns: n)
        let n32 = try int32(n, rows: m, columns: n)
        let nrhs32 = try int32(nrhs, rows: m, columns: n)
        let lda = try int32(m, rows: m, columns: n)
        let ldb = try int32(ldbInt, rows: m, columns: n)
        let lwork = try int32(work.count, rows: m, columns: n)
        var rank: Int32 = 0
        let info = LAPACKE_dgelsd_work(
            LAPACK_COL_MAJOR, m32, n32, nrhs32, &a, lda, &b, ldb,
            &singularValues, rcond, &rank, &work, lwork, &iwork)
        if info > 0 { throw .svdDidNotConverge(offDiagonals: Int(info)) }
        if info < 0 { throw .illegalArgument(position: Int(-info), routine: "dgelsd") }
        return Int(rank)
    }
}
