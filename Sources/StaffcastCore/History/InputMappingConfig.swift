import Foundation

extension InputMapping {
    /// The keys of a config's `"input"` object: the flag names without dashes.
    public static let configKeys = [
        "format", "columns", "channel_map", "date_order", "duration_unit", "encoding", "missing",
    ]

    /// The mapping of a plan config's `"input"` object:
    ///
    /// ```json
    /// "input": { "format": "genesys-wfm", "columns": { "aht": "Avg Handle" },
    ///            "channel_map": "queues.csv", "date_order": "dmy", "duration_unit": "s",
    ///            "encoding": "windows-1252", "missing": "zero" }
    /// ```
    ///
    /// `columns` maps roles to a header (or a list of headers the column may have; several for
    /// `split`), `"contacts": "*"` for one row per contact; it may also be the `--columns` text.
    /// `channel_map` is a `queue,channel` CSV relative to `baseDirectory`, or an object
    /// `{"queue": "channel", "*": "other"}`.
    /// - Parameter keyPath: where the object sits in the config (`"input"`), prefixed to keys in
    ///   errors.
    /// - Throws: ``CoreError/badOption(_:_:)`` naming the key (`input.columns.aht`) and what was
    ///   expected; ``CoreError`` of the channel map file (missing: 66, bad rows: file:line:column).
    public static func parse(jsonObject object: [String: Any], keyPath: String, baseDirectory: String) throws(CoreError)
        -> InputMapping
    {
        func key(_ name: String) -> String { keyPath.isEmpty ? name : keyPath + "." + name }
        for name in object.keys.sorted() where !configKeys.contains(name) {
            let hint = closest(name, among: configKeys).map { "; did you mean \"\($0)\"?" } ?? ""
            throw .badOption(key(name), "unknown key\(hint) Keys: \(configKeys.joined(separator: ", "))")
        }
        func string(_ name: String) throws(CoreError) -> String? {
            guard let value = object[name], !(value is NSNull) else { return nil }
            guard let text = value as? String else { throw .badOption(key(name), "expected a string") }
            return text
        }
        var mapping = InputMapping()
        if let format = try string("format") { mapping = try preset(format, option: key("format")) }
        if let columns = object["columns"], !(columns is NSNull) {
            let parsed: (choices: [ColumnChoice], oneRowPerContact: Bool)
            if let text = columns as? String {
                parsed = try parseColumns(text, option: key("columns"))
            } else if let table = columns as? [String: Any] {
                parsed = try parseColumns(table, keyPath: key("columns"))
            } else {
                throw .badOption(
                    key("columns"),
                    "expected an object of role → column header, e.g. {\"timestamp\": \"Interval Start\", \"contacts\": \"Offered\"}"
                )
            }
            mapping.override(with: parsed.choices, oneRowPerContact: parsed.oneRowPerContact)
        }
        if let value = object["channel_map"], !(value is NSNull) {
            if let path = value as? String {
                guard !path.isEmpty else {
                    throw .badOption(key("channel_map"), "expected the path of a queue,channel CSV")
                }
                let resolved =
                    path.hasPrefix("/") ? path : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).path
                mapping.channelMap = try ChannelMap.read(path: resolved)
            } else if let table = value as? [String: Any] {
                var entries: [String: String] = [:]
                for (queue, channel) in table {
                    guard let channel = channel as? String else {
                        throw .badOption(key("channel_map") + "." + queue, "expected the channel name as a string")
                    }
                    entries[queue] = channel
                }
                mapping.channelMap = try ChannelMap(entries: entries, source: key("channel_map"))
            } else {
                throw .badOption(
                    key("channel_map"), "expected the path of a queue,channel CSV, or an object of queue → channel")
            }
        }
        if let text = try string("date_order") {
            mapping.dateOrder = try value(text, of: DateOrder.self, option: key("date_order"))
        }
        if let text = try string("duration_unit") {
            mapping.durationUnit = try value(text, of: DurationUnit.self, option: key("duration_unit"))
        }
        if let text = try string("encoding") {
            mapping.encoding = try value(text, of: DeclaredEncoding.self, option: key("encoding"))
        }
        if let text = try string("missing") {
            mapping.missing = try value(text, of: MissingRows.self, option: key("missing"))
        }
        try mapping.validate(option: key("columns"), channelMapOption: key("channel_map"))
        return mapping
    }

    static func parseColumns(_ table: [String: Any], keyPath: String) throws(CoreError) -> (
        choices: [ColumnChoice], oneRowPerContact: Bool
    ) {
        var choices: [ColumnChoice] = []
        var perContact = false
        for name in table.keys.sorted() {
            let role = try Self.role(name, option: keyPath + "." + name)
            let headers: [String]
            if let text = table[name] as? String {
                headers = [text]
            } else if let list = table[name] as? [Any], !list.isEmpty, list.allSatisfy({ $0 is String }) {
                headers = list.compactMap { $0 as? String }
            } else {
                throw .badOption(
                    keyPath + "." + name, "expected the column's header as a string (or a list of headers)")
            }
            let trimmed = headers.map { $0.trimmingCharacters(in: .whitespaces) }
            guard trimmed.allSatisfy({ !$0.isEmpty }) else { throw .badOption(keyPath + "." + name, "names no column") }
            if role == .contacts && trimmed == ["*"] {
                perContact = true
                continue
            }
            if role == .split {
                choices.append(contentsOf: trimmed.map { ColumnChoice(.split, [$0]) })
            } else {
                choices.append(ColumnChoice(role, trimmed))
            }
        }
        return (choices, perContact)
    }
}
