import StaffcastCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The variates the simulator draws, from one `Xoshiro256StarStar` stream.
struct VariateSource {
    var generator: Xoshiro256StarStar
    private var normals = PolarNormals()

    init(seed: UInt64) { generator = Xoshiro256StarStar(seed: seed) }

    /// Uniform on (0, 1], so that log never sees 0.
    @inline(__always)
    mutating func uniform() -> Double { generator.uniformAboveZero() }

    /// Exponential with mean 1.
    @inline(__always)
    mutating func exponential() -> Double { -log(uniform()) }

    /// Standard normal (Marsaglia polar method, ``PolarNormals``).
    mutating func normal() -> Double { normals.next(from: &generator) }
}
