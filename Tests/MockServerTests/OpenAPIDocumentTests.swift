import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import MockServer
import PollsterCore
import Testing

/// The OpenAPI document against the implementation: every documented path, method and
/// status is exercised over HTTP and answers with that status, and every route is documented.
struct OpenAPIDocumentTests {
    struct Operation: Hashable, CustomStringConvertible {
        var method: String
        var path: String
        var status: Int
        var description: String { "\(method) \(path) \(status)" }
    }

    static func document() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.full.utf8))
        return try #require(object as? [String: Any])
    }

    static func documentedOperations() throws -> Set<Operation> {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        var operations: Set<Operation> = []
        for (path, methods) in paths {
            for (method, value) in methods {
                let operation = try #require(value as? [String: Any])
                let responses = try #require(operation["responses"] as? [String: Any])
                for status in responses.keys {
                    operations.insert(Operation(method: method.uppercased(), path: path, status: try #require(Int(status))))
                }
            }
        }
        return operations
    }

    @Test func isOpenAPI31AndServedAsIs() async throws {
        #expect(try Self.document()["openapi"] as? String == "3.1.0")
        try await MockFixtures.withLiveServer(MockFixtures.configuration()) { _, client in
            let response = try await client.get("/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let served = String(buffer: response.body ?? ByteBuffer())
            #expect(served == OpenAPIDocument.json(benchRoutes: false))
            #expect(served.contains("/v1/executions/{executionId}"))
            #expect(!served.contains("/bench/constant"), "a route that is not served is not documented")
        }
        try await MockFixtures.withLiveServer(MockFixtures.configuration(benchRoutes: true)) { _, client in
            let response = try await client.get("/openapi.json")
            #expect(String(buffer: response.body ?? ByteBuffer()) == OpenAPIDocument.full)
        }
    }

    @Test func everyRouteIsDocumented() throws {
        let documented = Set(try Self.documentedOperations().map { "\($0.method) \($0.path)" })
        let routes = Set(APIRoute.all(benchRoutes: true).map { "\($0.method.rawValue) \($0.openAPIPath)" })
        #expect(documented == routes)
    }

    @Test func everyDocumentedStatusIsServed() async throws {
        let documented = try Self.documentedOperations()
        #expect(Set(Self.cases.keys) == documented, "each documented status needs a case here and vice versa")
        // Each case gets fresh keys, so rate limits only bite where a case spends them.
        let limits = [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: .perHour(1), burst: 5))]
        try await MockFixtures.withLiveServer(MockFixtures.configuration(rateLimits: limits, benchRoutes: true)) { server, client in
            var nextKey = 100
            for (operation, exercise) in Self.cases.sorted(by: { $0.key.description < $1.key.description }) {
                let keys = Keys(server: server, index: nextKey)
                nextKey += 1
                let response = try await exercise(Context(server: server, client: client, keys: keys))
                #expect(Int(response.status.code) == operation.status, "\(operation)")
                if operation.status >= 400 {
                    #expect(try MockFixtures.decode(MockFixtures.ErrorBody.self, from: response.body).error.code.isEmpty == false, "\(operation)")
                }
            }
        }
    }

    /// Fresh keys for one case: read-write, read-only and write-only, one rate-limit index.
    struct Keys {
        let readWrite: String
        let readOnly: String
        let writeOnly: String

        init(server: MockServer, index: Int) {
            readWrite = "rw-\(index)"
            readOnly = "ro-\(index)"
            writeOnly = "wo-\(index)"
            server.registerKey(readWrite, scopes: [.executionsRead, .executionsWrite], index: index)
            server.registerKey(readOnly, scopes: [.executionsRead], index: index + 10_000)
            server.registerKey(writeOnly, scopes: [.executionsWrite], index: index + 20_000)
        }
    }

    struct Context {
        let server: MockServer
        let client: TestClient
        let keys: Keys

        func execution(runTime: Nanoseconds = Time.seconds(600)) -> String {
            server.register(ExecutionPlan(index: 0, createdAt: 0, runTime: runTime), flowId: "flow_doc")
        }

        func auth(_ key: String) -> HTTPFields { MockFixtures.bearer(key) }

        /// Sends `request` until it is rate limited (at most 10 times).
        func exhaust(_ request: () async throws -> TestClient.Response) async throws -> TestClient.Response {
            var response = try await request()
            for _ in 0..<10 where response.status != .tooManyRequests {
                response = try await request()
            }
            return response
        }
    }

    typealias Exercise = @Sendable (Context) async throws -> TestClient.Response

    static let cases: [Operation: Exercise] = {
        let get = "/v1/executions/{executionId}"
        let create = "/v1/flows/{flowId}/executions"
        let cancel = "/v1/executions/{executionId}/cancel"
        let empty = ByteBuffer()
        return [
            Operation(method: "GET", path: get, status: 200): { c in
                try await c.client.get("/v1/executions/\(c.execution())", headers: c.auth(c.keys.readOnly))
            },
            Operation(method: "GET", path: get, status: 400): { c in
                try await c.client.get("/v1/executions/\(c.execution())?include=everything", headers: c.auth(c.keys.readOnly))
            },
            Operation(method: "GET", path: get, status: 401): { c in
                try await c.client.get("/v1/executions/\(c.execution())")
            },
            Operation(method: "GET", path: get, status: 403): { c in
                try await c.client.get("/v1/executions/\(c.execution())", headers: c.auth(c.keys.writeOnly))
            },
            Operation(method: "GET", path: get, status: 404): { c in
                try await c.client.get("/v1/executions/exec_unknown", headers: c.auth(c.keys.readOnly))
            },
            Operation(method: "GET", path: get, status: 429): { c in
                let id = c.execution()
                return try await c.exhaust { try await c.client.get("/v1/executions/\(id)", headers: c.auth(c.keys.readOnly)) }
            },
            Operation(method: "POST", path: create, status: 202): { c in
                try await c.client.post("/v1/flows/flow_doc/executions", headers: c.auth(c.keys.readWrite), body: MockFixtures.json(#"{"durationMs": 1000}"#))
            },
            Operation(method: "POST", path: create, status: 400): { c in
                try await c.client.post("/v1/flows/flow_doc/executions", headers: c.auth(c.keys.readWrite), body: MockFixtures.json("nope"))
            },
            Operation(method: "POST", path: create, status: 401): { c in
                try await c.client.post("/v1/flows/flow_doc/executions", headers: c.auth("wrong"), body: empty)
            },
            Operation(method: "POST", path: create, status: 403): { c in
                try await c.client.post("/v1/flows/flow_doc/executions", headers: c.auth(c.keys.readOnly), body: empty)
            },
            Operation(method: "POST", path: create, status: 413): { c in
                try await c.client.post("/v1/flows/flow_doc/executions", headers: c.auth(c.keys.readWrite),
                                        body: ByteBuffer(repeating: UInt8(ascii: " "), count: 70_000))
            },
            Operation(method: "POST", path: create, status: 429): { c in
                try await c.exhaust { try await c.client.post("/v1/flows/flow_doc/executions", headers: c.auth(c.keys.readWrite), body: empty) }
            },
            Operation(method: "POST", path: cancel, status: 200): { c in
                try await c.client.post("/v1/executions/\(c.execution())/cancel", headers: c.auth(c.keys.readWrite), body: empty)
            },
            Operation(method: "POST", path: cancel, status: 401): { c in
                try await c.client.post("/v1/executions/\(c.execution())/cancel", headers: [:], body: empty)
            },
            Operation(method: "POST", path: cancel, status: 403): { c in
                try await c.client.post("/v1/executions/\(c.execution())/cancel", headers: c.auth(c.keys.readOnly), body: empty)
            },
            Operation(method: "POST", path: cancel, status: 404): { c in
                try await c.client.post("/v1/executions/exec_unknown/cancel", headers: c.auth(c.keys.readWrite), body: empty)
            },
            Operation(method: "POST", path: cancel, status: 409): { c in
                try await c.client.post("/v1/executions/\(c.execution(runTime: 0))/cancel", headers: c.auth(c.keys.readWrite), body: empty)
            },
            Operation(method: "POST", path: cancel, status: 429): { c in
                let id = c.execution(runTime: 0)
                return try await c.exhaust { try await c.client.post("/v1/executions/\(id)/cancel", headers: c.auth(c.keys.readWrite), body: empty) }
            },
            Operation(method: "GET", path: "/healthz", status: 200): { c in try await c.client.get("/healthz") },
            Operation(method: "GET", path: "/openapi.json", status: 200): { c in try await c.client.get("/openapi.json") },
            Operation(method: "GET", path: "/bench/constant", status: 200): { c in try await c.client.get("/bench/constant") },
        ]
    }()
}
