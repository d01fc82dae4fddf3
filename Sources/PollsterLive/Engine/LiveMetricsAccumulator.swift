import PollsterCore
import Synchronization

/// Collects the traces of a strategy's executions: a few independently locked shards,
/// each touched once per execution (not per request), merged at the end.
final class LiveMetricsAccumulator: Sendable {
    private struct Shard: Sendable {
        var metrics: StrategyMetrics
        var live: LiveMeasurements
        /// Difference array of executions in their loop at each bucket's end.
        var activeChanges: [Int] = []
    }

    /// A lock around a shard (a `Mutex` is not copyable, so an array holds boxes).
    private final class LockedShard: Sendable {
        let state: Mutex<Shard>
        init(_ shard: Shard) { state = Mutex(shard) }
    }

    private let shards: [LockedShard]
    private let bucket: Nanoseconds

    private let timeScale: Double

    init(bucket: Nanoseconds, timeScale: Double, shards count: Int = 8) {
        self.bucket = bucket
        self.timeScale = timeScale
        shards = (0..<count).map { _ in
            LockedShard(Shard(metrics: StrategyMetrics(bucket: bucket), live: LiveMeasurements(timeScale: timeScale)))
        }
    }

    func add(_ trace: ExecutionTrace) {
        let bucket = self.bucket
        shards[trace.plan.index % shards.count].state.withLock { shard in
            var m = shard.metrics
            m.executions += 1
            m.requests += trace.polls
            m.responses200 += trace.responses200
            m.responses429 += trace.responses429
            m.responsesOther4xx += trace.responsesOther4xx
            m.responses5xx += trace.responses5xx
            m.transportErrors += trace.transportErrors
            for send in trace.sends {
                m.timeSeries.addRequest(at: send.at, rateLimited: send.limited)
                if let failure = send.failure {
                    m.failures.add(failure)
                    m.timeSeries.addFailure(failure, at: send.at)
                }
            }
            for value in trace.latencies { m.latency.record(value) }
            for value in trace.latenciesFromIntended { m.latencyFromIntended.record(value) }
            for value in trace.sendLateness { shard.live.sendLateness.record(value) }
            for value in trace.connectionWaits { shard.live.connectionWait.record(value) }
            for value in trace.pollDelays { shard.live.pollDelay.record(value) }
            switch trace.ending {
            case .detected(let at, let lag):
                m.detected += 1
                if let lag { m.detectionLag.record(UInt64(Swift.max(0, lag) / 1000)) }
                m.timeToOutcome.record(UInt64(Swift.max(0, at - trace.plan.createdAt) / 1000))
                m.timeSeries.addDetection(at: at)
            case .abandoned: m.abandoned += 1
            case .errored: m.errored += 1
            case .stopped: break
            }
            m.pollsPerExecution.record(UInt64(trace.polls))
            shard.metrics = m
            // Active at the end of buckets first(created) ..< first(ended).
            let from = Int(Swift.max(0, trace.plan.createdAt) / bucket)
            let to = Int(Swift.max(0, trace.endedAt) / bucket)
            if to > from {
                if shard.activeChanges.count <= to { shard.activeChanges.append(contentsOf: repeatElement(0, count: to - shard.activeChanges.count + 1)) }
                shard.activeChanges[from] += 1
                shard.activeChanges[to] -= 1
            }
        }
    }

    /// Everything merged, in canonical form.
    func metrics() -> StrategyMetrics {
        var merged = StrategyMetrics(bucket: bucket)
        var live = LiveMeasurements(timeScale: timeScale)
        var changes: [Int] = []
        for shard in shards {
            shard.state.withLock { shard in
                merged.add(shard.metrics)
                live.add(shard.live)
                if shard.activeChanges.count > changes.count { changes.append(contentsOf: repeatElement(0, count: shard.activeChanges.count - changes.count)) }
                for (i, change) in shard.activeChanges.enumerated() { changes[i] += change }
            }
        }
        var running = 0
        merged.timeSeries.active = changes.map { running += $0; return running }
        merged.timeSeries.finish(activeAtEnd: 0)
        merged.live = live
        return merged.canonical
    }
}
