/// The status values of the execution API.
public enum ExecutionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case running
    case completed
    case failed
    case cancelled

    /// True for completed, failed and cancelled: polling ends when a client sees one.
    @inlinable public var isTerminal: Bool {
        switch self {
        case .pending, .running: return false
        case .completed, .failed, .cancelled: return true
        }
    }

    public init(_ outcome: Outcome) {
        switch outcome {
        case .completed: self = .completed
        case .failed: self = .failed
        case .cancelled: self = .cancelled
        }
    }
}
