import Hummingbird
import Logging

/// Counts every response by status and, at log level debug only, logs one line per
/// request: method, path, status, time taken and the API key's fingerprint (never the key).
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let counters: RequestCounters
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let poll = request.method == .get && request.uri.path.hasPrefix("/v1/executions/")
        guard logger.logLevel <= .debug else {
            let response = try await next(request, context)
            counters.record(status: response.status.code, poll: poll)
            return response
        }
        let start = ContinuousClock.now
        let response = try await next(request, context)
        counters.record(status: response.status.code, poll: poll)
        let elapsed = start.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let key = MockExecutionAPI.apiKey(from: request.headers).map { APIKeyGrant.fingerprint(of: String($0)) } ?? "none"
        logger.debug("\(request.method.rawValue) \(request.uri.path.prefix(200)) \(response.status.code) \(Int(milliseconds.rounded())) ms \(key)")
        return response
    }
}
