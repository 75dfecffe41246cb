import Foundation
import Queueing
import StaffcastCore
import XCTest

@testable import Planning

/// `PublishedPlan.read` on a hand-written plan folder (two half-hours of one channel) whose
/// manifest hashes its files as `staffcast plan` does.
final class PublishedPlanTests: XCTestCase {
    static let forecast = """
        timestamp,channel,forecast,lo80,hi80,lo95,hi95
        2025-03-03T08:00:00+01:00,calls,100,90,110,85,118
        2025-03-03T08:30:00+01:00,calls,120,108,133,100,142

        """
    static let requirements = """
        timestamp,channel,contacts,aht_seconds,agents,headcount
        2025-03-03T08:00:00+01:00,calls,100,180,14,20
        2025-03-03T08:30:00+01:00,calls,120,180,16,23

        """
    static let schedule = "date,channel,shift_start,shift_end,break_start,break_end,agents\n"
    static let coverage = """
        timestamp,channel,required,scheduled,gap,service_level
        2025-03-03T08:00:00+01:00,calls,20,21,1,0.9
        2025-03-03T08:30:00+01:00,calls,23,22,-1,0.7

        """

    /// Writes the folder; `tamper` changes a file's bytes after its hash was taken.
    static func writePlan(files: [String: String]? = nil, tamper: [String: String] = [:], manifest: Bool = true) throws
        -> URL
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("published-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files =
            files ?? [
                "forecast.csv": forecast, "requirements.csv": requirements, "schedule.csv": schedule,
                "coverage.csv": coverage,
            ]
        var outputs: [String] = []
        for name in files.keys.sorted() {
            let text = files[name] ?? ""
            outputs.append("{\"file\": \"\(name)\", \"sha256\": \"\(SHA256.hex(Data(text.utf8)))\"}")
            try Data((tamper[name] ?? text).utf8).write(to: folder.appendingPathComponent(name))
        }
        let json = """
            {"week": "2025-W10", "week_start": "2025-03-03T00:00:00+01:00", "week_end": "2025-03-10T00:00:00+01:00",
             "time_zone": "Europe/Amsterdam", "interval": "30m", "staff_to": "p50",
             "channels": [{"channel": "calls", "model": "regression",
                           "settings": {"aht_seconds": 180, "service_level": 0.85, "target_seconds": 20, "max_occupancy": 0.9,
                                        "shrinkage": 0.3, "patience": 120}}],
             "outputs": [\(outputs.joined(separator: ", "))]}
            """
        if manifest { try Data(json.utf8).write(to: folder.appendingPathComponent("manifest.json")) }
        return folder
    }

    func testReadsManifestSettingsForecastAndCoverage() throws {
        let folder = try Self.writePlan()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try PublishedPlan.read(folder: folder.path)
        XCTAssertEqual(plan.label, "2025-W10")
        XCTAssertEqual(plan.calendar.identifier, "Europe/Amsterdam")
        XCTAssertEqual(plan.intervalSeconds, 1800)
        // 2025-03-03 00:00 CET is 2025-03-02 23:00 UTC: 1740956400.
        XCTAssertEqual(plan.weekStart, 1_740_956_400)
        XCTAssertEqual(plan.weekEnd - plan.weekStart, 7 * 86_400)
        XCTAssertEqual(plan.channels.count, 1)
        let policy = plan.channels[0].policy
        XCTAssertEqual(policy.ahtSeconds, 180)
        XCTAssertEqual(policy.target.serviceLevel, 0.85)
        XCTAssertEqual(policy.target.targetSeconds, 20)
        XCTAssertEqual(policy.target.maxOccupancy, 0.9)
        XCTAssertEqual(policy.target.shrinkage, 0.3)
        XCTAssertEqual(policy.target.patienceSeconds, 120)
        XCTAssertEqual(policy.kind, .queue)
        let forecast = try XCTUnwrap(plan.forecast(for: "calls"))
        XCTAssertEqual(forecast.mean, [100, 120])
        XCTAssertEqual(forecast.hi95, [118, 142])
        // 08:00 CET = 07:00 UTC = 1740985200.
        XCTAssertEqual(forecast.instants, [1_740_985_200, 1_740_987_000])
        XCTAssertEqual(plan.heads("calls", at: 1_740_985_200), 21)
        XCTAssertEqual(plan.heads("calls", at: 1_740_987_000), 22)
        XCTAssertEqual(plan.heads("calls", at: 1_740_988_800), 0)
        XCTAssertEqual(plan.plannedAHT("calls", at: 1_740_987_000), 180)
        XCTAssertEqual(plan.coverage.column, "scheduled")
    }

    func testRosterCoverageWinsWhenPresent() throws {
        let roster = "timestamp,channel,required,rostered,gap\n2025-03-03T08:00:00+01:00,calls,20,25,5\n"
        let folder = try Self.writePlan(files: [
            "forecast.csv": Self.forecast, "requirements.csv": Self.requirements,
            "schedule.csv": Self.schedule, "coverage.csv": Self.coverage, "roster_coverage.csv": roster,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try PublishedPlan.read(folder: folder.path)
        XCTAssertEqual(plan.coverage.column, "rostered")
        XCTAssertEqual(plan.heads("calls", at: 1_740_985_200), 25)
        let shifts = try PublishedPlan.read(folder: folder.path, coverage: .shifts)
        XCTAssertEqual(shifts.coverage.column, "scheduled")
        XCTAssertEqual(shifts.heads("calls", at: 1_740_985_200), 21)
    }

    func testAskingForARosterThePlanLacksIsRefused() throws {
        let folder = try Self.writePlan()
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try PublishedPlan.read(folder: folder.path, coverage: .roster)) { error in
            guard case .invalidRequest(let message) = error as? PlanningError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("has no roster"), message)
        }
    }

    func testEditedFileIsRefused() throws {
        let folder = try Self.writePlan(tamper: [
            "forecast.csv": Self.forecast.replacingOccurrences(of: ",100,", with: ",101,")
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try PublishedPlan.read(folder: folder.path)) { error in
            guard case .core(.badFile(let path, let message)) = error as? PlanningError else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(path.hasSuffix("/forecast.csv"), path)
            XCTAssertTrue(message.contains("SHA-256") && message.contains("changed"), message)
        }
    }

    func testMissingFolderAndManifestAreMissingInput() throws {
        let folder = try Self.writePlan(manifest: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try PublishedPlan.read(folder: folder.path)) { error in
            guard case .core(.missingInput(let path, let reason)) = error as? PlanningError else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(path.hasSuffix("/manifest.json"), path)
            XCTAssertTrue(reason.contains("no manifest.json"), reason)
        }
        XCTAssertThrowsError(try PublishedPlan.read(folder: folder.path + "-absent")) { error in
            guard case .core(.missingInput) = error as? PlanningError else { return XCTFail("\(error)") }
        }
    }

    func testMalformedRowNamesLineAndColumn() throws {
        // Hashed as written: the file is the plan's own, but its third line has a bad count.
        let bad = Self.forecast.replacingOccurrences(of: "calls,120,", with: "calls,many,")
        let folder = try Self.writePlan(files: [
            "forecast.csv": bad, "requirements.csv": Self.requirements,
            "schedule.csv": Self.schedule, "coverage.csv": Self.coverage,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try PublishedPlan.read(folder: folder.path)) { error in
            XCTAssertTrue("\(error)".contains("forecast.csv:3:"), "\(error)")
        }
    }

    /// The low-volume rule comes back from the manifest's settings (review and reforecast staff
    /// the actuals by the plan's own rules: an interval below it closed or held by its cover).
    func testLowVolumeRuleIsRebuilt() throws {
        let settings: [String: Any] = [
            "aht_seconds": 300, "service_level": 0.8, "target_seconds": 20, "shrinkage": 0.3,
            "min_contacts_per_interval": 0.5, "night_cover": 1,
        ]
        let (policy, _) = try PublishedPlan.policy(
            settings, fields: JSONFields(path: "manifest.json"), at: "channels[0].settings")
        XCTAssertEqual(policy.lowVolume, LowVolumeRule(minimumContacts: 0.5, cover: 1))
        let (without, _) = try PublishedPlan.policy(
            ["aht_seconds": 300, "service_level": 0.8, "target_seconds": 20, "shrinkage": 0.3],
            fields: JSONFields(path: "manifest.json"), at: "channels[0].settings")
        XCTAssertNil(without.lowVolume)
    }
}
