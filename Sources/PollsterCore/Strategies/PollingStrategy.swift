/// A polling strategy: pure functions from (poll number, observation, state, RNG) to the
/// delay before the next poll, exactly as DESIGN.md's semantics fix them. The simulator and
/// the live engine both call it, so a strategy behaves the same in virtual and real time.
/// A class (immutable), so that a poll's call passes one reference rather than a copy of
/// the specification.
public final class PollingStrategy: Sendable {
    public let spec: StrategySpec
    /// `exponential`: v_1, v_2, ... as ``backoff(initial:multiplier:max:step:)`` computes
    /// them, up to the first that reaches the cap (at most 64), so that a poll reads its v_n
    /// instead of calling `pow`; the same values, so the same delays.
    @usableFromInline let backoffSteps: [Nanoseconds]
    /// The last of ``backoffSteps`` is the cap, and so is every later step.
    @usableFromInline let backoffCapped: Bool

    /// The recommended strategy's parameters (the API documentation's advice).
    public static let recommendedWindow = Time.seconds(30)
    public static let recommendedMax = Time.seconds(30)
    public static let recommendedMultiplier = 1.5
    public static let recommendedTimeout = Time.seconds(600)

    public init(_ spec: StrategySpec) {
        self.spec = spec
        var steps: [Nanoseconds] = []
        var capped = false
        if case .exponential(let initial, let multiplier, let max, _) = spec.kind {
            // With a multiplier of at least 1, v_n never decreases: once at the cap, it stays.
            while steps.count < 64 && !capped {
                steps.append(Self.backoff(initial: initial, multiplier: multiplier, max: max, step: steps.count + 1))
                capped = multiplier >= 1 && steps.last == max
            }
        }
        backoffSteps = steps
        backoffCapped = capped
    }

    public var name: String { spec.name }

    /// True for the webhook baseline, which sends no polls at all.
    public var sendsPolls: Bool {
        if case .webhook = spec.kind { return false }
        return true
    }

    /// How long the client keeps polling: the client policy's timeout, or less when the
    /// strategy itself gives up earlier (`recommended`: 10 minutes).
    public func timeout(client: ClientPolicy) -> Nanoseconds {
        var timeout = client.timeout
        if case .recommended = spec.kind { timeout = min(timeout, Self.recommendedTimeout) }
        if let own = spec.timeout { timeout = min(timeout, own) }
        return timeout
    }

    /// The fresh state for one execution.
    public func initialState() -> PollingState {
        switch spec.kind {
        case .decorrelatedJitter(let base, _): return PollingState(previousDelay: base)
        default: return PollingState()
        }
    }

    /// Delay from creation to poll 0: `initialDelay` when set, otherwise the strategy's
    /// first delay (delay_1, drawn without advancing the state).
    public func initialDelay(state: PollingState, rng: inout Xoshiro256StarStar) -> Nanoseconds {
        if let fixed = spec.initialDelay { return fixed }
        var scratch = state
        let first = PollObservation(poll: 0, sentAt: 0, receivedAt: 0, createdAt: 0)
        return delay(beforePoll: 1, after: first, state: &scratch, rng: &rng)
    }

    /// delay_n: the wait after the response to poll n-1 before sending poll n (n >= 1).
    @inlinable public func delay(
        beforePoll n: Int,
        after observation: PollObservation,
        state: inout PollingState,
        rng: inout Xoshiro256StarStar
    ) -> Nanoseconds {
        let chosen: Nanoseconds
        switch spec.kind {
        case .fixed(let interval):
            chosen = interval
        case .exponential(let initial, let multiplier, let max, let jitter):
            let v = n >= 1 && n <= backoffSteps.count ? backoffSteps[n - 1]
                : backoffCapped ? max : Self.backoff(initial: initial, multiplier: multiplier, max: max, step: n)
            chosen = Self.apply(jitter, to: v, rng: &rng)
        case .decorrelatedJitter(let base, let max):
            let upper = Double(state.previousDelay) * 3
            let draw = Double(base) + (upper - Double(base)) * rng.nextUnit()
            chosen = Swift.min(max, Nanoseconds(draw))
        case .recommended:
            chosen = recommendedDelay(after: observation, state: &state, rng: &rng)
        case .progressAware(let low, let high, let fallback):
            chosen = progressAwareDelay(after: observation, state: &state, min: low, max: high, fallback: fallback)
        case .webhook:
            chosen = 0
        case .pollyJitter(let median):
            chosen = pollyJitterDelay(beforePoll: n, median: median, state: &state, rng: &rng)
        }
        state.previousDelay = chosen
        return chosen
    }

    /// v_n = min(max, initial * multiplier^(n-1)), computed without overflow for large n.
    @inlinable public static func backoff(initial: Nanoseconds, multiplier: Double, max: Nanoseconds, step n: Int) -> Nanoseconds {
        let value = Double(initial) * _pow(multiplier, Double(n - 1))
        return value >= Double(max) ? max : Nanoseconds(value)
    }

    /// A jittered delay around v.
    @inlinable public static func apply(_ jitter: Jitter, to v: Nanoseconds, rng: inout Xoshiro256StarStar) -> Nanoseconds {
        switch jitter {
        case .none:
            return v
        case .full:
            return Nanoseconds(Double(v) * rng.nextUnit())
        case .equal:
            let half = Double(v) / 2
            return Nanoseconds(half + half * rng.nextUnit())
        case .proportional(let fraction):
            return Nanoseconds(Double(v) * (1 - fraction + 2 * fraction * rng.nextUnit()))
        }
    }

    /// U(2 s, 3 s) while the execution is younger than 30 s; after that the delay grows
    /// by 1.5x per poll from the last jittered one, capped at 30 s.
    @usableFromInline func recommendedDelay(after observation: PollObservation, state: inout PollingState, rng: inout Xoshiro256StarStar) -> Nanoseconds {
        if observation.elapsed < Self.recommendedWindow {
            return Time.seconds(2) + Nanoseconds(Double(Time.seconds(1)) * rng.nextUnit())
        }
        let base = state.previousDelay > 0 ? state.previousDelay : Time.seconds(3)
        return Swift.min(Self.recommendedMax, Nanoseconds(Double(base) * Self.recommendedMultiplier))
    }

    /// Remaining time estimated from progress: from the rate between the last two progress
    /// readings when there are two, else assuming it started running at creation. The poll
    /// goes out 2% after the estimated end, so small estimate errors still land after it.
    @usableFromInline func progressAwareDelay(
        after observation: PollObservation, state: inout PollingState,
        min low: Nanoseconds, max high: Nanoseconds, fallback: Nanoseconds
    ) -> Nanoseconds {
        guard let progress = observation.progress, progress > 0 else {
            return Swift.max(low, Swift.min(high, fallback))
        }
        let remainingAtSend: Double
        if let previous = state.lastProgress, progress > previous, observation.sentAt > state.lastProgressAt {
            let rate = (progress - previous) / Double(observation.sentAt - state.lastProgressAt)
            remainingAtSend = (100 - progress) / rate
        } else {
            let elapsedAtSend = Double(observation.sentAt - observation.createdAt)
            remainingAtSend = elapsedAtSend * (100 - progress) / progress
        }
        state.lastProgress = progress
        state.lastProgressAt = observation.sentAt
        let remaining = remainingAtSend - Double(observation.receivedAt - observation.sentAt)
        let target = remaining * 1.02
        if target <= Double(low) { return low }
        if target >= Double(high) { return high }
        return Nanoseconds(target)
    }

    /// Polly's DecorrelatedJitterBackoffV2 (pFactor 4, scaling 1/1.4), retry i = n - 1.
    @usableFromInline func pollyJitterDelay(beforePoll n: Int, median: Nanoseconds, state: inout PollingState, rng: inout Xoshiro256StarStar) -> Nanoseconds {
        let t = Double(n - 1) + rng.nextUnit()
        let next = _pow(2, t) * Self.tanh((4 * t).squareRoot())
        let value = (next - state.previousFormula) / 1.4 * Double(median)
        state.previousFormula = next
        return value >= 9e18 ? Nanoseconds(9e18) : Nanoseconds(Swift.max(0, value))
    }

    @usableFromInline static func tanh(_ x: Double) -> Double {
        if x > 20 { return 1 }
        let e = _exp(2 * x)
        return (e - 1) / (e + 1)
    }
}
