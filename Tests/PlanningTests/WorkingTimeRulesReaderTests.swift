import Foundation
import Rostering
import XCTest

@testable import Planning

/// `"team": {"rules": …}`: a preset by name, a preset with rules set or switched off, rules alone;
/// every mistake named by its key (exit 65 through PlanningError.config).
final class WorkingTimeRulesReaderTests: XCTestCase {
    static let path = "/plans/shop/plan.json"

    func parse(_ json: String) throws -> PlanConfig {
        try PlanConfigReader.parse(data: Data(json.utf8), path: Self.path)
    }

    func config(_ team: String) -> String {
        #"{"history": "calls.csv", "channels": {"calls": {"aht_seconds": 300, "service_level": "80/20"}}, \#(team)}"#
    }

    func rules(_ json: String) throws -> WorkingTimeRules? {
        try parse(config(#""team": {"agents": "team.csv", "rules": \#(json)}"#)).team?.rules
    }

    func assertRefused(_ json: String, key: String, _ words: String, file: StaticString = #filePath, line: UInt = #line)
    {
        do {
            _ = try rules(json)
            XCTFail("accepted: \(json)", file: file, line: line)
        } catch {
            guard case .config(let path, let errorKey, let message) = error as? PlanningError else {
                return XCTFail("expected a config error at \(key), got \(error)", file: file, line: line)
            }
            XCTAssertEqual(path, Self.path, file: file, line: line)
            XCTAssertEqual(errorKey, key, message, file: file, line: line)
            XCTAssertTrue(message.contains(words), "'\(message)' lacks '\(words)'", file: file, line: line)
        }
    }

    func testAPresetByName() throws {
        XCTAssertEqual(try rules(#""nl-atw""#), .netherlandsStandard)
        XCTAssertNil(try parse(config(#""team": {"agents": "team.csv"}"#)).team?.rules)
    }

    func testAPresetWithRulesSetAndSwitchedOff() throws {
        let read = try XCTUnwrap(
            try rules(
                #"{"preset": "nl-atw", "max_shift_hours": 10, "daily_rest_hours": 12.5, "weekly_rest_hours": false, "min_free_sundays": 2, "max_shifts_in_a_row_with_night": 6}"#
            ))
        var expected = WorkingTimeRules.netherlandsStandard
        expected.maxShiftSeconds = 10 * 3600
        expected.dailyRestSeconds = 12 * 3600 + 1800
        expected.weeklyRestSeconds = nil
        expected.minFreeSundays = 2
        expected.maxShiftsInARowWithNight = 6
        XCTAssertEqual(read, expected)
        XCTAssertEqual(read.freeSundays(weeks: 4), 2)
        XCTAssertEqual(WorkingTimeRules.netherlandsStandard.freeSundays(weeks: 4), 1)
        XCTAssertEqual(WorkingTimeRules.netherlandsStandard.freeSundays(weeks: 3), 0)
    }

    func testRulesWithoutAPresetAreOnlyThoseGiven() throws {
        var expected = WorkingTimeRules()
        expected.maxWeekSeconds = 48 * 3600
        expected.freeSundaysPer52Weeks = 26
        XCTAssertEqual(try rules(#"{"max_week_hours": 48, "free_sundays_per_52_weeks": 26}"#), expected)
    }

    func testMistakesNameTheirKey() {
        for (json, key, words) in [
            (#""nl-awt""#, "team.rules", "did you mean \"nl-atw\""),
            ("12", "team.rules", "expected a preset's name"),
            (#"{"preset": "atw"}"#, "team.rules.preset", "unknown preset"),
            (#"{"max_shift_hour": 10}"#, "team.rules.max_shift_hour", "did you mean \"max_shift_hours\""),
            (#"{"max_shift_hours": "10"}"#, "team.rules.max_shift_hours", "expected a number"),
            (#"{"max_shift_hours": true}"#, "team.rules.max_shift_hours", "expected a number"),
            (#"{"max_shift_hours": 0}"#, "team.rules.max_shift_hours", "above 0"),
            (#"{"max_shift_hours": -1}"#, "team.rules.max_shift_hours", "above 0"),
            (#"{"max_shift_hours": 25}"#, "team.rules.max_shift_hours", "at most 24"),
            (#"{"daily_rest_hours": 10.001}"#, "team.rules.daily_rest_hours", "whole minutes"),
            (#"{"max_week_hours": 1e3}"#, "team.rules.max_week_hours", "at most 168"),
            (#"{"min_free_sundays": 1.5}"#, "team.rules.min_free_sundays", "whole number"),
            (#"{"min_free_sundays": 7}"#, "team.rules.min_free_sundays", "from 0 to 6"),
            (#"{"average_weeks": false}"#, "team.rules.average_weeks", "expected a number"),
            (
                #"{"min_free_sundays": 1, "free_sundays_per_52_weeks": 13}"#, "team.rules.free_sundays_per_52_weeks",
                "not both"
            ),
        ] {
            assertRefused(json, key: key, words)
        }
    }
}
