/// How a probe runs: what it requests, and the limits it keeps to.
public struct ProbeSettings: Sendable {
    /// The URL every probe request GETs (an execution's status).
    public var url: String
    /// Header fields sent with every request (the API key).
    public var headers: [(name: String, value: String)]
    /// Requests at most, setup included (`--max-requests`, default 300).
    public var maxRequests: Int
    /// Requests of the passive step, and the seconds between them.
    public var passiveRequests: Int
    public var spacing: Double
    /// Seconds of waiting for a rejected client to be let back in before the probe calls
    /// it a lockout and stops (also the longest Retry-After it accepts).
    public var maxWait: Double
    /// Client-side ceiling on requests per second (remote targets); nil: none.
    public var maxRequestRate: Double?
    /// Exhaust-and-recover cycles: at least `minCycles` before stopping early on a clear
    /// answer, at most `maxCycles`.
    public var minCycles: Int
    public var maxCycles: Int
    /// The longest the first burst may go on unrejected (seconds) before the probe turns to
    /// parallel requests: a slow API would otherwise spend the budget one by one.
    public var burstSeconds: Double
    /// Requests at once in the parallel steps that look for a concurrency limit.
    public var parallelSteps: [Int]
    /// The longest a request may take.
    public var timeout: Duration

    public init(url: String, headers: [(name: String, value: String)] = [], maxRequests: Int = 300, passiveRequests: Int = 3,
                spacing: Double = 1, maxWait: Double = 120, maxRequestRate: Double? = nil, minCycles: Int = 4, maxCycles: Int = 8,
                burstSeconds: Double = 10, parallelSteps: [Int] = [2, 4, 8, 16, 32], timeout: Duration = .seconds(30)) {
        self.url = url
        self.headers = headers
        self.maxRequests = maxRequests
        self.passiveRequests = passiveRequests
        self.spacing = spacing
        self.maxWait = maxWait
        self.maxRequestRate = maxRequestRate
        self.minCycles = minCycles
        self.maxCycles = maxCycles
        self.burstSeconds = burstSeconds
        self.parallelSteps = parallelSteps
        self.timeout = timeout
    }
}
