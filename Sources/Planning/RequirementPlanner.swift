import StaffcastCore
import Forecasting
import Queueing

/// Turns a channel's forecast into agents per interval: `ChannelStaffing` applied to the contacts
/// of the chosen quantile (`RiskStaffing`), with the service level the mean forecast would get.
public enum RequirementPlanner {
    /// `aht`: a handle time per forecast interval (the AHT forecast) replacing `policy.ahtSeconds`
    /// interval by interval; nil staffs every interval with `policy.ahtSeconds`. Explicit chat
    /// `ahtByConcurrency` levels are kept as given. Deferred work is planned over the whole week
    /// with one handle time, so it takes the contact-weighted mean of `aht`, and is staffed for
    /// the mean forecast.
    public static func staff(_ forecast: Forecast, policy: ChannelPolicy, intervalSeconds: Int,
                             staffTo: StaffTo, aht: [Double]? = nil) throws(PlanningError) -> [RequirementRow] {
        if let aht, aht.count != forecast.instants.count {
            throw .badData("\(forecast.channel): \(aht.count) AHT values for \(forecast.instants.count) intervals")
        }
        switch policy.kind {
        case .deferred:
            var ahtSeconds = policy.ahtSeconds
            if let aht {
                let volume = forecast.mean.reduce(0, +)
                let work = zip(forecast.mean, aht).reduce(0) { $0 + $1.0 * $1.1 }
                ahtSeconds = volume > 0 ? work / volume : aht.reduce(0, +) / Double(max(1, aht.count))
            }
            return try deferred(forecast, policy: policy, ahtSeconds: ahtSeconds, intervalSeconds: intervalSeconds)
        case .queue, .chat:
            var rows: [RequirementRow] = []
            rows.reserveCapacity(forecast.instants.count)
            for i in forecast.instants.indices {
                let intervalAHT = aht?[i] ?? policy.ahtSeconds
                let contacts = RiskStaffing.contacts(mean: forecast.mean[i], hi80: forecast.hi80[i], hi95: forecast.hi95[i], staffTo: staffTo)
                rows.append(try staffInterval(instant: forecast.instants[i], channel: forecast.channel, contacts: contacts,
                                              meanContacts: forecast.mean[i], ahtSeconds: intervalAHT, policy: policy,
                                              intervalSeconds: intervalSeconds))
            }
            return rows
        }
    }

    /// One interval of a real-time channel staffed for `contacts`, with the service level at the mean.
    public static func staffInterval(instant: Int64, channel: String, contacts: Double, meanContacts: Double, ahtSeconds: Double,
                                     policy: ChannelPolicy, intervalSeconds: Int) throws(PlanningError) -> RequirementRow {
        let staffing = try queueing { () throws(QueueingError) in
            try ChannelStaffing.requiredAgents(contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds,
                                               kind: policy.kind, target: policy.target)
        }
        let atMean = contacts == meanContacts ? staffing.metrics.serviceLevel
            : ChannelStaffing.metrics(contacts: meanContacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds,
                                      agents: staffing.agents, kind: policy.kind, target: policy.target)?.serviceLevel ?? .nan
        return RequirementRow(instant: instant, channel: channel, contacts: contacts, meanContacts: meanContacts,
                              ahtSeconds: ahtSeconds, staffing: staffing, serviceLevelAtMean: atMean)
    }

    /// Deferred work: the forecast mean of the open intervals (the forecast's rows; the gaps
    /// between them are closed time) planned by `ChannelStaffing` with the backlog starting empty.
    static func deferred(_ forecast: Forecast, policy: ChannelPolicy, ahtSeconds: Double,
                         intervalSeconds: Int) throws(PlanningError) -> [RequirementRow] {
        guard let first = forecast.instants.first else { return [] }
        let step = Int64(intervalSeconds)
        var slots: [Int] = []
        slots.reserveCapacity(forecast.instants.count)
        for instant in forecast.instants {
            let offset = instant - first
            guard offset >= 0, offset % step == 0, offset / step < 10_000_000 else {
                throw .badData("\(forecast.channel): the interval at \(instant) is not on the \(intervalSeconds / 60)-minute grid")
            }
            slots.append(Int(offset / step))
        }
        let planned = try queueing { () throws(QueueingError) in
            try ChannelStaffing.staff(contacts: forecast.mean, ahtSeconds: [Double](repeating: ahtSeconds, count: forecast.mean.count),
                                      slots: slots, intervalSeconds: intervalSeconds, kind: policy.kind, target: policy.target)
        }
        return forecast.instants.indices.map { i in
            RequirementRow(instant: forecast.instants[i], channel: forecast.channel, contacts: forecast.mean[i],
                           meanContacts: forecast.mean[i], ahtSeconds: ahtSeconds, staffing: planned[i].staffing,
                           serviceLevelAtMean: 1, backlog: planned[i].backlog, oldestAgeSeconds: planned[i].oldestAgeSeconds)
        }
    }
}
