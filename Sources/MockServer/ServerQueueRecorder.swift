import PollsterCore
import Synchronization

/// How late the embedded server answered: for each request stamped by a client in the same
/// process (``MonotonicTime/dispatchHeader``), how much later than the model (the client's
/// dispatch plus the modelled latency) the response left the handler. A wait for the
/// handler shorter than the modelled latency is absorbed by it; beyond that, the server's
/// own queueing (sockets not read, handlers not scheduled, timers not run in time) would
/// show as latency of the API, which a live run must not report as the API's.
///
/// A few independently locked histograms, picked by a per-thread spread, keep the lock off
/// the contended path.
final class ServerQueueRecorder: Sendable {
    private final class Shard: Sendable {
        let histogram = Mutex(MetricHistogram.presized())
    }

    private let shards = (0..<4).map { _ in Shard() }
    private let next = Atomic<Int>(0)

    /// Records `nanoseconds` of queueing (negative values, from clock reads racing, count as 0).
    func record(nanoseconds: Int64) {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue & 3
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
