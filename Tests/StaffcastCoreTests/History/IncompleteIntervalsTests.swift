import Foundation
import XCTest

@testable import StaffcastCore

/// Actuals at 5 minutes read as 30-minute intervals: an interval missing some of its 5-minute
/// rows is not summed as if complete when the reader is asked for actuals.
final class IncompleteIntervalsTests: XCTestCase {
    func read(_ incomplete: HistoryReadOptions.IncompleteIntervals) throws -> ContactHistory {
        var text = "timestamp,channel,contacts\n"
        let start: Int64 = 1_741_593_600  // 2025-03-10T08:00:00Z
        for k in 0..<12 where k != 8 && k != 9 {
            let stamp = PlanningCalendar.utc.format(start + Int64(k) * 300)
            text += "\(stamp),calls,10\n"
        }
        var options = HistoryReadOptions(intervalSeconds: 1800)
        options.incompleteIntervals = incomplete
        return try HistoryReader.read(data: Data(text.utf8), name: "actuals.csv", options: options)
    }

    func testAnIncompleteIntervalIsLeftOutAndNamed() throws {
        let actuals = try read(.unknown)
        XCTAssertEqual(actuals.series(for: "calls")?.contacts, [60, nil])
        XCTAssertTrue(
            actuals.warnings.contains {
                $0.contains("1 30-minute interval of 'calls' lack some of their 5-minute rows")
                    && $0.contains("2025-03-10T08:30:00Z")
            }, "\(actuals.warnings)")
    }

    func testAHistoryToLearnFromSumsWhatItHas() throws {
        XCTAssertEqual(try read(.summed).series(for: "calls")?.contacts, [60, 40])
    }
}
