/// Runs `body` with a new ``CurlTransport`` and shuts it down when `body` returns or throws.
public func withCurlTransport<Result>(
    configuration: TransportConfiguration = TransportConfiguration(),
    isolation: isolated (any Actor)? = #isolation,
    _ body: (CurlTransport) async throws -> Result
) async throws -> Result {
    let transport = try CurlTransport(configuration: configuration)
    do {
        let result = try await body(transport)
        await transport.shutdown()
        return result
    } catch {
        await transport.shutdown()
        throw error
    }
}
