import PollsterCore
import Synchronization

/// Collects the traces of a strategy's executions: one independently locked shard per loop
/// thread, touched once per execution (not per request) by the thread that polled it, and
/// merged at the end. The shards' histograms are allocated in full up front.
final class LiveMetricsAccumulator: Sendable {
    private struct Shard: Sendable {
        var metrics: StrategyMetrics
        var live: LiveMeasurements
        /// Difference array of executions in their loop at each bucket's end.
        var activeChanges: [Int] = []

        /// Adds one execution's trace. Every change is made in place: a copy of the metrics
        /// would copy each histogram's counts (hundreds of kilobytes) once per execution.
        mutating func record(_ trace: ExecutionTrace, bucket: Nanoseconds) {
            metrics.executions += 1
            metrics.requests += trace.polls
            metrics.responses200 += trace.responses200
            metrics.responses429 += trace.responses429
            metrics.responsesOther4xx += trace.responsesOther4xx
            metrics.responses5xx += trace.responses5xx
            metrics.transportErrors += trace.transportErrors
            for poll in trace.log {
                metrics.timeSeries.addRequest(at: poll.sentAt, rateLimited: poll.limited)
                if let failure = poll.failure {
                    metrics.failures.add(failure)
                    metrics.timeSeries.addFailure(failure, at: poll.sentAt)
                }
                metrics.latency.record(poll.latency)
                metrics.latencyFromIntended.record(poll.latencyFromIntended)
                live.sendLateness.record(poll.sendLateness)
                live.connectionWait.record(poll.connectionWait)
                if let delay = poll.nextDelay { live.pollDelay.record(delay) }
            }
            switch trace.ending {
            case .detected(let at, let lag):
                metrics.detected += 1
                if let lag { metrics.detectionLag.record(UInt64(Swift.max(0, lag) / 1000)) }
                metrics.timeToOutcome.record(UInt64(Swift.max(0, at - trace.plan.createdAt) / 1000))
                metrics.timeSeries.addDetection(at: at)
            case .abandoned: metrics.abandoned += 1
            case .errored: metrics.errored += 1
            case .stopped: metrics.stopped += 1
            }
            metrics.pollsPerExecution.record(UInt64(trace.polls))
            // Active at the end of buckets first(created) ..< first(ended).
            let from = Int(Swift.max(0, trace.plan.createdAt) / bucket)
            let to = Int(Swift.max(0, trace.endedAt) / bucket)
            if to > from {
                if activeChanges.count <= to { activeChanges.append(contentsOf: repeatElement(0, count: to - activeChanges.count + 1)) }
                activeChanges[from] += 1
                activeChanges[to] -= 1
            }
        }
    }

    /// A lock around a shard (a `Mutex` is not copyable, so an array holds boxes).
    private final class LockedShard: Sendable {
        let state: Mutex<Shard>
        init(_ shard: Shard) { state = Mutex(shard) }
    }

    private let shards: [LockedShard]
    private let bucket: Nanoseconds
    private let startedExecutions = Atomic<Int>(0)

    private let timeScale: Double

    /// `shards`: the loop threads (an execution is added to shard `index % shards`, the
    /// shard of the loop thread that polled it).
    init(bucket: Nanoseconds, timeScale: Double, shards count: Int) {
        self.bucket = bucket
        self.timeScale = timeScale
        shards = (0..<Swift.max(1, count)).map { _ in
            LockedShard(Shard(metrics: .presized(bucket: bucket), live: .presized(timeScale: timeScale)))
        }
    }

    /// Counts an execution that arrived (once per execution, before it is polled), so that a
    /// snapshot knows which executions are still in play (``LiveRunTally``).
    func executionStarted() {
        startedExecutions.add(1, ordering: .relaxed)
    }

    /// Executions that arrived so far.
    var started: Int { startedExecutions.load(ordering: .relaxed) }

    func add(_ trace: ExecutionTrace) {
        let bucket = self.bucket
        shards[trace.plan.index % shards.count].state.withLock { shard in shard.record(trace, bucket: bucket) }
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
