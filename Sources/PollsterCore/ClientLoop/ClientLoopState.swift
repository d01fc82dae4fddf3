/// One execution's place in its client loop: what ``ClientLoop`` needs between polls.
public struct ClientLoopState: Sendable {
    /// When the execution was created (the API's `createdAt`), scenario time.
    public let createdAt: Nanoseconds
    /// The strategy's memory between polls.
    public var strategy: PollingState
    /// The execution's own stream of the strategy's random draws.
    public var rng: Xoshiro256StarStar
    /// Polls answered so far (the number of the next poll, 0-based).
    public var polls: Int
    /// The wait chosen after the last answered poll (Retry-After included), 0 before any.
    public var lastDelay: Nanoseconds

    @usableFromInline init(createdAt: Nanoseconds, strategy: PollingState, rng: Xoshiro256StarStar) {
        self.createdAt = createdAt
        self.strategy = strategy
        self.rng = rng
        self.polls = 0
        self.lastDelay = 0
    }
}
