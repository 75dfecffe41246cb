/// The rows-to-series half of ``HistoryReader``: duplicates, the interval grid, alignment to the
/// local clock, and aggregation to a coarser interval.
enum HistoryGridBuilder {
    /// The intervals a history may have: the ones contact centres plan in.
    static let allowedIntervals = [300, 600, 900, 1800, 3600]
    /// More intervals than this (all channels together) means a mistyped year, not a history;
    /// 30 million intervals is 285 years of 5-minute rows and about 1 GB of series.
    static let maximumIntervals = 30_000_000

    static func build(_ rows: HistoryRows, options: HistoryReadOptions) throws(CoreError) -> ContactHistory {
        let calendar = options.calendar
        var warnings = rows.warnings
        if let requested = options.intervalSeconds {
            if requested <= 0 || requested % 60 != 0 {
                throw .badFile(path: rows.file, "cannot aggregate to intervals of \(requested) seconds: the interval must be whole minutes dividing a day (15m, 30m, 1h)")
            }
            if 86_400 % requested != 0 {
                throw .badFile(path: rows.file, "cannot aggregate to \(minutes(requested)) intervals: \(Durations.format(requested)) does not divide a day")
            }
        }
        let channelCount = rows.channelNames.count
        var members = [[Int]](repeating: [], count: channelCount)
        if channelCount == 1 {
            members[0] = Array(0 ..< rows.count)
        } else {
            for i in 0 ..< rows.count { members[Int(rows.channels[i])].append(i) }
        }
        for c in 0 ..< channelCount where !isSorted(members[c], rows) {
            members[c].sort { (rows.instants[$0], rows.lines[$0]) < (rows.instants[$1], rows.lines[$1]) }
        }
        try rejectDuplicates(members, rows, calendar: calendar)

        // The grid: the GCD of the steps between a channel's rows.
        var channelSteps = [Int64](repeating: 0, count: channelCount)
        for c in 0 ..< channelCount {
            var g: Int64 = 0
            let m = members[c]
            for k in 1 ..< max(1, m.count) {
                g = gcd(g, rows.instants[m[k]] - rows.instants[m[k - 1]])
                if g == 1 { break }
            }
            channelSteps[c] = g
        }
        let step = channelSteps.reduce(0) { gcd($0, $1) }
        var offsets = OffsetCache(calendar: calendar)
        let interval: Int
        if step == 0 {
            // A single timestamp: nothing to measure. Accept it only on the requested interval.
            guard let requested = options.intervalSeconds else {
                throw .badFile(path: rows.file, "all rows share one timestamp (\(calendar.format(rows.instants[0]))), so the interval cannot be detected; give the interval (--interval 30m)")
            }
            interval = requested
        } else if let allowed = allowedIntervals.first(where: { Int64($0) == step }) {
            interval = allowed
        } else {
            try rejectGrid(step: step, rows, members, calendar: calendar, offsets: &offsets)
        }
        if let row = firstMisaligned(rows, members, grid: interval, offsets: &offsets) {
            throw .badData(SourceLocation(file: rows.file, line: rows.lines[row], column: rows.timestampColumn),
                           offGrid(rows.instants[row], grid: interval, offsets: &offsets))
        }
        for c in 0 ..< channelCount where channelSteps[c] > Int64(interval) && members[c].count > 2 {
            let own = Int(channelSteps[c])
            warnings.append("\(rows.file): channel '\(rows.channelNames[c])' has rows only every \(minutes(own)) while the file's interval is \(minutes(interval)); "
                            + "the intervals between its rows are unknown\(own % interval == 0 && 86_400 % own == 0 ? " (aggregate with --interval \(Durations.format(own)))" : "")")
        }

        let target = options.intervalSeconds ?? interval
        if target != interval {
            guard target > interval, target % interval == 0 else {
                throw .badFile(path: rows.file, target < interval
                    ? "cannot split \(minutes(interval)) history into \(minutes(target)) intervals; the interval must be a multiple of \(Durations.format(interval))"
                    : "cannot aggregate \(minutes(interval)) history to \(minutes(target)) intervals: \(Durations.format(target)) is not a multiple of \(Durations.format(interval))")
            }
        }

        // Size check before allocating: a mistyped year would ask for billions of intervals.
        var total = 0
        for c in 0 ..< channelCount {
            let m = members[c]
            let span = rows.instants[m[m.count - 1]] - rows.instants[m[0]]
            total += Int(span / Int64(target)) + 2
            if total > maximumIntervals {
                throw .badData(SourceLocation(file: rows.file, line: rows.lines[m[m.count - 1]], column: rows.timestampColumn),
                               "the rows of channel '\(rows.channelNames[c])' run from \(calendar.format(rows.instants[m[0]])) (line \(rows.lines[m[0]])) "
                               + "to \(calendar.format(rows.instants[m[m.count - 1]])): too many intervals to hold; is a year mistyped?")
            }
        }

        var series: [IntervalSeries] = []
        series.reserveCapacity(channelCount)
        for c in 0 ..< channelCount {
            if target == interval {
                series.append(fineSeries(rows, members[c], channel: rows.channelNames[c], interval: interval))
            } else {
                series.append(try aggregatedSeries(rows, members[c], channel: rows.channelNames[c], interval: target, offsets: &offsets))
            }
        }
        return ContactHistory(calendar: calendar, intervalSeconds: target, series: series, warnings: warnings)
    }

    // MARK: Checks

    private static func isSorted(_ m: [Int], _ rows: HistoryRows) -> Bool {
        for k in 1 ..< max(1, m.count) where rows.instants[m[k]] < rows.instants[m[k - 1]] { return false }
        return true
    }

    private static func rejectDuplicates(_ members: [[Int]], _ rows: HistoryRows, calendar: PlanningCalendar) throws(CoreError) {
        // Report the duplicate met first when reading the file.
        var worst: (later: Int, earlier: Int, row: Int)? = nil
        for m in members {
            for k in 1 ..< max(1, m.count) where rows.instants[m[k]] == rows.instants[m[k - 1]] {
                let a = rows.lines[m[k - 1]], b = rows.lines[m[k]]
                let later = max(a, b), earlier = min(a, b)
                if let current = worst, current.later <= later { continue }
                worst = (later, earlier, m[k])
            }
        }
        if let worst {
            throw .badData(SourceLocation(file: rows.file, line: worst.later, column: rows.timestampColumn),
                           "duplicate row: line \(worst.earlier) and line \(worst.later) both give channel '\(rows.channelNames[Int(rows.channels[worst.row])])' "
                           + "at \(calendar.format(rows.instants[worst.row])); keep one of them")
        }
    }

    /// The row read first whose local start is not a multiple of `grid` past local midnight.
    private static func firstMisaligned(_ rows: HistoryRows, _ members: [[Int]], grid: Int, offsets: inout OffsetCache) -> Int? {
        var found: Int? = nil
        let g = Int64(grid)
        for m in members {
            for i in m {
                let wall = rows.instants[i] + Int64(offsets.offset(at: rows.instants[i]))
                guard ((wall % g) + g) % g != 0 else { continue }
                if let earlier = found, rows.lines[earlier] <= rows.lines[i] { continue }
                found = i
            }
        }
        return found
    }

    private static func offGrid(_ instant: Int64, grid: Int, offsets: inout OffsetCache) -> String {
        let local = offsets.local(instant)
        let before = local.secondsOfDay / grid * grid
        let after = LocalDateTime(utcSeconds: local.wallSeconds - Int64(local.secondsOfDay - before) + Int64(grid))
        return "\(offsets.calendar.format(instant)) is off the \(minutes(grid)) grid: it starts at \(clock(local)), "
            + "between the interval starts \(clock(LocalDateTime(date: local.date, secondsOfDay: before))) and \(clock(after)) (local time); "
            + "each row must be the start of an interval"
    }

    /// Explains why the steps between rows do not form an accepted grid, naming lines.
    private static func rejectGrid(step: Int64, _ rows: HistoryRows, _ members: [[Int]], calendar: PlanningCalendar,
                                   offsets: inout OffsetCache) throws(CoreError) -> Never {
        let accepted = "Staffcast reads intervals of 5, 10, 15, 30 or 60 minutes"
        // The usual step between rows; the rows off its grid are the odd ones.
        var counts: [Int64: Int] = [:]
        var example: [Int64: (Int, Int)] = [:]
        for m in members {
            for k in 1 ..< max(1, m.count) {
                let d = rows.instants[m[k]] - rows.instants[m[k - 1]]
                counts[d, default: 0] += 1
                if example[d] == nil { example[d] = (m[k - 1], m[k]) }
            }
        }
        let usual = counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? step
        if step > 3600, let smallest = counts.keys.min(), let pair = example[smallest] {
            throw .badData(SourceLocation(file: rows.file, line: rows.lines[pair.1], column: rows.timestampColumn),
                           "rows are at least \(duration(smallest)) apart (lines \(rows.lines[pair.0]) and \(rows.lines[pair.1])); \(accepted) within the day")
        }
        if let grid = allowedIntervals.last(where: { usual % Int64($0) == 0 }),
           let row = firstMisaligned(rows, members, grid: grid, offsets: &offsets) {
            throw .badData(SourceLocation(file: rows.file, line: rows.lines[row], column: rows.timestampColumn),
                           offGrid(rows.instants[row], grid: grid, offsets: &offsets))
        }
        let pair = example[usual] ?? (members[0][0], members[0][0])
        throw .badData(SourceLocation(file: rows.file, line: rows.lines[pair.1], column: rows.timestampColumn),
                       "rows are \(duration(usual)) apart (lines \(rows.lines[pair.0]) and \(rows.lines[pair.1])); \(accepted)")
    }

    // MARK: Series

    private static func fineSeries(_ rows: HistoryRows, _ m: [Int], channel: String, interval: Int) -> IntervalSeries {
        let start = rows.instants[m[0]]
        let count = Int((rows.instants[m[m.count - 1]] - start) / Int64(interval)) + 1
        var contacts = [Double?](repeating: nil, count: count)
        var aht = [Double?](repeating: nil, count: count)
        for i in m {
            let k = Int((rows.instants[i] - start) / Int64(interval))
            let c = rows.contacts[i]
            if !c.isNaN { contacts[k] = c }
            let a = rows.aht[i]
            if !a.isNaN { aht[k] = a }
        }
        return IntervalSeries(channel: channel, intervalSeconds: interval, start: start, contacts: contacts, ahtSeconds: aht)
    }

    /// Sums contacts over coarse intervals aligned to the local clock; AHT is weighted by the
    /// contacts that carry one. A coarse interval with no known fine interval stays unknown.
    private static func aggregatedSeries(_ rows: HistoryRows, _ m: [Int], channel: String, interval: Int,
                                         offsets: inout OffsetCache) throws(CoreError) -> IntervalSeries {
        let g = Int64(interval)
        var buckets = [Int64](repeating: 0, count: m.count)
        for (k, i) in m.enumerated() {
            let t = rows.instants[i]
            let wall = t + Int64(offsets.offset(at: t))
            buckets[k] = t - ((wall % g) + g) % g
        }
        let start = buckets[0]
        for (k, b) in buckets.enumerated() where ((b - start) % g + g) % g != 0 {
            let calendar = offsets.calendar
            throw .badFile(path: rows.file,
                           "cannot aggregate to \(minutes(interval)) intervals aligned to the local clock of \(calendar.identifier): "
                           + "the offset change before \(calendar.format(rows.instants[m[k]])) (line \(rows.lines[m[k]])) moves them off a fixed grid; use a shorter interval")
        }
        let count = Int((buckets[buckets.count - 1] - start) / g) + 1
        var contacts = [Double?](repeating: nil, count: count)
        var weighted = [Double](repeating: 0, count: count)
        var weights = [Double](repeating: 0, count: count)
        for (k, i) in m.enumerated() {
            let slot = Int((buckets[k] - start) / g)
            let c = rows.contacts[i]
            guard !c.isNaN else { continue }
            contacts[slot] = (contacts[slot] ?? 0) + c
            let a = rows.aht[i]
            if !a.isNaN && c > 0 { weighted[slot] += a * c; weights[slot] += c }
        }
        let aht: [Double?] = (0 ..< count).map { weights[$0] > 0 ? weighted[$0] / weights[$0] : nil }
        return IntervalSeries(channel: channel, intervalSeconds: interval, start: start, contacts: contacts, ahtSeconds: aht)
    }

    // MARK: Words

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var x = a.magnitude, y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        return Int64(x)
    }

    /// "5-minute", "1-hour".
    static func minutes(_ seconds: Int) -> String {
        if seconds % 3600 == 0 { return "\(seconds / 3600)-hour" }
        if seconds % 60 == 0 { return "\(seconds / 60)-minute" }
        return "\(seconds)-second"
    }

    static func duration(_ seconds: Int64) -> String {
        if seconds % 86_400 == 0 { let d = seconds / 86_400; return d == 1 ? "1 day" : "\(d) days" }
        if seconds % 3600 == 0 { let h = seconds / 3600; return h == 1 ? "1 hour" : "\(h) hours" }
        if seconds % 60 == 0 { let m = seconds / 60; return m == 1 ? "1 minute" : "\(m) minutes" }
        return seconds == 1 ? "1 second" : "\(seconds) seconds"
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    static func clock(_ local: LocalDateTime) -> String {
        "\(two(local.secondsOfDay / 3600)):\(two(local.secondsOfDay / 60 % 60))" + (local.secondsOfDay % 60 == 0 ? "" : ":\(two(local.secondsOfDay % 60))")
    }
}
