/// Division by a divisor fixed in advance, as one multiplication and a shift.
///
/// With ℓ = ⌈log₂ d⌉ and m = ⌈2^(32+ℓ) / d⌉, 2^(32+ℓ) ≤ m·d ≤ 2^(32+ℓ) + 2^ℓ, so
/// ⌊n / d⌋ = ⌊m·n / 2^(32+ℓ)⌋ for every 0 ≤ n < 2³² (Granlund & Montgomery 1994, "Division by
/// invariant integers using multiplication", PLDI, theorem 4.2). The pattern search decodes its
/// state numbers (all below 2³¹) this way: a hardware division takes several times as long.
struct InvariantDivisor {
    let divisor: Int
    private let multiplier: UInt64
    /// 32 + ℓ, from 32 to 63.
    private let shift: UInt64

    /// - Precondition: 1 ≤ `divisor` < 2³¹.
    init(_ divisor: Int) {
        precondition(divisor >= 1 && divisor < 1 << 31, "InvariantDivisor needs 1 ≤ d < 2³¹")
        var log = 0
        while 1 << log < divisor { log += 1 }
        let power = UInt64(1) << UInt64(32 + log)
        let d = UInt64(divisor)
        self.divisor = divisor
        multiplier = power / d + (power % d == 0 ? 0 : 1)
        shift = UInt64(32 + log)
    }

    /// ⌊n / d⌋ for 0 ≤ n < 2³².
    @inline(__always) func quotient(_ n: Int) -> Int {
        let (high, low) = UInt64(truncatingIfNeeded: n).multipliedFullWidth(by: multiplier)
        return Int(truncatingIfNeeded: (high &<< (64 &- shift)) | (low &>> shift))
    }

    /// n mod d for 0 ≤ n < 2³².
    @inline(__always) func remainder(_ n: Int) -> Int {
        n &- quotient(n) &* divisor
    }
}
