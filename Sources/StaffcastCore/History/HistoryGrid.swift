/// The rows-to-series half of ``HistoryReader``: duplicates, the interval grid, alignment to the
/// local clock, and aggregation to a coarser interval.
enum HistoryGridBuilder {
    /// The intervals a history may have: the ones contact centres plan in.
    static let allowedIntervals = [300, 600, 900, 1800, 3600]
    /// More intervals than this (all channels together) means a mistyped year, not a history;
    /// 30 million intervals is 285 years of 5-minute rows and about 1 GB of series.
    static let maximumIntervals = 30_000_000
    /// A channel whose rows lie on a coarser grid but for this share (or less) has rows off its
    /// grid, not a finer interval.
    static let strayShare = 0.05
    /// The interval contacts of a one-row-per-contact list are counted in when none is given.
    static let defaultContactListInterval = 900

    static func build(_ input: HistoryRows, options: HistoryReadOptions) throws(CoreError) -> ContactHistory {
        var rows = input
        let calendar = options.calendar
        var warnings = rows.warnings
        if let requested = options.intervalSeconds {
            if requested <= 0 || requested % 60 != 0 {
                throw .badFile(
                    path: rows.file,
                    "cannot aggregate to intervals of \(requested) seconds: the interval must be whole minutes dividing a day (15m, 30m, 1h)"
                )
            }
            if 86_400 % requested != 0 {
                throw .badFile(
                    path: rows.file,
                    "cannot aggregate to \(minutes(requested)) intervals: \(Durations.format(requested)) does not divide a day"
                )
            }
        }
        var offsets = OffsetCache(calendar: calendar)
        if rows.perContact {
            // Count each contact in the interval it arrived in, on the local clock.
            let grid = options.intervalSeconds ?? defaultContactListInterval
            guard allowedIntervals.contains(grid) else {
                throw .badFile(
                    path: rows.file,
                    "contacts can be counted in intervals of 5, 10, 15, 30 or 60 minutes, not \(Durations.format(grid))"
                )
            }
            if options.intervalSeconds == nil {
                warnings.append(
                    "\(rows.file): one row per contact: counted per \(minutes(grid)) interval (choose another with --interval)"
                )
            }
            let g = Int64(grid)
            for i in 0..<rows.count {
                let t = rows.instants[i]
                let wall = t + Int64(offsets.offset(at: t))
                rows.instants[i] = t - ((wall % g) + g) % g
            }
            rows.declaredInterval = grid
        }
        let channelCount = rows.channelNames.count
        var members = [[Int]](repeating: [], count: channelCount)
        if channelCount == 1 {
            members[0] = Array(0..<rows.count)
        } else {
            for i in 0..<rows.count { members[Int(rows.channels[i])].append(i) }
        }
        members = members.filter { !$0.isEmpty }
        let bySource = !rows.sources.isEmpty
        for c in members.indices where !isSorted(members[c], rows, bySource: bySource) {
            if bySource {
                members[c].sort {
                    (rows.instants[$0], rows.sources[$0], rows.lines[$0]) < (
                        rows.instants[$1], rows.sources[$1], rows.lines[$1]
                    )
                }
            } else {
                members[c].sort { (rows.instants[$0], rows.lines[$0]) < (rows.instants[$1], rows.lines[$1]) }
            }
        }
        if !rows.perContact { try rejectDuplicates(members, rows, calendar: calendar) }

        // The grid: the GCD of the steps between a channel's rows.
        var channelSteps = [Int64](repeating: 0, count: members.count)
        for c in members.indices {
            var g: Int64 = 0
            let m = members[c]
            for k in 1..<max(1, m.count) {
                g = gcd(g, rows.instants[m[k]] - rows.instants[m[k - 1]])
                if g == 1 { break }
            }
            channelSteps[c] = g
        }
        let step = channelSteps.reduce(0) { gcd($0, $1) }
        let interval: Int
        if let declared = rows.declaredInterval {
            interval = declared
        } else if step == 0 {
            // A single timestamp: nothing to measure. Accept it only on the requested interval.
            guard let requested = options.intervalSeconds else {
                throw .badFile(
                    path: rows.file,
                    "all rows share one timestamp (\(calendar.format(rows.instants[0]))), so the interval cannot be detected; give the interval (--interval 30m)"
                )
            }
            interval = requested
        } else if let allowed = allowedIntervals.first(where: { Int64($0) == step }) {
            interval = allowed
            try rejectStrayRows(members, channelSteps, rows, options: options, offsets: &offsets)
        } else {
            try rejectGrid(step: step, rows, members, calendar: calendar, offsets: &offsets)
        }
        if let row = firstMisaligned(rows, members, grid: interval, offsets: &offsets) {
            throw .badData(
                rows.location(row),
                offGrid(rows.instants[row], grid: interval, offsets: &offsets)
                    + (rows.declaredInterval != nil && !rows.perContact
                        ? " (the file's periods are \(Durations.format(interval)) long)" : ""))
        }
        for c in members.indices
        where channelSteps[c] > Int64(interval) && members[c].count > 2 && rows.missing == .unknown && !rows.perContact
        {
            let own = Int(channelSteps[c])
            let name = rows.channelNames[Int(rows.channels[members[c][0]])]
            warnings.append(
                "\(rows.file): channel '\(name)' has rows only every \(minutes(own)) while the file's interval is \(minutes(interval)); "
                    + "the intervals between its rows are unknown\(own % interval == 0 && 86_400 % own == 0 ? " (aggregate with --interval \(Durations.format(own)))" : "")"
            )
        }

        let target = options.intervalSeconds ?? interval
        if target != interval {
            guard target > interval, target % interval == 0 else {
                throw .badFile(
                    path: rows.file,
                    target < interval
                        ? "cannot split \(minutes(interval)) history into \(minutes(target)) intervals; the interval must be a multiple of \(Durations.format(interval))"
                        : "cannot aggregate \(minutes(interval)) history to \(minutes(target)) intervals: \(Durations.format(target)) is not a multiple of \(Durations.format(interval))"
                )
            }
        }

        // Size check before allocating: a mistyped year would ask for billions of intervals.
        var total = 0
        for m in members {
            let span = rows.instants[m[m.count - 1]] - rows.instants[m[0]]
            total += Int(span / Int64(target)) + 2
            if total > maximumIntervals {
                throw .badData(
                    rows.location(m[m.count - 1]),
                    "the rows of channel '\(rows.channelNames[Int(rows.channels[m[0]])])' run from \(calendar.format(rows.instants[m[0]])) (line \(rows.lines[m[0]])) "
                        + "to \(calendar.format(rows.instants[m[m.count - 1]])): too many intervals to hold; is a year mistyped?"
                )
            }
        }

        var series: [IntervalSeries] = []
        series.reserveCapacity(members.count)
        var filled = 0
        let leaveIncomplete = options.incompleteIntervals == .unknown && target != interval && rows.missing != .zero
        for m in members {
            let merged = MergedRows(rows, m)
            let name = rows.channelNames[Int(rows.channels[m[0]])]
            let built = try merged.series(
                channel: name, interval: target, aggregate: target != interval,
                zeroFill: rows.missing == .zero, file: rows.file, offsets: &offsets,
                completeAt: leaveIncomplete ? target / interval : nil)
            series.append(built.series)
            filled += built.filled
            if let first = built.incomplete.first {
                warnings.append(
                    "\(rows.file): \(built.incomplete.count) \(minutes(target)) interval\(built.incomplete.count == 1 ? "" : "s") of '\(name)' lack some of their \(minutes(interval)) rows and are left out, not summed as if complete (the first at \(calendar.format(first)))"
                )
            }
        }
        return ContactHistory(
            calendar: calendar, intervalSeconds: target, series: series, warnings: warnings,
            missingRows: rows.missing, zeroFilledIntervals: filled, firstNonUTCOffsetLine: rows.firstNonUTCOffsetLine)
    }

    // MARK: Checks

    private static func isSorted(_ m: [Int], _ rows: HistoryRows, bySource: Bool) -> Bool {
        for k in 1..<max(1, m.count) {
            let a = rows.instants[m[k - 1]]
            let b = rows.instants[m[k]]
            if b < a { return false }
            if bySource && a == b && rows.sources[m[k]] < rows.sources[m[k - 1]] { return false }
        }
        return true
    }

    private static func rejectDuplicates(_ members: [[Int]], _ rows: HistoryRows, calendar: PlanningCalendar)
        throws(CoreError)
    {
        // Report the duplicate met first when reading the file.
        let bySource = !rows.sources.isEmpty
        var worst: (later: Int, earlier: Int, row: Int, laterRow: Int)? = nil
        for m in members {
            for k in 1..<max(1, m.count) where rows.instants[m[k]] == rows.instants[m[k - 1]] {
                if bySource && rows.sources[m[k]] != rows.sources[m[k - 1]] { continue }  // another queue: summed
                let a = rows.lines[m[k - 1]]
                let b = rows.lines[m[k]]
                let later = max(a, b)
                let earlier = min(a, b)
                if let current = worst, current.later <= later { continue }
                worst = (later, earlier, m[k], a > b ? m[k - 1] : m[k])
            }
        }
        if let worst {
            let what = bySource ? " (the same queue and split columns)" : ""
            throw .badData(
                rows.location(worst.laterRow),
                "duplicate row: line \(worst.earlier) and line \(worst.later) both give channel '\(rows.channelNames[Int(rows.channels[worst.row])])' "
                    + "at \(calendar.format(rows.instants[worst.row]))\(what); keep one of them")
        }
    }

    /// A channel whose rows all but a few lie on a coarser grid: those few are off the grid (a
    /// row at 07:15 in a half-hourly file), not a sign of a finer interval. With `--interval` at
    /// most the finer step, the planner has said the file is that fine.
    private static func rejectStrayRows(
        _ members: [[Int]], _ steps: [Int64], _ rows: HistoryRows, options: HistoryReadOptions,
        offsets: inout OffsetCache
    ) throws(CoreError) {
        for c in members.indices where members[c].count >= 20 && steps[c] > 0 {
            let step = steps[c]
            if let requested = options.intervalSeconds, Int64(requested) <= step { continue }
            let coarser = allowedIntervals.filter { Int64($0) > step && Int64($0) % step == 0 }
            guard !coarser.isEmpty else { continue }
            // Rows per residue of the local clock within the hour, in steps.
            let buckets = Int(3600 / step)
            guard buckets > 0, 3600 % step == 0 else { continue }
            var counts = [Int](repeating: 0, count: buckets)
            for i in members[c] {
                let wall = rows.instants[i] + Int64(offsets.offset(at: rows.instants[i]))
                counts[Int((((wall % 3600) + 3600) % 3600) / step)] += 1
            }
            let n = members[c].count
            for grid in coarser.reversed() {
                let every = grid / Int(step)
                let off = counts.enumerated().filter { $0.offset % every != 0 }.reduce(0) { $0 + $1.element }
                guard off > 0, Double(off) <= strayShare * Double(n) else { continue }
                if let row = firstMisaligned(rows, [members[c]], grid: grid, offsets: &offsets) {
                    throw .badData(
                        rows.location(row),
                        offGrid(rows.instants[row], grid: grid, offsets: &offsets)
                            + "; \(n - off) of the channel's \(n) rows are on the \(minutes(grid)) grid (if the file really has \(minutes(Int(step))) intervals, say --interval \(Durations.format(Int(step))))"
                    )
                }
            }
        }
    }

    /// The row read first whose local start is not a multiple of `grid` past local midnight.
    static func firstMisaligned(_ rows: HistoryRows, _ members: [[Int]], grid: Int, offsets: inout OffsetCache) -> Int?
    {
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

    static func offGrid(_ instant: Int64, grid: Int, offsets: inout OffsetCache) -> String {
        let local = offsets.local(instant)
        let before = local.secondsOfDay / grid * grid
        let after = LocalDateTime(utcSeconds: local.wallSeconds - Int64(local.secondsOfDay - before) + Int64(grid))
        return "\(offsets.calendar.format(instant)) is off the \(minutes(grid)) grid: it starts at \(clock(local)), "
            + "between the interval starts \(clock(LocalDateTime(date: local.date, secondsOfDay: before))) and \(clock(after)) (local time); "
            + "each row must be the start of an interval"
    }

    /// Explains why the steps between rows do not form an accepted grid, naming lines.
    private static func rejectGrid(
        step: Int64, _ rows: HistoryRows, _ members: [[Int]], calendar: PlanningCalendar,
        offsets: inout OffsetCache
    ) throws(CoreError) -> Never {
        let accepted = "Staffcast reads intervals of 5, 10, 15, 30 or 60 minutes"
        // The usual step between rows; the rows off its grid are the odd ones.
        var counts: [Int64: Int] = [:]
        var example: [Int64: (Int, Int)] = [:]
        for m in members {
            for k in 1..<max(1, m.count) {
                let d = rows.instants[m[k]] - rows.instants[m[k - 1]]
                guard d > 0 else { continue }
                counts[d, default: 0] += 1
                if example[d] == nil { example[d] = (m[k - 1], m[k]) }
            }
        }
        let usual = counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? step
        if step > 3600, let smallest = counts.keys.min(), let pair = example[smallest] {
            throw .badData(
                rows.location(pair.1),
                "rows are at least \(duration(smallest)) apart (lines \(rows.lines[pair.0]) and \(rows.lines[pair.1])); \(accepted) within the day"
            )
        }
        if let grid = allowedIntervals.last(where: { usual % Int64($0) == 0 }),
            let row = firstMisaligned(rows, members, grid: grid, offsets: &offsets)
        {
            throw .badData(rows.location(row), offGrid(rows.instants[row], grid: grid, offsets: &offsets))
        }
        let pair = example[usual] ?? (members[0][0], members[0][0])
        throw .badData(
            rows.location(pair.1),
            "rows are \(duration(usual)) apart (lines \(rows.lines[pair.0]) and \(rows.lines[pair.1])); \(accepted)")
    }

    // MARK: Words

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var x = a.magnitude
        var y = b.magnitude
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
        if seconds % 86_400 == 0 {
            let d = seconds / 86_400
            return d == 1 ? "1 day" : "\(d) days"
        }
        if seconds % 3600 == 0 {
            let h = seconds / 3600
            return h == 1 ? "1 hour" : "\(h) hours"
        }
        if seconds % 60 == 0 {
            let m = seconds / 60
            return m == 1 ? "1 minute" : "\(m) minutes"
        }
        return seconds == 1 ? "1 second" : "\(seconds) seconds"
    }

    static func clock(_ local: LocalDateTime) -> String { ClockText.formatKeepingSeconds(local.secondsOfDay) }
}
