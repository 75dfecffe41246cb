import Foundation

/// The records of a history exactly as they were understood, for `inspect --dump`: a planner can
/// diff it against the export to see how every row was read (time zone, interval, aggregation).
public enum HistoryDump {
    public static let header = "timestamp,channel,contacts,aht_seconds"

    /// `timestamp,channel,contacts,aht_seconds` — every known record, sorted by instant then
    /// channel, timestamps with offset (``PlanningCalendar/format(_:)``), numbers with
    /// ``NumberFormat/plain(_:maxFractionDigits:minFractionDigits:)`` (integers without ".0", at
    /// most 6 fraction digits), AHT empty when absent. Channel names are quoted per RFC 4180
    /// when they need it. Lines end in LF.
    /// When any channel carries abandoned contacts, an `abandoned` column follows.
    public static func csv(_ history: ContactHistory) -> String {
        let withAbandoned = history.series.contains { $0.abandoned != nil }
        var out = header + (withAbandoned ? ",abandoned" : "") + "\n"
        let series = history.series  // sorted by channel name
        let names = series.map { quoteIfNeeded($0.channel) }
        var offsets = OffsetCache(calendar: history.calendar)
        // Merge the channels by instant; equal instants go in channel order.
        var next = series.map { s in s.contacts.firstIndex { $0 != nil } ?? s.count }
        out.reserveCapacity(series.reduce(0) { $0 + $1.knownCount } * 48)
        while true {
            var chosen = -1
            var chosenInstant = Int64.max
            for c in series.indices where next[c] < series[c].count {
                let t = series[c].instant(at: next[c])
                if t < chosenInstant {
                    chosen = c
                    chosenInstant = t
                }
            }
            guard chosen >= 0 else { break }
            let s = series[chosen]
            let k = next[chosen]
            if let contacts = s.contacts[k] {
                out += offsets.format(chosenInstant)
                out += ","
                out += names[chosen]
                out += ","
                out += NumberFormat.plain(contacts, maxFractionDigits: 6)
                out += ","
                if let aht = s.ahtSeconds[k] { out += NumberFormat.plain(aht, maxFractionDigits: 6) }
                if withAbandoned {
                    out += ","
                    if let abandoned = s.abandoned?[k] ?? nil {
                        out += NumberFormat.plain(abandoned, maxFractionDigits: 6)
                    }
                }
                out += "\n"
            }
            var j = k + 1
            while j < s.count && s.contacts[j] == nil { j += 1 }
            next[chosen] = j
        }
        return out
    }

    /// A CSV field, quoted when it holds a comma, quote, line break or outer spaces; never
    /// neutralized, so the history reader reads the dump back as written.
    static func quoteIfNeeded(_ field: String) -> String {
        CSVText.field(field, neutralizing: false, quotingOuterSpaces: true)
    }
}
