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

    /// How many shards to split each strategy's run into: enough to give `jobs` cores
    /// work when there are fewer simulations than cores, within the keys there are; 1
    /// when the keys are coupled.
    public static func count(for scenario: Scenario, simulations: Int, jobs: Int) -> Int {
        guard couplingReason(scenario) == nil, simulations < jobs else { return 1 }
        let wanted = (jobs + simulations - 1) / simulations
        return Swift.max(1, Swift.min(wanted, scenario.workload.apiKeys))
    }
}
