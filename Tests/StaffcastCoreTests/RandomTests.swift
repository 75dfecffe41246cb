import XCTest

@testable import StaffcastCore

final class RandomTests: XCTestCase {
    func testUniformsStayInTheirIntervals() {
        var generator = Xoshiro256StarStar(seed: 7)
        for _ in 0..<100_000 {
            let closedOpen = generator.uniform()
            XCTAssert(closedOpen >= 0 && closedOpen < 1)
            let openClosed = generator.uniformAboveZero()
            XCTAssert(openClosed > 0 && openClosed <= 1)
        }
        XCTAssertEqual(Set((0..<1000).map { _ in generator.integer(in: 3...5) }), [3, 4, 5])
    }

    /// Both normal generators have mean 0 and variance 1: with 200,000 draws the standard error
    /// of the mean is 0.0022 and of the variance 0.0032, so the bounds are about 4.5 of them.
    func testNormalsHaveMeanZeroAndVarianceOne() {
        var generator = Xoshiro256StarStar(seed: 11)
        var polar = PolarNormals()
        for draw in [{ generator.normal() }, { polar.next(from: &generator) }] as [() -> Double] {
            let values = (0..<200_000).map { _ in draw() }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
            XCTAssertEqual(mean, 0, accuracy: 0.01)
            XCTAssertEqual(variance, 1, accuracy: 0.015)
            XCTAssertEqual(
                Double(values.filter { abs($0) < 1.959964 }.count) / Double(values.count), 0.95, accuracy: 0.003)
        }
    }
}
