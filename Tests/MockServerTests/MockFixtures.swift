import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import MockServer
import PollsterCore
import Testing

/// Keys and helpers shared by the mock server tests.
enum MockFixtures {
    static let readWrite = "test-key-rw"
    static let readOnly = "test-key-ro"
    static let writeOnly = "test-key-wo"
    static let second = "test-key-2"

    static let keys = [
        APIKeyGrant(key: readWrite, scopes: [.executionsRead, .executionsWrite], index: 0),
        APIKeyGrant(key: readOnly, scopes: [.executionsRead], index: 1),
        APIKeyGrant(key: writeOnly, scopes: [.executionsWrite], index: 2),
        APIKeyGrant(key: second, scopes: [.executionsRead, .executionsWrite], index: 3),
    ]

    static var quietLogger: Logger {
        var logger = Logger(label: "pollster.mock.test")
        logger.logLevel = .warning
        return logger
    }

    static func configuration(
        rateLimits: [RateLimitRule] = [],
        latency: Distribution = .fixed(0),
        timeScale: Double = 1,
        benchRoutes: Bool = false
    ) -> MockServerConfiguration {
        MockServerConfiguration(
            server: ServerModel(latency: latency, rateLimits: rateLimits),
            timeScale: timeScale,
            keys: keys,
            epoch: 1_790_000_000_000_000_000,
            benchRoutes: benchRoutes
        )
    }

    static func bearer(_ key: String) -> HTTPFields {
        [.authorization: "Bearer \(key)"]
    }

    /// Runs `body` against a server on 127.0.0.1:0 with a client connected to it.
    static func withLiveServer(
        _ configuration: MockServerConfiguration,
        _ body: (MockServer, TestClient) async throws -> Void
    ) async throws {
        let server = try MockServer(configuration: configuration, logger: quietLogger)
        try await server.withRunning { url in
            let port = try #require(Int(url.split(separator: ":").last ?? ""))
            #expect(url == "http://127.0.0.1:\(port)")
            let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(20)))
            client.connect()
            do {
                try await body(server, client)
                try await client.shutdown()
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    /// A second client to the same server (for requests that end their connection).
    static func withClient(of server: MockServer, _ body: (TestClient) async throws -> Void) async throws {
        let url = try #require(server.baseURL)
        let port = try #require(Int(url.split(separator: ":").last ?? ""))
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(20)))
        client.connect()
        do {
            try await body(client)
            try? await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer?) throws -> T {
        let bytes = buffer.map { Array($0.readableBytesView) } ?? []
        return try JSONDecoder().decode(T.self, from: Data(bytes))
    }

    /// The `{"error": {"code", "message"}}` body of an error response.
    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            var code: String
            var message: String
        }
        var error: Detail
    }

    static func errorCode(_ response: TestClient.Response) throws -> String {
        #expect(response.headers[.contentType] == "application/json")
        return try decode(ErrorBody.self, from: response.body).error.code
    }

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}
