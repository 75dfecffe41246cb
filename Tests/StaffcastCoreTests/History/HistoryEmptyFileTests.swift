import Foundation
import TestSupport
import XCTest

@testable import StaffcastCore

/// A history without data is refused naming the line the data should have started on: line 1 of
/// an empty file, the header's line of a file that has only a header.
final class HistoryEmptyFileTests: XCTestCase {
    typealias F = HistoryFixtures

    /// The message of the error reading `text` (as `h.csv`) throws.
    private func message(
        _ text: String, _ options: HistoryReadOptions = HistoryReadOptions(),
        file: StaticString = #filePath, line: UInt = #line
    ) -> String? {
        do {
            _ = try F.read(text, options)
            XCTFail("expected an error", file: file, line: line)
        } catch let error as CoreError {
            return error.description
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    func testAnEmptyFileNamesLineOne() {
        for text in ["", "\n", "\r\n\r\n", "\u{FEFF}", " , \n"] {
            XCTAssertEqual(
                message(text),
                "h.csv:1:1: the file is empty; expected a header line such as timestamp,channel,contacts,aht_seconds",
                text.debugDescription)
        }
    }

    func testAHeaderWithoutRowsNamesTheHeaderLine() throws {
        for text in [
            "timestamp,channel,contacts\n", "timestamp,channel,contacts", "timestamp,channel,contacts\r\n",
            "\u{FEFF}timestamp,calls\n", "timestamp;channel;contacts\n\n\n",
        ] {
            XCTAssertEqual(message(text), "h.csv:1:1: has a header but no data rows", text.debugDescription)
        }
        // Through an input mapping too, and after title lines the header's own line is named.
        let input = try InputMapping.fromFlags(
            format: nil, columns: "timestamp=Start,queue=Queue,contacts=Offered", channelMap: nil, dateOrder: nil,
            durationUnit: nil, encoding: nil, missing: nil)
        XCTAssertEqual(
            message("Start,Queue,Offered\n", HistoryReadOptions(input: input)),
            "h.csv:1:1: has a header but no data rows")
        XCTAssertEqual(
            message("Queue report\n\nStart;Queue;Offered\nTotal;;0\n", HistoryReadOptions(input: input)),
            "h.csv:3:1: has a header but no data rows")
    }

    func testAFileOnDiskIsNamedByItsPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "staffcast-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.csv").path
        let header = directory.appendingPathComponent("header.csv").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        FileManager.default.createFile(atPath: header, contents: Data("timestamp,channel,contacts\n".utf8))
        for (path, words) in [(empty, "the file is empty"), (header, "has a header but no data rows")] {
            do {
                _ = try HistoryReader.read(path: path, options: HistoryReadOptions())
                XCTFail("expected an error for \(path)")
            } catch {
                XCTAssertTrue(error.description.hasPrefix("\(path):1:1: \(words)"), error.description)
                XCTAssertEqual(error.location?.line, 1)
            }
        }
    }
}

extension CoreError {
    /// Where the error points, when it points somewhere.
    fileprivate var location: SourceLocation? {
        if case .badData(let location, _) = self { return location }
        return nil
    }
}
