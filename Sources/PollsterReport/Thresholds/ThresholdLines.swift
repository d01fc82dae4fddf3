import PollsterCore

/// The console's account of a run's thresholds: one line per breached threshold, naming the
/// strategies over it and their figures, and a one-line tally.
public enum ThresholdLines {
    /// `threshold breached: rate_429>0.01 (any strategy): fixed-1s rate_429 = 0.034500`.
    public static func breaches(_ results: [ThresholdResult]) -> [String] {
        results.filter(\.breached).map { result in
            let metric = result.threshold.metric
            let figures = result.failures.map { "\($0.strategy) \(metric.rawValue) = \(metric.formatted($0.actual))" }
            return "threshold breached: \(result.threshold.expression) (\(scope(result.threshold.scope))): " + figures.joined(separator: ", ")
        }
    }

    /// `thresholds: 1 of 3 breached` or `thresholds: all 3 passed`.
    public static func tally(_ results: [ThresholdResult]) -> String {
        let breached = results.filter(\.breached).count
        if breached == 0 { return "thresholds: \(results.count == 1 ? "the 1" : "all \(results.count)") passed" }
        return "thresholds: \(breached) of \(results.count) breached"
    }

    /// The scope in words: `any strategy`, `every strategy`, `strategy expo`.
    public static func scope(_ scope: ThresholdScope) -> String {
        switch scope {
        case .any: return "any strategy"
        case .all: return "every strategy"
        case .strategy(let name): return "strategy \(name)"
        }
    }
}
