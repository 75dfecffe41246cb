extension CSVReader {
    /// Chooses the delimiter from a `sep=` first line (skipping it) or from the header line,
    /// and builds the byte classes the scanner works with.
    mutating func chooseDelimiter() throws(CoreError) {
        // Load the first two lines (a `sep=` line and the header) into the buffer.
        var lineEnds = 0
        var scanned = 0
        var inQuotes = false
        while lineEnds < 2 && !exhausted && buffer.count < 2 * maxRecordBytes {
            if !(try source.read(into: &buffer)) { exhausted = true }
            while scanned < buffer.count && lineEnds < 2 {
                let b = buffer[scanned]
                if b == 0x22 { inQuotes.toggle() } else if !inQuotes && (b == 0x0A || b == 0x0D) { lineEnds += 1 }
                scanned += 1
            }
        }
        func lineRange(from start: Int) -> Range<Int> {
            var end = start
            var quoted = false
            while end < buffer.count {
                let b = buffer[end]
                if b == 0x22 { quoted.toggle() } else if !quoted && (b == 0x0A || b == 0x0D) { break }
                end += 1
            }
            return start ..< end
        }
        let first = lineRange(from: 0)
        let firstLine = buffer[first]
        if firstLine.count >= 5,
           String(decoding: firstLine.prefix(4), as: UTF8.self).lowercased() == "sep=" {
            let rest = firstLine.dropFirst(4).filter { $0 != 0x20 && $0 != 0x22 }
            if rest.count == 1, let separator = rest.first, separator < 0x80, separator != 0x22 {
                delimiter = separator
                hadSeparatorLine = true
                // Skip the `sep=` line and its line ending.
                position = first.upperBound
                if position < buffer.count && buffer[position] == 0x0D { position += 1; lastWasCR = true }
                if position < buffer.count && buffer[position] == 0x0A { position += 1; lastWasCR = false }
                line = 2
            }
        }
        if !hadSeparatorLine {
            var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
            var quoted = false
            for b in firstLine {
                if b == 0x22 { quoted.toggle() } else if !quoted, counts[b] != nil { counts[b]! += 1 }
            }
            // Ties go to the comma, then the semicolon.
            for candidate in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09] where counts[candidate]! > counts[delimiter]! {
                delimiter = candidate
            }
        }
        for b in 0 ..< 256 {
            let byte = UInt8(b)
            switch byte {
            case delimiter: classes[b] = Self.delimiterClass
            case 0x22: classes[b] = Self.quote
            case 0x0D: classes[b] = Self.cr
            case 0x0A: classes[b] = Self.lf
            case 0x09: classes[b] = Self.normal
            case 0x00 ..< 0x20: classes[b] = Self.control
            case 0x80...: classes[b] = Self.high
            default: classes[b] = Self.normal
            }
        }
    }
}
