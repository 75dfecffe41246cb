import Foundation
import XCTest

/// The command-line contract (../shared/docs/CLI.md): help, exit codes, did-you-mean.
final class CommandLineTests: XCTestCase {
    func testHelpListsEveryCommand() throws {
        let result = try CLI.run(["--help"])
        XCTAssertEqual(result.status, 0)
        for command in ["inspect", "forecast", "backtest", "erlang", "staff", "plan"] {
            XCTAssertTrue(result.stdout.contains("  \(command) "), "help lacks \(command)")
        }
        for command in ["inspect", "forecast", "backtest", "erlang", "staff", "plan"] {
            let help = try CLI.run([command, "--help"])
            XCTAssertEqual(help.status, 0, command)
            XCTAssertTrue(help.stdout.hasPrefix("Usage: staffcast \(command) --"), command)
        }
    }

    /// `plan --help` is a page, not the manual: what it writes, examples, and where every config key
    /// is described (a file that exists); `staff --help` points there too.
    func testPlanHelpPointsToTheConfigReference() throws {
        let help = try CLI.run(["plan", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertLessThan(help.stdout.split(separator: "\n", omittingEmptySubsequences: false).count, 30, help.stdout)
        XCTAssertTrue(
            help.stdout.contains(
                "\n\nExamples:\n  staffcast plan --config datasets/bank_demo.json --week 2003-W36\n"
                    + "  staffcast plan --config site.json --week next --out-dir /srv/staffcast/reports --quiet\n\n  --config FILE"
            ), help.stdout)
        XCTAssertTrue(help.stdout.contains("docs/plan-config.md"), help.stdout)
        let staff = try CLI.run(["staff", "--help"])
        XCTAssertTrue(staff.stdout.contains("docs/plan-config.md"), staff.stdout)
        XCTAssertFalse(staff.stdout.contains("`plan --help`"), staff.stdout)
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: CLI.projectRoot.appendingPathComponent("docs/plan-config.md").path))
        // The other commands have no examples section.
        XCTAssertFalse(try CLI.run(["forecast", "--help"]).stdout.contains("Examples:"))
    }

    func testUnknownCommandAndFlagSuggestTheRightOne() throws {
        let command = try CLI.run(["forcast"])
        XCTAssertEqual(command.status, 64)
        XCTAssertTrue(command.stderr.contains("did you mean 'forecast'?"), command.stderr)
        let flag = try CLI.run(["inspect", "--histroy", "x.csv"])
        XCTAssertEqual(flag.status, 64)
        XCTAssertTrue(flag.stderr.contains("did you mean --history?"), flag.stderr)
        XCTAssertEqual(try CLI.run([]).status, 64)
    }

    func testMissingHistoryIs66AndNamesTheFile() throws {
        let result = try CLI.run(["inspect", "--history", "/nonexistent/calls.csv"])
        XCTAssertEqual(result.status, 66)
        XCTAssertTrue(result.stderr.contains("/nonexistent/calls.csv"), result.stderr)
        let directory = try CLI.run(["inspect", "--history", NSTemporaryDirectory()])
        XCTAssertEqual(directory.status, 66, directory.stderr)
    }

    func testBadTimeZoneAndDurationAreUsageErrors() throws {
        let zone = try CLI.run(["inspect", "--history", "datasets/bank_calls.csv", "--timezone", "Mars/Base"])
        XCTAssertEqual(zone.status, 64)
        XCTAssertTrue(zone.stderr.contains("Mars/Base"))
        let horizon = try CLI.run(["forecast", "--history", "datasets/bank_calls.csv", "--horizon", "soon"])
        XCTAssertEqual(horizon.status, 64)
        XCTAssertTrue(horizon.stderr.contains("--horizon"), horizon.stderr)
    }
}
