import TestSupport
import XCTest

@testable import LinearAlgebra

final class LeastSquaresTests: XCTestCase {
    /// y = 2 − 3x + 0.5x² sampled at x = 0…5 is fitted exactly by a quadratic.
    func testExactPolynomialFit() throws {
        let xs: [Double] = [0, 1, 2, 3, 4, 5]
        let design = try Matrix(rowMajor: xs.map { [1, $0, $0 * $0] })
        let solution = try LeastSquares.solve(design, xs.map { 2 - 3 * $0 + 0.5 * $0 * $0 })
        XCTAssertEqual(solution.rank, 3)
        assertClose(solution.coefficients[0], 2, absolute: 1e-12)
        assertClose(solution.coefficients[1], -3, absolute: 1e-12)
        assertClose(solution.coefficients[2], 0.5, absolute: 1e-12)
    }

    /// Simple regression by hand: x = 0…3, y = 1, 3, 2, 5 → Sxy = 5.5, Sxx = 5,
    /// slope 1.1, intercept 2.75 − 1.1 · 1.5 = 1.1.
    func testOverdeterminedLineMatchesClosedForm() throws {
        let design = try Matrix(rowMajor: [[1, 0], [1, 1], [1, 2], [1, 3]])
        let solution = try LeastSquares.solve(design, [1, 3, 2, 5])
        assertClose(solution.coefficients[0], 1.1, absolute: 1e-12)
        assertClose(solution.coefficients[1], 1.1, absolute: 1e-12)
    }

    /// An intercept plus one dummy per group is collinear (the dummies sum to the intercept).
    /// With a + b₁ = 1 and a + b₂ = 3, the minimum of a² + (1 − a)² + (3 − a)² is at a = 4/3,
    /// so β = (4/3, −1/3, 5/3), rank 2.
    func testRankDeficientDesignGivesMinimumNormSolution() throws {
        let design = try Matrix(rowMajor: [[1, 1, 0], [1, 1, 0], [1, 0, 1], [1, 0, 1]])
        let solution = try LeastSquares.solve(design, [1, 1, 3, 3])
        XCTAssertEqual(solution.rank, 2)
        assertClose(solution.coefficients[0], 4.0 / 3, absolute: 1e-12)
        assertClose(solution.coefficients[1], -1.0 / 3, absolute: 1e-12)
        assertClose(solution.coefficients[2], 5.0 / 3, absolute: 1e-12)
    }

    /// One equation x₁ + x₂ = 2 in two unknowns: the minimum-norm solution is (1, 1).
    func testUnderdeterminedSystem() throws {
        let solution = try LeastSquares.solve(try Matrix(rowMajor: [[1, 1]]), [2])
        XCTAssertEqual(solution.rank, 1)
        assertClose(solution.coefficients[0], 1, absolute: 1e-12)
        assertClose(solution.coefficients[1], 1, absolute: 1e-12)
    }

    /// A constant fitted to 0 and 10 with weights 3 and 1 is the weighted mean 2.5; a zero weight
    /// removes a wild row from a line fit.
    func testWeights() throws {
        let constant = try LeastSquares.solve(try Matrix(rowMajor: [[1], [1]]), [0, 10], weights: [3, 1])
        assertClose(constant.coefficients[0], 2.5, absolute: 1e-12)

        let design = try Matrix(rowMajor: [[1, 0], [1, 1], [1, 2], [1, 3]])
        let line = try LeastSquares.solve(design, [1, 3, 1000, 7], weights: [1, 1, 0, 1])
        assertClose(line.coefficients[0], 1, absolute: 1e-10)
        assertClose(line.coefficients[1], 2, absolute: 1e-10)
    }

    /// diag(3, 4) padded with a zero row has singular values 4 and 3.
    func testSingularValues() throws {
        let solution = try LeastSquares.solve(try Matrix(rowMajor: [[3, 0], [0, 4], [0, 0]]), [3, 8, 1])
        assertClose(solution.singularValues[0], 4, absolute: 1e-12)
        assertClose(solution.singularValues[1], 3, absolute: 1e-12)
        assertClose(solution.coefficients[0], 1, absolute: 1e-12)
        assertClose(solution.coefficients[1], 2, absolute: 1e-12)
    }

    /// The workspace is queried once and reused: consecutive solves with different data are
    /// independent and each is right.
    func testSolverReuse() throws {
        let design = try Matrix(rowMajor: [[1, 0], [1, 1], [1, 2]])
        var solver = try LeastSquaresSolver(rows: 3, columns: 2)
        for (intercept, slope) in [(1.0, 2.0), (-4.0, 0.25), (0.0, 0.0)] {
            let solution = try solver.solve(design, [0, 1, 2].map { intercept + slope * $0 })
            assertClose(solution.coefficients[0], intercept, absolute: 1e-12)
            assertClose(solution.coefficients[1], slope, absolute: 1e-12)
        }
        XCTAssertThrowsError(try solver.solve(try Matrix(rowMajor: [[1, 0]]), [1])) { error in
            guard case LinearAlgebraError.dimensionMismatch = error else { return XCTFail("\(error)") }
        }
    }

    /// Bad input is refused in Swift; LAPACK would otherwise abort the process.
    func testInvalidInputIsReportedNotPassedToLAPACK() throws {
        let design = try Matrix(rowMajor: [[1, 0], [1, .nan]])
        XCTAssertThrowsError(try LeastSquares.solve(design, [1, 2])) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .nonFinite("design row 1, column 1 is nan"))
        }
        let good = try Matrix(rowMajor: [[1, 0], [1, 1]])
        XCTAssertThrowsError(try LeastSquares.solve(good, [1, .infinity])) { error in
            guard case LinearAlgebraError.nonFinite = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try LeastSquares.solve(good, [1])) { error in
            guard case LinearAlgebraError.dimensionMismatch = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try LeastSquares.solve(good, [1, 2], weights: [1, -1])) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .negativeWeight(index: 1, value: -1))
        }
        XCTAssertThrowsError(try LeastSquares.solve(try Matrix(rows: 0, columns: 2), [])) { error in
            guard case LinearAlgebraError.invalidDimensions = error else { return XCTFail("\(error)") }
        }
    }

    /// A larger random overdetermined problem agrees with the normal equations solved by hand
    /// elimination (an independent route) to high precision.
    func testAgreesWithNormalEquations() throws {
        var rng = SeededGenerator(seed: 7)
        let m = 50
        let n = 4
        var rowsValues: [[Double]] = []
        var response: [Double] = []
        for _ in 0..<m {
            let row = (0..<n).map { _ in Double.random(in: -1...1, using: &rng) }
            rowsValues.append(row)
            response.append(
                row.enumerated().reduce(0.3) { $0 + Double($1.offset + 1) * $1.element }
                    + Double.random(in: -0.1...0.1, using: &rng))
        }
        let solution = try LeastSquares.solve(try Matrix(rowMajor: rowsValues), response)
        // Normal equations XᵀX β = Xᵀy by Gaussian elimination with partial pivoting.
        var normal = Array(repeating: Array(repeating: 0.0, count: n + 1), count: n)
        for (row, y) in zip(rowsValues, response) {
            for i in 0..<n {
                for j in 0..<n { normal[i][j] += row[i] * row[j] }
                normal[i][n] += row[i] * y
            }
        }
        for col in 0..<n {
            let pivot = (col..<n).max { abs(normal[$0][col]) < abs(normal[$1][col]) }!
            normal.swapAt(col, pivot)
            for r in 0..<n where r != col {
                let factor = normal[r][col] / normal[col][col]
                for c in col...n { normal[r][c] -= factor * normal[col][c] }
            }
        }
        for i in 0..<n { assertClose(solution.coefficients[i], normal[i][n] / normal[i][i], absolute: 1e-10) }
    }
}
