import Rostering
import StaffcastCore
import XCTest

@testable import RosteringBenchmark

final class BenchmarkReaderTests: XCTestCase {
    static let small = """
        # a comment
        SECTION_HORIZON
        7

        SECTION_SHIFTS
        E,480,
        L,600,E

        SECTION_STAFF
        A,E=7|L=2,2400,960,5,2,2,1
        B,E=7,3000,0,4,1,1,1

        SECTION_DAYS_OFF
        A,0,3
        B,6

        SECTION_SHIFT_ON_REQUESTS
        A,1,E,2

        SECTION_SHIFT_OFF_REQUESTS
        B,2,E,3

        SECTION_COVER
        0,E,1,100,1
        0,L,0,100,1
        1,E,1,100,1
        1,L,1,100,1
        2,E,2,50,2
        2,L,0,100,1
        3,E,1,100,1
        3,L,0,100,1
        4,E,1,100,1
        4,L,0,100,1
        5,E,1,100,1
        5,L,0,100,1
        6,E,1,100,1
        6,L,1,100,1
        """

    func testReadsEverySection() throws {
        let instance = try BenchmarkReader.parse(Self.small, file: "small.txt")
        XCTAssertEqual(instance.days, 7)
        XCTAssertEqual(instance.shifts.map(\.id), ["E", "L"])
        XCTAssertEqual(instance.shifts[1].minutes, 600)
        XCTAssertEqual(instance.shifts[1].cannotBeFollowedBy, [0])
        XCTAssertEqual(instance.shifts[0].cannotBeFollowedBy, [])
        XCTAssertEqual(instance.employees.map(\.id), ["A", "B"])
        XCTAssertEqual(instance.employees[0].maxShifts, [7, 2])
        XCTAssertEqual(instance.employees[1].maxShifts, [7, 0], "a type not listed may not be worked")
        XCTAssertEqual(instance.employees[0].maxTotalMinutes, 2400)
        XCTAssertEqual(instance.employees[0].minTotalMinutes, 960)
        XCTAssertEqual(instance.employees[0].maxConsecutiveShifts, 5)
        XCTAssertEqual(instance.employees[0].minConsecutiveShifts, 2)
        XCTAssertEqual(instance.employees[0].minConsecutiveDaysOff, 2)
        XCTAssertEqual(instance.employees[0].maxWeekends, 1)
        XCTAssertEqual(instance.employees[0].daysOff, [0, 3])
        XCTAssertEqual(instance.employees[1].daysOff, [6])
        XCTAssertEqual(instance.shiftOnRequests, [BenchmarkRequest(employee: 0, day: 1, shift: 0, weight: 2)])
        XCTAssertEqual(instance.shiftOffRequests, [BenchmarkRequest(employee: 1, day: 2, shift: 0, weight: 3)])
        XCTAssertEqual(instance.cover[2][0], BenchmarkCover(requirement: 2, underWeight: 50, overWeight: 2))
    }

    func testCarriageReturnLineEndingsReadTheSame() throws {
        let crlf = Self.small.replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(
            try BenchmarkReader.parse(crlf, file: "crlf.txt"), try BenchmarkReader.parse(Self.small, file: "small.txt"))
    }

    private func error(_ text: String) -> String {
        do {
            _ = try BenchmarkReader.parse(text, file: "bad.txt")
            return "no error"
        } catch { return error.description }
    }

    func testErrorsNameLineAndColumn() {
        // Line 10 is "A,E=7|L=2,2400,960,5,2,2,1"; the minutes field starts at column 11.
        XCTAssertEqual(
            error(Self.small.replacingOccurrences(of: "A,E=7|L=2,2400", with: "A,E=7|L=2,24x0")),
            "bad.txt:10:11: expected the most minutes worked (a whole number ≥ 0), found '24x0'")
        XCTAssertEqual(
            error(Self.small.replacingOccurrences(of: "A,E=7|L=2", with: "A,E=7|N=2")),
            "bad.txt:10:3: expected ShiftID=count pairs separated by |, found 'N=2'")
        // Line 18 is "A,1,E,2" under SECTION_SHIFT_ON_REQUESTS.
        XCTAssertEqual(
            error(Self.small.replacingOccurrences(of: "A,1,E,2", with: "C,1,E,2")),
            "bad.txt:18:1: 'C' is not an employee listed in SECTION_STAFF")
        XCTAssertEqual(
            error(Self.small.replacingOccurrences(of: "A,1,E,2", with: "A,7,E,2")),
            "bad.txt:18:3: day 7 is outside the horizon 0…6")
        XCTAssertEqual(
            error(Self.small.replacingOccurrences(of: "B,E=7,3000,0,4,1,1,1", with: "A,E=7,3000,0,4,1,1,1")),
            "bad.txt:11:1: employee 'A' is listed twice")
        XCTAssertEqual(
            error(Self.small.replacingOccurrences(of: "2400,960", with: "900,960")),
            "bad.txt:10:15: the fewest minutes (960) exceed the most (900)")
        XCTAssertEqual(
            error(Self.small.replacingOccurrences(of: "6,L,1,100,1", with: "")),
            "bad.txt: SECTION_COVER gives no cover for day 6, shift L")
        XCTAssertEqual(
            error(Self.small.replacingOccurrences(of: "SECTION_HORIZON\n7\n", with: "")),
            "bad.txt: no SECTION_HORIZON section")
    }

    func testReadsTheFirstPublishedInstance() throws {
        let url = try XCTUnwrap(
            Bundle.module.url(forResource: "Instance1", withExtension: "txt", subdirectory: "Fixtures"))
        let instance = try BenchmarkReader.read(path: url.path)
        // Counted in the file by hand: 14 days, 1 shift, 8 staff, 21 on and 5 off requests.
        XCTAssertEqual(instance.days, 14)
        XCTAssertEqual(instance.shifts.count, 1)
        XCTAssertEqual(instance.employees.count, 8)
        XCTAssertEqual(instance.shiftOnRequests.count, 21)
        XCTAssertEqual(instance.shiftOffRequests.count, 5)
        XCTAssertEqual(instance.cover.map { $0[0].requirement }, [5, 7, 6, 4, 5, 5, 5, 6, 7, 4, 2, 5, 6, 4])
    }
}
