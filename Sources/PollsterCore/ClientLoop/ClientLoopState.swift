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
    /// Turns of the strategy so far: the polls, and the turns a retry budget skipped (the
    /// strategy's delays count turns, so a skipped turn backs off as a poll would).
    public var turns: Int
    /// The last poll was rejected: the next one is a retry.
    public var afterRejection: Bool
    /// The wait chosen after the last answered poll (Retry-After included), 0 before any.
    public var lastDelay: Nanoseconds

    @usableFromInline init(createdAt: Nanoseconds, strategy: PollingState, rng: Xoshiro256StarStar) {
        self.createdAt = createdAt
        self.strategy = strategy
        self.rng = rng
        self.polls = 0
        self.turns = 0
        self.afterRejection = false
        self.lastDelay = 0
    }
}
