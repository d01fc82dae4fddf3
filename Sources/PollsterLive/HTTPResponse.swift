/// A complete HTTP response, whatever its status: a 429 or a 500 is a response, not a failure.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code of the final response.
    public var status: Int
    /// Header fields by lowercased name; a repeated field's values are joined with ", ".
    public var headers: [String: String]
    /// The body bytes, after any transfer decoding.
    public var body: [UInt8]
    /// Where the time went, as curl measured it.
    public var timings: RequestTimings
    /// The connections curl opened for this request: 0 when it reused a pooled one.
    public var connectionsOpened: Int
    /// The local port of the connection that carried the request, which tells connections apart.
    public var localPort: Int

    /// A response from its parts.
    public init(
        status: Int,
        headers: [String: String] = [:],
        body: [UInt8] = [],
        timings: RequestTimings = RequestTimings(),
        connectionsOpened: Int = 0,
        localPort: Int = 0
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.timings = timings
        self.connectionsOpened = connectionsOpened
        self.localPort = localPort
    }

    /// The value of a header field, looked up case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
