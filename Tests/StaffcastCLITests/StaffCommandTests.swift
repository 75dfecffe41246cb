import Foundation
import XCTest

/// `staffcast staff` on a hand-written forecast; expected agents from
/// ../shared/reference/required_agents_cases.csv (R0001/R0002: 100 contacts per 30 minutes,
/// AHT 180 s, 80/20 → 14 agents, 20 heads at 30 % shrinkage).
final class StaffCommandTests: XCTestCase {
    func testStaffsEachRowAndKeepsTheContractColumns() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let forecast = directory.appendingPathComponent("forecast.csv")
        try Data(
            """
            timestamp,channel,forecast,lo80,hi80,lo95,hi95
            2025-03-03T09:30:00+01:00,phone,100,90,110,85,120
            2025-03-03T09:00:00+01:00,phone,0,0,0,0,0
            2025-03-03T09:00:00+01:00,chat,100,90,110,85,120

            """.utf8
        ).write(to: forecast)
        let out = directory.appendingPathComponent("requirements.csv")
        let result = try CLI.run([
            "staff", "--forecast", forecast.path, "--aht", "180", "--sl", "80/20", "--shrinkage", "0.3",
            "--timezone", "Europe/Amsterdam", "--out", out.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(
            lines[0],
            "timestamp,channel,contacts,aht_seconds,agents,headcount,service_level,asa_seconds,occupancy,abandon_rate,service_level_at_mean,backlog,oldest_age_seconds,rule"
        )
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[1].hasPrefix("2025-03-03T09:00:00+01:00,chat,100,180,14,20,0.8883500191794669,"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("2025-03-03T09:00:00+01:00,phone,0,180,0,0,1,0,0,,"), lines[2])
        XCTAssertTrue(lines[3].hasPrefix("2025-03-03T09:30:00+01:00,phone,100,180,14,20,"), lines[3])
    }

    func testQuantileStaffingNeedsBoundsAndBadRowsNameTheirLine() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let forecast = directory.appendingPathComponent("forecast.csv")
        try Data("timestamp,channel,forecast\n2025-03-03T09:00:00Z,phone,100\n2025-03-03T09:30:00Z,phone,-3\n".utf8)
            .write(to: forecast)
        let out = directory.appendingPathComponent("requirements.csv")
        let bad = try CLI.run([
            "staff", "--forecast", forecast.path, "--aht", "180", "--sl", "80/20", "--out", out.path,
        ])
        XCTAssertEqual(bad.status, 65)
        XCTAssertTrue(bad.stderr.contains("forecast.csv:3:"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        let p80 = try CLI.run([
            "staff", "--forecast", forecast.path, "--aht", "180", "--sl", "80/20", "--staff-to", "p80", "--out",
            out.path,
        ])
        XCTAssertEqual(p80.status, 65)
        XCTAssertTrue(p80.stderr.contains("lo80"), p80.stderr)
    }

    /// A row given twice is refused at its second line, the first repeat in file order whichever
    /// channel it is of (the same instant in another zone notation counts as the same row).
    func testDuplicateRowsNameTheFirstRepeat() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let forecast = directory.appendingPathComponent("forecast.csv")
        try Data(
            """
            timestamp,channel,forecast
            2025-03-03T09:00:00Z,phone,100
            2025-03-03T09:00:00Z,chat,10
            2025-03-03T10:00:00+01:00,phone,90
            2025-03-03T09:00:00Z,chat,11

            """.utf8
        ).write(to: forecast)
        let out = directory.appendingPathComponent("requirements.csv")
        let result = try CLI.run([
            "staff", "--forecast", forecast.path, "--aht", "180", "--sl", "80/20", "--out", out.path,
        ])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.contains("forecast.csv:4:1: duplicate of line 2: phone"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }
}
