/// The record every stage shares: engines produce it, writers read only it, and
/// results.json is it, encoded. Several results of the same scenario merge.
public struct RunResult: Sendable, Codable, Equatable {
    /// Format version of results.json: 2 writes histograms as HdrHistogram's compressed
    /// V2 encoding in base64; 1 wrote them as `[[value, count], ...]` (still read).
    public var formatVersion: Int = RunResult.currentFormatVersion
    /// The version this build writes.
    public static let currentFormatVersion = 2
    public var scenario: ScenarioInfo
    /// True when the run was interrupted or its target died: the figures cover only what
    /// happened until then.
    public var partial: Bool
    /// Seeds run per strategy (`--replications`), each a full workload.
    public var replications: Int
    public var strategies: [StrategyResult]
    /// Per-execution detail (executions.csv), when the engine kept it; absent from
    /// results.json otherwise.
    public var executions: [ExecutionRecord]?
    /// The thresholds the run was judged by (`--fail-if`, a scenario's `thresholds`), each
    /// evaluated on the final figures; absent from results.json when there were none.
    public var thresholds: [ThresholdResult]?

    /// A result; `executions` only when the engine kept per-execution detail.
    public init(
        scenario: ScenarioInfo, partial: Bool = false, replications: Int = 1, strategies: [StrategyResult],
        executions: [ExecutionRecord]? = nil
    ) {
        self.scenario = scenario
        self.partial = partial
        self.replications = replications
        self.strategies = strategies
        self.executions = executions
    }
}

/// The scenario as a report needs it (not the whole scenario: results stay self-contained
/// and free of secrets such as the target's API key).
public struct ScenarioInfo: Sendable, Codable, Equatable {
    public var name: String
    public var summary: String
    public var seed: UInt64
    public var mode: RunMode
    public var target: String
    public var timeScale: Double
    public var executions: Int
    /// Time-series bucket width, nanoseconds.
    public var bucket: Nanoseconds
    /// The share of API keys this result covers (`--shard I/N`); absent for a whole run.
    public var shard: KeyShard?
    /// A content hash of the scenario as run (``Scenario/contentHash``), in sharded
    /// results, so that `pollster merge` refuses shards of different scenarios.
    public var scenarioHash: String?
    /// How many shards were merged into this result (`pollster merge`); absent otherwise.
    public var mergedFrom: Int?
    /// Into how many parts the global limits and the server's capacity were divided so
    /// that a coupled run could be split by key (`--split-global`): an approximation.
    /// Absent when they were not.
    public var splitGlobal: Int?

    public init(_ scenario: Scenario) {
        name = scenario.name
        summary = scenario.summary
        seed = scenario.seed
        mode = scenario.mode
        target = scenario.target.description
        timeScale = scenario.timeScale
        executions = scenario.workload.executions
        bucket = scenario.report.bucket
    }
}

/// One strategy's results.
public struct StrategyResult: Sendable, Codable, Equatable {
    public var name: String
    /// The strategy in plain words.
    public var description: String
    public var metrics: StrategyMetrics
    /// Each replication's headline figures, in seed order, when a simulation ran more than
    /// one (`--replications`); absent otherwise.
    public var replications: [ReplicationFigures]?

    public init(name: String, description: String, metrics: StrategyMetrics, replications: [ReplicationFigures]? = nil) {
        self.name = name
        self.description = description
        self.metrics = metrics
        self.replications = replications
    }
}

extension RunResult {
    /// Decodes results.json, rejecting a scenario bucket width that is not positive or
    /// whose span over a strategy's series would overflow when reports multiply it out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        self.init(
            scenario: try c.decode(ScenarioInfo.self, forKey: .scenario), partial: try c.decode(Bool.self, forKey: .partial),
            replications: try c.decodeCount(forKey: .replications), strategies: try c.decode([StrategyResult].self, forKey: .strategies),
            executions: try c.decodeIfPresent([ExecutionRecord].self, forKey: .executions)
        )
        // Read in any supported version, it is now a result of the current one.
        _ = formatVersion
        self.formatVersion = Self.currentFormatVersion
        thresholds = try c.decodeIfPresent([ThresholdResult].self, forKey: .thresholds)
        let longest = strategies.map(\.metrics.timeSeries.count).max() ?? 0
        guard scenario.bucket > 0, TimeSeries.spanFits(bucket: scenario.bucket, buckets: longest) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.scenario],
                debugDescription: "bucket \(scenario.bucket) ns is not positive or spans more than \(TimeSeries.longestSpan) ns over \(longest) buckets"))
        }
    }
}
