import PollsterCore

/// The warning a live run prints, and report.html shows, when a strategy's run was
/// saturated: its figures then measure pollster's own queueing on this machine, not the API.
public enum SaturationWarning {
    /// The line starts with this, so scripts can find the warning.
    public static let prefix = "warning: saturated: "

    /// One line for the whole run, nil when no strategy was saturated (and for simulations):
    /// the saturated strategy (or how many, and which, with the worst one's figures), its
    /// reasons, and the remedy.
    public static func line(_ result: RunResult) -> String? {
        let saturated = result.strategies.compactMap { strategy -> (name: String, saturation: Saturation)? in
            guard let saturation = strategy.metrics.live?.saturation, saturation.isSaturated else { return nil }
            return (strategy.name, saturation)
        }
        guard let worst = saturated.max(by: { severity($0.saturation) < severity($1.saturation) }) else { return nil }
        let remedy = remedy(saturated.map(\.saturation))
        if saturated.count == 1 {
            return prefix + worst.name + ": " + worst.saturation.reasons.joined(separator: "; ") + "; remedy: " + remedy
        }
        return prefix + "\(saturated.count) of \(result.strategies.count) strategies (" + saturated.map(\.name).joined(separator: ", ")
            + "); worst, " + worst.name + ": " + worst.saturation.reasons.joined(separator: "; ") + "; remedy: " + remedy
    }

    /// What to change so that the next run measures the API: a slower clock when the run
    /// worked one out (embedded runs), else less load or more client threads.
    public static func remedy(_ saturation: Saturation) -> String {
        remedy([saturation])
    }

    /// The remedy for several saturated strategies: the slowest suggested clock.
    static func remedy(_ saturations: [Saturation]) -> String {
        if let scale = saturations.compactMap(\.suggestedTimeScale).min() {
            return "lower timeScale to " + Time.trimmed(scale)
        }
        return "lower the load (fewer executions) or add --client-threads"
    }

    /// How far past its limit a run went: the larger of its two figure-to-limit ratios.
    private static func severity(_ saturation: Saturation) -> Double {
        let client = saturation.sendLatenessP99Ms / Swift.max(saturation.sendLatenessLimitMs, .leastNonzeroMagnitude)
        let server = (saturation.serverQueueP99Ms ?? 0) / Swift.max(saturation.serverQueueLimitMs ?? 1, .leastNonzeroMagnitude)
        return Swift.max(client, server)
    }
}
