/// A due poll of an execution whose key shares client state, after the key had its say
/// (``ClientLoop/send(due:key:state:)``).
public enum SendTurn: Sendable, Hashable {
    /// The poll goes out now (at this time).
    case send(at: Nanoseconds)
    /// The key's send gate holds it back: ask again at this time.
    case wait(until: Nanoseconds)
    /// A retry the key's budget could not pay for: nothing is sent; the loop goes on with
    /// this step.
    case skipped(LoopStep)
}
