import Forecasting
import Queueing
import StaffcastCore

/// The measures of `Review`, one function each: the replay through the simulator, the agents
/// the actuals needed, deferred work's within-deadline replay, and the accuracy summary.
enum ReviewMeasures {
    /// Replays the actual counts of a queued channel against the scheduled agents (see `Review`);
    /// fills each interval's service level and returns the span's level with its 95 % interval.
    static func simulate(
        _ intervals: inout [Review.Interval], policy: ChannelPolicy, intervalSeconds: Int, seed: UInt64,
        replications: Int
    ) throws(PlanningError) -> ConfidenceInterval {
        let base = policy.ahtSeconds >= 1 ? policy.ahtSeconds : (intervals.first?.ahtSeconds ?? 1)
        var setup = SimulationSetup(
            intervalSeconds: Double(intervalSeconds), contacts: intervals.map { $0.actual ?? 0 },
            agents: intervals.map(\.scheduledAgents), handleTime: .exponential(meanSeconds: base),
            patienceSeconds: policy.target.patienceSeconds, targetSeconds: policy.target.targetSeconds,
            arrivals: .replay, seed: seed, replications: replications)
        setup.intervalAHTSeconds = intervals.map(\.ahtSeconds)
        let result = try queueing { () throws(QueueingError) in try Simulator.run(setup) }
        for (i, simulated) in result.intervals.enumerated() {
            intervals[i].offered = simulated.offered
            intervals[i].inTime = simulated.answeredWithinTarget
            intervals[i].serviceLevel = simulated.offered > 0 ? simulated.answeredWithinTarget / simulated.offered : nil
        }
        return result.serviceLevel
    }

    /// The agents each reviewed interval's actual volume and handle time needed at the plan's
    /// target (queued and chat channels), as `staff` computes them.
    static func required(_ intervals: inout [Review.Interval], policy: ChannelPolicy, intervalSeconds: Int)
        throws(PlanningError)
    {
        for i in intervals.indices where intervals[i].reviewed {
            let contacts = intervals[i].actual ?? 0
            guard contacts > 0 else {
                intervals[i].requiredAgents = 0
                continue
            }
            let row = try RequirementPlanner.staffInterval(
                instant: intervals[i].instant, channel: intervals[i].channel, contacts: contacts,
                meanContacts: contacts, ahtSeconds: intervals[i].ahtSeconds, policy: policy,
                intervalSeconds: intervalSeconds)
            intervals[i].requiredAgents = row.staffing.agents
        }
    }

    /// Deferred work: the agents a levelled plan of the actual arrivals needed (`DeferredPlanner`,
    /// opening with no backlog: what the week inherited is not in the actuals), and the share of
    /// the contacts arriving in each interval that the scheduled agents handled by its due
    /// interval (`withinDeadline`), both with the contact-weighted mean handle time as the plan uses.
    static func deferred(
        _ intervals: inout [Review.Interval], channel: String, policy: ChannelPolicy, rules: DeferredRules,
        plan: PublishedPlan
    ) throws(PlanningError) {
        guard let first = intervals.first, let last = intervals.last else { return }
        // The intervals the plan forecast (or that had contacts): without working hours these are
        // the channel's working time, as the plan's forecast rows were.
        let known = intervals.filter(\.reviewed)
        let actuals = Forecast(
            channel: channel, model: "actuals", instants: known.map(\.instant), mean: known.map { $0.actual ?? 0 },
            lo80: known.map { $0.actual ?? 0 }, hi80: known.map { $0.actual ?? 0 },
            lo95: known.map { $0.actual ?? 0 }, hi95: known.map { $0.actual ?? 0 })
        let aht = RequirementPlanner.meanAHT(known.map(\.ahtSeconds), weights: actuals.mean)
        let horizon = first.instant..<last.instant + Int64(plan.intervalSeconds)
        var opening = rules
        opening.opening = .given(0)
        let source = plan.folder + "/manifest.json"
        let rows = try DeferredPlanner.plan(
            actuals, contacts: actuals.mean, ahtSeconds: aht, rules: opening, shrinkage: policy.target.shrinkage,
            intervalSeconds: plan.intervalSeconds, calendar: plan.calendar, horizon: horizon, waiting: [],
            source: source)
        var agents: [Int64: Int] = [:]
        for row in rows { agents[row.instant] = row.staffing.agents }
        for i in intervals.indices where intervals[i].reviewed {
            intervals[i].requiredAgents = agents[intervals[i].instant] ?? 0
        }
        guard
            let grid = try DeferredPlanner.grid(
                actuals, contacts: actuals.mean, rules: opening, intervalSeconds: plan.intervalSeconds,
                calendar: plan.calendar, horizon: horizon, source: source),
            grid.due.count == intervals.count
        else { return }
        let capacity = intervals.map { Double($0.scheduledAgents) * Double(plan.intervalSeconds) / aht }
        let (inTime, settled) = withinDeadline(
            arrivals: intervals.map { $0.actual ?? 0 }, capacity: capacity, due: grid.due)
        for i in intervals.indices {
            intervals[i].offered = settled[i]
            intervals[i].inTime = inTime[i]
            intervals[i].serviceLevel = settled[i] > 0 ? inTime[i] / settled[i] : nil
        }
    }

    /// Fluid first-in-first-out replay of deferred work: the contacts of interval i join the
    /// queue at its start, interval j handles up to `capacity[j]` contacts from the head, and a
    /// contact of i is in time when handled by the end of interval `due[i]`. Returns per arrival
    /// interval the contacts handled in time and those settled — handled, or still waiting after
    /// their due interval passed; contacts due after the horizon and still waiting are neither.
    static func withinDeadline(arrivals: [Double], capacity: [Double], due: [Int]) -> (
        inTime: [Double], settled: [Double]
    ) {
        let count = arrivals.count
        var inTime = [Double](repeating: 0, count: count)
        var settled = inTime
        var queue: [(index: Int, left: Double)] = []
        var head = 0
        for j in 0..<count {
            if arrivals[j] > 0 { queue.append((j, arrivals[j])) }
            var free = capacity[j]
            while free > 1e-12, head < queue.count {
                let take = min(free, queue[head].left)
                let i = queue[head].index
                settled[i] += take
                if j <= due[i] { inTime[i] += take }
                free -= take
                queue[head].left -= take
                if queue[head].left <= 1e-12 { head += 1 }
            }
        }
        for k in head..<queue.count where due[queue[k].index] < count { settled[queue[k].index] += queue[k].left }
        return (inTime, settled)
    }

    /// Accuracy, service and staffing over the reviewed intervals of `intervals` (see `Review`).
    static func summary(_ intervals: [Review.Interval], channel: String, date: CivilDate?, intervalSeconds: Int)
        -> Review.Summary
    {
        let reviewed = intervals.filter(\.reviewed)
        let forecast = reviewed.map(\.forecast)
        let actual = reviewed.map { $0.actual ?? 0 }
        var over = 0.0
        var under = 0.0
        let hours = Double(intervalSeconds) / 3600
        for row in reviewed {
            if let required = row.requiredAgents {
                let gap = Double(row.scheduledAgents - required)
                if gap > 0 { over += gap * hours } else { under -= gap * hours }
            }
        }
        let offered = intervals.reduce(0) { $0 + $1.offered }
        let inTime = intervals.reduce(0) { $0 + $1.inTime }
        return Review.Summary(
            channel: channel, date: date, forecast: forecast.reduce(0, +), actual: actual.reduce(0, +),
            intervals: reviewed.count,
            wape: Accuracy.wape(forecast: forecast, actual: actual),
            bias: Accuracy.bias(forecast: forecast, actual: actual),
            coverage80: Accuracy.coverage(actual: actual, lower: reviewed.map(\.lo80), upper: reviewed.map(\.hi80)),
            coverage95: Accuracy.coverage(actual: actual, lower: reviewed.map(\.lo95), upper: reviewed.map(\.hi95)),
            serviceLevel: offered > 0 ? inTime / offered : nil, overAgentHours: over, underAgentHours: under)
    }
}
