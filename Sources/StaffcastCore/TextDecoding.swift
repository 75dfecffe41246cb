import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The text encodings a history export arrives in. Excel's "CSV UTF-8" writes a byte-order
/// mark; its "Unicode Text" writes UTF-16 little-endian with a BOM and tabs.
public enum TextEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
}

/// Reads a text input chunk by chunk and hands out UTF-8 bytes, so a large file never sits in
/// memory twice. Detects the encoding from the first bytes (byte-order mark, or the zero bytes of
/// UTF-16 without one) and turns away compressed and binary files with a message saying what to
/// do.
///
/// UTF-16 is transcoded to UTF-8 as it streams; a lone surrogate or a dangling odd byte becomes
/// the byte 0xFF, which is never valid UTF-8, so the CSV reader reports it with its line and
/// column.
public struct TextSource {
    private enum Origin {
        case file(Int32)
        case memory(Data, offset: Int)
        case closed
    }

    /// The file name used in messages.
    public let name: String
    public private(set) var encoding: TextEncoding = .utf8
    /// Whether the input started with a byte-order mark.
    public private(set) var hadByteOrderMark = false

    private var origin: Origin
    private let chunkSize: Int
    private var raw: [UInt8] = []
    private var readBuffer: [UInt8] = []
    /// Bytes read but not yet decoded (an odd UTF-16 byte, or the start of the input).
    private var pending: [UInt8] = []
    private var pendingHighSurrogate: UInt16? = nil
    private var started = false

    /// Opens `path` for reading.
    /// - Throws: ``CoreError/missingInput(path:reason:)`` when the file is missing, unreadable
    ///   or a directory.
    public init(path: String, chunkSize: Int = 1 << 20) throws(CoreError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            throw .missingInput(path: path, reason: code == ENOENT ? "no such file" : String(cString: strerror(code)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw .missingInput(path: path, reason: "is a directory, not a file")
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .missingInput(path: path, reason: String(cString: strerror(errno)))
        }
        self.name = path
        self.origin = .file(descriptor)
        self.chunkSize = max(16, chunkSize)
    }

    /// Reads from bytes already in memory; `name` appears in messages.
    public init(data: Data, name: String, chunkSize: Int = 1 << 20) {
        self.name = name
        self.origin = .memory(data, offset: 0)
        self.chunkSize = max(16, chunkSize)
    }

    /// Closes the file early (reading to the end closes it too).
    public mutating func close() {
        if case let .file(descriptor) = origin { _ = Glibc.close(descriptor) }
        origin = .closed
    }

    /// Appends the next UTF-8 bytes to `output`; returns false (appending nothing) at the end.
    public mutating func read(into output: inout [UInt8]) throws(CoreError) -> Bool {
        while true {
            let more = try readRaw()
            if !started {
                // Gather enough bytes to recognise the encoding.
                pending.append(contentsOf: raw)
                if more && pending.count < 4 { continue }
                started = true
                raw = pending
                pending = []
                try detectEncoding()
            } else if !more && raw.isEmpty && pending.isEmpty && pendingHighSurrogate == nil {
                return false
            }
            let before = output.count
            decode(into: &output, final: !more)
            if output.count > before { return true }
            if !more { return false }
        }
    }

    /// Reads the next raw chunk into `raw`; false once the input is exhausted.
    private mutating func readRaw() throws(CoreError) -> Bool {
        raw.removeAll(keepingCapacity: true)
        switch origin {
        case .closed:
            return false
        case let .memory(data, offset):
            guard offset < data.count else { origin = .closed; return false }
            let end = min(data.count, offset + chunkSize)
            let start = data.startIndex + offset
            raw.append(contentsOf: data[start ..< data.startIndex + end])
            origin = .memory(data, offset: end)
            return true
        case let .file(descriptor):
            if readBuffer.count != chunkSize { readBuffer = [UInt8](repeating: 0, count: chunkSize) }
            var count: Int
            repeat {
                count = readBuffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            } while count < 0 && errno == EINTR
            if count < 0 {
                let reason = String(cString: strerror(errno))
                close()
                throw .badFile(path: name, "cannot be read: \(reason)")
            }
            if count == 0 { close(); return false }
            raw.append(contentsOf: readBuffer[0 ..< count])
            return true
        }
    }

    private mutating func detectEncoding() throws(CoreError) {
        let b = raw
        func starts(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && Array(b[0 ..< prefix.count]) == prefix }
        if starts([0x1F, 0x8B]) {
            throw .badFile(path: name, "file is gzip-compressed; decompress it first: gunzip -k \(name)")
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            throw .badFile(path: name, "file is a ZIP archive (an Excel .xlsx workbook?), not CSV text; save it as CSV first")
        }
        if starts([0xFF, 0xFE, 0x00, 0x00]) || starts([0x00, 0x00, 0xFE, 0xFF]) {
            throw .badFile(path: name, "file is UTF-32 text; save it as UTF-8 (or UTF-16) CSV")
        }
        if starts([0xEF, 0xBB, 0xBF]) {
            encoding = .utf8; hadByteOrderMark = true; raw.removeFirst(3)
        } else if starts([0xFF, 0xFE]) {
            encoding = .utf16LittleEndian; hadByteOrderMark = true; raw.removeFirst(2)
        } else if starts([0xFE, 0xFF]) {
            encoding = .utf16BigEndian; hadByteOrderMark = true; raw.removeFirst(2)
        } else if b.count >= 2, b[0] != 0, b[0] < 0x80, b[1] == 0 {
            // ASCII text in UTF-16LE without a byte-order mark: every other byte is zero.
            encoding = .utf16LittleEndian
        } else if b.count >= 2, b[0] == 0, b[1] != 0, b[1] < 0x80 {
            encoding = .utf16BigEndian
        }
    }

    /// Decodes `raw` (plus any carried-over bytes) into UTF-8.
    private mutating func decode(into output: inout [UInt8], final: Bool) {
        switch encoding {
        case .utf8:
            output.append(contentsOf: raw)
            raw.removeAll(keepingCapacity: true)
        case .utf16LittleEndian, .utf16BigEndian:
            var units = pending
            pending = []
            units.append(contentsOf: raw)
            raw.removeAll(keepingCapacity: true)
            let littleEndian = encoding == .utf16LittleEndian
            let pairs = units.count / 2
            output.reserveCapacity(output.count + units.count)
            for k in 0 ..< pairs {
                let lo = UInt16(units[2 * k + (littleEndian ? 0 : 1)])
                let hi = UInt16(units[2 * k + (littleEndian ? 1 : 0)])
                appendUTF16(hi << 8 | lo, to: &output)
            }
            if units.count % 2 == 1 { pending = [units[units.count - 1]] }
            if final {
                if pendingHighSurrogate != nil { output.append(0xFF); pendingHighSurrogate = nil }
                if !pending.isEmpty { output.append(0xFF); pending = [] }
            }
        }
    }

    private mutating func appendUTF16(_ unit: UInt16, to output: inout [UInt8]) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00 ... 0xDFFF).contains(unit) {
                let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                output.append(UInt8(0xF0 | (scalar >> 18)))
                output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
                return
            }
            output.append(0xFF)  // a high surrogate not followed by a low one
        }
        switch unit {
        case 0 ..< 0x80:
            output.append(UInt8(unit))
        case 0x80 ..< 0x800:
            output.append(UInt8(0xC0 | (unit >> 6)))
            output.append(UInt8(0x80 | (unit & 0x3F)))
        case 0xD800 ... 0xDBFF:
            pendingHighSurrogate = unit
        case 0xDC00 ... 0xDFFF:
            output.append(0xFF)  // a low surrogate on its own
        default:
            output.append(UInt8(0xE0 | (unit >> 12)))
            output.append(UInt8(0x80 | ((unit >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (unit & 0x3F)))
        }
    }
}
