/// One HTTP request for ``CurlTransport/send(_:)``.
public struct HTTPRequest: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The absolute URL, `http://` or `https://`.
    public var url: String
    /// Header fields in the order they are sent; a name may repeat.
    public var headers: [(name: String, value: String)]
    /// The request body, sent with POST; `nil` sends none.
    public var body: [UInt8]?
    /// The limit for the whole transfer (curl's `CURLOPT_TIMEOUT_MS`), connecting included;
    /// `nil` uses ``TransportConfiguration/timeout``.
    public var timeout: Duration?

    /// A request; only `url` is required, which makes a GET with no headers.
    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
