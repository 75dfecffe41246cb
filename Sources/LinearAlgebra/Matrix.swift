/// A dense matrix of `Double` stored column by column (column-major), the layout LAPACK expects,
/// so a design matrix can be handed to `dgelsd` without a transpose.
///
/// Element (i, j) lives at `elements[i + j * rows]`.
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// Column-major storage: column 0 first, then column 1, …
    public private(set) var elements: [Double]

    /// A `rows` × `columns` matrix with every element `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0 else {
            throw .invalidDimensions("a matrix cannot have \(rows) rows and \(columns) columns")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow else { throw .problemTooLarge(rows: rows, columns: columns) }
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: count)
    }

    /// A matrix from its column-major elements; `elements.count` must be `rows · columns`.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0 else {
            throw .invalidDimensions("a matrix cannot have \(rows) rows and \(columns) columns")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow else { throw .problemTooLarge(rows: rows, columns: columns) }
        guard elements.count == count else {
            throw .dimensionMismatch("\(rows)×\(columns) matrix needs \(count) elements, got \(elements.count)")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from its rows as written on paper; every row must have the same length.
    public init(rowMajor rowValues: [[Double]]) throws(LinearAlgebraError) {
        let columns = rowValues.first?.count ?? 0
        for (i, row) in rowValues.enumerated() where row.count != columns {
            throw .dimensionMismatch("row \(i) has \(row.count) values, row 0 has \(columns)")
        }
        try self.init(rows: rowValues.count, columns: columns)
        for (i, row) in rowValues.enumerated() {
            for (j, value) in row.enumerated() { elements[i + j * rows] = value }
        }
    }

    /// The `n` × `n` identity.
    public static func identity(_ n: Int) throws(LinearAlgebraError) -> Matrix {
        var m = try Matrix(rows: n, columns: n)
        for i in 0..<n { m.elements[i + i * n] = 1 }
        return m
    }

    /// Element at `row`, `column` (0-based). Out-of-range indices trap, as for arrays.
    public subscript(row: Int, column: Int) -> Double {
        get { elements[row + column * rows] }
        set { elements[row + column * rows] = newValue }
    }

    /// The elements of one column.
    public func column(_ j: Int) -> ArraySlice<Double> {
        elements[(j * rows)..<((j + 1) * rows)]
    }

    /// Replaces column `j`; `values.count` must equal `rows`.
    public mutating func setColumn(_ j: Int, to values: [Double]) throws(LinearAlgebraError) {
        guard j >= 0, j < columns else { throw .invalidDimensions("column \(j) of a matrix with \(columns) columns") }
        guard values.count == rows else {
            throw .dimensionMismatch("column of \(rows) rows given \(values.count) values")
        }
        elements.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<rows { buffer[i + j * rows] = values[i] }
        }
    }

    /// The product `self · vector`.
    public func multiplied(by vector: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard vector.count == columns else {
            throw .dimensionMismatch("\(rows)×\(columns) matrix times a vector of \(vector.count)")
        }
        var result = Array(repeating: 0.0, count: rows)
        elements.withUnsafeBufferPointer { a in
            for j in 0..<columns where vector[j] != 0 {
                let x = vector[j]
                let base = j * rows
                for i in 0..<rows { result[i] += a[base + i] * x }
            }
        }
        return result
    }

    /// The transpose.
    public var transposed: Matrix {
        var values = Array(repeating: 0.0, count: elements.count)
        for i in 0..<rows { for j in 0..<columns { values[j + i * columns] = elements[i + j * rows] } }
        return Matrix(validatedRows: columns, columns: rows, elements: values)
    }

    /// For shapes already known to be consistent.
    init(validatedRows rows: Int, columns: Int, elements: [Double]) {
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// Row `i`, column `j` of the first element that is NaN or infinite, if any.
    public var firstNonFinite: (row: Int, column: Int)? {
        guard let k = elements.firstIndex(where: { !$0.isFinite }) else { return nil }
        return (k % max(rows, 1), k / max(rows, 1))
    }

    public var description: String {
        (0..<rows).map { i in (0..<columns).map { j in "\(self[i, j])" }.joined(separator: " ") }
            .joined(separator: "\n")
    }
}
