internal import CCurl
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One libcurl multi handle driven by its own OS thread, and the queue that feeds it.
///
/// Callers register a continuation and a request under the mutex and, if the thread sleeps
/// in `curl_multi_poll`, wake it with `curl_multi_wakeup` (the one multi call that is safe
/// from other threads). Whoever removes a continuation from `waiting` resumes it, which
/// makes completion, cancellation and shutdown race-free.
///
/// The loop is also a `TaskExecutor`: tasks that prefer it run on the loop thread between
/// polls, so their requests and resumptions stay on one thread instead of crossing to the
/// cooperative pool and back for every request. It keeps timers too (``sleep(until:)``):
/// the poll's timeout ends at the earliest deadline, so a task on the loop sleeps and
/// wakes without the global executor's timer thread and its wakeups.
final class CurlMultiLoop: TaskExecutor {
    private struct Submission: Sendable {
        var id: UInt64
        var request: HTTPRequest
    }

    private enum Phase {
        case running, stopping, stopped
    }

    private struct State {
        var phase = Phase.running
        var waiting: [UInt64: CheckedContinuation<TransportOutcome, Never>] = [:]
        var submissions: [Submission] = []
        var cancellations: [UInt64] = []
        /// Set while the loop thread is in (or about to enter) `curl_multi_poll`, so that only
        /// the first submission after it pays for a wakeup.
        var isSleeping = false
        /// Jobs of tasks that prefer this loop as their executor.
        var jobs: [UnownedJob] = []
        /// Tasks in ``CurlMultiLoop/sleep(until:)``.
        var timers = LoopTimers()
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
        var thread: pthread_t?
    }

    /// The multi handle, shared with other threads only for `curl_multi_wakeup`.
    private struct MultiHandle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private let multi: MultiHandle
    private let configuration: TransportConfiguration
    private let state = Mutex(State())
    private let nextID = Atomic<UInt64>(0)
    /// The loop thread's `pthread_self()`, set by the thread when it starts.
    private let loopThread = Atomic<UInt>(0)

    /// Creates the multi handle and starts its thread.
    init(index: Int, configuration: TransportConfiguration) throws(TransportSetupError) {
        guard let pointer = curl_multi_init() else { throw .multiHandleUnavailable }
        let connections = configuration.connectionLimit(forLoop: index)
        c_curl_multi_setopt_long(pointer, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections)
        c_curl_multi_setopt_long(pointer, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.hostConnectionLimit(forLoop: index))
        // The connection cache would otherwise close idle connections beyond 4 per handle
        // added, defeating keep-alive when load briefly drops.
        c_curl_multi_setopt_long(pointer, CURLMOPT_MAXCONNECTS, connections)
        multi = MultiHandle(pointer: pointer)
        self.configuration = configuration

        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            let loop = Unmanaged<CurlMultiLoop>.fromOpaque(context!).takeRetainedValue()
            loop.run()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<CurlMultiLoop>.fromOpaque(context).release()
            throw .threadStartFailed(errno: result)
        }
        state.withLock { $0.thread = thread }
    }

    deinit {
        // The loop thread holds a reference while it runs, so no easy handle is left here.
        curl_multi_cleanup(multi.pointer)
    }

    /// True when called on this loop's thread, that is from a task that prefers this loop.
    var isCurrentThread: Bool {
        loopThread.load(ordering: .relaxed) == UInt(pthread_self())
    }

    /// Runs a job of a task that prefers this loop; after the loop has stopped, jobs go to
    /// the global executor, so that such tasks still finish.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let wake: Bool? = state.withLock { state in
            guard state.phase != .stopped else { return nil }
            state.jobs.append(job)
            defer { state.isSleeping = false }
            return state.isSleeping
        }
        guard let wake else {
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
            return
        }
        if wake { curl_multi_wakeup(multi.pointer) }
    }

    /// Sends a request through this loop; see ``CurlTransport/send(_:)``.
    func send(_ request: HTTPRequest) async -> TransportOutcome {
        let id = nextID.add(1, ordering: .relaxed).newValue
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // A task cancelled before it got here sends nothing.
                if Task.isCancelled {
                    continuation.resume(returning: .failure(.cancelled))
                    return
                }
                let wake: Bool? = state.withLock { state in
                    guard state.phase == .running else { return nil }
                    state.waiting[id] = continuation
                    state.submissions.append(Submission(id: id, request: request))
                    defer { state.isSleeping = false }
                    return state.isSleeping
                }
                guard let wake else {
                    continuation.resume(returning: .failure(.cancelled))
                    return
                }
                if wake { curl_multi_wakeup(multi.pointer) }
                // The task may have been cancelled between the check above and the registration,
                // when the cancellation handler found nothing to cancel.
                if Task.isCancelled { cancel(id) }
            }
        } onCancel: {
            cancel(id)
        }
    }

    /// Suspends the calling task until `deadline` on this loop's timers; throws
    /// `CancellationError` when the task is cancelled or the loop stops.
    func sleep(until deadline: ContinuousClock.Instant) async throws {
        let id = nextID.add(1, ordering: .relaxed).newValue
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                let wake: Bool? = state.withLock { state in
                    guard state.phase == .running else { return nil }
                    state.timers.add(continuation, id: id, deadline: deadline)
                    // A sleeping loop must shorten its poll to the new deadline.
                    defer { state.isSleeping = false }
                    return state.isSleeping
                }
                guard let wake else {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                if wake { curl_multi_wakeup(multi.pointer) }
                if Task.isCancelled { cancelSleep(id) }
            }
        } onCancel: {
            cancelSleep(id)
        }
    }

    /// Ends sleep `id` early with `CancellationError`; the loop skips its stale deadline.
    private func cancelSleep(_ id: UInt64) {
        state.withLock { state in state.timers.remove(id: id) }?.resume(throwing: CancellationError())
    }

    /// Resumes the caller of request `id` at once and tells the loop to drop the transfer.
    private func cancel(_ id: UInt64) {
        let (continuation, wake) = state.withLock { state -> (CheckedContinuation<TransportOutcome, Never>?, Bool) in
            guard let continuation = state.waiting.removeValue(forKey: id) else { return (nil, false) }
            state.cancellations.append(id)
            defer { state.isSleeping = false }
            return (continuation, state.isSleeping)
        }
        if wake { curl_multi_wakeup(multi.pointer) }
        continuation?.resume(returning: .failure(.cancelled))
    }

    /// Asks the loop thread to stop without waiting for it.
    func requestStop() {
        state.withLock { state in
            if state.phase == .running { state.phase = .stopping }
        }
        curl_multi_wakeup(multi.pointer)
    }

    /// Stops the loop, fails its pending requests with ``TransportFailure/cancelled`` and
    /// joins its thread.
    func stop() async {
        requestStop()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped = state.withLock { state in
                if state.phase == .stopped { return true }
                state.exitWaiters.append(continuation)
                return false
            }
            if stopped { continuation.resume() }
        }
        // The thread has signalled its exit, so the join returns at once; taking the handle
        // under the lock makes sure only one caller joins.
        if let thread = state.withLock({ state in state.thread.take() }) {
            pthread_join(thread, nil)
        }
    }

    /// Stops the loop without waiting: the thread exits on its own and is not joined.
    func abandon() {
        requestStop()
        if let thread = state.withLock({ state in state.thread.take() }) {
            pthread_detach(thread)
        }
    }

    /// The poll timeout in milliseconds: at most a second, and no later than the next
    /// sleeper's deadline (rounded up, so that the sleeper is due when the poll returns).
    private static func pollTimeout(until deadline: ContinuousClock.Instant?, now: ContinuousClock.Instant) -> Int32 {
        guard let deadline else { return 1_000 }
        let remaining = now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        guard seconds < 1 else { return 1_000 }
        return Int32((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }

    /// The body of the loop thread.
    private func run() {
        loopThread.store(UInt(pthread_self()), ordering: .relaxed)
        let executor = asUnownedTaskExecutor()
        let session = CurlMultiSession(multi: multi.pointer, configuration: configuration)
        var jobs: [UnownedJob] = []
        var submissions: [Submission] = []
        var cancellations: [UInt64] = []
        var completions: [CurlMultiSession.Completion] = []
        var continuations: [CheckedContinuation<TransportOutcome, Never>?] = []
        var dueSleepers: [UnsafeContinuation<Void, any Error>] = []

        while true {
            let stopping = state.withLock { state in
                swap(&jobs, &state.jobs)
                return state.phase != .running
            }
            if stopping { break }
            // Tasks resumed by the last round run first, so that the requests they send
            // next are taken in the same round.
            for job in jobs {
                job.runSynchronously(on: executor)
            }
            jobs.removeAll(keepingCapacity: true)

            // Due sleepers resume first: a task on this loop enqueues its job here, which
            // the next round runs.
            let now = ContinuousClock.now
            state.withLock { state in state.timers.takeDue(at: now, into: &dueSleepers) }
            for sleeper in dueSleepers {
                sleeper.resume()
            }
            dueSleepers.removeAll(keepingCapacity: true)

            let (idle, nextDeadline) = state.withLock { state in
                swap(&submissions, &state.submissions)
                swap(&cancellations, &state.cancellations)
                state.isSleeping = submissions.isEmpty && cancellations.isEmpty && state.jobs.isEmpty
                return (state.isSleeping, state.timers.nextDeadline())
            }

            if idle {
                // Without news, wait for sockets, for curl's timers (timeouts), which
                // curl_multi_poll honours by returning early, or for the next sleeper's
                // deadline; news after the look above arrives with a wakeup.
                session.wait(timeoutMilliseconds: Self.pollTimeout(until: nextDeadline, now: now))
                state.withLock { $0.isSleeping = false }
            }
            for submission in submissions {
                session.start(submission.request, id: submission.id, completions: &completions)
            }
            for id in cancellations {
                session.cancel(id)
            }
            submissions.removeAll(keepingCapacity: true)
            cancellations.removeAll(keepingCapacity: true)

            session.perform(completions: &completions)
            guard !completions.isEmpty else { continue }
            state.withLock { state in
                for completion in completions {
                    continuations.append(state.waiting.removeValue(forKey: completion.id))
                }
            }
            for (completion, continuation) in zip(completions, continuations) {
                continuation?.resume(returning: completion.outcome)
            }
            completions.removeAll(keepingCapacity: true)
            continuations.removeAll(keepingCapacity: true)
        }

        session.close()
        let (waiting, sleepers, exitWaiters) = state.withLock { state in
            state.phase = .stopped
            state.submissions.removeAll()
            state.cancellations.removeAll()
            jobs.append(contentsOf: state.jobs)
            defer {
                state.waiting.removeAll()
                state.exitWaiters.removeAll()
                state.jobs.removeAll()
            }
            return (Array(state.waiting.values), state.timers.removeAll(), state.exitWaiters)
        }
        for job in jobs {
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
        }
        for continuation in waiting {
            continuation.resume(returning: .failure(.cancelled))
        }
        for sleeper in sleepers {
            sleeper.resume(throwing: CancellationError())
        }
        for continuation in exitWaiters {
            continuation.resume()
        }
    }
}
