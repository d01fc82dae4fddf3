internal import CCurl
internal import CEventPoll
import PollsterCore

/// The transfers of one loop thread: a libcurl multi handle driven through its socket
/// interface (`curl_multi_socket_action` on the sockets epoll reports ready, so the work per
/// wakeup is proportional to the sockets that moved, not to the transfers open), and the
/// queue of requests waiting for a connection.
///
/// At most ``capacity`` transfers are in curl's hands (one per connection, or as many streams
/// as the connections multiplex once a response has come back over HTTP/2); the rest wait
/// here, in arrival order, and are dispatched as transfers end. Keeping them out of curl keeps every multi call
/// cheap (a pending easy handle costs curl work on every add and remove) and lets the
/// engine see how long each request waited for a connection.
///
/// Confined to its loop thread, since a libcurl handle may be used by one thread at a time.
final class CurlMultiSession {
    /// A request accepted by the loop.
    struct Submission {
        var id: UInt64
        var request: HTTPRequest
        var enqueuedAt: ContinuousClock.Instant
    }

    /// A finished request and what came of it.
    struct Completion {
        var id: UInt64
        var exchange: HTTPExchange
    }

    private struct Transfer {
        var easy: CurlEasyHandle
        var enqueuedAt: ContinuousClock.Instant
        var dispatchedAt: ContinuousClock.Instant
    }

    private let multi: OpaquePointer
    private let events: EventPoll
    private let configuration: TransportConfiguration
    /// Connections at most.
    private let connections: Int
    /// Transfers in curl's hands at most: ``connections``, times the streams a connection
    /// multiplexes once a response came back over HTTP/2.
    private(set) var capacity: Int
    private var active: [UInt64: Transfer] = [:]
    private var idle: [CurlEasyHandle] = []
    private var queue: [Submission] = []
    private var queueHead = 0
    /// Ids cancelled while queued; skipped when they come up.
    private var cancelledInQueue: Set<UInt64> = []
    /// When curl next wants `curl_multi_socket_action(CURL_SOCKET_TIMEOUT)`; nil: never.
    private var curlDeadline: ContinuousClock.Instant?

    /// A multi handle for loop `index` of `configuration`, waiting on `events`.
    init(index: Int, configuration: TransportConfiguration, events: EventPoll) throws(TransportSetupError) {
        guard let multi = curl_multi_init() else { throw .multiHandleUnavailable }
        self.multi = multi
        self.events = events
        self.configuration = configuration
        let connections = configuration.connectionLimit(forLoop: index)
        let perHost = configuration.hostConnectionLimit(forLoop: index)
        c_curl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections)
        c_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, perHost)
        // The connection cache would otherwise close idle connections beyond 4 per handle
        // added, defeating keep-alive when load briefly drops.
        c_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, connections)
        self.connections = Swift.min(connections, perHost)
        capacity = self.connections

        let context = Unmanaged.passUnretained(self).toOpaque()
        c_curl_multi_setopt_socket_callback(multi, { _, socket, what, context, _ in
            let session = Unmanaged<CurlMultiSession>.fromOpaque(context!).takeUnretainedValue()
            session.events.watch(
                socket, readable: what == CURL_POLL_IN || what == CURL_POLL_INOUT,
                writable: what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
            return 0
        }, context)
        c_curl_multi_setopt_timer_callback(multi, { _, milliseconds, context in
            let session = Unmanaged<CurlMultiSession>.fromOpaque(context!).takeUnretainedValue()
            session.curlDeadline = milliseconds < 0 ? nil : .now + .milliseconds(milliseconds)
            return 0
        }, context)
    }

    /// HTTP/2's usual limit of concurrent streams per connection (curl's default too).
    static let streamsPerConnection = 100

    /// Requests waiting for a connection.
    var queued: Int { queue.count - queueHead - cancelledInQueue.count }

    /// When the loop must call ``perform(now:completions:)`` again at the latest.
    var deadline: ContinuousClock.Instant? { curlDeadline }

    /// Starts `submission` now if a slot is free, else queues it.
    func submit(_ submission: Submission, completions: inout [Completion]) {
        if active.count < capacity && queueHead == queue.count {
            dispatch(submission, completions: &completions)
        } else {
            queue.append(submission)
            _ = dispatchQueued(completions: &completions)
        }
    }

    /// Abandons request `id`; curl closes its connection if the response was on the way.
    func cancel(_ id: UInt64) {
        if let transfer = active.removeValue(forKey: id) {
            curl_multi_remove_handle(multi, transfer.easy.handle)
            transfer.easy.recycle()
            idle.append(transfer.easy)
        } else if queueHead < queue.count {
            cancelledInQueue.insert(id)
        }
    }

    /// Moves every transfer on `socket` as far as it can go.
    func socketReady(_ socket: Int32, events: UInt32) {
        var flags: Int32 = 0
        if events & UInt32(C_EVENT_POLL_IN) != 0 { flags |= CURL_CSELECT_IN }
        if events & UInt32(C_EVENT_POLL_OUT) != 0 { flags |= CURL_CSELECT_OUT }
        if events & UInt32(C_EVENT_POLL_ERR | C_EVENT_POLL_HUP) != 0 { flags |= CURL_CSELECT_ERR }
        var running: Int32 = 0
        curl_multi_socket_action(multi, socket, flags, &running)
    }

    /// Runs curl's due timers (new transfers start there, timeouts fire there), collects the
    /// transfers that ended and dispatches queued requests into the slots they free.
    func perform(completions: inout [Completion]) {
        var running: Int32 = 0
        // Dispatching adds transfers whose start is due at once: go round while it does.
        for _ in 0..<4 {
            if let deadline = curlDeadline, deadline <= .now {
                curlDeadline = nil
                c_curl_multi_socket_timeout(multi, &running)
            }
            collect(completions: &completions)
            guard dispatchQueued(completions: &completions) > 0 else { return }
        }
    }

    /// Reads curl's messages about ended transfers.
    private func collect(completions: inout [Completion]) {
        var queuedMessages: Int32 = 0
        var now: ContinuousClock.Instant?
        while let message = curl_multi_info_read(multi, &queuedMessages) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            // The message is freed by curl_multi_remove_handle, so read its result first.
            let code = c_curl_msg_result(message)
            guard let easy = CurlEasyHandle.owner(of: handle), let transfer = active.removeValue(forKey: easy.requestID) else {
                curl_multi_remove_handle(multi, handle)
                continue
            }
            let completedAt = now ?? .now
            now = completedAt
            let outcome = easy.outcome(for: code)
            if capacity == connections, case .success(let response) = outcome, response.httpVersion >= 2 {
                capacity = connections * Self.streamsPerConnection
            }
            curl_multi_remove_handle(multi, handle)
            completions.append(Completion(id: easy.requestID, exchange: HTTPExchange(
                outcome: outcome, enqueuedAt: transfer.enqueuedAt, dispatchedAt: transfer.dispatchedAt, completedAt: completedAt)))
            easy.recycle()
            idle.append(easy)
        }
    }

    /// Dispatches queued requests while slots are free; returns how many it started.
    private func dispatchQueued(completions: inout [Completion]) -> Int {

        var started = 0
        while active.count < capacity && queueHead < queue.count {
            let submission = queue[queueHead]
            queueHead += 1
            if !cancelledInQueue.isEmpty, cancelledInQueue.remove(submission.id) != nil { continue }
            dispatch(submission, completions: &completions)
            started += 1
        }
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: queue.count <= 4096)
            queueHead = 0
            cancelledInQueue.removeAll()
        } else if queueHead >= 4096 && queueHead * 2 >= queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        return started
    }

    /// Hands `submission` to curl; one that cannot start completes at once.
    private func dispatch(_ submission: Submission, completions: inout [Completion]) {
        let dispatchedAt = ContinuousClock.now
        func fail(_ failure: TransportFailure) {
            completions.append(Completion(id: submission.id, exchange: HTTPExchange(
                outcome: .failure(failure), enqueuedAt: submission.enqueuedAt, dispatchedAt: nil, completedAt: dispatchedAt)))
        }
        guard let easy = idle.popLast() ?? CurlEasyHandle(configuration: configuration) else {
            fail(.other(code: Int(CURLE_OUT_OF_MEMORY.rawValue)))
            return
        }
        let stamp = configuration.stampsDispatchTime ? MonotonicTime.stamp(dispatchedAt) : nil
        if let failure = easy.prepare(submission.request, id: submission.id, defaultTimeout: configuration.timeout, dispatchStamp: stamp) {
            easy.recycle()
            idle.append(easy)
            fail(failure)
            return
        }
        guard curl_multi_add_handle(multi, easy.handle) == CURLM_OK else {
            easy.recycle()
            idle.append(easy)
            fail(.other(code: Int(CURLE_FAILED_INIT.rawValue)))
            return
        }
        active[submission.id] = Transfer(easy: easy, enqueuedAt: submission.enqueuedAt, dispatchedAt: dispatchedAt)
    }

    /// Removes every transfer, frees the easy handles and the multi handle.
    func close() {
        for transfer in active.values {
            curl_multi_remove_handle(multi, transfer.easy.handle)
        }
        active.removeAll()
        idle.removeAll()
        queue.removeAll()
        queueHead = 0
        // Cleanup may still call the socket callback for the connections it closes.
        curl_multi_cleanup(multi)
    }
}
