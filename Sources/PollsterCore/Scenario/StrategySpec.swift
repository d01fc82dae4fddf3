/// Randomisation added to an exponential backoff delay v_n (DESIGN.md).
public enum Jitter: Sendable, Hashable {
    /// Exactly v_n.
    case none
    /// U(0, v_n).
    case full
    /// v_n / 2 + U(0, v_n / 2).
    case equal
    /// v_n * U(1 - f, 1 + f), gRPC style (`jitter: 0.2`).
    case proportional(Double)

    public var summary: String {
        switch self {
        case .none: return "none"
        case .full: return "full"
        case .equal: return "equal"
        case .proportional(let f): return "±\(Time.trimmed(f * 100))%"
        }
    }
}

/// A polling strategy's kind and parameters, as configured in a scenario.
public enum StrategyKind: Sendable, Hashable {
    /// The same interval every time.
    case fixed(interval: Nanoseconds)
    /// v_n = min(max, initial * multiplier^(n-1)), with optional jitter.
    case exponential(initial: Nanoseconds, multiplier: Double, max: Nanoseconds, jitter: Jitter)
    /// d_n = min(max, U(base, 3 d_{n-1})), d_0 = base (AWS "decorrelated jitter").
    case decorrelatedJitter(base: Nanoseconds, max: Nanoseconds)
    /// The API documentation's advice: U(2s, 3s) for the first 30 s, then exponential
    /// (multiplier 1.5, max 30 s); the client gives up after 10 minutes.
    case recommended
    /// Estimates the remaining run time from `progress.percentage` and polls just after
    /// the estimated end, clamped to [min, max]; `fallback` until progress is known.
    case progressAware(min: Nanoseconds, max: Nanoseconds, fallback: Nanoseconds)
    /// No polling: the client is notified at f_e plus a delivery latency (a baseline).
    case webhook(delivery: Distribution)
    /// Polly's `DecorrelatedJitterBackoffV2` (Polly.Contrib.WaitAndRetry): delay_n =
    /// (f(t_n) - f(t_{n-1})) * median / 1.4 with f(t) = 2^t tanh(sqrt(4t)),
    /// t_n = n - 1 + U, f(t_0) = 0; the median of delay_1 is about `median`.
    case pollyJitter(median: Nanoseconds)

    /// The kind's name as written in scenario files.
    public var name: String {
        switch self {
        case .fixed: return "fixed"
        case .exponential: return "exponential"
        case .decorrelatedJitter: return "decorrelatedJitter"
        case .recommended: return "recommended"
        case .progressAware: return "progressAware"
        case .webhook: return "webhook"
        case .pollyJitter: return "pollyJitter"
        }
    }

    public var summary: String {
        switch self {
        case .fixed(let interval): return "every \(Time.describe(interval))"
        case .exponential(let initial, let multiplier, let max, let jitter):
            let j = jitter == .none ? "" : ", \(jitter.summary) jitter"
            return "exponential from \(Time.describe(initial)) x\(Time.trimmed(multiplier)) up to \(Time.describe(max))\(j)"
        case .decorrelatedJitter(let base, let max):
            return "decorrelated jitter from \(Time.describe(base)) up to \(Time.describe(max))"
        case .recommended: return "the API docs' advice: 2-3 s, backing off after 30 s, giving up at 10 m"
        case .progressAware(let min, let max, _):
            return "progress-aware, \(Time.describe(min))-\(Time.describe(max))"
        case .webhook(let delivery): return "webhook baseline (delivery \(delivery.summary))"
        case .pollyJitter(let median): return "Polly decorrelated jitter V2, median first delay \(Time.describe(median))"
        }
    }
}

/// A named strategy of a scenario.
public struct StrategySpec: Sendable, Hashable {
    /// Unique within the scenario; used in reports and in `strategies.NAME.param` paths.
    public var name: String
    public var kind: StrategyKind
    /// Delay from creation to poll 0; the strategy's first delay when not set.
    public var initialDelay: Nanoseconds?
    /// What the executions of one API key share (send gate, retry budget, header pacing).
    public var keyClient: KeyClientPolicy
    /// The strategy gives up this long after creation when that is sooner than the
    /// client's timeout (an SDK's total deadline); nil: the client's timeout.
    public var timeout: Nanoseconds?
    /// The scenario's kind when it is not ``StrategyKind/name`` (`adaptive`, `budgeted`,
    /// `headerPaced`, or `preset:NAME`); nil: the kind's name.
    public var label: String?

    public init(name: String, kind: StrategyKind, initialDelay: Nanoseconds? = nil, keyClient: KeyClientPolicy = .none,
                timeout: Nanoseconds? = nil, label: String? = nil) {
        self.name = name
        self.kind = kind
        self.initialDelay = initialDelay
        self.keyClient = keyClient
        self.timeout = timeout
        self.label = label
    }

    /// The kind as a scenario names it (`exponential`, `adaptive`, `preset:grpc`...).
    public var kindName: String { label ?? kind.name }

    /// One line for reports: the kind's summary, what the key's executions share, and an
    /// earlier deadline.
    public var summary: String {
        var text = kind.summary
        if !keyClient.isEmpty { text += "; " + keyClient.summary }
        if let timeout { text += "; gives up after \(Time.describe(timeout))" }
        return text
    }
}
