import Forecasting
import Foundation
import StaffcastCore

/// `forecast.csv`, written and read back: `timestamp,channel,forecast,lo80,hi80,lo95,hi95`, one row
/// per open interval, sorted by instant then channel; then `aht_seconds` (the forecast average
/// handle time) when any channel's history has AHT — left empty for the channels whose history has
/// none. Contacts are written with at most 3 decimals, handle times exactly. Read back, the bounds
/// and `aht_seconds` are optional: one ``Forecast`` per channel.
public struct ForecastFile: Sendable {
    public static let fileName = "forecast.csv"

    /// The columns, in the order they are written.
    public enum Column: String, CaseIterable, Sendable {
        case timestamp, channel, forecast, lo80, hi80, lo95, hi95
        case ahtSeconds = "aht_seconds"
    }

    /// The file's text. `aht`: per channel, the forecast AHT of each of its forecast's intervals
    /// (same order).
    public static func write(_ forecasts: [Forecast], calendar: PlanningCalendar, aht: [String: [Double]] = [:])
        -> String
    {
        var entries: [(Int64, String, Forecast, Int)] = []
        for forecast in forecasts {
            for i in forecast.instants.indices { entries.append((forecast.instants[i], forecast.channel, forecast, i)) }
        }
        entries.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        let withAHT = forecasts.contains { aht[$0.channel] != nil }
        var csv = CSVWriter(
            header: Column.allCases.filter { withAHT || $0 != .ahtSeconds }.map(\.rawValue), calendar: calendar,
            reservingRows: entries.count)
        for (instant, channel, f, i) in entries {
            csv.timestamp(instant)
            csv.text(channel)
            csv.volume(f.mean[i])
            csv.volume(f.lo80[i])
            csv.volume(f.hi80[i])
            csv.volume(f.lo95[i])
            csv.volume(f.hi95[i])
            if withAHT {
                if let values = aht[channel], i < values.count { csv.seconds(values[i]) } else { csv.empty() }
            }
            csv.endRow()
        }
        return csv.string
    }

    public var path: String
    public var forecasts: [Forecast]
    /// Per channel, the optional `aht_seconds` column in the order of its forecast's instants
    /// (nil where the cell is empty); absent when the file has no such column.
    public var aht: [String: [Double?]] = [:]
    /// Each row's line, for errors about it.
    var rows: [(instant: Int64, channel: String, line: Int)] = []
    /// The timestamp column (0-based).
    var timeColumn = 0

    /// `needsIntervals`: the bound columns must be present (staffing to p80/p95 reads them).
    /// `data`: the bytes of `path` already read (nil reads the file).
    public static func read(path: String, calendar: PlanningCalendar, needsIntervals: Bool, data: Data? = nil)
        throws(PlanningError) -> ForecastFile
    {
        var csv = try HeadedCSV(
            path: path, expected: "timestamp,channel,forecast[,lo80,hi80,lo95,hi95][,aht_seconds]", data: data)
        func column(_ name: Column) -> Int? { csv.column(name.rawValue) }
        guard let timeColumn = column(.timestamp), let channelColumn = column(.channel),
            let meanColumn = column(.forecast)
        else {
            throw csv.headerError(
                "expected a header with timestamp, channel and forecast columns, got '\(csv.header.fields.joined(separator: ","))'"
            )
        }
        let boundColumns = [Column.lo80, .hi80, .lo95, .hi95].map(column)
        if needsIntervals, boundColumns.contains(where: { $0 == nil }) {
            throw csv.headerError("--staff-to p80/p95 needs the lo80,hi80,lo95,hi95 columns")
        }
        let ahtColumn = column(.ahtSeconds)
        let decimalComma = csv.allowsDecimalComma
        // One row's values: mean, lo80, hi80, lo95, hi95 (the mean where the bounds are absent).
        struct Values {
            var instant: Int64
            var line: Int
            var v: (Double, Double, Double, Double, Double)
            var aht: Double?
        }
        let valueColumns = [meanColumn] + boundColumns.map { $0 ?? meanColumn }
        var byNumber: [[Values]] = []
        var rows: [(instant: Int64, channel: String, line: Int)] = []
        var parsed = (0.0, 0.0, 0.0, 0.0, 0.0)
        // Each record is read in place: numbers and timestamps from their bytes, the channel by
        // comparing bytes with the names already seen.
        var resolver = LocalTimeResolver(calendar: calendar)
        var names = HeadedCSV.SeenNames()
        while try csv.nextRecord() {
            let line = csv.line
            let instant = try csv.instant(timeColumn, calendar: calendar, resolver: &resolver)
            let (channel, number) = try csv.name(channelColumn, names: &names)
            rows.append((instant, channel, line))
            for (k, index) in valueColumns.enumerated() {
                let value = csv.decimal(index, allowDecimalComma: decimalComma)
                guard case .success(let x) = value, x.isFinite && x >= 0 && x <= 1e9 else {
                    throw .core(
                        .badData(
                            csv.location(ofField: index),
                            "expected a non-negative number of contacts, got '\(csv.field(index))'"))
                }
                switch k {
                case 0: parsed.0 = x
                case 1: parsed.1 = x
                case 2: parsed.2 = x
                case 3: parsed.3 = x
                default: parsed.4 = x
                }
            }
            var aht: Double? = nil
            if let ahtColumn, !csv.fieldIsEmpty(ahtColumn) {
                let value = csv.decimal(ahtColumn, allowDecimalComma: decimalComma)
                guard case .success(let x) = value, x.isFinite && x >= 1 && x <= 86_400 else {
                    throw .core(
                        .badData(
                            csv.location(ofField: ahtColumn),
                            "expected an average handle time of 1 to 86400 seconds (or empty), got '\(csv.field(ahtColumn))'"
                        ))
                }
                aht = x
            }
            if number == byNumber.count { byNumber.append([]) }
            byNumber[number].append(Values(instant: instant, line: line, v: parsed, aht: aht))
        }
        var byChannel: [String: [Values]] = [:]
        for (number, name) in names.names.enumerated() { byChannel[name] = byNumber[number] }
        guard !byChannel.isEmpty else { throw .core(.badFile(path: path, "has a header but no forecast rows")) }
        // Sorted by instant (stable: file order among equals), a duplicate is next to its first.
        var sortedByChannel: [String: [Values]] = [:]
        var duplicate: (channel: String, first: Values, second: Values)? = nil
        for (channel, unsorted) in byChannel {
            // A file written in time order (as `forecast` writes it) needs no sorting and holds
            // no duplicate.
            if zip(unsorted, unsorted.dropFirst()).allSatisfy({ $0.instant < $1.instant }) {
                sortedByChannel[channel] = unsorted
                continue
            }
            let sorted = unsorted.enumerated().sorted {
                ($0.element.instant, $0.offset) < ($1.element.instant, $1.offset)
            }.map(\.element)
            for (a, b) in zip(sorted, sorted.dropFirst())
            where a.instant == b.instant && b.line < (duplicate?.second.line ?? .max) {
                duplicate = (channel, a, b)
            }
            sortedByChannel[channel] = sorted
        }
        // The first repeated row in file order, whichever channel it is of.
        if let duplicate {
            throw .core(
                .badData(
                    SourceLocation(file: path, line: duplicate.second.line, column: timeColumn + 1),
                    "duplicate of line \(duplicate.first.line): \(duplicate.channel) at \(calendar.format(duplicate.second.instant))"
                ))
        }
        let forecasts = sortedByChannel.sorted { $0.key < $1.key }.map { channel, rows in
            Forecast(
                channel: channel, model: "file", instants: rows.map(\.instant), mean: rows.map(\.v.0),
                lo80: rows.map(\.v.1), hi80: rows.map(\.v.2), lo95: rows.map(\.v.3), hi95: rows.map(\.v.4))
        }
        var aht: [String: [Double?]] = [:]
        if ahtColumn != nil {
            for (channel, sorted) in sortedByChannel { aht[channel] = sorted.map(\.aht) }
        }
        return ForecastFile(path: path, forecasts: forecasts, aht: aht, rows: rows, timeColumn: timeColumn)
    }

    /// The interval of the file (`given`, or the common spacing of its rows), every row on its grid.
    public func interval(given: Int?, calendar: PlanningCalendar) throws(PlanningError) -> Int {
        try HeadedCSV.grid(rows, given: given, calendar: calendar, path: path, column: timeColumn)
    }

    /// Staffs every channel of the file: each with `policy` when given, else its entry in
    /// `config`. The handle time is the policy's, or the file's `aht_seconds` column where the
    /// policy has none or asks for the forecast (`"aht": "forecast"`).
    public func staff(
        policy given: ChannelPolicy?, config: PlanConfig?, staffTo: StaffTo, intervalSeconds: Int,
        calendar: PlanningCalendar
    ) throws(PlanningError) -> [RequirementRow] {
        var rows: [RequirementRow] = []
        rows.reserveCapacity(forecasts.reduce(0) { $0 + $1.instants.count })
        for forecast in forecasts {
            let policy: ChannelPolicy
            if let given {
                policy = given
            } else if let config {
                policy = try config.policy(for: forecast.channel)
            } else {
                throw .invalidRequest("give --config FILE, or --aht with --sl or --asa")
            }
            let fileAHT = aht[forecast.channel]
            let complete = fileAHT.map { $0.allSatisfy { $0 != nil } } ?? false
            if !policy.ahtConfigured, !complete {
                let source = config == nil ? "--aht" : "channels.\(forecast.channel).aht_seconds in the config"
                if let missing = fileAHT?.firstIndex(where: { $0 == nil }) {
                    throw .invalidRequest(
                        "\(path): the \(forecast.channel) row at \(calendar.format(forecast.instants[missing])) has no aht_seconds; give \(source)"
                    )
                }
                throw .invalidRequest("\(path) has no aht_seconds column; give \(source)")
            }
            let ahtValues = complete && policy.usesForecastAHT(available: true) ? fileAHT?.compactMap { $0 } : nil
            rows.append(
                contentsOf: try RequirementPlanner.staff(
                    forecast, policy: policy, intervalSeconds: intervalSeconds, staffTo: staffTo, aht: ahtValues))
        }
        return rows
    }
}
