import Foundation
import XCTest

@testable import StaffcastCore

final class HeadedCSVReaderTests: XCTestCase {
    func open(
        _ text: String, known: [String]? = ["id", "name", "hours"], required: [String] = ["id", "name"],
        exactWidth: Bool = true
    ) throws -> HeadedCSVReader {
        try HeadedCSVReader(
            CSVReader(data: Data(text.utf8), name: "t.csv"), expected: "id,name[,hours]", known: known,
            required: required, exactWidth: exactWidth)
    }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch { return "\(error)" }
    }

    func testColumnsByNameInAnyCaseAndOrder() throws {
        var table = try open(" Name ,ID\nAnn,a1\n")
        XCTAssertEqual(table.names, ["name", "id"])
        XCTAssertEqual(table.column("id"), 1)
        XCTAssertNil(table.column("hours"))
        let record = try XCTUnwrap(try table.next())
        XCTAssertEqual(record.fields, ["Ann", "a1"])
        XCTAssertNil(try table.next())
    }

    func testEveryHeaderProblemNamesItsCell() {
        XCTAssertEqual(message { _ = try open("") }, "t.csv: the file is empty; expected a header id,name[,hours]")
        XCTAssertEqual(
            message { _ = try open("id,nmae\n") }, "t.csv:1:4: unknown column 'nmae'; expected id,name[,hours]")
        XCTAssertEqual(
            message { _ = try open("id,name,ID\n") },
            "t.csv:1:9: column 'id' appears twice (also column 1); each column needs its own name")
        XCTAssertEqual(
            message { _ = try open("id,hours\n") }, "t.csv:1:9: missing column 'name'; expected id,name[,hours]")
        XCTAssertEqual(
            message { _ = try open("a1,Ann,30\n") },
            "t.csv:1:1: the first line must be a header naming the columns: id,name[,hours]")
    }

    func testUnknownColumnsIgnoredWhenTheCallerAcceptsAny() throws {
        let table = try open("id,name,note\n", known: nil)
        XCTAssertEqual(table.column("note"), 2)
    }

    func testRecordsKeepTheHeadersWidth() throws {
        var exact = try open("id,name\na1\n")
        XCTAssertEqual(message { _ = try exact.next() }, "t.csv:2:3: this line has 1 field but the header names 2")
        var wide = try open("id,name\na1,Ann,x\n")
        XCTAssertEqual(
            message { _ = try wide.next() },
            "t.csv:2:8: this line has 3 fields but the header names 2; quote a value that contains the delimiter")
        var loose = try open("id,name,hours\na1,Ann\n", exactWidth: false)
        XCTAssertEqual(try loose.next()?.fields, ["a1", "Ann"])
    }
}
