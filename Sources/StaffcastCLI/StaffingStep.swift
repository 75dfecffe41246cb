import StaffcastCore
import Forecasting
import Queueing
import Reports

/// Turns a channel's forecast into agents per interval: the staffing solver applied to the
/// contacts of the chosen quantile, with the service level the mean forecast would get.
enum StaffingStep {
    /// Standard normal quantiles: z(0.80), z(0.90) (the 80 % interval's upper end), z(0.95),
    /// z(0.975) (the 95 % interval's upper end).
    static let z80 = 0.8416212335729143, z90 = 1.2815515655446004, z95 = 1.6448536269514722, z975 = 1.959963984540054

    /// Contacts at quantile `staffTo` of an interval's forecast distribution. The upper half of
    /// the prediction intervals gives the spread: p80 reads the 80 % interval's upper end (the
    /// 90th percentile) as mean + z(0.90)·σ, p95 the 95 % interval's (97.5th) as mean + z(0.975)·σ.
    static func contacts(mean: Double, hi80: Double, hi95: Double, staffTo: StaffTo) -> Double {
        switch staffTo {
        case .p50: return mean
        case .p80: return mean + max(0, hi80 - mean) / z90 * z80
        case .p95: return mean + max(0, hi95 - mean) / z975 * z95
        }
    }

    /// `aht`: a handle time per forecast interval (the AHT forecast) replacing `policy.ahtSeconds`
    /// interval by interval; nil staffs every interval with `policy.ahtSeconds`. Explicit chat
    /// `ahtByConcurrency` levels are kept as given. Deferred work is planned over the whole week
    /// with one handle time, so it takes the contact-weighted mean of `aht`.
    static func staff(_ forecast: Forecast, policy: ChannelPolicy, intervalSeconds: Int,
                      staffTo: StaffTo, aht: [Double]? = nil) throws(CLIError) -> [RequirementRow] {
        if let aht, aht.count != forecast.instants.count {
            throw .badData("\(forecast.channel): \(aht.count) AHT values for \(forecast.instants.count) intervals")
        }
        if policy.deadlineSeconds != nil {
            var fixed = policy
            if let aht {
                let volume = forecast.mean.reduce(0, +)
                let work = zip(forecast.mean, aht).reduce(0) { $0 + $1.0 * $1.1 }
                fixed.ahtSeconds = volume > 0 ? work / volume : aht.reduce(0, +) / Double(max(1, aht.count))
            }
            return try deferred(forecast, policy: fixed, intervalSeconds: intervalSeconds)
        }
        var rows: [RequirementRow] = []
        rows.reserveCapacity(forecast.instants.count)
        var intervalPolicy = policy
        for i in forecast.instants.indices {
            if let aht { intervalPolicy.ahtSeconds = aht[i] }
            let contacts = Self.contacts(mean: forecast.mean[i], hi80: forecast.hi80[i], hi95: forecast.hi95[i], staffTo: staffTo)
            rows.append(try staffInterval(instant: forecast.instants[i], channel: forecast.channel, contacts: contacts,
                                          meanContacts: forecast.mean[i], policy: intervalPolicy, intervalSeconds: intervalSeconds))
        }
        return rows
    }

    /// Deferred work (a `deadline` channel): `DeferredBacklog.plan` over the forecast mean of the
    /// open intervals (the forecast's rows; the gaps between them are closed time), with the
    /// backlog starting empty at the first interval and carried to the last.
    /// Headcount = ⌈agents / (1 − shrinkage)⌉; service level = the share handled within the
    /// deadline, 1 by construction; no ASA.
    static func deferred(_ forecast: Forecast, policy: ChannelPolicy, intervalSeconds: Int) throws(CLIError) -> [RequirementRow] {
        guard let deadline = policy.deadlineSeconds, let first = forecast.instants.first, let last = forecast.instants.last else { return [] }
        let step = Int64(intervalSeconds)
        let count = Int((last - first) / step) + 1
        var arrivals = [Double](repeating: 0, count: count)
        var open = [Bool](repeating: false, count: count)
        for (i, instant) in forecast.instants.enumerated() {
            let slot = Int((instant - first) / step)
            guard (instant - first) % step == 0, slot < count else { continue }
            arrivals[slot] += forecast.mean[i]
            open[slot] = true
        }
        let plan = try queueing { () throws(QueueingError) in
            try DeferredBacklog.plan(arrivals: arrivals, openIntervals: open, intervalSeconds: intervalSeconds,
                                     ahtSeconds: policy.ahtSeconds, deadlineSeconds: deadline)
        }
        var rows: [RequirementRow] = []
        rows.reserveCapacity(forecast.instants.count)
        for (i, instant) in forecast.instants.enumerated() {
            let slot = Int((instant - first) / step)
            let interval = plan[slot]
            let capacity = Double(interval.agents) * Double(intervalSeconds)
            let metrics = QueueMetrics(agents: interval.agents, trafficErlangs: forecast.mean[i] * policy.ahtSeconds / Double(intervalSeconds),
                                       probWait: .nan, serviceLevel: 1, asaSeconds: .nan,
                                       occupancy: capacity > 0 ? min(1, interval.handled * policy.ahtSeconds / capacity) : 0,
                                       meanQueueLength: interval.backlog, abandonRate: nil)
            let staffing = Staffing(agents: interval.agents,
                                    headcount: Headcount.scheduled(agents: interval.agents, shrinkage: policy.target.shrinkage),
                                    metrics: metrics)
            rows.append(RequirementRow(instant: instant, channel: forecast.channel, contacts: forecast.mean[i],
                                       meanContacts: forecast.mean[i], ahtSeconds: policy.ahtSeconds, staffing: staffing,
                                       serviceLevelAtMean: 1, backlog: interval.backlog, oldestAgeSeconds: interval.oldestAgeSeconds))
        }
        return rows
    }

    static func staffInterval(instant: Int64, channel: String, contacts: Double, meanContacts: Double, policy: ChannelPolicy,
                              intervalSeconds: Int) throws(CLIError) -> RequirementRow {
        let target = policy.target
        let staffing = try queueing { () throws(QueueingError) in
            if let chat = policy.chatAHT {
                return try ChatConcurrency.requiredAgents(contacts: contacts, intervalSeconds: Double(intervalSeconds),
                                                          ahtSecondsByConcurrency: chat, target: target)
            }
            return try StaffingSolver.solve(contacts: contacts, intervalSeconds: Double(intervalSeconds),
                                            ahtSeconds: policy.ahtSeconds, target: target)
        }
        let atMean = contacts == meanContacts ? staffing.metrics.serviceLevel
            : metrics(contacts: meanContacts, intervalSeconds: intervalSeconds, policy: policy,
                      agents: staffing.agents).serviceLevel
        return RequirementRow(instant: instant, channel: channel, contacts: contacts, meanContacts: meanContacts,
                              ahtSeconds: policy.ahtSeconds, staffing: staffing, serviceLevelAtMean: atMean)
    }

    /// The metrics of a given staffing: the chat model when the policy has concurrency > 1, Erlang A
    /// when the target models patience, else Erlang C.
    static func metrics(contacts: Double, intervalSeconds: Int, policy: ChannelPolicy, agents: Int) -> QueueMetrics {
        if let chat = policy.chatAHT {
            return ChatConcurrency.metrics(contacts: contacts, intervalSeconds: Double(intervalSeconds),
                                           ahtSecondsByConcurrency: chat, agents: agents, targetSeconds: policy.target.targetSeconds)
        }
        return metrics(contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: policy.ahtSeconds, agents: agents,
                       target: policy.target)
    }

    /// The metrics of a given staffing: Erlang A when the target models patience, else Erlang C.
    static func metrics(contacts: Double, intervalSeconds: Int, ahtSeconds: Double, agents: Int,
                        target: StaffingTarget) -> QueueMetrics {
        if let patience = target.patienceSeconds {
            return ErlangA.metrics(traffic: contacts * ahtSeconds / Double(intervalSeconds), ahtSeconds: ahtSeconds,
                                   patienceSeconds: patience, agents: agents, targetSeconds: target.targetSeconds)
        }
        return ErlangC.metrics(contacts: contacts, intervalSeconds: Double(intervalSeconds), ahtSeconds: ahtSeconds,
                               agents: agents, targetSeconds: target.targetSeconds)
    }
}
