import Logging
import MockServer
import PollsterCore
import PollsterLive

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
                            try? await transport.sleep(until: .now + .microseconds(1))
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
