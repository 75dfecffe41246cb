import Foundation

/// What a column of an export means to Staffcast (`--columns ROLE=HEADER,…`).
public enum ColumnRole: String, Sendable, Equatable, CaseIterable {
    /// The start of the interval (or, in a list of contacts, when the contact arrived).
    case timestamp
    /// The date, with the time of day in `time`, `hour` or `period`.
    case date, time, hour, period
    /// The end of the interval beside `timestamp`: fixes the interval's length, so an export that
    /// leaves out empty intervals is not mistaken for a coarser one.
    case end
    /// The channel; or a queue, turned into a channel by the channel map (queues of one channel
    /// are summed).
    case channel, queue
    /// Contacts offered; `*` for a list with one row per contact.
    case contacts
    /// Average handle time; or total handle time with the number handled.
    case aht
    case handleTime = "handle_time"
    case handled, abandoned
    /// A column that divides a channel's rows (skill, language): rows that differ in it are
    /// summed, rows that agree in it are duplicates.
    case split

    static let timeRoles: Set<ColumnRole> = [.timestamp, .date, .time, .hour, .period, .end]
    static let handleRoles: Set<ColumnRole> = [.aht, .handleTime, .handled]
}

/// One mapped column: its role and the header names it may have (the first present is used).
public struct ColumnChoice: Sendable, Equatable {
    public var role: ColumnRole
    public var headers: [String]
    /// Whether the file may lack it.
    public var optional: Bool

    public init(_ role: ColumnRole, _ headers: [String], optional: Bool = false) {
        self.role = role
        self.headers = headers
        self.optional = optional
    }
}

/// Whether intervals absent from a file are unknown or zero (`--missing`). Many exports leave out
/// intervals without contacts; read as unknown, they inflate low-volume queues.
public enum MissingRows: String, Sendable, Equatable, CaseIterable {
    case unknown, zero
}

/// How to read a platform's export: which column plays which role, how dates, durations,
/// numbers and bytes are written, and what a missing row means. A preset (``InputPresets``) is a
/// named mapping; `--columns` writes one by hand or changes a preset's columns role by role.
/// The empty mapping is Staffcast's native layout (`timestamp,channel,contacts[,aht_seconds]`).
public struct InputMapping: Sendable, Equatable {
    /// The preset this mapping came from, if any.
    public var format: String? = nil
    public var columns: [ColumnChoice] = []
    /// Each row is one contact (a ticket list): rows are counted per interval.
    public var oneRowPerContact = false
    public var channelMap: ChannelMap? = nil
    public var dateOrder: DateOrder? = nil
    public var durationUnit: DurationUnit? = nil
    public var encoding: DeclaredEncoding? = nil
    /// nil: the default, unknown.
    public var missing: MissingRows? = nil
    public var decimalSeparator: DecimalSeparator? = nil

    public init() {}

    /// Staffcast's own layout.
    public static let native = InputMapping()

    /// Whether the columns are found by Staffcast's native header names.
    public var isNative: Bool { columns.isEmpty && !oneRowPerContact }

    /// The policy in force for absent intervals.
    public var missingRows: MissingRows { missing ?? .unknown }

    public func choices(_ role: ColumnRole) -> [ColumnChoice] { columns.filter { $0.role == role } }
    public func has(_ role: ColumnRole) -> Bool { columns.contains { $0.role == role } }

    // MARK: Building

    /// The mapping of `--format`, `--columns`, `--channel-map` and the other flags (each nil when
    /// not given). `channelMap` is already read. Errors name the flag.
    public static func fromFlags(
        format: String?, columns: String?, channelMap: ChannelMap?, dateOrder: String?,
        durationUnit: String?, encoding: String?, missing: String?
    ) throws(CoreError) -> InputMapping {
        var mapping = InputMapping()
        if let format { mapping = try preset(format, option: "--format") }
        if let columns {
            let parsed = try parseColumns(columns, option: "--columns")
            mapping.override(with: parsed.choices, oneRowPerContact: parsed.oneRowPerContact)
        }
        if let channelMap { mapping.channelMap = channelMap }
        if let dateOrder { mapping.dateOrder = try value(dateOrder, of: DateOrder.self, option: "--date-order") }
        if let durationUnit {
            mapping.durationUnit = try value(durationUnit, of: DurationUnit.self, option: "--duration-unit")
        }
        if let encoding { mapping.encoding = try value(encoding, of: DeclaredEncoding.self, option: "--encoding") }
        if let missing { mapping.missing = try value(missing, of: MissingRows.self, option: "--missing") }
        try mapping.validate(option: "--columns")
        return mapping
    }

    /// The preset named `name`. - Throws: ``CoreError/badOption(_:_:)`` naming `option` and the
    /// closest preset.
    public static func preset(_ name: String, option: String) throws(CoreError) -> InputMapping {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let preset = InputPresets.all.first(where: { $0.name == wanted }) {
            var mapping = preset.mapping
            mapping.format = preset.name
            return mapping
        }
        let names = InputPresets.all.map(\.name)
        let hint = closest(wanted, among: names).map { "; did you mean \($0)?" } ?? ""
        throw .badOption(
            option,
            "unknown format '\(name)'\(hint) Formats: \(names.joined(separator: ", ")), or map the columns with --columns"
        )
    }

    /// Replaces the preset's choices for the roles `choices` name; a new time source replaces the
    /// preset's whole time source, and `aht` or `handle_time` the other.
    mutating func override(with choices: [ColumnChoice], oneRowPerContact perContact: Bool) {
        var roles = Set(choices.map(\.role))
        if !roles.isDisjoint(with: ColumnRole.timeRoles) { roles.formUnion(ColumnRole.timeRoles) }
        if roles.contains(.aht) || roles.contains(.handleTime) { roles.formUnion([.aht, .handleTime]) }
        if perContact { roles.insert(.contacts) }
        columns.removeAll { roles.contains($0.role) }
        columns.append(contentsOf: choices)
        if perContact { oneRowPerContact = true } else if roles.contains(.contacts) { oneRowPerContact = false }
    }

    /// `ROLE=HEADER,…`; a header holding a comma or `=` is quoted (`aht="Avg, handle"`).
    static func parseColumns(_ text: String, option: String) throws(CoreError) -> (
        choices: [ColumnChoice], oneRowPerContact: Bool
    ) {
        var pairs: [(String, String)] = []
        var current = ""
        var key: String? = nil
        var quoted = false
        for ch in text {
            if ch == "\"" {
                quoted.toggle()
                continue
            }
            if !quoted && ch == "=" && key == nil {
                key = current
                current = ""
                continue
            }
            if !quoted && ch == "," {
                pairs.append((key ?? "", current))
                key = nil
                current = ""
                continue
            }
            if key == nil && !quoted && current.isEmpty && ch == " " { continue }
            current.append(ch)
        }
        if quoted { throw .badOption(option, "a quote is not closed in '\(text)'") }
        pairs.append((key ?? "", current))
        var choices: [ColumnChoice] = []
        var perContact = false
        for (rawRole, rawHeader) in pairs {
            let roleName = rawRole.trimmingCharacters(in: .whitespaces).lowercased()
            let header = rawHeader.trimmingCharacters(in: .whitespaces)
            if roleName.isEmpty && header.isEmpty { continue }
            guard !roleName.isEmpty else {
                throw .badOption(option, "'\(header)' has no role; write ROLE=HEADER, e.g. contacts=Offered")
            }
            let role = try Self.role(roleName, option: option)
            guard !header.isEmpty else { throw .badOption(option, "\(roleName)= names no column") }
            if role == .contacts && header == "*" {
                perContact = true
                continue
            }
            if role != .split && choices.contains(where: { $0.role == role }) {
                throw .badOption(option, "the role \(roleName) is given twice")
            }
            choices.append(ColumnChoice(role, [header]))
        }
        return (choices, perContact)
    }

    static func role(_ name: String, option: String) throws(CoreError) -> ColumnRole {
        let normalized = name.replacingOccurrences(of: "-", with: "_")
        if let role = ColumnRole(rawValue: normalized) { return role }
        let names = ColumnRole.allCases.map(\.rawValue)
        let hint = closest(normalized, among: names).map { "; did you mean \($0)?" } ?? ""
        throw .badOption(option, "unknown role '\(name)'\(hint) Roles: \(names.joined(separator: ", "))")
    }

    static func value<T: RawRepresentable & CaseIterable>(_ text: String, of type: T.Type, option: String)
        throws(CoreError) -> T where T.RawValue == String
    {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let found = T.allCases.first(where: { $0.rawValue == wanted }) { return found }
        let names = T.allCases.map(\.rawValue)
        throw .badOption(option, "expected \(names.joined(separator: ", ")), got '\(text)'")
    }

    /// Checks the roles fit together, naming `option` (the flag or config key) when they do not.
    public func validate(option: String, channelMapOption: String = "--channel-map") throws(CoreError) {
        guard !isNative else {
            if channelMap != nil {
                throw .badOption(
                    channelMapOption,
                    "a channel map needs a queue column: map it with --columns queue=HEADER (or a --format that has one)"
                )
            }
            return
        }
        let roles = columns.map(\.role)
        func count(_ role: ColumnRole) -> Int { roles.filter { $0 == role }.count }
        let companions = [ColumnRole.time, .hour, .period].filter { count($0) > 0 }
        if count(.timestamp) > 0 {
            if count(.date) > 0 || !companions.isEmpty {
                throw .badOption(
                    option, "map either timestamp or date with \(companions.first?.rawValue ?? "time"), not both")
            }
        } else if count(.date) > 0 {
            guard companions.count == 1 else {
                throw .badOption(
                    option,
                    companions.isEmpty
                        ? "date= needs the time of day too: time=HEADER, hour=HEADER or period=HEADER"
                        : "map one of time, hour and period with the date, not \(companions.map(\.rawValue).joined(separator: " and "))"
                )
            }
        } else {
            throw .badOption(
                option, "map the time of each row: timestamp=HEADER, or date=HEADER with time=, hour= or period=")
        }
        if count(.end) > 0 && count(.timestamp) == 0 {
            throw .badOption(
                option,
                "end= is the end of the interval beside timestamp=; with a date column use period= (08:00-08:30)")
        }
        if !companions.isEmpty && count(.date) == 0 {
            throw .badOption(option, "\(companions[0].rawValue)= needs date=HEADER too")
        }
        if !oneRowPerContact && count(.contacts) == 0 {
            throw .badOption(
                option,
                "map the contacts column (contacts=HEADER), or write contacts=* for a list with one row per contact")
        }
        if count(.aht) > 0 && count(.handleTime) > 0 {
            throw .badOption(option, "map either aht (the average) or handle_time (the total, with handled), not both")
        }
        if count(.handleTime) > 0 && count(.handled) == 0 {
            throw .badOption(option, "handle_time is a total: map handled too (the AHT is handle_time ÷ handled)")
        }
        if oneRowPerContact && count(.handleTime) > 0 {
            throw .badOption(option, "in a list with one row per contact, map the contact's handle time as aht=")
        }
        if channelMap != nil && count(.queue) == 0 {
            throw .badOption(channelMapOption, "a channel map needs a queue column: map it with --columns queue=HEADER")
        }
    }

    static func closest(_ name: String, among candidates: [String]) -> String? {
        var best: (String, Int)? = nil
        for candidate in candidates {
            let d = editDistance(Array(name.lowercased()), Array(candidate.lowercased()))
            if d < best?.1 ?? .max { best = (candidate, d) }
        }
        guard let best, best.1 <= max(2, name.count / 3) else { return nil }
        return best.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int { Suggestion.editDistance(a, b) }

    /// A header as compared: trimmed, lower case, runs of spaces as one.
    static func normalized(_ header: String) -> String {
        var text = header.trimmingCharacters(in: .whitespaces)
        if text.lowercased().hasPrefix("#fields:") {
            text = String(text.dropFirst(8))
        } else if text.lowercased().hasPrefix("#fields") {
            text = String(text.dropFirst(7))
        }
        return text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
