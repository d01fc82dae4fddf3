/// A figure a threshold can test: a numeric column of summary.csv, by the same name, in the
/// same unit (times in milliseconds, shares as fractions).
public enum ThresholdMetric: String, Sendable, Hashable, Codable, CaseIterable {
    case executions
    case detected
    case requests
    case requests429 = "requests_429"
    case rate429 = "rate_429"
    case pollsPerExecutionMean = "polls_per_execution_mean"
    case pollsPerExecutionP50 = "polls_per_execution_p50"
    case pollsPerExecutionP99 = "polls_per_execution_p99"
    case detectionLagP50 = "detection_lag_ms_p50"
    case detectionLagP90 = "detection_lag_ms_p90"
    case detectionLagP99 = "detection_lag_ms_p99"
    case detectionLagMax = "detection_lag_ms_max"
    case detectionLagMean = "detection_lag_ms_mean"
    case timeToOutcomeP50 = "time_to_outcome_ms_p50"
    case timeToOutcomeP99 = "time_to_outcome_ms_p99"
    case abandoned
    case errors
    case latencyP50 = "latency_ms_p50"
    case latencyP99 = "latency_ms_p99"
    case latencyMax = "latency_ms_max"
    case latencyFromIntendedP99 = "latency_from_intended_ms_p99"
    case requests200 = "requests_200"
    case requestsOther4xx = "requests_other_4xx"
    case requests5xx = "requests_5xx"
    case transportErrors = "transport_errors"
    case failedRequests = "failed_requests"
    case sendLatenessP50 = "send_lateness_ms_p50"
    case sendLatenessP99 = "send_lateness_ms_p99"
    case connectionWaitP99 = "connection_wait_ms_p99"
    case serverQueueP99 = "server_queue_ms_p99"

    /// Every name, in declaration order, for messages and docs.
    public static let names = allCases.map(\.rawValue)
}
