import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): turns any 64-bit seed, 0 included, into well-mixed
/// state words for ``Xoshiro256StarStar`` and derives independent streams (per replication, per
/// channel).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"): the
/// generator of the simulator and the demo-data generator. Our own code, never the system's
/// randomness, so a seed gives the same bytes on every platform and toolchain.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// State from four SplitMix64 outputs of `seed` (the authors' recommended seeding).
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    @inline(__always)
    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// The variates every seeded stream draws: the one place that turns 64 random bits into
/// uniforms and normals.
extension Xoshiro256StarStar {
    /// Uniform on [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform on (0, 1]: 53 random bits shifted up by one ulp, so that a logarithm never sees 0.
    @inline(__always)
    public mutating func uniformAboveZero() -> Double { Double((next() >> 11) + 1) * 0x1p-53 }

    /// Uniform integer in `range` (by remainder: the bias is below 2⁻⁵⁰ for the ranges we draw).
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// Standard normal by Box–Muller (Box & Muller 1958), one value per call from two uniforms:
    /// √(−2 ln u) · cos(2πv).
    public mutating func normal() -> Double {
        let u = max(uniform(), 0x1.0p-60)
        let v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// Standard normals by the Marsaglia polar method (Marsaglia & Bray 1964): pairs from uniforms
/// (u, v) on (−1, 1]² with s = u² + v² in (0, 1), each u·√(−2 ln s / s) and v·√(−2 ln s / s); the
/// second of a pair is kept for the next call. The simulator's stream: cheaper than Box–Muller
/// (no trigonometry), and its seeded replications are pinned by tests, so it stays as it is.
public struct PolarNormals: Sendable {
    private var spare: Double?

    public init() {}

    public mutating func next(from generator: inout Xoshiro256StarStar) -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        while true {
            let u = 2 * generator.uniformAboveZero() - 1
            let v = 2 * generator.uniformAboveZero() - 1
            let s = u * u + v * v
            if s > 0, s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                spare = v * factor
                return u * factor
            }
        }
    }
}
