/// A pass/fail criterion on a run's final figures, k6 style: `[SCOPE:]METRIC OP NUMBER`
/// says when the run FAILS (`rate_429>0.01`: more than 1% of requests answered 429).
public struct Threshold: Sendable, Hashable, Codable {
    /// The expression as written (trimmed).
    public var expression: String
    public var scope: ThresholdScope
    public var metric: ThresholdMetric
    public var comparison: ThresholdOperator
    /// The number the metric is compared with, in the metric's unit.
    public var limit: Double

    public init(expression: String, scope: ThresholdScope, metric: ThresholdMetric, comparison: ThresholdOperator, limit: Double) {
        self.expression = expression
        self.scope = scope
        self.metric = metric
        self.comparison = comparison
        self.limit = limit
    }

    /// Checks that a `STRATEGY:` scope names one of `strategies` (a scenario's names).
    public func check(strategies: [String]) throws(ThresholdError) {
        guard case .strategy(let name) = scope, !strategies.contains(name) else { return }
        var reason = "unknown strategy " + DurationParser.quoted(name, whole: true)
        if let suggestion = KeySuggestion.closest(to: name, in: strategies) {
            reason += " (did you mean \"\(suggestion)\"?)"
        }
        reason += "; the scenario's strategies: " + strategies.joined(separator: ", ") + " (or any:, all:)"
        throw ThresholdError(expression: expression, reason: reason)
    }
}
