import Foundation
import XCTest

/// `plan` publishes the pinned bytes: the demo, a three-channel config with Erlang A, chat
/// concurrency, a deadline channel, quantile staffing, holidays, events, scenarios and shift
/// templates, and a tours config on another time zone across the end of DST.
///
/// `Fixtures/golden/<run>/` holds every file those runs write (first pinned as SHA-256 hashes at
/// cd7e381; see the fixtures' README for later, intended changes). A failure names the file and
/// its first differing line. A change that means to alter the plan's output must say so and
/// regenerate the files after reading the differences:
/// `STAFFCAST_UPDATE_GOLDEN=1 swift test --disable-swift-testing --filter PlanGoldenTests`.
final class PlanGoldenTests: XCTestCase {
    static let golden = CLI.projectRoot.appendingPathComponent("Tests/StaffcastCLITests/Fixtures/golden")
    static let runs: [(name: String, config: String, week: String)] = [
        ("demo", "datasets/bank_demo.json", "2003-W36"),
        ("queues", "Tests/StaffcastCLITests/Fixtures/plan_rich_queues.json", "2003-W36"),
        ("tours", "Tests/StaffcastCLITests/Fixtures/plan_rich_tours.json", "2003-W43"),
    ]

    func testPlansAreByteIdenticalToTheGoldenFiles() throws {
        let update = ProcessInfo.processInfo.environment["STAFFCAST_UPDATE_GOLDEN"] == "1"
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = FileManager.default
        for run in Self.runs {
            let out = directory.appendingPathComponent(run.name)
            let result = try CLI.run([
                "plan", "--config", run.config, "--week", run.week, "--out-dir", out.path, "--quiet",
            ])
            XCTAssertEqual(result.status, 0, "\(run.name): \(result.stderr)")
            let week = out.appendingPathComponent(run.week)
            let expectedFolder = Self.golden.appendingPathComponent(run.name)
            if update {
                try? files.removeItem(at: expectedFolder)
                try files.copyItem(at: week, to: expectedFolder)
                continue
            }
            let written = try files.contentsOfDirectory(atPath: week.path).sorted()
            XCTAssertEqual(written, try files.contentsOfDirectory(atPath: expectedFolder.path).sorted(), run.name)
            for file in written {
                let actual = try Data(contentsOf: week.appendingPathComponent(file))
                guard let expected = try? Data(contentsOf: expectedFolder.appendingPathComponent(file)) else {
                    continue
                }
                if let difference = Self.firstDifference(expected, actual) {
                    XCTFail("\(run.name)/\(file) differs from the golden file: \(difference)")
                }
            }
        }
    }

    /// The first line where `actual` departs from `expected`, both quoted; nil when the bytes agree.
    static func firstDifference(_ expected: Data, _ actual: Data) -> String? {
        guard expected != actual else { return nil }
        let want = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let got = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for line in 0..<max(want.count, got.count) {
            let a = line < want.count ? String(want[line]) : "(no line)"
            let b = line < got.count ? String(got[line]) : "(no line)"
            if a != b {
                return "line \(line + 1)\n  expected: \(a.prefix(400))\n  actual:   \(b.prefix(400))"
            }
        }
        return "the bytes differ but no line does (line endings?)"
    }

    func testTheDifferenceNamesTheFirstDifferingLine() {
        let message = Self.firstDifference(Data("a\nb\nc\n".utf8), Data("a\nB\nc\n".utf8))
        XCTAssertEqual(message, "line 2\n  expected: b\n  actual:   B")
        XCTAssertEqual(
            Self.firstDifference(Data("a\n".utf8), Data("a\nextra".utf8)), "line 2\n  expected: \n  actual:   extra")
        XCTAssertNil(Self.firstDifference(Data("same".utf8), Data("same".utf8)))
    }
}

/// The week's e-mail inherits the backlog of the week before with each contact's own deadline: the
/// first working interval needs no more agents than the week's other daily peaks (it needed 823
/// against peaks of 103–120 when the backlog was one lump due at once).
final class CarriedWorkTests: XCTestCase {
    func testCarriedEmailIsNoMondaySpike() throws {
        let requirements = try String(
            contentsOf: PlanGoldenTests.golden.appendingPathComponent("queues/requirements.csv"), encoding: .utf8)
        var peaks: [String: Int] = [:]
        var first: Int?
        for line in requirements.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields[1] == "email", let agents = Int(fields[4]) else { continue }
            if first == nil { first = agents }
            peaks[String(fields[0].prefix(10)), default: 0] = max(peaks[String(fields[0].prefix(10))] ?? 0, agents)
        }
        let monday = try XCTUnwrap(first)
        let others = peaks.filter { $0.key != "2003-09-01" }.values
        XCTAssertFalse(others.isEmpty)
        XCTAssertLessThanOrEqual(monday, try XCTUnwrap(others.max()))
        let manifest = try String(
            contentsOf: PlanGoldenTests.golden.appendingPathComponent("queues/manifest.json"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"deferred_opening_oldest_due\": \"2003-09-01T"), manifest)
    }
}
