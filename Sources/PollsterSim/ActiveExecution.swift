import PollsterCore

/// The client-side state of one execution in its polling loop.
struct ActiveExecution: Sendable {
    var plan: ExecutionPlan
    var state: PollingState
    var strategyRNG: Xoshiro256StarStar
    var latencyRNG: Xoshiro256StarStar
    /// Number of the next poll to send (0-based); also the polls sent so far.
    var nextPoll: Int
    /// A request counted by a concurrency limiter has not been answered yet.
    var requestInFlight: Bool
    /// The polling loop has ended (the slot is recycled once no request is in flight).
    var finished: Bool
}
