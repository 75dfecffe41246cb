extension StaffingSolver {
    /// Erlang A staffing: the smallest N meeting the service-level, ASA (of answered contacts) and
    /// abandonment targets, then raised to the occupancy floor.
    ///
    /// With abandonment every N is stable, so there is no ⌊A⌋ + 1 start; the measures are monotone
    /// in N, so we gallop up from ⌈A⌉ (doubling) to bracket the answer and bisect, about 2·log₂ A
    /// evaluations of O(N + queue states) each.
    static func solveErlangA(
        traffic: Double, ahtSeconds: Double, patienceSeconds: Double, target: StaffingTarget,
        occupancyFloor: Int
    ) throws(QueueingError) -> Staffing {
        func evaluate(_ agents: Int) throws(QueueingError) -> QueueMetrics {
            try ErlangA.validatedDetailedMetrics(
                traffic: traffic, ahtSeconds: ahtSeconds, patienceSeconds: patienceSeconds,
                agents: agents, targetSeconds: target.targetSeconds
            ).metrics
        }
        func meets(_ agents: Int) throws(QueueingError) -> Bool {
            meetsQueueTargets(try evaluate(agents), target)
        }
        let limit = QueueingLimits.maximumAgents
        var agentsForQueue = 0
        if try !meets(0) {
            // meets(low) is false, meets(high) true.
            var low = 0
            var high = max(1, Int(traffic.rounded(.up)))
            while try !meets(high) {
                guard high < limit else { throw tooManyAgents(traffic: traffic) }
                low = high
                high = min(limit, high * 2)
            }
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if try meets(middle) { high = middle } else { low = middle }
            }
            agentsForQueue = high
        }
        let agents = max(agentsForQueue, occupancyFloor)
        return Staffing(
            agents: agents, headcount: Headcount.scheduled(agents: agents, shrinkage: target.shrinkage),
            metrics: try evaluate(agents), agentsBeforeOccupancyCap: agentsForQueue)
    }
}
