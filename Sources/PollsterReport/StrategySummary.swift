import PollsterCore

/// One strategy's headline figures, derived from its metrics: a row of summary.csv and of
/// the console table.
public struct StrategySummary: Sendable, Equatable {
    public var strategy: String
    public var executions: Int
    public var detected: Int
    public var requests: Int
    public var requests200: Int
    public var requests429: Int
    public var requestsOther4xx: Int
    public var requests5xx: Int
    public var transportErrors: Int
    public var rate429: Double
    public var pollsMean: Double
    public var pollsP50: UInt64
    public var pollsP99: UInt64
    /// Detection lag, microseconds.
    public var lagMean: Double
    public var lagP50: UInt64
    public var lagP90: UInt64
    public var lagP99: UInt64
    public var lagMax: UInt64
    /// Time to outcome, microseconds.
    public var outcomeP50: UInt64
    public var outcomeP99: UInt64
    public var abandoned: Int
    public var errors: Int
    /// Request latency, microseconds.
    public var latencyP50: UInt64
    public var latencyP99: UInt64
    public var latencyMax: UInt64
    /// Latency from the intended send time (live runs), microseconds.
    public var intendedLatencyP99: UInt64

    /// The headline figures of `result`.
    public init(_ result: StrategyResult) {
        let m = result.metrics
        strategy = result.name
        executions = m.executions
        detected = m.detected
        requests = m.requests
        requests200 = m.responses200
        requests429 = m.responses429
        requestsOther4xx = m.responsesOther4xx
        requests5xx = m.responses5xx
        transportErrors = m.transportErrors
        rate429 = m.rate429
        pollsMean = m.meanPollsPerExecution
        pollsP50 = m.pollsPerExecution.value(atPercentile: 50)
        pollsP99 = m.pollsPerExecution.value(atPercentile: 99)
        lagMean = m.detectionLag.mean
        lagP50 = m.detectionLag.value(atPercentile: 50)
        lagP90 = m.detectionLag.value(atPercentile: 90)
        lagP99 = m.detectionLag.value(atPercentile: 99)
        lagMax = m.detectionLag.max
        outcomeP50 = m.timeToOutcome.value(atPercentile: 50)
        outcomeP99 = m.timeToOutcome.value(atPercentile: 99)
        abandoned = m.abandoned
        errors = m.errored
        latencyP50 = m.latency.value(atPercentile: 50)
        latencyP99 = m.latency.value(atPercentile: 99)
        latencyMax = m.latency.max
        intendedLatencyP99 = m.latencyFromIntended.value(atPercentile: 99)
    }

    /// summary.csv's columns, DESIGN.md's first; units in the names.
    public static let columns = [
        "strategy", "executions", "requests", "requests_429", "rate_429",
        "polls_per_execution_mean", "polls_per_execution_p50", "polls_per_execution_p99",
        "detection_lag_ms_p50", "detection_lag_ms_p90", "detection_lag_ms_p99", "detection_lag_ms_max",
        "abandoned", "errors", "latency_ms_p50", "latency_ms_p99", "latency_ms_max",
        "detected", "requests_200", "requests_other_4xx", "requests_5xx", "transport_errors",
        "detection_lag_ms_mean", "time_to_outcome_ms_p50", "time_to_outcome_ms_p99",
        "latency_from_intended_ms_p99",
    ]

    /// The row's fields, in ``columns`` order.
    public var fields: [String] {
        let ms = DecimalFormat.milliseconds(fromMicros:)
        return [
            strategy, String(executions), String(requests), String(requests429), DecimalFormat.fixed(rate429, 6),
            DecimalFormat.fixed(pollsMean, 4), String(pollsP50), String(pollsP99),
            ms(lagP50), ms(lagP90), ms(lagP99), ms(lagMax),
            String(abandoned), String(errors), ms(latencyP50), ms(latencyP99), ms(latencyMax),
            String(detected), String(requests200), String(requestsOther4xx), String(requests5xx), String(transportErrors),
            DecimalFormat.fixed(lagMean / 1000, 3), ms(outcomeP50), ms(outcomeP99), ms(intendedLatencyP99),
        ]
    }
}
