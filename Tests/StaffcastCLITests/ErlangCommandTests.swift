import Foundation
import XCTest

/// `staffcast erlang` against ../shared/reference/required_agents_cases.csv rows R0001–R0002
/// (100 contacts per 30 minutes, AHT 180 s, 80/20): 14 agents, SL 0.88835…, 20 heads at 30 %.
final class ErlangCommandTests: XCTestCase {
    func testSolvesAgentsAndHeadcountAsJSON() throws {
        let result = try CLI.run([
            "erlang", "--contacts", "100", "--interval", "30m", "--aht", "180", "--sl", "80/20",
            "--shrinkage", "0.3", "--json",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["agents"] as? Int, 14)
        XCTAssertEqual(object["headcount"] as? Int, 20)
        let sl = try XCTUnwrap(object["service_level"] as? Double)
        XCTAssertEqual(sl, 0.8883500191794668842482187, accuracy: 1e-8)
        let wait = try XCTUnwrap(object["prob_wait"] as? Double)
        XCTAssertEqual(wait, 0.174131933595049842644707, accuracy: 1e-8)
        XCTAssertEqual(try XCTUnwrap(object["occupancy"] as? Double), 10.0 / 14, accuracy: 1e-8)
        XCTAssertNotNil(object["asa_seconds"] as? Double)
    }

    func testEvaluatesAGivenStaffing() throws {
        // One agent fewer than needed misses 80/20: the solver's answer is minimal.
        let result = try CLI.run([
            "erlang", "--contacts", "100", "--interval", "30m", "--aht", "180", "--sl", "80/20",
            "--agents", "13", "--json",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["agents"] as? Int, 13)
        XCTAssertLessThan(try XCTUnwrap(object["service_level"] as? Double), 0.8)
    }

    func testBadParametersNameTheFlag() throws {
        for (flag, value) in [
            ("--aht", "-5"), ("--shrinkage", "1"), ("--max-occupancy", "1.5"), ("--sl", "120/20"),
            ("--sl", "80/-1"), ("--contacts", "nan"),
        ] {
            var arguments = ["erlang", "--contacts", "100", "--interval", "30m", "--aht", "180", "--sl", "80/20"]
            if let i = arguments.firstIndex(of: flag) { arguments[i + 1] = value } else { arguments += [flag, value] }
            let result = try CLI.run(arguments)
            XCTAssertEqual(result.status, 64, "\(flag) \(value): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(flag), "\(flag) \(value): \(result.stderr)")
        }
    }

    func testPatienceUsesErlangA() throws {
        // ../shared/reference/erlang_a_cases.csv A0002: 3 contacts per 30 min, AHT 300 s, mean
        // patience 60 s, one agent, T = 20 s.
        let result = try CLI.run([
            "erlang", "--contacts", "3", "--interval", "30m", "--aht", "300", "--sl", "80/20",
            "--patience", "60", "--agents", "1", "--json",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(object["abandon_rate"] as? Double), 0.2956546354866987390128021, accuracy: 1e-8)
        XCTAssertEqual(try XCTUnwrap(object["service_level"] as? Double), 0.6658771195670002197890981, accuracy: 1e-8)
        XCTAssertEqual(try XCTUnwrap(object["asa_seconds"] as? Double), 4.112284522893350107900647, accuracy: 1e-6)
        let noPatience = try CLI.run([
            "erlang", "--contacts", "3", "--interval", "30m", "--aht", "300", "--max-abandon", "0.05",
        ])
        XCTAssertEqual(noPatience.status, 64)
        XCTAssertTrue(noPatience.stderr.contains("--patience"), noPatience.stderr)
    }
}
