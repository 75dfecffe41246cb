import Foundation
import XCTest

@testable import StaffcastCore

final class HistoryInspectorTests: XCTestCase {
    typealias F = HistoryFixtures

    /// Four weeks from Monday 2025-01-06, weekdays 07:00–21:00 in half hours, 10 contacts each
    /// (280 a day); Tuesday of week 3 is planted at 10×, Thursday of week 2 at a fifth,
    /// Wednesday of week 2 is missing, Friday of week 3 has only 07:00–09:00.
    private func plantedHistory() throws -> ContactHistory {
        var text = "timestamp,channel,contacts,aht_seconds\n"
        let monday = CivilDate(year: 2025, month: 1, day: 6)!
        for offset in 0..<26 {
            let date = monday.adding(days: offset)
            guard date.weekday <= 5 else { continue }
            if offset == 9 { continue }  // Wednesday 2025-01-15 absent
            for slot in 0..<28 {
                if offset == 18 && slot >= 4 { continue }  // Friday 2025-01-24 partial
                var contacts = 10
                if offset == 15 { contacts = 100 }  // Tuesday 2025-01-21: 10×
                if offset == 10 { contacts = 2 }  // Thursday 2025-01-16: a fifth
                let t = F.utc(date.year, date.month, date.day, 7 + slot / 2, slot % 2 * 30)
                text += "\(PlanningCalendar.utc.format(t)),voice,\(contacts),\(slot % 2 == 0 ? 100 : 300)\n"
            }
        }
        return try F.read(text)
    }

    func testSummaryOfPlantedHistory() throws {
        let summaries = HistoryInspector.summarize(try plantedHistory())
        XCTAssertEqual(summaries.count, 1)
        let s = summaries[0]
        XCTAssertEqual(s.channel, "voice")
        XCTAssertEqual(s.firstInstant, F.utc(2025, 1, 6, 7))
        XCTAssertEqual(s.lastInstant, F.utc(2025, 1, 31, 20, 30))
        XCTAssertEqual(s.intervalSeconds, 1800)
        XCTAssertEqual(s.rows, 18 * 28 + 4)
        // The span holds 25 days × 48 + 28 intervals up to 20:30 on the last day.
        XCTAssertEqual(s.unknownIntervals, (25 * 48 + 28) - (18 * 28 + 4))
        XCTAssertEqual(s.unknownOpenIntervals, 28 + 24)
        XCTAssertEqual(s.totalContacts, Double(16 * 280 + 2800 + 56 + 40))
        XCTAssertEqual(s.ahtSeconds, 200)
        XCTAssertEqual(s.daysPresent, 19)
        XCTAssertEqual(s.daysAbsent, [CivilDate(year: 2025, month: 1, day: 15)!])  // weekends are not listed
        let weekday = [7 * 3600..<21 * 3600]
        XCTAssertEqual(s.openingHours.map(\.open), [weekday, weekday, weekday, weekday, weekday, [], []])
        XCTAssertEqual(s.dailyTotals.map(\.weekday), [1, 2, 3, 4, 5])
        XCTAssertEqual(
            s.dailyTotals[1],
            DailyTotalStatistics(weekday: 2, days: 4, mean: 910, median: 280, minimum: 280, maximum: 2800))
        XCTAssertEqual(s.dailyTotals[2].days, 3)
        XCTAssertEqual(
            s.suspiciousDays.map(\.date),
            [
                CivilDate(year: 2025, month: 1, day: 16)!, CivilDate(year: 2025, month: 1, day: 21)!,
                CivilDate(year: 2025, month: 1, day: 24)!,
            ])
        XCTAssertEqual(
            s.suspiciousDays[1],
            SuspiciousDay(
                date: CivilDate(year: 2025, month: 1, day: 21)!, total: 2800, weekdayMedian: 280,
                ratio: 10, reason: "10× the median Tuesday (2800 contacts against 280)"))
        XCTAssertEqual(s.suspiciousDays[0].reason, "0.2× the median Thursday (56 contacts against 280)")
        XCTAssertEqual(
            s.suspiciousDays[2].reason,
            "0.1× the median Friday (40 contacts against 280); only 4 of its usual 28 open intervals are in the file")
    }

    func testOrdinaryVariationIsNotSuspicious() throws {
        // Totals between a third and 3× the median stay unflagged: 100, 250, 280, 290, 800.
        var text = "timestamp,calls\n"
        for (week, total) in [100, 250, 280, 290, 800].enumerated() {
            let monday = CivilDate(year: 2025, month: 1, day: 6)!.adding(days: 7 * week)
            text += "\(PlanningCalendar.utc.format(F.utc(monday.year, monday.month, monday.day, 9))),\(total)\n"
        }
        // Another weekday row keeps the grid at one hour.
        text += "\(PlanningCalendar.utc.format(F.utc(2025, 1, 7, 10))),5\n"
        let s = HistoryInspector.summarize(try F.read(text))[0]
        XCTAssertEqual(s.suspiciousDays, [])
        XCTAssertEqual(s.dailyTotals[0].median, 280)
    }

    func testTextReport() throws {
        let history = try plantedHistory()
        let text = HistoryInspector.text(HistoryInspector.summarize(history), calendar: history.calendar)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "channel voice")
        XCTAssertTrue(lines.contains("  interval     30m"), text)
        XCTAssertTrue(
            lines.contains("  rows         508 known intervals; 720 unknown within the span, 52 of them in open hours"),
            text)
        XCTAssertTrue(lines.contains("  days         19 with data, 1 absent: 2025-01-15 (Wed)"), text)
        XCTAssertTrue(lines.contains("    Mon        07:00–21:00"), text)
        XCTAssertTrue(lines.contains("    Sun        closed"), text)
        XCTAssertTrue(lines.contains("    Tue            4        910        280        280       2800"), text)
        XCTAssertTrue(
            lines.contains("    2025-01-21 (Tue)  2800 contacts: 10× the median Tuesday (2800 contacts against 280)"),
            text)
    }

    func testJSONIsValidAndKeyOrderStable() throws {
        let history = try plantedHistory()
        let json = HistoryInspector.json(HistoryInspector.summarize(history), calendar: history.calendar)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let channel = try XCTUnwrap((object["channels"] as? [[String: Any]])?.first)
        XCTAssertEqual(channel["first_interval"] as? String, "2025-01-06T07:00:00Z")
        XCTAssertEqual(channel["days_absent"] as? [String], ["2025-01-15"])
        XCTAssertEqual((channel["opening_hours"] as? [String: Any])?["monday"] as? [[String]], [["07:00", "21:00"]])
        XCTAssertEqual(
            (channel["suspicious_days"] as? [[String: Any]])?.compactMap { $0["date"] as? String },
            ["2025-01-16", "2025-01-21", "2025-01-24"])
        // Keys appear in the documented order.
        let keys = [
            "\"timezone\"", "\"channels\"", "\"channel\"", "\"first_interval\"", "\"last_interval\"",
            "\"interval_seconds\"",
            "\"rows\"", "\"unknown_intervals\"", "\"unknown_open_intervals\"", "\"total_contacts\"", "\"aht_seconds\"",
            "\"days_present\"", "\"days_absent\"", "\"opening_hours\"", "\"daily_totals\"", "\"suspicious_days\"",
        ]
        let positions = keys.map { json.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), json)
        let found = positions.compactMap { $0 }
        XCTAssertEqual(found, found.sorted())
        XCTAssertTrue(json.hasPrefix("{\n  \"timezone\": "), json)
        XCTAssertTrue(json.contains("\"aht_seconds\": 200,\n"), json)
    }

    func testBankDatasetSummary() throws {
        // The bundled history: weekdays 07:00–21:05 in 5-minute rows, four weekdays missing.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("datasets/bank_calls.csv").path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("datasets/bank_calls.csv not present") }
        let history = try HistoryReader.read(path: path, options: HistoryReadOptions(intervalSeconds: 1800))
        XCTAssertEqual(history.intervalSeconds, 1800)
        let s = HistoryInspector.summarize(history)[0]
        XCTAssertEqual(s.channel, "calls")
        XCTAssertEqual(s.daysPresent, 126)
        XCTAssertEqual(s.daysAbsent.map(\.description), ["2003-04-04", "2003-04-07", "2003-05-26", "2003-07-04"])
        // The lone 21:00–21:05 slot makes a 21:00 half hour.
        XCTAssertEqual(s.openingHours[0].open, [7 * 3600..<21 * 3600 + 1800])
        XCTAssertEqual(s.openingHours[5].open, [])
        XCTAssertEqual(s.rows, 126 * 29)
    }
}

final class HistoryDumpTests: XCTestCase {
    typealias F = HistoryFixtures

    func testDumpIsExactSortedAndWithOffsets() throws {
        let text = """
            timestamp,channel,contacts,aht_seconds
            2025-10-26T02:30:00+01:00,voice,3,
            2025-10-26T02:00:00+02:00,voice,5,180.25
            2025-10-26T02:00:00+02:00,"chat, web",2,300
            2025-10-26T02:30:00+02:00,voice,4,120.0
            """
        let history = try F.read(text, HistoryReadOptions(calendar: F.amsterdam))
        XCTAssertEqual(history.series(for: "voice")?.contacts, [5, 4, nil, 3])  // 02:00+01:00 is unknown
        XCTAssertEqual(
            HistoryDump.csv(history),
            """
            timestamp,channel,contacts,aht_seconds
            2025-10-26T02:00:00+02:00,"chat, web",2,300
            2025-10-26T02:00:00+02:00,voice,5,180.25
            2025-10-26T02:30:00+02:00,voice,4,120
            2025-10-26T02:30:00+01:00,voice,3,

            """)
        // The dump reads back to the same history.
        XCTAssertEqual(
            try F.read(HistoryDump.csv(history), HistoryReadOptions(calendar: F.amsterdam)).series, history.series)
    }

    func testDumpOfAggregatedHistory() throws {
        let text =
            "timestamp,channel,contacts,aht_seconds\n2003-03-03T07:00:00Z,v,1,100\n2003-03-03T07:05:00Z,v,2,101\n2003-03-03T08:00:00Z,v,0,\n"
        let history = try F.read(text, HistoryReadOptions(intervalSeconds: 1800))
        XCTAssertEqual(
            HistoryDump.csv(history),
            """
            timestamp,channel,contacts,aht_seconds
            2003-03-03T07:00:00Z,v,3,100.666667
            2003-03-03T08:00:00Z,v,0,

            """)
    }
}
