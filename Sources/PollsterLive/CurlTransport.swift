import Synchronization

/// An HTTP client for load generation: libcurl's multi interface on dedicated threads,
/// with a keep-alive connection pool, bridged to async/await.
///
/// Any number of tasks may call ``send(_:)`` at once; requests beyond the connection limit
/// wait in order in the transport's own queue for a free connection. Call ``shutdown()``
/// when done, or use ``withCurlTransport(configuration:isolation:_:)``.
public final class CurlTransport: Sendable {
    /// The settings the transport was created with.
    public let configuration: TransportConfiguration
    private let loops: [CurlMultiLoop]
    private let nextLoop = Atomic<UInt>(0)
    /// Set by ``drain()``; read (relaxed) on the fast path of a sleep that needs no timer.
    private let draining = Atomic<Bool>(false)

    /// Starts the loop threads; throws if the configuration is out of range or libcurl fails.
    public init(configuration: TransportConfiguration = TransportConfiguration()) throws(TransportSetupError) {
        try configuration.validate()
        try CurlGlobal.ensureInitialized()
        var loops: [CurlMultiLoop] = []
        do {
            for index in 0..<configuration.threads {
                loops.append(try CurlMultiLoop(index: index, configuration: configuration))
            }
        } catch {
            for loop in loops { loop.abandon() }
            throw error
        }
        self.configuration = configuration
        self.loops = loops
    }

    deinit {
        // Without shutdown(), stop the threads anyway rather than leak them.
        for loop in loops { loop.abandon() }
    }

    /// Sends a request and returns its response or a classified failure; never throws.
    ///
    /// If the calling task is cancelled, the request is abandoned and the call returns
    /// ``TransportFailure/cancelled`` at once; after ``shutdown()`` every call does.
    public func send(_ request: HTTPRequest) async -> TransportOutcome {
        await exchange(request).outcome
    }

    /// Sends a request like ``send(_:)`` and also says when it was queued, handed to a
    /// connection and answered, which tells the client's own delays from the server's.
    public func exchange(_ request: HTTPRequest) async -> HTTPExchange {
        if loops.count == 1 { return await loops[0].exchange(request) }
        // A task running on a loop thread keeps its requests on that loop.
        for loop in loops where loop.isCurrentThread {
            return await loop.exchange(request)
        }
        let turn = nextLoop.wrappingAdd(1, ordering: .relaxed).oldValue
        return await loops[Int(turn % UInt(loops.count))].exchange(request)
    }

    /// Suspends the calling task until `deadline`; throws `CancellationError` when the task
    /// is cancelled, and after ``shutdown()``.
    ///
    /// The loop threads keep the timers: a task on one of ``taskExecutors`` sleeps on its
    /// own loop and wakes there with no other thread involved, which at thousands of
    /// sleeps per second costs far less than `Task.sleep` (a timer on the global
    /// executor's manager thread and two thread hops per sleep). Deadlines are met to the
    /// microsecond when the loop is not busy (epoll_pwait2's nanosecond timeout).
    /// Winds every loop down gently: sleepers wake with `CancellationError`, no new sleep
    /// or request starts, and requests in flight get their answers. A run's first stop
    /// drains, then cancels what is still in flight after a grace period.
    public func drain() {
        draining.store(true, ordering: .relaxed)
        for loop in loops { loop.drain() }
    }

    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        // A deadline already past (a loop behind its schedule) costs no timer at all.
        if deadline <= .now {
            try Task.checkCancellation()
            if draining.load(ordering: .relaxed) { throw CancellationError() }
            return
        }
        for loop in loops where loop.isCurrentThread {
            return try await loop.sleep(until: deadline)
        }
        try await loops[0].sleep(until: deadline)
    }

    /// One executor per loop thread, for tasks that send many requests.
    ///
    /// A task that prefers one of them (`group.addTask(executorPreference:)`) runs on that
    /// loop thread between polls, and its requests and resumptions skip the hops to and from
    /// the cooperative pool. Keep such tasks light: while one runs, that loop moves no bytes.
    /// After ``shutdown()`` their jobs run on the global executor.
    public var taskExecutors: [any TaskExecutor] {
        loops
    }

    /// Stops the loop threads: pending requests fail with ``TransportFailure/cancelled``,
    /// open connections close, and the call returns once the threads have been joined.
    public func shutdown() async {
        for loop in loops {
            loop.requestStop()
        }
        for loop in loops {
            await loop.stop()
        }
    }
}
