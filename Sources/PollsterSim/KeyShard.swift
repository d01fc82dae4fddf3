import PollsterCore

/// A share of a simulation's API keys: the keys `k` with `k % count == index`. Limits per
/// API key make keys independent, so shards of one strategy's run simulate in parallel
/// and their metrics add up to exactly the unsharded run's (counts add, histograms merge
/// losslessly, time series add bucket by bucket).
public struct KeyShard: Sendable, Hashable {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
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
