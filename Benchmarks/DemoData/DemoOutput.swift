import Foundation
import StaffcastCore

extension DemoDataset {
    /// `timestamp,channel,contacts,aht_seconds`, by instant then channel (config order); the
    /// outage's intervals are absent; aht empty where there are no contacts.
    public func historyCSV() -> String {
        var out = "timestamp,channel,contacts,aht_seconds\n"
        out.reserveCapacity(instants.count * channels.count * 44)
        for k in instants.indices {
            let stamp = calendar.format(instants[k])
            for channel in channels {
                guard let n = channel.counts[k] else { continue }
                out += stamp
                out += ","
                out += channel.profile.name
                out += ","
                out += String(n)
                out += ","
                if let a = channel.aht[k] { out += Self.fixed(a, 1) }
                out += "\n"
            }
        }
        return out
    }

    /// `timestamp,channel,intensity`: expected contacts of every interval, outage included.
    public func truthCSV() -> String {
        var out = "timestamp,channel,intensity\n"
        out.reserveCapacity(instants.count * channels.count * 44)
        for k in instants.indices {
            let stamp = calendar.format(instants[k])
            for channel in channels {
                out += stamp
                out += ","
                out += channel.profile.name
                out += ","
                out += Self.fixed(channel.intensity[k], 4)
                out += "\n"
            }
        }
        return out
    }

    /// The promotions in the events-file contract: `name,start,end,channel,kind`, whole days
    /// inclusive, and an `uplift` column with the planner's expected uplift when any promotion has one.
    public func eventsCSV() -> String {
        let withUplift = effects.promotions.contains { $0.expectedUplift != nil }
        var out = "name,start,end,channel,kind" + (withUplift ? ",uplift" : "") + "\n"
        for p in effects.promotions {
            out += "\(p.name),\(p.firstDay),\(p.lastDay),\(p.channel ?? ""),promotion"
            if withUplift { out += "," + (p.expectedUplift.map { Self.fixed($0, 2) } ?? "") }
            out += "\n"
        }
        return out
    }

    public func effectsJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var data = try encoder.encode(effects)
        data.append(0x0A)
        return data
    }

    /// One channel's recorded history as the forecaster reads it (outage intervals unknown).
    public func series(_ name: String) -> IntervalSeries? {
        guard let channel = channels.first(where: { $0.profile.name == name }) else { return nil }
        return IntervalSeries(
            channel: name, intervalSeconds: Self.intervalSeconds, start: instants.first ?? 0,
            contacts: channel.counts.map { $0.map(Double.init) }, ahtSeconds: channel.aht)
    }

    /// Writes history.csv, events.csv, truth.csv and effects.json into `directory` (created if
    /// missing). Each file is written atomically (temporary file + rename); effects.json goes last.
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        try AtomicFile.write(historyCSV(), to: dir + "/history.csv")
        try AtomicFile.write(eventsCSV(), to: dir + "/events.csv")
        try AtomicFile.write(truthCSV(), to: dir + "/truth.csv")
        try AtomicFile.write(effectsJSON(), to: dir + "/effects.json")
    }

    /// `x` with exactly `decimals` decimals (no locale, no exponent).
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let v = Int64((abs(x) * scale).rounded())
        let whole = v / Int64(scale)
        let frac = v % Int64(scale)
        var f = String(frac)
        while f.count < decimals { f = "0" + f }
        return (x < 0 && v != 0 ? "-" : "") + String(whole) + (decimals > 0 ? "." + f : "")
    }
}
