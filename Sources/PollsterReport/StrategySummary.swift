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
    /// Detection lag, microseconds; nil when no lag was measured (nothing detected, or a
    /// real API that does not say when an execution finished): a 0 would read as "instant".
    public var lagMean: Double?
    public var lagP50: UInt64?
    public var lagP90: UInt64?
    public var lagP99: UInt64?
    public var lagMax: UInt64?
    /// Time to outcome, microseconds; nil when nothing was detected.
    public var outcomeP50: UInt64?
    public var outcomeP99: UInt64?
    public var abandoned: Int
    /// Executions ended by a 401, 403 or 404.
    public var errors: Int
    /// Request latency, microseconds (0 when no response was timed, see ``latencyMeasured``).
    public var latencyP50: UInt64
    public var latencyP99: UInt64
    public var latencyMax: UInt64
    /// False when no response was timed (every request failed before an answer).
    public var latencyMeasured: Bool
    /// Latency from the intended send time (live runs), microseconds.
    public var intendedLatencyP99: UInt64

    /// Failed requests by kind (empty in results of format 1, which counted no kinds).
    public var failures: FailureCounts
    /// Failed requests of every kind; for results without kinds, the status counters'
    /// failures (transport errors, 5xx, other 4xx), so a failed request never reads as 0.
    public var failedRequests: Int
    /// Requests answered with an execution or a 429: the ones that did not fail (a
    /// request cut off by a stop is neither).
    public var successfulRequests: Int

    /// Live runs: send lateness p50 and p99, microseconds of wall time; nil for simulations.
    public var sendLatenessP50: UInt64?
    public var sendLatenessP99: UInt64?
    /// Live runs: connection wait p99, microseconds of wall time; nil for simulations.
    public var connectionWaitP99: UInt64?
    /// Live runs against the embedded server: its queue p99, microseconds of wall time; nil
    /// for simulations and real APIs.
    public var serverQueueP99: UInt64?
    /// The live run's verdict on its own figures; nil for simulations.
    public var saturation: Saturation?

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
        let lag = m.detected > 0 && !m.detectionLag.isEmpty ? m.detectionLag : nil
        lagMean = lag?.mean
        lagP50 = lag?.value(atPercentile: 50)
        lagP90 = lag?.value(atPercentile: 90)
        lagP99 = lag?.value(atPercentile: 99)
        lagMax = lag?.max
        let outcome = m.detected > 0 && !m.timeToOutcome.isEmpty ? m.timeToOutcome : nil
        outcomeP50 = outcome?.value(atPercentile: 50)
        outcomeP99 = outcome?.value(atPercentile: 99)
        abandoned = m.abandoned
        errors = m.errored
        latencyP50 = m.latency.value(atPercentile: 50)
        latencyP99 = m.latency.value(atPercentile: 99)
        latencyMax = m.latency.max
        latencyMeasured = !m.latency.isEmpty
        intendedLatencyP99 = m.latencyFromIntended.value(atPercentile: 99)
        failures = m.failures
        failedRequests = m.failures.total > 0 ? m.failures.total : m.transportErrors + m.responses5xx + m.responsesOther4xx
        successfulRequests = Swift.max(0, m.responses200 - m.failures[.badBody]) + m.responses429
        let live = m.live
        func measured(_ histogram: MetricHistogram?, _ percentile: Double) -> UInt64? {
            guard let histogram, !histogram.isEmpty else { return nil }
            return histogram.value(atPercentile: percentile)
        }
        sendLatenessP50 = measured(live?.sendLateness, 50)
        sendLatenessP99 = measured(live?.sendLateness, 99)
        connectionWaitP99 = measured(live?.connectionWait, 99)
        serverQueueP99 = measured(live?.serverQueue, 99)
        saturation = live?.saturation
    }

    /// True when the strategy's live run was saturated: its figures measure pollster's own
    /// queueing, not the API.
    public var saturated: Bool { saturation?.isSaturated ?? false }

    /// summary.csv's columns, DESIGN.md's first; units in the names. Columns are only ever
    /// appended, so readers that index by position keep working.
    public static let columns = [
        "strategy", "executions", "requests", "requests_429", "rate_429",
        "polls_per_execution_mean", "polls_per_execution_p50", "polls_per_execution_p99",
        "detection_lag_ms_p50", "detection_lag_ms_p90", "detection_lag_ms_p99", "detection_lag_ms_max",
        "abandoned", "errors", "latency_ms_p50", "latency_ms_p99", "latency_ms_max",
        "detected", "requests_200", "requests_other_4xx", "requests_5xx", "transport_errors",
        "detection_lag_ms_mean", "time_to_outcome_ms_p50", "time_to_outcome_ms_p99",
        "latency_from_intended_ms_p99",
        "send_lateness_ms_p50", "send_lateness_ms_p99", "connection_wait_ms_p99", "server_queue_ms_p99",
        "saturated", "failed_requests",
    ] + FailureKind.allCases.map { "failures_" + $0.rawValue }

    /// The row's fields, in ``columns`` order; figures that were not measured are empty.
    public var fields: [String] {
        let ms = DecimalFormat.milliseconds(fromMicros:)
        let optionalMs: (UInt64?) -> String = { $0.map(ms) ?? "" }
        return [
            strategy, String(executions), String(requests), String(requests429), DecimalFormat.fixed(rate429, 6),
            DecimalFormat.fixed(pollsMean, 4), String(pollsP50), String(pollsP99),
            optionalMs(lagP50), optionalMs(lagP90), optionalMs(lagP99), optionalMs(lagMax),
            String(abandoned), String(errors), ms(latencyP50), ms(latencyP99), ms(latencyMax),
            String(detected), String(requests200), String(requestsOther4xx), String(requests5xx), String(transportErrors),
            lagMean.map { DecimalFormat.fixed($0 / 1000, 3) } ?? "", optionalMs(outcomeP50), optionalMs(outcomeP99),
            ms(intendedLatencyP99),
            optionalMs(sendLatenessP50), optionalMs(sendLatenessP99), optionalMs(connectionWaitP99), optionalMs(serverQueueP99),
            saturated ? "true" : "false", String(failedRequests),
        ] + FailureKind.allCases.map { String(failures[$0]) }
    }
}
