public import PollsterCore

/// The two fields of an execution-status body that a polling client acts on.
public struct ExecutionStatusReading: Sendable, Hashable {
    /// The execution's `status`.
    public var status: ExecutionStatus
    /// `progress.percentage` (0-100), when the body has one.
    public var percentage: Double?

    /// A reading from its parts.
    public init(status: ExecutionStatus, percentage: Double? = nil) {
        self.status = status
        self.percentage = percentage
    }
}
