import StaffcastCore

/// The harness's randomness: one xoshiro256** stream per case, derived from the run's seed and
/// the case's number, so any case can be replayed alone (`--case N`) and the verdicts do not
/// depend on which worker ran what first.
struct FuzzRandom {
    private var generator: Xoshiro256StarStar

    init(seed: UInt64, caseNumber: Int) {
        var mixer = SplitMix64(seed: seed ^ (UInt64(caseNumber) &* 0xD1B5_4A32_D192_ED03))
        generator = Xoshiro256StarStar(seed: mixer.next())
    }

    /// A whole number in `0 ..< bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(generator.next() % UInt64(max(1, bound))) }

    mutating func chance(_ probability: Double) -> Bool {
        Double(generator.next() >> 11) / Double(1 << 53) < probability
    }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index chosen with probability proportional to `weights`.
    mutating func weighted(_ weights: [Int]) -> Int {
        var r = below(weights.reduce(0, +))
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }

    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: generator.next()) }
}
