/// A complete HTTP response, whatever its status: a 429 or a 500 is a response, not a failure.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code of the final response.
    public var status: Int
    /// The header fields, read on demand: `headers["retry-after"]`, any case; a repeated
    /// field's values are joined with ", ".
    public var headers: ResponseHeaders
    /// The body bytes, after any transfer decoding.
    public var body: [UInt8]
    /// Where the time went, as curl measured it.
    public var timings: RequestTimings
    /// The connections curl opened for this request: 0 when it reused a pooled one.
    public var connectionsOpened: Int
    /// The local port of the connection that carried the request, which tells connections apart.
    public var localPort: Int
    /// The HTTP version of the response: 1 (HTTP/1.x), 2 or 3; 0 when unknown.
    public var httpVersion: Int

    /// A response from its parts.
    public init(
        status: Int,
        headers: ResponseHeaders = ResponseHeaders(),
        body: [UInt8] = [],
        timings: RequestTimings = RequestTimings(),
        connectionsOpened: Int = 0,
        localPort: Int = 0,
        httpVersion: Int = 1
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.timings = timings
        self.connectionsOpened = connectionsOpened
        self.localPort = localPort
        self.httpVersion = httpVersion
    }

    /// The value of a header field, looked up case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name]
    }
}
