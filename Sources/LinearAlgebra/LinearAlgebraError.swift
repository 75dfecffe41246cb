/// Every way a linear-algebra request can fail. Problems LAPACK would abort the process on
/// (illegal dimensions, NaN input) are caught in Swift before the call and reported here.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Shapes that do not fit together (a response of the wrong length, a ragged matrix).
    case dimensionMismatch(String)
    /// A shape no problem can have (negative sizes, zero rows or columns for least squares).
    case invalidDimensions(String)
    /// A NaN or infinite value in the input, named by where it was found.
    case nonFinite(String)
    /// A negative weight in weighted least squares.
    case negativeWeight(index: Int, value: Double)
    /// Sizes beyond LAPACK's 32-bit integers.
    case problemTooLarge(rows: Int, columns: Int)
    /// `dgelsd` returned `info > 0`: the SVD did not converge (`offDiagonals` superdiagonals of
    /// the bidiagonal form did not converge to zero).
    case svdDidNotConverge(offDiagonals: Int)
    /// LAPACK reported an illegal argument (`info < 0`); the Swift checks should make this
    /// unreachable, so it means a bug in LinearAlgebra.
    case illegalArgument(position: Int, routine: String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let message): return "dimension mismatch: \(message)"
        case .invalidDimensions(let message): return "invalid dimensions: \(message)"
        case .nonFinite(let message): return "not a finite number: \(message)"
        case .negativeWeight(let index, let value): return "weight \(index) is negative (\(value))"
        case .problemTooLarge(let rows, let columns):
            return "a \(rows)×\(columns) problem exceeds LAPACK's 32-bit index range"
        case .svdDidNotConverge(let offDiagonals):
            return
                "least squares: the singular value decomposition did not converge (\(offDiagonals) off-diagonal elements)"
        case .illegalArgument(let position, let routine):
            return "internal error: \(routine) rejected argument \(position)"
        }
    }
}
