import ServiceLifecycle

/// A ``MockServer`` as a swift-service-lifecycle `Service` that reports its base URL once
/// it listens, so that a `ServiceGroup` can run it and shut it down gracefully.
public struct MockServerService: Service {
    /// The server this service runs.
    public let server: MockServer
    let onServerRunning: @Sendable (String) async -> Void

    /// Runs `server`, calling `onServerRunning` with its base URL once it listens.
    public init(server: MockServer, onServerRunning: @escaping @Sendable (_ baseURL: String) async -> Void = { _ in }) {
        self.server = server
        self.onServerRunning = onServerRunning
    }

    /// Serves until the group shuts down gracefully.
    public func run() async throws {
        try await server.run(onServerRunning: onServerRunning)
    }
}
