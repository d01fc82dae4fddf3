/// What the client loop does next: the output of ``ClientLoop``.
public enum LoopStep: Sendable, Hashable {
    /// Send the next poll at this scenario time.
    case send(at: Nanoseconds)
    /// The poll answered at this time saw the execution terminal: the loop ends, detected.
    case detected(at: Nanoseconds)
    /// The next poll would be later than the timeout allows: the loop ends at this time.
    case abandoned(at: Nanoseconds)
    /// The API refused the execution (401/403/404): the loop ends as an error at this time.
    case errored(at: Nanoseconds)

    /// True when the loop has ended.
    @inlinable public var isEnd: Bool {
        if case .send = self { return false }
        return true
    }
}
