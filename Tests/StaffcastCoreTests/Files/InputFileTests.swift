import Foundation
import XCTest

@testable import StaffcastCore

final class InputFileTests: XCTestCase {
    /// An endless device is refused once it passes the bound, not read until memory runs out.
    func testAnEndlessInputStopsAtTheBound() throws {
        XCTAssertThrowsError(try InputFile.read("/dev/zero", maximumBytes: 3 << 20)) { error in
            guard case CoreError.badFile(let path, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/dev/zero")
            XCTAssertTrue(message.contains("more than 3 MiB"), message)
        }
    }

    /// A file of exactly the bound is read whole: 5 bytes with a 5-byte bound.
    func testAFileAtTheBoundIsRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("input-\(UUID().uuidString)")
        try Data("a,b\n1".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try InputFile.read(url.path, maximumBytes: 5)
        XCTAssertEqual(String(decoding: file.data, as: UTF8.self), "a,b\n1")
        XCTAssertTrue(file.isRegular)
        XCTAssertThrowsError(try InputFile.read(url.path, maximumBytes: 4))
    }
}
