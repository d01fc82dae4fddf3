/// `server.faults` ready to evaluate, shared by the simulator and the mock server so that
/// both fault the same requests: one request of execution `i` at scenario time `t` draws
/// from execution `i`'s own stream (``RandomStream/faults``), one draw per active fault
/// with a rate below 1, in the order the faults are listed.
public struct FaultModel: Sendable {
    /// What a fault does to one admitted request.
    public struct Effect: Sendable, Hashable {
        /// The answer is replaced by this failure; nil: answered as usual.
        public var failure: Failure?
        /// Added to the request's latency (spikes, slow bodies).
        public var extraLatency: Nanoseconds
        /// Of ``extraLatency``, the part a slow body takes (the mock sends the body's
        /// second half that much later).
        public var slowBody: Nanoseconds

        public static let none = Effect(failure: nil, extraLatency: 0, slowBody: 0)
    }

    /// How a faulted request fails.
    public enum Failure: Sendable, Hashable {
        /// An HTTP 5xx answer.
        case status(Int)
        /// The connection is reset (after the latency; at once in an outage).
        case reset
        /// The body is cut short.
        case truncated
    }

    let outages: [FaultWindow?]
    let drawn: [ServerFault]
    /// The lockout rule, if any (applied with the rate limits, see ``RateLimitSet``).
    public let lockout: LockoutRule?
    /// The share of executions the API does not know.
    public let notFoundShare: Double
    /// True when some fault is drawn per request.
    public let drawsPerRequest: Bool
    /// True when nothing is configured.
    public let isEmpty: Bool

    public init(_ faults: [ServerFault]) {
        var outages: [FaultWindow?] = []
        var drawn: [ServerFault] = []
        var lockout: LockoutRule?
        var notFound = 0.0
        for fault in faults {
            switch fault.kind {
            case .outage: outages.append(fault.window)
            case .lockout(let rule): lockout = rule
            case .notFound(let share): notFound = share
            default: drawn.append(fault)
            }
        }
        self.outages = outages
        self.drawn = drawn
        self.lockout = lockout
        self.notFoundShare = notFound
        drawsPerRequest = !drawn.isEmpty
        isEmpty = faults.isEmpty
    }

    /// True when the server is down at `time`.
    public func isOutage(at time: Nanoseconds) -> Bool {
        for window in outages where window?.contains(time) ?? true { return true }
        return false
    }

    /// True when execution `index` of a run with `seed` is unknown to the API (a 404 on
    /// every poll); the same answer in every engine.
    public func isUnknown(seed: UInt64, index: Int) -> Bool {
        guard notFoundShare > 0 else { return false }
        var rng = RandomStream.notFound.generator(seed: seed, index: UInt64(index))
        return rng.nextUnit() < notFoundShare
    }

    /// What the faults do to a request admitted at `time`, drawing from `rng` (the
    /// request's execution's fault stream). The first failure in list order wins; every
    /// active fault with a rate below 1 draws, fired or not, so the streams stay aligned.
    public func effect(at time: Nanoseconds, rng: inout Xoshiro256StarStar) -> Effect {
        var effect = Effect.none
        for fault in drawn where fault.window?.contains(time) ?? true {
            let fires = fault.rate >= 1 || rng.nextUnit() < fault.rate
            guard fires else { continue }
            switch fault.kind {
            case .error(let status): if effect.failure == nil { effect.failure = .status(status) }
            case .reset: if effect.failure == nil { effect.failure = .reset }
            case .truncated: if effect.failure == nil { effect.failure = .truncated }
            case .latencySpike(let extra): effect.extraLatency += extra
            case .slowBody(let extra):
                effect.extraLatency += extra
                effect.slowBody += extra
            case .outage, .lockout, .notFound: break
            }
        }
        return effect
    }
}
