import Queueing

/// The week's figures a manager reads, one definition each, the same in the report and the
/// manifest as in `requirements.csv`.
public struct WeekKPIs: Sendable, Equatable {
    /// Totals of a set of requirement rows.
    public struct Totals: Sendable, Equatable {
        public var contacts = 0.0
        /// Contacts × AHT, in hours.
        public var workloadHours = 0.0
        /// Σ headcount × interval (shrinkage included).
        public var agentHours = 0.0
        /// Agent-hours ÷ contract hours per week.
        public var fte = 0.0
        /// The largest headcount in any one interval: for several channels, of their sum at the
        /// same instant (the seats needed), not the largest channel's.
        public var peakHeads = 0
        /// Contact-weighted expected service level at the mean forecast; nil without contacts.
        /// Real-time channels only: deferred work has a deadline instead.
        public var serviceLevel: Double?
        /// Busy time ÷ staffed productive time, each interval's occupancy as `requirements.csv`
        /// gives it (for chat: busy conversation slots ÷ agents × K; for deferred work: work
        /// handled ÷ staffed time) weighted by its agents. Never above 1.
        public var occupancy: Double?
        /// Staffed intervals, and how many of them the occupancy cap (not the service targets)
        /// decided: the constraint that binds.
        public var staffedIntervals = 0
        public var cappedByOccupancy = 0
    }

    public var channels: [(channel: String, totals: Totals)]
    /// The real-time channels (queues, chat) together.
    public var realTime: Totals
    /// The deferred-work channels together, their share of contacts answered within the deadline
    /// in `answeredInTime`; nil without such channels.
    public var deferred: Totals?
    public var answeredInTime: Double?
    /// Contacts still waiting at the week's end on deferred channels.
    public var closingBacklog: Double
    /// When the oldest of them arrived (nil without a closing backlog).
    public var closingOldestArrival: Int64? = nil
    /// Contacts the deferred channels start the week with, carried from the week before, and
    /// the deadline of the oldest of them (nil when none is due within the week).
    public var openingBacklog = 0.0
    public var openingOldestDue: Int64? = nil
    /// Every channel together.
    public var all: Totals
    /// Contract hours of one full-time agent per week (config `fte_hours_per_week`).
    public var fteHoursPerWeek: Double

    public static func == (a: WeekKPIs, b: WeekKPIs) -> Bool {
        a.channels.map(\.channel) == b.channels.map(\.channel) && a.channels.map(\.totals) == b.channels.map(\.totals)
            && a.realTime == b.realTime && a.deferred == b.deferred && a.all == b.all
            && a.fteHoursPerWeek == b.fteHoursPerWeek
    }

    /// The figures of `channels`' requirement rows.
    public static func compute(
        _ channels: [(channel: String, kind: ChannelKind, rows: [RequirementRow])], intervalSeconds: Int,
        fteHoursPerWeek: Double
    ) -> WeekKPIs {
        func totals(_ rows: [RequirementRow], serviceLevel: Bool) -> Totals {
            var t = Totals()
            let hours = Double(intervalSeconds) / 3600
            var heads: [Int64: Int] = [:]
            var slWeighted = 0.0
            var slContacts = 0.0
            var busy = 0.0
            var agents = 0.0
            for row in rows {
                t.contacts += row.meanContacts
                t.workloadHours += row.meanContacts * row.ahtSeconds / 3600
                t.agentHours += Double(row.staffing.headcount) * hours
                heads[row.instant, default: 0] += row.staffing.headcount
                if serviceLevel, row.serviceLevelAtMean.isFinite {
                    slWeighted += row.serviceLevelAtMean * row.meanContacts
                    slContacts += row.meanContacts
                }
                if row.staffing.agents > 0 {
                    t.staffedIntervals += 1
                    if row.staffing.agents > row.staffing.agentsBeforeOccupancyCap { t.cappedByOccupancy += 1 }
                }
                let occupancy = row.staffing.metrics.occupancy
                if row.staffing.agents > 0, occupancy.isFinite {
                    busy += min(1, occupancy) * Double(row.staffing.agents)
                    agents += Double(row.staffing.agents)
                }
            }
            t.fte = fteHoursPerWeek > 0 ? t.agentHours / fteHoursPerWeek : 0
            t.peakHeads = heads.values.max() ?? 0
            t.serviceLevel = slContacts > 0 ? slWeighted / slContacts : nil
            t.occupancy = agents > 0 ? busy / agents : nil
            return t
        }
        let realTimeRows = channels.filter { $0.kind.deadlineSeconds == nil }.flatMap(\.rows)
        let deferredRows = channels.filter { $0.kind.deadlineSeconds != nil }.flatMap(\.rows)
        var closing = 0.0
        for channel in channels where channel.kind.deadlineSeconds != nil {
            closing += channel.rows.max { $0.instant < $1.instant }?.backlog ?? 0
        }
        return WeekKPIs(
            channels: channels.map { ($0.channel, totals($0.rows, serviceLevel: $0.kind.deadlineSeconds == nil)) },
            realTime: totals(realTimeRows, serviceLevel: true),
            deferred: deferredRows.isEmpty ? nil : totals(deferredRows, serviceLevel: false),
            // Every contact due within the week is planned within its deadline (the plan refuses otherwise).
            answeredInTime: deferredRows.isEmpty ? nil : 1,
            closingBacklog: closing,
            all: {
                var all = totals(channels.flatMap(\.rows), serviceLevel: false)
                all.serviceLevel = totals(realTimeRows, serviceLevel: true).serviceLevel
                return all
            }(),
            fteHoursPerWeek: fteHoursPerWeek)
    }
}

extension WeekKPIs {
    /// The deferred work carried across the week's edges: in, with the deadline of its oldest
    /// contact (the end of its due interval on the week's grid), and out, with the arrival of its
    /// oldest (the last interval's end less its age).
    mutating func carriedWork(_ channels: [ChannelPlan], weekStart: Int64, intervalSeconds: Int) {
        let step = Int64(intervalSeconds)
        for channel in channels where channel.policy.kind.deadlineSeconds != nil {
            for piece in channel.openingBacklog where piece.contacts > 0 {
                openingBacklog += piece.contacts
                guard piece.due != Int.max else { continue }
                let due = weekStart + Int64(piece.due + 1) * step
                openingOldestDue = min(openingOldestDue ?? due, due)
            }
            if let last = channel.requirements.max(by: { $0.instant < $1.instant }), let backlog = last.backlog,
                backlog > 1e-9, let age = last.oldestAgeSeconds
            {
                let arrival = last.instant + step - Int64(age.rounded())
                closingOldestArrival = min(closingOldestArrival ?? arrival, arrival)
            }
        }
    }
}
