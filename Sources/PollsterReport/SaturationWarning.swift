import PollsterCore

/// The warning a live run prints, and report.html shows, when a strategy's run was
/// saturated: its figures then measure pollster's own queueing on this machine, not the API.
public enum SaturationWarning {
    /// Every line starts with this, so scripts can find the warning.
    public static let prefix = "warning: saturated: "

    /// One line per saturated strategy, in run order: its name, its reasons joined with
    /// "; ", and the remedy. Empty when no strategy was saturated (and for simulations).
    public static func lines(_ result: RunResult) -> [String] {
        result.strategies.compactMap { strategy in
            guard let saturation = strategy.metrics.live?.saturation, saturation.isSaturated else { return nil }
            return prefix + strategy.name + ": " + saturation.reasons.joined(separator: "; ") + "; remedy: " + remedy(saturation)
        }
    }

    /// What to change so that the next run measures the API: a slower clock when the run
    /// worked one out (embedded runs), else less load or more client threads.
    public static func remedy(_ saturation: Saturation) -> String {
        if let scale = saturation.suggestedTimeScale {
            return "lower timeScale to " + Time.trimmed(scale)
        }
        return "lower the load (fewer executions) or add --client-threads"
    }
}
