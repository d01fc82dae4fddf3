import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One loop thread: a ``CurlMultiSession`` waiting on its epoll set, the queue that feeds it
/// from other threads, an executor for the tasks that prefer it, and their timers.
///
/// Callers register a continuation and a request under the mutex and, if the thread sleeps
/// in its wait, wake it through an eventfd. Whoever removes a continuation from `waiting`
/// resumes it, which makes completion, cancellation and shutdown race-free.
///
/// The loop is a `TaskExecutor`: tasks that prefer it run on the loop thread between
/// polls, so their requests and resumptions stay on one thread instead of crossing to the
/// cooperative pool and back for every request; a job enqueued by the loop thread itself
/// (a task resumed by a completion or a timer) skips the mutex. It keeps timers too
/// (``sleep(until:)``): the wait ends at the earliest deadline, to the microsecond, so a
/// task on the loop sleeps and wakes without the global executor's timer thread.
final class CurlMultiLoop: TaskExecutor {
    private enum Phase {
        case running, stopping, stopped
    }

    private typealias Waiter = UnsafeContinuation<HTTPExchange, Never>

    private struct State {
        var phase = Phase.running
        var waiting: [UInt64: Waiter] = [:]
        var submissions: [CurlMultiSession.Submission] = []
        var cancellations: [UInt64] = []
        /// Set while the loop thread is in (or about to enter) its wait, so that only the
        /// first piece of news after it pays for a wakeup.
        var isSleeping = false
        /// Jobs enqueued from other threads by tasks that prefer this loop.
        var jobs: [UnownedJob] = []
        /// Tasks in ``CurlMultiLoop/sleep(until:)``.
        var timers = LoopTimers()
        /// Set by ``CurlMultiLoop/drain()``: no new sleep or request, transfers in flight go on.
        var draining = false
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
        var thread: pthread_t?
    }

    /// What only the loop thread touches: the session and the jobs it enqueued itself.
    private final class LoopConfined: @unchecked Sendable {
        let session: CurlMultiSession
        let events: EventPoll
        var jobs: [UnownedJob] = []
        /// False once the loop has left its last round: from then on jobs go elsewhere.
        var acceptsJobs = true

        init(session: CurlMultiSession, events: EventPoll) {
            self.session = session
            self.events = events
        }
    }

    private let confined: LoopConfined
    private let timerSlack: Duration
    private let wakeDescriptor: Int32
    private let state = Mutex(State())
    private let nextID = Atomic<UInt64>(0)
    /// The loop thread's `pthread_self()`, set by the thread when it starts.
    private let loopThread = Atomic<UInt>(0)

    /// Creates the multi handle and the epoll set, and starts the thread.
    init(index: Int, configuration: TransportConfiguration) throws(TransportSetupError) {
        let wake = try EventPoll.makeWakeDescriptor()
        let session: CurlMultiSession
        let events: EventPoll
        do throws(TransportSetupError) {
            events = try EventPoll(wakeDescriptor: wake)
            do throws(TransportSetupError) {
                session = try CurlMultiSession(index: index, configuration: configuration, events: events)
            } catch {
                events.close()
                throw error
            }
        } catch {
            close(wake)
            throw error
        }
        wakeDescriptor = wake
        confined = LoopConfined(session: session, events: events)
        timerSlack = configuration.timerSlack

        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            let loop = Unmanaged<CurlMultiLoop>.fromOpaque(context!).takeRetainedValue()
            loop.run()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<CurlMultiLoop>.fromOpaque(context).release()
            session.close()
            events.close()
            throw .threadStartFailed(errno: result)
        }
        state.withLock { $0.thread = thread }
    }

    deinit {
        // The thread has closed the session and the epoll set; no one can wake it any more.
        close(wakeDescriptor)
    }

    /// True when called on this loop's thread, that is from a task that prefers this loop.
    var isCurrentThread: Bool {
        loopThread.load(ordering: .relaxed) == UInt(pthread_self())
    }

    /// Runs a job of a task that prefers this loop; after the loop has stopped, jobs go to
    /// the global executor, so that such tasks still finish.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if isCurrentThread && confined.acceptsJobs {
            confined.jobs.append(job)
            return
        }
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
        if wake { EventPoll.wake(wakeDescriptor) }
    }

    /// Sends a request through this loop; see ``CurlTransport/exchange(_:)``.
    func exchange(_ request: HTTPRequest) async -> HTTPExchange {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let enqueuedAt = ContinuousClock.now
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: Waiter) in
                // A task cancelled before it got here sends nothing.
                if Task.isCancelled {
                    continuation.resume(returning: Self.cancelled(enqueuedAt))
                    return
                }
                let wake: Bool? = state.withLock { state in
                    guard state.phase == .running, !state.draining else { return nil }
                    state.waiting[id] = continuation
                    state.submissions.append(CurlMultiSession.Submission(id: id, request: request, enqueuedAt: enqueuedAt))
                    defer { state.isSleeping = false }
                    return state.isSleeping
                }
                guard let wake else {
                    continuation.resume(returning: Self.cancelled(enqueuedAt))
                    return
                }
                if wake { EventPoll.wake(wakeDescriptor) }
                // The task may have been cancelled between the check above and the registration,
                // when the cancellation handler found nothing to cancel.
                if Task.isCancelled { cancel(id, enqueuedAt: enqueuedAt) }
            }
        } onCancel: {
            cancel(id, enqueuedAt: enqueuedAt)
        }
    }

    private static func cancelled(_ enqueuedAt: ContinuousClock.Instant) -> HTTPExchange {
        HTTPExchange(outcome: .failure(.cancelled), enqueuedAt: enqueuedAt, dispatchedAt: nil, completedAt: .now)
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
                let onLoop = isCurrentThread
                let wake: Bool? = state.withLock { state in
                    guard state.phase == .running, !state.draining else { return nil }
                    state.timers.add(continuation, id: id, deadline: deadline)
                    // A sleeping loop must shorten its wait to the new deadline; the loop
                    // thread itself looks at the timers before it waits.
                    guard !onLoop else { return false }
                    defer { state.isSleeping = false }
                    return state.isSleeping
                }
                guard let wake else {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                if wake { EventPoll.wake(wakeDescriptor) }
                if Task.isCancelled { cancelSleep(id) }
            }
        } onCancel: {
            cancelSleep(id)
        }
    }

    /// Winds the loop down gently (a run's first Ctrl-C): every sleeper wakes at once with
    /// `CancellationError`, later sleeps and requests are refused the same way, and the
    /// transfers in flight go on to their answers, so that what they measured counts.
    func drain() {
        let sleepers = state.withLock { state -> [UnsafeContinuation<Void, any Error>] in
            state.draining = true
            return state.timers.removeAll()
        }
        for sleeper in sleepers { sleeper.resume(throwing: CancellationError()) }
    }

    /// Ends sleep `id` early with `CancellationError`; the loop skips its stale deadline.
    private func cancelSleep(_ id: UInt64) {
        state.withLock { state in state.timers.remove(id: id) }?.resume(throwing: CancellationError())
    }

    /// Resumes the caller of request `id` at once and tells the loop to drop the transfer.
    private func cancel(_ id: UInt64, enqueuedAt: ContinuousClock.Instant) {
        let (continuation, wake) = state.withLock { state -> (Waiter?, Bool) in
            guard let continuation = state.waiting.removeValue(forKey: id) else { return (nil, false) }
            state.cancellations.append(id)
            defer { state.isSleeping = false }
            return (continuation, state.isSleeping)
        }
        if wake { EventPoll.wake(wakeDescriptor) }
        continuation?.resume(returning: Self.cancelled(enqueuedAt))
    }

    /// Jobs run between two looks at the sockets.
    static let jobsPerRound = 64

    /// Asks the loop thread to stop without waiting for it.
    func requestStop() {
        state.withLock { state in
            if state.phase == .running { state.phase = .stopping }
        }
        EventPoll.wake(wakeDescriptor)
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

    /// The body of the loop thread.
    private func run() {
        loopThread.store(UInt(pthread_self()), ordering: .relaxed)
        let executor = asUnownedTaskExecutor()
        let session = confined.session
        let events = confined.events
        // Jobs to run, in order; at most `jobsPerRound` between two looks at the sockets, so
        // that a burst of resumed tasks cannot keep responses waiting on their sockets.
        var jobs: [UnownedJob] = []
        var nextJob = 0
        var arrived: [UnownedJob] = []
        var submissions: [CurlMultiSession.Submission] = []
        var cancellations: [UInt64] = []
        var completions: [CurlMultiSession.Completion] = []
        var waiters: [Waiter?] = []
        var dueSleepers: [UnsafeContinuation<Void, any Error>] = []

        func finishCompletions() {
            guard !completions.isEmpty else { return }
            state.withLock { state in
                for completion in completions {
                    waiters.append(state.waiting.removeValue(forKey: completion.id))
                }
            }
            for (completion, waiter) in zip(completions, waiters) {
                waiter?.resume(returning: completion.exchange)
            }
            completions.removeAll(keepingCapacity: true)
            waiters.removeAll(keepingCapacity: true)
        }

        while true {
            let stopping = state.withLock { state in
                swap(&arrived, &state.jobs)
                return state.phase != .running
            }
            if stopping { break }
            // Tasks resumed by the last round run first, so that the requests they send
            // next are taken in the same round.
            jobs.append(contentsOf: arrived)
            arrived.removeAll(keepingCapacity: true)
            jobs.append(contentsOf: confined.jobs)
            confined.jobs.removeAll(keepingCapacity: true)
            let last = Swift.min(jobs.count, nextJob + Self.jobsPerRound)
            while nextJob < last {
                jobs[nextJob].runSynchronously(on: executor)
                nextJob += 1
            }
            if nextJob == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                nextJob = 0
            } else if nextJob >= 4096 {
                jobs.removeFirst(nextJob)
                nextJob = 0
            }

            // Due sleepers resume here; their jobs run in the next round.
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
                    && confined.jobs.isEmpty && nextJob == jobs.count
                return (state.isSleeping, state.timers.nextDeadline())
            }
            for id in cancellations {
                session.cancel(id)
            }
            for submission in submissions {
                session.submit(submission, completions: &completions)
            }
            submissions.removeAll(keepingCapacity: true)
            cancellations.removeAll(keepingCapacity: true)
            session.perform(completions: &completions)
            finishCompletions()

            // Wait for sockets, for curl's next timer, for the next sleeper or for news
            // (news after the look above arrives with a wakeup); without news or due work,
            // only look.
            var timeout: Duration = .zero
            if idle && confined.jobs.isEmpty && nextJob == jobs.count {
                // Sleepers wake up to `timerSlack` after their deadline, with every other
                // sleeper due by then: one wakeup for a batch instead of one per sleeper.
                let wakeAt = [nextDeadline.map { $0 + timerSlack }, session.deadline].compactMap { $0 }.min()
                timeout = wakeAt.map { Swift.max(.zero, ContinuousClock.now.duration(to: $0)) } ?? .seconds(1)
            }
            events.wait(timeout: timeout) { socket, ready in
                session.socketReady(socket, events: ready)
            }
            if idle { state.withLock { $0.isSleeping = false } }
            session.perform(completions: &completions)
            finishCompletions()
        }

        session.close()
        events.close()
        confined.acceptsJobs = false
        jobs.removeFirst(nextJob)
        jobs.append(contentsOf: confined.jobs)
        confined.jobs.removeAll()
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
        let now = ContinuousClock.now
        for continuation in waiting {
            continuation.resume(returning: HTTPExchange(outcome: .failure(.cancelled), enqueuedAt: now, dispatchedAt: nil, completedAt: now))
        }
        for sleeper in sleepers {
            sleeper.resume(throwing: CancellationError())
        }
        for continuation in exitWaiters {
            continuation.resume()
        }
    }
}
