import Foundation
import XCTest

/// `plan` publishes the pinned bytes (first pinned at cd7e381, before the weekly pipeline moved
/// into the `Planning` module, which kept every byte; see the fixture's README for later, intended
/// changes): the demo, a three-channel config with Erlang A, chat
/// concurrency, a deadline channel, quantile staffing, holidays, events, scenarios and shift
/// templates, and a tours config on another time zone across the end of DST.
///
/// `Fixtures/plan_golden_sha256.txt` holds the SHA-256 of every file those runs write. A change that means to alter the plan's output must say so and regenerate the list
/// with the command in the fixture's README, after checking the differences by hand.
final class PlanGoldenTests: XCTestCase {
    static let fixtures = CLI.projectRoot.appendingPathComponent("Tests/StaffcastCLITests/Fixtures")
    static let runs: [(name: String, config: String, week: String)] = [
        ("demo", "datasets/bank_demo.json", "2003-W36"),
        ("queues", "Tests/StaffcastCLITests/Fixtures/plan_rich_queues.json", "2003-W36"),
        ("tours", "Tests/StaffcastCLITests/Fixtures/plan_rich_tours.json", "2003-W43"),
    ]

    func testPlansAreByteIdenticalToTheGoldenHashes() throws {
        let listing = try String(
            contentsOf: Self.fixtures.appendingPathComponent("plan_golden_sha256.txt"), encoding: .utf8)
        var expected: [String: [String: String]] = [:]
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            XCTAssertEqual(fields.count, 3, String(line))
            guard fields.count == 3 else { continue }
            expected[fields[1], default: [:]][fields[2]] = fields[0]
        }
        XCTAssertEqual(Set(expected.keys), Set(Self.runs.map(\.name)))
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for run in Self.runs {
            let out = directory.appendingPathComponent(run.name)
            let result = try CLI.run([
                "plan", "--config", run.config, "--week", run.week, "--out-dir", out.path, "--quiet",
            ])
            XCTAssertEqual(result.status, 0, "\(run.name): \(result.stderr)")
            let week = out.appendingPathComponent(run.week)
            let written = try FileManager.default.contentsOfDirectory(atPath: week.path).sorted()
            XCTAssertEqual(written, expected[run.name]?.keys.sorted(), run.name)
            for file in written {
                let hash = sha256Hex(try Data(contentsOf: week.appendingPathComponent(file)))
                XCTAssertEqual(hash, expected[run.name]?[file], "\(run.name)/\(file) differs from the golden output")
            }
        }
    }

    /// `sha256sum`'s hex digest, computed by the system tool so the check does not rely on the
    /// project's own SHA-256.
    func sha256Hex(_ data: Data) -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? data.write(to: file)) != nil else { return "unwritable" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return "sha256sum missing" }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: output, as: UTF8.self).prefix(64))
    }
}
