import Foundation
import TestSupport
import XCTest

@testable import StaffcastCore

/// One export per preset, written from the platform's documented columns, read to the same
/// records as a native file written by hand with the sums, averages and offsets worked out.
final class PresetFixtureTests: XCTestCase {
    typealias F = HistoryFixtures

    private func preset(_ name: String, _ configure: (inout InputMapping) throws -> Void = { _ in }) throws
        -> InputMapping
    {
        var mapping = try InputMapping.preset(name, option: "--format")
        try configure(&mapping)
        try mapping.validate(option: "--format")
        return mapping
    }

    /// The dump of a history without its abandoned counts (the native layout has none).
    private func records(_ history: ContactHistory) -> String {
        var copy = history
        copy.series = copy.series.map {
            var s = $0
            s.abandoned = nil
            return s
        }
        return HistoryDump.csv(copy)
    }

    /// Reads the preset fixture and its native twin with the same calendar and interval and
    /// compares the records; returns the preset's history.
    @discardableResult
    private func assertSameRecords(
        _ fixture: String, _ input: InputMapping, calendar: PlanningCalendar = .utc, interval: Int? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> ContactHistory {
        let native = fixture.replacingOccurrences(of: ".csv", with: ".native.csv").replacingOccurrences(
            of: ".txt", with: ".native.csv")
        let mapped = try HistoryReader.read(
            path: F.fixture("presets/" + fixture),
            options: HistoryReadOptions(calendar: calendar, intervalSeconds: interval, input: input))
        let reference = try HistoryReader.read(
            path: F.fixture("presets/" + native), options: HistoryReadOptions(calendar: calendar))
        XCTAssertEqual(records(mapped), records(reference), fixture, file: file, line: line)
        XCTAssertEqual(mapped.intervalSeconds, reference.intervalSeconds, fixture, file: file, line: line)
        return mapped
    }

    func testGenesysWFMImport() throws {
        let h = try assertSameRecords("genesys-wfm.csv", preset("genesys-wfm"))
        // Voice 08:00: (3000 + 1000) s over 10 + 4 handled, the skills and languages summed.
        assertClose(try XCTUnwrap(h.series(for: "Voice")?.ahtSeconds[0]), 4000.0 / 14, relative: 1e-15)
        XCTAssertEqual(h.warnings, [])
    }

    func testGenesysQueueIntervalExport() throws {
        let h = try assertSameRecords(
            "genesys-queue-interval.csv", preset("genesys-queue-interval") { $0.dateOrder = .mdy },
            calendar: F.amsterdam)
        XCTAssertEqual(h.series(for: "voice")?.abandoned, [2, 1])
        assertClose(try XCTUnwrap(h.series(for: "voice")?.ahtSeconds[0]), (18.0 * 250 + 8 * 360) / 26, relative: 1e-15)
    }

    /// The autumn night in Amsterdam: the interval that starts at 02:30 in summer time ends at the
    /// repeated 02:00, earlier on the clock than its start; it lasts its real half hour.
    func testGenesysQueueIntervalEndInTheRepeatedHour() throws {
        let rows = [
            ("1:30", "2:00"), ("2:00", "2:30"), ("2:30", "2:00"), ("2:00", "2:30"), ("2:30", "3:00"), ("3:00", "3:30"),
        ]
        var text = "Queue,Media Type,Interval Start,Interval End,Offer,Answer,Abandon,Avg Handle\n"
        for (k, row) in rows.enumerated() {
            text += "Sales,voice,10/26/2025 \(row.0) AM,10/26/2025 \(row.1) AM,\(k + 1),\(k + 1),0,0:04:00\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("genesys-dst-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: path) }
        try Data(text.utf8).write(to: path)
        let h = try HistoryReader.read(
            path: path.path,
            options: HistoryReadOptions(
                calendar: F.amsterdam, input: preset("genesys-queue-interval") { $0.dateOrder = .mdy }))
        XCTAssertEqual(h.intervalSeconds, 1800)
        let series = try XCTUnwrap(h.series(for: "voice"))
        // 01:30 CEST is 23:30 UTC the day before; then every half hour in real time.
        XCTAssertEqual(series.start, 1_761_435_000)
        XCTAssertEqual(series.contacts, [1, 2, 3, 4, 5, 6])
    }

    func testAmazonConnectReportLeavesOutEmptyIntervals() throws {
        let h = try assertSameRecords("amazon-connect.csv", preset("amazon-connect"))
        XCTAssertEqual(h.missingRows, .zero)
        XCTAssertEqual(h.zeroFilledIntervals, 2)
        XCTAssertEqual(h.series(for: "VOICE")?.abandoned, [2, 0, 0, 0])
    }

    func testNICEIEXExportOnTheAutumnDSTDay() throws {
        let newYork = try PlanningCalendar(identifier: "America/New_York")
        let h = try assertSameRecords("nice-iex.txt", preset("nice-iex"), calendar: newYork)
        XCTAssertEqual(h.series[0].count, 6)  // 00:30 EDT … 02:00 EST, the repeated hour twice
        XCTAssertTrue(
            h.warnings.contains {
                $0.contains("lines 3 and 5 ('Billing'), lines 4 and 6 ('Billing'): 2025-11-02 01:00")
                    && $0.contains("read in file order")
            },
            "\(h.warnings)")
        XCTAssertEqual(h.series[0].abandoned, [0, 1, 0, 0, 0, 0])
    }

    func testDutchExcelInWindows1252WithDecimalCommasAndThousands() throws {
        let h = try assertSameRecords("excel-nl.csv", preset("excel-nl"), calendar: F.amsterdam)
        XCTAssertEqual(h.series(for: "Telefoon")?.contacts, [1250, 1020])
        XCTAssertEqual(h.series(for: "Chat café")?.ahtSeconds, [1020.5, nil])
        XCTAssertTrue(h.warnings.contains { $0.contains("read as Windows-1252") }, "\(h.warnings)")
        XCTAssertTrue(
            h.warnings.contains("\(F.fixture("presets/excel-nl.csv")):6: total row skipped ('Totaal')"), "\(h.warnings)"
        )
    }

    func testFive9CallLogCountedPerQuarterHour() throws {
        let h = try assertSameRecords("five9-call-log.csv", preset("five9-call-log"))
        XCTAssertEqual(h.series(for: "Sales")?.abandoned, [0, 1, 0])
    }

    func testTwilioTaskRouterStatisticsThroughAChannelMap() throws {
        let map = try ChannelMap.read(path: F.fixture("presets/twilio-taskrouter.queues.csv"))
        try assertSameRecords("twilio-taskrouter.csv", preset("twilio-taskrouter") { $0.channelMap = map })
    }

    func testZendeskExploreByDateAndHour() throws {
        let h = try assertSameRecords("zendesk-explore.csv", preset("zendesk-explore"), calendar: F.amsterdam)
        XCTAssertEqual(h.intervalSeconds, 3600)
    }

    func testFreshdeskTicketListCountedPerHour() throws {
        try assertSameRecords("freshdesk-tickets.csv", preset("freshdesk-tickets"), interval: 3600)
    }

    func testEveryPresetHasAFixture() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: F.fixture("presets"))
        for preset in InputPresets.all {
            XCTAssertTrue(names.contains { $0.hasPrefix(preset.name + ".") && !$0.contains(".native.") }, preset.name)
        }
    }
}
