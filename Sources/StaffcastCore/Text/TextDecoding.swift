import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The text encodings a history export arrives in. Excel's "CSV UTF-8" writes a byte-order
/// mark; its "Unicode Text" writes UTF-16 little-endian with a BOM and tabs; older Excel and many
/// Windows tools write Windows-1252 ("ANSI").
public enum TextEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case windows1252 = "Windows-1252"
}

/// The encoding a planner declares (`--encoding`, config `"encoding"`).
public enum DeclaredEncoding: String, Sendable, Equatable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case windows1252 = "windows-1252"
}

/// Reads a text input chunk by chunk and hands out UTF-8 bytes, so a large file never sits in
/// memory twice.
///
/// The encoding is declared, or detected from the first bytes (byte-order mark, or the zero bytes
/// of UTF-16 without one); a file that is not valid UTF-8 and showed no UTF-8 before its first
/// invalid byte is read as Windows-1252 with a notice naming that byte. Compressed and binary
/// files are turned away with a message saying what to do.
///
/// Bytes that cannot be decoded (a lone UTF-16 surrogate, an odd byte count, one of the five
/// bytes Windows-1252 leaves undefined, invalid UTF-8 in a file declared or shown to be UTF-8)
/// reach the CSV reader as invalid UTF-8, which reports their line and column; the byte offset of
/// the first one in the file is ``firstUndecodable``.
///
/// A named pipe (FIFO) without a writer does not block for ever: when nothing has the pipe open
/// for writing, the source waits ``fifoWriterWaitSeconds`` for a writer and then fails; a pipe
/// that has a writer is read like any pipe.
public struct TextSource {
    private enum Origin {
        case file(Int32)
        case memory(Data, offset: Int)
        case closed
    }

    /// How long to wait for a writer on a FIFO that has none when it is opened (10 s by default).
    public let fifoWriterWaitSeconds: Int

    /// The file name used in messages.
    public let name: String
    public private(set) var encoding: TextEncoding = .utf8
    public let declared: DeclaredEncoding?
    /// Whether the input started with a byte-order mark.
    public private(set) var hadByteOrderMark = false
    /// Accepted oddities (an encoding detected rather than declared).
    public private(set) var notices: [String] = []
    /// The first byte that could not be decoded: its offset from the start of the file and the
    /// raw bytes there.
    public private(set) var firstUndecodable: (offset: Int, bytes: [UInt8])? = nil

    private var origin: Origin
    private let chunkSize: Int
    private var raw: [UInt8] = []
    private var readBuffer: [UInt8] = []
    /// Bytes read but not yet decoded (an odd UTF-16 byte, an incomplete UTF-8 sequence, or the
    /// start of the input).
    private var pending: [UInt8] = []
    private var pendingHighSurrogate: UInt16? = nil
    private var started = false
    /// The file offset of `raw[0]`, and of the next byte to be read (for byte offsets in messages).
    private var rawStart = 0
    private var nextOffset = 0
    /// Whether valid non-ASCII UTF-8 has been seen (then an invalid byte is an error, not a hint
    /// of Windows-1252).
    private var sawUTF8 = false

    /// Opens `path` for reading.
    /// - Throws: ``CoreError/missingInput(path:reason:)`` when the file is missing, unreadable
    ///   or a directory.
    public init(
        path: String, declared: DeclaredEncoding? = nil, chunkSize: Int = 1 << 20, fifoWriterWaitSeconds: Int = 10
    ) throws(CoreError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            throw .missingInput(path: path, reason: code == ENOENT ? "no such file" : String(cString: strerror(code)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw .missingInput(path: path, reason: "is a directory, not a file")
        }
        let isFIFO = (status.st_mode & S_IFMT) == S_IFIFO
        var descriptor: Int32
        if isFIFO {
            // A pipe nobody writes to cannot hang the run.
            let opened = try FIFOInput.open(path, name: path, waitSeconds: fifoWriterWaitSeconds)
            descriptor = opened.descriptor
            pending = opened.prefix
            nextOffset = opened.prefix.count
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw .missingInput(path: path, reason: String(cString: strerror(errno)))
            }
        }
        self.name = path
        self.declared = declared
        self.fifoWriterWaitSeconds = fifoWriterWaitSeconds
        self.origin = .file(descriptor)
        self.chunkSize = max(16, chunkSize)
    }

    /// Reads from bytes already in memory; `name` appears in messages.
    public init(data: Data, name: String, declared: DeclaredEncoding? = nil, chunkSize: Int = 1 << 20) {
        self.name = name
        self.declared = declared
        self.fifoWriterWaitSeconds = 0
        self.origin = .memory(data, offset: 0)
        self.chunkSize = max(16, chunkSize)
    }

    /// Closes the file early (reading to the end closes it too).
    public mutating func close() {
        if case .file(let descriptor) = origin { _ = Glibc.close(descriptor) }
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
                rawStart = 0
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

    // MARK: Reading

    /// Reads the next raw chunk into `raw`; false once the input is exhausted.
    private mutating func readRaw() throws(CoreError) -> Bool {
        raw.removeAll(keepingCapacity: true)
        rawStart = nextOffset
        switch origin {
        case .closed:
            return false
        case .memory(let data, let offset):
            guard offset < data.count else {
                origin = .closed
                return false
            }
            let end = min(data.count, offset + chunkSize)
            let start = data.startIndex + offset
            raw.append(contentsOf: data[start..<data.startIndex + end])
            origin = .memory(data, offset: end)
            nextOffset += end - offset
            return true
        case .file(let descriptor):
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
            if count == 0 {
                close()
                return false
            }
            raw.append(contentsOf: readBuffer[0..<count])
            nextOffset += count
            return true
        }
    }

    // MARK: Encodings

    private mutating func detectEncoding() throws(CoreError) {
        let b = raw
        func starts(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && Array(b[0..<prefix.count]) == prefix }
        if starts([0x1F, 0x8B]) {
            throw .badFile(path: name, "file is gzip-compressed; decompress it first: gunzip -k \(name)")
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            throw .badFile(
                path: name, "file is a ZIP archive (an Excel .xlsx workbook?), not CSV text; save it as CSV first")
        }
        if starts([0xFF, 0xFE, 0x00, 0x00]) || starts([0x00, 0x00, 0xFE, 0xFF]) {
            throw .badFile(path: name, "file is UTF-32 text; save it as UTF-8 (or UTF-16) CSV")
        }
        var bom: (TextEncoding, Int)? = nil
        if starts([0xEF, 0xBB, 0xBF]) {
            bom = (.utf8, 3)
        } else if starts([0xFF, 0xFE]) {
            bom = (.utf16LittleEndian, 2)
        } else if starts([0xFE, 0xFF]) {
            bom = (.utf16BigEndian, 2)
        }
        let zeroesLookLE = b.count >= 2 && b[0] != 0 && b[0] < 0x80 && b[1] == 0
        let zeroesLookBE = b.count >= 2 && b[0] == 0 && b[1] != 0 && b[1] < 0x80
        if let (found, length) = bom {
            if let declared, !(declared == .utf8 && found == .utf8) && !(declared == .utf16 && found != .utf8) {
                throw .badFile(
                    path: name,
                    "starts with a \(found == .utf8 ? "UTF-8" : "UTF-16") byte-order mark, but --encoding \(declared.rawValue) was declared; leave --encoding out (the mark says what the file is)"
                )
            }
            encoding = found
            hadByteOrderMark = true
            raw.removeFirst(length)
            rawStart += length
            return
        }
        switch declared {
        case .utf8?:
            encoding = .utf8
        case .windows1252?:
            encoding = .windows1252
        case .utf16?:
            encoding = zeroesLookBE ? .utf16BigEndian : .utf16LittleEndian
        case nil:
            // ASCII text in UTF-16 without a byte-order mark: every other byte is zero.
            if zeroesLookLE { encoding = .utf16LittleEndian } else if zeroesLookBE { encoding = .utf16BigEndian }
        }
    }

    /// Decodes `raw` (plus any carried-over bytes) into UTF-8.
    private mutating func decode(into output: inout [UInt8], final: Bool) {
        switch encoding {
        case .utf8:
            var units = pending
            pending = []
            let base = rawStart - units.count
            units.append(contentsOf: raw)
            appendUTF8(units, base: base, into: &output, final: final)
        case .windows1252:
            let base = rawStart - pending.count
            var units = pending
            pending = []
            units.append(contentsOf: raw)
            appendWindows1252(units, from: 0, base: base, into: &output)
        case .utf16LittleEndian, .utf16BigEndian:
            var units = pending
            pending = []
            let base = rawStart - units.count
            units.append(contentsOf: raw)
            let littleEndian = encoding == .utf16LittleEndian
            let pairs = units.count / 2
            output.reserveCapacity(output.count + units.count)
            for k in 0..<pairs {
                let lo = UInt16(units[2 * k + (littleEndian ? 0 : 1)])
                let hi = UInt16(units[2 * k + (littleEndian ? 1 : 0)])
                if !appendUTF16(hi << 8 | lo, to: &output) {
                    noteUndecodable(at: base + 2 * k, Array(units[2 * k..<2 * k + 2]))
                }
            }
            if units.count % 2 == 1 { pending = [units[units.count - 1]] }
            if final {
                if pendingHighSurrogate != nil {
                    output.append(0xFF)
                    pendingHighSurrogate = nil
                    noteUndecodable(at: base + units.count - units.count % 2 - 2, [])
                }
                if !pending.isEmpty {
                    output.append(0xFF)
                    noteUndecodable(at: base + units.count - 1, pending)
                    pending = []
                }
            }
        }
        raw.removeAll(keepingCapacity: true)
    }

    private mutating func noteUndecodable(at offset: Int, _ bytes: [UInt8]) {
        if firstUndecodable == nil { firstUndecodable = (offset, bytes) }
    }

    /// Passes UTF-8 through after checking it. An incomplete sequence at the end of a chunk waits
    /// for the next one. At the first invalid byte of an undeclared file that showed only ASCII so
    /// far, the rest is read as Windows-1252 (ASCII reads the same in both).
    private mutating func appendUTF8(_ units: [UInt8], base: Int, into output: inout [UInt8], final: Bool) {
        let scan = UTF8Check.scan(units)
        if scan.sawMultibyte { sawUTF8 = true }
        switch scan.result {
        case .valid:
            output.append(contentsOf: units)
        case .incomplete(let at):
            if final {
                output.append(contentsOf: units)  // the CSV reader reports the cut-off sequence
                noteUndecodable(at: base + at, Array(units[at...]))
            } else {
                output.append(contentsOf: units[..<at])
                pending = Array(units[at...])
            }
        case .invalid(let at):
            if declared == nil && !sawUTF8 && !scan.sawMultibyte {
                encoding = .windows1252
                let shown = units[at..<min(units.count, at + 1)].map { "0x" + hexByte($0) }.joined()
                notices.append(
                    "\(name): not UTF-8 (byte \(shown) at byte offset \(base + at) is not valid UTF-8 and nothing before it was UTF-8); read as Windows-1252 — declare the encoding with --encoding windows-1252 (or utf-8) to be sure"
                )
                output.append(contentsOf: units[..<at])
                appendWindows1252(units, from: at, base: base, into: &output)
            } else {
                noteUndecodable(at: base + at, [units[at]])
                output.append(contentsOf: units)
            }
        }
    }

    private mutating func appendWindows1252(_ units: [UInt8], from start: Int, base: Int, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + units.count - start)
        for k in start..<units.count {
            let b = units[k]
            if b < 0x80 {
                output.append(b)
                continue
            }
            let scalar: UInt32
            if b < 0xA0 {
                let mapped = Windows1252.high[Int(b - 0x80)]
                if mapped == 0 {
                    output.append(0xFF)
                    noteUndecodable(at: base + k, [b])
                    continue
                }
                scalar = UInt32(mapped)
            } else {
                scalar = UInt32(b)
            }
            if scalar < 0x800 {
                output.append(UInt8(0xC0 | (scalar >> 6)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                output.append(UInt8(0xE0 | (scalar >> 12)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
    }

    /// Appends one UTF-16 code unit; false when it cannot be decoded (a marker byte 0xFF was
    /// written instead).
    private mutating func appendUTF16(_ unit: UInt16, to output: inout [UInt8]) -> Bool {
        var decodable = true
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                output.append(UInt8(0xF0 | (scalar >> 18)))
                output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
                return true
            }
            output.append(0xFF)  // a high surrogate not followed by a low one
            decodable = false
        }
        switch unit {
        case 0..<0x80:
            output.append(UInt8(unit))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (unit >> 6)))
            output.append(UInt8(0x80 | (unit & 0x3F)))
        case 0xD800...0xDBFF:
            pendingHighSurrogate = unit
        case 0xDC00...0xDFFF:
            output.append(0xFF)  // a low surrogate on its own
            return false
        default:
            output.append(UInt8(0xE0 | (unit >> 12)))
            output.append(UInt8(0x80 | ((unit >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (unit & 0x3F)))
        }
        return decodable
    }
}

func hexByte(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
}

/// The bytes 0x80–0x9F of Windows-1252 (the WHATWG encoding standard's index, which agrees with
/// Microsoft's code page 1252); 0 where the code page defines no character (0x81, 0x8D, 0x8F,
/// 0x90, 0x9D). Bytes 0xA0–0xFF are U+00A0–U+00FF.
enum Windows1252 {
    static let high: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]
}

/// Finds the first invalid UTF-8 sequence (Unicode 15, table 3-7: no overlong forms, no
/// surrogates, nothing above U+10FFFF).
enum UTF8Check {
    enum Result: Equatable {
        case valid
        case incomplete(at: Int)
        case invalid(at: Int)
    }

    static func scan(_ units: [UInt8]) -> (result: Result, sawMultibyte: Bool) {
        units.withUnsafeBufferPointer { p in
            let n = p.count
            var i = 0
            var multibyte = false
            while i < n {
                // Eight ASCII bytes at a time.
                if i + 8 <= n, let base = p.baseAddress {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                }
                let b = p[i]
                if b < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80
                var high: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: length = 2
                case 0xE0:
                    length = 3
                    low = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: length = 3
                case 0xED:
                    length = 3
                    high = 0x9F
                case 0xF0:
                    length = 4
                    low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4:
                    length = 4
                    high = 0x8F
                default: return (.invalid(at: i), multibyte)
                }
                for k in 1..<length {
                    guard i + k < n else { return (.incomplete(at: i), multibyte) }
                    let c = p[i + k]
                    let (lo, hi) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                    if c < lo || c > hi { return (.invalid(at: i), multibyte) }
                }
                multibyte = true
                i += length
            }
            return (.valid, multibyte)
        }
    }
}
