import Foundation
import XCTest

/// Nothing destroyed, nothing corrupted, nothing half-published: the regressions of the
/// reliability probe (issue 11), each as it was found.
final class OutputSafetyTests: XCTestCase {
    var directory: URL!
    override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    static let forecastCSV =
        "timestamp,channel,forecast\n2025-03-03T09:00:00Z,phone,100\n2025-03-03T09:30:00Z,phone,120\n"
    var forecastFile: String {
        let url = directory.appendingPathComponent("forecast.csv")
        try? Data(Self.forecastCSV.utf8).write(to: url)
        return url.path
    }
    func staff(out: String) throws -> CLIResult {
        try CLI.run(["staff", "--forecast", forecastFile, "--aht", "180", "--sl", "80/20", "--out", out])
    }

    func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    /// 1. `--out` through a symbolic link writes the link's target and leaves the link a link.
    func testOutThroughASymlinkWritesItsTarget() throws {
        let target = directory.appendingPathComponent("real.csv").path
        let link = directory.appendingPathComponent("link.csv").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.csv")
        let result = try staff(out: link)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(fileType(link), .typeSymbolicLink)
        XCTAssertTrue(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("timestamp,channel,contacts"))
    }

    /// 1. A FIFO stays a FIFO and its reader gets the data; `/dev/null` stays a device.
    func testOutToAFifoAndADeviceWritesInPlace() throws {
        let fifo = directory.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // The pipe's reader is another process, as it would be for a planner.
        let copy = directory.appendingPathComponent("received").path
        FileManager.default.createFile(atPath: copy, contents: nil)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        reader.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: copy))
        try reader.run()
        let result = try staff(out: fifo)
        reader.waitUntilExit()
        let received = try Data(contentsOf: URL(fileURLWithPath: copy))
        XCTAssertEqual(result.status, 0, result.stderr)
        var info = stat()
        XCTAssertEqual(lstat(fifo, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "still a FIFO")
        XCTAssertTrue(String(decoding: received, as: UTF8.self).hasPrefix("timestamp,channel,contacts"))

        XCTAssertEqual(try staff(out: "/dev/null").status, 0)
        XCTAssertEqual(lstat("/dev/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a character device")
        // A directory is refused (73), never replaced.
        let refused = try staff(out: directory.path)
        XCTAssertEqual(refused.status, 73, refused.stderr)
    }

    /// 5. A full standard output ends the run with 74 and a message, not a crash.
    func testFullStandardOutputExits74() throws {
        let result = try CLI.run(
            ["staff", "--forecast", forecastFile, "--aht", "180", "--sl", "80/20", "--out", "-"],
            stdoutPath: "/dev/full")
        XCTAssertEqual(result.status, 74, result.stderr)
        XCTAssertTrue(result.stderr.contains("standard output"), result.stderr)
        let help = try CLI.run(["--help"], stdoutPath: "/dev/full")
        XCTAssertEqual(help.status, 74)
    }

    /// 3. One row off the grid is an error naming its line, never a 1-second interval.
    func testStaffRefusesAnOffGridRow() throws {
        let url = directory.appendingPathComponent("odd.csv")
        try Data((Self.forecastCSV + "2025-03-03T10:00:01Z,phone,90\n2025-03-03T10:30:00Z,phone,90\n").utf8).write(
            to: url)
        let out = directory.appendingPathComponent("req.csv").path
        let result = try CLI.run(["staff", "--forecast", url.path, "--aht", "180", "--sl", "80/20", "--out", out])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("odd.csv:4:1"), result.stderr)
        XCTAssertTrue(result.stderr.contains("off the 30m grid"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        // A :15 row in a 30-minute file too.
        try Data(
            (Self.forecastCSV
                + "2025-03-03T10:15:00Z,phone,90\n2025-03-03T10:30:00Z,phone,90\n2025-03-03T11:00:00Z,phone,90\n").utf8
        ).write(to: url)
        let quarter = try CLI.run(["staff", "--forecast", url.path, "--aht", "180", "--sl", "80/20", "--out", out])
        XCTAssertEqual(quarter.status, 65, quarter.stderr)
        XCTAssertTrue(quarter.stderr.contains("odd.csv:4:1"), quarter.stderr)
        // An interval the tool does not plan in is refused as a flag.
        XCTAssertEqual(
            try CLI.run([
                "staff", "--forecast", forecastFile, "--aht", "180", "--sl", "80/20", "--interval", "1s", "--out", out,
            ]).status, 64)
    }

    /// 4. `schedule` on one off-grid requirements row: an error naming the line, at once.
    func testScheduleRefusesAnOffGridRow() throws {
        let url = directory.appendingPathComponent("req.csv")
        try Data(
            "timestamp,channel,headcount\n2025-03-03T09:00:00Z,phone,3\n2025-03-03T09:30:00Z,phone,3\n2025-03-03T09:47:13Z,phone,3\n2025-03-03T10:00:00Z,phone,3\n"
                .utf8
        ).write(to: url)
        let out = directory.appendingPathComponent("schedule.csv").path
        let result = try CLI.run(["schedule", "--requirements", url.path, "--shifts", "4h", "--out", out])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("req.csv:4:1"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    /// 9. A patience under a second is refused: it made occupancy 10 and abandonment 0.
    func testTinyPatienceIsRefused() throws {
        for patience in ["1e-17", "1e-300", "0.5"] {
            let result = try CLI.run([
                "erlang", "--contacts", "100", "--interval", "30m", "--aht", "180", "--max-abandon", "0.05",
                "--patience", patience,
            ])
            XCTAssertEqual(result.status, 64, result.stderr)
            XCTAssertTrue(result.stderr.contains("--patience"), result.stderr)
        }
    }

    /// 11. Weeks outside 1970–2100 are refused at once.
    func testWeeksOutOfRange() throws {
        let config = try planConfig()
        for arguments in [
            ["--week", "9999-W52"], ["--week", "1969-W10"], ["--week", "next", "--now", "9999-12-31T00:00:00Z"],
        ] {
            let result = try CLI.run(
                ["plan", "--config", config, "--out-dir", directory.appendingPathComponent("r").path] + arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
        }
        let far = try CLI.run([
            "plan", "--config", config, "--week", "2099-W10", "--out-dir", directory.appendingPathComponent("r").path,
        ])
        XCTAssertEqual(far.status, 64, far.stderr)
        XCTAssertTrue(far.stderr.contains("days after the history ends"), far.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("r").path))
    }

    /// 12. Shrinkage 0.999999 turned 14 agents into 14,000,000: refused without --force.
    func testImplausibleShrinkageNeedsForce() throws {
        let base = ["erlang", "--contacts", "100", "--interval", "30m", "--aht", "180", "--sl", "80/20"]
        let refused = try CLI.run(base + ["--shrinkage", "0.999999"])
        XCTAssertEqual(refused.status, 64, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--force"), refused.stderr)
        XCTAssertEqual(try CLI.run(base + ["--max-occupancy", "0.01"]).status, 64)
        let forced = try CLI.run(base + ["--shrinkage", "0.999999", "--force", "--json"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.contains("\"headcount\": 14000000"), forced.stdout)
        let config = try planConfig(calls: #"{"aht_seconds": 300, "service_level": "80/20", "shrinkage": 0.99}"#)
        let plan = try CLI.run(["plan", "--config", config, "--out-dir", directory.appendingPathComponent("r").path])
        XCTAssertEqual(plan.status, 65, plan.stderr)
        XCTAssertTrue(plan.stderr.contains("channels.calls.shrinkage"), plan.stderr)
    }

    /// 13, 14. Control characters and duplicate keys in the config are refused, naming the key.
    func testConfigTextIsChecked() throws {
        let duplicate = try planConfig(calls: #"{"aht_seconds": 300, "service_level": "80/20", "aht_seconds": 30}"#)
        let result = try CLI.run([
            "plan", "--config", duplicate, "--out-dir", directory.appendingPathComponent("r").path,
        ])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("channels.calls.aht_seconds: given twice"), result.stderr)
        for text in [#"\u0000"#, #"\u001b[2J"#, #"\u202e"#] {
            let url = directory.appendingPathComponent("plan.json")
            let history = CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv").path
            try Data(
                #"{"history": "\#(history)", "interval": "30m", "channels": {"calls": {"aht_seconds": 300, "service_level": "80/20"}}, "scenarios": [{"name": "bot\#(text)"}]}"#
                    .utf8
            ).write(to: url)
            let refused = try CLI.run([
                "plan", "--config", url.path, "--out-dir", directory.appendingPathComponent("r").path,
            ])
            XCTAssertEqual(refused.status, 65, "\(text): \(refused.stderr)")
            XCTAssertTrue(
                refused.stderr.contains("scenarios[0].name") && refused.stderr.contains("control character"),
                refused.stderr)
        }
    }

    /// 10. Names that begin like a formula are written with an apostrophe, and read back as they were.
    func testFormulaNamesAreNeutralisedAndReadBack() throws {
        let url = directory.appendingPathComponent("f.csv")
        try Data(
            "timestamp,channel,forecast\n2025-03-03T09:00:00Z,=HYPERLINK(\"x\"),100\n2025-03-03T09:30:00Z,=HYPERLINK(\"x\"),120\n"
                .utf8
        ).write(to: url)
        let requirements = directory.appendingPathComponent("req.csv").path
        let staffed = try CLI.run([
            "staff", "--forecast", url.path, "--aht", "180", "--sl", "80/20", "--out", requirements,
        ])
        XCTAssertEqual(staffed.status, 0, staffed.stderr)
        let text = try String(contentsOfFile: requirements, encoding: .utf8)
        XCTAssertTrue(text.contains(#"2025-03-03T09:00:00Z,"'=HYPERLINK(""x"")",100,"#), text)
        XCTAssertFalse(text.contains(",=HYPERLINK"), text)
        let schedule = directory.appendingPathComponent("s.csv").path
        let scheduled = try CLI.run(["schedule", "--requirements", requirements, "--shifts", "4h", "--out", schedule])
        XCTAssertEqual(scheduled.status, 0, scheduled.stderr)
        XCTAssertTrue(try String(contentsOfFile: schedule, encoding: .utf8).contains(#""'=HYPERLINK(""x"")""#))
    }

    // MARK: - Publishing

    func planConfig(
        calls: String = #"{"aht_seconds": 300, "service_level": "80/20", "max_occupancy": 0.85, "shrinkage": 0.3}"#,
        history: String? = nil
    ) throws -> String {
        let path = history ?? CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv").path
        let url = directory.appendingPathComponent("plan-\(UUID().uuidString.prefix(8)).json")
        try Data(
            #"{"history": "\#(path)", "interval": "30m", "backtest_origins": 1, "shifts": {"lengths": ["8h"]}, "channels": {"calls": \#(calls)}}"#
                .utf8
        ).write(to: url)
        return url.path
    }

    /// 6, 15. A run killed between the two renames left the earlier plan aside and a staging
    /// folder: the next run puts the plan back before replacing it, and leaves nothing behind.
    func testKilledReplaceIsRecoveredByTheNextRun() throws {
        let out = directory.appendingPathComponent("reports")
        let config = try planConfig()
        XCTAssertEqual(try CLI.run(["plan", "--config", config, "--out-dir", out.path, "--quiet"]).status, 0)
        let week = out.appendingPathComponent("2003-W36")
        // What a kill between "rename old aside" and "rename staging in" leaves:
        try FileManager.default.moveItem(at: week, to: out.appendingPathComponent(".2003-W36.old-99999"))
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent(".2003-W36.partial-99999"), withIntermediateDirectories: false)
        try Data("half".utf8).write(to: out.appendingPathComponent(".2003-W36.partial-99999/forecast.csv"))
        // A different week's run recovers it too (recovery is under the lock, not per week).
        let other = try CLI.run(["plan", "--config", config, "--week", "2003-W37", "--out-dir", out.path, "--quiet"])
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: week.appendingPathComponent("manifest.json").path),
            "the earlier plan is back")
        let again = try CLI.run(["plan", "--config", config, "--out-dir", out.path, "--quiet"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(names, [".staffcast.lock", "2003-W36", "2003-W37"])
    }

    /// 8. The lock is held from the start: a second run while the first holds it exits 75.
    func testConcurrentPlanExits75() throws {
        let out = directory.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let lockPath = out.appendingPathComponent(".staffcast.lock").path
        let fd = open(lockPath, O_CREAT | O_RDWR, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        let result = try CLI.run(["plan", "--config", try planConfig(), "--out-dir", out.path])
        XCTAssertEqual(result.status, 75, result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [".staffcast.lock"])
        // With a config that does not even exist: the lock comes first, so still 75.
        XCTAssertEqual(try CLI.run(["plan", "--config", "/nonexistent.json", "--out-dir", out.path]).status, 75)
    }

    /// 7. The manifest hashes the bytes parsed: a history on standard input is hashed as read.
    func testManifestHashesWhatWasRead() throws {
        let bank = try Data(contentsOf: CLI.projectRoot.appendingPathComponent("datasets/bank_calls.csv"))
        let out = directory.appendingPathComponent("reports")
        let result = try CLI.run(
            ["plan", "--config", try planConfig(history: "/dev/stdin"), "--out-dir", out.path, "--quiet"], stdin: bank)
        XCTAssertEqual(result.status, 0, result.stderr)
        let manifest = try String(contentsOf: out.appendingPathComponent("2003-W36/manifest.json"), encoding: .utf8)
        let expected = try sha256sum(bank)
        XCTAssertTrue(manifest.contains("\"sha256\": \"\(expected)\""), manifest)
    }

    func sha256sum(_ data: Data) throws -> String {
        let file = directory.appendingPathComponent("hash-input")
        try data.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: output, as: UTF8.self).prefix(64))
    }
}
