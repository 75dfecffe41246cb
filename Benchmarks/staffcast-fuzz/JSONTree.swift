/// A JSON document as the mutators edit it: objects keep their key order and may hold a key
/// twice (to plant duplicates); numbers keep their text, so `1e309`, `-0` or a 30-digit integer
/// can be written exactly; `raw` is text written as it is (NaN, a control byte).
indirect enum JSONTree: Equatable, Sendable {
    case object([(String, JSONTree)])
    case array([JSONTree])
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case raw(String)

    static func == (a: JSONTree, b: JSONTree) -> Bool { a.render() == b.render() }

    /// Parses well-formed JSON (the seeds); nil otherwise.
    static func parse(_ bytes: [UInt8]) -> JSONTree? {
        var parser = Parser(bytes: bytes)
        guard let value = parser.value() else { return nil }
        parser.space()
        return parser.i == bytes.count ? value : nil
    }

    /// Compact text with `, ` and `: `; strings escaped as JSON requires, unless `rawStrings`
    /// keeps control characters as bytes.
    func render(rawStrings: Bool = false) -> String {
        switch self {
        case .object(let pairs):
            return "{"
                + pairs.map { Self.quote($0.0, raw: rawStrings) + ": " + $0.1.render(rawStrings: rawStrings) }.joined(
                    separator: ", ") + "}"
        case .array(let items):
            return "[" + items.map { $0.render(rawStrings: rawStrings) }.joined(separator: ", ") + "]"
        case .string(let s): return Self.quote(s, raw: rawStrings)
        case .number(let text): return text
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .raw(let text): return text
        }
    }

    static func quote(_ s: String, raw: Bool) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n" where !raw: out += "\\n"
            default:
                if !raw
                    && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                        || (0x2028...0x202E).contains(scalar.value))
                {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Every path to a value, depth first (the root is []).
    func paths() -> [[PathStep]] {
        var result: [[PathStep]] = [[]]
        switch self {
        case .object(let pairs):
            for (i, pair) in pairs.enumerated() { result += pair.1.paths().map { [.key(i)] + $0 } }
        case .array(let items):
            for (i, item) in items.enumerated() { result += item.paths().map { [.index(i)] + $0 } }
        default: break
        }
        return result
    }

    enum PathStep: Equatable, Sendable {
        case key(Int)
        case index(Int)
    }

    subscript(path: [PathStep]) -> JSONTree {
        get {
            guard let step = path.first else { return self }
            switch (self, step) {
            case (.object(let pairs), .key(let i)): return pairs[i].1[Array(path.dropFirst())]
            case (.array(let items), .index(let i)): return items[i][Array(path.dropFirst())]
            default: return self
            }
        }
        set {
            guard let step = path.first else {
                self = newValue
                return
            }
            switch (self, step) {
            case (.object(var pairs), .key(let i)):
                pairs[i].1[Array(path.dropFirst())] = newValue
                self = .object(pairs)
            case (.array(var items), .index(let i)):
                items[i][Array(path.dropFirst())] = newValue
                self = .array(items)
            default: break
            }
        }
    }

    /// The key of the last step of `path` (nil for an array item or the root).
    func key(at path: [PathStep]) -> String? {
        guard case .key(let i)? = path.last, case .object(let pairs) = self[Array(path.dropLast())] else { return nil }
        return pairs[i].0
    }

    var isContainer: Bool {
        switch self {
        case .object, .array: return true
        default: return false
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        /// Nesting beyond this is left to byte mutations (the recursion would exhaust the stack).
        var depth = 0

        mutating func space() {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
        }

        mutating func value() -> JSONTree? {
            space()
            guard i < bytes.count, depth < 200 else { return nil }
            depth += 1
            defer { depth -= 1 }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var pairs: [(String, JSONTree)] = []
                space()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    return .object(pairs)
                }
                while true {
                    space()
                    guard let key = string() else { return nil }
                    space()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    guard let v = value() else { return nil }
                    pairs.append((key, v))
                    space()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue
                    }
                    if bytes[i] == UInt8(ascii: "}") {
                        i += 1
                        return .object(pairs)
                    }
                    return nil
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [JSONTree] = []
                space()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    return .array(items)
                }
                while true {
                    guard let v = value() else { return nil }
                    items.append(v)
                    space()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue
                    }
                    if bytes[i] == UInt8(ascii: "]") {
                        i += 1
                        return .array(items)
                    }
                    return nil
                }
            case UInt8(ascii: "\""):
                return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default:
                let start = i
                while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
                return i > start ? .number(String(decoding: bytes[start..<i], as: UTF8.self)) : nil
            }
        }

        mutating func literal(_ word: String, _ value: JSONTree) -> JSONTree? {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { return nil }
            i += w.count
            return value
        }

        /// A string without escapes other than \" \\ \n \t \/ (enough for the seeds).
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            var out: [UInt8] = []
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                    i += 1
                    switch bytes[i] {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    default: out.append(bytes[i])
                    }
                } else {
                    out.append(bytes[i])
                }
                i += 1
            }
            guard i < bytes.count else { return nil }
            i += 1
            return String(decoding: out, as: UTF8.self)
        }
    }
}
