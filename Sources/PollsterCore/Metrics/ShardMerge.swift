/// Merges the results of `--shard I/N` runs back into the run they split: counters add,
/// histograms merge losslessly and time series add bucket by bucket, so N shards give
/// exactly the figures of the unsharded run. Refuses anything that is not the complete set
/// of shards of one scenario and seed.
public enum ShardMerge {
    /// Why the files cannot be merged, in one line.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// The merged result of `shards` (each with the path it was read from, for messages).
    public static func merge(_ shards: [(path: String, result: RunResult)]) throws(Problem) -> RunResult {
        guard let (firstPath, first) = shards.first else { throw Problem("no results to merge") }
        var seen: [Int: String] = [:]
        var count: Int?
        for (path, result) in shards {
            guard let shard = result.scenario.shard else {
                throw Problem("\(path): not the result of a shard (it has no shard); merge takes the results.json of runs with --shard I/N")
            }
            if let count, shard.count != count {
                throw Problem("\(path): shard \(shard) is of a split into \(shard.count), the others into \(count)")
            }
            count = shard.count
            if let other = seen[shard.index] { throw Problem("shard \(shard) is given twice: \(other) and \(path)") }
            seen[shard.index] = path
            if result.scenario.seed != first.scenario.seed {
                throw Problem("\(path): seed \(result.scenario.seed), but \(firstPath) has seed \(first.scenario.seed)")
            }
            if result.scenario.scenarioHash != first.scenario.scenarioHash || result.scenario.name != first.scenario.name {
                throw Problem("\(path): a shard of another scenario than \(firstPath) (\(result.scenario.name) \(result.scenario.scenarioHash ?? "-"), not \(first.scenario.name) \(first.scenario.scenarioHash ?? "-"))")
            }
            if result.strategies.map(\.name) != first.strategies.map(\.name) || result.replications != first.replications
                || result.scenario.bucket != first.scenario.bucket {
                throw Problem("\(path): its strategies, replications or bucket differ from \(firstPath)")
            }
        }
        let total = count ?? 1
        let missing = (0..<total).filter { seen[$0] == nil }
        if !missing.isEmpty {
            throw Problem("missing shard\(missing.count == 1 ? "" : "s") " + missing.map { "\($0)/\(total)" }.joined(separator: ", ")
                + " of \(first.scenario.name): merge needs all \(total)")
        }
        var merged = first
        merged.scenario.shard = nil
        merged.scenario.mergedFrom = total
        merged.scenario.executions = shards.reduce(0) { $0 + $1.result.scenario.executions }
        merged.partial = shards.contains { $0.result.partial }
        for index in merged.strategies.indices {
            var metrics = StrategyMetrics(bucket: first.scenario.bucket)
            for (_, result) in shards { metrics.add(result.strategies[index].metrics) }
            merged.strategies[index].metrics = metrics.canonical
        }
        merged.executions = nil
        return merged
    }
}
