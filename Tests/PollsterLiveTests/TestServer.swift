import Hummingbird
import Logging
import ServiceLifecycle

/// A Hummingbird server on 127.0.0.1 and a port the kernel picks, for the transport tests.
///
/// Routes: `/hello` (text and a custom header), `/echo` (POST: returns the body with 201),
/// `/execution` (a status JSON body), `/limited` (a 429 with Retry-After), `/sleep?ms=N`
/// (answers after N ms), `/broken` (promises 1000 bytes, sends 7, then fails the connection),
/// and `/v1/executions/{id}` answering as the id says: `exec_ok` (running), `exec_truncated`
/// (a 200 whose JSON is cut short), `exec_html` (a 200 HTML page), `exec_broken` (as
/// `/broken`), `exec_503` and `exec_400`.
enum TestServer {
    static let executionBody =
        #"{"id":"exec_1","status":"running","progress":{"step":"extract","percentage":42.5},"metadata":{"status":"x"}}"#

    private struct BrokenBody: Error {}
    private struct NoPort: Error {}

    /// Runs `body` with the server's base URL (`http://127.0.0.1:PORT`), then shuts the
    /// server down gracefully.
    static func withServer<T>(_ body: (String) async throws -> T) async throws -> T {
        var logger = Logger(label: "pollster.test-server")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let services = ServiceGroup(services: [app], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                // A server that fails to bind must not leave the caller waiting for a port.
                defer { portContinuation.finish() }
                try await services.run()
            }
            do {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next(), port > 0 else { throw NoPort() }
                let result = try await body("http://127.0.0.1:\(port)")
                await services.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }

    private static func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("hello") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain", .init("X-Test")!: "yes"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "hello world"))
            )
        }
        router.post("echo") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            return Response(
                status: .created,
                headers: [.init("X-Method")!: "POST"],
                body: ResponseBody(byteBuffer: body)
            )
        }
        router.get("execution") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: executionBody))
            )
        }
        router.get("limited") { _, _ in
            Response(
                status: .tooManyRequests,
                headers: [.retryAfter: "3"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":{"code":"RATE_LIMITED"}}"#))
            )
        }
        router.get("sleep") { request, _ in
            let milliseconds = request.uri.queryParameters.get("ms", as: Int.self) ?? 0
            try await Task.sleep(for: .milliseconds(milliseconds))
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "slept")))
        }
        router.get("v1/executions/:id") { _, context -> Response in
            switch context.parameters.get("id") ?? "" {
            case "exec_ok":
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: executionBody)))
            case "exec_truncated":
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"id":"exec_truncated","status":"runn"#)))
            case "exec_html":
                return Response(status: .ok, headers: [.contentType: "text/html"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: "<html><body>Maintenance</body></html>")))
            case "exec_broken":
                return Response(status: .ok, body: ResponseBody(contentLength: 1000) { writer in
                    try await writer.write(ByteBuffer(string: "partial"))
                    throw BrokenBody()
                })
            case "exec_503":
                return Response(status: .serviceUnavailable, body: ResponseBody(byteBuffer: ByteBuffer(string: "busy")))
            default:
                return Response(status: .badRequest, body: ResponseBody(byteBuffer: ByteBuffer(string: "bad")))
            }
        }
        router.get("broken") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody(contentLength: 1000) { writer in
                    try await writer.write(ByteBuffer(string: "partial"))
                    throw BrokenBody()
                }
            )
        }
        return router
    }
}
