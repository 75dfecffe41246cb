/// A JSON value written with a fixed key order and fixed number formats, so a manifest or a
/// `--json` answer is byte-identical on every run (JSONSerialization orders keys but formats
/// doubles by platform rules).
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case number(Double, fractionDigits: Int)
    /// The shortest decimal that reads back as the same double (machine output).
    case exact(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Keys in the order given.
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.render() == b.render() }

    public func render(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .string(let s): return Self.quote(s)
        case .number(let x, let digits):
            return x.isFinite ? NumberFormat.plain(x, maxFractionDigits: digits) : "null"
        case .exact(let x): return x.isFinite ? NumberFormat.shortest(x) : "null"
        case .integer(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad
                + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n"
                + pairs.map { inner + Self.quote($0.0) + ": " + $0.1.render(indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + pad + "}"
        }
    }

    static func quote(_ s: String) -> String { JSONText.quote(s) }
}
