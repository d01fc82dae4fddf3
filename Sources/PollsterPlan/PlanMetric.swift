import PollsterCore

/// A figure of one strategy's results that plans chart, constrain or minimise; every one
/// is "lower is better". Names are summary.csv's column names; short aliases also parse.
public enum PlanMetric: String, Sendable, Hashable, Codable, CaseIterable {
    case rate429 = "rate_429"
    case pollsPerExecution = "polls_per_execution_mean"
    case requests = "requests"
    case lagMean = "detection_lag_ms_mean"
    case lagP50 = "detection_lag_ms_p50"
    case lagP90 = "detection_lag_ms_p90"
    case lagP99 = "detection_lag_ms_p99"
    case lagMax = "detection_lag_ms_max"
    case timeToOutcomeP99 = "time_to_outcome_ms_p99"
    case abandoned = "abandoned"

    /// Short names accepted on the command line.
    static let aliases: [String: PlanMetric] = [
        "429-rate": .rate429, "rate429": .rate429, "polls": .pollsPerExecution, "polls-per-execution": .pollsPerExecution,
        "lag-mean": .lagMean, "lag-p50": .lagP50, "lag-p90": .lagP90, "lag-p99": .lagP99, "lag-max": .lagMax,
        "time-to-outcome-p99": .timeToOutcomeP99,
    ]

    /// The metric named `name` (a column name or an alias such as `lag-p99`).
    public init(name: String) throws(PlanError) {
        if let metric = PlanMetric(rawValue: name) ?? Self.aliases[name] {
            self = metric
            return
        }
        let names = PlanMetric.allCases.map(\.rawValue) + Self.aliases.keys.sorted()
        throw .invalidOption("unknown metric \"\(name)\"; allowed: " + names.joined(separator: ", "))
    }

    /// The metric's value in `metrics` (milliseconds for times, a fraction for the 429 rate).
    public func value(_ metrics: StrategyMetrics) -> Double {
        let ms = { (micros: UInt64) in Double(micros) / 1000 }
        switch self {
        case .rate429: return metrics.rate429
        case .pollsPerExecution: return metrics.meanPollsPerExecution
        case .requests: return Double(metrics.requests)
        case .lagMean: return metrics.detectionLag.mean / 1000
        case .lagP50: return ms(metrics.detectionLag.value(atPercentile: 50))
        case .lagP90: return ms(metrics.detectionLag.value(atPercentile: 90))
        case .lagP99: return ms(metrics.detectionLag.value(atPercentile: 99))
        case .lagMax: return ms(metrics.detectionLag.max)
        case .timeToOutcomeP99: return ms(metrics.timeToOutcome.value(atPercentile: 99))
        case .abandoned: return Double(metrics.abandoned)
        }
    }

    /// A title for charts and tables, with the unit.
    public var title: String {
        switch self {
        case .rate429: return "429 rate (%)"
        case .pollsPerExecution: return "polls per execution"
        case .requests: return "requests"
        case .lagMean: return "detection lag, mean (s)"
        case .lagP50: return "detection lag p50 (s)"
        case .lagP90: return "detection lag p90 (s)"
        case .lagP99: return "detection lag p99 (s)"
        case .lagMax: return "detection lag max (s)"
        case .timeToOutcomeP99: return "time to outcome p99 (s)"
        case .abandoned: return "abandoned executions"
        }
    }

    /// The title without its unit, for tables whose cells carry the unit: `429 rate`.
    public var label: String {
        guard let open = title.range(of: " (") else { return title }
        return String(title[..<open.lowerBound])
    }

    /// The value as charts show it: percent for the 429 rate, seconds for times.
    public func display(_ value: Double) -> Double {
        switch self {
        case .rate429: return value * 100
        case .lagMean, .lagP50, .lagP90, .lagP99, .lagMax, .timeToOutcomeP99: return value / 1000
        case .pollsPerExecution, .requests, .abandoned: return value
        }
    }

    /// The value in words, to `digits` significant digits: `2.4%`, `3.12s`, `4.5`.
    public func describe(_ value: Double, digits: Int = 3) -> String {
        switch self {
        case .rate429: return ParameterValues.significant(value * 100, digits: digits) + "%"
        case .lagMean, .lagP50, .lagP90, .lagP99, .lagMax, .timeToOutcomeP99:
            return ParameterValues.significant(value / 1000, digits: digits) + "s"
        case .pollsPerExecution, .requests, .abandoned: return ParameterValues.significant(value, digits: digits + 1)
        }
    }
}
