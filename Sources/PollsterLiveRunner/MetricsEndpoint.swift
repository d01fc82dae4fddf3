import Hummingbird
import Logging
import PollsterLive
import ServiceLifecycle

/// `GET /metrics` on a loopback port while a live run goes (`--metrics-port`): the
/// exporter's figures in the Prometheus text exposition format, which Prometheus (and
/// OpenMetrics scrapers) read. Loopback only; nothing else is served.
public enum MetricsEndpoint {
    /// Serves `exporter` on `host:port` (0: a free port) while `body` runs with the
    /// endpoint's URL (`http://127.0.0.1:PORT/metrics`), then stops it.
    public static func withServing<Value: Sendable>(
        _ exporter: LiveMetricsExporter, host: String = "127.0.0.1", port: Int,
        _ body: @Sendable (_ url: String) async throws -> Value
    ) async throws -> Value {
        let router = Router()
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: exporter.text())))
        }
        var logger = Logger(label: "pollster.metrics")
        logger.logLevel = .error
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                continuation.yield("http://\(host):\(channel.localAddress?.port ?? port)/metrics")
                continuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await group.run()
            }
            var iterator = urls.makeAsyncIterator()
            guard let url = await iterator.next() else {
                try await tasks.waitForAll()
                throw MetricsEndpointError.notListening(host: host, port: port)
            }
            do {
                let value = try await body(url)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

/// The metrics endpoint could not start.
public enum MetricsEndpointError: Error, CustomStringConvertible {
    case notListening(host: String, port: Int)

    public var description: String {
        switch self {
        case .notListening(let host, let port): return "the metrics endpoint could not listen on \(host):\(port)"
        }
    }
}
