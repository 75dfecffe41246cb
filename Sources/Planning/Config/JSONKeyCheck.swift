import Foundation
import StaffcastCore

/// Checks a config's JSON text for what `JSONSerialization` lets pass silently: a key given twice
/// in one object (the last would win), and control characters in keys or strings (they would
/// reach CSV cells, the HTML report and the terminal).
enum JSONKeyCheck {
    struct Problem: Equatable {
        /// Where, as a key path (`channels.calls.aht_seconds`, `scenarios[1].name`).
        var keyPath: String
        var message: String
    }

    /// The first problem in `data`, if any. `data` must already be valid JSON.
    static func firstProblem(in data: Data) -> Problem? {
        var scanner = Scanner(bytes: [UInt8](data))
        return scanner.value(path: "")
    }

    /// A control character a name or text must not carry (`NameCheck.isForbidden`: controls,
    /// bidirectional overrides and isolates that make text display other than it reads).
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool { NameCheck.isForbidden(scalar) }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        /// Scans one value at `path`; returns the first problem inside it.
        mutating func value(path: String) -> Problem? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var seen = Set<String>()
                while true {
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: "}") {
                        i += 1
                        return nil
                    }
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue
                    }
                    guard bytes[i] == UInt8(ascii: "\"") else { return nil }
                    let key = string()
                    let keyPath = path.isEmpty ? key : path + "." + key
                    if let bad = key.unicodeScalars.first(where: JSONKeyCheck.isForbidden) {
                        return Problem(
                            keyPath: keyPath,
                            message: "the key contains the control character \(JSONKeyCheck.describe(bad))")
                    }
                    if !seen.insert(key).inserted {
                        return Problem(keyPath: keyPath, message: "given twice in the same object; keep one")
                    }
                    skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: ":") { i += 1 }
                    if let problem = value(path: keyPath) { return problem }
                }
            case UInt8(ascii: "["):
                i += 1
                var index = 0
                while true {
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: "]") {
                        i += 1
                        return nil
                    }
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        index += 1
                        continue
                    }
                    if let problem = value(path: path + "[\(index)]") { return problem }
                }
            case UInt8(ascii: "\""):
                let text = string()
                if let bad = text.unicodeScalars.first(where: JSONKeyCheck.isForbidden) {
                    return Problem(
                        keyPath: path.isEmpty ? "(file)" : path,
                        message:
                            "contains the control character \(JSONKeyCheck.describe(bad)); names and texts must be printable"
                    )
                }
                return nil
            default:
                // A number, true, false or null: up to the next delimiter.
                while i < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[i]) {
                    i += 1
                }
                return nil
            }
        }

        /// A JSON string starting at the quote, decoded (escapes and surrogate pairs).
        mutating func string() -> String {
            i += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() {
                if !raw.isEmpty {
                    scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                    raw = []
                }
            }
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    break
                }
                if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                    flush()
                    let e = bytes[i + 1]
                    i += 2
                    switch e {
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "b"): scalars.append(Unicode.Scalar(8))
                    case UInt8(ascii: "f"): scalars.append(Unicode.Scalar(12))
                    case UInt8(ascii: "u"):
                        var code = hex4()
                        if (0xD800...0xDBFF).contains(code), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                            bytes[i + 1] == UInt8(ascii: "u")
                        {
                            i += 2
                            let low = hex4()
                            code = 0x10000 + ((code - 0xD800) << 10) + (low &- 0xDC00)
                        }
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    default: scalars.append(Unicode.Scalar(e))
                    }
                    continue
                }
                raw.append(b)
                i += 1
            }
            flush()
            return String(scalars)
        }

        mutating func hex4() -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 where i < bytes.count {
                guard let digit = UInt32(String(UnicodeScalar(bytes[i])), radix: 16) else { break }
                value = value * 16 + digit
                i += 1
            }
            return value
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
