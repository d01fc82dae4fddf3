/// One replication's headline figures (named as summary.csv's columns), kept per seed when
/// a simulation runs `--replications N > 1`, so that `pollster compare` can put a 95%
/// interval on a change from the spread between seeds rather than from one run.
public struct ReplicationFigures: Sendable, Codable, Equatable {
    /// Figure name (a summary.csv column) to value; a figure that was not measured (no
    /// execution detected, for lag) is absent.
    public var values: [String: Double]

    public init(values: [String: Double]) {
        self.values = values
    }

    /// The figures that are kept, as summary.csv names them.
    public static let names = ["rate_429", "polls_per_execution_mean", "detection_lag_ms_p50", "detection_lag_ms_p99",
                               "time_to_outcome_ms_p50", "latency_ms_p99", "abandoned", "errors"]

    /// The figures of one replication's metrics.
    public init(_ metrics: StrategyMetrics) {
        var values: [String: Double] = [
            "rate_429": metrics.rate429,
            "polls_per_execution_mean": metrics.meanPollsPerExecution,
            "latency_ms_p99": Double(metrics.latency.value(atPercentile: 99)) / 1000,
            "abandoned": Double(metrics.abandoned),
            "errors": Double(metrics.errored),
        ]
        if !metrics.detectionLag.isEmpty {
            values["detection_lag_ms_p50"] = Double(metrics.detectionLag.value(atPercentile: 50)) / 1000
            values["detection_lag_ms_p99"] = Double(metrics.detectionLag.value(atPercentile: 99)) / 1000
            values["time_to_outcome_ms_p50"] = Double(metrics.timeToOutcome.value(atPercentile: 50)) / 1000
        }
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: Double].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
