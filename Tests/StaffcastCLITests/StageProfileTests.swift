import Foundation
import XCTest

/// `STAFFCAST_PROFILE=1`: one profile line on standard error when the command ends, the same
/// output files and standard output as without it; nothing without it.
final class StageProfileTests: XCTestCase {
    func testProfileLineOnlyWhenAskedAndOutputUnchanged() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let forecast = directory.appendingPathComponent("forecast.csv")
        try Data(
            """
            timestamp,channel,forecast
            2025-03-03T09:00:00Z,phone,100
            2025-03-03T09:30:00Z,phone,80
            2025-03-03T09:00:00Z,chat,20

            """.utf8
        ).write(to: forecast)
        func staff(_ out: String) throws -> CLIResult {
            try CLI.run([
                "staff", "--forecast", forecast.path, "--aht", "180", "--sl", "80/20", "--out",
                directory.appendingPathComponent(out).path,
            ])
        }
        let plain = try staff("plain.csv")
        setenv("STAFFCAST_PROFILE", "1", 1)
        defer { unsetenv("STAFFCAST_PROFILE") }
        let profiled = try staff("profiled.csv")
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(profiled.status, 0, profiled.stderr)
        XCTAssertEqual(plain.stderr, "")
        XCTAssertEqual(plain.stdout, profiled.stdout)
        XCTAssertEqual(
            try Data(contentsOf: directory.appendingPathComponent("plain.csv")),
            try Data(contentsOf: directory.appendingPathComponent("profiled.csv")))
        let pattern =
            #"^profile: read \d+\.\d{3} s, forecast 0\.000 s, staff \d+\.\d{3} s, schedule 0\.000 s, write \d+\.\d{3} s, other \d+\.\d{3} s; total \d+\.\d{3} s; peak memory \d+ MiB\n$"#
        XCTAssertNotNil(profiled.stderr.range(of: pattern, options: .regularExpression), profiled.stderr)
    }
}
