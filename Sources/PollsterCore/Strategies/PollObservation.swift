/// What a client learned from the response to poll n, as the input of its next delay.
public struct PollObservation: Sendable, Hashable {
    /// Number of the poll that was answered (0-based).
    public var poll: Int
    /// When the poll was sent and answered, in scenario time.
    public var sentAt: Nanoseconds
    public var receivedAt: Nanoseconds
    /// When the execution was created (the API's `createdAt`).
    public var createdAt: Nanoseconds
    /// `progress.percentage` when the response carried it (a 200 for a running execution).
    public var progress: Double?

    public init(poll: Int, sentAt: Nanoseconds, receivedAt: Nanoseconds, createdAt: Nanoseconds, progress: Double? = nil) {
        self.poll = poll
        self.sentAt = sentAt
        self.receivedAt = receivedAt
        self.createdAt = createdAt
        self.progress = progress
    }

    /// Time since creation when the response arrived.
    @inlinable public var elapsed: Nanoseconds { receivedAt - createdAt }
}
