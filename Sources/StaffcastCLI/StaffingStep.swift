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

    static func staff(_ forecast: Forecast, policy: ChannelPolicy, intervalSeconds: Int,
                      staffTo: StaffTo) throws(CLIError) -> [RequirementRow] {
        var rows: [RequirementRow] = []
        rows.reserveCapacity(forecast.instants.count)
        for i in forecast.instants.indices {
            let contacts = Self.contacts(mean: forecast.mean[i], hi80: forecast.hi80[i], hi95: forecast.hi95[i], staffTo: staffTo)
            rows.append(try staffInterval(instant: forecast.instants[i], channel: forecast.channel, contacts: contacts,
                                          meanContacts: forecast.mean[i], ahtSeconds: policy.ahtSeconds,
                                          target: policy.target, intervalSeconds: intervalSeconds))
        }
        return rows
    }

    static func staffInterval(instant: Int64, channel: String, contacts: Double, meanContacts: Double, ahtSeconds: Double,
                              target: StaffingTarget, intervalSeconds: Int) throws(CLIError) -> RequirementRow {
        let staffing = try queueing { () throws(QueueingError) in
            try StaffingSolver.solve(contacts: contacts, intervalSeconds: Double(intervalSeconds),
                                     ahtSeconds: ahtSeconds, target: target)
        }
        let atMean = contacts == meanContacts ? staffing.metrics.serviceLevel
            : metrics(contacts: meanContacts, intervalSeconds: intervalSeconds, ahtSeconds: ahtSeconds,
                      agents: staffing.agents, target: target).serviceLevel
        return RequirementRow(instant: instant, channel: channel, contacts: contacts, meanContacts: meanContacts,
                              ahtSeconds: ahtSeconds, staffing: staffing, serviceLevelAtMean: atMean)
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
