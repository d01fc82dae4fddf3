import HTTPTypes

/// One endpoint of the mock: its method and path, as the router matches it and as the
/// OpenAPI document names it. The table lets the server tell a wrong method (405) from
/// an unknown path (404) and lets tests check the document against the routes.
package struct APIRoute: Sendable, Hashable {
    package var method: HTTPRequest.Method
    /// Path segments; a segment starting with `:` is a parameter.
    package var segments: [String]

    init(_ method: HTTPRequest.Method, _ path: String) {
        self.method = method
        self.segments = path.split(separator: "/").map(String.init)
    }

    /// The path as the router takes it: `/v1/executions/:executionId`.
    package var routerPath: String { "/" + segments.joined(separator: "/") }

    /// The path as OpenAPI writes it: `/v1/executions/{executionId}`.
    package var openAPIPath: String {
        "/" + segments.map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : $0 }.joined(separator: "/")
    }

    /// True when `path` (no query) has this route's shape.
    func matches(path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == segments.count else { return false }
        return zip(parts, segments).allSatisfy { part, segment in segment.hasPrefix(":") || part == segment }
    }

    static let getExecution = APIRoute(.get, "/v1/executions/:executionId")
    static let createExecution = APIRoute(.post, "/v1/flows/:flowId/executions")
    static let cancelExecution = APIRoute(.post, "/v1/executions/:executionId/cancel")
    static let health = APIRoute(.get, "/healthz")
    static let openAPI = APIRoute(.get, "/openapi.json")
    static let benchConstant = APIRoute(.get, "/bench/constant")

    /// Every route served; `/bench/constant` only with `benchRoutes`.
    package static func all(benchRoutes: Bool) -> [APIRoute] {
        var routes = [getExecution, createExecution, cancelExecution, health, openAPI]
        if benchRoutes { routes.append(benchConstant) }
        return routes
    }
}
