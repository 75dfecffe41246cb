import Foundation

/// An RFC 4180 reader that streams over bytes: quoted fields with embedded delimiters, doubled
/// quotes and line breaks; CRLF, LF and CR-only line endings; a UTF-8 or UTF-16 byte-order mark;
/// Excel's `sep=;` first line; title lines before the header (when the caller says what a header
/// looks like). The delimiter (`,` `;` tab or `|`) is taken from `sep=`, from the line that passes
/// the header test, or detected on the first line, where the most frequent of the four outside
/// quotes wins.
///
/// Blank records (no characters, or only spaces and delimiters) are skipped; those followed by
/// more data become warnings naming their lines, trailing ones are dropped silently.
///
/// Every byte is checked: invalid UTF-8, NUL and other control characters are errors naming the
/// line and column, and a record longer than ``maxRecordBytes`` stops the read (a binary file or
/// a missing closing quote) instead of exhausting memory.
///
/// Two ways to read: ``next()`` returns a ``CSVRecord`` of Strings; ``nextRecord()`` with
/// ``withFieldBytes(_:_:)`` leaves the bytes in place for parsers that need speed.
public struct CSVReader {
    public let file: String
    /// The field separator in use: `,` `;` or tab (as a byte).
    public internal(set) var delimiter: UInt8 = UInt8(ascii: ",")
    public var encoding: TextEncoding { source.encoding }
    /// Whether a `sep=` line chose the delimiter.
    public internal(set) var hadSeparatorLine = false
    public let maxRecordBytes: Int
    /// Accepted oddities, each naming its line: an encoding detected, title lines skipped, blank
    /// lines.
    public var warnings: [String] { source.notices + (titleWarning.map { [$0] } ?? []) + recordWarnings }
    private var recordWarnings: [String] = []
    var titleWarning: String? = nil
    /// How many title lines before the header were skipped.
    public internal(set) var titleLinesSkipped = 0

    var source: TextSource
    var buffer: [UInt8] = []
    var position = 0
    var exhausted = false

    var line = 1
    private var column = 1
    var lastWasCR = false
    var classes = [UInt8](repeating: 0, count: 256)
    /// Blank lines not yet known to be trailing: the first few line numbers and a count.
    private var pendingBlankLines: [Int] = []
    private var pendingBlankCount = 0
    private var reportedBlankLines = 0
    private var unreportedBlankLines = 0
    /// Blank lines named one by one in ``warnings``; the rest are counted.
    public static let blankLinesNamed = 5

    // The current record: the bytes of all fields back to back.
    private var bytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var fieldStarts: [CSVPosition] = []
    private var fieldWasQuoted: [Bool] = []
    private var recordEnd = CSVPosition(line: 1, column: 1)

    static let normal: UInt8 = 0, delimiterClass: UInt8 = 1, quote: UInt8 = 2, cr: UInt8 = 3,
        lf: UInt8 = 4, control: UInt8 = 5, high: UInt8 = 6

    /// Opens `path`. - Throws: ``CoreError/missingInput(path:reason:)`` or, for compressed and
    /// binary files, ``CoreError/badFile(path:_:)``.
    public init(
        path: String, encoding: DeclaredEncoding? = nil, maxRecordBytes: Int = 1 << 20,
        headerTest: (([String]) -> Bool)? = nil
    ) throws(CoreError) {
        try self.init(
            source: TextSource(path: path, declared: encoding), maxRecordBytes: maxRecordBytes, headerTest: headerTest)
    }

    public init(
        data: Data, name: String, encoding: DeclaredEncoding? = nil, maxRecordBytes: Int = 1 << 20,
        headerTest: (([String]) -> Bool)? = nil
    ) throws(CoreError) {
        try self.init(
            source: TextSource(data: data, name: name, declared: encoding), maxRecordBytes: maxRecordBytes,
            headerTest: headerTest)
    }

    /// - Parameter headerTest: says whether the fields of a line make the header; lines before
    ///   the first that does are skipped as title lines (at most ``maxTitleLines``).
    public init(source: TextSource, maxRecordBytes: Int = 1 << 20, headerTest: (([String]) -> Bool)? = nil)
        throws(CoreError)
    {
        self.source = source
        self.file = source.name
        self.maxRecordBytes = maxRecordBytes
        try chooseDelimiter(headerTest: headerTest)
    }

    // MARK: Reading records

    /// The next non-blank record as Strings, or nil at the end of the input.
    public mutating func next() throws(CoreError) -> CSVRecord? {
        guard try nextRecord() else { return nil }
        return CSVRecord(
            file: file, fields: (0..<fieldCount).map { field($0) },
            positions: fieldStarts, end: recordEnd)
    }

    /// Advances to the next non-blank record; false at the end of the input. The record's
    /// fields are then available through ``fieldCount``, ``field(_:)`` and ``withFieldBytes(_:_:)``.
    public mutating func nextRecord() throws(CoreError) -> Bool {
        while true {
            guard try scanRecord() else {
                pendingBlankLines = []
                pendingBlankCount = 0
                if unreportedBlankLines > 0 {
                    recordWarnings.append(
                        "\(file): \(unreportedBlankLines) more blank line\(unreportedBlankLines == 1 ? "" : "s") skipped"
                    )
                    unreportedBlankLines = 0
                }
                return false
            }
            if isBlankRecord {
                if pendingBlankLines.count < Self.blankLinesNamed { pendingBlankLines.append(fieldStarts[0].line) }
                pendingBlankCount += 1
                continue
            }
            // Name the first few; a file with thousands of them gets one line for the rest.
            for blank in pendingBlankLines where reportedBlankLines < Self.blankLinesNamed {
                recordWarnings.append("\(file):\(blank): blank line skipped")
                reportedBlankLines += 1
                pendingBlankCount -= 1
            }
            unreportedBlankLines += pendingBlankCount
            pendingBlankLines = []
            pendingBlankCount = 0
            return true
        }
    }

    /// Number of fields in the current record.
    public var fieldCount: Int { fieldEnds.count }

    /// Where field `index` of the current record starts.
    public func position(ofField index: Int) -> CSVPosition {
        index < fieldStarts.count ? fieldStarts[index] : recordEnd
    }

    /// Just past the last field of the current record.
    public var endOfRecord: CSVPosition { recordEnd }

    public func location(ofField index: Int) -> SourceLocation {
        let p = position(ofField: index)
        return SourceLocation(file: file, line: p.line, column: p.column)
    }

    /// Field `index` of the current record (already checked to be valid UTF-8).
    public func field(_ index: Int) -> String {
        let range = fieldRange(index)
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Calls `body` with the UTF-8 bytes of field `index` (valid UTF-8, quotes removed).
    public func withFieldBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let range = fieldRange(index)
        return bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[range]))
        }
    }

    // Typed readers of a field in place: a generic closure called from another module is not
    // specialised, and its caller copies the reader (a dozen reference counts) for every cell.

    /// Field `index` read by ``DecimalParser``.
    public func decimal(_ index: Int, allowDecimalComma: Bool) -> Result<Double, DecimalParser.Failure> {
        let range = fieldRange(index)
        return bytes.withUnsafeBufferPointer { all in
            DecimalParser.parse(UnsafeBufferPointer(rebasing: all[range]), allowDecimalComma: allowDecimalComma)
        }
    }

    /// Field `index` read by ``TimestampParser``.
    public func timestamp(_ index: Int) -> Result<ParsedTimestamp, TimestampError> {
        var days = TimestampParser.DayCache()
        return timestamp(index, days: &days)
    }

    /// Field `index` read by ``TimestampParser``, the last date's day number kept in `days`.
    public func timestamp(_ index: Int, days: inout TimestampParser.DayCache) -> Result<
        ParsedTimestamp, TimestampError
    > {
        let range = fieldRange(index)
        return bytes.withUnsafeBufferPointer { all in
            TimestampParser.parse(UnsafeBufferPointer(rebasing: all[range]), days: &days)
        }
    }

    /// Whether field `index` has no bytes at all.
    public func fieldIsEmpty(_ index: Int) -> Bool { fieldRange(index).isEmpty }

    /// Whether field `index` is `expected`, byte for byte.
    public func field(_ index: Int, equals expected: [UInt8]) -> Bool {
        let range = fieldRange(index)
        guard range.count == expected.count else { return false }
        return bytes[range].elementsEqual(expected)
    }

    /// The bytes of field `index`.
    public func fieldBytes(_ index: Int) -> [UInt8] { Array(bytes[fieldRange(index)]) }

    private func fieldRange(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]
    }

    private var isBlankRecord: Bool {
        // No field was quoted (a quoted empty field is content) and all bytes are spaces or tabs.
        for p in fieldStarts.indices where fieldWasQuoted[p] { return false }
        for b in bytes where b != 0x20 && b != 0x09 { return false }
        return true
    }

    // MARK: The scanner

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// Reads one record (possibly blank) into `bytes`/`fieldEnds`; false at the end of input.
    private mutating func scanRecord() throws(CoreError) -> Bool {
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        fieldStarts.removeAll(keepingCapacity: true)
        fieldWasQuoted.removeAll(keepingCapacity: true)
        var state = State.fieldStart
        var consumed = false
        var nonASCII = false
        var recordBytes = 0
        var quoteStart = CSVPosition(line: line, column: column)

        while true {
            if position >= buffer.count {
                buffer.removeAll(keepingCapacity: true)
                position = 0
                let more = exhausted ? false : try source.read(into: &buffer)
                if !more {
                    exhausted = true
                    if !consumed { return false }
                    if state == .quoted {
                        throw .badData(
                            SourceLocation(file: file, line: quoteStart.line, column: quoteStart.column),
                            "this quoted field is never closed; a closing \" is missing")
                    }
                    if fieldStarts.count == fieldEnds.count {
                        fieldStarts.append(CSVPosition(line: line, column: column))
                        fieldWasQuoted.append(false)
                    }
                    fieldEnds.append(bytes.count)
                    recordEnd = CSVPosition(line: line, column: column)
                    if nonASCII { try validateUTF8() }
                    return true
                }
            }
            let chunk = buffer
            let count = chunk.count
            var i = position
            var finished = false
            var failure: CoreError? = nil
            chunk.withUnsafeBufferPointer { p in
                while i < count {
                    let b = p[i]
                    let kind = classes[Int(b)]
                    if lastWasCR {
                        lastWasCR = false
                        if b == 0x0A {
                            // The LF of a CRLF: the line was already counted at the CR.
                            if state == .quoted { bytes.append(b) }
                            i += 1
                            continue
                        }
                    }
                    consumed = true
                    if state == .fieldStart && fieldStarts.count == fieldEnds.count {
                        fieldStarts.append(CSVPosition(line: line, column: column))
                        fieldWasQuoted.append(false)
                    }
                    i += 1
                    switch state {
                    case .unquoted, .fieldStart:
                        switch kind {
                        case Self.normal:
                            // The plain bytes that follow are copied as one run, as far as the
                            // record may still grow (the byte past the limit fails on its own).
                            var end = i
                            let limit = min(count, i + max(0, maxRecordBytes - recordBytes - 1))
                            while end < limit && classes[Int(p[end])] == Self.normal { end += 1 }
                            bytes.append(b)
                            if end > i {
                                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<end]))
                                recordBytes += end - i
                                column += end - i
                                i = end
                            }
                            state = .unquoted
                            column += 1
                        case Self.high:
                            bytes.append(b)
                            state = .unquoted
                            nonASCII = true
                            if b & 0xC0 != 0x80 { column += 1 }
                        case Self.delimiterClass:
                            fieldEnds.append(bytes.count)
                            state = .fieldStart
                            column += 1
                        case Self.quote:
                            if state == .fieldStart {
                                state = .quoted
                                fieldWasQuoted[fieldWasQuoted.count - 1] = true
                                quoteStart = CSVPosition(line: line, column: column)
                            } else {
                                bytes.append(b)  // a stray quote inside an unquoted field is kept as is
                            }
                            column += 1
                        case Self.cr, Self.lf:
                            fieldEnds.append(bytes.count)
                            recordEnd = CSVPosition(line: line, column: column)
                            line += 1
                            column = 1
                            lastWasCR = kind == Self.cr
                            finished = true
                        default:
                            failure = controlCharacter(b)
                        }
                    case .quoted:
                        switch kind {
                        case Self.quote:
                            state = .quoteInQuoted
                            column += 1
                        case Self.cr, Self.lf:
                            bytes.append(b)
                            line += 1
                            column = 1
                            lastWasCR = kind == Self.cr
                        case Self.high:
                            bytes.append(b)
                            nonASCII = true
                            if b & 0xC0 != 0x80 { column += 1 }
                        case Self.control:
                            failure = controlCharacter(b)
                        default:
                            bytes.append(b)
                            column += 1
                        }
                    case .quoteInQuoted:
                        switch kind {
                        case Self.quote:
                            bytes.append(b)
                            state = .quoted
                            column += 1
                        case Self.delimiterClass:
                            fieldEnds.append(bytes.count)
                            state = .fieldStart
                            column += 1
                        case Self.cr, Self.lf:
                            fieldEnds.append(bytes.count)
                            recordEnd = CSVPosition(line: line, column: column)
                            line += 1
                            column = 1
                            lastWasCR = kind == Self.cr
                            finished = true
                        default:
                            failure = .badData(
                                SourceLocation(file: file, line: line, column: column),
                                "a closing quote must be followed by the delimiter or the end of the line; "
                                    + "write a quote inside a quoted field as \"\"")
                        }
                    }
                    if finished || failure != nil { break }
                    recordBytes += 1
                    if recordBytes > maxRecordBytes {
                        failure = tooLong(quoted: state == .quoted, quoteStart: quoteStart)
                        break
                    }
                }
            }
            position = i
            if let failure { throw failure }
            if finished {
                if nonASCII { try validateUTF8() }
                return true
            }
        }
    }

    private func controlCharacter(_ b: UInt8) -> CoreError {
        let what = b == 0 ? "a NUL byte" : "the control character 0x" + hex(b)
        return .badData(
            SourceLocation(file: file, line: line, column: column),
            "\(what); this does not look like CSV text")
    }

    private func tooLong(quoted: Bool, quoteStart: CSVPosition) -> CoreError {
        let limit =
            maxRecordBytes >= 1 << 20 && maxRecordBytes % (1 << 20) == 0
            ? "\(maxRecordBytes >> 20) MiB" : "\(maxRecordBytes) bytes"
        if quoted {
            return .badData(
                SourceLocation(file: file, line: quoteStart.line, column: quoteStart.column),
                "this quoted field runs on for more than \(limit); is a closing \" missing?")
        }
        let start = fieldStarts.first ?? CSVPosition(line: line, column: 1)
        return .badData(
            SourceLocation(file: file, line: start.line, column: 1),
            "this line is longer than \(limit); is this really a CSV history file?")
    }

    /// Checks the current record's bytes are UTF-8, naming the line and column of the first bad byte.
    private func validateUTF8() throws(CoreError) {
        for index in 0..<fieldEnds.count {
            let range = fieldRange(index)
            if String(validating: bytes[range], as: UTF8.self) != nil { continue }
            // Walk the field to the first invalid sequence, counting lines and scalars.
            var p = fieldStarts[index]
            if fieldWasQuoted[index] { p.column += 1 }
            var k = range.lowerBound
            while k < range.upperBound {
                let b = bytes[k]
                let length =
                    b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0
                if length == 0 || k + length > range.upperBound
                    || String(validating: bytes[k..<k + length], as: UTF8.self) == nil
                {
                    throw .badData(
                        SourceLocation(file: file, line: p.line, column: p.column),
                        undecodableMessage(Array(bytes[k..<min(range.upperBound, k + 4)])))
                }
                if b == 0x0A || b == 0x0D {
                    if !(b == 0x0A && k > range.lowerBound && bytes[k - 1] == 0x0D) { p.line += 1 }
                    p.column = 1
                } else {
                    p.column += 1
                }
                k += length
            }
        }
    }

    private func hex(_ b: UInt8) -> String { hexByte(b) }

    /// Bytes that are not text in the file's encoding, with their byte offset in the file.
    private func undecodableMessage(_ decoded: [UInt8]) -> String {
        let first = source.firstUndecodable
        let raw = first.map(\.bytes).flatMap { $0.isEmpty ? nil : $0 } ?? decoded
        let shown = raw.map { "\\x" + hex($0) }.joined()
        let offset = first.map { " at byte offset \($0.offset)" } ?? ""
        switch source.encoding {
        case .utf8:
            return
                "bytes \(shown)\(offset) are not valid UTF-8 text; save the file as UTF-8 CSV, or declare its encoding (--encoding windows-1252)"
        case .windows1252:
            return
                "byte \(shown)\(offset) has no character in Windows-1252; is the file really Windows-1252? Declare its encoding with --encoding utf-8|utf-16|windows-1252"
        case .utf16LittleEndian, .utf16BigEndian:
            return
                "bytes \(shown)\(offset) are not valid \(source.encoding.rawValue) text (a broken surrogate pair or an odd byte count)"
        }
    }
}
