import Foundation
import XCTest

/// `staffcast simulate` end to end. The staffing is R0001 of the reference tables (100 contacts per
/// 30 minutes, AHT 180 s, 14 agents: Erlang C SL(20 s) 0.88835), so the simulated service level
/// must land near it.
final class SimulateCommandTests: XCTestCase {
    private func writeInputs(in directory: URL, intervals: Int = 48, staffedIntervals: Int? = nil) throws -> (URL, URL)
    {
        var arrivals = "timestamp,channel,contacts\n"
        var staffing = "timestamp,channel,agents\n"
        for i in 0..<intervals {
            let hour = i / 2
            let minute = i % 2 * 30
            let stamp = String(format: "2025-03-03T%02d:%02d:00Z", hour, minute)
            arrivals += "\(stamp),phone,100\n\(stamp),chat,\(i % 3)\n"
            if i < (staffedIntervals ?? intervals) { staffing += "\(stamp),phone,14\n\(stamp),chat,1\n" }
        }
        let arrivalsURL = directory.appendingPathComponent("arrivals.csv")
        let staffingURL = directory.appendingPathComponent("staffing.csv")
        try Data(arrivals.utf8).write(to: arrivalsURL)
        try Data(staffing.utf8).write(to: staffingURL)
        return (arrivalsURL, staffingURL)
    }

    func testWritesIntervalsAndSummaryReproducibly() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (arrivals, staffing) = try writeInputs(in: directory)
        let out = directory.appendingPathComponent("simulated.csv")
        let arguments = [
            "simulate", "--arrivals", arrivals.path, "--staffing", staffing.path, "--aht", "180", "--sl-seconds", "20",
            "--replications", "8", "--seed", "99", "--out", out.path,
        ]
        let first = try CLI.run(arguments)
        XCTAssertEqual(first.status, 0, first.stderr)
        let bytes = try Data(contentsOf: out)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "timestamp,channel,offered,answered,abandoned,service_level,asa_seconds,occupancy")
        XCTAssertEqual(lines.count, 1 + 2 * 48)
        XCTAssertTrue(lines[1].hasPrefix("2025-03-03T00:00:00Z,chat,"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("2025-03-03T00:00:00Z,phone,"), lines[2])
        // Over 48 intervals × 8 replications the phone queue's service level is near Erlang C's 0.88835.
        let phone = try XCTUnwrap(first.stdout.split(separator: "\n").first { $0.hasPrefix("phone: service level ") })
        let level = try XCTUnwrap(Double(phone.dropFirst("phone: service level ".count).prefix(6)))
        XCTAssertEqual(level, 0.88835, accuracy: 0.02, String(phone))
        XCTAssertTrue(phone.contains("95 % CI"), String(phone))
        XCTAssertTrue(first.stdout.contains("overall: service level "), first.stdout)

        let again = try CLI.run(arguments)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try Data(contentsOf: out), bytes)
        XCTAssertEqual(again.stdout, first.stdout)
        let otherSeed = try CLI.run(arguments.map { $0 == "99" ? "100" : $0 })
        XCTAssertEqual(otherSeed.status, 0, otherSeed.stderr)
        XCTAssertNotEqual(try Data(contentsOf: out), bytes)
    }

    func testReplayOffersTheHistoryCountsAndPatienceFillsAbandoned() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (arrivals, staffing) = try writeInputs(in: directory, intervals: 6)
        let out = directory.appendingPathComponent("simulated.csv")
        let result = try CLI.run([
            "simulate", "--arrivals", arrivals.path, "--staffing", staffing.path, "--aht", "600",
            "--aht-cv", "0.7", "--patience", "60", "--sl-seconds", "20", "--replay", "--departure", "preempt",
            "--replications", "3", "--out", out.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").dropFirst().map {
            $0.split(separator: ",").map(String.init)
        }
        XCTAssertEqual(rows.count, 12)
        for row in rows {
            let expected = row[1] == "phone" ? 100.0 : Double(rows.firstIndex(of: row)! / 2 % 3)
            XCTAssertEqual(Double(row[2]), expected, row.joined(separator: ","))
            // AHT 600 s with 14 agents is overload: people hang up.
            if row[1] == "phone" { XCTAssertGreaterThan(try XCTUnwrap(Double(row[4])), 0) }
        }
        XCTAssertTrue(result.stdout.contains("abandoned"), result.stdout)
    }

    func testMissingStaffingAndBadFlagsAreRefused() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (arrivals, staffing) = try writeInputs(in: directory, intervals: 4, staffedIntervals: 3)
        let out = directory.appendingPathComponent("simulated.csv")
        let base = [
            "simulate", "--arrivals", arrivals.path, "--staffing", staffing.path, "--aht", "180", "--sl-seconds", "20",
            "--out", out.path,
        ]
        let missing = try CLI.run(base)
        XCTAssertEqual(missing.status, 65)
        XCTAssertTrue(
            missing.stderr.contains("no staffing for chat at 2025-03-03T01:30:00Z")
                || missing.stderr.contains("no staffing for phone at 2025-03-03T01:30:00Z"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        for (flags, fragment) in [
            (["--departure", "leave"], "--departure"), (["--aht-cv", "-1"], "--aht-cv"),
            (["--replications", "0"], "--replications"), (["--patience", "0"], "--patience"),
            (["--seed", "-3"], "--seed"),
        ] {
            let bad = try CLI.run(base + flags)
            XCTAssertEqual(bad.status, 64, flags.joined(separator: " "))
            XCTAssertTrue(bad.stderr.contains(fragment), bad.stderr)
        }
    }

    func testHelpStatesWhoLeavesWhenStaffingDrops() throws {
        let help = try CLI.run(["simulate", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("finish    (default)"), help.stdout)
        XCTAssertTrue(help.stdout.contains("preempt"), help.stdout)
        XCTAssertTrue(help.stdout.contains("idle agents leave first"), help.stdout)
    }
}
