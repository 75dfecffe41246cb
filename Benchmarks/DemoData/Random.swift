import Foundation
import StaffcastCore

/// The Poisson draws of the demo-data generator, on the shared ``Xoshiro256StarStar`` and its
/// uniforms (StaffcastCore).
extension Xoshiro256StarStar {
    /// A Poisson(λ) draw: multiplication method below λ = 10, Hörmann's PTRS transformed
    /// rejection (Insurance: Mathematics and Economics 12, 1993) above.
    public mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0, lambda.isFinite else { return 0 }
        if lambda < 10 {
            let limit = exp(-lambda)
            var k = 0
            var p = uniform()
            while p > limit {
                k += 1
                p *= uniform()
            }
            return k
        }
        let slam = lambda.squareRoot()
        let loglam = Foundation.log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = floor((2 * a / us + b) * u + lambda + 0.43)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if Foundation.log(v) + Foundation.log(invAlpha) - Foundation.log(a / (us * us) + b)
                <= -lambda + k * loglam - lgamma(k + 1)
            {
                return Int(k)
            }
        }
    }
}
