#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Hummingbird
import Logging
import NIOCore
import PollsterCore
import ServiceLifecycle
import Synchronization

/// The embedded mock of the execution API: a Hummingbird server over the lifecycle model
/// and rate limiters the simulator uses, on a ``ScenarioClock``.
///
/// `pollster serve` runs it standalone; a live run starts it in-process with
/// ``withRunning(_:)`` on `127.0.0.1:0`, registers its executions and keys, polls the base
/// URL it is given and stops it gracefully when the body returns.
public final class MockServer: Sendable {
    /// What the server serves and where.
    public let configuration: MockServerConfiguration
    /// The clock mapping wall time to the scenario time every request is evaluated at.
    public let clock: ScenarioClock
    let api: ExecutionAPI
    /// The Unix time (ns, a whole second) scenario time 0 is shown as.
    public var epoch: Int64 { api.epoch }
    let counters = RequestCounters()
    let queue = ServerQueueRecorder()
    let logger: Logger
    private let boundURL = Mutex<String?>(nil)

    /// A server for `configuration` on `clock` (by default one starting now, at the
    /// configuration's time scale). Throws ``MockServerError/notLoopback(_:)`` for a host
    /// that is not a loopback address.
    public init(configuration: MockServerConfiguration, clock: ScenarioClock? = nil, logger: Logger = Logger(label: "pollster.mock")) throws {
        guard Self.isLoopback(configuration.host) else { throw MockServerError.notLoopback(configuration.host) }
        self.configuration = configuration
        self.clock = clock ?? ScenarioClock(timeScale: configuration.timeScale)
        self.logger = logger
        // A whole Unix second, so that dates (Retry-After, GitHub's reset) fall on the same
        // whole seconds of scenario time as in the simulator.
        let epoch = configuration.epoch ?? Int64(Date().timeIntervalSince1970.rounded(.down)) * 1_000_000_000
        api = ExecutionAPI(configuration: configuration, epoch: epoch)
    }

    /// Adds an execution with exactly this plan (times in scenario time on ``clock``) and
    /// returns its id; every call makes a new execution, even for an equal plan.
    @discardableResult
    public func register(_ plan: ExecutionPlan, flowId: String) -> String {
        api.store.register(plan, flowId: flowId)
    }

    /// Forgets execution `id` once its client is done with it (see ``ExecutionStore/retire(_:)``).
    @discardableResult
    public func retire(_ id: String) -> Bool {
        api.store.retire(id)
    }

    /// The executions the server holds now (made and not retired).
    public var heldExecutions: Int { api.store.held }

    /// Accepts `key` with `scopes`, rate-limited as API-key `index` of the rate limits.
    public func registerKey(_ key: String, scopes: Set<APIScope>, index: Int) {
        api.keys.register(key, scopes: scopes, index: index)
    }

    /// Responses so far, by kind.
    public var requestCounts: RequestCounts { counters.counts }

    /// How much later than the model the server answered the requests that carried a
    /// client's dispatch stamp (``MonotonicTime/dispatchHeader``), microseconds of wall
    /// time; see ``ServerQueueRecorder``.
    public var queueDelays: MetricHistogram { queue.histogram }

    /// `http://HOST:PORT` once the server listens, nil before.
    public var baseURL: String? { boundURL.withLock { $0 } }

    /// Serves until the task is cancelled or, inside a `ServiceGroup`, until graceful
    /// shutdown; calls `onServerRunning` with the base URL once listening. Prefer
    /// ``withRunning(_:)`` or ``MockServerService`` in a `ServiceGroup`: cancelling this
    /// directly logs an error.
    public func run(onServerRunning: @escaping @Sendable (_ baseURL: String) async -> Void = { _ in }) async throws {
        let router = MockExecutionAPI.router(api: api, clock: clock, counters: counters, queue: queue, logger: logger)
        let host = configuration.host
        let configuredPort = configuration.port
        // Per-request lines go to `logger` at debug; the framework's own chatter (its debug
        // lines, and "Server started" at info: the caller says where it listens) does not.
        var frameworkLogger = logger
        frameworkLogger.logLevel = max(logger.logLevel, .notice)
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuredPort)),
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port ?? configuredPort
                let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
                self.boundURL.withLock { $0 = url }
                await onServerRunning(url)
            },
            logger: frameworkLogger
        )
        do {
            try await app.run()
        } catch let error as IOError where boundURL.withLock({ $0 == nil }) {
            let address = host.contains(":") ? "[\(host)]:\(configuredPort)" : "\(host):\(configuredPort)"
            throw MockServerError.cannotListen(address: address, errno: error.errnoCode)
        }
    }

    /// Starts the server, runs `body` with its base URL (`http://127.0.0.1:PORT`), then
    /// shuts the server down gracefully and waits for it, whether `body` returns or throws.
    public func withRunning<Value>(_ body: (_ baseURL: String) async throws -> Value) async throws -> Value {
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let service = MockServerService(server: self) { url in
            continuation.yield(url)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await group.run()
            }
            var iterator = urls.makeAsyncIterator()
            guard let url = await iterator.next() else {
                try await tasks.waitForAll()
                throw MockServerError.stoppedBeforeListening
            }
            do {
                let value = try await body(url)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    /// True for the hosts the mock may bind: 127.0.0.0/8, ::1 and localhost.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { UInt8($0) != nil }
    }
}
