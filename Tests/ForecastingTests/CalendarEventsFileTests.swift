import Foundation
import StaffcastCore
import XCTest

@testable import Forecasting

/// The `--events FILE` reader. Expected instants were computed outside Swift (Python
/// `datetime.fromisoformat(…).timestamp()`), e.g. 2025-11-28 00:00 in Amsterdam (CET, +01:00)
/// = 2025-11-27T23:00:00Z = 1764284400.
final class CalendarEventsFileTests: XCTestCase {
    let amsterdam = try! PlanningCalendar(identifier: "Europe/Amsterdam")

    private func read(_ text: String) throws -> [UserEvent] {
        try EventsFile.read(data: Data(text.utf8), name: "events.csv", calendar: amsterdam)
    }

    /// The message of the CoreError `text` raises.
    private func failure(_ text: String) -> String {
        do {
            _ = try EventsFile.read(data: Data(text.utf8), name: "events.csv", calendar: amsterdam)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testWholeDaysAreInclusiveLocalDays() throws {
        let events = try read("name,start,end,channel,kind\nBlack Friday promo,2025-11-28,2025-12-01,chat,promotion\n")
        XCTAssertEqual(events.count, 1)
        let event = events[0]
        XCTAssertEqual(event.name, "Black Friday promo")
        XCTAssertEqual(event.kind, .promotion)
        XCTAssertEqual(event.channel, "chat")
        XCTAssertEqual(event.start, 1_764_284_400)  // 2025-11-28T00:00+01:00
        XCTAssertEqual(event.end, 1_764_630_000)  // 2025-12-02T00:00+01:00: the 1st is included
        XCTAssertTrue(event.isWholeDays)
        XCTAssertEqual(event.firstDay.description, "2025-11-28")
        XCTAssertEqual(event.lastDay.description, "2025-12-01")
        XCTAssertEqual(event.location, SourceLocation(file: "events.csv", line: 2, column: 1))
    }

    func testAWholeDayOnTheSpringForwardDayLasts23Hours() throws {
        let event = try XCTUnwrap(try read("name,start,end\nShop closed,2025-03-30,2025-03-30\n").first)
        XCTAssertEqual(event.start, 1_743_289_200)  // 2025-03-30T00:00+01:00
        XCTAssertEqual(event.end, 1_743_372_000)  // 2025-03-31T00:00+02:00
        XCTAssertEqual(event.end - event.start, 23 * 3600)
        XCTAssertEqual(event.kind, .promotion)  // kind column absent: promotion
        XCTAssertNil(event.channel)  // channel absent: every channel
    }

    func testTimestampsWithAndWithoutOffsetAndColumnsInAnyOrder() throws {
        let text = """
            KIND,Channel,End,Start,Name
            closure,phone,2025-10-26T04:00:00+01:00,2025-10-26T01:00,Outage
            Peak,,2025-06-01T17:30:00Z,2025-06-01T09:00:00-04:00,"Storm, north"
            ,email,2025-06-02,2025-06-01T12:00,Mixed

            """
        let events = try read(text)
        XCTAssertEqual(events.map(\.name), ["Outage", "Storm, north", "Mixed"])
        // 01:00 local on the fall-back day is before the repeat hour: +02:00.
        XCTAssertEqual(events[0].start, 1_761_433_200)
        XCTAssertEqual(events[0].end, 1_761_447_600)
        XCTAssertEqual(events[0].kind, .closure)
        XCTAssertFalse(events[0].isWholeDays)
        XCTAssertEqual(events[1].start, 1_748_782_800)
        XCTAssertEqual(events[1].end, 1_748_799_000)
        XCTAssertEqual(events[1].kind, .peak)
        XCTAssertNil(events[1].channel)
        XCTAssertEqual(events[2].kind, .promotion)
        XCTAssertEqual(events[2].lastDay.description, "2025-06-02")
        XCTAssertFalse(events[2].isWholeDays)
        XCTAssertTrue(events[0].contains(1_761_433_200))
        XCTAssertFalse(events[0].contains(1_761_447_600))  // the end is exclusive
    }

    func testErrorsNameFileLineAndColumn() {
        XCTAssertEqual(
            failure("name,start,end\nSale,2025-02-30,2025-03-02\n"),
            "events.csv:2:6: '2025-02-30' is not a date (2025-02 has no day 30); write dates as YYYY-MM-DD")
        XCTAssertEqual(
            failure("name,start,end,kind\nSale,2025-03-01,2025-03-02,discount\n"),
            "events.csv:2:28: unknown event kind 'discount'; expected one of promotion, closure, holiday, peak (empty means promotion)"
        )
        XCTAssertEqual(
            failure("name,start,end\nSale,2025-03-05,2025-03-01\n"),
            "events.csv:2:17: event 'Sale' ends (2025-03-01) before it starts (2025-03-05)")
        XCTAssertEqual(
            failure("name,start,end\nSale,2025-03-01T10:00,2025-03-01T10:00\n"),
            "events.csv:2:23: event 'Sale' ends (2025-03-01T10:00) before it starts (2025-03-01T10:00); a timestamp end is exclusive"
        )
        XCTAssertEqual(failure("name,start,end\n,2025-03-01,2025-03-02\n"), "events.csv:2:1: the event has no name")
        XCTAssertEqual(
            failure("name,start,end\nSale,2025-03-01\n"),
            "events.csv:2:16: event 'Sale' has no end; write a date (2025-11-28, inclusive) or a timestamp (exclusive)")
        XCTAssertEqual(
            failure("name,start,end\nSale,2025-03-01,2025-03-02,chat\n"),
            "events.csv:2:28: this line has 4 fields but the header names 3; quote a value that contains the delimiter")
        XCTAssertEqual(
            failure("name,begin,end\n"),
            "events.csv:1:6: unknown column 'begin'; expected name,start,end[,channel][,kind][,uplift]"
        )
        XCTAssertEqual(
            failure("name,end\n"),
            "events.csv:1:9: missing column 'start'; expected name,start,end[,channel][,kind][,uplift]")
        XCTAssertEqual(
            failure("Sale,2025-03-01,2025-03-02\n"),
            "events.csv:1:1: the first line must be a header naming the columns: name,start,end[,channel][,kind][,uplift]"
        )
        XCTAssertEqual(
            failure(""),
            "events.csv: the file is empty; expected a header name,start,end[,channel][,kind][,uplift]")
    }

    func testAnOptionalUpliftColumn() throws {
        let events = try read(
            "name,start,end,kind,uplift\nSale,2025-03-01,2025-03-02,,1.3\nStorm,2025-04-01,2025-04-01,peak,0.8\nOther,2025-05-01,2025-05-01,promotion,\nShut,2025-06-01,2025-06-01,closure,\n"
        )
        XCTAssertEqual(events.map(\.uplift), [1.3, 0.8, nil, nil])
        XCTAssertNil(try read("name,start,end\nSale,2025-03-01,2025-03-02\n")[0].uplift)
        for bad in ["0", "-1.2", "abc", "inf", "nan", "1,5"] {
            let text =
                bad == "1,5"
                ? "name,start,end,uplift\nSale,2025-03-01,2025-03-02,\"1,5\"\n"
                : "name,start,end,uplift\nSale,2025-03-01,2025-03-02,\(bad)\n"
            XCTAssertEqual(
                failure(text),
                "events.csv:2:28: event 'Sale' has uplift '\(bad)'; expected a positive number "
                    + "such as 1.3 (+30 %) or 0.8 (−20 %), or empty for none")
        }
        XCTAssertEqual(
            failure("name,start,end,kind,uplift\nShut,2025-03-01,2025-03-02,closure,1.2\n"),
            "events.csv:2:36: event 'Shut' is a closure and cannot have an uplift; only a promotion or peak can (leave the cell empty)"
        )
    }

    func testALocalTimeThatDSTSkipsIsRefused() {
        let message = failure("name,start,end\nNight promo,2025-03-30T02:30,2025-03-30T05:00\n")
        XCTAssertTrue(
            message.hasPrefix("events.csv:2:13: 2025-03-30 02:30 does not exist in Europe/Amsterdam"), message)
    }

    func testAHeaderOnlyFileHasNoEvents() throws {
        XCTAssertEqual(try read("name,start,end,channel,kind\n"), [])
    }

    func testReadsFromAPathAndReportsAMissingFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "staffcast-events-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("events.csv").path
        try Data("name;start;end;channel;kind\r\nKerstactie;2025-12-01;2025-12-24;;promotion\r\n".utf8).write(
            to: URL(fileURLWithPath: path))
        let events = try EventsFile.read(path: path, calendar: amsterdam)
        XCTAssertEqual(events.map(\.name), ["Kerstactie"])
        XCTAssertEqual(events.first?.lastDay.description, "2025-12-24")
        XCTAssertThrowsError(
            try EventsFile.read(path: directory.appendingPathComponent("absent.csv").path, calendar: amsterdam)
        ) { error in
            guard case CoreError.missingInput = error else { return XCTFail("\(error)") }
        }
    }
}
