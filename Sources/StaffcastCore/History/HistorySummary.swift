/// The open ranges of one weekday, as seconds of the local day (`25200 ..< 75900` = 07:00–21:05).
public struct WeekdayHours: Sendable, Equatable {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int
    public var open: [Range<Int>]

    public init(weekday: Int, open: [Range<Int>]) {
        self.weekday = weekday
        self.open = open
    }
}

/// Daily contact totals of one weekday over the days with data.
public struct DailyTotalStatistics: Sendable, Equatable {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int
    /// Days of this weekday with at least one known interval.
    public var days: Int
    public var mean: Double
    public var median: Double
    public var minimum: Double
    public var maximum: Double

    public init(weekday: Int, days: Int, mean: Double, median: Double, minimum: Double, maximum: Double) {
        self.weekday = weekday
        self.days = days
        self.mean = mean
        self.median = median
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// A day whose total is far from its weekday's usual: a data error, an outage or a real event
/// the planner should know about before forecasting from it.
public struct SuspiciousDay: Sendable, Equatable {
    public var date: CivilDate
    public var total: Double
    /// The median total of the same weekday.
    public var weekdayMedian: Double
    /// total / weekdayMedian.
    public var ratio: Double
    /// Why it was flagged, in words: "10× the median Tuesday (52310 contacts against 5231)".
    public var reason: String

    public init(date: CivilDate, total: Double, weekdayMedian: Double, ratio: Double, reason: String) {
        self.date = date
        self.total = total
        self.weekdayMedian = weekdayMedian
        self.ratio = ratio
        self.reason = reason
    }
}

/// What `staffcast inspect` tells a planner about one channel of a history.
public struct ChannelSummary: Sendable, Equatable {
    public var channel: String
    /// Start of the first and of the last known interval.
    public var firstInstant: Int64
    public var lastInstant: Int64
    public var intervalSeconds: Int
    /// Intervals with a known volume.
    public var rows: Int
    /// Intervals between the first and last known one without a volume (closed hours included).
    public var unknownIntervals: Int
    /// Of those, the ones in open hours: gaps in the data.
    public var unknownOpenIntervals: Int
    public var totalContacts: Double
    /// Volume-weighted average handle time; nil when the history has none.
    public var ahtSeconds: Double?
    /// Local days with at least one known interval.
    public var daysPresent: Int
    /// Local days inside the span without any known interval, counting only weekdays on which the
    /// channel is normally open (a weekday-only history does not list its weekends).
    public var daysAbsent: [CivilDate]
    /// Learned with ``OpeningHours/learn(from:calendar:minimumShare:)``, Monday first.
    public var openingHours: [WeekdayHours]
    /// Weekdays with at least one day of data, Monday first.
    public var dailyTotals: [DailyTotalStatistics]
    /// Days whose total is at least 3× or at most a third of the median of their weekday
    /// (judged only for weekdays with at least 3 days of data), in date order.
    public var suspiciousDays: [SuspiciousDay]
}

/// Summaries and reports of a ``ContactHistory`` for `staffcast inspect`.
public enum HistoryInspector {
    /// A day is suspicious at this many times its weekday median, or at its reciprocal.
    public static let suspiciousFactor = 3.0
    /// Weekdays with fewer days of data have no reliable median, so no day is judged.
    public static let minimumDaysForMedian = 3

    /// One summary per channel, in the history's channel order.
    public static func summarize(_ history: ContactHistory) -> [ChannelSummary] {
        history.series.map { summarize($0, calendar: history.calendar) }
    }

    static func summarize(_ series: IntervalSeries, calendar: PlanningCalendar) -> ChannelSummary {
        var offsets = OffsetCache(calendar: calendar)
        let hours = OpeningHours.learn(from: series, calendar: calendar)
        let perDay = hours.slotsPerDay
        var first: Int? = nil
        var last: Int? = nil
        var rows = 0
        var total = 0.0
        var ahtWeighted = 0.0
        var ahtWeight = 0.0
        var dayTotals: [Int: Double] = [:]
        var dayKnown: [Int: Int] = [:]
        for i in 0..<series.count {
            guard let c = series.contacts[i] else { continue }
            if first == nil { first = i }
            last = i
            rows += 1
            total += c
            if let a = series.ahtSeconds[i], c > 0 {
                ahtWeighted += a * c
                ahtWeight += c
            }
            let day = offsets.local(series.instant(at: i)).date.daysSinceEpoch
            dayTotals[day, default: 0] += c
            dayKnown[day, default: 0] += 1
        }
        let openingHours = (1...7).map { WeekdayHours(weekday: $0, open: hours.openRanges(weekday: $0)) }
        guard let first, let last else {
            return ChannelSummary(
                channel: series.channel, firstInstant: series.start, lastInstant: series.start,
                intervalSeconds: series.intervalSeconds, rows: 0, unknownIntervals: series.count,
                unknownOpenIntervals: 0, totalContacts: 0, ahtSeconds: nil, daysPresent: 0, daysAbsent: [],
                openingHours: openingHours, dailyTotals: [], suspiciousDays: [])
        }
        var unknownOpen = 0
        for i in first...last where series.contacts[i] == nil {
            let local = offsets.local(series.instant(at: i))
            if hours.isOpen(
                weekday: local.weekday, slotOfDay: min(perDay - 1, local.secondsOfDay / series.intervalSeconds))
            {
                unknownOpen += 1
            }
        }
        let firstDay = offsets.local(series.instant(at: first)).date.daysSinceEpoch
        let lastDay = offsets.local(series.instant(at: last)).date.daysSinceEpoch
        var absent: [CivilDate] = []
        for day in firstDay...lastDay where dayTotals[day] == nil {
            let date = CivilDate(daysSinceEpoch: day)
            if !openingHours[date.weekday - 1].open.isEmpty { absent.append(date) }
        }

        var byWeekday = [[(day: Int, total: Double)]](repeating: [], count: 7)
        for (day, dayTotal) in dayTotals {
            byWeekday[CivilDate(daysSinceEpoch: day).weekday - 1].append((day, dayTotal))
        }
        var statistics: [DailyTotalStatistics] = []
        var suspicious: [SuspiciousDay] = []
        for w in 0..<7 where !byWeekday[w].isEmpty {
            let totals = byWeekday[w].map(\.total).sorted()
            let n = totals.count
            let median = n % 2 == 1 ? totals[n / 2] : (totals[n / 2 - 1] + totals[n / 2]) / 2
            statistics.append(
                DailyTotalStatistics(
                    weekday: w + 1, days: n, mean: totals.reduce(0, +) / Double(n), median: median,
                    minimum: totals[0], maximum: totals[n - 1]))
            guard n >= minimumDaysForMedian, median > 0 else { continue }
            let openSlots = openingHours[w].open.reduce(0) { $0 + $1.count } / series.intervalSeconds
            for (day, dayTotal) in byWeekday[w] {
                let ratio = dayTotal / median
                guard ratio >= suspiciousFactor || ratio <= 1 / suspiciousFactor else { continue }
                let name = WeekdayName.full[w]
                var reason =
                    ratio == 0
                    ? "no contacts at all, against a median \(name) of \(number(median))"
                    : "\(number(ratio, digits: ratio >= 10 ? 0 : 1))× the median \(name) (\(number(dayTotal)) contacts against \(number(median)))"
                let known = dayKnown[day] ?? 0
                if ratio < 1, openSlots > 0, Double(known) < 0.9 * Double(openSlots) {
                    reason += "; only \(known) of its usual \(openSlots) open intervals are in the file"
                }
                suspicious.append(
                    SuspiciousDay(
                        date: CivilDate(daysSinceEpoch: day), total: dayTotal, weekdayMedian: median,
                        ratio: ratio, reason: reason))
            }
        }
        suspicious.sort { $0.date < $1.date }
        return ChannelSummary(
            channel: series.channel, firstInstant: series.instant(at: first), lastInstant: series.instant(at: last),
            intervalSeconds: series.intervalSeconds, rows: rows, unknownIntervals: last - first + 1 - rows,
            unknownOpenIntervals: unknownOpen, totalContacts: total,
            ahtSeconds: ahtWeight > 0 ? ahtWeighted / ahtWeight : nil,
            daysPresent: dayTotals.count, daysAbsent: absent, openingHours: openingHours,
            dailyTotals: statistics, suspiciousDays: suspicious)
    }

    static func number(_ x: Double, digits: Int = 1) -> String { NumberFormat.plain(x, maxFractionDigits: digits) }
}
