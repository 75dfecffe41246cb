import StaffcastCore
import XCTest

@testable import Planning

/// The config's `"capacity"` object: every key read, every mistake named by its key.
final class CapacitySettingsReaderTests: XCTestCase {
    func config(_ capacity: String) -> String {
        #"{"history": "h.csv", "channels": {"phone": {"aht_seconds": 300, "service_level": "80/20"}}, "capacity": "#
            + capacity + "}"
    }

    func read(_ capacity: String) throws -> PlanConfig {
        try PlanConfigReader.parse(data: Data(config(capacity).utf8), path: "/tmp/c.json")
    }

    func key(_ capacity: String) -> String? {
        do {
            _ = try read(capacity)
            return nil
        } catch {
            if case .config(_, let key, _) = error as? PlanningError { return key }
            return "\(error)"
        }
    }

    func testEveryKeyIsRead() throws {
        let c = try read(
            #"{"headcount": {"phone": 30.5}, "attrition_per_week": 0.004, "training_weeks": 3, "ramp_up": [0.5, 0.75], "hire_fte": 0.8, "hire_every_weeks": 4, "quantile": "p95", "shrinkage_by_month": {"11": 0.33, "12": 0.36}, "hires": [{"channel": "phone", "start": "2025-10-06", "count": 6}]}"#
        )
        let s = try XCTUnwrap(c.capacity)
        XCTAssertEqual(s.headcount, ["phone": 30.5])
        XCTAssertEqual(s.attritionPerWeek, 0.004)
        XCTAssertEqual(s.trainingWeeks, 3)
        XCTAssertEqual(s.rampUp, [0.5, 0.75])
        XCTAssertEqual(s.hireFTE, 0.8)
        XCTAssertEqual(s.hireEveryWeeks, 4)
        XCTAssertEqual(s.quantile, .p95)
        XCTAssertEqual(s.shrinkageByMonth, [11: 0.33, 12: 0.36])
        XCTAssertEqual(
            s.hires, [PlannedHire(channel: "phone", start: CivilDate(year: 2025, month: 10, day: 6)!, count: 6)])
    }

    func testDefaults() throws {
        let s = try XCTUnwrap(try read(#"{"headcount": {"phone": 3}}"#).capacity)
        XCTAssertEqual(s.attritionPerWeek, 0)
        XCTAssertEqual(s.trainingWeeks, 0)
        XCTAssertEqual(s.quantile, .p80)
        XCTAssertEqual(s.hireFTE, 1)
    }

    func testMistakesNameTheirKey() {
        XCTAssertEqual(key(#"{"attrition_per_week": 0.1}"#), "capacity.headcount")
        XCTAssertEqual(key(#"{"headcount": {"phone": 3}, "attrition_per_week": 1}"#), "capacity.attrition_per_week")
        XCTAssertEqual(key(#"{"headcount": {"phone": 3}, "attrition_per_week": -0.01}"#), "capacity.attrition_per_week")
        XCTAssertEqual(key(#"{"headcount": {"phone": -3}}"#), "capacity.headcount.phone")
        XCTAssertEqual(key(#"{"headcount": {"phone": 3}, "training_weeks": 2.5}"#), "capacity.training_weeks")
        XCTAssertEqual(key(#"{"headcount": {"phone": 3}, "ramp_up": [0.5, 1.5]}"#), "capacity.ramp_up[1]")
        XCTAssertEqual(key(#"{"headcount": {"phone": 3}, "quantile": "p90"}"#), "capacity.quantile")
        XCTAssertEqual(key(#"{"headcount": {"phone": 3}, "hire_every_weeks": 0}"#), "capacity.hire_every_weeks")
        XCTAssertEqual(
            key(#"{"headcount": {"phone": 3}, "shrinkage_by_month": {"13": 0.3}}"#), "capacity.shrinkage_by_month.13")
        XCTAssertEqual(
            key(#"{"headcount": {"phone": 3}, "hires": [{"channel": "phone", "start": "2025-02-30", "count": 1}]}"#),
            "capacity.hires[0].start")
        XCTAssertEqual(
            key(#"{"headcount": {"phone": 3}, "hires": [{"channel": "phone", "start": "2025-02-03", "count": 0}]}"#),
            "capacity.hires[0].count")
        XCTAssertEqual(key(#"{"headcount": {"phone": 3}, "atrition_per_week": 0.1}"#), "capacity.atrition_per_week")
    }
}
