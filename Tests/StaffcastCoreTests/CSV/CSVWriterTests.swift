import XCTest

@testable import StaffcastCore

/// ``CSVWriter`` writes what ``CSVTable`` writes for the same fields formatted by ``Format``.
final class CSVWriterTests: XCTestCase {
    func testRowsAreTheTablesBytes() throws {
        let amsterdam = try PlanningCalendar(identifier: "Europe/Amsterdam")
        let names = ["phone", "chat, web", "say \"hi\"", "=SUM(A1)", "-x", "+1", "@home", "e-mail", "", "ünï", "a\nb"]
        let numbers: [Double] = [
            0, -0.0, 1.5, -2.675, 0.1 + 0.2, 1e-7, 12_345.678_9, .infinity, -.infinity, .nan, 1e300, -3,
        ]
        // Instants across the autumn change of 2025 (the repeated hour) and far outside it.
        let instants: [Int64] = (0..<24).map { 1_761_436_800 + Int64($0) * 900 } + [0, -86_400, 253_402_300_799]
        var table = CSVTable(header: ["timestamp", "channel", "volume", "seconds", "fraction", "count", "empty"])
        var csv = CSVWriter(
            header: ["timestamp", "channel", "volume", "seconds", "fraction", "count", "empty"], calendar: amsterdam)
        for (k, instant) in instants.enumerated() {
            let name = names[k % names.count]
            let x = numbers[k % numbers.count]
            table.append([
                amsterdam.format(instant), name, Format.volume(x), Format.seconds(x), Format.fraction(-x),
                String(k - 5),
                "",
            ])
            csv.timestamp(instant)
            csv.text(name)
            csv.volume(x)
            csv.seconds(x)
            csv.fraction(-x)
            csv.integer(k - 5)
            csv.empty()
            csv.endRow()
        }
        XCTAssertEqual(csv.string, table.render())
        // Chunks written apart and joined are the same table.
        var first = CSVWriter(header: ["n"])
        var second = CSVWriter()
        var third = CSVWriter()
        first.integer(1)
        first.endRow()
        second.integer(2)
        second.endRow()
        third.volume(3.25)
        third.endRow()
        first.append([second, third])
        XCTAssertEqual(first.string, "n\n1\n2\n3.25\n")
    }

    func testTimestampsAreTheCalendarsFormat() throws {
        var random = SplitMix64(seed: 11)
        for zone in ["UTC", "Europe/Amsterdam", "America/St_Johns", "Asia/Kolkata", "Pacific/Chatham"] {
            let calendar = try PlanningCalendar(identifier: zone)
            var csv = CSVWriter(calendar: calendar)
            var expected = ""
            for _ in 0..<2000 {
                let instant = Int64(random.next() % 5_000_000_000) - 1_000_000_000
                csv.timestamp(instant)
                csv.endRow()
                expected += calendar.format(instant) + "\n"
            }
            XCTAssertEqual(csv.string, expected, zone)
        }
    }
}
