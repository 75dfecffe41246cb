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

    /// One interval of any length, not only the planning grid's: traffic = contacts × AHT ÷
    /// period, and the agents, service level and wait probability of Erlang C at that traffic
    /// (computed independently: SL = 1 − C(N, A)·e^(−(N − A)·T/AHT), fewest N reaching 80 %).
    func testAnyPositiveIntervalIsOnePeriod() throws {
        for (interval, contacts, traffic, agents, serviceLevel, probWait) in [
            ("1m", "10", 30.0, 35, 0.8367198387083682, 0.2845824624135075),
            ("45m", "100", 100.0 * 180 / 2700, 10, 0.8794549263578715, 0.1745819237380131),
            ("2h", "100", 2.5, 5, 0.901248288433854, 0.1303712974551523),
        ] {
            let result = try CLI.run([
                "erlang", "--contacts", contacts, "--interval", interval, "--aht", "180", "--sl", "80/20", "--json",
            ])
            XCTAssertEqual(result.status, 0, "\(interval): \(result.stderr)")
            let object = try XCTUnwrap(
                JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], interval)
            XCTAssertEqual(try XCTUnwrap(object["traffic_erlangs"] as? Double), traffic, accuracy: 1e-12, interval)
            XCTAssertEqual(object["agents"] as? Int, agents, interval)
            XCTAssertEqual(try XCTUnwrap(object["service_level"] as? Double), serviceLevel, accuracy: 1e-9, interval)
            XCTAssertEqual(try XCTUnwrap(object["prob_wait"] as? Double), probWait, accuracy: 1e-9, interval)
            XCTAssertEqual(
                try XCTUnwrap(object["occupancy"] as? Double), traffic / Double(agents), accuracy: 1e-12, interval)
        }
        // The text output says the same: 100 contacts in 2 h at 180 s are 2.5 Erlangs, 5 agents.
        let text = try CLI.run(["erlang", "--contacts", "100", "--interval", "2h", "--aht", "180", "--sl", "80/20"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("traffic          2.5 Erlangs\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("agents           5 (fewest meeting every target)\n"), text.stdout)
        // 90 seconds is a period too.
        XCTAssertEqual(
            try CLI.run(["erlang", "--contacts", "1", "--interval", "90s", "--aht", "180", "--sl", "80/20"]).status, 0)
    }

    /// A period must still be positive; planning grids stay 5/10/15/30/60 minutes.
    func testAZeroIntervalIsRefusedAndGridsStayLimited() throws {
        for interval in ["0s", "0m", "-5m"] {
            let result = try CLI.run([
                "erlang", "--contacts", "100", "--interval", interval, "--aht", "180", "--sl", "80/20",
            ])
            XCTAssertEqual(result.status, 64, "\(interval): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("--interval"), result.stderr)
        }
        let forecast = try CLI.run([
            "forecast", "--history", "datasets/bank_calls.csv", "--horizon", "1d", "--interval", "45m",
        ])
        XCTAssertEqual(forecast.status, 64, forecast.stderr)
        XCTAssertTrue(forecast.stderr.contains("not an interval the tool plans in"), forecast.stderr)
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
