import PollsterCore

/// Everything the mock execution API needs to run; every field has a documented default,
/// so `MockServerConfiguration()` is an instant, unlimited server on `127.0.0.1:0`.
public struct MockServerConfiguration: Sendable {
    /// Response latency and rate limits. Default: no latency, no rate limits.
    public var server: ServerModel
    /// How long executions created by `POST /v1/flows/{flowId}/executions` queue and run
    /// and how they end, unless the request body fixes it. Default: run times lognormal
    /// with median 20 s and p95 90 s, 90 % completed, 8 % failed, 2 % cancelled.
    public var workload: Workload
    /// Seeds the latency streams and the durations of created executions. Default 1.
    public var seed: UInt64
    /// Scenario seconds per wall-clock second. Default 1 (real time).
    public var timeScale: Double
    /// The keys accepted from the start; more can be added with `registerKey`. Default none.
    public var keys: [APIKeyGrant]
    /// The address to bind; loopback only. Default `127.0.0.1`.
    public var host: String
    /// The port to bind; 0 picks a free one (reported once the server runs). Default 0.
    public var port: Int
    /// Unix time, in nanoseconds, that scenario time 0 is shown as in `createdAt` and
    /// `completedAt`. Default nil: the wall-clock time at which the server object is made.
    public var epoch: Int64?
    /// Mixed into execution ids, so that two servers hand out different ones. Default nil:
    /// a random value per server object (ids are unique, never predictable across servers).
    public var idSalt: UInt64?
    /// The `version` reported for every flow. Default `"1"`.
    public var flowVersion: String
    /// Largest request body accepted (a 413 beyond). Default 64 KiB.
    public var maxBodyBytes: Int
    /// Largest total size of request header names and values (a 431 beyond). Default 16 KiB.
    public var maxHeaderBytes: Int
    /// Adds `GET /bench/constant`, a constant JSON body through the same app, to compare
    /// the mock's throughput with the framework's. Default false.
    public var benchRoutes: Bool

    /// A configuration with the defaults documented on each property.
    public init(
        server: ServerModel = ServerModel(),
        workload: Workload = MockServerConfiguration.defaultWorkload,
        seed: UInt64 = 1,
        timeScale: Double = 1,
        keys: [APIKeyGrant] = [],
        host: String = "127.0.0.1",
        port: Int = 0,
        epoch: Int64? = nil,
        flowVersion: String = "1",
        maxBodyBytes: Int = 64 * 1024,
        maxHeaderBytes: Int = 16 * 1024,
        benchRoutes: Bool = false
    ) {
        self.server = server
        self.workload = workload
        self.seed = seed
        self.timeScale = timeScale
        self.keys = keys
        self.host = host
        self.port = port
        self.epoch = epoch
        self.flowVersion = flowVersion
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.benchRoutes = benchRoutes
    }

    /// The mock of a scenario: its server model, workload, seed and time scale.
    public init(scenario: Scenario, keys: [APIKeyGrant] = []) {
        self.init(
            server: scenario.server,
            workload: scenario.workload,
            seed: scenario.seed,
            timeScale: scenario.timeScale,
            keys: keys
        )
    }

    /// The workload behind created executions when no scenario gives one.
    public static let defaultWorkload = Workload(
        executions: 0,
        arrival: .burst(at: 0),
        duration: .lognormal(median: Time.seconds(20), upper: Time.seconds(90), z: Distribution.p95Z),
        outcomes: OutcomeMix(completed: 0.90, failed: 0.08, cancelled: 0.02)
    )

    /// The server model `pollster serve` uses without `--scenario`: latency lognormal with
    /// median 40 ms and p99 250 ms; per API key a token bucket of 10/s with a burst of 20.
    public static let demoServer = ServerModel(
        latency: .lognormal(median: Time.milliseconds(40), upper: Time.milliseconds(250), z: Distribution.p99Z),
        rateLimits: [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 10), burst: 20))]
    )
}
