import Foundation
import TestSupport
import XCTest

@testable import StaffcastCore

final class TextSourceTests: XCTestCase {
    /// All the UTF-8 a source hands out, and the source afterwards.
    private func decode(_ bytes: [UInt8], declared: DeclaredEncoding? = nil, chunkSize: Int = 1 << 20) throws -> (
        String, TextSource
    ) {
        var source = TextSource(data: Data(bytes), name: "in.csv", declared: declared, chunkSize: chunkSize)
        var out: [UInt8] = []
        while try source.read(into: &out) {}
        return (String(decoding: out, as: UTF8.self), source)
    }

    func testWindows1252IsDetectedWithANoticeAndDecodedByTheCodePage() throws {
        // "Café €5 – ok" in Windows-1252: é = E9, € = 80, en dash = 96 (the code page, not Latin-1).
        let bytes: [UInt8] =
            Array("Caf".utf8) + [0xE9] + Array(" ".utf8) + [0x80] + Array("5 ".utf8) + [0x96] + Array(" ok".utf8)
        for chunk in [1 << 20, 16, 17] {
            let (text, source) = try decode(bytes, chunkSize: chunk)
            XCTAssertEqual(text, "Café €5 – ok", "chunk \(chunk)")
            XCTAssertEqual(source.encoding, .windows1252)
            XCTAssertEqual(source.notices.count, 1)
            XCTAssertTrue(source.notices[0].contains("byte 0xE9 at byte offset 3"), source.notices[0])
        }
        // Declared: the same text, no notice.
        let (declared, quiet) = try decode(bytes, declared: .windows1252)
        XCTAssertEqual(declared, "Café €5 – ok")
        XCTAssertEqual(quiet.notices, [])
    }

    func testUTF8BeforeAnInvalidByteMeansTheByteIsAnErrorNotWindows1252() throws {
        // "é" as UTF-8 (C3 A9), then a lone E9 at byte offset 5.
        let bytes: [UInt8] = [0x61, 0xC3, 0xA9, 0x2C, 0x62, 0xE9, 0x0A]
        let (_, source) = try decode(bytes)
        XCTAssertEqual(source.encoding, .utf8)
        XCTAssertEqual(source.firstUndecodable?.offset, 5)
        XCTAssertEqual(source.notices, [])
    }

    func testUndefinedWindows1252BytesAreNamedByOffset() throws {
        // 0x81 has no character in Windows-1252.
        let (_, source) = try decode(Array("ab,".utf8) + [0x81], declared: .windows1252)
        XCTAssertEqual(source.firstUndecodable?.offset, 3)
        XCTAssertEqual(source.firstUndecodable?.bytes, [0x81])
        let error = failureOf {
            _ = try HistoryReader.read(
                data: Data(Array("timestamp,calls\n2003-03-03T07:00:00Z,".utf8) + [0x81] + [0x0A]),
                name: "h.csv", options: HistoryReadOptions(input: encoding(.windows1252)))
        }
        guard case .badData(let location, let message)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(location.line, 2)
        XCTAssertTrue(message.contains("byte \\x81 at byte offset 37 has no character in Windows-1252"), message)
    }

    func testDeclaredUTF16WithoutByteOrderMarkAndConflictingMarks() throws {
        let text = "timestamp\tcalls\n"
        let le = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let (decoded, source) = try decode(le, declared: .utf16)
        XCTAssertEqual(decoded, text)
        XCTAssertEqual(source.encoding, .utf16LittleEndian)
        // A UTF-8 byte-order mark contradicts a declared Windows-1252.
        let error = failureOf { _ = try decode([0xEF, 0xBB, 0xBF] + Array("a".utf8), declared: .windows1252) }
        guard case .badFile(_, let message)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertTrue(message.contains("UTF-8 byte-order mark, but --encoding windows-1252"), message)
    }

    func testFIFOWithoutWriterFailsAfterTheWaitInsteadOfBlocking() throws {
        let fifo = NSTemporaryDirectory() + "staffcast-fifo-\(UUID().uuidString)"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        let started = Date()
        let error = failureOf {
            var source = try TextSource(path: fifo, fifoWriterWaitSeconds: 1)
            var out: [UInt8] = []
            _ = try source.read(into: &out)
        }
        let waited = Date().timeIntervalSince(started)
        guard case .missingInput(let path, let reason)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(path, fifo)
        XCTAssertTrue(reason.contains("named pipe (FIFO) that nothing writes to; waited 1 s"), reason)
        XCTAssertGreaterThanOrEqual(waited, 0.9)
        XCTAssertLessThan(waited, 5)
    }

    func testReadOnceInputsDoNotBlockOnAFIFOWithoutWriterEither() throws {
        let fifo = NSTemporaryDirectory() + "staffcast-fifo-\(UUID().uuidString)"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        let error = failureOf { _ = try InputFile.read(fifo, fifoWriterWaitSeconds: 1) }
        guard case .missingInput(_, let reason)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertTrue(reason.contains("nothing writes to"), reason)
    }

    func testFIFOWithAWriterIsReadToTheEnd() throws {
        let fifo = NSTemporaryDirectory() + "staffcast-fifo-\(UUID().uuidString)"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        let payload = "timestamp,calls\n2003-03-03T07:00:00Z,4\n2003-03-03T07:05:00Z,6\n"
        let writer = Thread {
            Thread.sleep(forTimeInterval: 0.3)  // the reader opens first and waits
            let descriptor = open(fifo, O_WRONLY)
            guard descriptor >= 0 else { return }
            _ = Array(payload.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        writer.start()
        let history = try HistoryReader.read(path: fifo, options: HistoryReadOptions())
        XCTAssertEqual(history.series.first?.contacts, [4, 6])
    }

    private func encoding(_ e: DeclaredEncoding) -> InputMapping {
        var mapping = InputMapping()
        mapping.encoding = e
        return mapping
    }

    private func failureOf(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> CoreError?
    {
        do {
            try body()
            XCTFail("expected an error", file: file, line: line)
        } catch let error as CoreError {
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }
}
