import Hummingbird
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// A server with one constant JSON route, as load for both wrk and the transport.
enum BenchServer {
    static let body = ByteBuffer(string:
        #"{"id":"exec_1","flowId":"flow_1","version":"3","status":"running","progress":{"step":"extract","percentage":42.5},"createdAt":"2025-01-01T00:00:00Z"}"#)

    /// Serves on 127.0.0.1 and a free port until SIGTERM or SIGINT; the port is written to
    /// stdout at once, unbuffered, since the benchmark script waits for it.
    static func run() async throws {
        var logger = Logger(label: "transport-bench.server")
        logger.logLevel = .error
        let router = Router()
        router.get("/v1/executions/{id}") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                let line = "\(channel.localAddress?.port ?? 0)\n"
                _ = line.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
            },
            logger: logger
        )
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
