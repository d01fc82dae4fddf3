/// A share of a simulation's API keys: the keys `k` with `k % count == index`. Limits per
/// API key make keys independent, so shards of one strategy's run simulate in parallel
/// and their metrics add up to exactly the unsharded run's (counts add, histograms merge
/// losslessly, time series add bucket by bucket).
public struct KeyShard: Sendable, Hashable, Codable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `I/N`, as `--shard` takes it (0-based).
    public var description: String { "\(index)/\(count)" }

    /// `I/N` with 0 <= I < N, or nil.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (0..<count).contains(index),
              count <= 100_000
        else { return nil }
        self.init(index: index, count: count)
    }

    /// True for execution `plan`'s key.
    @inlinable public func contains(apiKey: Int) -> Bool { apiKey % count == index }

    /// The workload's executions whose key is in this shard (execution i has key
    /// i mod apiKeys).
    public func plannedExecutions(_ workload: Workload) -> Int {
        let keys = Swift.max(1, workload.apiKeys)
        let perKey = workload.executions / keys, extra = workload.executions % keys
        return (0..<keys).reduce(0) { sum, key in
            contains(apiKey: key) ? sum + perKey + (key < extra ? 1 : 0) : sum
        }
    }

    /// Why `scenario` cannot be split by key, or nil when it can: a global limit or a
    /// limited server capacity couples the keys (each request affects every key's).
    public static func couplingReason(_ scenario: Scenario) -> String? {
        if scenario.server.rateLimits.contains(where: { $0.scope == .global }) { return "a global rate limit couples the API keys" }
        if scenario.server.capacity != nil { return "the server's capacity is shared by every API key" }
        return nil
    }

    /// `scenario` with every global rate limit and the server's capacity divided into
    /// `parts` equal shares (rates, bursts, limits, workers and queue divided by `parts`,
    /// at least 1 each), so that each of `parts` key shards runs against its share: the
    /// approximation `--split-global` makes of a server whose limits couple the keys.
    public static func splittingGlobal(_ scenario: Scenario, into parts: Int) -> Scenario {
        guard parts > 1 else { return scenario }
        var split = scenario
        func share(_ value: Int) -> Int { Swift.max(1, value / parts) }
        split.server.rateLimits = scenario.server.rateLimits.map { rule in
            guard rule.scope == .global else { return rule }
            var divided = rule
            switch rule.algorithm {
            case .tokenBucket(let rate, let burst): divided.algorithm = .tokenBucket(rate: Rate(perSecond: rate.perSecond / Double(parts)), burst: share(burst))
            case .gcra(let rate, let burst): divided.algorithm = .gcra(rate: Rate(perSecond: rate.perSecond / Double(parts)), burst: share(burst))
            case .fixedWindow(let limit, let window): divided.algorithm = .fixedWindow(limit: share(limit), window: window)
            case .slidingWindowLog(let limit, let window): divided.algorithm = .slidingWindowLog(limit: share(limit), window: window)
            case .slidingWindowCounter(let limit, let window): divided.algorithm = .slidingWindowCounter(limit: share(limit), window: window)
            case .concurrency(let limit): divided.algorithm = .concurrency(limit: share(limit))
            }
            return divided
        }
        split.server.capacity = scenario.server.capacity.map { ServerCapacity(workers: share($0.workers), queue: $0.queue.map(share)) }
        return split
    }

    /// How many shards to split each strategy's run into: enough to give `jobs` cores
    /// work when there are fewer simulations than cores, within the keys there are; 1
    /// when the keys are coupled.
    public static func count(for scenario: Scenario, simulations: Int, jobs: Int, splitGlobal: Bool = false) -> Int {
        guard splitGlobal || couplingReason(scenario) == nil, simulations < jobs else { return 1 }
        let wanted = (jobs + simulations - 1) / simulations
        return Swift.max(1, Swift.min(wanted, scenario.workload.apiKeys))
    }
}
