internal import CCurl
import PollsterCore

/// One reusable libcurl easy handle and the response its callbacks collect.
///
/// Confined to the loop thread that owns it. Reusing handles keeps curl's per-handle
/// state (DNS cache entries, TLS session IDs) and saves an allocation per request.
final class CurlEasyHandle {
    let handle: OpaquePointer
    /// The request the handle is carrying now.
    private(set) var requestID: UInt64 = 0
    private var body: [UInt8] = []
    /// The final response's header lines (see ``ResponseHeaders``).
    private var headerLines: [UInt8] = []
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let httpVersion: TransportConfiguration.HTTPVersion
    /// Whether CURLOPT_PIPEWAIT is on for the request being carried.
    private var waitsForMultiplexing = false

    init?(configuration: TransportConfiguration) {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        // Without NOSIGNAL curl uses SIGALRM for DNS timeouts, which is unsafe in a
        // multithreaded process.
        c_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        c_curl_easy_setopt_long(handle, CURLOPT_HTTP_VERSION, configuration.httpVersion.curlValue)
        httpVersion = configuration.httpVersion
        configuration.userAgent.withCString { _ = c_curl_easy_setopt_string(handle, CURLOPT_USERAGENT, $0) }

        let context = Unmanaged.passUnretained(self).toOpaque()
        c_curl_easy_setopt_pointer(handle, CURLOPT_PRIVATE, context)
        c_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        c_curl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        c_curl_easy_setopt_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let length = size * count
            guard let data, let context else { return length }
            let easy = Unmanaged<CurlEasyHandle>.fromOpaque(context).takeUnretainedValue()
            easy.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
        c_curl_easy_setopt_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let length = size * count
            guard let data, let context else { return length }
            let easy = Unmanaged<CurlEasyHandle>.fromOpaque(context).takeUnretainedValue()
            easy.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
    }

    /// The handle found through `CURLINFO_PRIVATE`, which holds its unretained context.
    static func owner(of easy: OpaquePointer) -> CurlEasyHandle? {
        var context: UnsafeMutableRawPointer?
        guard c_curl_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context) == CURLE_OK, let context else {
            return nil
        }
        return Unmanaged<CurlEasyHandle>.fromOpaque(context).takeUnretainedValue()
    }

    /// Sets the per-request options; on failure the request cannot be sent. With a
    /// `dispatchStamp`, the request carries it in ``MonotonicTime/dispatchHeader``.
    func prepare(_ request: HTTPRequest, id: UInt64, defaultTimeout: Duration, dispatchStamp: Int64? = nil) -> TransportFailure? {
        requestID = id
        let urlCode = request.url.withCString { c_curl_easy_setopt_string(handle, CURLOPT_URL, $0) }
        guard urlCode == CURLE_OK else { return TransportFailure(curlCode: urlCode) }
        // Waiting for a connection that may multiplex saves connections only where HTTP/2 is
        // possible; on plain http:// (HTTP/1.1) it would hold simultaneous first requests
        // back until the first response arrived.
        let multiplexes = httpVersion == .http2PriorKnowledge || (httpVersion == .http2OverTLS && request.url.utf8.starts(with: "https:".utf8))
        if multiplexes != waitsForMultiplexing {
            c_curl_easy_setopt_long(handle, CURLOPT_PIPEWAIT, multiplexes ? 1 : 0)
            waitsForMultiplexing = multiplexes
        }

        switch request.method {
        case .get:
            c_curl_easy_setopt_long(handle, CURLOPT_HTTPGET, 1)
        case .post:
            let body = request.body ?? []
            c_curl_easy_setopt_long(handle, CURLOPT_POST, 1)
            c_curl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            // COPYPOSTFIELDS copies, so the array's storage need not outlive this call; an
            // empty body still needs a non-null pointer, or curl would read the body from stdin.
            let code = body.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress, !bytes.isEmpty {
                    return c_curl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
                }
                return "".withCString { c_curl_easy_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, $0) }
            }
            guard code == CURLE_OK else { return TransportFailure(curlCode: code) }
        }

        var list: UnsafeMutablePointer<curl_slist>?
        for header in request.headers {
            list = curl_slist_append(list, "\(header.name): \(header.value)")
        }
        if let dispatchStamp {
            list = curl_slist_append(list, MonotonicTime.dispatchHeader + ": " + String(dispatchStamp))
        }
        if request.method == .post {
            // curl otherwise sends `Expect: 100-continue` for larger bodies and waits up to a
            // second for a 100 that many servers never send.
            list = curl_slist_append(list, "Expect:")
        }
        headerList = list
        c_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)

        let timeout = request.timeout ?? defaultTimeout
        c_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, timeout.curlMilliseconds)
        return nil
    }

    /// The outcome of the finished transfer, read before the handle leaves the multi handle.
    func outcome(for code: CURLcode) -> TransportOutcome {
        guard code == CURLE_OK else { return .failure(TransportFailure(curlCode: code)) }
        var status = 0
        c_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var connects = 0
        c_curl_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        var localPort = 0
        c_curl_easy_getinfo_long(handle, CURLINFO_LOCAL_PORT, &localPort)
        var version = 0
        c_curl_easy_getinfo_long(handle, CURLINFO_HTTP_VERSION, &version)
        let timings = RequestTimings(
            nameLookup: nanoseconds(CURLINFO_NAMELOOKUP_TIME_T),
            connect: nanoseconds(CURLINFO_CONNECT_TIME_T),
            tls: nanoseconds(CURLINFO_APPCONNECT_TIME_T),
            firstByte: nanoseconds(CURLINFO_STARTTRANSFER_TIME_T),
            total: nanoseconds(CURLINFO_TOTAL_TIME_T)
        )
        return .success(HTTPResponse(
            status: status, headers: ResponseHeaders(lines: headerLines), body: body, timings: timings,
            connectionsOpened: connects, localPort: localPort, httpVersion: Self.majorVersion(version)))
    }

    /// Drops the finished request's buffers so the handle can carry the next one.
    func recycle() {
        requestID = 0
        body = []
        headerLines = []
        curl_slist_free_all(headerList)
        headerList = nil
        c_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, nil)
    }

    /// The major HTTP version of a `CURLINFO_HTTP_VERSION` value.
    private static func majorVersion(_ value: Int) -> Int {
        switch value {
        case Int(CURL_HTTP_VERSION_1_0), Int(CURL_HTTP_VERSION_1_1): return 1
        case Int(CURL_HTTP_VERSION_2_0): return 2
        case Int(CURL_HTTP_VERSION_3): return 3
        default: return 0
        }
    }

    /// A curl time in microseconds as nanoseconds.
    private func nanoseconds(_ info: CURLINFO) -> Int64 {
        var microseconds: curl_off_t = 0
        c_curl_easy_getinfo_off_t(handle, info, &microseconds)
        return Int64(microseconds) * 1_000
    }

    /// Collects `Name: value` lines; a status line starts a new header block, so only the
    /// final response's fields remain after a `100 Continue` or an informational response.
    private func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: "\r") || line[end - 1] == UInt8(ascii: "\n") {
            end -= 1
        }
        guard end > 0 else { return }
        if end >= 5, line[0] == UInt8(ascii: "H"), line[1] == UInt8(ascii: "T"), line[2] == UInt8(ascii: "T"),
            line[3] == UInt8(ascii: "P"), line[4] == UInt8(ascii: "/")
        {
            headerLines.removeAll(keepingCapacity: true)
            return
        }
        headerLines.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[..<end]))
        headerLines.append(0x0A)
    }
}
