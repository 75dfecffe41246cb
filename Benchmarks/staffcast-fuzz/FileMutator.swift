import Foundation

/// The mutations of any input file that break no bound on purpose: bytes, lines, fields,
/// timestamps, names, header, delimiter, line endings and encoding. Each returns a one-line
/// description for the report.
enum FileMutator {
    static let interestingBytes: [[UInt8]] = [
        [0x00], [0x0A], [0x0D], [0x22], [0x2C], [0x3B], [0x09], [0xFF], [0xEF, 0xBB, 0xBF], [0xC3], [0xE2, 0x80, 0xAE],
        [0x1B], [0x27], [0x5C], [0x2E], [0x2D], [0x30], [0x39], [0x65],
    ]

    static func mutate(_ bytes: inout [UInt8], kind: InputKind, rng: inout FuzzRandom) -> String {
        if kind == .config, rng.chance(0.75), let text = JSONMutator.mutate(bytes, rng: &rng) {
            bytes = text.bytes
            return text.description
        }
        let roster = [.team, .requests, .previousRoster].contains(kind)
        if roster, rng.chance(0.35) { return RosterMutator.mutate(&bytes, kind: kind, rng: &rng) }
        let csvOnly = kind.isCSV
        // Structured mutations most of the time; raw bytes keep the reader honest.
        switch rng.below(csvOnly ? 20 : 8) {
        case 0:
            guard !bytes.isEmpty else { return "flip: empty" }
            let i = rng.below(bytes.count)
            let bit = rng.below(8)
            bytes[i] ^= UInt8(1 << bit)
            return "flip bit \(bit) of byte \(i)"
        case 1:
            let i = rng.below(bytes.count + 1)
            let insert = rng.pick(interestingBytes)
            bytes.insert(contentsOf: insert, at: i)
            return "insert \(insert.map { String(format: "%02X", $0) }.joined()) at byte \(i)"
        case 2:
            guard !bytes.isEmpty else { return "delete: empty" }
            let i = rng.below(bytes.count)
            let n = min(bytes.count - i, 1 + rng.below(64))
            bytes.removeSubrange(i..<i + n)
            return "delete \(n) bytes at \(i)"
        case 3:
            let i = rng.below(bytes.count + 1)
            bytes.removeSubrange(i...)
            return "truncate at byte \(i)"
        case 4:
            var table = TextTable(bytes)
            guard !table.lines.isEmpty else { return "duplicate: empty" }
            let i = rng.below(table.lines.count)
            let n = 1 + rng.below(rng.chance(0.1) ? 500 : 3)
            table.lines.insert(contentsOf: Array(repeating: table.lines[i], count: n), at: i)
            bytes = table.bytes
            return "duplicate line \(i + 1) \(n)×"
        case 5:
            var table = TextTable(bytes)
            guard table.lines.count > 1 else { return "swap: one line" }
            let i = rng.below(table.lines.count)
            let j = rng.below(table.lines.count)
            table.lines.swapAt(i, j)
            bytes = table.bytes
            return "swap lines \(i + 1) and \(j + 1)"
        case 6:
            var table = TextTable(bytes)
            guard !table.lines.isEmpty else { return "delete line: empty" }
            let i = rng.below(table.lines.count)
            let n = min(table.lines.count - i, 1 + rng.below(rng.chance(0.2) ? 200 : 2))
            table.lines.removeSubrange(i..<i + n)
            bytes = table.bytes
            return "delete lines \(i + 1)…\(i + n)"
        case 7:
            return encoding(&bytes, rng: &rng)
        case 8, 9, 10:
            return field(&bytes, rng: &rng, values: Extremes.numbers, label: "number")
        case 11, 12:
            // The roster's files have no timestamp column but the previous roster's times.
            return roster ? RosterMutator.mutate(&bytes, kind: kind, rng: &rng) : timestamp(&bytes, rng: &rng)
        case 13:
            return name(&bytes, rng: &rng)
        case 14:
            return header(&bytes, rng: &rng)
        case 15:
            return delimiter(&bytes, rng: &rng)
        case 16:
            return lineEndings(&bytes, rng: &rng)
        case 17:
            return column(&bytes, rng: &rng)
        case 18:
            return quoting(&bytes, rng: &rng)
        default:
            var table = TextTable(bytes)
            let keep = rng.chance(0.5) ? 1 : 0
            table.lines = Array(table.lines.prefix(keep))
            bytes = table.bytes
            return keep == 1 ? "header only" : "empty file"
        }
    }

    /// A data row's field (not the header) replaced by one of `values`.
    static func field(
        _ bytes: inout [UInt8], rng: inout FuzzRandom, values: [String], label: String, column: Int? = nil
    ) -> String {
        var table = TextTable(bytes)
        let lines = table.dataLines
        guard !lines.isEmpty else { return "\(label): no rows" }
        let line = rng.pick(lines)
        var fields = table.fields(line)
        let c = column ?? rng.below(fields.count)
        let value = rng.pick(values)
        fields[c] = value
        table.setFields(line, fields)
        bytes = table.bytes
        return "line \(line + 1) field \(c + 1) = \(shown(value))"
    }

    static func timestamp(_ bytes: inout [UInt8], rng: inout FuzzRandom) -> String {
        var table = TextTable(bytes)
        guard let c = table.column(["timestamp", "start", "end"]) ?? (table.header.isEmpty ? nil : 0),
            !table.dataLines.isEmpty
        else { return "timestamp: no rows" }
        let line = rng.pick(table.dataLines)
        var fields = table.fields(line)
        guard var stamp = WallTimestamp(fields[c]) else { return "timestamp: unreadable" }
        let what: String
        switch rng.below(8) {
        case 0:
            let shift = rng.pick([1, 7, 61, 150, 299, 420, 900, -1, -900, 86_400, -86_400 * 7, 3600])
            stamp.seconds += Int64(shift)
            what = "moved \(shift) s"
        case 1:
            let year = rng.pick([1969, 1900, 1970, 2100, 2101, 9999, 0, 1])
            stamp.seconds = WallTimestamp.daysFromCivil(year, 3, 10) * 86_400 + stamp.seconds % 86_400
            what = "year \(year)"
        case 2:
            stamp.separator = stamp.separator == "T" ? " " : "T"
            what = "separator"
        case 3:
            stamp.hasSeconds.toggle()
            what = "seconds toggled"
        case 4:
            stamp.suffix = rng.pick([
                "", "Z", "+01:00", "+0100", "+14:00", "-12:00", "+25:00", "-04:00", "+05:45", " ", "z",
            ])
            what = "offset \(shown(stamp.suffix))"
        case 5:
            let text = rng.pick([
                "2003-02-29T07:00:00", "2003-13-01T07:00:00", "2003-04-32T07:00:00", "2003-04-08T24:00:00",
                "2003-04-08T23:60:00", "2003-04-08T23:59:60", "2003-3-8T7:00", "20030408T070000",
                "2003-04-08T07:00:00.5",
            ])
            fields[c] = text
            table.setFields(line, fields)
            bytes = table.bytes
            return "line \(line + 1) timestamp \(text)"
        case 6:
            // DST: the hour that does not exist, the hour that happens twice (Europe and the US).
            let text = rng.pick([
                "2003-03-30T02:30:00", "2003-10-26T02:30:00", "2003-04-06T02:30:00", "2003-10-26T01:30:00",
            ])
            fields[c] = text
            table.setFields(line, fields)
            bytes = table.bytes
            return "line \(line + 1) timestamp \(text) (DST)"
        default:
            fields[c] = fields[c] + rng.pick(["x", " ", "Z", "+00:00", ".000", "\u{0}"])
            table.setFields(line, fields)
            bytes = table.bytes
            return "line \(line + 1) timestamp with trailing text"
        }
        fields[c] = stamp.text
        table.setFields(line, fields)
        bytes = table.bytes
        return "line \(line + 1) timestamp \(what) → \(fields[c])"
    }

    static func name(_ bytes: inout [UInt8], rng: inout FuzzRandom) -> String {
        let table = TextTable(bytes)
        let column = table.column(["channel", "name"]) ?? table.column(["calls"])
        if column == nil, !table.lines.isEmpty {  // a single series: the channel is the header's name
            var t = table
            var header = t.header
            header[header.count - 1] = rng.pick(Extremes.names)
            t.setFields(0, header)
            bytes = t.bytes
            return "value column named \(shown(header[header.count - 1]))"
        }
        return field(&bytes, rng: &rng, values: Extremes.names, label: "name", column: column)
    }

    static func header(_ bytes: inout [UInt8], rng: inout FuzzRandom) -> String {
        var table = TextTable(bytes)
        guard !table.lines.isEmpty else { return "header: empty" }
        var header = table.header
        let c = rng.below(header.count)
        switch rng.below(5) {
        case 0: header[c] = header[c].uppercased()
        case 1: header[c] = header[(c + 1) % header.count]
        case 2: header[c] = header[c] + "_x"
        case 3: header[c] = " " + header[c] + " "
        default: header.swapAt(c, (c + 1) % header.count)
        }
        table.setFields(0, header)
        bytes = table.bytes
        return "header → \(shown(table.lines[0]))"
    }

    static func delimiter(_ bytes: inout [UInt8], rng: inout FuzzRandom) -> String {
        let table = TextTable(bytes)
        let to: Character = rng.pick([";", "\t", "|", ","].filter { $0 != table.delimiter })
        var text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(
            of: String(table.delimiter), with: String(to))
        if rng.chance(0.5) { text = text.replacingOccurrences(of: ".", with: ",") }
        bytes = Array(text.utf8)
        return "delimiter \(shown(String(table.delimiter))) → \(shown(String(to)))"
    }

    static func lineEndings(_ bytes: inout [UInt8], rng: inout FuzzRandom) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        switch rng.below(4) {
        case 0:
            text = text.replacingOccurrences(of: "\n", with: "\r\n")
            bytes = Array(text.utf8)
            return "CRLF"
        case 1:
            text = text.replacingOccurrences(of: "\n", with: "\r")
            bytes = Array(text.utf8)
            return "CR only"
        case 2:
            while bytes.last == 0x0A { bytes.removeLast() }
            return "no final newline"
        default:
            text = text.replacingOccurrences(of: "\n", with: "\n\n")
            bytes = Array(text.utf8)
            return "blank lines"
        }
    }

    static func encoding(_ bytes: inout [UInt8], rng: inout FuzzRandom) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        switch rng.below(4) {
        case 0:
            bytes = [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            return "UTF-16LE with BOM"
        case 1:
            bytes = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            return "UTF-16BE without BOM"
        case 2:
            bytes = [0xEF, 0xBB, 0xBF] + bytes
            return "UTF-8 BOM"
        default:
            // Windows-1252 bytes where UTF-8 is expected: é as 0xE9.
            bytes = Array(text.replacingOccurrences(of: "a", with: "á").utf8).flatMap {
                $0 == 0xC3 ? [] as [UInt8] : [$0 == 0xA1 ? 0xE1 : $0]
            }
            return "Latin-1 bytes"
        }
    }

    static func column(_ bytes: inout [UInt8], rng: inout FuzzRandom) -> String {
        var table = TextTable(bytes)
        guard !table.lines.isEmpty else { return "column: empty" }
        let width = table.header.count
        let c = rng.below(width)
        let drop = rng.chance(0.5)
        for i in table.lines.indices {
            var f = table.fields(i)
            if drop {
                if c < f.count { f.remove(at: c) }
            } else {
                f.insert(i == 0 ? "extra" : "1", at: min(c, f.count))
            }
            table.setFields(i, f)
        }
        bytes = table.bytes
        return drop ? "drop column \(c + 1)" : "extra column at \(c + 1)"
    }

    static func quoting(_ bytes: inout [UInt8], rng: inout FuzzRandom) -> String {
        var table = TextTable(bytes)
        guard let line = table.dataLines.isEmpty ? nil : rng.pick(table.dataLines) else { return "quote: no rows" }
        var f = table.fields(line)
        let c = rng.below(f.count)
        switch rng.below(3) {
        case 0: f[c] = "\"" + f[c] + "\""
        case 1: f[c] = "\"" + f[c]
        default: f[c] = "\"" + f[c] + String(table.delimiter) + "\n" + f[c] + "\""
        }
        table.setFields(line, f)
        bytes = table.bytes
        return "line \(line + 1) field \(c + 1) quoted as \(shown(f[c]))"
    }

    static func shown(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars.prefix(60) {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x200B...0x206F).contains(scalar.value) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return "'" + out + (s.unicodeScalars.count > 60 ? "…(\(s.unicodeScalars.count))" : "") + "'"
    }
}
