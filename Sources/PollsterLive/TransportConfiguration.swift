import Foundation

/// Settings of a ``CurlTransport``, with defaults suited to polling one API host.
public struct TransportConfiguration: Sendable, Hashable {
    /// Which HTTP versions the transport asks for.
    public enum HTTPVersion: Sendable, Hashable {
        /// HTTP/1.1 only.
        case http1_1
        /// HTTP/1.1 for `http://`; HTTP/2 for `https://` when the server offers it through ALPN.
        case http2OverTLS
        /// HTTP/2 without negotiation, also over plain TCP (h2c with prior knowledge).
        case http2PriorKnowledge
    }

    /// Open connections at most, over all hosts and loop threads (default 64). More
    /// concurrent requests than this wait, in order, in the transport's queue for a free
    /// connection (``HTTPExchange/connectionWait`` says how long).
    public var maxConnections: Int
    /// Open connections at most to one host; `nil` (the default) means `maxConnections`.
    public var maxConnectionsPerHost: Int?
    /// Loop threads, each with its own multi handle and connection pool (default: one per
    /// core, ``defaultThreads``);
    /// requests are spread over them round-robin (a task running on one of
    /// ``CurlTransport/taskExecutors`` keeps to its loop), and the connection limits are split.
    public var threads: Int
    /// The default limit for a whole request (default 10 s); ``HTTPRequest/timeout`` overrides it.
    public var timeout: Duration
    /// The HTTP versions asked for (default ``HTTPVersion/http2OverTLS``).
    public var httpVersion: HTTPVersion
    /// The `User-Agent` header (default `pollster`).
    public var userAgent: String
    /// Stamps every request with the monotonic time at which it was handed to a connection
    /// (``MonotonicTime/dispatchHeader``), so that a server in the same process can measure
    /// how long requests waited before it handled them (default false; only for the
    /// embedded mock server).
    public var stampsDispatchTime: Bool
    /// How late after its deadline a sleeping task may be woken (``CurlTransport/sleep(until:)``),
    /// so that one wakeup of a loop thread serves every sleeper due within it (default 0.5 ms).
    public var timerSlack: Duration

    /// A configuration; every argument has the documented default.
    public init(
        maxConnections: Int = 64,
        maxConnectionsPerHost: Int? = nil,
        threads: Int = TransportConfiguration.defaultThreads,
        timeout: Duration = .seconds(10),
        httpVersion: HTTPVersion = .http2OverTLS,
        userAgent: String = "pollster",
        stampsDispatchTime: Bool = false,
        timerSlack: Duration = .microseconds(500)
    ) {
        self.maxConnections = maxConnections
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.threads = threads
        self.timeout = timeout
        self.httpVersion = httpVersion
        self.userAgent = userAgent
        self.stampsDispatchTime = stampsDispatchTime
        self.timerSlack = timerSlack
    }

    /// One loop thread per core this process may use.
    public static var defaultThreads: Int {
        Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Checks the ranges that libcurl cannot check for us.
    func validate() throws(TransportSetupError) {
        guard threads >= 1 else {
            throw .invalidConfiguration("threads is \(threads); it must be at least 1")
        }
        guard maxConnections >= threads else {
            throw .invalidConfiguration(
                "maxConnections is \(maxConnections); it must be at least threads (\(threads))")
        }
        if let perHost = maxConnectionsPerHost, perHost < 1 {
            throw .invalidConfiguration("maxConnectionsPerHost is \(perHost); it must be at least 1")
        }
        guard timerSlack >= .zero else {
            throw .invalidConfiguration("timerSlack must not be negative")
        }
        guard timeout > .zero else {
            throw .invalidConfiguration("timeout must be positive")
        }
    }

    /// The total connection limit of the loop thread with this index.
    func connectionLimit(forLoop index: Int) -> Int {
        maxConnections / threads + (index < maxConnections % threads ? 1 : 0)
    }

    /// The per-host connection limit of the loop thread with this index.
    func hostConnectionLimit(forLoop index: Int) -> Int {
        guard let perHost = maxConnectionsPerHost else { return connectionLimit(forLoop: index) }
        return max(1, perHost / threads + (index < perHost % threads ? 1 : 0))
    }
}
