import Foundation
import XCTest

@testable import StaffcastCore

/// Files published together: all of them or none.
final class WriteTogetherTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("together-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func testAllAreReplaced() throws {
        try Data("old a".utf8).write(to: URL(fileURLWithPath: path("a")))
        try AtomicFile.writeTogether([(path("a"), Data("new a".utf8)), (path("b"), Data("new b".utf8))])
        XCTAssertEqual(try String(contentsOfFile: path("a"), encoding: .utf8), "new a")
        XCTAssertEqual(try String(contentsOfFile: path("b"), encoding: .utf8), "new b")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["a", "b"])
    }

    /// The last file cannot be written (its name is a folder): the earlier review stays whole.
    func testNoneIsReplacedWhenOneFails() throws {
        try Data("old a".utf8).write(to: URL(fileURLWithPath: path("a")))
        try Data("old b".utf8).write(to: URL(fileURLWithPath: path("b")))
        try FileManager.default.createDirectory(atPath: path("c"), withIntermediateDirectories: false)
        XCTAssertThrowsError(
            try AtomicFile.writeTogether([
                (path("a"), Data("new a".utf8)), (path("b"), Data("new b".utf8)), (path("c"), Data("new c".utf8)),
            ]))
        XCTAssertEqual(try String(contentsOfFile: path("a"), encoding: .utf8), "old a")
        XCTAssertEqual(try String(contentsOfFile: path("b"), encoding: .utf8), "old b")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["a", "b", "c"])
    }
}
