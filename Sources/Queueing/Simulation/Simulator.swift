import StaffcastCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Discrete-event simulation of a staffing plan: checks what Erlang C/A promise when arrivals are
/// random, handle times are not exponential, patience runs out and the staff changes every interval.
///
/// Model: arrivals per `SimulationSetup.Arrivals`; handle times exponential or lognormal
/// (σ² = ln(1 + CV²), μ = ln(mean) − σ²/2), scaled per interval to `intervalAHTSeconds` when given;
/// exponential patience; one FIFO queue carried across
/// interval boundaries; `agents[i]` agents during interval i, the last interval's staff staying on
/// after the horizon until the queue is empty; a staffing drop follows `SimulationSetup.Departure`.
///
/// Method: with one FIFO queue the contacts start service in arrival order, so each contact is
/// placed as it arrives (the Kiefer–Wolfowitz recursion): it starts at max(arrival, earliest time an
/// agent is free), from a binary min-heap of the agents' next-free times, and abandons instead if
/// that wait exceeds its patience. Start times never decrease, so interval boundaries are applied
/// lazily the first time a start would reach them. Per contact: three or four variates and
/// O(log N) heap work, no allocation; the heap is rebuilt only at boundaries where the staff drops.
///
/// Reproducible byte for byte: xoshiro256** seeded through SplitMix64, replication r using the
/// stream seeded by SplitMix64(seed) advanced r + 1 times; no system randomness.
///
/// Measures are taken over the contacts *arriving* in each interval (wherever they are answered);
/// service level = answered within T / offered, abandons never in time (as `ErlangA`); ASA = mean
/// wait of answered contacts; occupancy = busy / staffed agent time inside the interval.
///
/// References: Kiefer & Wolfowitz (1955), "On the theory of queues with many servers", *Trans.
/// AMS* 78; Law (2015), *Simulation Modeling and Analysis*, 5th ed., ch. 9 (replications and t
/// intervals); Gans, Koole & Mandelbaum (2003), §4.
public enum Simulator {
    /// Runs `setup.replications` independent replications.
    /// - Throws: `QueueingError.invalidParameter` naming the first bad field (see
    ///   `SimulationSetup.validated()`).
    public static func run(_ setup: SimulationSetup) throws(QueueingError) -> SimulationResult {
        let setup = try setup.validated()
        let count = setup.contacts.count
        var totals = IntervalTallies(count: count)
        var serviceLevels: [Double] = []
        var offeredPerReplication: [Double] = []
        var inTimePerReplication: [Double] = []
        serviceLevels.reserveCapacity(setup.replications)
        var seeds = SplitMix64(seed: setup.seed)
        var engine = SimulationEngine(setup: setup)
        var unanswered = 0.0
        for _ in 0..<setup.replications {
            engine.reset(seed: seeds.next())
            engine.runReplication()
            let offered = engine.tallies.offered.reduce(0, +)
            let inTime = engine.tallies.answeredWithinTarget.reduce(0, +)
            serviceLevels.append(offered > 0 ? inTime / offered : 1)
            offeredPerReplication.append(offered)
            inTimePerReplication.append(inTime)
            unanswered += engine.unanswered
            totals.add(engine.tallies)
        }
        let r = Double(setup.replications)
        var intervals: [SimulatedInterval] = []
        intervals.reserveCapacity(count)
        for i in 0..<count {
            let offered = totals.offered[i]
            let answered = totals.answered[i]
            intervals.append(
                SimulatedInterval(
                    offered: offered / r, answered: answered / r, abandoned: totals.abandoned[i] / r,
                    answeredWithinTarget: totals.answeredWithinTarget[i] / r,
                    serviceLevel: offered > 0 ? totals.answeredWithinTarget[i] / offered : 1,
                    asaSeconds: answered > 0 ? totals.waitSeconds[i] / answered : 0,
                    occupancy: Self.occupancy(busy: totals.busySeconds[i], staffed: totals.staffedSeconds[i]),
                    answeredWaitSeconds: totals.waitSeconds[i] / r, busyAgentSeconds: totals.busySeconds[i] / r,
                    staffedAgentSeconds: totals.staffedSeconds[i] / r))
        }
        return SimulationResult(
            intervals: intervals, replicationServiceLevels: serviceLevels,
            replicationOffered: offeredPerReplication, replicationAnsweredWithinTarget: inTimePerReplication,
            serviceLevel: ConfidenceInterval(samples: serviceLevels),
            offered: totals.offered.reduce(0, +) / r, answered: totals.answered.reduce(0, +) / r,
            abandoned: totals.abandoned.reduce(0, +) / r, unanswered: unanswered / r)
    }
}

/// Per-interval sums of one replication (or of several).
struct IntervalTallies {
    var offered, answered, abandoned, answeredWithinTarget, waitSeconds, busySeconds, staffedSeconds: [Double]

    init(count: Int) {
        let zeros = [Double](repeating: 0, count: count)
        offered = zeros
        answered = zeros
        abandoned = zeros
        answeredWithinTarget = zeros
        waitSeconds = zeros
        busySeconds = zeros
        staffedSeconds = zeros
    }

    mutating func clear() {
        for i in offered.indices {
            offered[i] = 0
            answered[i] = 0
            abandoned[i] = 0
            answeredWithinTarget[i] = 0
            waitSeconds[i] = 0
            busySeconds[i] = 0
            staffedSeconds[i] = 0
        }
    }

    mutating func add(_ other: IntervalTallies) {
        for i in offered.indices {
            offered[i] += other.offered[i]
            answered[i] += other.answered[i]
            abandoned[i] += other.abandoned[i]
            answeredWithinTarget[i] += other.answeredWithinTarget[i]
            waitSeconds[i] += other.waitSeconds[i]
            busySeconds[i] += other.busySeconds[i]
            staffedSeconds[i] += other.staffedSeconds[i]
        }
    }
}

/// One replication's state. Time runs from 0 at the start of the first interval.
struct SimulationEngine {
    let setup: SimulationSetup
    let interval: Double
    let intervalCount: Int
    let lognormalMu: Double
    let lognormalSigma: Double
    let isLognormal: Bool
    let meanHandle: Double
    /// Per interval, the factor on a drawn handle time (`intervalAHTSeconds[i] / meanHandle`); empty: 1.
    let handleScale: [Double]

    var random = VariateSource(seed: 0)
    var tallies: IntervalTallies
    /// Next-free times of the agents on duty, a binary min-heap.
    var freeAt: [Double] = []
    /// The next interval boundary not yet applied (index of the interval it opens).
    var nextBoundary = 1
    /// Work left on contacts taken back from leaving agents (`.preempt`), head of the queue first.
    var resumeQueue: [Double] = []
    var unanswered = 0.0

    init(setup: SimulationSetup) {
        self.setup = setup
        interval = setup.intervalSeconds
        intervalCount = setup.contacts.count
        switch setup.handleTime {
        case .exponential(let mean):
            meanHandle = mean
            isLognormal = false
            lognormalMu = 0
            lognormalSigma = 0
        case .lognormal(let mean, let cv):
            let variance = log1p(cv * cv)
            meanHandle = mean
            isLognormal = true
            lognormalSigma = variance.squareRoot()
            lognormalMu = log(mean) - variance / 2
        }
        handleScale = setup.intervalAHTSeconds.map { [meanHandle] in $0.map { $0 / meanHandle } } ?? []
        tallies = IntervalTallies(count: setup.contacts.count)
    }

    mutating func reset(seed: UInt64) {
        random = VariateSource(seed: seed)
        tallies.clear()
        freeAt.removeAll(keepingCapacity: true)
        resumeQueue.removeAll(keepingCapacity: true)
        nextBoundary = 1
        unanswered = 0
    }

    mutating func runReplication() {
        guard intervalCount > 0 else { return }
        for _ in 0..<setup.agents[0] { freeAt.append(0) }
        for i in 0..<intervalCount {
            tallies.staffedSeconds[i] += Double(setup.agents[i]) * interval
        }
        for i in 0..<intervalCount {
            let start = Double(i) * interval
            let expected = setup.contacts[i]
            switch setup.arrivals {
            case .poisson:
                guard expected > 0 else { continue }
                let meanGap = interval / expected
                let end = start + interval
                var time = start + random.exponential() * meanGap
                while time < end {
                    place(arrival: time, interval: i)
                    time += random.exponential() * meanGap
                }
            case .replay:
                // Sorted uniform times drawn one by one: the minimum of k uniforms on (t, end) is
                // t + (end − t)(1 − U^(1/k)).
                var remaining = Int(expected.rounded())
                var time = start
                let end = start + interval
                while remaining > 0 {
                    time += (end - time) * -expm1(log(random.uniform()) / Double(remaining))
                    place(arrival: min(time, end.nextDown), interval: i)
                    remaining -= 1
                }
            }
        }
        // Apply the boundaries no start reached, so leavers' overruns are counted as staffed time.
        _ = startTime(ready: .infinity)
    }

    @inline(__always)
    mutating func handleTime() -> Double {
        isLognormal ? exp(lognormalMu + lognormalSigma * random.normal()) : meanHandle * random.exponential()
    }

    /// One arriving contact: draw its handle time and patience, find its start, tally it.
    @inline(__always)
    mutating func place(arrival: Double, interval i: Int) {
        let work = handleScale.isEmpty ? handleTime() : handleTime() * handleScale[i]
        let patience = setup.patienceSeconds.map { $0 * random.exponential() } ?? .infinity
        tallies.offered[i] += 1
        let start = startTime(ready: arrival)
        let wait = start - arrival
        if wait > patience {
            tallies.abandoned[i] += 1
            return
        }
        guard start < .infinity else {
            unanswered += 1
            return
        }
        tallies.answered[i] += 1
        tallies.waitSeconds[i] += wait
        if wait <= setup.targetSeconds { tallies.answeredWithinTarget[i] += 1 }
        assignTop(start: start, work: work)
    }

    /// The agent at the top of the heap takes `work` seconds from `start`.
    @inline(__always)
    mutating func assignTop(start: Double, work: Double) {
        let end = start + work
        freeAt[0] = end
        siftDown(0)
        addSpan(from: start, to: end, into: \.busySeconds, sign: 1)
    }

    /// The earliest start for a contact ready at `ready`, applying every boundary reached on the
    /// way; the agent is then the heap's top. +∞ when no agent will ever be free.
    mutating func startTime(ready: Double) -> Double {
        while true {
            let candidate = max(ready, freeAt.isEmpty ? .infinity : freeAt[0])
            if nextBoundary < intervalCount {
                let boundary = Double(nextBoundary) * interval
                if candidate >= boundary {
                    applyBoundary(at: boundary, agents: setup.agents[nextBoundary])
                    nextBoundary += 1
                    serveResumed(at: boundary)
                    continue
                }
            }
            return candidate
        }
    }

    /// The staff changes to `agents` at `boundary`. Every start so far is before `boundary`.
    mutating func applyBoundary(at boundary: Double, agents: Int) {
        let current = freeAt.count
        if agents > current {
            for _ in current..<agents { push(boundary) }
            return
        }
        guard agents < current else { return }
        // A sorted array is a valid min-heap. Idle agents (free by the boundary) sort first.
        freeAt.sort()
        var leaving = current - agents
        var idle = 0
        while idle < freeAt.count, freeAt[idle] <= boundary { idle += 1 }
        let idleLeaving = min(idle, leaving)
        freeAt.removeFirst(idleLeaving)
        leaving -= idleLeaving
        // The busy agents whose contacts end last leave.
        for _ in 0..<leaving {
            guard let end = freeAt.popLast() else { break }
            switch setup.departure {
            case .finish:
                addSpan(from: boundary, to: end, into: \.staffedSeconds, sign: 1)
            case .preempt:
                addSpan(from: boundary, to: end, into: \.busySeconds, sign: -1)
                resumeQueue.append(end - boundary)
            }
        }
    }

    /// Contacts taken back at `boundary` go to the next free agents, before anyone waiting.
    mutating func serveResumed(at boundary: Double) {
        while !resumeQueue.isEmpty {
            let work = resumeQueue.removeFirst()
            let start = startTime(ready: boundary)
            guard start < .infinity else {
                resumeQueue.removeAll(keepingCapacity: true)  // no agent ever again: the contacts stay unfinished
                return
            }
            assignTop(start: start, work: work)
        }
    }

    /// Adds `sign` × the part of [from, to) inside each interval of the horizon.
    @inline(__always)
    mutating func addSpan(
        from: Double, to: Double, into field: WritableKeyPath<IntervalTallies, [Double]>, sign: Double
    ) {
        var i = Int(from / interval)
        var lower = from
        while i < intervalCount, lower < to {
            let upper = min(to, Double(i + 1) * interval)
            if upper > lower { tallies[keyPath: field][i] += sign * (upper - lower) }
            lower = upper
            i += 1
        }
    }

    mutating func push(_ time: Double) {
        freeAt.append(time)
        var child = freeAt.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard freeAt[child] < freeAt[parent] else { break }
            freeAt.swapAt(child, parent)
            child = parent
        }
    }

    @inline(__always)
    mutating func siftDown(_ start: Int) {
        let count = freeAt.count
        var parent = start
        let value = freeAt[parent]
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count, freeAt[child + 1] < freeAt[child] { child += 1 }
            guard freeAt[child] < value else { break }
            freeAt[parent] = freeAt[child]
            parent = child
        }
        freeAt[parent] = value
    }
}

extension Simulator {
    /// Busy ÷ staffed agent-seconds. Busy seconds are summed from service pieces clipped to the
    /// interval, so a sum can exceed the staffed seconds by rounding (1.0000000000000007): that is
    /// clamped to 1; anything more is left for the caller to see.
    static func occupancy(busy: Double, staffed: Double) -> Double {
        guard staffed > 0 else { return 0 }
        let ratio = busy / staffed
        return ratio > 1 && ratio <= 1 + 1e-9 ? 1 : ratio
    }
}
