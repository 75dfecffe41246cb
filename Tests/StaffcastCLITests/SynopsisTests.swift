import XCTest

@testable import StaffcastCLI

/// The usage line and the exit-code list come from the declarations, so they cannot drift from
/// what the commands accept and return.
final class SynopsisTests: XCTestCase {
    /// Every declared option is on its command's usage line, itself or through its group's label;
    /// a required one unbracketed, an optional one in brackets, one of a group in parentheses.
    func testEveryDeclaredOptionIsOnTheUsageLine() {
        for command in StaffcastCommand.commands {
            let synopsis = command.synopsis
            let items = " " + synopsis
            for option in command.options {
                let context = "\(command.name): --\(option.name) in '\(synopsis)'"
                if let group = option.group {
                    XCTAssertEqual(option.presence, .optional, context)
                    XCTAssertTrue(synopsis.contains("[\(group): "), context)
                    continue
                }
                switch option.presence {
                case .required:
                    XCTAssertTrue(
                        items.contains(" " + option.usage + " ") || items.hasSuffix(" " + option.usage), context)
                case .optional:
                    XCTAssertTrue(synopsis.contains("[" + option.usage + "]"), context)
                case .alternative:
                    XCTAssertTrue(
                        synopsis.contains("(" + option.usage + " |") || synopsis.contains("| " + option.usage + " |")
                            || synopsis.contains("| " + option.usage + ")"), context)
                }
            }
            // A required option comes first, so the usage line starts with a flag.
            XCTAssertTrue(synopsis.hasPrefix("--"), "\(command.name): \(synopsis)")
        }
    }

    func testTheUsageLineIsBuiltInOrder() {
        let options = [
            OptionSpec("b", "V", "optional"), OptionSpec("a", "FILE", "required", presence: .required),
            OptionSpec("sl", "P/T", "one", presence: .alternative("target")),
            OptionSpec("c", "N", "repeated", repeatable: true),
            OptionSpec("asa", "S", "other", presence: .alternative("target")),
            OptionSpec("x", "X", "in a group").grouped("mapping"),
            OptionSpec("y", "Y", "in a group").grouped("mapping"),
            OptionSpec("z", "Z", "in a group").grouped("mapping"), OptionSpec(flag: "json", "a flag"),
        ]
        XCTAssertEqual(
            OptionSpec.synopsis(options),
            "--a FILE (--sl P/T | --asa S) [--b V] [--c N]… [mapping: --x X | --y Y | …] [--json]")
    }

    /// The drift issue 19 names: `staff` lacked --max-abandon and --force, `erlang`, `plan` and
    /// `capacity` lacked --force.
    func testTheFlagsOnceMissingAreThere() {
        XCTAssertTrue(StaffCommand.synopsis.contains("--max-abandon F"), StaffCommand.synopsis)
        for command in [StaffCommand.self, ErlangCommand.self, PlanCommand.self, CapacityCommand.self]
            as [any Command.Type]
        {
            XCTAssertTrue(command.synopsis.contains("[--force]"), "\(command.name): \(command.synopsis)")
        }
    }

    /// The overview lists every exit code the dispatcher can return, with its meaning.
    func testTheExitCodeListComesFromTheCodes() {
        let overview = StaffcastCommand.overview
        let line = overview.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertEqual(
            line,
            "Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing input, 70 internal error, 73 cannot write, "
                + "74 output failed (full disk, closed pipe), 75 output locked by another run.")
        for code in ExitCode.allCases { XCTAssertTrue(line.contains("\(code.rawValue) \(code.meaning)"), "\(code)") }
    }
}
