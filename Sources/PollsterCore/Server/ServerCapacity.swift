/// `server.capacity`: how many requests the API works on at once, and how many may wait
/// for a worker. Without it the model's capacity is unlimited: latency does not depend on
/// load. With it, a herd released by a rate-limit window queues and its latency grows.
public struct ServerCapacity: Sendable, Hashable {
    /// Requests served at once.
    public var workers: Int
    /// Requests that may wait for a worker; nil: no bound. A request that finds this many
    /// waiting is answered 503 (after its own latency, without waiting).
    public var queue: Int?

    /// The most workers a scenario may set: each is a slot the model keeps.
    public static let maxWorkers = 1_000_000

    public init(workers: Int, queue: Int? = nil) {
        self.workers = workers
        self.queue = queue
    }
}
