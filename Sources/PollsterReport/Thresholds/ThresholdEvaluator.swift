import PollsterCore

/// Judges a run by its thresholds: each one on the final figures of the strategies its
/// scope covers. Pure: the same result and thresholds give the same answer.
public enum ThresholdEvaluator {
    /// Every threshold evaluated on `result`, in the order given.
    public static func evaluate(_ thresholds: [Threshold], on result: RunResult) -> [ThresholdResult] {
        let summaries = result.strategies.map(StrategySummary.init)
        return thresholds.map { threshold in
            let covered = summaries.filter { summary in
                if case .strategy(let name) = threshold.scope { return summary.strategy == name }
                return true
            }
            let checks = covered.map { ThresholdCheck(strategy: $0.strategy, actual: threshold.metric.value(in: $0), threshold: threshold) }
            return ThresholdResult(threshold: threshold, checks: checks)
        }
    }

    /// `result` with its thresholds evaluated and recorded (nil when there are none, so a
    /// run without thresholds writes the same results.json as before they existed).
    public static func judged(_ result: RunResult, by thresholds: [Threshold]) -> RunResult {
        var judged = result
        judged.thresholds = thresholds.isEmpty ? nil : evaluate(thresholds, on: result)
        return judged
    }
}
