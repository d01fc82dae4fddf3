import PollsterCore

/// Failed requests of a whole run in one line, for the console: a run whose every request
/// failed measured nothing, and the commonest reason is usually the whole story (nothing
/// listening, wrong host).
public enum FailureSummary {
    /// `all N requests to TARGET failed: <commonest kind>` when the run sent requests and
    /// none succeeded (no 2xx with an execution in it, no 429); nil otherwise, and for
    /// results that counted no failure kinds (format 1).
    public static func allFailedLine(_ result: RunResult, target: String) -> String? {
        let summaries = result.strategies.map(StrategySummary.init)
        let requests = summaries.reduce(0) { $0 + $1.requests }
        guard requests > 0, summaries.allSatisfy({ $0.successfulRequests == 0 }) else { return nil }
        guard let commonest = failures(result).commonestFirst.first else { return nil }
        return "all \(requests) requests to \(target) failed: \(commonest.kind.label)"
    }

    /// Failed requests by kind over every strategy of `result`.
    public static func failures(_ result: RunResult) -> FailureCounts {
        var all = FailureCounts()
        for strategy in result.strategies { all.add(strategy.metrics.failures) }
        return all
    }
}
