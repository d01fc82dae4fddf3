/// How an execution ends: the terminal statuses of the execution API.
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    case completed
    case failed
    case cancelled
}

/// The probability of each outcome; the three sum to 1.
public struct OutcomeMix: Sendable, Hashable {
    public var completed: Double
    public var failed: Double
    public var cancelled: Double

    public init(completed: Double = 1, failed: Double = 0, cancelled: Double = 0) {
        self.completed = completed
        self.failed = failed
        self.cancelled = cancelled
    }

    /// The outcome for a uniform draw `u` in [0, 1).
    @inlinable public func outcome(for u: Double) -> Outcome {
        if u < completed { return .completed }
        if u < completed + failed { return .failed }
        return .cancelled
    }
}
