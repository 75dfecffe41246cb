import Queueing
import StaffcastCore

/// `simulate`'s run: each channel of an arrivals history simulated against a staffing file.
public enum ArrivalReplay {
    public struct ChannelResult: Sendable {
        public var channel: String
        public var serviceLevel: ConfidenceInterval
        /// Mean offered per replication.
        public var offered: Double
        /// Mean abandoned per replication, when patience is modelled.
        public var abandoned: Double?
    }

    public struct Result: Sendable {
        /// Per interval and channel, sorted by instant then channel.
        public var intervals: [(instant: Int64, channel: String, interval: SimulatedInterval)]
        public var channels: [ChannelResult]
        /// All channels pooled, when there are several (service level over every contact).
        public var overall: ChannelResult?
    }

    /// Runs `template` (everything but the intervals) for every channel of `arrivals`, each with its
    /// own stream of random numbers. Every interval with contacts needs a staffing row.
    public static func run(
        arrivals: ContactHistory, arrivalsPath: String, staffing: StaffingFile,
        template: SimulationSetup, calendar: PlanningCalendar
    ) throws(PlanningError) -> Result {
        var rows: [(instant: Int64, channel: String, interval: SimulatedInterval)] = []
        var pooledOffered = [Double](repeating: 0, count: template.replications)
        var pooledInTime = pooledOffered
        var channels: [ChannelResult] = []
        var matched = 0
        for series in arrivals.series {
            var setup = template
            setup.intervalSeconds = Double(series.intervalSeconds)
            setup.seed = channelSeed(template.seed, channel: series.channel)
            setup.contacts = []
            setup.agents = []
            for (index, count) in series.contacts.enumerated() {
                let instant = series.start + Int64(index * series.intervalSeconds)
                let contacts = count ?? 0
                let agents = staffing.agents[StaffingFile.Key(instant: instant, channel: series.channel)]
                if agents != nil { matched += 1 }
                if agents == nil, contacts > 0 {
                    throw .badData(
                        "\(staffing.path): no staffing for \(series.channel) at \(calendar.format(instant)), "
                            + "where \(arrivalsPath) has \(NumberFormat.plain(contacts, maxFractionDigits: 3)) contacts"
                    )
                }
                setup.contacts.append(contacts)
                setup.agents.append(agents ?? 0)
            }
            let result = try queueing { () throws(QueueingError) in try Simulator.run(setup) }
            for (index, interval) in result.intervals.enumerated() {
                rows.append((series.start + Int64(index * series.intervalSeconds), series.channel, interval))
            }
            for r in 0..<template.replications {
                pooledOffered[r] += result.replicationOffered[r]
                pooledInTime[r] += result.replicationAnsweredWithinTarget[r]
            }
            channels.append(
                ChannelResult(
                    channel: series.channel, serviceLevel: result.serviceLevel, offered: result.offered,
                    abandoned: template.patienceSeconds == nil ? nil : result.abandoned))
        }
        guard matched > 0 else {
            throw .badData(
                "\(staffing.path): no row matches an interval of \(arrivalsPath) (check the timestamps, channels and --timezone)"
            )
        }
        var overall: ChannelResult? = nil
        if arrivals.series.count > 1 {
            let levels = zip(pooledInTime, pooledOffered).map { $1 > 0 ? $0 / $1 : 1 }
            overall = ChannelResult(
                channel: "overall", serviceLevel: ConfidenceInterval(samples: levels),
                offered: pooledOffered.reduce(0, +) / Double(template.replications), abandoned: nil)
        }
        rows.sort { ($0.instant, $0.channel) < ($1.instant, $1.channel) }
        return Result(intervals: rows, channels: channels, overall: overall)
    }

    /// Each channel its own stream, stable across runs and platforms (FNV-1a of the name, not
    /// Swift's per-process hash).
    static func channelSeed(_ seed: UInt64, channel: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in channel.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var mixer = SplitMix64(seed: seed ^ hash)
        return mixer.next()
    }
}
