import PollsterCore

/// Two runs side by side, strategy by strategy (matched by name): what moved in the 429
/// rate, the requests per execution, the lag and latency percentiles, the abandoned and
/// errored executions, with a 95% interval where both runs have replications.
public struct RunComparison: Sendable {
    /// The figures compared, as summary.csv names them.
    public static let metrics: [ThresholdMetric] = [
        .rate429, .pollsPerExecutionMean, .detectionLagP50, .detectionLagP99, .timeToOutcomeP50, .latencyP99, .abandoned, .errors,
    ]

    public var changes: [MetricChange]
    /// Strategies in one run only.
    public var onlyInOld: [String]
    public var onlyInNew: [String]
    /// Replications (seeds) behind each run's figures.
    public var replications: (old: Int, new: Int)
    /// Both runs' summaries of each strategy they share, in the new run's order.
    let pairs: [(name: String, old: StrategySummary, new: StrategySummary)]

    public init(old: RunResult, new: RunResult) {
        let oldByName = Dictionary(old.strategies.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let newNames = Set(new.strategies.map(\.name))
        onlyInOld = old.strategies.map(\.name).filter { !newNames.contains($0) }
        onlyInNew = new.strategies.map(\.name).filter { oldByName[$0] == nil }
        replications = (old.replications, new.replications)
        var changes: [MetricChange] = []
        var pairs: [(name: String, old: StrategySummary, new: StrategySummary)] = []
        for newer in new.strategies {
            guard let older = oldByName[newer.name] else { continue }
            let (a, b) = (StrategySummary(older), StrategySummary(newer))
            pairs.append((newer.name, a, b))
            for metric in Self.metrics {
                changes.append(MetricChange(
                    strategy: newer.name, metric: metric, old: metric.value(in: a), new: metric.value(in: b),
                    interval: Self.interval(metric, old: older.replications, new: newer.replications)))
            }
        }
        self.changes = changes
        self.pairs = pairs
    }

    /// Welch's 95% interval on mean(new) − mean(old) over the replications' figures.
    static func interval(_ metric: ThresholdMetric, old: [ReplicationFigures]?, new: [ReplicationFigures]?) -> ConfidenceInterval? {
        let x = (old ?? []).compactMap { $0.values[metric.rawValue] }
        let y = (new ?? []).compactMap { $0.values[metric.rawValue] }
        guard x.count >= 2, y.count >= 2, x.count == (old?.count ?? 0), y.count == (new?.count ?? 0) else { return nil }
        let a = ConfidenceInterval(samples: x), b = ConfidenceInterval(samples: y)
        func variance(_ samples: [Double], _ mean: Double) -> Double {
            samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count - 1)
        }
        let va = variance(x, a.mean) / Double(x.count), vb = variance(y, b.mean) / Double(y.count)
        let se = (va + vb).squareRoot()
        var interval = ConfidenceInterval(samples: [])
        interval.mean = b.mean - a.mean
        interval.count = x.count + y.count
        guard se > 0 else { return interval }
        let df = (va + vb) * (va + vb) / (va * va / Double(x.count - 1) + vb * vb / Double(y.count - 1))
        interval.halfWidth = ConfidenceInterval.t975(degreesOfFreedom: Swift.max(1, Int(df.rounded(.down)))) * se
        return interval
    }

    /// The changes as the thresholds of `pollster compare --fail-if` see them: each
    /// threshold judged on NEW − OLD of its metric, per strategy in both runs.
    public func judge(_ thresholds: [Threshold]) -> [ThresholdResult] {
        let strategies = pairs.map(\.name)
        return thresholds.map { threshold in
            let covered = strategies.filter { name in
                if case .strategy(let only) = threshold.scope { return name == only }
                return true
            }
            let checks = covered.map { name in
                ThresholdCheck(strategy: name, actual: change(of: threshold.metric, for: name), threshold: threshold)
            }
            return ThresholdResult(threshold: threshold, checks: checks)
        }
    }

    /// NEW − OLD of any summary metric for `strategy` (nil when either is not measured).
    public func change(of metric: ThresholdMetric, for strategy: String) -> Double? {
        guard let pair = pairs.first(where: { $0.name == strategy }),
              let old = metric.value(in: pair.old), let new = metric.value(in: pair.new) else { return nil }
        return new - old
    }
}
