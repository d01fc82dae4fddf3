internal import CCurl

/// The transfers of one multi handle: confined to its loop thread, since a libcurl handle
/// may be used by one thread at a time.
final class CurlMultiSession {
    /// A finished request and what came of it.
    struct Completion {
        var id: UInt64
        var outcome: TransportOutcome
    }

    private let multi: OpaquePointer
    private let configuration: TransportConfiguration
    private var active: [UInt64: CurlEasyHandle] = [:]
    private var idle: [CurlEasyHandle] = []

    init(multi: OpaquePointer, configuration: TransportConfiguration) {
        self.multi = multi
        self.configuration = configuration
    }

    /// True while any request is in curl's hands.
    var hasActiveTransfers: Bool { !active.isEmpty }

    /// Hands a request to curl; a request that cannot start completes at once.
    func start(_ request: HTTPRequest, id: UInt64, completions: inout [Completion]) {
        guard let easy = idle.popLast() ?? CurlEasyHandle(configuration: configuration) else {
            completions.append(Completion(id: id, outcome: .failure(.other(code: Int(CURLE_OUT_OF_MEMORY.rawValue)))))
            return
        }
        if let failure = easy.prepare(request, id: id, defaultTimeout: configuration.timeout) {
            easy.recycle()
            idle.append(easy)
            completions.append(Completion(id: id, outcome: .failure(failure)))
            return
        }
        guard curl_multi_add_handle(multi, easy.handle) == CURLM_OK else {
            easy.recycle()
            idle.append(easy)
            completions.append(Completion(id: id, outcome: .failure(.other(code: Int(CURLE_FAILED_INIT.rawValue)))))
            return
        }
        active[id] = easy
    }

    /// Abandons a request whose caller no longer waits; curl closes its connection if the
    /// response was still on the way.
    func cancel(_ id: UInt64) {
        guard let easy = active.removeValue(forKey: id) else { return }
        curl_multi_remove_handle(multi, easy.handle)
        easy.recycle()
        idle.append(easy)
    }

    /// Blocks until a socket is ready, a curl timer is due, `curl_multi_wakeup` is called,
    /// or the timeout passes.
    func wait(timeoutMilliseconds: Int32) {
        curl_multi_poll(multi, nil, 0, timeoutMilliseconds, nil)
    }

    /// Drives every transfer as far as it can go without blocking and collects the finished ones.
    func perform(completions: inout [Completion]) {
        var running: Int32 = 0
        curl_multi_perform(multi, &running)
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            // The message is freed by curl_multi_remove_handle, so read its result first.
            let code = c_curl_msg_result(message)
            guard let easy = CurlEasyHandle.owner(of: handle) else {
                curl_multi_remove_handle(multi, handle)
                continue
            }
            let id = easy.requestID
            let outcome = easy.outcome(for: code)
            curl_multi_remove_handle(multi, handle)
            active[id] = nil
            easy.recycle()
            idle.append(easy)
            completions.append(Completion(id: id, outcome: outcome))
        }
    }

    /// Removes every transfer and frees the easy handles; the multi handle stays for its owner.
    func close() {
        for easy in active.values {
            curl_multi_remove_handle(multi, easy.handle)
        }
        active.removeAll()
        idle.removeAll()
    }
}
