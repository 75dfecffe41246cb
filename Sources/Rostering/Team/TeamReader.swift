import Foundation
import StaffcastCore

/// Reads the team CSV and the requests CSV (README: "The team"). Headers name the columns, in any
/// order; every error names `file:line:column` and what was expected.
///
/// Team: `id,name,skills,min_hours,max_hours,max_shifts,max_days_in_a_row,min_days_off_in_a_row,
/// max_weekends,earliest_start,latest_end`. `skills` lists channels, `>` between preference
/// levels and `|` within one (`phone>chat|whatsapp>email`); `max_shifts` may be empty (no limit).
/// Requests: `agent,date,kind,shift,weight`; `kind` is `unavailable`, `want_day`, `avoid_day`,
/// `want_shift` or `avoid_shift`; `shift` is a local window `HH:MM-HH:MM` (shift kinds only);
/// `weight` is a positive number, empty for `unavailable`.
public enum TeamReader {
    static let teamColumns = [
        "id", "name", "skills", "min_hours", "max_hours", "max_shifts", "max_days_in_a_row",
        "min_days_off_in_a_row", "max_weekends", "earliest_start", "latest_end",
    ]
    static let requestColumns = ["agent", "date", "kind", "shift", "weight"]

    public static func readTeam(path: String) throws(RosteringError) -> [Agent] {
        try parseTeam(reader(path: path))
    }

    public static func readRequests(path: String, team: [Agent]) throws(RosteringError) -> [AgentRequest] {
        try parseRequests(reader(path: path), team: team)
    }

    /// The team from bytes already read (and hashed) by the caller; `notices` hears how the bytes
    /// were decoded when they were not UTF-8 (as the history reader says it).
    public static func parseTeam(data: Data, file: String, notices: ((String) -> Void)? = nil) throws(RosteringError)
        -> [Agent]
    {
        try parseTeam(reader(data: data, file: file), notices: notices)
    }

    /// The requests from bytes already read (and hashed) by the caller.
    public static func parseRequests(
        data: Data, file: String, team: [Agent], notices: ((String) -> Void)? = nil
    ) throws(RosteringError) -> [AgentRequest] {
        try parseRequests(reader(data: data, file: file), team: team, notices: notices)
    }

    public static func parseTeam(text: String, file: String) throws(RosteringError) -> [Agent] {
        try parseTeam(reader(text: text, file: file))
    }

    public static func parseRequests(text: String, file: String, team: [Agent]) throws(RosteringError) -> [AgentRequest]
    {
        try parseRequests(reader(text: text, file: file), team: team)
    }

    static func reader(path: String) throws(RosteringError) -> CSVReader {
        do { return try CSVReader(path: path) } catch { throw convert(error) }
    }

    static func reader(text: String, file: String) throws(RosteringError) -> CSVReader {
        try reader(data: Data(text.utf8), file: file)
    }

    static func reader(data: Data, file: String) throws(RosteringError) -> CSVReader {
        do { return try CSVReader(data: data, name: file) } catch { throw convert(error) }
    }

    static func convert(_ error: CoreError) -> RosteringError {
        switch error {
        case .missingInput(let path, let reason): return .missingInput(path: path, reason: reason)
        case .badData(let location, let message): return .badData(location, message)
        case .badFile(let path, let message): return .badFile(path: path, message)
        default: return .invalidRequest(error.description)
        }
    }

    /// The records after the header, with the column index of each expected name (every one
    /// required, no other allowed).
    static func table(_ reader: inout CSVReader, columns: [String]) throws(RosteringError) -> (
        index: [String: Int], rows: [CSVRecord]
    ) {
        do {
            var table = try HeadedCSVReader(
                reader, expected: columns.joined(separator: ","), known: columns, required: columns)
            let index = Dictionary(
                uniqueKeysWithValues: columns.compactMap { name in table.column(name).map { (name, $0) } })
            return (index, try table.rest())
        } catch { throw convert(error) }
    }

    /// A plain decimal number: digits, at most one point with digits after it. No sign, exponent,
    /// hexadecimal or thousands separator: `+5`, `0x24`, `1e3` could each be read two ways, so
    /// they are refused naming the cell. At most `maximum`.
    static func number(
        _ record: CSVRecord, _ field: Int, _ what: String, minimum: Double = 0, maximum: Double
    ) throws(RosteringError) -> Double {
        let text = record.fields[field].trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
            let value = Double(text), value >= minimum, value <= maximum
        else {
            throw .badData(
                record.location(ofField: field),
                "expected \(what) (a plain number from \(NumberFormatShort.text(minimum)) to \(NumberFormatShort.text(maximum))), found '\(text)'"
            )
        }
        return value
    }

    /// A whole number written in digits only (no sign). A value beyond `cap` means the same as
    /// `cap` (a limit the period can never reach) and is read as it.
    static func whole(_ record: CSVRecord, _ field: Int, _ what: String, minimum: Int = 0, cap: Int = 100_000)
        throws(RosteringError) -> Int
    {
        let text = record.fields[field].trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else {
            throw .badData(
                record.location(ofField: field), "expected \(what) (a whole number ≥ \(minimum)), found '\(text)'")
        }
        let value = text.count > 9 ? cap : min(cap, Int(text) ?? cap)
        guard value >= minimum else {
            throw .badData(
                record.location(ofField: field), "expected \(what) (a whole number ≥ \(minimum)), found '\(text)'")
        }
        return value
    }

    /// The hours of a week: a contract cannot ask for more.
    static let hoursInAWeek = 168.0
    /// Request weights: large enough to outweigh any cover, small enough that sums stay finite.
    static let maximumWeight = 1_000_000.0

    /// A name (an agent's id or name) that leaves the tool in every file and page: no control
    /// character, line break or bidirectional override.
    static func checkName(_ record: CSVRecord, _ field: Int, _ text: String, what: String) throws(RosteringError) {
        if !text.isEmpty, let problem = NameCheck.problem(text, what: what) {
            throw .badData(record.location(ofField: field), problem)
        }
    }

    /// `HH:MM` (00:00 … 24:00) as seconds after midnight.
    static func clock(_ text: Substring) -> Int? { ClockText.seconds(text, allowingEndOfDay: true) }

    static func parseTeam(_ source: CSVReader, notices: ((String) -> Void)? = nil) throws(RosteringError) -> [Agent] {
        var reader = source
        let (index, rows) = try table(&reader, columns: teamColumns)
        for notice in reader.warnings { notices?(notice) }
        var agents: [Agent] = []
        var seen: [String: Int] = [:]
        for record in rows {
            func field(_ name: String) -> Int { index[name] ?? 0 }
            let id = record.fields[field("id")].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw .badData(record.location(ofField: field("id")), "expected an agent id") }
            try checkName(record, field("id"), id, what: "agent id")
            try checkName(
                record, field("name"), record.fields[field("name")].trimmingCharacters(in: .whitespaces),
                what: "agent's")
            if let line = seen[id] {
                throw .badData(
                    record.location(ofField: field("id")), "agent '\(id)' is listed twice (first on line \(line))")
            }
            seen[id] = record.line
            var skills: [Skill] = []
            let skillText = record.fields[field("skills")].trimmingCharacters(in: .whitespaces)
            for (rank, level) in skillText.split(separator: ">", omittingEmptySubsequences: false).enumerated() {
                for channel in level.split(separator: "|", omittingEmptySubsequences: false) {
                    let name = channel.trimmingCharacters(in: .whitespaces)
                    guard !name.isEmpty else {
                        throw .badData(
                            record.location(ofField: field("skills")),
                            "expected channels separated by > (preference) or | (equal), found '\(skillText)'")
                    }
                    guard !skills.contains(where: { $0.channel == name }) else {
                        throw .badData(
                            record.location(ofField: field("skills")),
                            "channel '\(name)' appears twice in '\(skillText)'")
                    }
                    skills.append(Skill(channel: name, rank: rank))
                }
            }
            let minHours = try number(
                record, field("min_hours"), "the contract's least hours per week", maximum: hoursInAWeek)
            let maxHours = try number(
                record, field("max_hours"), "the contract's most hours per week", maximum: hoursInAWeek)
            guard minHours <= maxHours else {
                throw .badData(
                    record.location(ofField: field("min_hours")),
                    "the contract minimum (\(NumberFormatShort.text(minHours)) h) is above its maximum (\(NumberFormatShort.text(maxHours)) h)"
                )
            }
            let maxShiftsText = record.fields[field("max_shifts")].trimmingCharacters(in: .whitespaces)
            let maxShifts =
                maxShiftsText.isEmpty ? nil : try whole(record, field("max_shifts"), "the most shifts in a week")
            let maxDays = try whole(record, field("max_days_in_a_row"), "the most days worked in a row", minimum: 1)
            let minOff = try whole(record, field("min_days_off_in_a_row"), "the fewest days off in a row")
            let maxWeekends = try whole(record, field("max_weekends"), "the most weekends worked")
            guard
                let earliest = clock(
                    Substring(record.fields[field("earliest_start")].trimmingCharacters(in: .whitespaces)))
            else {
                throw .badData(
                    record.location(ofField: field("earliest_start")),
                    "expected a local time HH:MM, found '\(record.fields[field("earliest_start")])'")
            }
            // A latest end not after the earliest start is on the next day: a window for nights
            // (22:00–08:30), or a whole day from the earliest start (07:00–07:00).
            guard
                let latest = clock(Substring(record.fields[field("latest_end")].trimmingCharacters(in: .whitespaces)))
            else {
                throw .badData(
                    record.location(ofField: field("latest_end")),
                    "expected a local time HH:MM (one not after the earliest start ends the next day, for nights), found '\(record.fields[field("latest_end")])'"
                )
            }
            var agent = Agent(
                id: id, name: record.fields[field("name")].trimmingCharacters(in: .whitespaces), skills: skills,
                minHoursPerWeek: minHours, maxHoursPerWeek: maxHours, maxShifts: maxShifts, maxDaysInARow: maxDays,
                minDaysOffInARow: minOff, maxWeekends: maxWeekends, earliestStartSeconds: earliest,
                latestEndSeconds: latest)
            agent.skillsLocation = record.location(ofField: field("skills"))
            agents.append(agent)
        }
        guard !agents.isEmpty else { throw .badFile(path: reader.file, "the team lists no agent") }
        return agents
    }

    static func parseRequests(_ source: CSVReader, team: [Agent], notices: ((String) -> Void)? = nil)
        throws(RosteringError) -> [AgentRequest]
    {
        var reader = source
        let (index, rows) = try table(&reader, columns: requestColumns)
        for notice in reader.warnings { notices?(notice) }
        let ids = Set(team.map(\.id))
        var requests: [AgentRequest] = []
        for record in rows {
            func field(_ name: String) -> Int { index[name] ?? 0 }
            let agent = record.fields[field("agent")].trimmingCharacters(in: .whitespaces)
            guard ids.contains(agent) else {
                throw .badData(record.location(ofField: field("agent")), "'\(agent)' is not an agent of the team")
            }
            let dateText = record.fields[field("date")].trimmingCharacters(in: .whitespaces)
            guard let date = CivilDate(iso: dateText) else {
                throw .badData(
                    record.location(ofField: field("date")), "expected a date YYYY-MM-DD, found '\(dateText)'")
            }
            let kindText = record.fields[field("kind")].trimmingCharacters(in: .whitespaces)
            guard let kind = AgentRequest.Kind(rawValue: kindText) else {
                throw .badData(
                    record.location(ofField: field("kind")),
                    "expected one of \(AgentRequest.Kind.allCases.map(\.rawValue).joined(separator: ", ")), found '\(kindText)'"
                )
            }
            let shiftText = record.fields[field("shift")].trimmingCharacters(in: .whitespaces)
            var window: ClosedRange<Int>?
            if kind == .wantShift || kind == .avoidShift {
                let ends = shiftText.split(separator: "-", omittingEmptySubsequences: false)
                guard ends.count == 2, let from = clock(ends[0]), let to = clock(ends[1]), from < to else {
                    throw .badData(
                        record.location(ofField: field("shift")),
                        "expected a local window HH:MM-HH:MM such as 08:00-16:30, found '\(shiftText)'")
                }
                window = from...to
            } else if !shiftText.isEmpty {
                throw .badData(
                    record.location(ofField: field("shift")),
                    "a \(kind.rawValue) request takes no shift window, found '\(shiftText)'")
            }
            let weightText = record.fields[field("weight")].trimmingCharacters(in: .whitespaces)
            var weight = 0.0
            if kind == .unavailable {
                guard weightText.isEmpty else {
                    throw .badData(
                        record.location(ofField: field("weight")),
                        "an unavailable day is a hard rule and takes no weight, found '\(weightText)'")
                }
            } else {
                weight = try number(record, field("weight"), "the request's weight", minimum: 0, maximum: maximumWeight)
                guard weight > 0 else {
                    throw .badData(
                        record.location(ofField: field("weight")), "expected a positive weight, found '\(weightText)'")
                }
            }
            requests.append(AgentRequest(agent: agent, date: date, kind: kind, window: window, weight: weight))
        }
        return requests
    }
}

/// Short number text for messages: `24`, `36.5`.
enum NumberFormatShort {
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension Character {
    /// `0` … `9`, nothing else (no other script's digits, no fractions).
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
