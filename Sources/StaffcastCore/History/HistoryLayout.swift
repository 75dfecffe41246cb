import Foundation

/// Which field of a row plays which role, worked out once from the header: from Staffcast's
/// native header names, or from an ``InputMapping``.
struct RowPlan {
    enum When {
        case timestamp(Int)
        case dateTime(date: Int, time: Int)
        case dateHour(date: Int, hour: Int)
        case datePeriod(date: Int, period: Int)

        var fields: [Int] {
            switch self {
            case .timestamp(let k): return [k]
            case .dateTime(let d, let t), .dateHour(let d, let t), .datePeriod(let d, let t): return [d, t]
            }
        }
    }

    enum Channel {
        /// A single series: channel 0.
        case fixed
        case column(Int)
        /// The queue column, through the map (without one, the queue is the channel).
        case queue(Int, ChannelMap?)
    }

    var when: When
    var channel: Channel
    /// Fields whose values together tell apart rows that are summed into one channel.
    var keyFields: [Int] = []
    /// nil: one row per contact.
    var contacts: Int?
    var aht: Int? = nil
    var handleTime: Int? = nil
    var handled: Int? = nil
    var abandoned: Int? = nil
    /// The end of the interval beside a timestamp.
    var end: Int? = nil
    var header: [String]
    var columns: Int { header.count }
}

/// Reads the header line into a ``RowPlan``.
enum HistoryLayout {
    static let longHeader = "timestamp,channel,contacts[,aht_seconds]"

    /// What a header line looks like, so title lines before it can be skipped.
    static func headerTest(_ options: HistoryReadOptions) -> ([String]) -> Bool {
        let mapping = options.input
        if mapping.isNative {
            return { fields in fields.contains { InputMapping.normalized($0) == "timestamp" } }
        }
        let required = mapping.columns.filter { !$0.optional }.map { $0.headers.map(InputMapping.normalized) }
        return { fields in
            let present = Set(fields.map(InputMapping.normalized))
            return required.allSatisfy { alternatives in alternatives.contains { present.contains($0) } }
        }
    }

    /// The header's field names (the first with an IEX `#fields:` prefix removed).
    static func headerNames(_ csv: CSVReader) -> [String] {
        (0..<csv.fieldCount).map { k in
            var name = csv.field(k).trimmingCharacters(in: .whitespaces)
            if k == 0 {
                let lower = name.lowercased()
                if lower.hasPrefix("#fields:") {
                    name = String(name.dropFirst(8)).trimmingCharacters(in: .whitespaces)
                } else if lower.hasPrefix("#fields") {
                    name = String(name.dropFirst(7)).trimmingCharacters(in: .whitespaces)
                }
            }
            return name
        }
    }

    /// The plan of a mapped export; errors name the mapped column that is absent and the nearest
    /// header.
    static func mappedPlan(_ header: [String], csv: CSVReader, options: HistoryReadOptions) throws(CoreError) -> (
        RowPlan, used: Set<Int>, fixedChannel: String?
    ) {
        let mapping = options.input
        let normalized = header.map(InputMapping.normalized)
        var used: Set<Int> = []
        func find(_ choice: ColumnChoice) throws(CoreError) -> Int? {
            for name in choice.headers {
                if let k = normalized.firstIndex(of: InputMapping.normalized(name)) {
                    used.insert(k)
                    return k
                }
            }
            if choice.optional { return nil }
            let source = mapping.format.map { "--format \($0)" } ?? "--columns"
            let wanted = choice.headers.map { "'\($0)'" }.joined(separator: " or ")
            let nearest = choice.headers.compactMap { InputMapping.closest($0, among: header.filter { !$0.isEmpty }) }
                .first
            throw .badData(
                csv.location(ofField: 0),
                "no column \(wanted) for the role \(choice.role.rawValue) (\(source))\(nearest.map { "; did you mean '\($0)'?" } ?? ""); the header has: \(header.filter { !$0.isEmpty }.joined(separator: ", "))"
            )
        }
        func one(_ role: ColumnRole) throws(CoreError) -> Int? {
            for choice in mapping.choices(role) { if let k = try find(choice) { return k } }
            return nil
        }
        let when: RowPlan.When
        if let k = try one(.timestamp) {
            when = .timestamp(k)
        } else if let date = try one(.date) {
            if let time = try one(.time) {
                when = .dateTime(date: date, time: time)
            } else if let hour = try one(.hour) {
                when = .dateHour(date: date, hour: hour)
            } else if let period = try one(.period) {
                when = .datePeriod(date: date, period: period)
            } else {
                throw .badData(
                    csv.location(ofField: 0),
                    "the date column has no time-of-day column beside it (map time=, hour= or period=)")
            }
        } else {
            throw .badData(
                csv.location(ofField: 0), "no column gives the time of each row (map timestamp= or date= with time=)")
        }
        let queue = try one(.queue)
        let channelColumn = try one(.channel)
        var keyFields: [Int] = []
        let channel: RowPlan.Channel
        if let map = mapping.channelMap, let queue {
            channel = .queue(queue, map)
            keyFields.append(queue)
            if let channelColumn { keyFields.append(channelColumn) }
        } else if let channelColumn {
            channel = .column(channelColumn)
            if let queue { keyFields.append(queue) }
        } else if let queue {
            channel = .queue(queue, nil)
        } else {
            channel = .fixed
        }
        for choice in mapping.choices(.split) { if let k = try find(choice) { keyFields.append(k) } }
        var plan = RowPlan(when: when, channel: channel, keyFields: keyFields, contacts: nil, header: header)
        if !mapping.oneRowPerContact { plan.contacts = try one(.contacts) }
        plan.aht = try one(.aht)
        plan.handleTime = try one(.handleTime)
        plan.handled = try one(.handled)
        plan.abandoned = try one(.abandoned)
        if case .timestamp = when { plan.end = try one(.end) }
        if plan.handleTime != nil && plan.handled == nil {
            throw .badData(
                csv.location(ofField: 0),
                "the total handle time column needs the handled column beside it (map handled=)")
        }
        var fixedName: String? = nil
        if case .fixed = channel {
            let name = (options.channelName ?? plan.contacts.map { header[$0] } ?? "contacts").trimmingCharacters(
                in: .whitespaces)
            if let problem = NameCheck.problem(name, what: "channel") {
                throw .badData(
                    csv.location(ofField: plan.contacts ?? 0),
                    problem + (options.channelName == nil ? "; name the channel with --channel-name" : ""))
            }
            fixedName = name
        }
        return (plan, used, fixedName)
    }
}
