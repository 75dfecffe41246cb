import TestSupport
import XCTest

@testable import LinearAlgebra

final class MatrixTests: XCTestCase {
    func testStorageIsColumnMajor() throws {
        let m = try Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(m.rows, 2)
        XCTAssertEqual(m.columns, 3)
        XCTAssertEqual(m.elements, [1, 4, 2, 5, 3, 6])
        XCTAssertEqual(m[1, 2], 6)
        XCTAssertEqual(Array(m.column(1)), [2, 5])
        XCTAssertEqual(m.transposed, try Matrix(rowMajor: [[1, 4], [2, 5], [3, 6]]))
    }

    func testProductAndColumns() throws {
        var m = try Matrix(rows: 2, columns: 2)
        try m.setColumn(0, to: [1, 3])
        try m.setColumn(1, to: [2, 4])
        // [[1, 2], [3, 4]] · [5, 6] = [17, 39]
        XCTAssertEqual(try m.multiplied(by: [5, 6]), [17, 39])
        XCTAssertEqual(try Matrix.identity(2).multiplied(by: [7, -8]), [7, -8])
    }

    func testShapeErrors() {
        XCTAssertThrowsError(try Matrix(rowMajor: [[1, 2], [3]])) { error in
            guard case LinearAlgebraError.dimensionMismatch = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3]))
        XCTAssertThrowsError(try Matrix(rows: -1, columns: 2))
        XCTAssertThrowsError(try Matrix(rows: Int.max, columns: 2)) { error in
            guard case LinearAlgebraError.problemTooLarge = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Matrix(rowMajor: [[1, 2]]).multiplied(by: [1]))
    }
}
