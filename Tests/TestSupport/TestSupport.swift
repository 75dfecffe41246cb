import StaffcastCore
import XCTest

/// Asserts |actual − expected| ≤ absolute + relative · |expected|, naming both values.
public func assertClose(
    _ actual: Double, _ expected: Double, relative: Double = 0, absolute: Double = 0,
    _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    if actual == expected { return }  // also covers matching infinities
    let tolerance = absolute + relative * abs(expected)
    XCTAssert(
        abs(actual - expected) <= tolerance,
        "\(actual) is not within \(tolerance) of \(expected) \(message())", file: file, line: line)
}

/// The seeded generator of randomised tests: StaffcastCore's SplitMix64, so tests are reproducible.
public typealias SeededGenerator = SplitMix64

/// Reads a CSV fixture with a header into dictionaries (fixtures are plain, unquoted CSV).
public func loadFixtureTable(_ url: URL) throws -> [[String: String]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    guard !lines.isEmpty else { return [] }
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return lines.map { line in
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return Dictionary(uniqueKeysWithValues: zip(header, fields))
    }
}

/// Parses a reference value; "inf" becomes +∞.
public func referenceDouble(_ text: String?) -> Double? {
    guard let text, !text.isEmpty else { return nil }
    if text == "inf" { return .infinity }
    return Double(text)
}
