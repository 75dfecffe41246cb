import XCTest

@testable import StaffcastCore

/// `Parallel.map` is `(0..<count).map` whatever the number of cores and chunks: every result in
/// its place, each item computed once.
final class ParallelTests: XCTestCase {
    func testResultsInOrderForEveryChunkSize() {
        for count in [0, 1, 2, 5, 17, 100, 10_000] {
            for minimumChunk in [1, 3, 4096] {
                let result = Parallel.map(count, minimumChunk: minimumChunk) { i in i * i + 1 }
                XCTAssertEqual(result, (0..<count).map { $0 * $0 + 1 }, "count \(count), chunk \(minimumChunk)")
            }
        }
    }

    /// Items of very different cost (a slow one among quick ones) come back in order.
    func testUnevenItemsInOrder() {
        let result = Parallel.map(7, minimumChunk: 1) { i -> [Int] in
            let n = i == 2 ? 200_000 : 10
            return [i, (0..<n).reduce(0) { ($0 &+ $1 &* 31) % 1_000_003 }]
        }
        XCTAssertEqual(result.map { $0[0] }, Array(0..<7))
        XCTAssertEqual(result[2][1], (0..<200_000).reduce(0) { ($0 &+ $1 &* 31) % 1_000_003 })
    }
}
