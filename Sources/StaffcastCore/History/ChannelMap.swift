import Foundation

/// Which channel each queue of an export belongs to (`--channel-map FILE`, a `queue,channel` CSV,
/// or the config's `"channel_map": {"Sales NL": "voice", …}`). A queue `*` catches every queue the
/// map does not name; without one, an unnamed queue is an error naming it.
public struct ChannelMap: Sendable, Equatable {
    /// The file or config key the map came from, for messages.
    public let source: String
    public let entries: [String: String]
    public let catchAll: String?

    /// A map from `entries` (queue → channel); `source` names it in messages.
    /// - Throws: ``CoreError/badOption(_:_:)`` naming `source` for an empty map or a name that is
    ///   empty or holds control characters.
    public init(entries: [String: String], source: String) throws(CoreError) {
        var own: [String: String] = [:]
        var catchAll: String? = nil
        for (queue, mapped) in entries.sorted(by: { $0.key < $1.key }) {
            let name = queue.trimmingCharacters(in: .whitespaces)
            let channel = mapped.trimmingCharacters(in: .whitespaces)
            if let problem = NameCheck.problem(name, what: "queue") ?? NameCheck.problem(channel, what: "channel") {
                throw .badOption(source + "." + queue, problem)
            }
            if name == "*" { catchAll = channel } else { own[name] = channel }
        }
        guard !own.isEmpty || catchAll != nil else {
            throw .badOption(source, "the channel map is empty; expected queue → channel entries")
        }
        self.source = source
        self.entries = own
        self.catchAll = catchAll
    }

    /// Reads a `queue,channel` CSV (header required; any of the delimiters the history reader
    /// knows). - Throws: ``CoreError`` naming the file, line and column of a bad row.
    public static func read(path: String) throws(CoreError) -> ChannelMap {
        let csv = try CSVReader(
            path: path,
            headerTest: { fields in
                let names = fields.map { $0.lowercased() }
                return names.contains("queue") && names.contains("channel")
            })
        var table = try HeadedCSVReader(csv, expected: "queue,channel", required: ["queue", "channel"])
        let queueIndex = table.column("queue") ?? 0
        let channelIndex = table.column("channel") ?? 0
        var entries: [String: String] = [:]
        var lines: [String: Int] = [:]
        while let record = try table.next() {
            let queue = record.fields[queueIndex].trimmingCharacters(in: .whitespaces)
            let channel = record.fields[channelIndex].trimmingCharacters(in: .whitespaces)
            if let problem = NameCheck.problem(queue, what: "queue") {
                throw .badData(record.location(ofField: queueIndex), problem)
            }
            if let problem = NameCheck.problem(channel, what: "channel") {
                throw .badData(record.location(ofField: channelIndex), problem)
            }
            if let earlier = lines[queue] {
                throw .badData(
                    record.location(ofField: queueIndex),
                    "queue '\(queue)' is mapped twice (also on line \(earlier)); keep one line per queue")
            }
            entries[queue] = channel
            lines[queue] = record.line
        }
        guard !entries.isEmpty else {
            throw .badFile(path: path, "the channel map has a header but no queues")
        }
        return try ChannelMap(entries: entries, source: path)
    }

    /// The channel of `queue`, or nil when the map neither names it nor has `*`.
    public func channel(for queue: String) -> String? { entries[queue] ?? catchAll }

    /// The mapped queue nearest to `queue`, for "did you mean" hints.
    func closestQueue(to queue: String) -> String? {
        if let same = entries.keys.first(where: { $0.lowercased() == queue.lowercased() }) { return same }
        return InputMapping.closest(queue, among: entries.keys.sorted())
    }
}

/// Names of channels and queues are shown in terminals, CSVs and the HTML report: control
/// characters (NUL, ESC, DEL, C1), bidirectional overrides and invisible separators are refused
/// where they enter.
public enum NameCheck {
    /// A character no name or text that leaves the tool may hold: C0 and C1 controls, DEL, the
    /// Arabic letter mark, zero-width and bidirectional marks, overrides and isolates, line and
    /// paragraph separators, and the byte-order mark.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x061C || (0x200B...0x200F).contains(v)
            || (0x2028...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFEFF
    }

    /// Why `name` cannot be a channel or queue name, or nil when it can.
    public static func problem(_ name: String, what: String) -> String? {
        if name.isEmpty { return "the \(what) name is empty" }
        for scalar in name.unicodeScalars {
            let v = scalar.value
            if isForbidden(scalar) {
                let code = String(v, radix: 16, uppercase: true)
                let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
                let visible = name.unicodeScalars.map { s in s == scalar ? "\\u{\(padded)}" : String(s) }.joined()
                return
                    "the \(what) name '\(visible)' holds the control character U+\(padded)\(description(v)); names must be plain text"
            }
        }
        return nil
    }

    private static func description(_ v: UInt32) -> String {
        switch v {
        case 0: return " (NUL)"
        case 0x09: return " (tab)"
        case 0x1B: return " (ESC)"
        case 0x7F: return " (DEL)"
        case 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0x200E, 0x200F: return " (a bidirectional text control)"
        default: return ""
        }
    }
}
