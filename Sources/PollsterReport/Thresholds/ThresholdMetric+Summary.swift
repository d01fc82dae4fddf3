import PollsterCore

extension ThresholdMetric {
    /// The figure in `summary`, as summary.csv has it but unrounded (times in ms from exact
    /// microseconds); nil when summary.csv's cell is empty (not measured).
    public func value(in summary: StrategySummary) -> Double? {
        let ms: (UInt64) -> Double = { Double($0) / 1000 }
        switch self {
        case .executions: return Double(summary.executions)
        case .detected: return Double(summary.detected)
        case .requests: return Double(summary.requests)
        case .requests429: return Double(summary.requests429)
        case .rate429: return summary.rate429
        case .pollsPerExecutionMean: return summary.pollsMean
        case .pollsPerExecutionP50: return Double(summary.pollsP50)
        case .pollsPerExecutionP99: return Double(summary.pollsP99)
        case .detectionLagP50: return summary.lagP50.map(ms)
        case .detectionLagP90: return summary.lagP90.map(ms)
        case .detectionLagP99: return summary.lagP99.map(ms)
        case .detectionLagMax: return summary.lagMax.map(ms)
        case .detectionLagMean: return summary.lagMean.map { $0 / 1000 }
        case .timeToOutcomeP50: return summary.outcomeP50.map(ms)
        case .timeToOutcomeP99: return summary.outcomeP99.map(ms)
        case .abandoned: return Double(summary.abandoned)
        case .errors: return Double(summary.errors)
        case .latencyP50: return ms(summary.latencyP50)
        case .latencyP99: return ms(summary.latencyP99)
        case .latencyMax: return ms(summary.latencyMax)
        case .latencyFromIntendedP99: return ms(summary.intendedLatencyP99)
        case .requests200: return Double(summary.requests200)
        case .requestsOther4xx: return Double(summary.requestsOther4xx)
        case .requests5xx: return Double(summary.requests5xx)
        case .transportErrors: return Double(summary.transportErrors)
        case .failedRequests: return Double(summary.failedRequests)
        case .sendLatenessP50: return summary.sendLatenessP50.map(ms)
        case .sendLatenessP99: return summary.sendLatenessP99.map(ms)
        case .connectionWaitP99: return summary.connectionWaitP99.map(ms)
        case .serverQueueP99: return summary.serverQueueP99.map(ms)
        }
    }
}

extension ThresholdMetric {
    /// Decimals summary.csv gives this metric: 6 for the 429 share, 4 for mean polls, 3 for
    /// times in ms, none for counts.
    public var decimals: Int {
        switch self {
        case .rate429: return 6
        case .pollsPerExecutionMean: return 4
        case .detectionLagP50, .detectionLagP90, .detectionLagP99, .detectionLagMax, .detectionLagMean,
             .timeToOutcomeP50, .timeToOutcomeP99, .latencyP50, .latencyP99, .latencyMax, .latencyFromIntendedP99,
             .sendLatenessP50, .sendLatenessP99, .connectionWaitP99, .serverQueueP99:
            return 3
        default: return 0
        }
    }

    /// `value` as summary.csv writes it; "not measured" for nil.
    public func formatted(_ value: Double?) -> String {
        guard let value else { return "not measured" }
        return DecimalFormat.fixed(value, decimals)
    }
}
