import Logging
import MockServer
import PollsterCore

/// Measures how many requests per wall second this machine carries through pollster's
/// live client and its embedded server together: the capacity that `timeScale: auto`
/// weighs a run's demand against (``TimeScaleAdvisor``).
///
/// A short closed loop on the live engine's own path: polling tasks on the transport's
/// loop threads sleep on its timers, send a status request, read the body, and go again,
/// against an embedded server answering after a modelled latency of its own timers. The
/// figure is the rate at which that loop completes requests once warm.
public enum CapacityCalibration {
    /// Requests per wall second; `duration` of measuring after `warmUp` (defaults: 0.5 s and 0.2 s).
    public static func measure(
        transport configuration: TransportConfiguration = TransportConfiguration(),
        inFlight: Int = 256,
        warmUp: Duration = .milliseconds(200),
        duration: Duration = .milliseconds(500)
    ) async throws -> Double {
        var configuration = configuration
        configuration.maxConnections = Swift.max(configuration.maxConnections, inFlight)
        configuration.stampsDispatchTime = true
        return try await withCurlTransport(configuration: configuration) { transport in
            try await closedLoop(transport: transport, inFlight: inFlight, warmUp: warmUp, duration: duration)
        }
    }

    /// Requests per wall second this machine drains when `size` clients poll at the same
    /// instant (a herd released by a rate limit), through the live engine's own path: tasks
    /// on the loop threads wake from their timers, send, and an embedded server answers most
    /// with 429 (a token bucket) after a latency of 2 ms. The first herds warm connections
    /// up; the figure is the median of the others.
    public static func measureHerd(
        transport configuration: TransportConfiguration = TransportConfiguration(), size: Int = 2000, herds: Int = 5
    ) async throws -> Double {
        var configuration = configuration
        configuration.maxConnections = Swift.max(configuration.maxConnections, 1024)
        configuration.stampsDispatchTime = true
        var logger = Logger(label: "pollster.calibration")
        logger.logLevel = .critical
        let latency = Time.milliseconds(2)
        let server = try MockServer(
            configuration: MockServerConfiguration(server: ServerModel(
                latency: .fixed(latency),
                rateLimits: [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 2000), burst: 200))])),
            logger: logger)
        let keys = (0..<10).map { "pk_calibration_\($0)" }
        for (index, key) in keys.enumerated() { server.registerKey(key, scopes: [.executionsRead], index: index) }
        let ids = (0..<64).map { index in
            server.register(ExecutionPlan(index: index, createdAt: 0, runTime: Time.seconds(3600), apiKey: index % keys.count), flowId: "flow_calibration")
        }
        return try await withCurlTransport(configuration: configuration) { transport in
            try await server.withRunning { baseURL in
                let executors = transport.taskExecutors
                var rates: [Double] = []
                for herd in 0..<herds {
                    let release = ContinuousClock.now + .milliseconds(30)
                    let last = await withTaskGroup(of: ContinuousClock.Instant.self, returning: ContinuousClock.Instant.self) { group in
                        for client in 0..<size {
                            group.addTask(executorPreference: executors[client % executors.count]) {
                                let request = HTTPRequest(
                                    url: baseURL + "/v1/executions/" + ids[client % ids.count],
                                    headers: [("Authorization", "Bearer " + keys[client % keys.count]), ("Accept", "application/json")])
                                try? await transport.sleep(until: release)
                                let exchange = await transport.exchange(request)
                                if case .success(let response) = exchange.outcome {
                                    _ = ExecutionStatusReader.read(response.body)
                                    _ = response.header("retry-after").flatMap { Int($0) }
                                }
                                return exchange.completedAt
                            }
                        }
                        return await group.reduce(release) { Swift.max($0, $1) }
                    }
                    let drain = release.duration(to: last) - .nanoseconds(latency)
                    let seconds = Double(drain.components.seconds) + Double(drain.components.attoseconds) / 1e18
                    if herd >= 2 { rates.append(Double(size) / Swift.max(seconds, 1e-3)) }
                }
                rates.sort()
                return rates[rates.count / 2]
            }
        }
    }

    /// The closed loop on `transport` against a throwaway embedded server.
    static func closedLoop(transport: CurlTransport, inFlight: Int, warmUp: Duration, duration: Duration) async throws -> Double {
        var logger = Logger(label: "pollster.calibration")
        logger.logLevel = .critical
        let server = try MockServer(
            configuration: MockServerConfiguration(server: ServerModel(latency: .fixed(Time.milliseconds(1)))),
            logger: logger)
        server.registerKey("pk_calibration", scopes: [.executionsRead], index: 0)
        let plan = ExecutionPlan(index: 0, createdAt: 0, queueTime: 0, runTime: Time.seconds(3600), outcome: .completed, apiKey: 0)
        let id = server.register(plan, flowId: "flow_calibration")
        return try await server.withRunning { baseURL in
            let request = HTTPRequest(
                url: baseURL + "/v1/executions/" + id,
                headers: [("Authorization", "Bearer pk_calibration"), ("Accept", "application/json")])
            let start = ContinuousClock.now
            let from = start + warmUp
            let until = from + duration
            let executors = transport.taskExecutors
            let counted = await withTaskGroup(of: Int.self, returning: Int.self) { group in
                for slot in 0..<inFlight {
                    group.addTask(executorPreference: executors[slot % executors.count]) {
                        var counted = 0
                        while true {
                            try? await transport.sleep(until: .now)
                            let exchange = await transport.exchange(request)
                            if case .success(let response) = exchange.outcome { _ = ExecutionStatusReader.read(response.body) }
                            if case .failure(.cancelled) = exchange.outcome { return counted }
                            if exchange.completedAt >= until { return counted }
                            if exchange.completedAt >= from { counted += 1 }
                        }
                    }
                }
                return await group.reduce(0, +)
            }
            return Double(counted) / (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
    }
}
