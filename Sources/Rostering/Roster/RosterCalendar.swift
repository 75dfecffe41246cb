import Foundation
import StaffcastCore

/// One iCalendar file (RFC 5545) per agent: a `VEVENT` per shift, the channels as its summary and
/// its break and channel blocks in the description, times in the site's zone with a `VTIMEZONE`
/// that holds every offset change around the period.
///
/// A shift's UID is the agent and the date it starts on (one shift a day), so a re-published
/// roster updates the agent's events instead of adding new ones. The calendar published before
/// (the same file in the same folder) is read back: an event of the period that the new roster no
/// longer has is sent again as `STATUS:CANCELLED`, so the agent's calendar drops it. `DTSTAMP` is
/// the publication's moment (the plan's origin), so the same inputs give the same bytes.
///
/// Text is escaped (`\\`, `;`, `,`, line breaks), lines end in CRLF and are folded at 75 octets
/// without splitting a UTF-8 sequence.
public enum RosterCalendar {
    /// A shift as the calendar shows it.
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var start: Int64
        public var end: Int64
        public var summary: String
        public var description: String
        public var cancelled: Bool
    }

    /// The file name of `agent`'s calendar: the id with anything but letters, digits, `.`, `_` and
    /// `-` replaced by `_`, and a short hash of the id when that changed it (two ids that differ only
    /// in such characters never share a file).
    public static func fileName(for agent: String) -> String {
        let safe = String(
            agent.unicodeScalars.map { scalar in
                let c = Character(scalar)
                return (c.isASCII && (c.isLetter || c.isNumber)) || c == "." || c == "_" || c == "-" ? c : "_"
            })
        let trimmed = safe.drop { $0 == "." }
        let name = trimmed.isEmpty ? "agent" : String(trimmed.prefix(64))
        return (name == agent ? name : name + "-" + String(uidHash(agent).prefix(8))) + ".ics"
    }

    /// The events of `agent`'s shifts in `roster`, and the events of `previous` (the calendar
    /// published before, already parsed) in `period` that the roster no longer has, cancelled.
    public static func events(
        agent: String, roster: Roster, calendar: PlanningCalendar, period: Range<Int64>, previous: [Event] = []
    ) -> [Event] {
        var events: [Event] = []
        for shift in roster.shifts where shift.agent == agent {
            let channels = shift.activities.map(\.channel).reduce(into: [String]()) { list, channel in
                if !list.contains(channel) { list.append(channel) }
            }
            var lines: [String] = []
            if let start = shift.breakStart, let end = shift.breakEnd {
                lines.append("Break " + clock(start, calendar) + "–" + clock(end, calendar))
            }
            for block in shift.activities {
                lines.append(block.channel + " " + clock(block.start, calendar) + "–" + clock(block.end, calendar))
            }
            events.append(
                Event(
                    uid: uid(agent: agent, date: shift.date), start: shift.start, end: shift.end,
                    summary: channels.joined(separator: ", "), description: lines.joined(separator: "\n"),
                    cancelled: false))
        }
        let kept = Set(events.map(\.uid))
        for old in previous where period.contains(old.start) && !kept.contains(old.uid) {
            var cancelled = old
            cancelled.cancelled = true
            events.append(cancelled)
        }
        return events.sorted { ($0.start, $0.uid) < ($1.start, $1.uid) }
    }

    /// The file's text.
    public static func text(
        agentName: String, events: [Event], calendar: PlanningCalendar, stamp: Int64, around period: Range<Int64>
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Staffcast//Roster//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + escape("Roster " + agentName),
        ]
        lines += timeZone(calendar, around: period)
        for event in events {
            lines += [
                "BEGIN:VEVENT", "UID:" + event.uid, "DTSTAMP:" + utc(stamp),
                "DTSTART" + local(event.start, calendar), "DTEND" + local(event.end, calendar),
                "SUMMARY:" + escape(event.summary), "DESCRIPTION:" + escape(event.description),
                "STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"), "TRANSP:OPAQUE", "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The events of a calendar this type wrote (unfolded, unescaped): their UID, start, end,
    /// summary, description and status. Anything else is skipped.
    public static func parse(_ text: String, calendar: PlanningCalendar) -> [Event] {
        var unfolded: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            if line.hasPrefix(" "), !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += line.dropFirst()
            } else {
                unfolded.append(String(line))
            }
        }
        var events: [Event] = []
        var current: [String: String]? = nil
        for line in unfolded {
            if line == "BEGIN:VEVENT" {
                current = [:]
            } else if line == "END:VEVENT" {
                if let fields = current, let uid = fields["UID"],
                    let start = fields["DTSTART"].flatMap({
                        instant($0, calendar)
                    }), let end = fields["DTEND"].flatMap({ instant($0, calendar) })
                {
                    events.append(
                        Event(
                            uid: uid, start: start, end: end, summary: unescape(fields["SUMMARY"] ?? ""),
                            description: unescape(fields["DESCRIPTION"] ?? ""),
                            cancelled: fields["STATUS"] == "CANCELLED"))
                }
                current = nil
            } else if current != nil, let colon = line.firstIndex(of: ":") {
                let head = line[..<colon]
                let name = String(head.split(separator: ";").first ?? head)
                current?[name] = String(line[line.index(after: colon)...])
            }
        }
        return events
    }

    // MARK: Pieces

    static func uid(agent: String, date: CivilDate) -> String {
        let digits = date.description.replacingOccurrences(of: "-", with: "")
        return "shift-\(digits)-\(uidHash(agent).prefix(16))@staffcast"
    }

    static func uidHash(_ text: String) -> String { SHA256.hex(Data(text.utf8)) }

    static func clock(_ instant: Int64, _ calendar: PlanningCalendar) -> String {
        ClockText.format(calendar.local(instant).secondsOfDay)
    }

    /// `;TZID=Zone:YYYYMMDDTHHMMSS` for a local time that exists once; `:…Z` (UTC) for one in the
    /// repeated or skipped hour, which a local time could not name.
    static func local(_ instant: Int64, _ calendar: PlanningCalendar) -> String {
        let reading = calendar.local(instant)
        guard calendar.instants(for: reading) == [instant] else { return ":" + utc(instant) }
        return ";TZID=" + calendar.identifier + ":" + compact(reading)
    }

    static func utc(_ instant: Int64) -> String { compact(LocalDateTime(utcSeconds: instant)) + "Z" }

    static func compact(_ local: LocalDateTime) -> String {
        local.description.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    /// The instant of a `DTSTART`/`DTEND` value as written by `local` (local in the site's zone,
    /// or UTC with a final `Z`).
    static func instant(_ value: String, _ calendar: PlanningCalendar) -> Int64? {
        let text = Substring(value)
        let utc = text.hasSuffix("Z")
        let digits = Array((utc ? text.dropLast() : text).utf8)
        guard digits.count == 15, digits[8] == UInt8(ascii: "T") else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
        guard let y = number(0..<4), let m = number(4..<6), let d = number(6..<8), let hh = number(9..<11),
            let mm = number(11..<13), let ss = number(13..<15), let date = CivilDate(year: y, month: m, day: d)
        else { return nil }
        let reading = LocalDateTime(date: date, secondsOfDay: hh * 3600 + mm * 60 + ss)
        return utc ? reading.wallSeconds : calendar.instants(for: reading).first
    }

    /// The zone's offset changes from a year before the period to its end, each a `STANDARD` or
    /// `DAYLIGHT` component, after one that holds the offset in force before them.
    static func timeZone(_ calendar: PlanningCalendar, around period: Range<Int64>) -> [String] {
        func offset(_ seconds: Int) -> String {
            let sign = seconds < 0 ? "-" : "+"
            let value = abs(seconds)
            return sign + ClockText.format(value).replacingOccurrences(of: ":", with: "")
        }
        let zone = calendar.timeZone
        let from = period.lowerBound - 366 * 86_400
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + calendar.identifier]
        var previous = calendar.utcOffset(at: from)
        let first = zone.isDaylightSavingTime(for: Date(timeIntervalSince1970: Double(from))) ? "DAYLIGHT" : "STANDARD"
        lines += [
            "BEGIN:" + first, "DTSTART:19700101T000000", "TZOFFSETFROM:" + offset(previous),
            "TZOFFSETTO:" + offset(previous), "END:" + first,
        ]
        var moment = Date(timeIntervalSince1970: Double(from))
        while let next = zone.nextDaylightSavingTimeTransition(after: moment),
            Int64(next.timeIntervalSince1970) < period.upperBound
        {
            let instant = Int64(next.timeIntervalSince1970)
            let after = calendar.utcOffset(at: instant)
            let kind = zone.isDaylightSavingTime(for: next) ? "DAYLIGHT" : "STANDARD"
            lines += [
                "BEGIN:" + kind, "DTSTART:" + compact(LocalDateTime(utcSeconds: instant + Int64(previous))),
                "TZOFFSETFROM:" + offset(previous), "TZOFFSETTO:" + offset(after), "END:" + kind,
            ]
            previous = after
            moment = next
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    /// TEXT escaping (RFC 5545 §3.3.11).
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    static func unescape(_ text: String) -> String {
        var out = ""
        var escaped = false
        for c in text {
            if escaped {
                out.append(c == "n" || c == "N" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// A content line folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = parts.isEmpty ? 75 : 74
            if octets + size > limit {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }
}

extension RosterCalendar {
    /// Every agent's calendar file: its name (``fileName(for:)``) and text, the agent's shifts of
    /// `roster` in `period` and, cancelled, the events of `published(fileName)` (the calendar
    /// published before, if any) that the roster no longer has. `stamp`: the publication's moment.
    public static func files(
        roster: Roster, team: [Agent], calendar: PlanningCalendar, period: Range<Int64>, stamp: Int64,
        published: (String) -> String?
    ) -> [(name: String, text: String)] {
        team.map { agent in
            let name = fileName(for: agent.id)
            let previous = published(name).map { parse($0, calendar: calendar) } ?? []
            let events = events(agent: agent.id, roster: roster, calendar: calendar, period: period, previous: previous)
            return (
                name,
                text(
                    agentName: agent.name.isEmpty ? agent.id : agent.name, events: events, calendar: calendar,
                    stamp: stamp,
                    around: period)
            )
        }
    }
}
