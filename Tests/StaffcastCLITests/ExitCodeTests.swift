import Forecasting
import Planning
import Queueing
import StaffcastCore
import XCTest

@testable import StaffcastCLI

/// The one map from every module's errors to sysexits(3) codes (the contract in CLI.md).
final class ExitCodeTests: XCTestCase {
    func testEveryModuleErrorMapsToItsCode() {
        let location = SourceLocation(file: "h.csv", line: 3, column: 2)
        let cases: [(CLIError, Int32)] = [
            (.usage("x"), 64), (.internal("x"), 70),
            (.core(.missingInput(path: "p", reason: "r")), 66), (.core(.badData(location, "m")), 65),
            (.core(.badFile(path: "p", "m")), 65), (.core(.unknownTimeZone("Mars")), 64),
            (.core(.cannotWrite(path: "p", reason: "r")), 73), (.core(.locked(path: "p", lockFile: "p/l")), 75),
            (.forecasting(.unknownModel("x")), 64), (.forecasting(.invalidRequest("x")), 64),
            (.forecasting(.insufficientHistory(channel: "c", message: "m")), 65),
            (.forecasting(.modelFailed(model: "m", message: "m")), 65),
            (.queueing(.invalidParameter(name: .shrinkage, message: "m")), 64),
            (.planning(.invalidRequest("x")), 64), (.planning(.config(path: "p", key: "k", message: "m")), 65),
            (.planning(.badData("x")), 65), (.planning(.core(.missingInput(path: "p", reason: "r"))), 66),
            (.planning(.core(.cannotWrite(path: "p", reason: "r"))), 73),
            (.planning(.forecasting(.unknownModel("x"))), 64),
            (.planning(.queueing(.invalidParameter(name: .contacts, message: "m"))), 65),
            (.planning(.scheduling(.invalidRequirement("x"))), 65),
        ]
        for (error, code) in cases { XCTAssertEqual(ExitCode.of(error).rawValue, code, "\(error)") }
    }

    /// The dispatcher's one conversion: a module's error keeps its words and its code, an error no
    /// module declares is an internal error (70).
    func testLiftingKeepsModuleErrorsAndMakesTheRestInternal() {
        struct Unexpected: Error { let detail = "disk gremlin" }
        let cases: [(any Error, Int32)] = [
            (CoreError.missingInput(path: "h.csv", reason: "no such file"), 66),
            (QueueingError.invalidParameter(name: .shrinkage, message: "m"), 64),
            (PlanningError.queueing(.invalidParameter(name: .contacts, message: "m")), 65),
            (ForecastingError.insufficientHistory(channel: "c", message: "m"), 65),
            (CLIError.usage("x"), 64),
            (Unexpected(), 70),
        ]
        for (error, code) in cases {
            XCTAssertEqual(ExitCode.of(CLIError(lifting: error)).rawValue, code, "\(error)")
        }
        XCTAssertEqual(
            CLIError(lifting: CoreError.missingInput(path: "h.csv", reason: "no such file")).description,
            "h.csv: no such file")
        let unexpected = CLIError(lifting: Unexpected())
        guard case .internal = unexpected else { return XCTFail("\(unexpected)") }
        XCTAssertTrue(unexpected.description.hasPrefix("internal error: "), unexpected.description)
        XCTAssertTrue(unexpected.description.contains("disk gremlin"), unexpected.description)
    }

    /// Every command's help lists each option it accepts, from the declarations.
    func testHelpListsEveryDeclaredOption() {
        for command in StaffcastCommand.commands {
            let help = command.help
            for option in command.options {
                XCTAssertTrue(help.contains("  --\(option.name)"), "\(command.name) --help lacks --\(option.name)")
                XCTAssertTrue(help.contains(option.help.split(separator: "\n")[0]), "\(command.name) --\(option.name)")
            }
        }
        // Every model the tool knows is listed where a model is chosen.
        for name in AutoForecaster.knownModelNames {
            XCTAssertTrue(ForecastCommand.help.contains("\(name): "), "forecast --help lacks \(name)")
            XCTAssertTrue(BacktestCommand.help.contains("\(name): "), "backtest --help lacks \(name)")
        }
    }
}
