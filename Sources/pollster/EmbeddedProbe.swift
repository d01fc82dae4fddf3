import Foundation
import Logging
import MockServer
import PollsterCore
import PollsterLive
import PollsterProbe

/// A probe of the embedded mock API serving `server` (in this process, on loopback, in
/// real time): the key and the polled execution are registered directly, so every request
/// of the timeline is a probe request.
enum EmbeddedProbe {
    static let key = "probe-key"

    static func run(server: ServerModel, settings: (String) -> ProbeSettings, progress: @escaping @Sendable (Int) -> Void = { _ in })
        async throws -> (report: ProbeReport, baseURL: String)
    {
        var logger = Logger(label: "pollster.probe.mock")
        logger.logLevel = .critical
        var configuration = MockServerConfiguration(server: server)
        configuration.keys = [APIKeyGrant(key: key, scopes: [.executionsRead, .executionsWrite], index: 0)]
        let mock = try MockServer(configuration: configuration, logger: logger)
        let plan = ExecutionPlan(index: 0, createdAt: 0, runTime: Time.seconds(86_400))
        let id = mock.register(plan, flowId: "flow_probe")
        return try await mock.withRunning { baseURL in
            var probeSettings = settings(baseURL + "/v1/executions/" + id)
            probeSettings.headers = [("Authorization", "Bearer " + key)]
            let outcome = try await withCurlTransport(configuration: TransportConfiguration(threads: 1, httpVersion: .http1_1)) { transport in
                await ProbeSession(settings: probeSettings, transport: transport, progress: progress).run()
            }
            return (ProbeReport(target: probeSettings.url, outcome: outcome), baseURL)
        }
    }
}
