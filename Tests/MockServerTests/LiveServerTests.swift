import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import MockServer
import PollsterCore
import Testing

/// The mock over real HTTP on 127.0.0.1 and a port picked by the system.
struct LiveServerTests {
    static let tokenBucket = [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 2), burst: 3))]

    func create(_ client: TestClient, body: String = #"{"durationMs": 600000}"#, key: String = MockFixtures.readWrite) async throws -> ExecutionResource {
        let response = try await client.post("/v1/flows/flow_demo/executions", headers: MockFixtures.bearer(key), body: MockFixtures.json(body))
        #expect(response.status == .accepted)
        let resource = try MockFixtures.decode(ExecutionResource.self, from: response.body)
        #expect(response.headers[.location] == "/v1/executions/\(resource.id)")
        return resource
    }

    @Test func everyStatusOfTheGetEndpoint() async throws {
        try await MockFixtures.withLiveServer(MockFixtures.configuration(rateLimits: Self.tokenBucket)) { server, client in
            let execution = try await create(client)
            let path = "/v1/executions/\(execution.id)"
            let ok = try await client.get(path, headers: MockFixtures.bearer(MockFixtures.readWrite))
            #expect(ok.status == .ok)
            #expect(try MockFixtures.decode(ExecutionResource.self, from: ok.body).id == execution.id)

            let missing = try await client.get(path)
            #expect(missing.status == .unauthorized)
            #expect(try MockFixtures.errorCode(missing) == "UNAUTHORIZED")
            let unknown = try await client.get(path, headers: MockFixtures.bearer("who-knows"))
            #expect(try MockFixtures.errorCode(unknown) == "UNAUTHORIZED")
            let basic = try await client.get(path, headers: [.authorization: "Basic \(MockFixtures.readWrite)"])
            #expect(basic.status == .unauthorized)

            let forbidden = try await client.get(path, headers: MockFixtures.bearer(MockFixtures.writeOnly))
            #expect(forbidden.status == .forbidden)
            #expect(try MockFixtures.errorCode(forbidden) == "FORBIDDEN")

            let notFound = try await client.get("/v1/executions/exec_doesnotexist", headers: MockFixtures.bearer(MockFixtures.second))
            #expect(notFound.status == .notFound)
            #expect(try MockFixtures.errorCode(notFound) == "EXECUTION_NOT_FOUND")

            let badInclude = try await client.get(path + "?include=artifacts,logs", headers: MockFixtures.bearer(MockFixtures.second))
            #expect(badInclude.status == .badRequest)
            #expect(try MockFixtures.errorCode(badInclude) == "INVALID_REQUEST")

            var limited = try await client.get(path, headers: MockFixtures.bearer(MockFixtures.readOnly))
            for _ in 0..<5 where limited.status != .tooManyRequests {
                limited = try await client.get(path, headers: MockFixtures.bearer(MockFixtures.readOnly))
            }
            #expect(limited.status == .tooManyRequests)
            #expect(try MockFixtures.errorCode(limited) == "RATE_LIMITED")
            #expect(server.requestCounts.rateLimited >= 1)
        }
    }

    @Test func rateLimitHeadersAfterAKnownSequence() async throws {
        try await MockFixtures.withLiveServer(MockFixtures.configuration(rateLimits: Self.tokenBucket)) { server, client in
            let id = server.register(ExecutionPlan(index: 0, createdAt: 0, runTime: Time.seconds(600)), flowId: "f")
            var responses: [TestClient.Response] = []
            for attempt in 0..<4 {
                let headers: HTTPFields = attempt == 1 ? [HTTPField.Name("X-API-Key")!: MockFixtures.readOnly] : MockFixtures.bearer(MockFixtures.readOnly)
                responses.append(try await client.get("/v1/executions/\(id)", headers: headers))
            }
            #expect(responses.map(\.status) == [.ok, .ok, .ok, .tooManyRequests])
            let policy = RateLimitHeaders.policyField(for: Self.tokenBucket)
            #expect(policy == #""apikey";q=3;w=2"#)
            for response in responses {
                #expect(response.headers[HTTPField.Name("RateLimit-Policy")!] == policy)
                #expect(response.headers[HTTPField.Name("X-RateLimit-Limit")!] == "3")
            }
            #expect(responses.map { $0.headers[HTTPField.Name("X-RateLimit-Remaining")!] } == ["2", "1", "0", "0"])
            #expect(responses.map { $0.headers[.retryAfter] } == [nil, nil, nil, "1"])
            #expect(responses[0].headers[HTTPField.Name("X-RateLimit-Reset")!] == "1")
            #expect(responses[2].headers[HTTPField.Name("X-RateLimit-Reset")!] == "2")
            #expect(responses[2].headers[HTTPField.Name("RateLimit")!] == #""apikey";r=0;t=2"#)
            // Another key has its own bucket.
            let other = try await client.get("/v1/executions/\(id)", headers: MockFixtures.bearer(MockFixtures.second))
            #expect(other.status == .ok)
            #expect(other.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "2")
        }
    }

    @Test func unlimitedServersSendNoRateLimitHeaders() async throws {
        try await MockFixtures.withLiveServer(MockFixtures.configuration()) { _, client in
            let execution = try await create(client)
            let response = try await client.get("/v1/executions/\(execution.id)", headers: MockFixtures.bearer(MockFixtures.readWrite))
            #expect(response.status == .ok)
            #expect(response.headers[HTTPField.Name("RateLimit-Policy")!] == nil)
        }
    }

    @Test func aFullLifecycleObservedByPolling() async throws {
        // At 20x, 2 s of queue and 6 s of run take 100 ms and 300 ms of wall time.
        try await MockFixtures.withLiveServer(MockFixtures.configuration(timeScale: 20)) { _, client in
            let start = ContinuousClock.now
            let execution = try await create(client, body: #"{"durationMs": 6000, "queueMs": 2000, "outcome": "completed", "metadata": {"purpose": "lifecycle"}}"#)
            #expect(execution.status == .pending)
            var statuses: [ExecutionStatus] = [execution.status]
            var percentages: [Double] = []
            var last = execution
            while !last.status.isTerminal, start.duration(to: .now) < .seconds(5) {
                let response = try await client.get("/v1/executions/\(execution.id)?include=metrics", headers: MockFixtures.bearer(MockFixtures.readWrite))
                #expect(response.status == .ok)
                last = try MockFixtures.decode(ExecutionResource.self, from: response.body)
                if statuses.last != last.status { statuses.append(last.status) }
                if let progress = last.progress { percentages.append(progress.percentage) }
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(statuses == [.pending, .running, .completed])
            #expect(percentages == percentages.sorted() && !percentages.isEmpty)
            #expect(percentages.allSatisfy { (0..<100).contains($0) })
            #expect(last.output != nil && last.completedAt != nil)
            #expect(last.metrics?.queueMs == 2000 && last.metrics?.runMs == 6000)
            #expect(last.metadata == ["purpose": .string("lifecycle")])
            // About 0.4 s of wall time; the bound leaves room for a busy machine.
            #expect(start.duration(to: .now) < .seconds(3))
        }
    }

    @Test func includeArtifactsAndMetrics() async throws {
        try await MockFixtures.withLiveServer(MockFixtures.configuration()) { _, client in
            let execution = try await create(client, body: #"{"durationMs": 0}"#)
            let response = try await client.get("/v1/executions/\(execution.id)?include=artifacts&include=metrics", headers: MockFixtures.bearer(MockFixtures.readWrite))
            let resource = try MockFixtures.decode(ExecutionResource.self, from: response.body)
            #expect(resource.status == .completed)
            #expect(resource.artifacts?.count == 4)
            #expect(resource.metrics?.stepsCompleted == 4)
            let encoded = try await client.get("/v1/executions/\(execution.id)?include=artifacts%2Cmetrics", headers: MockFixtures.bearer(MockFixtures.readWrite))
            #expect(try MockFixtures.decode(ExecutionResource.self, from: encoded.body) == resource)
        }
    }

    @Test func cancelARunningExecutionThenConflict() async throws {
        try await MockFixtures.withLiveServer(MockFixtures.configuration()) { _, client in
            let execution = try await create(client)
            let path = "/v1/executions/\(execution.id)/cancel"
            let readOnly = try await client.post(path, headers: MockFixtures.bearer(MockFixtures.readOnly), body: ByteBuffer())
            #expect(readOnly.status == .forbidden)
            let cancelled = try await client.post(path, headers: MockFixtures.bearer(MockFixtures.readWrite), body: ByteBuffer())
            #expect(cancelled.status == .ok)
            #expect(try MockFixtures.decode(ExecutionResource.self, from: cancelled.body).status == .cancelled)
            let again = try await client.post(path, headers: MockFixtures.bearer(MockFixtures.readWrite), body: ByteBuffer())
            #expect(again.status == .conflict)
            #expect(try MockFixtures.errorCode(again) == "EXECUTION_ALREADY_TERMINAL")
            let unknown = try await client.post("/v1/executions/exec_x/cancel", headers: MockFixtures.bearer(MockFixtures.readWrite), body: ByteBuffer())
            #expect(unknown.status == .notFound)
            let polled = try await client.get("/v1/executions/\(execution.id)", headers: MockFixtures.bearer(MockFixtures.readWrite))
            #expect(try MockFixtures.decode(ExecutionResource.self, from: polled.body).status == .cancelled)
        }
    }

    @Test(arguments: [
        "/v1/executions/..%2F..%2Fetc%2Fpasswd", "/v1/executions/exec_%00", "/v1/executions/%E2%98%83",
        "/v1/executions/" + String(repeating: "x", count: 4000), "/v1/executions/exec_0000000000000000",
    ])
    func malformedIdsAreNotFound(_ path: String) async throws {
        try await MockFixtures.withLiveServer(MockFixtures.configuration()) { _, client in
            let response = try await client.get(path, headers: MockFixtures.bearer(MockFixtures.readWrite))
            #expect(response.status == .notFound)
            #expect(try MockFixtures.errorCode(response) == "EXECUTION_NOT_FOUND")
        }
    }

    @Test func badInputIsAClearJSONError() async throws {
        try await MockFixtures.withLiveServer(MockFixtures.configuration()) { server, client in
            let auth = MockFixtures.bearer(MockFixtures.readWrite)
            let notJSON = try await client.post("/v1/flows/f/executions", headers: auth, body: MockFixtures.json("<xml/>"))
            #expect(notJSON.status == .badRequest)
            #expect(try MockFixtures.errorCode(notJSON) == "INVALID_REQUEST")

            let wrongMethod = try await client.execute(.init("/v1/executions/exec_x", method: .delete, headers: auth))
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET")
            #expect(try MockFixtures.errorCode(wrongMethod) == "METHOD_NOT_ALLOWED")
            let getCreate = try await client.get("/v1/flows/f/executions", headers: auth)
            #expect(getCreate.status == .methodNotAllowed)
            #expect(getCreate.headers[.allow] == "POST")

            let noRoute = try await client.get("/v2/anything", headers: auth)
            #expect(noRoute.status == .notFound)
            #expect(try MockFixtures.errorCode(noRoute) == "NOT_FOUND")

            let bigBody = try await client.post("/v1/flows/f/executions", headers: auth, body: ByteBuffer(repeating: UInt8(ascii: " "), count: 100_000))
            #expect(bigBody.status == .contentTooLarge)
            #expect(try MockFixtures.errorCode(bigBody) == "PAYLOAD_TOO_LARGE")

            var hugeHeaders = auth
            hugeHeaders[HTTPField.Name("X-Padding")!] = String(repeating: "a", count: 20_000)
            let huge = try await client.get("/v1/executions/exec_x", headers: hugeHeaders)
            #expect(huge.status == .requestHeaderFieldsTooLarge)
            #expect(try MockFixtures.errorCode(huge) == "REQUEST_HEADER_FIELDS_TOO_LARGE")

            let hugeKey = try await client.get("/v1/executions/exec_x", headers: MockFixtures.bearer(String(repeating: "k", count: 12_000)))
            #expect(hugeKey.status == .unauthorized)

            // Beyond the HTTP parser's own limit (80 KiB) Hummingbird answers a bare 400 and
            // closes that connection; the server goes on serving.
            try await MockFixtures.withClient(of: server) { other in
                var enormous = auth
                enormous[HTTPField.Name("X-Padding")!] = String(repeating: "b", count: 200_000)
                let response = try await other.get("/healthz", headers: enormous)
                #expect(response.status == .badRequest)
                #expect(response.headers[.connection] == "close")
            }
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(String(buffer: health.body ?? ByteBuffer()) == #"{"status":"ok"}"#)
        }
    }

    @Test func latencyIsScaledByTheTimeScale() async throws {
        // 2 s of scenario latency at 10x is 200 ms of wall time.
        try await MockFixtures.withLiveServer(MockFixtures.configuration(latency: .fixed(Time.seconds(2)), timeScale: 10)) { server, client in
            let id = server.register(ExecutionPlan(index: 0, createdAt: 0, runTime: Time.seconds(600)), flowId: "f")
            let start = ContinuousClock.now
            let response = try await client.get("/v1/executions/\(id)", headers: MockFixtures.bearer(MockFixtures.readWrite))
            let elapsed = start.duration(to: .now)
            #expect(response.status == .ok)
            #expect(elapsed >= .milliseconds(195) && elapsed < .seconds(3))
        }
    }

    @Test func keysRegisteredInProcessWork() async throws {
        try await MockFixtures.withLiveServer(MockFixtures.configuration(rateLimits: Self.tokenBucket)) { server, client in
            let id = server.register(ExecutionPlan(index: 3, createdAt: 0, runTime: Time.seconds(600)), flowId: "f")
            let before = try await client.get("/v1/executions/\(id)", headers: MockFixtures.bearer("strategy-a-key"))
            #expect(before.status == .unauthorized)
            server.registerKey("strategy-a-key", scopes: [.executionsRead], index: 40)
            let after = try await client.get("/v1/executions/\(id)", headers: MockFixtures.bearer("strategy-a-key"))
            #expect(after.status == .ok)
            #expect(after.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "2")
        }
    }

    @Test func benchRouteOnlyWhenAskedFor() async throws {
        try await MockFixtures.withLiveServer(MockFixtures.configuration()) { _, client in
            let response = try await client.get("/bench/constant")
            #expect(response.status == .notFound)
        }
        try await MockFixtures.withLiveServer(MockFixtures.configuration(benchRoutes: true)) { _, client in
            let response = try await client.get("/bench/constant")
            #expect(response.status == .ok)
            #expect(try MockFixtures.decode(ExecutionResource.self, from: response.body).status == .running)
        }
    }

    @Test func nonLoopbackHostsAreRefused() {
        var configuration = MockFixtures.configuration()
        configuration.host = "0.0.0.0"
        #expect(throws: MockServerError.notLoopback("0.0.0.0")) {
            try MockServer(configuration: configuration)
        }
    }

    @Test func aTakenPortIsAnError() async throws {
        try await MockFixtures.withLiveServer(MockFixtures.configuration()) { server, _ in
            var configuration = MockFixtures.configuration()
            configuration.port = try #require(Int(server.baseURL?.split(separator: ":").last ?? ""))
            let second = try MockServer(configuration: configuration, logger: MockFixtures.quietLogger)
            await #expect(throws: (any Error).self) {
                try await second.withRunning { _ in }
            }
        }
    }
}
