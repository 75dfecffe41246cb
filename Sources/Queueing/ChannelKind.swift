/// When agents work a deferred-work channel: per ISO weekday (1 = Monday … 7 = Sunday), windows
/// of local clock time in seconds after midnight, [start, end). Contacts may arrive at any time.
public struct WorkingHours: Sendable, Equatable {
    public var windows: [Int: [Range<Int>]]

    public init(windows: [Int: [Range<Int>]]) { self.windows = windows }

    /// Whether an interval starting `secondsOfDay` after local midnight on `weekday` lies in a window.
    public func contains(weekday: Int, secondsOfDay: Int, intervalSeconds: Int) -> Bool {
        (windows[weekday] ?? []).contains {
            $0.lowerBound <= secondsOfDay && secondsOfDay + intervalSeconds <= $0.upperBound
        }
    }
}

/// What a deferred-work deadline counts: working time (`24h` = 24 hours of working hours) or
/// clock time (`24h` = a day later, whatever the working hours).
public enum DeadlineClock: String, Sendable, Equatable {
    case working, wall
}

/// How deferred work is answered: its deadline, when agents work it, and what happens to the
/// backlog at the plan's edges.
public struct DeferredRules: Sendable, Equatable {
    public var deadlineSeconds: Int
    /// nil: agents work the channel whenever it has contacts (its forecast's open intervals).
    public var workingHours: WorkingHours?
    public var clock: DeadlineClock
    /// Contacts due after the plan's horizon: left in the closing backlog (`carry`), or all of
    /// the horizon's arrivals answered within it (`staff`).
    public var closing: Closing
    /// The backlog the plan starts with: what the previous week's work leaves (`history`) or a count.
    public var opening: Opening

    public enum Closing: String, Sendable, Equatable { case carry, staff }
    public enum Opening: Sendable, Equatable {
        case history
        case given(Double)
    }

    public init(
        deadlineSeconds: Int, workingHours: WorkingHours? = nil, clock: DeadlineClock = .working,
        closing: Closing = .carry, opening: Opening = .history
    ) {
        self.deadlineSeconds = deadlineSeconds
        self.workingHours = workingHours
        self.clock = clock
        self.closing = closing
        self.opening = opening
    }
}

/// How the contacts of a channel are worked, which decides the model that staffs it.
///
/// - `queue`: one contact at a time, answered in order (calls): Erlang C (`ErlangC`), or Erlang A
///   (`ErlangA`) when the `StaffingTarget` gives a patience.
/// - `chat`: an agent holds up to K conversations at once (`ChatConcurrency`); `ahtByConcurrency`
///   gives the handle time at 1…K, or nil for the channel's AHT at every level.
/// - `chatAverage`: an agent handles c conversations at once on average, c ≥ 1 not whole
///   (`AverageConcurrency`: ⌊N·c⌋ slots of one AHT).
/// - `deferred`: work answered within a deadline in working hours (e-mail, social messages;
///   `LevelledDeferred`), planned over a whole horizon rather than interval by interval.
///
/// A new kind (blended, multi-skill) is one more case: every switch over it is exhaustive.
public enum ChannelKind: Sendable, Equatable {
    case queue
    case chat(concurrency: Int, ahtByConcurrency: [Double]?)
    /// Chat on a measured average concurrency c ≥ 1, not a whole number (`AverageConcurrency`).
    case chatAverage(concurrency: Double)
    case deferred(DeferredRules)

    /// Conversations an agent holds at once: K for chat (⌈c⌉ for an average c), 1 otherwise.
    public var concurrency: Int {
        switch self {
        case .chat(let concurrency, _): return concurrency
        case .chatAverage(let c): return c.isFinite && c >= 1 && c <= 1e6 ? Int(c.rounded(.up)) : 1
        case .queue, .deferred: return 1
        }
    }

    /// Conversations an agent holds at once as a number: K, an average c, or 1.
    public var conversationsPerAgent: Double {
        switch self {
        case .chat(let concurrency, _): return Double(concurrency)
        case .chatAverage(let c): return c
        case .queue, .deferred: return 1
        }
    }

    /// The response deadline of deferred work, nil for real-time channels.
    public var deadlineSeconds: Int? {
        switch self {
        case .deferred(let rules): return rules.deadlineSeconds
        case .queue, .chat, .chatAverage: return nil
        }
    }

    /// The per-level handle times of the chat model for a channel AHT of `ahtSeconds`, or nil
    /// for the kinds that hold one contact at a time.
    public func chatAHT(ahtSeconds: Double) -> [Double]? {
        switch self {
        case .chat(let concurrency, let levels):
            return levels ?? ChatConcurrency.ahtByConcurrency(ahtSeconds: ahtSeconds, concurrency: concurrency)
        case .queue, .chatAverage, .deferred: return nil
        }
    }

    /// The same kind with its explicit handle times scaled by `factor` (what-if scenarios).
    public func scalingAHT(by factor: Double) -> ChannelKind {
        switch self {
        case .chat(let concurrency, let levels):
            return .chat(concurrency: concurrency, ahtByConcurrency: levels?.map { $0 * factor })
        case .queue, .chatAverage, .deferred: return self
        }
    }
}
