/// How the contacts of a channel are worked, which decides the model that staffs it.
///
/// - `queue`: one contact at a time, answered in order (calls): Erlang C (`ErlangC`), or Erlang A
///   (`ErlangA`) when the `StaffingTarget` gives a patience.
/// - `chat`: an agent holds up to K conversations at once (`ChatConcurrency`); `ahtByConcurrency`
///   gives the handle time at 1…K, or nil for the channel's AHT at every level.
/// - `deferred`: work answered within a deadline of open time (e-mail, social messages;
///   `DeferredBacklog`), planned over a whole horizon rather than interval by interval.
///
/// A new kind (blended, multi-skill) is one more case: every switch over it is exhaustive.
public enum ChannelKind: Sendable, Equatable {
    case queue
    case chat(concurrency: Int, ahtByConcurrency: [Double]?)
    case deferred(deadlineSeconds: Int)

    /// Conversations an agent holds at once: K for chat, 1 otherwise.
    public var concurrency: Int {
        switch self {
        case let .chat(concurrency, _): return concurrency
        case .queue, .deferred: return 1
        }
    }

    /// The response deadline of deferred work, nil for real-time channels.
    public var deadlineSeconds: Int? {
        switch self {
        case let .deferred(deadline): return deadline
        case .queue, .chat: return nil
        }
    }

    /// The per-level handle times of the chat model for a channel AHT of `ahtSeconds`, or nil
    /// for the kinds that hold one contact at a time.
    public func chatAHT(ahtSeconds: Double) -> [Double]? {
        switch self {
        case let .chat(concurrency, levels):
            return levels ?? ChatConcurrency.ahtByConcurrency(ahtSeconds: ahtSeconds, concurrency: concurrency)
        case .queue, .deferred: return nil
        }
    }

    /// The same kind with its explicit handle times scaled by `factor` (what-if scenarios).
    public func scalingAHT(by factor: Double) -> ChannelKind {
        switch self {
        case let .chat(concurrency, levels): return .chat(concurrency: concurrency, ahtByConcurrency: levels?.map { $0 * factor })
        case .queue, .deferred: return self
        }
    }
}
