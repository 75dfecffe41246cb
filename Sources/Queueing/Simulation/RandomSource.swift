import StaffcastCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The variates the simulator draws, from one `Xoshiro256StarStar` stream.
struct VariateSource {
    var generator: Xoshiro256StarStar
    private var spareNormal: Double?

    init(seed: UInt64) { generator = Xoshiro256StarStar(seed: seed) }

    /// Uniform on (0, 1]: 53 random bits, shifted up by one ulp so that log never sees 0.
    @inline(__always)
    mutating func uniform() -> Double {
        Double((generator.next() >> 11) + 1) * 0x1p-53
    }

    /// Exponential with mean 1.
    @inline(__always)
    mutating func exponential() -> Double { -log(uniform()) }

    /// Standard normal by the Marsaglia polar method (the second value of each pair is kept).
    mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0, s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }
}
