import Foundation
import XCTest

/// Replays every case `make fuzz` found (Fixtures/fuzz/*/): its input files copied to a fresh
/// folder, `staffcast` run there with the case's arguments. Each must end with the exit code
/// the CLI contract gives it (`expect`, written by hand with the reason in `why`) and a message,
/// never a signal, exit 70 or — for input breaking a documented bound — exit 0. Cases that
/// should succeed may list output text that must not appear (`forbidden`).
final class FuzzFixtureTests: XCTestCase {
    struct Fixture: Decodable {
        var arguments: [String]
        var expect: Int32
        var why: String
        /// Per output file, substrings it must not contain.
        var forbidden: [String: [String]]?
        /// Text the error message must contain (the file and line, the flag or the key).
        var message: String?
    }

    static let root = CLI.projectRoot.appendingPathComponent("Tests/StaffcastCLITests/Fixtures/fuzz")

    func testEveryFuzzFixtureEndsCleanly() throws {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: Self.root.path)
            .filter { fm.fileExists(atPath: Self.root.appendingPathComponent($0 + "/case.json").path) }.sorted()
        XCTAssertFalse(names.isEmpty, "no fixture found in \(Self.root.path)")
        for name in names {
            let folder = Self.root.appendingPathComponent(name)
            let fixture = try JSONDecoder().decode(
                Fixture.self, from: Data(contentsOf: folder.appendingPathComponent("case.json")))
            let work = try CLI.temporaryDirectory()
            defer { try? fm.removeItem(at: work) }
            for file in try fm.contentsOfDirectory(atPath: folder.path) where file != "case.json" {
                try fm.copyItem(at: folder.appendingPathComponent(file), to: work.appendingPathComponent(file))
            }
            let result = try CLI.run(fixture.arguments, cwd: work)
            XCTAssertEqual(result.status, fixture.expect, "\(name) (\(fixture.why)): \(result.stderr)")
            if fixture.expect != 0 {
                XCTAssertFalse(result.stderr.isEmpty, "\(name): a failure says why")
            }
            if let message = fixture.message {
                XCTAssertTrue(result.stderr.contains(message), "\(name): expected '\(message)' in: \(result.stderr)")
            }
            for (file, texts) in fixture.forbidden ?? [:] {
                let text = try String(contentsOf: work.appendingPathComponent(file), encoding: .utf8)
                for bad in texts { XCTAssertFalse(text.contains(bad), "\(name): \(file) contains '\(bad)':\n\(text)") }
            }
        }
    }
}
