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

    /// The kind's name as written in scenario files.
    public var name: String {
        switch self {
        case .fixed: return "fixed"
        case .exponential: return "exponential"
        case .decorrelatedJitter: return "decorrelatedJitter"
        case .recommended: return "recommended"
        case .progressAware: return "progressAware"
        case .webhook: return "webhook"
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

    public init(name: String, kind: StrategyKind, initialDelay: Nanoseconds? = nil) {
        self.name = name
        self.kind = kind
        self.initialDelay = initialDelay
    }
}
