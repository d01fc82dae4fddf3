/// What a strategy remembers between polls of one execution (its per-execution state).
public struct PollingState: Sendable, Hashable {
    /// The last delay the strategy chose (d_{n-1} for decorrelated jitter).
    public var previousDelay: Nanoseconds
    /// `progressAware`: the previous progress observation, to estimate the rate of progress.
    public var lastProgress: Double?
    public var lastProgressAt: Nanoseconds
    /// `pollyJitter`: f(t) of the previous delay.
    public var previousFormula: Double

    public init(previousDelay: Nanoseconds = 0) {
        self.previousDelay = previousDelay
        self.lastProgress = nil
        self.lastProgressAt = 0
        self.previousFormula = 0
    }
}
