extension CSVReader {
    /// The field separators the reader recognises, in the order ties are broken.
    static let delimiterCandidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
    /// How many lines before the header may be title lines (a report name, the date range).
    static let maxTitleLines = 30

    /// Chooses the delimiter and the header line, and builds the byte classes the scanner works
    /// with.
    ///
    /// A `sep=` first line chooses the delimiter (and is skipped). With `headerTest`, the first of
    /// the first ``maxTitleLines`` lines that `headerTest` accepts, split by one of `,` `;` tab `|`,
    /// is the header; lines before it are title lines, skipped with a warning. Otherwise (or when
    /// no line passes) the header is the first line and its delimiter is the most frequent of the
    /// four outside quotes.
    mutating func chooseDelimiter(headerTest: (([String]) -> Bool)?) throws(CoreError) {
        // Load the first lines into the buffer.
        let wanted = headerTest == nil ? 2 : Self.maxTitleLines + 2
        var lineEnds = 0
        var scanned = 0
        var inQuotes = false
        var previousCR = false
        while lineEnds < wanted && !exhausted && buffer.count < 2 * maxRecordBytes {
            if !(try source.read(into: &buffer)) { exhausted = true }
            while scanned < buffer.count && lineEnds < wanted {
                let b = buffer[scanned]
                if b == 0x22 {
                    inQuotes.toggle()
                } else if !inQuotes && (b == 0x0D || (b == 0x0A && !previousCR)) {
                    lineEnds += 1
                }
                previousCR = b == 0x0D
                scanned += 1
            }
        }
        let lines = lineRanges(limit: wanted)
        guard let first = lines.first else {
            buildClasses()
            return
        }
        var start = 0  // index in `lines` of the header
        let firstLine = buffer[first]
        if firstLine.count >= 5,
            String(decoding: firstLine.prefix(4), as: UTF8.self).lowercased() == "sep="
        {
            let rest = firstLine.dropFirst(4).filter { $0 != 0x20 && $0 != 0x22 }
            if rest.count == 1, let separator = rest.first, separator < 0x80, separator != 0x22 {
                delimiter = separator
                hadSeparatorLine = true
                start = 1
            }
        }
        var chosen: Int? = nil
        if let headerTest {
            search: for k in start..<lines.count {
                let line = Array(buffer[lines[k]])
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                for candidate in hadSeparatorLine ? [delimiter] : Self.delimiterCandidates {
                    if headerTest(Self.split(line, by: candidate)) {
                        delimiter = candidate
                        chosen = k
                        break search
                    }
                }
            }
        }
        let headerIndex = chosen ?? start
        if chosen == nil && !hadSeparatorLine, headerIndex < lines.count {
            delimiter = Self.mostFrequentDelimiter(in: Array(buffer[lines[headerIndex]]))
        }
        if headerIndex > 0, headerIndex < lines.count {
            // Skip the `sep=` line and any title lines: the scanner starts at the header.
            let firstTitle = start
            let titles = (firstTitle..<headerIndex).map { String(decoding: buffer[lines[$0]], as: UTF8.self) }
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            position = lines[headerIndex].lowerBound
            line = headerIndex + 1
            lastWasCR = false  // the ranges end before a line break and skip all of it
            if headerIndex > firstTitle {
                let shown = titles.prefix(2).map { "'" + String($0.prefix(60)) + ($0.count > 60 ? "…" : "") + "'" }
                    .joined(separator: ", ")
                let range =
                    headerIndex - firstTitle == 1 ? "line \(firstTitle + 1)" : "lines \(firstTitle + 1)–\(headerIndex)"
                titleWarning =
                    "\(file): \(range) before the header skipped as title lines\(shown.isEmpty ? "" : " (\(shown))")"
                titleLinesSkipped = headerIndex - firstTitle
            }
        }
        buildClasses()
    }

    /// The byte ranges of the first `limit` lines in the buffer (quotes may span line breaks).
    private func lineRanges(limit: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var end = 0
        var quoted = false
        while end < buffer.count && ranges.count < limit {
            let b = buffer[end]
            if b == 0x22 {
                quoted.toggle()
            } else if !quoted && (b == 0x0A || b == 0x0D) {
                ranges.append(start..<end)
                if b == 0x0D && end + 1 < buffer.count && buffer[end + 1] == 0x0A { end += 1 }
                start = end + 1
            }
            end += 1
        }
        if ranges.count < limit && start < buffer.count { ranges.append(start..<buffer.count) }
        return ranges
    }

    /// The fields of one line split by `delimiter` (quotes removed, spaces trimmed).
    static func split(_ line: [UInt8], by delimiter: UInt8) -> [String] {
        var fields: [String] = []
        var current: [UInt8] = []
        var quoted = false
        var i = 0
        while i < line.count {
            let b = line[i]
            if b == 0x22 {
                if quoted && i + 1 < line.count && line[i + 1] == 0x22 {
                    current.append(b)
                    i += 1
                } else {
                    quoted.toggle()
                }
            } else if b == delimiter && !quoted {
                fields.append(String(decoding: current, as: UTF8.self).trimmingCharacters(in: .whitespaces))
                current = []
            } else {
                current.append(b)
            }
            i += 1
        }
        fields.append(String(decoding: current, as: UTF8.self).trimmingCharacters(in: .whitespaces))
        return fields
    }

    /// The candidate that occurs most often outside quotes; ties go to the earlier candidate.
    static func mostFrequentDelimiter(in line: [UInt8]) -> UInt8 {
        var counts = [Int](repeating: 0, count: delimiterCandidates.count)
        var quoted = false
        for b in line {
            if b == 0x22 {
                quoted.toggle()
                continue
            }
            guard !quoted, let k = delimiterCandidates.firstIndex(of: b) else { continue }
            counts[k] += 1
        }
        var best = 0
        for k in 1..<counts.count where counts[k] > counts[best] { best = k }
        return delimiterCandidates[best]
    }

    private mutating func buildClasses() {
        for b in 0..<256 {
            let byte = UInt8(b)
            switch byte {
            case delimiter: classes[b] = Self.delimiterClass
            case 0x22: classes[b] = Self.quote
            case 0x0D: classes[b] = Self.cr
            case 0x0A: classes[b] = Self.lf
            case 0x09: classes[b] = Self.normal
            case 0x00..<0x20: classes[b] = Self.control
            case 0x80...: classes[b] = Self.high
            default: classes[b] = Self.normal
            }
        }
    }
}
