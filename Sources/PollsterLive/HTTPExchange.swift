/// One request's trip through a ``CurlTransport``: what came back and when each step
/// happened, on the continuous clock, so that a caller can tell time spent waiting in the
/// client (for the loop thread or a free connection) from time spent on the wire.
public struct HTTPExchange: Sendable {
    /// The response, or why there is none.
    public var outcome: TransportOutcome
    /// When ``CurlTransport/exchange(_:)`` was called.
    public var enqueuedAt: ContinuousClock.Instant
    /// When the loop thread handed the request to curl with a connection slot free; nil
    /// when it never got that far (cancelled while queued, or the transport shut down).
    public var dispatchedAt: ContinuousClock.Instant?
    /// When the loop thread saw the transfer end (or gave up on it).
    public var completedAt: ContinuousClock.Instant

    /// An exchange from its parts.
    public init(
        outcome: TransportOutcome, enqueuedAt: ContinuousClock.Instant, dispatchedAt: ContinuousClock.Instant?,
        completedAt: ContinuousClock.Instant
    ) {
        self.outcome = outcome
        self.enqueuedAt = enqueuedAt
        self.dispatchedAt = dispatchedAt
        self.completedAt = completedAt
    }

    /// How long the request waited in the client for a connection: in the transport's queue
    /// while every connection was busy, plus the TCP (and TLS) set-up of a new connection.
    public var connectionWait: Duration {
        guard let dispatchedAt else { return completedAt - enqueuedAt }
        var wait = dispatchedAt - enqueuedAt
        if case .success(let response) = outcome, response.connectionsOpened > 0 {
            wait += .nanoseconds(Swift.max(response.timings.connect, response.timings.tls))
        }
        return wait
    }
}
