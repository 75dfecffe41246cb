import Forecasting
import Queueing
import StaffcastCore

/// Turns a channel's forecast into agents per interval: `ChannelStaffing` applied to the contacts
/// of the chosen quantile (`RiskStaffing`), with the service level the mean forecast would get.
public enum RequirementPlanner {
    /// `aht`: a handle time per forecast interval (the AHT forecast) replacing `policy.ahtSeconds`
    /// interval by interval; nil staffs every interval with `policy.ahtSeconds`. Explicit chat
    /// `ahtByConcurrency` levels are kept as given. Deferred work is planned over the whole
    /// `horizon` (default: the forecast's span) by `DeferredPlanner`, with one handle time (the
    /// contact-weighted mean of `aht`), the quantile of each interval's contacts, and `waiting`
    /// as its opening backlog; `calendar` places its working hours, `source` names the config.
    public static func staff(
        _ forecast: Forecast, policy: ChannelPolicy, intervalSeconds: Int,
        staffTo: StaffTo, aht: [Double]? = nil, calendar: PlanningCalendar = .utc,
        horizon: Range<Int64>? = nil, waiting: [WaitingWork] = [], source: String = "config"
    ) throws(PlanningError) -> [RequirementRow] {
        if let aht, aht.count != forecast.instants.count {
            throw .badData("\(forecast.channel): \(aht.count) AHT values for \(forecast.instants.count) intervals")
        }
        let quantiles = forecast.instants.indices.map { i in
            RiskStaffing.contacts(
                mean: forecast.mean[i], hi80: forecast.hi80[i], hi95: forecast.hi95[i], staffTo: staffTo)
        }
        switch policy.kind {
        case .deferred(let rules):
            let ahtSeconds = aht.map { meanAHT($0, weights: forecast.mean) } ?? policy.ahtSeconds
            return try DeferredPlanner.plan(
                forecast, contacts: quantiles, ahtSeconds: ahtSeconds, rules: rules,
                shrinkage: policy.target.shrinkage, intervalSeconds: intervalSeconds, calendar: calendar,
                horizon: horizon, waiting: waiting, source: source)
        case .queue, .chat, .chatAverage:
            // Every interval on its own (a pure function of its inputs), on every core; the
            // first failure in interval order is the one reported, as in a sequential loop.
            let results = Parallel.map(forecast.instants.count, minimumChunk: 2048) {
                i -> Result<RequirementRow, PlanningError> in
                let ahtSeconds = aht?[i] ?? policy.ahtSeconds
                if let rule = policy.lowVolume, quantiles[i] < rule.minimumContacts {
                    return .success(
                        lowVolume(
                            instant: forecast.instants[i], channel: forecast.channel, contacts: quantiles[i],
                            meanContacts: forecast.mean[i], ahtSeconds: ahtSeconds, policy: policy, rule: rule,
                            intervalSeconds: intervalSeconds))
                }
                do throws(PlanningError) {
                    return .success(
                        try staffInterval(
                            instant: forecast.instants[i], channel: forecast.channel, contacts: quantiles[i],
                            meanContacts: forecast.mean[i], ahtSeconds: ahtSeconds, policy: policy,
                            intervalSeconds: intervalSeconds))
                } catch {
                    return .failure(error)
                }
            }
            return try results.map { result throws(PlanningError) in try result.get() }
        }
    }

    /// An interval below the channel's minimum volume: its cover agents (0: closed), with what
    /// they would give the mean forecast.
    static func lowVolume(
        instant: Int64, channel: String, contacts: Double, meanContacts: Double, ahtSeconds: Double,
        policy: ChannelPolicy, rule: LowVolumeRule, intervalSeconds: Int
    ) -> RequirementRow {
        let metrics =
            ChannelStaffing.metrics(
                contacts: meanContacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds,
                agents: rule.cover, kind: policy.kind, target: policy.target)
            ?? QueueMetrics(
                agents: rule.cover, trafficErlangs: 0, probWait: .nan, serviceLevel: .nan, asaSeconds: .nan,
                occupancy: 0, meanQueueLength: 0, abandonRate: nil)
        let staffing = Staffing(
            agents: rule.cover, headcount: Headcount.scheduled(agents: rule.cover, shrinkage: policy.target.shrinkage),
            metrics: metrics)
        var row = RequirementRow(
            instant: instant, channel: channel, contacts: contacts, meanContacts: meanContacts,
            ahtSeconds: ahtSeconds, staffing: staffing, serviceLevelAtMean: metrics.serviceLevel)
        row.rule = rule.cover > 0 ? .belowMinimumCover : .belowMinimumClosed
        return row
    }

    /// The contact-weighted mean of per-interval handle times (their plain mean without contacts).
    public static func meanAHT(_ aht: [Double], weights: [Double]) -> Double {
        let volume = weights.reduce(0, +)
        let work = zip(weights, aht).reduce(0) { $0 + $1.0 * $1.1 }
        return volume > 0 ? work / volume : aht.reduce(0, +) / Double(max(1, aht.count))
    }

    /// Agents in one interval above which the result is more likely a typo than a contact centre.
    public static let implausibleAgents = 10_000

    /// A warning when some interval of `rows` needs more than `implausibleAgents`, naming the first.
    public static func implausibleStaffing(_ rows: [RequirementRow], calendar: PlanningCalendar) -> String? {
        guard let row = rows.first(where: { $0.staffing.agents > implausibleAgents }) else { return nil }
        let count = rows.filter { $0.staffing.agents > implausibleAgents }.count
        return
            "\(row.channel) at \(calendar.format(row.instant)) needs \(row.staffing.agents) agents (\(count) interval(s) above \(implausibleAgents)); check its volume, handle time and shrinkage"
    }

    /// One interval of a real-time channel staffed for `contacts`, with the service level at the mean.
    public static func staffInterval(
        instant: Int64, channel: String, contacts: Double, meanContacts: Double, ahtSeconds: Double,
        policy: ChannelPolicy, intervalSeconds: Int
    ) throws(PlanningError) -> RequirementRow {
        let staffing = try queueing { () throws(QueueingError) in
            try ChannelStaffing.requiredAgents(
                contacts: contacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds,
                kind: policy.kind, target: policy.target)
        }
        let atMean =
            contacts == meanContacts
            ? staffing.metrics.serviceLevel
            : ChannelStaffing.metrics(
                contacts: meanContacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds,
                agents: staffing.agents, kind: policy.kind, target: policy.target)?.serviceLevel ?? .nan
        return RequirementRow(
            instant: instant, channel: channel, contacts: contacts, meanContacts: meanContacts,
            ahtSeconds: ahtSeconds, staffing: staffing, serviceLevelAtMean: atMean)
    }
}
