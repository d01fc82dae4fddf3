import PollsterCore
import Synchronization

/// How late the embedded server handled requests: for each request stamped by a client in
/// the same process (``MonotonicTime/dispatchHeader``), the wall time between the client
/// handing it to a connection and the handler running, plus how late the modelled latency's
/// wait ended. Both are the server's own queueing (sockets not read, handlers not
/// scheduled, timers not run in time), which a live run must not mistake for the API's.
///
/// A few independently locked histograms, picked by a per-thread spread, keep the lock off
/// the contended path.
final class ServerQueueRecorder: Sendable {
    private final class Shard: Sendable {
        let histogram = Mutex(MetricHistogram())
    }

    private let shards = (0..<8).map { _ in Shard() }
    private let next = Atomic<Int>(0)

    /// Records `nanoseconds` of queueing (negative values, from clock reads racing, count as 0).
    func record(nanoseconds: Int64) {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue & 7
        let micros = UInt64(Swift.max(0, nanoseconds) / 1_000)
        shards[index].histogram.withLock { $0.record(micros) }
    }

    /// Everything recorded so far, microseconds of wall time.
    var histogram: MetricHistogram {
        var merged = MetricHistogram()
        for shard in shards { merged.add(shard.histogram.withLock { $0 }) }
        return merged
    }
}
